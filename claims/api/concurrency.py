"""Optimistic concurrency: detail responses carry an ETag; writes must name the version they change."""

import hashlib
from decimal import Decimal

import orjson

from django.db import transaction
from django.urls import reverse
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from claims.text.figures import unpadded


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it: fetch it again and reapply your change."
    default_code = "precondition_failed"


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = "Send If-Match with the ETag of the version you are changing."
    default_code = "precondition_required"


def etag_of(data) -> str:
    """A strong ETag for a representation: any visible change gives a new one, and only a visible change (a figure
    is hashed as it is written, without its column's padding)."""
    body = orjson.dumps(data, default=_as_shown, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _as_shown(value) -> str:
    return unpadded(value) if isinstance(value, Decimal) else str(value)


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def etag_matches(request, etag: str) -> bool:
    """Whether the request's If-None-Match names `etag`: the client has this version (304)."""
    return etag in _etags(request.headers.get("If-None-Match", ""))


class ETagMixin:
    """For ModelViewSets: ETag on create, retrieve and update, and If-None-Match on retrieve; If-Match required on
    update and delete, checked against the row locked for the rest of the transaction, so no write is lost.
    claims.api.schema declares these headers and answers for every viewset with this mixin."""

    def represent(self, instance) -> dict:
        """The instance as the API shows it; a viewset may read it faster than through its serializer."""
        return self.get_serializer(instance).data

    def retrieve_representation(self) -> dict:
        """What a GET of the detail shows; a viewset may read it without loading the instance first."""
        return self.represent(self.get_object())

    def retrieve(self, request, *args, **kwargs):
        data = self.retrieve_representation()
        etag = etag_of(data)
        if etag_matches(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})

    def create(self, request, *args, **kwargs):
        """201 with the row as a GET shows it, its ETag, and its URL in Location."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        data = self.represent(serializer.instance)
        location = request.build_absolute_uri(reverse(f"{self.basename}-detail", args=[serializer.instance.pk]))
        return Response(data, status=status.HTTP_201_CREATED, headers={"ETag": etag_of(data), "Location": location})

    def _check_if_match(self, request, instance):
        header = request.headers.get("If-Match")
        if not header:
            raise PreconditionRequired()
        if "*" not in _etags(header) and etag_of(self.represent(instance)) not in _etags(header):
            raise PreconditionFailed()

    def _locked_object(self):
        instance = self.get_object()
        type(instance).objects.select_for_update().filter(pk=instance.pk).exists()  # lock the row
        return self.get_object()  # read again now that nobody else can change it

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self._locked_object()
            self._check_if_match(request, instance)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            self.perform_update(serializer)
        data = self.represent(self.get_object())
        return Response(data, headers={"ETag": etag_of(data)})

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self._locked_object()
            self._check_if_match(request, instance)
            self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)
