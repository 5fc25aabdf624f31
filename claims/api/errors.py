"""Every error as JSON: validation from the model layer as 400, conflicts in the database as 409."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views import defaults
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, plus the model layer's exceptions turned into answers a client can act on."""
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
    """500: JSON under /api/ (the details go to the log, never to the client), Django's page elsewhere."""
    if _api(request):
        return JsonResponse({"detail": "Server error: it has been logged."}, status=500)
    return defaults.server_error(request)
