"""Exports of claims: the filtered set as CSV or JSON Lines, one claim as ClaimReview or Web Annotation."""

import csv
import json

from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer

from claims.models import Claim, ClaimActor
from claims.representations import CLAIM_FIELD_NAMES, claim_csv_cells
from claims.selectors import claim_representations_streamed, claim_review_dates
from claims.text.dates import format_interval

from . import renderers

FORMATS = ("csv", "jsonl")
CHUNK = 2000
VERDICT_RATINGS = {"true": 5, "mostly_true": 4, "mixed": 3, "mostly_false": 2, "false": 1}


class CSVRenderer(BaseRenderer):
    """Registers ?format=csv; the claim list streams the export itself (and the view answers errors as JSON)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):  # errors only
        return json.dumps(data).encode()


class JSONLinesRenderer(CSVRenderer):
    """Registers ?format=jsonl."""

    media_type = "application/jsonl"
    format = "jsonl"


class _Echo:
    def write(self, value):
        return value


def escape_formulas(request) -> bool:
    """?escape_formulas=false: CSV cells exactly as stored, for data pipelines; by default (true) a cell that a
    spreadsheet would run as a formula starts with a '."""
    value = request.query_params.get("escape_formulas", "true").lower()
    if value not in ("true", "false"):
        raise ValidationError({"escape_formulas": ["Must be true or false."]})
    return value == "true"


def stream(queryset, fmt: str, *, escape_formulas: bool = True) -> StreamingHttpResponse:
    """The whole filtered set, streamed in chunks so that memory stays flat however large it is; the
    columns are claims.representations' fields, in its order."""
    rows = claim_representations_streamed(queryset, chunk_size=CHUNK)
    if fmt == "jsonl":
        body = (renderers.dumps(row) + b"\n" for row in rows)
        response = StreamingHttpResponse(body, content_type="application/jsonl; charset=utf-8")
    else:
        writer = csv.writer(_Echo())

        def body():
            yield "\ufeff" + writer.writerow(CLAIM_FIELD_NAMES)  # BOM: spreadsheets then read UTF-8 correctly
            for row in rows:
                yield writer.writerow(claim_csv_cells(row, escape_formulas=escape_formulas))

        response = StreamingHttpResponse(body(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="claims.{fmt}"'
    return response


def _api_url(request, name: str, pk: int) -> str:
    return request.build_absolute_uri(reverse(name, args=[pk]))


def published_review_problem(claim: Claim) -> str | None:
    """Why a claim has no published ClaimReview (only a reviewed claim with a verdict has one), or None."""
    if claim.status != Claim.Status.REVIEWED:
        return f"This claim is {claim.status}: only a reviewed claim with a verdict has a published review."
    if not claim.verdict:
        return "This claim is reviewed but has no verdict yet, so it has no published review."
    return None


def _party(kind: str, name: str, url: str = "") -> dict:
    return {"@type": kind, "name": name, **({"url": url} if url else {})}


def claim_review(claim: Claim, request) -> dict:
    """schema.org ClaimReview, with the fields Google's fact-check markup reads, of a claim whose review is
    published (see published_review_problem)."""
    document = claim.document
    authors = [_party("Person" if ca.actor.kind == "person" else "Organization", ca.actor.name)
               for ca in claim.claim_actors.all() if ca.role == ClaimActor.Role.CLAIMANT]
    if not authors and document.source:  # no claimant linked: the outlet that published the claim
        authors = [_party("Organization", document.source.name, document.source.homepage)]
    rating = {"@type": "Rating", "alternateName": claim.get_verdict_display()}
    if claim.verdict in VERDICT_RATINGS:  # "unverifiable" has a name but no place on the scale
        rating.update(ratingValue=VERDICT_RATINGS[claim.verdict], bestRating=5, worstRating=1)
    published, modified = claim_review_dates(claim)
    document_date = _published(document)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": _api_url(request, "claim-claimreview", claim.pk),
        "claimReviewed": claim.paraphrase or claim.quote,
        "author": _party("Organization", settings.CLAIMTRACK_REVIEWER_NAME,
                         settings.CLAIMTRACK_REVIEWER_URL or request.build_absolute_uri("/")),
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "reviewRating": rating,
        "itemReviewed": {
            "@type": "Claim",
            "text": claim.quote,
            "inLanguage": claim.language,
            **({"author": authors} if authors else {}),
            **({"datePublished": document_date} if document_date else {}),
            **({"appearance": {"@type": "CreativeWork", "headline": document.title, "url": document.url,
                               **({"datePublished": document_date} if document_date else {})}}
               if document.url else {}),
        },
    }


def _published(document) -> str | None:
    """The document's date at its precision ("2014", "2014-10", "2014-10-15"); a span of several units by its
    start, since schema.org's datePublished is one date."""
    if document.published_start is None or not document.published_precision:
        return None
    return format_interval(document.published_start, None, document.published_precision)


def web_annotation(claim: Claim, request) -> dict:
    """A W3C Web Annotation of the claim's span: position (code points) and quote selectors."""
    body = [{"type": "TextualBody", "purpose": "tagging", "value": claim.kind}]
    if claim.paraphrase:
        body.append({"type": "TextualBody", "purpose": "describing", "value": claim.paraphrase, "language": "en"})
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": _api_url(request, "claim-annotation", claim.pk),
        "type": "Annotation",
        "motivation": "describing",
        "created": claim.created_at.isoformat(),
        "modified": claim.updated_at.isoformat(),
        "body": body,
        "target": {
            "source": _api_url(request, "document-detail", claim.document_id),
            "selector": [
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
                {"type": "TextQuoteSelector", "exact": claim.quote, "prefix": claim.prefix, "suffix": claim.suffix},
            ],
        },
    }
