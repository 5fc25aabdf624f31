"""Pagination without COUNT(*): page numbers for browsing, keyset cursors for deep pages and stable incremental sync."""

import base64
import binascii
import datetime
import decimal
import re
from collections import OrderedDict

import orjson
from django.core.exceptions import ValidationError as FieldValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from claims.selectors import keyset_keys, keyset_rows, page_rows


class Pagination(BasePagination):
    """`page` and `page_size` (at most 1000) as usual; or `pagination=cursor` (then follow `next`), which walks the
    filtered set in the `ordering` asked for (by id without one) from the last row seen, its sort keys and id in
    the cursor, so that a deep page costs what the first does and nothing that stays is skipped or repeated while
    rows come and go. Neither counts the whole set: a page is read with one row more to know whether another
    follows."""

    page_size = 50
    max_page_size = 1000
    max_page = 10_000
    modes = ("page", "cursor")
    cursor_pattern = "^[A-Za-z0-9_-]{0,500}$"  # URL-safe base64 without padding
    bad_cursor = "Invalid cursor: use the next link as given."

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self._whole_number(request, "page_size", self.page_size, 1, self.max_page_size)
        self.page = self._whole_number(request, "page", 1, 1, self.max_page)  # checked in either mode
        mode = request.query_params.get("pagination") or ("cursor" if "cursor" in request.query_params else "page")
        if mode not in self.modes:
            raise ValidationError({"pagination": [f"Must be one of {', '.join(self.modes)}."]})
        self.cursor_mode = mode == "cursor"
        if self.cursor_mode:
            self.keys = keyset_keys(queryset if request.query_params.get("ordering") else queryset.order_by("id"))
            if self.keys is None:
                raise ValidationError({"ordering": ["Cursor pages cannot follow this ordering; use pages."]})
            self.model = queryset.model
            after = self._decode_cursor(request.query_params.get("cursor"), queryset.model)
            rows = keyset_rows(queryset, self.keys, after, self.page_size + 1)
        else:
            offset = (self.page - 1) * self.page_size
            rows = page_rows(queryset, offset, self.page_size + 1)
        self.has_next = len(rows) > self.page_size
        self.rows = rows[:self.page_size]
        return self.rows

    def get_paginated_response(self, data):
        return Response(OrderedDict([("next", self.get_next_link()), ("previous", self.get_previous_link()),
                                     ("results", data)]))

    def get_next_link(self):
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        if self.cursor_mode:
            return replace_query_param(remove_query_param(url, "pagination"), "cursor", self._encode_cursor())
        return replace_query_param(url, "page", self.page + 1)

    def get_previous_link(self):
        if self.cursor_mode or self.page == 1:
            return None
        url = self.request.build_absolute_uri()
        return remove_query_param(url, "page") if self.page == 2 else replace_query_param(url, "page", self.page - 1)

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {"type": "object", "required": ["next", "previous", "results"],
                "properties": {"next": link, "previous": link, "results": schema}}

    def get_schema_operation_parameters(self, view):
        def param(name, description, schema):
            return {"name": name, "required": False, "in": "query", "description": description, "schema": schema}

        return [
            param("page", "Page number (page mode).", {"type": "integer", "minimum": 1, "maximum": self.max_page}),
            param("page_size", f"Rows per page, at most {self.max_page_size}.",
                  {"type": "integer", "minimum": 1, "maximum": self.max_page_size}),
            param("pagination", "cursor: walk the set in its ordering (by id without one) and follow next; page (the "
                                "default): pages.", {"type": "string", "enum": list(self.modes)}),
            param("cursor", "Cursor mode: the rows after the one this cursor names (opaque, URL-safe base64 without "
                            "padding: use the one the next link gives; empty: from the start).",
                  {"type": "string", "pattern": self.cursor_pattern}),
        ]

    @staticmethod
    def _whole_number(request, name, default, low, high):
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return default
        if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
            raise ValidationError({name: [f"Must be a whole number from {low} to {high}."]})
        return int(raw)

    def _encode_cursor(self) -> str:
        """The last row's values of the keys, with the keys themselves, as JSON in URL-safe base64."""
        last, meta = self.rows[-1], self.model._meta
        attnames = [meta.get_field(name).attname for name, _ in self.keys]
        values = [(last[name] if name in last else last[attname]) if isinstance(last, dict) else getattr(last, attname)
                  for (name, _), attname in zip(self.keys, attnames)]  # values() rows or instances
        payload = {"order": [("-" if descending else "") + name for name, descending in self.keys],
                   "after": [_json_value(value) for value in values]}
        return base64.urlsafe_b64encode(orjson.dumps(payload)).decode().rstrip("=")

    def _decode_cursor(self, raw, model):
        """The values of the keys after which the page starts (None: from the start); a cursor that is not one the
        API gave, or one given for another ordering, is a 400."""
        if not raw:
            return None
        if not re.fullmatch(self.cursor_pattern, raw):
            raise ValidationError({"cursor": [self.bad_cursor]})
        pk = model._meta.pk
        if raw.isdigit() and self.keys == ((pk.name, False),):  # an id, as cursors were before they named the order
            return (self._field_value(pk, int(raw)),)
        try:
            payload = orjson.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        except (binascii.Error, ValueError):
            raise ValidationError({"cursor": [self.bad_cursor]}) from None
        order = [("-" if descending else "") + name for name, descending in self.keys]
        shaped = isinstance(payload, dict) and set(payload) == {"order", "after"}
        if not (shaped and isinstance(payload["after"], list)):
            raise ValidationError({"cursor": [self.bad_cursor]})
        if payload["order"] != order or len(payload["after"]) != len(order):
            raise ValidationError({"cursor": ["A cursor of another ordering: use the next link as given."]})
        fields = [model._meta.get_field(name) for name, _ in self.keys]
        return tuple(self._field_value(field, value) for field, value in zip(fields, payload["after"]))

    def _field_value(self, field, value):
        """A cursor's value for a field, as the field holds it; a 400 when the field could not hold it."""
        if value is None and field.null:
            return None
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            try:
                value = field.to_python(value)
                field.run_validators(value)  # within the column: digits of a decimal, an id's range
            except (FieldValidationError, TypeError, ValueError, decimal.InvalidOperation):
                value = None
            if isinstance(value, int) and not isinstance(value, bool) and -2**63 <= value < 2**63:
                return value
            if isinstance(value, decimal.Decimal) and value.is_finite():
                return value
            if isinstance(value, datetime.datetime) and value.tzinfo is not None:
                return value
            if isinstance(value, (datetime.date, str)) and not isinstance(value, datetime.datetime):
                return value
        raise ValidationError({"cursor": [self.bad_cursor]})


def _json_value(value):
    """A sort key's value in a cursor: JSON's own types, dates and times in ISO 8601, decimals as text (exact)."""
    if isinstance(value, (datetime.date, decimal.Decimal)):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    return value
