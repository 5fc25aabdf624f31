"""The API's ReDoc page without a request to another host: drf-spectacular-sidecar's ReDoc bundle always shows
Redocly's logo from cdn.redoc.ly; served from here, the bundle shows claimtrack's icon from this server instead."""

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.templatetags.static import static

BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@cache
def _bundle(icon: str) -> bytes | None:
    found = finders.find(BUNDLE)
    if not found:
        return None
    return Path(found).read_text(encoding="utf-8").replace(REDOCLY_LOGO, icon).encode("utf-8")


def redoc_bundle(request):
    """ReDoc's standalone script with its one outside address (the logo) pointed at this server's icon."""
    body = _bundle(static("claims/favicon.svg"))
    if body is None:
        raise Http404("ReDoc's bundle is not installed (drf-spectacular-sidecar).")
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
