"""Exports of claims: the filtered set as CSV or JSON Lines."""

import csv
import json

from django.http import StreamingHttpResponse
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer

from claims.representations import CLAIM_FIELD_NAMES, claim_csv_cells
from claims.selectors import claim_representations_streamed

from . import renderers

FORMATS = ("csv", "jsonl")
CHUNK = 2000


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
    """The whole filtered set (a claim_values() queryset), streamed in chunks so that memory stays flat however
    large it is; the columns are claims.representations' fields, in its order."""
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
