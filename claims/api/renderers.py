"""JSON rendered with orjson: a page of claims encodes in a tenth of the time json.dumps takes; figures (decimals) as
exact number literals without padding."""

from decimal import Decimal

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

from claims.text.figures import unpadded

# datetimes as DRF writes them (its encoder), not orjson's way
OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
_drf_default = JSONEncoder().default


def json_default(value):
    """What orjson cannot encode by itself: a Decimal as its exact literal (47000, 0.478: never a float, so no
    digit is lost), anything else as DRF's encoder does."""
    if isinstance(value, Decimal):
        return orjson.Fragment(unpadded(value))
    return _drf_default(value)


def dumps(data, indent: bool = False) -> bytes:
    """JSON of data as the API writes it."""
    return orjson.dumps(data, default=json_default, option=OPTIONS | (orjson.OPT_INDENT_2 if indent else 0))


class ORJSONRenderer(JSONRenderer):
    """DRF's JSONRenderer, encoded by orjson; indented output (Accept: ...; indent=N, and the browsable API) is
    indented by two spaces, orjson's only indent; only what orjson refuses (integers beyond 64 bits) goes through
    DRF's encoder, which writes a figure as a float."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        indent = self.get_indent(accepted_media_type or "", renderer_context or {})
        try:
            return dumps(data, indent=indent is not None)
        except (orjson.JSONEncodeError, TypeError):
            return super().render(data, accepted_media_type, renderer_context)


class ErrorsAsJSON:
    """For renderers of other media types: an error's body is JSON, said so, as every error of the API is."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            response["Content-Type"] = ORJSONRenderer.media_type
            return ORJSONRenderer.render(self, data, accepted_media_type, renderer_context)
        return super().render(data, accepted_media_type, renderer_context)


class JSONLDRenderer(ErrorsAsJSON, ORJSONRenderer):
    """JSON-LD (application/ld+json): ClaimReview."""

    media_type = "application/ld+json"
    format = "jsonld"


class AnnotationRenderer(JSONLDRenderer):
    """JSON-LD in the Web Annotation profile, the Annotation Protocol's media type, for any request that accepts
    application/ld+json (with that profile or none) or anything. Matched as application/ld+json: DRF takes a
    renderer only for an Accept header that names all of its media type's parameters, which */* does not."""

    profiled = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code < 400:
            response["Content-Type"] = self.profiled
        return super().render(data, accepted_media_type, renderer_context)


class PlainTextRenderer(ErrorsAsJSON, ORJSONRenderer):
    """A text as text/plain in UTF-8."""

    media_type = "text/plain"
    format = "txt"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str):
            return data.encode("utf-8")
        return super().render(data, accepted_media_type, renderer_context)
