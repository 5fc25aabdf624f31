"""W3C Web Annotation that resolves: each claim's annotation, and a document's AnnotationCollection, checked with the
W3C test suite's own schemas and assertion lists; every selector applied to the text its target's source serves,
fetched as a generic client would."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from claims.api import annotations
from claims.models import Claim, Document
from tests.factories import ClaimFactory, DocumentFactory

pytestmark = pytest.mark.django_db

SUITE = Path(settings.BASE_DIR).parent / "shared" / "standards" / "w3c-web-annotation-tests"
PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
# The SHOULD assertions of the suite that apply to what claimtrack states: a creator that is an agent with an id, a
# name and a type; created; one motivation; a body; textual bodies typed as such; a target's format and language;
# a quote selector's prefix and suffix. (The others concern generators, nicknames, and bodies' or targets' own
# creators and dates, which claimtrack does not state.)
SHOULD_APPLY = {
    "3.1-bodyKeyFound.json", "3.3.1-annotationCreatedImplemented.json",
    "3.3.1-annotationSingleCreatorImplemented.json", "3.3.1-singleAnnotationCreatorImplemented.json",
    "3.3.2-annotationCreatorAgentIdImplemented.json", "3.3.2-annotationCreatorAgentSingleNameImplemented.json",
    "3.3.2-annotationCreatorAgentTypeImplemented.json", "3.3.5-annotationSingleMotivationImplemented.json",
    "bodiesTargets/3.2.4-bodyETBTypeTextualBody.json", "bodiesTargets/3.2.1-targSingleFormat.json",
    "bodiesTargets/3.2.1-targSingleLanguage.json", "specificResource/4.2.4-prefix.json",
    "specificResource/4.2.4-suffix.json",
}
COLLECTION_CHECKS = ["annotationCollectionTypeValueFound", "labelDefinition", "totalDefinition",
                     "totalFound", "firstValidIfPresent", "firstRequiredIfTotalMoreThanZero", "lastValidIfPresent"]
PAGE_CHECKS = ["annotationPageTypeValueFound", "partOfValidIfPresent", "nextValidIfPresent", "prevValidIfPresent",
               "startIndexDefinition", "startIndexFound", "itemsFound"]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def w3c():
    """The suite's assertions as validators: {path under annotations/: (assertion, validator)}, and the definitions'
    registry, so that each schema's relative $refs resolve inside definitions/ as the suite has them."""
    if not SUITE.is_dir():
        pytest.fail(f"the W3C test suite's data is not at {SUITE}")
    definitions = {path.name: _load(path) for path in (SUITE / "definitions").glob("*.json")}
    registry = Registry().with_resources((name, Resource.from_contents(schema, default_specification=DRAFT4))
                                         for name, schema in definitions.items())
    assertions = {}
    for path in sorted((SUITE / "annotations").rglob("*.json")):
        schema = _load(path)
        validator = Draft4Validator(schema, registry=registry.with_resource(
            schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)),
            format_checker=Draft4Validator.FORMAT_CHECKER)
        assertions[str(path.relative_to(SUITE / "annotations"))] = (schema, validator)
    return {"assertions": assertions, "registry": registry}


def _listed(name: str) -> list[str]:
    return [entry.removeprefix("annotations/") for entry in _load(SUITE / "annotations" / name)["assertions"]]


def failed_musts(w3c, annotation: dict) -> list[str]:
    """The MUST assertions of the suite (annotationMusts.test) the annotation fails, with the suite's message."""
    failed = []
    for name in _listed("annotationMusts.test"):
        schema, validator = w3c["assertions"][name]
        assert schema["assertionType"] == "must" and schema["expectedResult"] == "valid"
        if not validator.is_valid(annotation):
            failed.append(f"{name}: {schema['errorMessage']}")
    return failed


def failed_shoulds(w3c, annotation: dict) -> list[str]:
    return [name for name in sorted(SHOULD_APPLY) if not w3c["assertions"][name][1].is_valid(annotation)]


def definition(w3c, name: str) -> Draft4Validator:
    """A validator for one of collections.json's definitions."""
    return Draft4Validator({"$ref": f"collections.json#/definitions/{name}"}, registry=w3c["registry"],
                           format_checker=Draft4Validator.FORMAT_CHECKER)


def fetch(client, url: str):
    """GET an absolute URL of the test server through the test client."""
    parts = urlsplit(url)
    assert parts.netloc == "testserver", url
    return client.get(parts.path + (f"?{parts.query}" if parts.query else ""))


