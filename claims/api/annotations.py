"""W3C Web Annotation: a claim as an Annotation whose target resolves to the document's plain text, and a
document's claims as an AnnotationCollection of AnnotationPages (Web Annotation Data Model, section 5;
Annotation Protocol, section 4)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.exceptions import NotFound, ValidationError

from claims.models import Claim, whole_number
from claims.reviews import reviewer

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# What a claim's annotation reads of it (values() lookups): one query for one claim or for a page of them.
ANNOTATION_VALUES = ("id", "document_id", "kind", "language", "start", "end", "quote", "prefix", "suffix",
                     "paraphrase", "created_at", "updated_at")
PAGE_SIZE = 200  # annotations per AnnotationPage: most documents' claims come in the collection's first page


def _url(request, name: str, *args, query: str = "") -> str:
    return request.build_absolute_uri(reverse(name, args=args)) + query


def web_annotation(claim: dict, request) -> dict:
    """A claim (ANNOTATION_VALUES of it) as a W3C Web Annotation of its span in the document's plain text:
    position (code points) and quote selectors, on a target whose source is that text."""
    body = [{"type": "TextualBody", "purpose": "tagging", "value": claim["kind"]}]
    if claim["paraphrase"]:
        body.append({"type": "TextualBody", "purpose": "describing", "value": claim["paraphrase"], "language": "en"})
    organisation = reviewer(request.build_absolute_uri("/"))
    return {
        "@context": CONTEXT,
        "id": _url(request, "claim-annotation", claim["id"]),
        "type": "Annotation",
        "motivation": "describing",
        "creator": {"id": organisation["url"], "type": "Organization", "name": organisation["name"]},
        "created": claim["created_at"].isoformat(),
        "modified": claim["updated_at"].isoformat(),
        "body": body,
        "target": {
            "source": _url(request, "document-text", claim["document_id"]),
            "format": "text/plain",
            "language": claim["language"],
            "selector": [
                {"type": "TextPositionSelector", "start": claim["start"], "end": claim["end"]},
                {"type": "TextQuoteSelector", "exact": claim["quote"], "prefix": claim["prefix"],
                 "suffix": claim["suffix"]},
            ],
        },
    }


def claim_annotation(pk: int, request) -> dict:
    """The claim's Web Annotation; 404 when there is no such claim."""
    claim = Claim.objects.filter(pk=pk).values(*ANNOTATION_VALUES).first()
    if claim is None:
        raise NotFound("No claim with this id.")
    return web_annotation(claim, request)


def page_number(request) -> int | None:
    """?page=N (from 1), or None without it; anything else is a 400 naming the parameter."""
    raw = request.query_params.get("page")
    if raw is None:
        return None
    number = whole_number(raw)
    if number is None or not 1 <= number < 2**31:
        raise ValidationError({"page": [f"A page number from 1, not {raw[:50]!r}."]})
    return number


def annotation_collection(document: dict, request, page: int | None) -> dict:
    """The document's claims (in text order) as an AnnotationCollection, its first page embedded, or, with `page`,
    that AnnotationPage; `document` holds its id and title. 404 for a page past the last."""
    claims = Claim.objects.filter(document_id=document["id"]).order_by("start", "id")
    total = claims.count()
    pages = -(-total // PAGE_SIZE)
    collection = _url(request, "document-annotations", document["id"])
    if page is None:
        described = {"@context": CONTEXT, "id": collection, "type": "AnnotationCollection",
                     "label": f"Claims in {document['title']}", "total": total}
        if total:  # the first page embedded: a client has the whole collection when it has one page
            described.update(first=_page(claims, request, collection, 1, pages), last=f"{collection}?page={pages}")
        return described
    if page > max(pages, 1):
        raise NotFound(f"No page {page}: this collection has {pages} page(s).")
    return {"@context": CONTEXT, **_page(claims, request, collection, page, pages),
            "partOf": {"id": collection, "total": total}}


def _page(claims, request, collection: str, page: int, pages: int) -> dict:
    start = (page - 1) * PAGE_SIZE
    items = [web_annotation(claim, request) for claim in claims.values(*ANNOTATION_VALUES)[start:start + PAGE_SIZE]]
    return {"id": f"{collection}?page={page}", "type": "AnnotationPage", "startIndex": start,
            **({"prev": f"{collection}?page={page - 1}"} if page > 1 else {}),
            **({"next": f"{collection}?page={page + 1}"} if page < pages else {}),
            "items": items}
