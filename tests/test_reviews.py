"""claims.reviews reads a published review in one query on PostgreSQL and the same through the ORM elsewhere."""

import pytest

from claims import reviews
from claims.models import Claim
from claims.services.claims import claim_update
from tests.factories import ClaimActorFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def published():
    return claim_update(claim=ClaimFactory(), status="reviewed", verdict="false", reason="reviewed")


def test_one_review_reads_alike_from_postgresql_json_and_from_the_orm(django_assert_num_queries):
    claim = published()
    claim = claim_update(claim=claim, verdict="mixed", reason="re-rated")
    for role in ("claimant", "subject", "claimant"):
        ClaimActorFactory(claim=claim, role=role)
    ClaimLinkFactory(from_claim=claim, relation="corroborates", note="agrees")
    ClaimLinkFactory(to_claim=claim, relation="conflicts", note="disagrees")
    ClaimLinkFactory(to_claim=claim, from_claim=published(), relation="corroborates", note="also agrees")
    ClaimLinkFactory(from_claim=claim, relation="conflicts", status="rejected")
    ClaimLinkFactory(from_claim=claim, relation="translation")
    with django_assert_num_queries(1):
        review = reviews.published_review(claim.pk)
    orm = reviews._related(claim.pk)
    assert {key: review[key] for key in orm} == orm
    assert len(review["actors"]) == 3 and len(review["links"]) == 3 and len(review["history"]) == 3


def test_a_list_of_reviews_reads_alike_from_postgresql_json_and_from_the_orm():
    claims = [published() for _ in range(4)]
    ClaimActorFactory(claim=claims[0], role="claimant")
    ClaimActorFactory(claim=claims[2], role="subject")
    queryset = Claim.objects.published_reviews().order_by(*reviews.LIST_ORDERING)
    assert reviews.review_rows(queryset) == reviews._rows_from_orm(queryset)
    assert [len(row["actors"]) for row in reviews.review_rows(queryset.order_by("id"))] == [1, 0, 1, 0]


def test_no_review_for_a_missing_claim():
    assert reviews.published_review(2**40) is None


def test_the_queryset_and_the_reason_agree_on_what_is_published():
    claims = [ClaimFactory(status=status, verdict=verdict) for status in Claim.Status.values
              for verdict in ["", *Claim.Verdict.values]]
    published_ids = set(Claim.objects.published_reviews().values_list("id", flat=True))
    for claim in claims:
        problem = reviews.published_review_problem({"status": claim.status, "verdict": claim.verdict})
        assert (problem is None) == (claim.pk in published_ids), (claim.status, claim.verdict)
    assert len(published_ids) == len(Claim.Verdict.values)  # reviewed, with any verdict
