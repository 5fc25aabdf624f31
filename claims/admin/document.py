"""Documents in the admin, with their claim counts and the annotation view."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.urls import path, reverse
from django.utils.html import format_html

from claims.models import Document, Language
from claims.services.documents import DocumentInput, document_check_text, document_create, documents_like

from .annotate import annotate_view
from .display import shown_date
from .history import HistoryAdmin
from .writes import ADDED, ServiceWrites


class DocumentAdminForm(forms.ModelForm):
    """A new document's text must be new; a stored document's text is not the form's to change (a revert from
    the history included): only re-import re-anchors its claims. (No Meta: the admin builds it, with its
    formfield_overrides.)"""

    languages = forms.MultipleChoiceField(choices=Language.choices, widget=forms.CheckboxSelectMultiple,
                                          required=False, help_text="The languages and scripts of the text.")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            data = DocumentInput(text=cleaned.get("text", ""), url=cleaned.get("url", ""))
            known = documents_like(data).first()
            if known is not None:
                raise ValidationError(f"Document #{known.pk} has this text or URL already.")
        else:
            try:
                document_check_text(self.instance)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["text"]) from None
        return cleaned


@admin.register(Document)
class DocumentAdmin(ServiceWrites, HistoryAdmin):
    """Documents with their claim counts (counted in the list's one query) and a link to annotate them."""

    form = DocumentAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default, now
    list_display = ["annotate_link", "title", "source", "published_shown", "claim_count"]
    list_display_links = ["title"]
    list_filter = ["source", "published_precision"]
    search_fields = ["title", "url", "filename"]
    list_select_related = ["source"]
    readonly_fields = ["content_hash", "filename", "main_ranges", "duplicate_ranges", "imported_at", "created_at",
                       "updated_at"]
    autocomplete_fields = ["source", "republished_from"]
    exclude = ["search_vector"]

    published_shown = shown_date("published", "published")

    def get_readonly_fields(self, request, obj=None):
        """A stored document's text is shown, never edited: it changes only by re-import."""
        fields = super().get_readonly_fields(request, obj)
        return fields if obj is None else ["text", *fields]

    def save_model(self, request, obj, form, change):
        """A new document is imported from the form's text, so its layout is read and its blanks detected."""
        if change:
            return super().save_model(request, obj, form, change)
        document = document_create(data=DocumentInput.from_fields(form.cleaned_data), reason=ADDED)
        obj.pk, obj._state.adding = document.pk, False
        obj.refresh_from_db()

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
