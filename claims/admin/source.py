from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    """Publishers and outlets."""

    list_display = ["name", "kind", "country", "primary_language"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
