"""generate_synthetic: realistic, valid rows written with COPY, usable by the API at once."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from claims.models import Actor, Claim, ClaimActor, ClaimLink, Document

pytestmark = pytest.mark.django_db


def test_generates_exact_counts_of_valid_rows_and_can_run_again(client_as):
    out = io.StringIO()
    call_command("generate_synthetic", documents=7, claims=75, actors=12, links=20, no_progress=True, stdout=out)
    assert "Added 7 documents, 75 claims, 12 actors and 20 links" in out.getvalue()
    assert (Document.objects.count(), Claim.objects.count(), Actor.objects.count(), ClaimLink.objects.count()) == (
        7, 75, 12, 20)
    for claim in Claim.objects.select_related("document"):
        assert claim.quote == claim.document.text[claim.start:claim.end]
        claim.full_clean()
    kinds = set(Claim.objects.values_list("kind", flat=True))
    precisions = set(Claim.objects.values_list("date_precision", flat=True))
    assert kinds == {"figure", "event", "statement"} and {"day", "month", "year"} <= precisions
    assert Claim.objects.filter(kind="figure", value_low__isnull=False).exists()
    assert Claim.objects.filter(kind="figure", value_high__isnull=False).exists()
    assert {"en", "zh-Hans"} <= set(Claim.objects.values_list("language", flat=True))
    assert ClaimActor.objects.values("claim").annotate(n=Count("id")).filter(n=2).count() == 75
    # the search trigger filled the vectors during COPY, and the sequences follow the new rows
    assert not Claim.objects.filter(search_vector__isnull=True).exists()
    assert Claim.objects.create(document=Document.objects.first(), start=0, end=3, quote=Document.objects.first().text[:3],
                                kind="statement", language="en").pk > 75
    call_command("generate_synthetic", documents=2, claims=10, actors=2, no_progress=True, stdout=io.StringIO())
    assert Document.objects.count() == 9
    assert client_as("fact-checkers").get("/api/claims/?kind=figure&date_after=2010").status_code == 200


def test_refuses_nonsense_sizes():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="at least one claim per document"):
        call_command("generate_synthetic", documents=10, claims=5, no_progress=True)
