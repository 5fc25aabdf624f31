from django.contrib import admin, messages

from claims.models import ClaimLink
from claims.services.links import links_resolve_suggestions

from .history import HistoryAdmin
from .writes import ServiceWrites


@admin.register(ClaimLink)
class ClaimLinkAdmin(ServiceWrites, HistoryAdmin):
    """Links between claims, with accepting and rejecting suggested ones in bulk."""

    list_display = ["id", "from_claim", "relation", "to_claim", "status"]
    list_filter = ["relation", "status"]
    list_select_related = ["from_claim", "to_claim"]
    search_fields = ["note", "from_claim__quote", "to_claim__quote"]
    autocomplete_fields = ["from_claim", "to_claim"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]
    actions = ["accept_suggestions", "reject_suggestions"]

    @admin.action(description="Confirm the selected suggested links", permissions=["change"])
    def accept_suggestions(self, request, queryset):
        done = links_resolve_suggestions(links=queryset, accept=True, user=request.user)
        self.message_user(request, f"{done} suggested link(s) confirmed.", messages.SUCCESS)

    @admin.action(description="Reject the selected suggested links", permissions=["change"])
    def reject_suggestions(self, request, queryset):
        done = links_resolve_suggestions(links=queryset, accept=False, user=request.user)
        self.message_user(request, f"{done} suggested link(s) rejected.", messages.SUCCESS)
