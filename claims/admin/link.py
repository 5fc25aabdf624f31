from django.contrib import admin

from claims.models import ClaimLink


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin):
    """Links between claims."""

    list_display = ["id", "from_claim", "relation", "to_claim", "status"]
    list_filter = ["relation", "status"]
    raw_id_fields = ["from_claim", "to_claim"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]
