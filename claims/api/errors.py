"""Every error as JSON: validation from the model layer as 400, conflicts in the database as 409, a database
that cannot be reached (restarting, refusing connections) as 503 with Retry-After."""

import sys

import psycopg
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse, JsonResponse
from django.views import defaults
from django.db import DataError, IntegrityError, InterfaceError, OperationalError
from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


# Seconds a client is asked to wait when the database cannot be reached: a restart takes a few.
RETRY_AFTER_SECONDS = 5
UNAVAILABLE = "The database is unavailable for a moment (restarting or unreachable); retry in a few seconds."
# SQLSTATEs of a server that is going away or not yet accepting: shutdown by the administrator, crash
# shutdown, cannot connect now (starting up or shutting down); and class 08, connection exceptions.
_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03"}


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether `exc` says the database could not be reached or dropped the connection, as opposed to a query it
    refused: a connection Django found closed, or psycopg's connection failure (no SQLSTATE) or shutdown states."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError) or not isinstance(exc.__cause__, psycopg.OperationalError):
        return False
    state = exc.__cause__.sqlstate
    return state is None or state.startswith("08") or state in _UNAVAILABLE_STATES


def _retry_later(response):
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def exception_handler(exc, context):
    """DRF's handler, plus the model layer's exceptions turned into answers a client can act on."""
    if database_unavailable(exc):
        return _retry_later(Response({"detail": UNAVAILABLE}, status=status.HTTP_503_SERVICE_UNAVAILABLE))
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError):
        return Response({"detail": "Cannot delete: other records depend on this one (for a document, its claims)."},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, IntegrityError):
        return Response({"detail": "Conflicts with existing data: " + " ".join(str(exc).split())[:300]},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DataError):
        return Response({"detail": "A value is out of range for the database: " + " ".join(str(exc).split())[:300]},
                        status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


def _api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception):
    """404 for URLs no route matches: JSON under /api/, Django's page elsewhere."""
    if _api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """500: JSON under /api/ (the details go to the log, never to the client), Django's page elsewhere; 503 with
    Retry-After instead when the database could not be reached (e.g. in a middleware, or an admin page)."""
    if database_unavailable(sys.exc_info()[1]):
        if _api(request):
            return _retry_later(JsonResponse({"detail": UNAVAILABLE}, status=503))
        return _retry_later(HttpResponse(f"<!doctype html><title>Service unavailable</title><h1>Service unavailable "
                                         f"(503)</h1><p>{UNAVAILABLE}</p>", status=503))
    if _api(request):
        return JsonResponse({"detail": "Server error: it has been logged."}, status=500)
    return defaults.server_error(request)


def declare_unavailable(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation may answer 503 with Retry-After (database restarting)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("503", {
                    "description": UNAVAILABLE,
                    "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
                    "content": {"application/json": {"schema": {
                        "type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}}},
                })
    return result