def assert_resolves(client, annotation: dict, texts: dict):
    """The annotation's target source serves text/plain in UTF-8, and both selectors select the quote in it."""
    target = annotation["target"]
    assert (target["format"], target["language"]) == ("text/plain", target["language"]) and target["language"]
    if target["source"] not in texts:
        response = fetch(client, target["source"])
        assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
        texts[target["source"]] = response.content.decode("utf-8")
    text = texts[target["source"]]
    position, quote = (next(s for s in target["selector"] if s["type"] == kind)
                       for kind in ("TextPositionSelector", "TextQuoteSelector"))
    assert text[position["start"]:position["end"]] == quote["exact"]
    assert text[:position["start"]].endswith(quote["prefix"]) and text[position["end"]:].startswith(quote["suffix"])


def test_every_annotation_of_the_seeds_passes_the_w3c_suite_and_resolves(seed_corpus, client_as, w3c):
    client, texts, seen = client_as("fact-checkers"), {}, 0
    for document in Document.objects.order_by("id"):
        collection = client.get(f"/api/documents/{document.pk}/annotations/").json()
        for annotation in collection.get("first", {}).get("items", []):
            assert failed_musts(w3c, annotation) == []
            assert failed_shoulds(w3c, annotation) == []
            assert_resolves(client, annotation, texts)
            seen += 1
    assert seen == 77 and len(texts) == 5  # the curated claims of the five seeds


def test_the_must_assertions_catch_a_broken_annotation(client_as, w3c):
    claim = ClaimFactory()
    annotation = client_as("fact-checkers").get(f"/api/claims/{claim.pk}/annotation/").json()
    assert failed_musts(w3c, annotation) == []
    assert failed_musts(w3c, {**annotation, "@context": "https://schema.org"})
    assert failed_musts(w3c, {**annotation, "created": "yesterday"})
    assert failed_shoulds(w3c, {key: value for key, value in annotation.items() if key != "creator"})


def test_the_annotation_has_creator_created_modified_and_a_target_that_resolves(client_as, settings):
    settings.CLAIMTRACK_REVIEWER_NAME, settings.CLAIMTRACK_REVIEWER_URL = "Checkers", "https://checkers.example/"
    text = "𠀀𠀁 前文。\n据统计,共有890万台主机受到感染。"
    start = text.index("890万台主机")
    claim = ClaimFactory(document=DocumentFactory(text=text, languages=["zh-Hans"]), start=start, end=start + 7,
                         language="zh-Hans", paraphrase="8.9 million hosts")
    client = client_as("fact-checkers")
    annotation = client.get(f"/api/claims/{claim.pk}/annotation/").json()
    assert annotation["creator"] == {"id": "https://checkers.example/", "type": "Organization", "name": "Checkers"}
    assert annotation["created"] == claim.created_at.isoformat()
    assert annotation["modified"] == claim.updated_at.isoformat()
    assert annotation["target"]["language"] == "zh-Hans"
    assert_resolves(client, annotation, {})
    assert annotation["target"]["selector"][0]["start"] == 13  # code points: UTF-16 would count the astral two twice


@pytest.mark.parametrize("accept, media_type", [
    (PROFILE, PROFILE),
    ("application/ld+json", PROFILE),
    ("application/json", "application/json"),
    ("*/*", PROFILE),
    (None, PROFILE),
])
def test_the_annotation_protocols_media_type_is_accepted_and_returned(client_as, accept, media_type):
    claim = ClaimFactory()
    client = client_as("fact-checkers")
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    for path in (f"/api/claims/{claim.pk}/annotation/", f"/api/documents/{claim.document_id}/annotations/"):
        response = client.get(path, **headers)
        assert response.status_code == 200 and response["Content-Type"] == media_type, path
        assert json.loads(response.content)["@context"] == "http://www.w3.org/ns/anno.jsonld"


def test_an_unacceptable_media_type_is_406(client_as):
    claim = ClaimFactory()
    response = client_as("fact-checkers").get(f"/api/claims/{claim.pk}/annotation/", HTTP_ACCEPT="text/csv")
    assert response.status_code == 406 and response["Content-Type"] == "application/json"


