"""Documents in the admin, with their claim counts and the annotation view."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Document

from .annotate import annotate_view


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    """Documents with their claim counts (counted in the list's one query) and a link to annotate them."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default, now
    list_display = ["title", "source", "published_start", "published_precision", "claim_count", "annotate_link"]
    list_filter = ["source", "published_precision"]
    search_fields = ["title", "url", "filename"]
    list_select_related = ["source"]
    readonly_fields = ["content_hash", "filename", "main_ranges", "duplicate_ranges", "imported_at", "created_at",
                       "updated_at"]
    autocomplete_fields = ["source", "republished_from"]
    exclude = ["search_vector"]

    def get_urls(self):
        annotate = self.admin_site.admin_view(lambda request, object_id: annotate_view(self, request, object_id))
        return [path("<path:object_id>/annotate/", annotate, name="claims_document_annotate"), *super().get_urls()]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims")).defer("text")

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, obj):
        return obj.claim_count

    @admin.display(description="")
    def annotate_link(self, obj):
        return format_html('<a href="{}">annotate</a>', reverse("admin:claims_document_annotate", args=[obj.pk]))
