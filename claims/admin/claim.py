"""Claims in the admin: the claim form, actors and links inline, and the suggestion actions."""

from functools import reduce
from operator import or_

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode

from claims.models import REVIEW_PERMISSION, Claim, ClaimActor, ClaimLink, Document
from claims.services.claims import claims_resolve_suggestions, may_set_status
from claims.text.datephrases import parse_date_phrase
from claims.text.dates import format_interval
from claims.text.figures import parse_figure
from claims.text.metadata import chinese_script
from claims.text.scripts import HAN
from claims.text.search_terms import script_variants
from claims.text.spans import context

from .annotate import review_view
from .display import UnpaddedDecimalField, shown_date, shown_number
from .history import HistoryAdmin
from .writes import ServiceWrites

FIGURE_FIELDS = ["value", "value_low", "value_high"]


class ClaimAdminForm(forms.ModelForm):
    """The claim form, refusing to overwrite a claim someone else saved after it was opened."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        exclude = ["search_vector"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # The version of the row as stored: for a revert from the history, the instance is the old version, and
            # the save that restores it replaces the current one, which is what the editor saw last.
            current = Claim.objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
            self.fields["loaded_version"].initial = (current or self.instance.updated_at).isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Lock the row until this save commits, then compare with what the editor had opened.
            current = Claim.objects.select_for_update(of=("self",)).select_related("updated_by").get(
                pk=self.instance.pk)
            if cleaned.get("loaded_version") and current.updated_at.isoformat() != cleaned["loaded_version"]:
                who = current.updated_by.get_username() if current.updated_by else "someone else"
                raise ValidationError(
                    f"This claim was changed by {who} at {current.updated_at:%Y-%m-%d %H:%M:%S} after you opened it. "
                    "Nothing was saved: reload the page to see their change, then make yours again.")
        return cleaned


class ClaimActorInline(admin.TabularInline):
    model = ClaimActor
    extra = 1
    autocomplete_fields = ["actor"]


class AutocompleteSelectExcluding(AutocompleteSelect):
    """Django's autocomplete select, asking the site's autocomplete (config/admin.py) to leave one object out."""

    def __init__(self, field, admin_site, *, exclude, **kwargs):
        super().__init__(field, admin_site, **kwargs)
        self.exclude = exclude

    def get_url(self):
        return f"{super().get_url()}?{urlencode({'exclude': self.exclude})}"


class _LinkInline(admin.TabularInline):
    """Links between this claim and claims in any document, edited from either end; the claim at the other end is
    found by the autocomplete, which never offers this claim itself."""

    model = ClaimLink
    extra = 1
    other = ""  # the field that names the claim at the other end
    # a note box of the admin's usual 48em would push the table past a 1280-pixel screen
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 32})}}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get(self.other)  # absent where the form is read-only
        if obj is not None and field is not None:
            wrapper = field.widget  # RelatedFieldWidgetWrapper, its add and change buttons
            wrapper.widget = AutocompleteSelectExcluding(wrapper.widget.field, self.admin_site, exclude=obj.pk,
                                                         attrs=wrapper.widget.attrs)
        return formset


class ClaimLinkInline(_LinkInline):
    """Links from this claim to others."""

    fk_name, other = "from_claim", "to_claim"
    autocomplete_fields = ["to_claim"]
    fields = ["to_claim", "relation", "status", "note"]
    verbose_name_plural = "links to other claims"


class ClaimLinkToInline(_LinkInline):
    """Links from other claims to this one: added and edited here as well as on the claim they are from."""

    fk_name, other = "to_claim", "from_claim"
    autocomplete_fields = ["from_claim"]
    fields = ["from_claim", "relation", "status", "note"]
    extra = 0
    verbose_name_plural = "links from other claims"


def _language(document: Document, quote: str) -> str:
    """English for Latin text; for Chinese the document's own script when it has one, else the quote's."""
    if not HAN.search(quote):
        return "en"
    return next((tag for tag in document.languages if tag.startswith("zh")), None) or chinese_script(quote)


def prefill(request) -> dict:
    """Initial values for a claim selected in the annotation view: the span, quote and context from the
    text, and the value or date when the selection reads as one."""
    try:
        document = Document.objects.get(pk=int(request.GET["document"]))
        start, end = int(request.GET["start"]), int(request.GET["end"])
    except (KeyError, ValueError, Document.DoesNotExist):
        return {}
    text = document.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not 0 <= start < end <= len(text):
        return {}
    quote = text[start:end]
    prefix, suffix = context(text, start, end)
    kind = request.GET.get("kind", Claim.Kind.STATEMENT)
    initial = {"document": document.pk, "start": start, "end": end, "quote": quote, "prefix": prefix,
               "suffix": suffix, "kind": kind, "status": Claim.Status.DRAFT,
               "language": _language(document, quote)}
    if kind == Claim.Kind.FIGURE:
        figure = parse_figure(quote)
        if figure:
            initial.update(value=figure.value, value_low=figure.low, value_high=figure.high, unit=figure.unit)
    date = parse_date_phrase(quote, document.published_start)
    if date:
        initial.update(date_start=date.start, date_end=date.end, date_precision=date.precision)
    return initial


@admin.register(Claim)
class ClaimAdmin(ServiceWrites, HistoryAdmin):
    """Claims with their spans and normalised values."""

    form = ClaimAdminForm
    formfield_overrides = {models.DecimalField: {"form_class": UnpaddedDecimalField}}
    list_display = ["__str__", "status", "verdict", "language", "value_shown", "unit", "date_shown",  # __str__: kind
                    "document"]
    list_filter = ["kind", "status", "verdict", "language", ("document__source", admin.RelatedOnlyFieldListFilter),
                   ("claim_actors__actor", admin.RelatedOnlyFieldListFilter),
                   ("document", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["quote", "paraphrase", "note", "unit"]
    list_select_related = ["document"]
    autocomplete_fields = ["document"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]
    inlines = [ClaimActorInline, ClaimLinkInline, ClaimLinkToInline]
    actions = ["accept_suggestions", "reject_suggestions"]
    fieldsets = [
        (None, {"fields": ["document", "kind", "status", "verdict", "language", "start", "end", "quote", "prefix",
                           "suffix", "paraphrase", "note", "detached", "loaded_version"]}),
        ("Figure", {"fields": ["value", "value_low", "value_high", "unit"]}),
        ("Date and place", {"fields": ["date_start", "date_end", "date_precision", "event_type", "place"]}),
        ("Record", {"fields": ["created_by", "updated_by", "created_at", "updated_at"]}),
    ]

    value_shown, value_low_shown, value_high_shown = (shown_number(field) for field in FIGURE_FIELDS)
    date_shown = shown_date("date", "date")

    def autocomplete_text(self, claim) -> str:
        """A claim as its autocomplete offers it (config/admin.py): kind, quote, and the document's title and date."""
        document = claim.document
        date = format_interval(document.published_start, document.published_end, document.published_precision)
        return f"{claim.kind}: “{claim.quote[:60]}” — {document.title[:60]}" + (f", {date}" if date else "")

    def get_search_results(self, request, queryset, search_term):
        """Words as the admin searches them, Chinese in either script (网络安全 finds 網絡安全, as the API's q does); in
        an autocomplete, each claim's document comes in the same query (without its text)."""
        found, may_have_duplicates = [], False
        for variant in script_variants(search_term):
            matches, duplicates = super().get_search_results(request, queryset, variant)
            found.append(matches)
            may_have_duplicates = may_have_duplicates or duplicates
        queryset = reduce(or_, found)
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            queryset = queryset.select_related("document").defer("document__text", "document__search_vector")
        return queryset, may_have_duplicates

    def get_fieldsets(self, request, obj=None):
        """Read-only (for those who may only view), the figure reads as in the list: 3,000,000,000."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [(name, {**options, "fields": [f"{field}_shown" if field in FIGURE_FIELDS else field
                                              for field in options["fields"]]}) for name, options in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(REVIEW_PERMISSION):
            fields.append("verdict")
        return fields

    def get_urls(self):
        """The keyboard review's endpoint (see annotate.review_view), with the admin's login and CSRF checks."""
        opts = self.opts
        review = path("<path:object_id>/review/", self.admin_site.admin_view(review_view),
                      name=f"{opts.app_label}_{opts.model_name}_review")
        return [review, *super().get_urls()]

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), **prefill(request)}

    def get_form(self, request, obj=None, **kwargs):
        """The status choices are those the user may move this claim to (see may_set_status)."""
        form = super().get_form(request, obj, **kwargs)
        status = form.base_fields.get("status")
        if status is not None:
            old = obj.status if obj is not None else None
            status.choices = [(value, label) for value, label in status.choices
                              if value == old or may_set_status(request.user, old=old, new=value)]
        return form

    def response_add(self, request, obj, post_url_continue=None):
        if request.GET.get("from") == "annotate" and "_addanother" not in request.POST \
                and "_continue" not in request.POST:
            self.message_user(request, f"Claim #{obj.pk} added.", messages.SUCCESS)
            return redirect(reverse("admin:claims_document_annotate", args=[obj.document_id]))
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description="Accept the selected suggestions (they become drafts)", permissions=["change"])
    def accept_suggestions(self, request, queryset):
        done = claims_resolve_suggestions(claims=queryset, accept=True, user=request.user)
        self.message_user(request, f"{done} suggestion(s) accepted.", messages.SUCCESS)

    @admin.action(description="Reject the selected suggestions", permissions=["change"])
    def reject_suggestions(self, request, queryset):
        done = claims_resolve_suggestions(claims=queryset, accept=False, user=request.user)
        self.message_user(request, f"{done} suggestion(s) rejected.", messages.SUCCESS)
