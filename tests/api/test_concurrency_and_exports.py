"""ETag and If-Match behaviour, and the exports: CSV, JSON Lines, ClaimReview, Web Annotation."""

import csv
import io
import json
from datetime import date

import pytest

from claims.models import Claim
from claims.services.claims import claim_update
from tests.factories import (ActorFactory, ClaimActorFactory, ClaimFactory, DocumentFactory,
                             SourceFactory)

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


def _review(client, claim):
    return client.get(f"/api/claims/{claim.pk}/claimreview/")


@pytest.mark.parametrize("status, verdict", [("draft", ""), ("suggested", ""), ("rejected", ""),
                                             ("disputed", "false"), ("reviewed", "")])
def test_claimreview_is_404_with_a_reason_until_published(client_as, status, verdict):
    claim = ClaimFactory(status=status, verdict=verdict)
    response = _review(client_as("fact-checkers"), claim)
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert "published review" in response.json()["detail"]


def test_claimreview_of_a_published_review(client_as, settings):
    settings.CLAIMTRACK_REVIEWER_NAME, settings.CLAIMTRACK_REVIEWER_URL = "Checkers", "https://checkers.example/"
    claim = ClaimFactory(status="draft", verdict="", paraphrase="Nearly 47,000 foreign IP addresses")
    ClaimActorFactory(claim=claim, actor=ActorFactory(name="CNCERT", kind="government_body"), role="claimant")
    claim = claim_update(claim=claim, status="reviewed", verdict="mostly_true", reason="reviewed")
    review = _review(client_as("fact-checkers"), claim).json()
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == claim.paraphrase
    assert review["url"] == f"http://testserver/fact-checks/{claim.pk}/"  # the public page that hosts it
    assert review["author"] == {"@type": "Organization", "name": "Checkers", "url": "https://checkers.example/"}
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "mostly true",
                                      "ratingValue": 4, "bestRating": 5, "worstRating": 1}
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"] == [{"@type": "Organization", "name": "CNCERT"}]


def test_claimreview_author_defaults_to_the_site(client_as):
    claim = ClaimFactory(status="reviewed", verdict="false")
    author = _review(client_as("fact-checkers"), claim).json()["author"]
    assert author == {"@type": "Organization", "name": "claimtrack", "url": "http://testserver/"}


def test_claimreview_claim_author_is_the_source_without_a_claimant(client_as):
    source = SourceFactory(name="Xinhua", homepage="https://xinhua.example/")
    claim = ClaimFactory(status="reviewed", verdict="false", document=DocumentFactory(source=source))
    item = _review(client_as("fact-checkers"), claim).json()["itemReviewed"]
    assert item["author"] == [{"@type": "Organization", "name": "Xinhua", "url": "https://xinhua.example/"}]


@pytest.mark.parametrize("start, end, precision, expected", [
    (date(2014, 1, 1), date(2014, 12, 31), "year", "2014"),
    (date(2014, 10, 1), date(2014, 10, 31), "month", "2014-10"),
    (date(2014, 10, 15), date(2014, 10, 15), "day", "2014-10-15"),
])
def test_claimreview_claim_date_at_the_documents_precision(client_as, start, end, precision, expected):
    document = DocumentFactory(published_start=start, published_end=end, published_precision=precision,
                               url="https://outlet.example/story")
    claim = ClaimFactory(status="reviewed", verdict="true", document=document)
    item = _review(client_as("fact-checkers"), claim).json()["itemReviewed"]
    assert item["datePublished"] == expected
    assert item["appearance"]["url"] == "https://outlet.example/story"


def test_claimreview_has_no_appearance_without_a_document_url(client_as):
    claim = ClaimFactory(status="reviewed", verdict="true", document=DocumentFactory(url=""))
    assert "appearance" not in _review(client_as("fact-checkers"), claim).json()["itemReviewed"]


def test_claimreview_unverifiable_is_named_but_not_placed_on_the_scale(client_as):
    claim = ClaimFactory(status="reviewed", verdict="unverifiable")
    rating = _review(client_as("fact-checkers"), claim).json()["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "unverifiable"}


def test_claimreview_dates_come_from_the_history(client_as):
    claim = ClaimFactory(status="draft", verdict="")
    claim = claim_update(claim=claim, status="reviewed", verdict="false", reason="reviewed")
    client = client_as("fact-checkers")
    first = _review(client, claim).json()
    assert first["datePublished"] == first["dateModified"]
    claim = claim_update(claim=claim, note="a reviewer's aside", reason="note")
    after_note = _review(client, claim).json()
    assert (after_note["datePublished"], after_note["dateModified"]) == (first["datePublished"],
                                                                         first["dateModified"])
    claim = claim_update(claim=claim, verdict="mostly_false", reason="re-rated")
    rerated = _review(client, claim).json()
    assert rerated["datePublished"] == first["datePublished"]
    assert rerated["dateModified"] > first["dateModified"]


def test_web_annotation_selects_the_span(client_as):
    claim = ClaimFactory()
    annotation = client_as("fact-checkers").get(f"/api/claims/{claim.pk}/annotation/").json()
    position, quote = annotation["target"]["selector"]
    assert annotation["type"] == "Annotation"
    assert position == {"type": "TextPositionSelector", "start": claim.start, "end": claim.end}
    assert quote["exact"] == claim.quote and quote["prefix"] == claim.prefix
    assert annotation["target"]["source"] == f"http://testserver/api/documents/{claim.document_id}/text/"


def test_a_claims_etag_is_that_of_what_is_shown_padding_or_not(client_as):
    """The representation keeps figures as read (47000.000000); its ETag is the one of the figures as written (47000),
    so it did not change when the representation stopped unpadding them, and it changes with the figure."""
    from decimal import Decimal

    from claims.api.concurrency import etag_of
    from claims.representations import figure
    from claims.selectors import claim_representation

    claim = ClaimFactory(value=Decimal("47000"), value_low=Decimal("0.5"), value_high=None)
    shown = claim_representation(claim.pk)
    assert shown["value"].as_tuple().exponent == -6  # as read from the column
    unpadded = {**shown, **{name: figure(shown[name]) for name in ("value", "value_low", "value_high")}}
    assert etag_of(shown) == etag_of(unpadded)
    assert client_as("fact-checkers").get(f"/api/claims/{claim.pk}/").headers["ETag"] == etag_of(unpadded)
    assert etag_of({**shown, "value": Decimal("47001")}) != etag_of(shown)
