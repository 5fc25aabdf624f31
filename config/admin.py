"""claimtrack's admin site: its own name, and autocomplete results that a model admin may word itself."""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class AutocompleteView(AutocompleteJsonView):
    """Django's autocomplete, with each result's text from the model admin's `autocomplete_text` where it has one,
    and without the object whose primary key the widget's URL names as `exclude` (a claim is not linked to itself)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        exclude = self.request.GET.get("exclude", "")
        return queryset.exclude(pk=exclude) if exclude.isdigit() else queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        autocomplete_text = getattr(self.model_admin, "autocomplete_text", None)
        return {**result, "text": autocomplete_text(obj)} if autocomplete_text else result


class ClaimtrackAdminSite(admin.AdminSite):
    """The default admin site (see config/apps.py), named for claimtrack."""

    site_header = "claimtrack"
    site_title = "claimtrack admin"
    index_title = "Documents, claims and links"
    site_url = "/fact-checks/"  # "View site": what the public sees, the published reviews
    enable_nav_sidebar = False  # the index lists the same; its 300 pixels are the lists' at 1280

    def autocomplete_view(self, request):
        return AutocompleteView.as_view(admin_site=self)(request)
