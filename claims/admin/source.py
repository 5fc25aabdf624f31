from django.contrib import admin
from django.db import models

from claims.models import Source

from .history import HistoryAdmin
from .writes import ServiceWrites


@admin.register(Source)
class SourceAdmin(ServiceWrites, HistoryAdmin):
    """Publishers and outlets."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default, now
    list_display = ["name", "kind", "country", "primary_language"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
