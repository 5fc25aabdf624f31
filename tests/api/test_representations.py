"""A claim's representation is defined once (claims.representations): the fast read path (claims.selectors)
shows every claim exactly as ClaimSerializer does, and the list, the detail, both exports, the schema and the
benchmark floor's hand-written SQL all have its fields, in its order, with the same values."""

import csv
import io
import json
from datetime import date
from datetime import timezone as dt_timezone
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from django.db import connection

from claims.api.renderers import dumps
from claims.api.serializers import ClaimSerializer
from claims.models import Claim
from claims.representations import CLAIM_FIELD_NAMES, CLAIM_READ_ONLY_FIELDS, CLAIM_VALUES
from claims.selectors import claim_representation, claim_representations, claim_values
from tests.factories import ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_claims():
    """Figures with and without bounds, events with ranges, no date, no source, actors and links both ways."""
    document = DocumentFactory(source=None)
    figure = ClaimFactory(value=Decimal("123456789012345678.123456"), value_low=Decimal("0.5"), value_high=None)
    bare = ClaimFactory(document=document, value=None, value_high=None, unit="", date_start=None, date_end=None,
                        date_precision="", note="=SUM(A1)", paraphrase="二十万")
    event = ClaimFactory(event=True, date_start=date(2011, 1, 1), date_end=date(2014, 12, 31), date_precision="year",
                         language="zh-Hans", status="reviewed", verdict="mostly_true")
    day = ClaimFactory(event=True, document=event.document, date_start=date(2013, 10, 1),
                       date_end=date(2013, 10, 3), date_precision="day", detached=True)
    for name, role in (("Zeta", "subject"), ("Alpha", "subject"), ("Mid", "claimant")):
        ClaimActorFactory(claim=figure, actor=ActorFactory(name=name), role=role)
    ClaimLinkFactory(from_claim=figure, to_claim=event, relation="corroborates")
    ClaimLinkFactory(from_claim=day, to_claim=figure, relation="conflicts", status="rejected")
    return [figure, bare, event, day]


def serialized(claims):
    data = ClaimSerializer(Claim.objects.for_api().filter(pk__in=[c.pk for c in claims]).order_by("id"),
                           many=True).data
    return exact(dumps(data))


def exact(body):
    """JSON as the API writes it, read with figures as exact decimals (a float would round the long ones)."""
    return json.loads(body, parse_float=Decimal)


def test_selector_rows_equal_the_serializer_field_for_field(varied_claims):
    fast = claim_representations(claim_values(Claim.objects.filter(pk__in=[c.pk for c in varied_claims])
                                              .order_by("id")))
    assert fast == serialized(varied_claims)
    figure = fast[0]
    assert [a["name"] for a in figure["actors"]] == ["Mid", "Alpha", "Zeta"]  # by role, then name
    assert [link["relation"] for link in figure["links"]] == ["corroborates", "conflicts"]


def test_the_portable_path_gives_the_same_rows(varied_claims):
    """Without PostgreSQL's JSON subqueries (SQLite), actors and links come from two more queries."""
    rows = Claim.objects.filter(pk__in=[c.pk for c in varied_claims]).order_by("id").values(*CLAIM_VALUES)
    assert claim_representations(rows) == serialized(varied_claims)


def test_one_claim_and_a_missing_one(varied_claims):
    assert claim_representation(varied_claims[2].pk) == serialized([varied_claims[2]])[0]
    assert claim_representation(987654321) is None


def test_api_list_detail_and_export_show_the_serializer_representation(varied_claims, client_as):
    client = client_as("fact-checkers")
    expected = {row["id"]: row for row in serialized(varied_claims)}
    listed = exact(client.get("/api/claims/?ordering=id").content)["results"]
    assert {row["id"]: row for row in listed} == expected
    for claim in varied_claims:
        assert exact(client.get(f"/api/claims/{claim.pk}/").content) == expected[claim.pk]
    exported = b"".join(client.get("/api/claims/?format=jsonl").streaming_content).decode().splitlines()
    assert {row["id"]: row for row in map(exact, exported)} == expected


def test_every_place_has_the_fields_of_the_one_definition(varied_claims, client_as):
    """Fails when a field is added to, dropped from or moved in one place only."""
    client = client_as("fact-checkers")
    fields = ClaimSerializer().fields
    assert list(fields) == CLAIM_FIELD_NAMES
    assert [name for name, field in fields.items() if field.read_only] == CLAIM_READ_ONLY_FIELDS
    schema = client.get("/api/schema/?format=json").json()["components"]["schemas"]["Claim"]["properties"]
    assert list(schema) == CLAIM_FIELD_NAMES
    assert [name for name, field in schema.items() if field.get("readOnly")] == CLAIM_READ_ONLY_FIELDS
    assert [list(row) for row in client.get("/api/claims/").json()["results"]] == [CLAIM_FIELD_NAMES] * 4
    assert list(client.get(f"/api/claims/{varied_claims[0].pk}/").json()) == CLAIM_FIELD_NAMES
    jsonl = b"".join(client.get("/api/claims/?format=jsonl").streaming_content).splitlines()
    assert [list(orjson.loads(line)) for line in jsonl] == [CLAIM_FIELD_NAMES] * 4
    csv_text = b"".join(client.get("/api/claims/?format=csv").streaming_content).decode().lstrip("\ufeff")
    header, *rows = csv.reader(io.StringIO(csv_text))
    assert header == CLAIM_FIELD_NAMES and [len(row) for row in rows] == [len(CLAIM_FIELD_NAMES)] * 4


