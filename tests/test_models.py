"""The domain model's integrity rules, in the database and in validation, on PostgreSQL."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from claims.models import Claim, ClaimLink, Document, content_hash
from claims.services.claims import claim_create, claim_update
from claims.services.links import claim_link_create
from tests.factories import (
    ActorAliasFactory, ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def _integrity_error(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_every_factory_builds_a_valid_row():
    for factory in (SourceFactory, DocumentFactory, ActorFactory, ActorAliasFactory, ClaimFactory,
                    ClaimActorFactory, ClaimLinkFactory):
        obj = factory()
        obj.full_clean()


def test_factory_claim_quote_is_the_text_at_its_span():
    for claim in ClaimFactory.create_batch(20):
        assert claim.quote == claim.document.text[claim.start:claim.end]
        assert 0 <= claim.start < claim.end <= len(claim.document.text)


def test_document_hash_is_sha256_of_text_and_unique():
    doc = DocumentFactory(text="Nearly 47,000 IP addresses.")
    assert doc.content_hash == content_hash("Nearly 47,000 IP addresses.")
    assert len(doc.content_hash) == 64
    _integrity_error(lambda: DocumentFactory(text="Nearly 47,000 IP addresses."))


def test_document_rejects_unknown_language_and_half_dates():
    doc = DocumentFactory.build(languages=["en", "fr"])
    with pytest.raises(ValidationError, match="unknown language"):
        doc.full_clean()
    doc = DocumentFactory.build(published_precision="month", published_start=date(2013, 10, 5),
                                published_end=date(2013, 10, 31))
    with pytest.raises(ValidationError, match="first day"):
        doc.full_clean()
    _integrity_error(lambda: DocumentFactory(published_start=date(2013, 1, 1), published_end=None,
                                             published_precision="year"))


def test_language_filter_works_on_json_list():
    DocumentFactory(languages=["en", "zh-Hans"])
    DocumentFactory(languages=["zh-Hant"])
    assert Document.objects.with_language("zh-Hans").count() == 1
    assert Document.objects.with_language("zh").count() == 0


# --- Claim spans ------------------------------------------------------------------------------------


def test_database_refuses_span_that_does_not_start_before_it_ends():
    claim = ClaimFactory()
    _integrity_error(lambda: Claim.objects.filter(pk=claim.pk).update(end=claim.start))


def test_database_refuses_negative_offsets():
    claim = ClaimFactory()
    _integrity_error(lambda: Claim.objects.filter(pk=claim.pk).update(start=-1))


def test_validation_refuses_span_past_the_end_of_the_text():
    doc = DocumentFactory(text="short text")
    with pytest.raises(ValidationError, match="past the end"):
        claim_create(document=doc, start=6, end=40, kind="statement", quote="text")


def test_validation_refuses_quote_that_differs_from_the_text():
    doc = DocumentFactory(text="nearly 47,000 IP addresses")
    with pytest.raises(ValidationError, match="does not match"):
        claim_create(document=doc, start=7, end=13, kind="statement", quote="48,000")
    assert not Claim.objects.exists()


def test_claim_create_takes_quote_and_context_from_text():
    text = "A survey last year indicates there are nearly 47,000 IP addresses abroad"
    doc = DocumentFactory(text=text, languages=["en"])
    start = text.index("nearly")
    claim = claim_create(document=doc, start=start, end=start + len("nearly 47,000"), kind="figure",
                         value=Decimal(47000), value_high=Decimal(47000), unit="IP addresses")
    assert claim.quote == "nearly 47,000"
    assert claim.prefix == text[start - 32:start]
    assert claim.suffix == " IP addresses abroad"
    assert claim.language == "en"


def test_spans_count_code_points_outside_the_basic_plane():
    text = "𠀀𠀁 网络安全 890万台"
    doc = DocumentFactory(text=text, languages=["zh-Hans"])
    claim = claim_create(document=doc, start=8, end=13, kind="figure", value=Decimal(8900000), unit="台")
    assert claim.quote == "890万台"


def test_moving_a_span_takes_the_new_quote():
    doc = DocumentFactory(text="over 7,400 incidents were reported in July 2015")
    claim = claim_create(document=doc, start=0, end=10, kind="figure", value_low=Decimal(7400), unit="incidents")
    claim_update(claim=claim, start=5, end=10)
    claim.refresh_from_db()
    assert claim.quote == "7,400" and claim.prefix == "over "


def test_one_claim_per_span_and_kind():
    claim = ClaimFactory()
    _integrity_error(lambda: ClaimFactory(document=claim.document, start=claim.start, end=claim.end,
                                          kind=claim.kind))


# --- Figures and dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("low, value, high", [
    (Decimal(10), None, Decimal(5)),
    (Decimal(10), Decimal(5), None),
    (None, Decimal(50), Decimal(5)),
])
def test_bounds_out_of_order_are_refused_in_validation_and_database(low, value, high):
    with pytest.raises(ValidationError):
        ClaimFactory.build(document=DocumentFactory(), value_low=low, value=value, value_high=high).full_clean()
    _integrity_error(lambda: ClaimFactory(value_low=low, value=value, value_high=high))


def test_only_figures_have_values():
    _integrity_error(lambda: ClaimFactory(event=True, value=Decimal(3)))


def test_event_date_is_an_interval_with_precision():
    claim = ClaimFactory(event=True)
    assert (claim.date_start, claim.date_end, claim.date_precision) == (date(2013, 10, 1), date(2013, 10, 31),
                                                                        "month")
    assert claim.date_iso == "2013-10"


def test_date_interval_must_be_complete_and_ordered():
    _integrity_error(lambda: ClaimFactory(date_start=date(2014, 1, 1), date_end=None, date_precision="year"))
    _integrity_error(lambda: ClaimFactory(date_start=date(2014, 1, 1), date_end=date(2013, 12, 31),
                                          date_precision="year"))
    bad = ClaimFactory.build(document=DocumentFactory(), date_start=date(2014, 1, 1), date_end=date(2014, 3, 3),
                             date_precision="month")
    with pytest.raises(ValidationError, match="last day"):
        bad.full_clean()


# --- Links -----------------------------------------------------------------------------------------


def test_database_refuses_self_link():
    claim = ClaimFactory()
    _integrity_error(lambda: ClaimLink.objects.create(from_claim=claim, to_claim=claim, relation="corroborates"))
    with pytest.raises(ValidationError, match="itself"):
        claim_link_create(from_claim=claim, to_claim=claim, relation="corroborates")


def test_one_link_per_unordered_pair_and_relation():
    a, b = ClaimFactory(), ClaimFactory()
    ClaimLinkFactory(from_claim=a, to_claim=b, relation="conflicts")
    _integrity_error(lambda: ClaimLink.objects.create(from_claim=b, to_claim=a, relation="conflicts"))
    with pytest.raises(ValidationError, match="already linked"):
        claim_link_create(from_claim=b, to_claim=a, relation="conflicts")
    # A different relation between the same pair is a different link.
    claim_link_create(from_claim=b, to_claim=a, relation="translation")
    assert ClaimLink.objects.count() == 2


def test_document_with_claims_cannot_be_deleted():
    from django.db.models import ProtectedError

    claim = ClaimFactory()
    with pytest.raises(ProtectedError):
        claim.document.delete()
