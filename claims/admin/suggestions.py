"""The suggestion queues: suggested claims and links, oldest first, accepted or rejected in bulk."""

from django.contrib import admin

from claims.models import SuggestedClaim, SuggestedLink

from .claim import ClaimAdmin
from .link import ClaimLinkAdmin


@admin.register(SuggestedClaim)
class SuggestedClaimAdmin(ClaimAdmin):
    """Suggested claims; open one to accept (status draft) or reject it, or select several for an action."""

    list_display = ["__str__", "kind", "value", "unit", "date_start", "document", "created_at"]
    list_filter = ["kind", "language", ("document", admin.RelatedOnlyFieldListFilter)]
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=SuggestedClaim.Status.SUGGESTED)


@admin.register(SuggestedLink)
class SuggestedLinkAdmin(ClaimLinkAdmin):
    """Suggested links with the note saying why; confirm or reject them."""

    list_display = ["id", "from_claim", "relation", "to_claim", "note", "created_at"]
    list_filter = ["relation"]
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=SuggestedLink.Status.SUGGESTED)
