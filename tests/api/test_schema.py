"""The OpenAPI schema validates, and its documentation pages need nothing from outside."""

import base64
import json
import re

import pytest
import yaml
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3(client_as):
    response = client_as("fact-checkers").get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for endpoint in ("documents", "sources", "actors", "claims", "claim-links"):
        assert f"/api/{endpoint}/" in paths and f"/api/{endpoint}/{{id}}/" in paths
    claim_params = {p["name"] for p in paths["/api/claims/"]["get"]["parameters"]}
    assert {"date_after", "value_min", "relation", "q", "page_size", "cursor", "format"} <= claim_params
    assert any(p["name"] == "If-Match" for p in paths["/api/claims/{id}/"]["patch"]["parameters"])


@pytest.mark.parametrize("url", ["/api/schema/swagger/", "/api/schema/redoc/"])
def test_documentation_pages_load_assets_locally(client_as, url):
    response = client_as("fact-checkers").get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert assets, html[:500]
    # from this server: its static files, or ReDoc's bundle as docs.py serves it (with a local logo)
    assert all(asset.startswith(("/static/", "/api/schema/redoc/")) for asset in assets), assets


def test_browsable_api_shows_filter_forms(client_as):
    response = client_as("fact-checkers").get("/api/claims/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filters" in html and 'name="date_after"' in html and 'name="value_min"' in html


def _schema(client):
    return yaml.safe_load(client.get("/api/schema/").content)


def test_every_operation_declares_the_errors_it_answers_with_a_json_body(client_as):
    schema = _schema(client_as("fact-checkers"))
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if path == "/api/schema/":
                continue
            statuses = set(operation["responses"])
            assert {"400", "401", "403", "406", "429"} <= statuses, (method, path)
            if "{id}" in path:
                assert "404" in statuses, (method, path)
            if method in ("put", "patch", "delete"):
                assert {"409", "412", "428"} <= statuses, (method, path)
                if_match = next(p for p in operation["parameters"] if p["name"] == "If-Match")
                assert if_match["in"] == "header" and if_match["required"]
            for status, answer in operation["responses"].items():
                if status >= "400":
                    assert set(answer["content"]) == {"application/json"}, (method, path, status)
    errors = schema["components"]["schemas"]
    assert errors["Error"]["required"] == ["detail"] and "additionalProperties" in errors["ValidationError"]


def test_reads_and_writes_declare_the_etag_and_links_carry_it(client_as):
    paths = _schema(client_as("fact-checkers"))["paths"]
    detail = paths["/api/claims/{id}/"]
    assert detail["get"]["responses"]["200"]["headers"]["ETag"]["required"]
    assert "304" in detail["get"]["responses"] and detail["patch"]["responses"]["200"]["headers"]["ETag"]
    created = paths["/api/claims/"]["post"]["responses"]["201"]
    assert {"ETag", "Location"} <= set(created["headers"])
    assert created["links"]["claims_partial_update"]["parameters"]["header.If-Match"] == "$response.header.ETag"


def test_anonymous_reading_is_declared_only_when_it_is_on(client_as, settings):
    def securities(schema):
        operations = schema["paths"]["/api/claims/"]
        return operations["get"]["security"], operations["post"]["security"]

    settings.CLAIMTRACK_ANONYMOUS_READ = True
    read, write = securities(_schema(client_as("fact-checkers")))
    assert {} in read and {} not in write and {"tokenAuth": []} in read
    settings.CLAIMTRACK_ANONYMOUS_READ = False
    read, write = securities(_schema(client_as("fact-checkers")))
    assert {} not in read and {} not in write


def test_exports_json_ld_and_figures_have_their_own_media_types_and_types(client_as):
    schema = _schema(client_as("fact-checkers"))
    paths = schema["paths"]
    assert set(paths["/api/claims/export/csv/"]["get"]["responses"]["200"]["content"]) == {"text/csv"}
    assert set(paths["/api/claims/export/jsonl/"]["get"]["responses"]["200"]["content"]) == {"application/jsonl"}
    assert set(paths["/api/claims/"]["get"]["responses"]["200"]["content"]) == {
        "application/json", "text/csv", "application/jsonl"}
    for action in ("claimreview", "annotation"):
        media_types = paths[f"/api/claims/{{id}}/{action}/"]["get"]["responses"]["200"]["content"]
        assert any(media_type.startswith("application/ld+json") for media_type in media_types)  # annotations: profiled
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    assert claim["value"]["type"] == "number"
    assert "text" not in schema["components"]["schemas"]["PatchedDocumentUpdateRequest"]["properties"]


def test_filter_parameters_state_the_bounds_the_filters_enforce(client_as):
    parameters = {p["name"]: p["schema"] for p in
                  _schema(client_as("fact-checkers"))["paths"]["/api/claims/"]["get"]["parameters"]}
    assert parameters["document"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert parameters["q"]["maxLength"] == 500 and parameters["actor"]["maxLength"] == 100
    assert parameters["pagination"]["enum"] == ["page", "cursor"]
    cursor = re.compile(parameters["cursor"]["pattern"])
    assert cursor.fullmatch("eyJvcmRlciI6WyJpZCJdLCJhZnRlciI6WzEyXX0") and not cursor.fullmatch("a=b")


def test_the_date_pattern_accepts_exactly_the_dates_the_filter_accepts():
    from claims.filtersets import FUZZY_DATE_PATTERN
    from claims.text.dates import FuzzyDate

    def parses(value):
        try:
            FuzzyDate.parse(value)
            return True
        except ValueError:
            return False

    pattern = re.compile(FUZZY_DATE_PATTERN)
    years = ["0000", "0001", "0004", "0100", "0400", "1900", "2000", "2023", "2024", "9999"]
    values = [f"{y}{rest}" for y in years for rest in
              ["", "-0", "-1", "-01", "-12", "-13", *(f"-{m:02d}-{d:02d}" for m in range(13) for d in range(33)),
               *(f"-{m}-{d}" for m in range(1, 13) for d in range(1, 32))]]
    wrong = [value for value in values if bool(pattern.fullmatch(value)) != parses(value)]
    assert not wrong and sum(map(parses, values)) > 3000


@pytest.mark.parametrize("query", ["pagination=bogus", "pagination=cursor&page=-5", "cursor=a%2Bb", "page=%C2%B2",
                                   "escape_formulas=maybe"])
def test_values_the_schema_forbids_are_refused(client_as, query):
    response = client_as("fact-checkers").get(f"/api/claims/?{query}")
    assert response.status_code == 400, response.content
    name = query.split("=")[0] if "page=-5" not in query else "page"
    assert name in response.json()


def test_the_cursor_names_the_last_row_seen_and_its_order(client_as):
    from tests.factories import ClaimFactory

    claims = sorted(ClaimFactory.create_batch(3), key=lambda claim: claim.pk)
    client = client_as("fact-checkers")
    first = client.get("/api/claims/?pagination=cursor&page_size=2").json()
    cursor = first["next"].split("cursor=")[1].split("&")[0]
    assert re.fullmatch("[A-Za-z0-9_-]+", cursor)
    assert json.loads(base64.urlsafe_b64decode(cursor + "==")) == {"order": ["id"], "after": [claims[1].pk]}
    rest = client.get(first["next"]).json()
    assert [row["id"] for row in rest["results"]] == [claims[2].pk] and rest["next"] is None


@pytest.mark.parametrize("url", ["/api/claims/export/csv/?document=0", "/api/claims/export/jsonl/?date_after=2013-13",
                                 "/api/claims/?format=csv&value_min=x"])
def test_an_export_refuses_a_bad_filter_in_json_as_the_schema_says(client_as, url):
    response = client_as("fact-checkers").get(url)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert set(response.json()) <= {"document", "date_after", "value_min"} and response.json()