def test_the_collection_pages_through_every_claim(client_as, w3c, monkeypatch):
    monkeypatch.setattr(annotations, "PAGE_SIZE", 2)
    document = DocumentFactory()
    claims = sorted(ClaimFactory.create_batch(5, document=document), key=lambda c: (c.start, c.id))
    ClaimFactory()  # another document's
    client = client_as("fact-checkers")
    url = f"http://testserver/api/documents/{document.pk}/annotations/"
    collection = client.get(url).json()
    for check in COLLECTION_CHECKS:
        assert definition(w3c, check).is_valid(collection), check
    assert definition(w3c, "contextValueFound").is_valid(collection["@context"])
    assert (collection["type"], collection["id"], collection["total"]) == ("AnnotationCollection", url, 5)
    assert collection["last"] == f"{url}?page=3" and collection["first"]["id"] == f"{url}?page=1"
    seen, page, previous = [], collection["first"], None
    while True:
        for check in PAGE_CHECKS:
            assert definition(w3c, check).is_valid(page), check
        assert page.get("prev") == previous and page["startIndex"] == len(seen)
        seen += [annotation["id"] for annotation in page["items"]]
        if "next" not in page:
            break
        previous, page = page["id"], fetch(client, page["next"]).json()
        assert page["partOf"] == {"id": url, "total": 5} and page["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert page["id"] == collection["last"]
    assert seen == [f"http://testserver/api/claims/{claim.pk}/annotation/" for claim in claims]


def test_an_empty_collection_has_no_pages_but_its_first(client_as):
    document = DocumentFactory()
    client = client_as("fact-checkers")
    collection = client.get(f"/api/documents/{document.pk}/annotations/").json()
    assert collection["total"] == 0 and "first" not in collection and "last" not in collection
    page = client.get(f"/api/documents/{document.pk}/annotations/?page=1").json()
    assert page["items"] == [] and page["partOf"]["total"] == 0


@pytest.mark.parametrize("query, status, parameter", [("page=0", 400, "page"), ("page=x", 400, "page"),
                                                      ("page=-1", 400, "page"), ("page=3", 404, None)])
def test_a_bad_page_is_refused_with_a_reason(client_as, query, status, parameter):
    claim = ClaimFactory()
    response = client_as("fact-checkers").get(f"/api/documents/{claim.document_id}/annotations/?{query}")
    assert response.status_code == status and response["Content-Type"] == "application/json"
    body = response.json()
    assert (parameter in body) if parameter else "No page 3" in body["detail"]


@pytest.mark.parametrize("path", ["/api/documents/{pk}/text/", "/api/documents/{pk}/annotations/",
                                  "/api/claims/{pk}/annotation/"])
def test_unknown_ids_are_a_json_404(client_as, path):
    for pk in (999999, 2**70):
        response = client_as("fact-checkers").get(path.format(pk=pk))
        assert response.status_code == 404 and response["Content-Type"] == "application/json", pk
        assert response.json()["detail"]


def test_the_text_is_verbatim_utf8_with_an_etag(client_as):
    text = "Title\r\n\r\n網絡安全 — 𠀀 and trailing spaces   \n"
    document = DocumentFactory(text=text)
    client = client_as("fact-checkers")
    response = client.get(f"/api/documents/{document.pk}/text/")
    assert response.content == text.encode("utf-8") and response["Content-Type"] == "text/plain; charset=utf-8"
    again = client.get(f"/api/documents/{document.pk}/text/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get(f"/api/documents/{document.pk}/text/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_the_text_and_annotations_are_read_as_the_api_is(client_as, settings):
    settings.CLAIMTRACK_ANONYMOUS_READ = False
    claim = ClaimFactory()
    for path in (f"/api/documents/{claim.document_id}/text/", f"/api/documents/{claim.document_id}/annotations/"):
        assert client_as("anonymous").get(path).status_code in (401, 403), path


def test_annotations_carry_the_protocols_headers_and_answer_304(client_as):
    claim = ClaimFactory()
    client = client_as("fact-checkers")
    for path in (f"/api/claims/{claim.pk}/annotation/", f"/api/documents/{claim.document_id}/annotations/",
                 f"/api/documents/{claim.document_id}/annotations/?page=1"):
        response = client.get(path)
        assert response["Link"] == '<http://www.w3.org/ns/ldp#Resource>; rel="type"', path
        assert "Accept" in response["Vary"] and "GET" in response["Allow"]
        assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    before = client.get(f"/api/claims/{claim.pk}/annotation/")["ETag"]
    Claim.objects.filter(pk=claim.pk).update(paraphrase="changed")
    assert client.get(f"/api/claims/{claim.pk}/annotation/", HTTP_IF_NONE_MATCH=before).status_code == 200