def test_csv_cells_show_lists_and_nulls_as_text(varied_claims, client_as):
    csv_text = b"".join(client_as("fact-checkers").get("/api/claims/?format=csv&ordering=id").streaming_content)
    rows = list(csv.DictReader(io.StringIO(csv_text.decode().lstrip("\ufeff"))))
    figure, bare, event, _ = varied_claims
    actors = [{"role": ca.role, "id": ca.actor_id, "slug": ca.actor.slug, "name": ca.actor.name}
              for ca in figure.claim_actors.order_by("role", "actor__name")]
    assert json.loads(rows[0]["actors"]) == actors
    assert [(link["claim"], link["relation"], link["status"]) for link in json.loads(rows[0]["links"])] == [
        (event.pk, "corroborates", "confirmed"), (varied_claims[3].pk, "conflicts", "rejected")]
    assert (rows[1]["source"], rows[1]["value"], rows[1]["date"], rows[1]["note"]) == ("", "", "", "'=SUM(A1)")


@pytest.fixture
def floor(monkeypatch):
    """benchmarks/floor.py answering GET requests in this process, on the test's own connection."""
    from benchmarks import floor

    connection.ensure_connection()
    monkeypatch.setattr(floor, "connection", lambda: connection.connection)

    def get(path: str, **params) -> bytes:
        answer = {}
        body = floor.app({"PATH_INFO": path, "QUERY_STRING": urlencode(params)},
                         lambda status, headers: answer.update(status=status))
        assert answer["status"] == "200 OK"
        return b"".join(body)

    return get


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the floor is PostgreSQL's")
def test_the_benchmark_floor_answers_what_the_api_answers(varied_claims, client_as, floor):
    """The floor's hand-written SQL gives every field of the representation, in order, with the API's values."""
    client = client_as("fact-checkers")
    for claim in varied_claims:
        api = exact(client.get(f"/api/claims/{claim.pk}/").content)
        found = exact(floor("/claim", id=claim.pk))
        assert list(found) == CLAIM_FIELD_NAMES
        assert found == api
    listed = exact(floor("/order_date", page_size=10))["results"]
    assert listed == exact(client.get("/api/claims/?ordering=date&page_size=10").content)["results"]
    exported = [exact(line) for line in floor("/export", value_max="1").splitlines()]
    api_export = b"".join(client.get("/api/claims/?format=jsonl&value_max=1").streaming_content).splitlines()
    assert exported == [exact(line) for line in api_export] and exported


def test_a_documents_detail_equals_its_serializer_and_is_read_in_two_queries(django_assert_num_queries):
    """The document detail comes from claims.selectors.document_representation, not the serializer; both show the
    same fields, in the same order, with the same values, for documents with and without every optional part."""
    from claims.api.serializers import DocumentDetailSerializer
    from claims.models import Document
    from claims.selectors import document_representation
    from tests.factories import SourceFactory

    full = DocumentFactory(republished_from=SourceFactory(), byline="Staff", url="https://example.org/a",
                           published_start=date(2013, 10, 1), published_end=date(2013, 12, 31),
                           published_precision="month", languages=["en", "zh-Hans"], main_ranges=[[0, 5]],
                           duplicate_ranges=[[6, 8, 0]])
    Document.objects.filter(pk=full.pk).update(imported_at="2024-05-06T07:08:09.123456Z")
    ClaimFactory(document=full, start=3, end=5)
    ClaimFactory(document=full, start=0, end=2)
    bare = DocumentFactory(source=None, published_start=None, published_end=None, published_precision="",
                           languages=[])
    for document in (full, bare):
        instance = Document.objects.prefetch_related("claims").get(pk=document.pk)
        expected = exact(dumps(DocumentDetailSerializer(instance).data))
        with django_assert_num_queries(2):
            shown = document_representation(document.pk)
        assert exact(dumps(shown)) == expected and list(shown) == list(expected)
    assert [claim["start"] for claim in document_representation(full.pk)["claims"]] == [0, 3]
    assert document_representation(987654321) is None


@given(moment=st.datetimes(timezones=st.just(dt_timezone.utc)),
       zone=st.sampled_from(["UTC", "Etc/UTC", "Asia/Shanghai", "America/St_Johns"]))
@settings(max_examples=300, deadline=None)
def test_times_are_shown_as_drf_shows_them_in_the_current_zone(moment, zone):
    """The fast way (orjson, for UTC times in UTC) and the general one both give what DRF's DateTimeField gives."""
    from django.utils import timezone
    from rest_framework.fields import DateTimeField

    from claims.representations import datetime_shower, shown_datetime

    with timezone.override(ZoneInfo(zone)):
        expected = DateTimeField().to_representation(moment)
        assert datetime_shower(ZoneInfo(zone))(moment) == shown_datetime(moment, ZoneInfo(zone)) == expected
        other = moment.astimezone(ZoneInfo("Asia/Kolkata"))  # not read as UTC: the general way
        assert datetime_shower(ZoneInfo(zone))(other) == expected
