from django.contrib import admin

from claims.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Publishers and outlets."""

    list_display = ["name", "kind", "country", "primary_language"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
