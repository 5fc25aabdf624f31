"""ETag and If-Match behaviour, and the exports: CSV, JSON Lines, ClaimReview, Web Annotation."""

import csv
import io
import json

import pytest

from claims.models import Claim
from tests.factories import ActorFactory, ClaimActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_if_none_match_gives_304(client_as):
    claim = ClaimFactory()
    client = client_as("fact-checkers")
    etag = client.get(f"/api/claims/{claim.pk}/").headers["ETag"]
    response = client.get(f"/api/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.headers["ETag"] == etag
    assert client.get(f"/api/claims/{claim.pk}/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_stale_if_match_gives_412_and_changes_nothing(client_as):
    claim = ClaimFactory(note="original")
    alice, bob = client_as("editors"), client_as("reviewers")
    etag = alice.get(f"/api/claims/{claim.pk}/").headers["ETag"]
    assert bob.patch(f"/api/claims/{claim.pk}/", {"note": "bob"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    response = alice.patch(f"/api/claims/{claim.pk}/", {"note": "alice"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    claim.refresh_from_db()
    assert claim.note == "bob"
    assert alice.delete(f"/api/claims/{claim.pk}/", HTTP_IF_MATCH=etag).status_code == 412
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_writes_without_if_match_are_refused(client_as):
    claim = ClaimFactory(note="original")
    response = client_as("editors").patch(f"/api/claims/{claim.pk}/", {"note": "blind"}, format="json")
    assert response.status_code == 428 and "If-Match" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.note == "original"


def test_etag_changes_when_a_link_is_added(client_as):
    from tests.factories import ClaimLinkFactory

    claim = ClaimFactory()
    client = client_as("fact-checkers")
    before = client.get(f"/api/claims/{claim.pk}/").headers["ETag"]
    ClaimLinkFactory(from_claim=claim)
    assert client.get(f"/api/claims/{claim.pk}/").headers["ETag"] != before


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_holds_the_whole_filtered_set(client_as):
    ClaimFactory.create_batch(60, kind="figure")
    ClaimFactory.create_batch(5, event=True)
    response = client_as("fact-checkers").get("/api/claims/?kind=figure&format=csv&page_size=10")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_body(response).lstrip("\ufeff"))))
    assert len(rows) == 60 and {row["kind"] for row in rows} == {"figure"}


def test_jsonl_export_is_one_claim_per_line(client_as):
    claims = ClaimFactory.create_batch(3)
    response = client_as("fact-checkers").get("/api/claims/?format=jsonl")
    lines = [json.loads(line) for line in _body(response).splitlines()]
    assert sorted(row["id"] for row in lines) == sorted(c.pk for c in claims)
    assert all(row["quote"] for row in lines)


def test_claimreview_has_a_rating_once_reviewed(client_as):
    claim = ClaimFactory(status="draft", verdict="", paraphrase="Nearly 47,000 foreign IP addresses")
    ClaimActorFactory(claim=claim, actor=ActorFactory(name="CNCERT", kind="government_body"), role="claimant")
    client = client_as("fact-checkers")
    review = client.get(f"/api/claims/{claim.pk}/claimreview/").json()
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == claim.paraphrase
    assert review["itemReviewed"]["author"] == [{"@type": "Organization", "name": "CNCERT"}]
    assert "reviewRating" not in review
    Claim.objects.filter(pk=claim.pk).update(status="reviewed", verdict="mostly_true")
    review = client.get(f"/api/claims/{claim.pk}/claimreview/").json()
    assert review["reviewRating"]["ratingValue"] == 4 and review["reviewRating"]["alternateName"] == "mostly true"


def test_web_annotation_selects_the_span(client_as):
    claim = ClaimFactory()
    annotation = client_as("fact-checkers").get(f"/api/claims/{claim.pk}/annotation/").json()
    position, quote = annotation["target"]["selector"]
    assert annotation["type"] == "Annotation"
    assert position == {"type": "TextPositionSelector", "start": claim.start, "end": claim.end}
    assert quote["exact"] == claim.quote and quote["prefix"] == claim.prefix
    assert annotation["target"]["source"].endswith(f"/api/documents/{claim.document_id}/")
