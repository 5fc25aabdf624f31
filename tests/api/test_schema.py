"""The OpenAPI schema validates, and its documentation pages need nothing from outside."""

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
    assert all(asset.startswith("/static/") for asset in assets), assets


def test_browsable_api_shows_filter_forms(client_as):
    response = client_as("fact-checkers").get("/api/claims/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filters" in html and 'name="date_after"' in html and 'name="value_min"' in html
