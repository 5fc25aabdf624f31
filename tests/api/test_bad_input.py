"""Whatever a client sends, the API answers with a 4xx and a JSON error, never a 500."""

import json

import pytest

from tests.factories import ClaimFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def assert_json_4xx(response, status=None):
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    if status:
        assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(json.loads(response.content), dict)


@pytest.fixture
def editor(client_as):
    return client_as("editors")


def raw_post(client, url, body: bytes, content_type="application/json"):
    return client.generic("POST", url, body, content_type=content_type)


@pytest.mark.parametrize("body", [
    b'{"title": "a\\u0000b", "text": "x"}',                       # NUL in a string
    b'{"title": "\\ud800", "text": "lone surrogate"}',              # invalid Unicode escape
    b'{"title": "caf\xe9", "text": "latin-1 bytes"}',               # not UTF-8
    b'{"title": ["a"], "text": {"b": 1}}',                          # wrong types
    b'[1, 2, 3]',                                                   # not an object
    b'{"title": "t", "text": "x", "published": "2015-13-45"}',     # bad date
    b'{"title": "t", "text": "x", "published": 20150101}',         # date of the wrong type
    b'{"title": "t", "text": "x"',                                  # truncated
    b"\xff\xfe\x00\x00",                                            # garbage
])
def test_bad_document_bodies(editor, body):
    assert_json_4xx(raw_post(editor, "/api/documents/", body))


def test_deep_json_is_refused(editor):
    assert_json_4xx(raw_post(editor, "/api/documents/", b"[" * 100_000 + b"]" * 100_000), 400)


def test_ten_megabyte_body_is_refused(editor):
    body = json.dumps({"title": "big", "text": "x" * 10_000_000}).encode()
    assert_json_4xx(raw_post(editor, "/api/documents/", body), 413)


@pytest.mark.parametrize("payload", [
    {"value": "1e400"}, {"value": 1e308}, {"value": "NaN"}, {"value": "-Infinity"}, {"value": 10 ** 40},
    {"start": 10 ** 30}, {"start": -1}, {"end": "ten"}, {"quote": "\x00"}, {"quote": "\ud800"},
    {"date": "2015-02-30"}, {"date": "2015/2011"}, {"date": "x" * 10_000}, {"date": 2015},
    {"actors": [{"actor": "\x00", "role": "claimant"}]}, {"actors": "not a list"},
    {"document": 2 ** 70}, {"document": "1; DROP TABLE"}, {"kind": None}, {"status": 12},
])
def test_bad_claim_fields(editor, payload):
    document = DocumentFactory()
    body = {"document": document.pk, "start": 0, "end": 5, "quote": document.text[:5], "kind": "figure", **payload}
    assert_json_4xx(raw_post(editor, "/api/claims/", json.dumps(body).encode()))  # ASCII: lone surrogates escaped


@pytest.mark.parametrize("query", [
    "page=0", "page=-1", "page=99999999999999999999", "page_size=1001", "page_size=abc", "date_after=2015-13",
    "date_before=%00", "value_min=1e400", "value_max=NaN", "document=99999999999999999999999", "kind=nonsense",
    "ordering=secret_field", "cursor=%%%", "q=" + "x" * 600, "actor=%00", "updated_since=yesterday",
    "q=%ED%A0%80", "unit=%FF%FE",
])
def test_bad_query_strings(client_as, query):
    ClaimFactory()
    response = client_as("fact-checkers").get(f"/api/claims/?{query}")
    assert response.status_code in (200, 400), (query, response.status_code)
    assert isinstance(response.json(), dict)


def test_patch_with_bad_if_match_and_bad_body(editor):
    claim = ClaimFactory()
    assert_json_4xx(editor.patch(f"/api/claims/{claim.pk}/", {"note": "x"}, format="json", HTTP_IF_MATCH="\x00"), 412)
    etag = editor.get(f"/api/claims/{claim.pk}/")["ETag"]
    response = editor.generic("PATCH", f"/api/claims/{claim.pk}/", b"{\"note\": ", content_type="application/json",
                              HTTP_IF_MATCH=etag)
    assert_json_4xx(response, 400)


@pytest.mark.parametrize("path", ["/api/claims/abc/", "/api/claims/99999999999999999999999/", "/api/documents/-1/",
                                  "/api/claims/1.5/", "/api/nothing/"])
def test_bad_paths_are_json_404(client_as, path):
    assert_json_4xx(client_as("fact-checkers").get(path), 404)


def test_unsupported_media_type_is_415(editor):
    assert_json_4xx(raw_post(editor, "/api/documents/", b"title=x", content_type="text/plain"), 415)


# Characters str.isdigit() accepts that int() refuses (superscripts) or reads as another script's numerals.
ODD_DIGITS = ["²", "1²", "٣", "३"]


@pytest.mark.parametrize("digits", ODD_DIGITS)
@pytest.mark.parametrize("url", ["/api/claims/?actor={}", "/api/claims/?actor={}&role=subject", "/api/claims/?source={}",
                                 "/api/documents/?source={}", "/api/documents/?republished_from={}",
                                 "/api/actors/?parent={}", "/api/claims/{}/", "/api/documents/{}/",
                                 "/api/documents/1/annotations/?page={}"])
def test_digits_of_other_kinds_are_never_a_500(client_as, digits, url):
    """An id is ASCII digits: anything else is a slug that no row has, or a path or page that does not exist."""
    DocumentFactory()
    response = client_as("fact-checkers").get(url.format(digits))
    assert response.status_code in (200, 400, 404), (url, digits, response.status_code)
    if response.status_code == 200 and "results" in response.json():
        assert response.json()["results"] == []


@pytest.mark.parametrize("digits", ODD_DIGITS)
def test_an_actor_named_by_digits_of_other_kinds_is_not_found(editor, digits):
    document = DocumentFactory()
    body = {"document": document.pk, "start": 0, "end": 5, "quote": document.text[:5], "kind": "figure",
            "actors": [{"actor": digits, "role": "claimant"}]}
    response = raw_post(editor, "/api/claims/", json.dumps(body).encode())
    assert_json_4xx(response, 400)
    assert "No actor" in json.dumps(response.json(), ensure_ascii=False)


def test_a_fact_checks_page_of_other_digits_is_a_message(client):
    response = client.get("/fact-checks/?page=²")
    assert response.status_code == 400 and "a page number from 1" in response.content.decode()  # the page, saying so
