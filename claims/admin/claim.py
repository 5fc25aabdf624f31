from django.contrib import admin

from claims.models import Claim, ClaimActor


class ClaimActorInline(admin.TabularInline):
    model = ClaimActor
    extra = 1
    raw_id_fields = ["actor"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """Claims with their spans and normalised values."""

    list_display = ["__str__", "kind", "status", "language", "value", "unit", "date_start", "document"]
    list_filter = ["kind", "status", "language", "document__source"]
    search_fields = ["quote", "paraphrase", "note"]
    list_select_related = ["document"]
    raw_id_fields = ["document"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]
    inlines = [ClaimActorInline]
