"""Keyset cursors: every ordering of claims walks a set that changes between pages without skipping or repeating a
row that stays, nulls sort after every value, a bad cursor is a 400 naming it, and a deep page starts from the
index, not from an OFFSET."""

import base64
import datetime as dt
import json
import random
from collections import Counter
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.services.claims import claim_update
from claims.services.rows import row_delete
from tests.factories import ClaimFactory, DocumentFactory

DATES = [dt.date(2011, 1, 1), dt.date(2013, 10, 1), dt.date(2013, 10, 1), None]
VALUES = [Decimal("1.5"), Decimal(47000), Decimal(47000), None]
TIMES = [dt.datetime(2024, 5, day, tzinfo=dt.UTC) for day in (1, 2, 2, 3)]
COLUMNS = {"date": "date_start", "value": "value", "created": "created_at", "updated": "updated_at", "id": "id"}
ORDERINGS = [*COLUMNS, *(f"-{name}" for name in COLUMNS), "date,-value", "-created,value"]


def _claim(document, rng):
    day = rng.choice(DATES)
    claim = ClaimFactory(document=document, value=rng.choice(VALUES), value_high=None, date_start=day, date_end=day,
                         date_precision="day" if day else "")
    # ties and equal times on purpose: auto_now and auto_now_add give every row its own
    Claim.objects.filter(pk=claim.pk).update(created_at=rng.choice(TIMES), updated_at=rng.choice(TIMES))
    return claim


def _sort_key(ordering: str):
    """The order the API promises: each key with nulls after every value, then the id in the last key's direction."""
    terms = [(COLUMNS[term.removeprefix("-")], term.startswith("-")) for term in ordering.split(",")]
    if terms[-1][0] != "id":
        terms.append(("id", terms[-1][1]))

    class Key:
        def __init__(self, row):
            self.values = [getattr(row, column) for column, _ in terms]

        def __lt__(self, other):
            for (_, descending), mine, theirs in zip(terms, self.values, other.values):
                if mine != theirs:
                    before = theirs is None if mine is None or theirs is None else mine < theirs  # nulls last
                    return before != descending
            return False

    return Key


