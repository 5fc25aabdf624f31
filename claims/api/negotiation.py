"""Content negotiation: an unknown ?format= is a 400 naming the parameter, not DRF's 404; a request that takes
anything (scripts: no Accept header, or */*) gets the first renderer without DRF parsing every media type."""

from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation; a format in the query string that no renderer of the endpoint has is the client's
    mistake in a parameter (a format suffix of the path, /api/claims/1.xml, stays a 404: a path no route has)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT", "*/*")
        if (accept == "*/*" and renderers and not format_suffix
                and not request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)):
            return renderers[0], renderers[0].media_type  # what DRF answers: */* matches the first renderer
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:  # raised by filter_renderers only, for a format no renderer has
            name = self.settings.URL_FORMAT_OVERRIDE
            if format_suffix or not name:
                raise
            known = ", ".join(dict.fromkeys(renderer.format for renderer in renderers))
            raise ValidationError({name: [f"Unknown format {request.query_params.get(name, '')[:50]!r}: "
                                          f"this endpoint gives {known}."]}) from None
