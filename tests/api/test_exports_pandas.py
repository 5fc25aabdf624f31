"""The exports lose and change nothing: CSV and JSON Lines, read with pandas, equal the JSON list field by field."""

import io
import json
import math
import re
from decimal import Decimal

import pandas as pd
import pytest

from claims.representations import CLAIM_FIELD_NAMES
from tests.factories import ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
FORMULAS = ["=1+2", "+1", "-cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"]  # every start OWASP lists


@pytest.fixture
def claims():
    """Claims with every shape of value: nulls, negatives, Chinese, line breaks, formulas, actors with ':' and ';'
    in their names, links both ways."""
    document = DocumentFactory(text="网络安全 line one\nline two, \"quoted\"; a: b " + "filler words " * 20)
    figure = ClaimFactory(document=document, value=Decimal("-12.5"), value_low=None, value_high=None,
                          unit="被篡改的網站", note=FORMULAS[0], paraphrase="多行\n文本")
    event = ClaimFactory(document=document, event=True, note="", place="Xiamen; Fujian")
    bare = ClaimFactory(value=None, value_high=None, unit="", date_start=None, date_end=None, date_precision="")
    formulas = [ClaimFactory(note=note, paraphrase=note) for note in FORMULAS[1:]]
    ClaimActorFactory(claim=figure, actor=ActorFactory(name="Ministry: of; \"Things\"", slug="ministry"), role="claimant")
    ClaimActorFactory(claim=figure, actor=ActorFactory(name="=cmd", slug="cmd"), role="subject")
    ClaimLinkFactory(from_claim=figure, to_claim=event, relation="conflicts", status="suggested")
    ClaimLinkFactory(from_claim=bare, to_claim=figure)
    return [figure, event, bare, *formulas]


def _by_id(rows) -> dict:
    return {int(row["id"]): row for row in rows}


def _body(response) -> bytes:
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def _json_list(client) -> dict:
    response = client.get("/api/claims/?page_size=1000")
    assert response.status_code == 200
    return _by_id(response.json()["results"])


def _csv(client, query: str) -> dict:
    frame = pd.read_csv(io.BytesIO(_body(client.get(f"/api/claims/?format=csv{query}"))), encoding="utf-8-sig",
                        dtype=str, keep_default_na=False)
    assert list(frame.columns) == CLAIM_FIELD_NAMES
    return _by_id(frame.to_dict("records"))


def _as_csv_cell(value):
    """What a value of the JSON list is as the CSV documents it: null empty, true and false as True and False,
    actors and links as the JSON of their list, anything else as its text."""
    if value is None:
        return ""
    if isinstance(value, list):
        return value  # compared after json.loads of the cell
    return str(value)


def test_csv_read_with_pandas_equals_the_json_list_field_by_field(client_as, claims):
    client = client_as("fact-checkers")
    expected, rows = _json_list(client), _csv(client, "&escape_formulas=false")
    assert set(rows) == set(expected) == {claim.pk for claim in claims}
    for pk, claim in expected.items():
        row = rows[pk]
        for name in ("actors", "links"):
            row[name] = json.loads(row[name])
        assert row == {name: _as_csv_cell(value) for name, value in claim.items()}
    figure = expected[claims[0].pk]
    assert [actor["name"] for actor in figure["actors"]] == ["Ministry: of; \"Things\"", "=cmd"]  # ids and names kept
    assert {link["relation"] for link in figure["links"]} == {"conflicts", "corroborates"}


def test_jsonl_read_with_pandas_equals_the_json_list_field_by_field(client_as, claims):
    client = client_as("fact-checkers")
    frame = pd.read_json(io.BytesIO(_body(client.get("/api/claims/?format=jsonl"))), lines=True, dtype=False)
    assert list(frame.columns) == CLAIM_FIELD_NAMES
    rows = _by_id(frame.to_dict("records"))
    expected = _json_list(client)
    assert set(rows) == set(expected)
    for pk, claim in expected.items():
        # pandas reads a missing value as NaN, and an integer as numpy's
        row = {name: None if isinstance(value, float) and math.isnan(value) else
               value.item() if hasattr(value, "item") else value for name, value in rows[pk].items()}
        assert row == claim


def test_csv_guard_escapes_every_formula_start_and_nothing_else(client_as, claims):
    client = client_as("fact-checkers")
    guarded, plain = _csv(client, ""), _csv(client, "&escape_formulas=false")
    for claim in claims:
        for name in CLAIM_FIELD_NAMES:
            cell, as_stored = guarded[claim.pk][name], plain[claim.pk][name]
            if as_stored.startswith(tuple("=+-@\t\r")) and not NUMBER.fullmatch(as_stored):
                assert cell == "'" + as_stored, (name, cell)
            else:
                assert cell == as_stored, (name, cell)
    assert guarded[claims[0].pk]["value"] == "-12.5"  # a number stays a number
    assert {guarded[claim.pk]["note"] for claim in claims} >= {"'" + formula for formula in FORMULAS}


def test_escape_formulas_takes_true_or_false_only(client_as):
    response = client_as("fact-checkers").get("/api/claims/?format=csv&escape_formulas=maybe")
    assert response.status_code == 400 and list(json.loads(response.content)) == ["escape_formulas"]
