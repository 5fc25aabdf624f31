"""JSON request bodies parsed by orjson, with a size limit: strict and bounded whatever a client sends.

orjson refuses what json.loads lets through and the database later chokes on (lone surrogates, NaN,
infinities) and stops at 1024 levels of nesting instead of exhausting the interpreter's stack.
"""

import orjson
from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import BaseParser


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


def read_limited(stream, meta) -> bytes:
    """The body, refusing more than DATA_UPLOAD_MAX_MEMORY_SIZE bytes (announced or actually sent)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    announced = meta.get("CONTENT_LENGTH") or "0"
    if announced.isascii() and announced.isdigit() and int(announced) > limit:
        raise RequestTooLarge(f"The request body is {int(announced):,} bytes; at most {limit:,} are accepted.")
    body = stream.read(limit + 1) if stream is not None else b""
    if len(body) > limit:
        raise RequestTooLarge(f"The request body is over {limit:,} bytes, the most accepted.")
    return body


class ORJSONParser(BaseParser):
    """application/json. Not a subclass of DRF's JSONParser, which DRF feeds through request.body: that would
    answer an oversized body with Django's HTML 400 instead of this parser's JSON 413."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        body = read_limited(stream, request.META if request is not None else {})
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
