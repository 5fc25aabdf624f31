"""Pagination without COUNT(*): page numbers for browsing, an id cursor for stable incremental sync."""

import re
from collections import OrderedDict

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from claims.selectors import page_rows


class Pagination(BasePagination):
    """`page` and `page_size` (at most 1000) as usual; or `pagination=cursor` (then follow `next`), which
    walks the filtered set by id so that nothing is skipped or repeated while rows are added.
    Neither counts the whole set: a page is read with one row more to know whether another follows."""

    page_size = 50
    max_page_size = 1000
    max_page = 10_000
    modes = ("page", "cursor")
    cursor_pattern = "^[0-9]{0,18}$"  # an id, below 2**63

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self._whole_number(request, "page_size", self.page_size, 1, self.max_page_size)
        self.page = self._whole_number(request, "page", 1, 1, self.max_page)  # checked in either mode
        mode = request.query_params.get("pagination") or ("cursor" if "cursor" in request.query_params else "page")
        if mode not in self.modes:
            raise ValidationError({"pagination": [f"Must be one of {', '.join(self.modes)}."]})
        self.cursor_mode = mode == "cursor"
        if self.cursor_mode:
            if request.query_params.get("ordering"):
                raise ValidationError({"ordering": ["Cursor pagination orders by id; drop ordering or use pages."]})
            after = self._decode_cursor(request.query_params.get("cursor"))
            queryset = queryset.order_by("id")
            if after is not None:
                queryset = queryset.filter(id__gt=after)
            rows = page_rows(queryset, 0, self.page_size + 1)
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
            last = self.rows[-1]
            last_id = last["id"] if isinstance(last, dict) else last.pk  # values() rows or instances
            return replace_query_param(remove_query_param(url, "pagination"), "cursor", str(last_id))
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
            param("pagination", "cursor: walk the set by id and follow next; page (the default): pages.",
                  {"type": "string", "enum": list(self.modes)}),
            param("cursor", "Cursor mode: the rows after this id (the next link gives it; empty: from the start).",
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

    @classmethod
    def _decode_cursor(cls, raw):
        if not raw:
            return None
        if not re.fullmatch(cls.cursor_pattern, raw):
            raise ValidationError({"cursor": ["Invalid cursor: use the next link as given."]})
        return int(raw)