def _cursor_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["cursor"][0]


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_a_cursor_walks_a_changing_set_once_in_order(client_as, ordering):
    rng = random.Random(ordering)
    document = DocumentFactory(text="word " * 4000)
    first = [_claim(document, rng) for _ in range(24)]
    client = client_as("fact-checkers")
    seen, deleted, updated = [], set(), set()
    url = f"/api/claims/?pagination=cursor&page_size=3&ordering={ordering}"
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.json()
        body = response.json()
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
        # between pages: new rows land before and after the cursor, a row is edited, the cursor's own row goes
        _claim(document, rng), _claim(document, rng)
        edited = Claim.objects.get(pk=rng.choice([c.pk for c in first if c.pk not in deleted]))
        claim_update(claim=edited, reason="test", paraphrase=f"edited on page {pages}")
        updated.add(edited.pk)
        if pages % 2 and body["results"]:
            row_delete(row=Claim.objects.get(pk=body["results"][-1]["id"]), reason="test")
            deleted.add(body["results"][-1]["id"])
    assert pages > 5
    moved = updated if "updated" in ordering else set()  # an edit moves a row in the updated order only
    stayed = [claim.pk for claim in first if claim.pk not in deleted | moved]
    counts = Counter(seen)
    assert {pk: counts[pk] for pk in stayed} == dict.fromkeys(stayed, 1)  # none skipped, none repeated
    assert not [pk for pk, n in counts.items() if n > 1 and pk not in moved]
    expected = sorted(Claim.objects.filter(pk__in=stayed), key=_sort_key(ordering))
    assert [pk for pk in seen if pk in set(stayed)] == [claim.pk for claim in expected]
    if ordering == "updated":  # incremental sync: an edited row comes again after its edit
        assert {pk for pk in updated if pk not in deleted} <= set(seen[len(seen) // 2:]) | deleted


def test_nulls_sort_after_every_value_and_ties_follow_the_id(client_as):
    document = DocumentFactory(text="word " * 400)
    rows = [ClaimFactory(document=document, value=value, value_high=None) for value in (None, Decimal(2), Decimal(2))]
    client = client_as("fact-checkers")
    for ordering, expected in (("value", [1, 2, 0]), ("-value", [0, 2, 1])):
        for mode in ("page", "cursor"):
            ids = [row["id"] for row in client.get(f"/api/claims/?ordering={ordering}&pagination={mode}").json()
                   ["results"]]
            assert ids == [rows[n].pk for n in expected], (ordering, mode)


def _encoded(payload) -> str:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


DATE = ["date_start", "id"]


@pytest.mark.parametrize("cursor", [
    "abc", "!!!", _encoded(b"\xff\xfe"), _encoded(b"not json"), _encoded([1, 2]), _encoded({"after": [1]}),
    _encoded({"order": DATE, "after": ["2013-13-01", 1]}), _encoded({"order": DATE, "after": ["2013-10-01"]}),
    _encoded({"order": DATE, "after": ["2013-10-01", 2**70]}), _encoded({"order": DATE, "after": ["2013-10-01", True]}),
    _encoded({"order": DATE, "after": [{"a": 1}, 1]}), _encoded({"order": DATE, "after": ["2013-10-01", None]}),
    _encoded({"order": DATE, "after": "2013-10-01"}),
    _encoded({"order": ["-date_start", "-id"], "after": ["2013-10-01", 1]}),  # made for another ordering
])
def test_a_bad_cursor_is_a_400_naming_it(client_as, cursor):
    response = client_as("fact-checkers").get(f"/api/claims/?ordering=date&cursor={cursor}")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["cursor"]


def test_a_value_a_time_or_an_id_that_the_ordering_cannot_hold_is_refused(client_as):
    client = client_as("fact-checkers")
    for ordering, cursor in (("value", _encoded({"order": ["value", "id"], "after": ["NaN", 1]})),
                             ("value", _encoded({"order": ["value", "id"], "after": ["1e999999", 1]})),
                             ("-value", _encoded({"order": ["-value", "-id"], "after": ["0.0000001", 1]})),
                             ("created", _encoded({"order": ["created_at", "id"], "after": ["2024-05-01T00:00", 1]})),
                             ("created", "12")):
        response = client.get(f"/api/claims/?ordering={ordering}&cursor={cursor}")
        assert response.status_code == 400 and list(response.json()) == ["cursor"], (ordering, cursor)


def test_an_id_cursor_as_before_still_reads_the_rows_after_that_id(client_as):
    claims = sorted(ClaimFactory.create_batch(3), key=lambda claim: claim.pk)
    rows = client_as("fact-checkers").get(f"/api/claims/?cursor={claims[0].pk}").json()["results"]
    assert [row["id"] for row in rows] == [claims[1].pk, claims[2].pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
@pytest.mark.parametrize(("ordering", "index", "scan"), [
    ("date", "claim_date_start_id_idx", "Index Scan using"),
    ("-value", "claim_value_id_idx", "Index Scan Backward using"),
    ("created", "claim_created_id_idx", "Index Scan using"),
    ("-updated", "claim_updated_id_idx", "Index Scan Backward using"),
])
def test_a_deep_page_starts_at_its_row_in_the_index_not_at_an_offset(client_as, ordering, index, scan):
    rng = random.Random(1)
    document = DocumentFactory(text="word " * 4000)
    for _ in range(40):
        _claim(document, rng)
    Claim.objects.exclude(value=None).update(date_start=dt.date(2012, 1, 1), date_end=dt.date(2012, 1, 1),
                                             date_precision="day")  # no null at the page's place
    client = client_as("fact-checkers")
    url = f"/api/claims/?pagination=cursor&page_size=5&ordering={ordering}"
    for _ in range(3):
        url = client.get(url).json()["next"]
    assert _cursor_of(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    page = next(q["sql"] for q in queries if "LIMIT" in q["sql"] and '"claims_claim"' in q["sql"])
    assert "OFFSET" not in page
    # a few dozen rows: the planner would read them all; these settings stand in for a table of a million
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"{scan} {index}" in plan and "Index Cond: (ROW(" in plan, plan
