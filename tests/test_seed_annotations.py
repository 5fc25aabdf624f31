"""The curated seed annotations: they load after the seeds, exactly, and twice without duplicates."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from claims.curation import build, dump
from claims.services.annotations import CURATED
from claims.services.detection import documents_with_reviews, evaluate
from claims.text.evaluation import Score
from claims.models import Actor, ActorAlias, Claim, ClaimActor, ClaimLink, Document

pytestmark = pytest.mark.django_db

FIXTURE = settings.CLAIMTRACK_FIXTURES_DIR / "seed_annotations.json"


@pytest.fixture
def annotated(seed_corpus):
    """The seeds and their curated annotations (loaded once per module, see conftest)."""


def test_fixture_is_up_to_date_with_its_source():
    source = settings.CLAIMTRACK_FIXTURES_DIR / "seed_annotations.toml"
    assert FIXTURE.read_text(encoding="utf-8") == dump(build(source, settings.CLAIMTRACK_SEEDS_DIR))


def test_fixture_uses_natural_keys_only():
    text = FIXTURE.read_text(encoding="utf-8")
    assert '"pk"' not in text


def test_every_quote_is_the_text_at_its_span(annotated):
    claims = list(Claim.objects.select_related("document"))
    assert len(claims) > 60
    for claim in claims:
        assert claim.quote == claim.document.text[claim.start:claim.end], claim
        claim.full_clean()


def test_no_claim_is_in_page_chrome_or_a_duplicated_block(annotated):
    for claim in Claim.objects.select_related("document"):
        document = claim.document
        assert any(s <= claim.start and claim.end <= e for s, e in document.main_ranges), claim
        assert not any(s <= claim.start < e for s, e, _ in document.duplicate_ranges), claim


def test_links_join_existing_claims_and_are_confirmed(annotated):
    links = list(ClaimLink.objects.all())
    assert len(links) >= 25
    claim_ids = set(Claim.objects.values_list("pk", flat=True))
    for link in links:
        assert {link.from_claim_id, link.to_claim_id} <= claim_ids
        assert link.status == "confirmed"
        link.full_clean()
    relations = {link.relation for link in links}
    assert {"translation", "conflicts", "corroborates", "same_event", "related"} <= relations
    # the translation that disagrees with its original is both a translation and a conflict
    conflict = ClaimLink.objects.get(relation="conflicts")
    assert {conflict.from_claim.language, conflict.to_claim.language} == {"en", "zh-Hant"}


def test_every_document_is_annotated_and_claims_are_reviewed(annotated):
    for document in Document.objects.all():
        assert document.claims.filter(kind="figure").exists() or document.filename.startswith("000")
        assert document.claims.filter(kind="event").exists()
    assert set(Claim.objects.values_list("status", flat=True)) == {"reviewed"}
    assert not Claim.objects.exclude(language="en").filter(paraphrase="").exists()


def test_european_separators_and_bounds_are_normalised(annotated):
    tampered = Claim.objects.get(quote="more than 20.000 websites were tampered with")
    assert (tampered.value, tampered.value_low, tampered.value_high) == (20000, 20000, None)
    nearly = Claim.objects.get(quote="nearly 47,000 IP addresses")
    assert (nearly.value, nearly.value_low, nearly.value_high) == (47000, None, 47000)
    strategy = Claim.objects.get(quote__startswith="去年12月")
    assert (strategy.date_iso, strategy.date_precision) == ("2016-12", "month")


def test_actors_carry_names_in_every_script(annotated):
    xi = Actor.objects.get(slug="xi-jinping")
    assert {"习近平", "習近平"} <= set(xi.aliases.values_list("name", flat=True))
    assert ClaimActor.objects.filter(actor=xi, role="claimant").exists()


def test_every_row_is_loaded_with_history_and_loading_twice_changes_nothing(annotated):
    models = (Actor, ActorAlias, Claim, ClaimActor, ClaimLink)
    counts = [(m.objects.count(), m.history.filter(history_change_reason=CURATED).count()) for m in models]
    assert [rows for rows, _ in counts] == [31, 83, 77, 144, 29] and all(rows == entries for rows, entries in counts)
    out = io.StringIO()
    call_command("load_annotations", str(FIXTURE), stdout=out)
    assert "0 added, 364 left as users left them, 0 naming rows that are not here, 0 refused" in out.getvalue()
    assert [(m.objects.count(), m.history.filter(history_change_reason=CURATED).count()) for m in models] == counts


def test_detection_meets_its_targets_on_the_seeds(annotated):
    scores = evaluate(documents_with_reviews())
    figures, events = (Score(*(sum(getattr(s, name) for (_, k), s in scores.items() if k == kind)
                               for name in ("gold", "suggested", "matched", "exact", "whole")))
                       for kind in ("figure", "event"))
    assert figures.gold == 25 and events.gold == 48
    assert figures.recall >= 0.9 and figures.precision >= 0.8
    assert events.recall >= 0.8
    assert figures.exact_rate >= 0.9 and events.exact_rate >= 0.8
    out = io.StringIO()
    call_command("evaluate_detection", "--seeds", stdout=out)
    assert "en       figure    22" in out.getvalue()
