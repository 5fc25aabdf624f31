"""The suggestion queues: suggested claims and links, oldest first, accepted or rejected in bulk."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from claims.models import SuggestedClaim, SuggestedLink

from .claim import ClaimAdmin
from .link import ClaimLinkAdmin


@admin.register(SuggestedClaim)
class SuggestedClaimAdmin(ClaimAdmin):
    """Suggested claims; open one to accept (status draft) or reject it, or select several for an action."""

    list_display = ["__str__", "kind", "value_shown", "unit", "date_shown", "document", "created_at"]
    list_filter = ["kind", "language", ("document", admin.RelatedOnlyFieldListFilter)]
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=SuggestedClaim.Status.SUGGESTED)

    def has_add_permission(self, request):
        """Detection makes suggestions; a claim made by hand is added as a claim."""
        return False

    def history_view(self, request, object_id, extra_context=None):
        """A suggestion's history is its claim's."""
        return redirect(reverse("admin:claims_claim_history", args=[object_id]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """One by one, a suggestion is accepted or rejected on its claim's own form (status)."""
        return redirect(reverse("admin:claims_claim_change", args=[object_id]))


@admin.register(SuggestedLink)
class SuggestedLinkAdmin(ClaimLinkAdmin):
    """Suggested links with the note saying why; confirm or reject them."""

    list_display = ["id", "from_claim", "relation", "to_claim", "note", "created_at"]
    list_filter = ["relation"]
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=SuggestedLink.Status.SUGGESTED)

    def has_add_permission(self, request):
        """Detection makes suggestions; a link made by hand is added as a link."""
        return False

    def history_view(self, request, object_id, extra_context=None):
        """A suggestion's history is its link's."""
        return redirect(reverse("admin:claims_claimlink_history", args=[object_id]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """One by one, a suggested link is confirmed or rejected on the link's own form (status)."""
        return redirect(reverse("admin:claims_claimlink_change", args=[object_id]))
