from django.contrib import admin
from django.db.models import Count

from claims.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Documents with their claim counts."""

    list_display = ["title", "source", "published_start", "published_precision", "claim_count"]
    list_filter = ["source", "published_precision"]
    search_fields = ["title", "url", "filename"]
    list_select_related = ["source"]
    readonly_fields = ["content_hash", "imported_at", "created_at", "updated_at"]
    raw_id_fields = ["source", "republished_from"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, obj):
        return obj.claim_count
