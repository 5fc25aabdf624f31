"""Generic endpoint tests (NetBox-style): each endpoint declares its data, the mixin holds the mechanics."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Actor, Claim, ClaimLink, Document, Source
from tests.factories import (
    ActorAliasFactory, ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


class EndpointTests:
    """Mechanics shared by every endpoint: list, detail, create, update, delete, query budget."""

    endpoint: str
    model: type
    rows_per_make = 1  # rows that make() adds to the list

    def make(self):
        raise NotImplementedError

    def create_payload(self) -> dict:
        raise NotImplementedError

    update_payload: dict

    def url(self, pk=None):
        return f"/api/{self.endpoint}/" + (f"{pk}/" if pk else "")

    def make_deletable(self):
        """A row the API may delete, the rows that go with it, and the rows that must stay (querysets)."""
        return self.make(), [], []

    def test_list_and_detail(self, client_as):
        obj = self.make()
        client = client_as("fact-checkers")
        listed = client.get(self.url())
        assert listed.status_code == 200
        rows = listed.json()["results"]
        assert sorted(row["id"] for row in rows) == sorted(self.model.objects.values_list("pk", flat=True))
        assert len(rows) == self.rows_per_make
        detail = client.get(self.url(obj.pk))
        assert detail.status_code == 200 and detail.headers["ETag"]
        [row] = [row for row in rows if row["id"] == obj.pk]
        assert {key: detail.json().get(key) for key in row} == row  # the detail's values, or some of them

    def test_unknown_id_is_404_json(self, client_as):
        response = client_as("fact-checkers").get(self.url(987654321))
        assert response.status_code == 404 and "detail" in response.json()

    def test_create(self, client_as):
        response = client_as("editors").post(self.url(), self.create_payload(), format="json")
        assert response.status_code == 201, response.json()
        assert self.model.objects.filter(pk=response.json()["id"]).exists()
        entry = self.model.history.filter(id=response.json()["id"]).earliest()
        assert (entry.history_type, entry.history_change_reason) == ("+", "added through the API")

    def test_create_with_bad_body_is_400(self, client_as):
        response = client_as("editors").post(self.url(), {"id": "x", "unknown": [1, {"deep": None}]}, format="json")
        assert response.status_code == 400
        assert isinstance(response.json(), dict)

    def test_update_with_if_match(self, client_as):
        obj = self.make()
        client = client_as("editors")
        etag = client.get(self.url(obj.pk)).headers["ETag"]
        response = client.patch(self.url(obj.pk), self.update_payload, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == 200, response.json()
        for key, value in self.update_payload.items():
            assert response.json()[key] == value
        assert response.headers["ETag"] != etag
        entry = self.model.history.filter(id=obj.pk).latest()
        assert (entry.history_type, entry.history_change_reason, entry.history_user.username) == (
            "~", "edited through the API", "editors-user")

    def test_delete(self, client_as):
        obj, dependants, independents = self.make_deletable()
        assert all(rows.exists() for rows in dependants)
        kept = [list(rows.values_list("pk", flat=True)) for rows in independents]
        assert all(kept)
        client = client_as("editors")
        etag = client.get(self.url(obj.pk)).headers["ETag"]
        assert client.delete(self.url(obj.pk), HTTP_IF_MATCH=etag).status_code == 204
        assert not self.model.objects.filter(pk=obj.pk).exists()
        assert not any(rows.exists() for rows in dependants), "a row that depends on the deleted one is left"
        assert [list(rows.values_list("pk", flat=True)) for rows in independents] == kept
        deletion = self.model.history.get(id=obj.pk, history_type="-")
        assert (deletion.history_user.username, deletion.history_change_reason) == (
            "editors-user", "deleted through the API")  # the history says who deleted it, and how

    def test_list_query_count_is_the_same_for_n_and_2n_rows(self, client_as, django_assert_num_queries):
        client = client_as("fact-checkers")
        for _ in range(3):
            self.make()
        client.get(self.url())  # warm up caches (content types, permissions)
        with CaptureQueriesContext(connection) as n_rows:
            assert client.get(self.url()).status_code == 200
        for _ in range(3):
            self.make()
        with django_assert_num_queries(len(n_rows)):
            response = client.get(self.url())
        assert len(response.json()["results"]) == 6 * self.rows_per_make


class TestSources(EndpointTests):
    endpoint, model = "sources", Source
    update_payload = {"name": "China Daily (renamed)"}

    def make(self):
        return SourceFactory()

    def create_payload(self):
        return {"name": "Xinhua", "slug": "xinhua", "kind": "state_media", "country": "CN"}

    def test_a_source_with_documents_is_not_deleted(self, client_as):
        document = DocumentFactory()
        client = client_as("editors")
        etag = client.get(self.url(document.source_id)).headers["ETag"]
        assert client.delete(self.url(document.source_id), HTTP_IF_MATCH=etag).status_code == 409
        assert Document.objects.get(pk=document.pk).source_id == document.source_id


class TestActors(EndpointTests):
    endpoint, model = "actors", Actor
    update_payload = {"country": "US"}

    def make(self):
        alias = ActorAliasFactory()
        return alias.actor

    def make_deletable(self):
        actor = self.make()
        ActorAliasFactory(actor=actor)
        other = ActorAliasFactory()
        return actor, [actor.aliases.all()], [Actor.objects.filter(pk=other.actor_id), other.actor.aliases.all()]

    def test_an_actor_in_a_claim_or_above_another_is_not_deleted(self, client_as):
        in_claim = ClaimActorFactory().actor
        parent = ActorFactory()
        ActorFactory(parent=parent)
        client = client_as("editors")
        for actor in (in_claim, parent):
            etag = client.get(self.url(actor.pk)).headers["ETag"]
            assert client.delete(self.url(actor.pk), HTTP_IF_MATCH=etag).status_code == 409
        assert Actor.objects.filter(pk__in=[in_claim.pk, parent.pk]).count() == 2
        assert in_claim.claim_roles.count() == 1 and parent.children.count() == 1

    def create_payload(self):
        return {"kind": "person", "name": "Xi Jinping", "slug": "xi-jinping",
                "aliases": [{"name": "习近平", "language": "zh-Hans"}, {"name": "習近平", "language": "zh-Hant"}]}


class TestDocuments(EndpointTests):
    endpoint, model = "documents", Document
    update_payload = {"title": "A better title", "published": "2015-09"}

    def make(self):
        document = DocumentFactory()
        ClaimFactory(document=document)
        return document

    def make_deletable(self):
        """A document with no claims (claims protect theirs); its source stays."""
        document = DocumentFactory()
        return document, [], [Source.objects.filter(pk=document.source_id)]

    def test_a_document_with_claims_is_not_deleted(self, client_as):
        claim = ClaimFactory()
        client = client_as("editors")
        etag = client.get(self.url(claim.document_id)).headers["ETag"]
        response = client.delete(self.url(claim.document_id), HTTP_IF_MATCH=etag)
        assert response.status_code == 409 and "claims" in response.json()["detail"]
        assert Document.objects.filter(pk=claim.document_id).exists()
        assert Claim.objects.get(pk=claim.pk).quote == claim.quote

    def test_the_text_is_refused_and_never_rewritten(self, client_as):
        claim = ClaimFactory(document=DocumentFactory(text="Intro.\n\nNearly 47,000 IP addresses abroad.\n"))
        document = claim.document
        client = client_as("editors")
        detail = client.get(self.url(document.pk))
        changed = client.patch(self.url(document.pk), {"text": "Another text."}, format="json",
                               HTTP_IF_MATCH=detail.headers["ETag"])
        assert changed.status_code == 400 and "re-import" in changed.json()["text"][0]
        unchanged = {key: detail.json()[key] for key in ("title", "text", "languages")}  # as sent back by a client
        response = client.patch(self.url(document.pk), {**unchanged, "title": "Renamed"}, format="json",
                                HTTP_IF_MATCH=detail.headers["ETag"])
        assert response.status_code == 200
        document.refresh_from_db()
        assert document.title == "Renamed" and document.text.endswith("abroad.\n")  # not trimmed

    def create_payload(self):
        SourceFactory(slug="xinhua", name="Xinhua")
        return {"title": "Report", "text": "Nearly 47,000 IP addresses abroad.", "source": "xinhua",
                "published": "2012-05-31", "languages": ["en"]}


class TestClaims(EndpointTests):
    endpoint, model = "claims", Claim
    rows_per_make = 2  # a claim with an actor, linked to another claim
    update_payload = {"note": "checked against the original", "value": 47000}

    def make(self):
        claim = ClaimFactory()
        ClaimActorFactory(claim=claim)
        ClaimLinkFactory(from_claim=claim, to_claim=ClaimFactory(document=claim.document))
        return claim

    def make_deletable(self):
        """Its roles and links go with it; the actor, the claim at the other end and the document stay."""
        claim = self.make()
        [role], [link] = claim.claim_actors.all(), claim.links_from.all()
        return claim, [claim.claim_actors.all(), ClaimLink.objects.filter(pk=link.pk)], [
            Actor.objects.filter(pk=role.actor_id), Claim.objects.filter(pk=link.to_claim_id),
            Document.objects.filter(pk=claim.document_id)]

    def create_payload(self):
        document = DocumentFactory(text="A survey indicates nearly 47,000 IP addresses abroad.")
        actor = ActorFactory(slug="cncert")
        start = document.text.index("nearly")
        return {"document": document.pk, "kind": "figure", "start": start, "end": start + 13,
                "value": "47000", "value_high": "47000", "unit": "IP addresses", "date": "2011",
                "actors": [{"actor": actor.slug, "role": "cited_source"}]}

    def test_representation(self, client_as):
        claim = ClaimFactory(event=True, paraphrase="In October 2013 ...")
        ClaimActorFactory(claim=claim, role="participant")
        other = ClaimFactory()
        link = ClaimLinkFactory(from_claim=other, to_claim=claim, relation="conflicts", status="suggested")
        data = client_as("fact-checkers").get(self.url(claim.pk)).json()
        assert data["date"] == "2013-10" and data["date_precision"] == "month"
        assert data["document"] == claim.document_id and data["document_title"] == claim.document.title
        assert data["source"] == claim.document.source.slug
        assert data["actors"][0]["role"] == "participant"
        assert data["links"] == [{"id": link.pk, "claim": other.pk, "relation": "conflicts", "status": "suggested"}]
        assert data["quote"] == claim.document.text[data["start"]:data["end"]]

    def test_create_fills_quote_and_checks_it(self, client_as):
        payload = self.create_payload()
        response = client_as("editors").post(self.url(), {**payload, "quote": "something else"}, format="json")
        assert response.status_code == 400 and "quote" in response.json()
        response = client_as("editors").post(self.url(), payload, format="json")
        data = response.json()
        assert data["quote"] == "nearly 47,000" and data["date"] == "2011"
        [actor] = data["actors"]
        assert (actor["slug"], actor["role"]) == ("cncert", "cited_source")

    def test_bounds_out_of_order_are_400(self, client_as):
        payload = {**self.create_payload(), "value_low": "50000"}
        response = client_as("editors").post(self.url(), payload, format="json")
        assert response.status_code == 400

    def test_editors_cannot_set_status_or_verdict_but_reviewers_can(self, client_as):
        claim = ClaimFactory()
        editor, reviewer = client_as("editors"), client_as("reviewers")
        etag = editor.get(self.url(claim.pk)).headers["ETag"]
        response = editor.patch(self.url(claim.pk), {"status": "reviewed", "verdict": "true"}, format="json",
                                HTTP_IF_MATCH=etag)
        assert response.status_code == 403 and "reviewers" in response.json()["detail"]
        response = reviewer.patch(self.url(claim.pk), {"status": "reviewed", "verdict": "true"}, format="json",
                                  HTTP_IF_MATCH=etag)
        assert response.status_code == 200 and response.json()["verdict"] == "true"
        response = editor.post(self.url(), {**self.create_payload(), "status": "reviewed"}, format="json")
        assert response.status_code == 403


class TestClaimLinks(EndpointTests):
    endpoint, model = "claim-links", ClaimLink
    update_payload = {"status": "rejected", "note": "different periods"}

    def make(self):
        return ClaimLinkFactory()

    def make_deletable(self):
        link = self.make()
        return link, [], [Claim.objects.filter(pk__in=[link.from_claim_id, link.to_claim_id])]

    def create_payload(self):
        a, b = ClaimFactory(), ClaimFactory()
        return {"from_claim": a.pk, "to_claim": b.pk, "relation": "corroborates"}

    def test_self_link_and_duplicate_are_400(self, client_as):
        claim = ClaimFactory()
        client = client_as("editors")
        response = client.post(self.url(), {"from_claim": claim.pk, "to_claim": claim.pk, "relation": "conflicts"},
                               format="json")
        assert response.status_code == 400
        payload = self.create_payload()
        assert client.post(self.url(), payload, format="json").status_code == 201
        reverse = {**payload, "from_claim": payload["to_claim"], "to_claim": payload["from_claim"]}
        response = client.post(self.url(), reverse, format="json")
        assert response.status_code == 400 and "already linked" in str(response.json())


def test_api_root_lists_every_endpoint(client_as):
    data = client_as("fact-checkers").get("/api/").json()
    assert set(data) == {"documents", "sources", "actors", "claims", "claim-links"}


def test_figures_are_exact_json_numbers_without_padding(client_as):
    claim = ClaimFactory(value=Decimal("8.9e6"), value_low=Decimal("0.478"),
                         value_high=Decimal("123456789012345678.123456"))
    body = client_as("fact-checkers").get(f"/api/claims/{claim.pk}/").content
    assert b'"value":8900000,' in body and b'"value_low":0.478,' in body
    assert b'"value_high":123456789012345678.123456,' in body  # 24 significant digits: a float would lose some
    assert json.loads(body, parse_float=Decimal)["value_high"] == Decimal("123456789012345678.123456")
    exported = client_as("fact-checkers").get(f"/api/claims/export/jsonl/?document={claim.document_id}")
    assert b'"value":8900000,' in b"".join(exported.streaming_content)


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "text/html", "text/csv", "*/*; q=0.5",
                                    "application/json; indent=4", "text/*", "*/*, text/html"])
@pytest.mark.parametrize("query", ["", "format=json", "format=csv", "format="])
def test_content_negotiation_answers_what_drf_answers(accept, query):
    """The shortcut for clients that take anything chooses what DRF's own negotiation chooses, and only then."""
    from django.test import RequestFactory
    from rest_framework.negotiation import DefaultContentNegotiation
    from rest_framework.renderers import BrowsableAPIRenderer
    from rest_framework.request import Request

    from claims.api.exports import CSVRenderer, JSONLinesRenderer
    from claims.api.negotiation import ContentNegotiation
    from claims.api.renderers import ORJSONRenderer

    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    request = Request(RequestFactory().get(f"/api/claims/?{query}", **headers))
    renderers = [ORJSONRenderer(), BrowsableAPIRenderer(), CSVRenderer(), JSONLinesRenderer()]

    def chosen(negotiation):
        try:
            return negotiation.select_renderer(request, renderers)
        except Exception as exc:  # noqa: BLE001  (a 406 must stay a 406)
            return type(exc).__name__

    assert chosen(ContentNegotiation()) == chosen(DefaultContentNegotiation())
