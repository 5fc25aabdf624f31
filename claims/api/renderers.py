"""JSON rendered with orjson: a page of claims encodes in a tenth of the time json.dumps takes."""

import orjson
from rest_framework.renderers import JSONRenderer


# datetimes as DRF writes them (its encoder), not orjson's way
OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


class ORJSONRenderer(JSONRenderer):
    """DRF's JSONRenderer, encoded by orjson; indented output (Accept: ...; indent=N) and anything orjson refuses
    (integers beyond 64 bits) still go through DRF's encoder."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type or "", renderer_context or {}) is None:
            try:
                return orjson.dumps(data, default=self.encoder_class().default, option=OPTIONS)
            except (orjson.JSONEncodeError, TypeError):
                pass
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
