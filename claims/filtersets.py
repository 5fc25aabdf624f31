"""Query-string filters of the API (django-filter); every bad value is a 400 naming the parameter."""

import copy
from datetime import date
from decimal import Decimal
from functools import lru_cache, reduce
from operator import or_

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from django_filters.constants import EMPTY_VALUES
from django_filters.filterset import FilterSetMetaclass
from drf_spectacular.utils import extend_schema_field

from claims.models import Actor, Claim, ClaimActor, ClaimLink, Document, Language, Source, id_or_slug, ordered
from claims.search import search_actors, search_claims, search_documents
from claims.sql import claim_has_actor, value_reaches
from claims.text.dates import FuzzyDate
from claims.text.search_terms import unit_terms

MAX_VALUE = Decimal("1e24")


class DateIntervalFormField(forms.CharField):
    """A form field taking 2013, 2013-10 or 2013-10-15 and giving the interval it denotes."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return FuzzyDate.parse(value)
        except ValueError as exc:
            # as a parameter: django-filter %-formats messages, and the value may hold a "%"
            raise ValidationError("%(error)s", params={"error": str(exc)}) from None


# Year 0001 to 9999; then a month (1 or 2 digits); then a day that month has (29 February in leap years only).
_YEAR = "([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP_YEAR = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
_MONTH = "(0?[1-9]|1[0-2])"
_DAY = (f"({_YEAR}-{_MONTH}-(0?[1-9]|1[0-9]|2[0-8])|{_YEAR}-(0?[13-9]|1[0-2])-(29|30)|{_YEAR}-(0?[13578]|1[02])-31"
        f"|{_LEAP_YEAR}-0?2-29)")
FUZZY_DATE_PATTERN = f"^(|{_YEAR}|{_YEAR}-{_MONTH}|{_DAY})$"
# A date or a run of dates of one precision, "2011/2014" (that its ends are in order is a rule across the two).
DATE_INTERVAL_PATTERN = (f"^(|{_YEAR}|{_YEAR}-{_MONTH}|{_DAY}|{_YEAR}/{_YEAR}|{_YEAR}-{_MONTH}/{_YEAR}-{_MONTH}"
                         f"|{_DAY}/{_DAY})$")


@extend_schema_field({"type": "string", "pattern": FUZZY_DATE_PATTERN})
class FuzzyDateFilter(filters.Filter):
    """A date of any precision: 2013, 2013-10 or 2013-10-15 (empty: no filter)."""

    field_class = DateIntervalFormField


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    """A row's id: a whole number from 1."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=2**63 - 1, **kwargs)


class BoundedDecimalField(forms.DecimalField):
    """A decimal that refuses NaN, infinities and absurd magnitudes with a message, not a 500."""

    def __init__(self, **kwargs):
        super().__init__(max_value=MAX_VALUE, min_value=-MAX_VALUE, **kwargs)


class BoundedDecimalFilter(filters.NumberFilter):
    field_class = BoundedDecimalField


class IdOrSlugFilter(filters.CharFilter):
    """A foreign key by id (digits) or by slug."""

    def __init__(self, *args, id_field: str, slug_field: str, **kwargs):
        self.id_field, self.slug_field = id_field, slug_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        pk, slug = id_or_slug(value)
        if pk is not None:
            return qs.filter(**{self.id_field: pk})
        return qs.filter(**{self.slug_field: slug}) if slug is not None else qs.none()


def _text(max_length=200, **kwargs):
    return filters.CharFilter(max_length=max_length, **kwargs)


def _choices(choices):
    """Any of several values of one column: no join, so no DISTINCT (which would sort every match)."""
    return filters.MultipleChoiceFilter(choices=choices, distinct=False)


class StableOrderingFilter(filters.OrderingFilter):
    """Orders as asked, then by id in the last key's direction, so that equal values (many claims share a date)
    never shuffle pages; nulls after every value (last ascending, first descending) on any database. An index on
    (key, id) serves each ordering both ways, and keyset cursors (claims.selectors.keyset_rows) follow it."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            terms = [(term.removeprefix("-"), term.startswith("-")) for term in qs.query.order_by]
            if not {"id", "pk"} & {name for name, _ in terms}:
                terms.append(("id", terms[-1][1]))
            qs = qs.order_by(*(ordered(name, descending) for name, descending in terms))
        return qs


class _Declarations(dict):
    """A filter set's declared filters, which each request's filter set copies (django-filter deep-copies them):
    a shallow copy of each does, as nothing in a filter changes per request but its parent and model, which
    django-filter sets on the copy; the copy's method is set again so that it calls the copy's parent."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, declared in self.items():
            copies[name] = copy.copy(declared)
            copies[name].method = declared.method
        return copies


class _Fields(dict):
    """A filter form's fields, which each form copies (Django deep-copies them, widgets, choices and validators
    included): the form only validates the query string, changing no field, so a shallow copy of each does."""

    def __deepcopy__(self, memo):
        return {name: copy.copy(field) for name, field in self.items()}


class _Metaclass(FilterSetMetaclass):
    def __new__(mcs, name, bases, attrs):
        cls = super().__new__(mcs, name, bases, attrs)
        cls.base_filters = _Declarations(cls.base_filters)
        return cls


class FilterSet(filters.FilterSet, metaclass=_Metaclass):
    """django-filter's FilterSet with its form class built once per filter set rather than per request, the
    filters and form fields each request copies copied shallowly, and only the filters a request names checked.

    get_form_class is django-filter's documented hook for the first: the form's fields come from the filter
    declarations, never from a request. Measured on a page of claims (1M claims, in process), building the
    class cost about a tenth of the request's CPU time; the deep copies of the 20 filters and their form fields
    (with their widgets and choices) made a request's filter set cost 0.88 ms, most of it copying.

    A filter the query string does not name filters nothing (its field cleans nothing to an empty value, which
    django-filter skips), yet the form built every field and cleaned it: the request is checked by `checked_form`,
    the form with the named fields only (and any whose absence is not empty: none here). `form`, every field
    bound to the query string, remains for the browsable API's filter form."""

    def get_form_class(self):
        cls = type(self)
        if "_form_class" not in cls.__dict__:  # each subclass builds its own
            form_class = super().get_form_class()
            form_class.base_fields = _Fields(form_class.base_fields)
            cls._form_class = form_class
        return cls._form_class

    @property
    def checked_form(self) -> forms.Form:
        """The form that validates this request: the fields the query string names, and their cross-field rules."""
        if not self.is_bound:
            return self.form
        if not hasattr(self, "_checked_form"):
            form_class = self.get_form_class()
            prefix = f"{self.form_prefix}-" if self.form_prefix else ""
            named = frozenset(name for name in form_class.base_fields if prefix + name in self.data)
            self._checked_form = _form_of(form_class, named)(self.data, prefix=self.form_prefix)
        return self._checked_form

    def is_valid(self):
        return self.is_bound and self.checked_form.is_valid()

    @property
    def errors(self):
        return self.checked_form.errors

    def filter_queryset(self, queryset):
        for name, value in self.checked_form.cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset


@lru_cache(maxsize=512)  # one class for each set of filters a request names, the most used kept
def _form_of(form_class: type[forms.Form], named: frozenset[str]) -> type[forms.Form]:
    """`form_class` with the fields in `named`, and those that do not filter nothing when absent: a field whose
    widget reads other keys than its name (a MultiWidget's suffixes), or that cleans absence to a value."""
    fields = {name: field for name, field in form_class.base_fields.items()
              if name in named or not _absent_is_empty(field, name)}
    narrowed = type(form_class.__name__, (form_class,), {})
    narrowed.base_fields = _Fields(fields)  # after: Django's form metaclass sets every declared field
    return narrowed


def _absent_is_empty(field: forms.Field, name: str) -> bool:
    if isinstance(field.widget, forms.MultiWidget):
        return False
    try:
        return field.clean(field.widget.value_from_datadict({}, {}, name)) in EMPTY_VALUES
    except ValidationError:  # a required field: absence is an error the form must report
        return False


class OrderedRangeForm(forms.Form):
    """A filter form that refuses a range given upside down (date_after later than date_before): a mistake."""

    ranges: tuple[tuple[str, str], ...] = ()

    def clean(self):
        cleaned = super().clean()
        for low_name, high_name in self.ranges:
            low, high = cleaned.get(low_name), cleaned.get(high_name)
            if low is None or high is None:
                continue
            low, high = (low.start, high.end) if isinstance(low, FuzzyDate) else (low, high)
            if low > high:
                later = "later" if isinstance(low, date) else "greater"
                self.add_error(low_name, f"{low_name} ({self.data.get(low_name)}) is {later} than {high_name} "
                                         f"({self.data.get(high_name)}).")
        return cleaned


class ClaimFilterForm(OrderedRangeForm):
    ranges = (("date_after", "date_before"), ("value_min", "value_max"))


class DocumentFilterForm(OrderedRangeForm):
    ranges = (("published_after", "published_before"),)


class ClaimFilterSet(FilterSet):
    """Filters of /api/claims/."""

    kind = _choices(Claim.Kind.choices)
    status = _choices(Claim.Status.choices)
    verdict = _choices(Claim.Verdict.choices)
    language = _choices(Language.choices)
    document = IdFilter(field_name="document_id")
    source = IdOrSlugFilter(id_field="document__source_id", slug_field="document__source__slug", max_length=100)
    actor = _text(100, method="filter_actor", help_text="Actor id or slug; combine with role.")
    role = filters.ChoiceFilter(choices=ClaimActor.Role.choices, method="filter_role")
    date_after = FuzzyDateFilter(method="filter_date_after",
                                 help_text="Claims whose date interval reaches this date or later (2013, 2013-10, 2013-10-15).")
    date_before = FuzzyDateFilter(method="filter_date_before",
                                  help_text="Claims whose date interval reaches this date or earlier.")
    value_min = BoundedDecimalFilter(method="filter_value_min", help_text="Figures that can be this large or larger.")
    value_max = BoundedDecimalFilter(method="filter_value_max", help_text="Figures that can be this small or smaller.")
    unit = _text(method="filter_unit", help_text="Units holding every word (any order, ignoring case) and every Chinese "
                                                 "run (either script): infected hosts, 网站.")
    event_type = _text(100, field_name="event_type", lookup_expr="iexact")
    place = _text(field_name="place", lookup_expr="iexact")
    detached = extend_schema_field(OpenApiTypes.BOOL)(filters.TypedChoiceFilter(choices=[("", "---------"), ("true", "true"), ("false", "false")],
                                         coerce=lambda value: value == "true",
                                         help_text="true: claims whose quote was not found again in their document's "
                                                   "revised text, for an editor to place."))
    relation = filters.ChoiceFilter(choices=ClaimLink.Relation.choices, method="filter_relation",
                                    help_text="Claims with a link of this relation that is not rejected.")
    q = _text(500, method="filter_q", help_text="Full-text search of quote and paraphrase, English and Chinese.")
    updated_since = extend_schema_field({"anyOf": [{"type": "string", "format": "date-time"},
                                                   {"type": "string", "maxLength": 0}]})(
        filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte",
                                  help_text="Claims changed at or after this time (ISO 8601; empty: no filter)."))
    ordering = StableOrderingFilter(fields=(("date_start", "date"), ("value", "value"), ("created_at", "created"),
                                              ("updated_at", "updated"), ("id", "id")))

    class Meta:
        model = Claim
        fields = ["kind", "status", "verdict", "language", "document", "source", "actor", "role", "date_after",
                  "date_before", "value_min", "value_max", "unit", "event_type", "place", "detached", "relation", "q",
                  "updated_since"]
        form = ClaimFilterForm

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        actor, role = self.checked_form.cleaned_data.get("actor"), self.checked_form.cleaned_data.get("role")
        if actor or role:
            pk, slug = id_or_slug(actor) if actor else (None, None)
            if actor and pk is None and slug is None:  # digits past any id
                return queryset.none()
            queryset = queryset.filter(claim_has_actor(actor_id=pk, actor_slug=slug, role=role or None,
                                                       using=queryset.db))
        return queryset

    def filter_actor(self, queryset, name, value):
        return queryset  # applied with role in filter_queryset

    filter_role = filter_actor

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(date_end__gte=value.start)

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(date_start__lte=value.end)

    def filter_value_min(self, queryset, name, value):
        return queryset.filter(value_reaches("at_least", value, using=queryset.db))

    def filter_value_max(self, queryset, name, value):
        return queryset.filter(value_reaches("at_most", value, using=queryset.db))

    def filter_unit(self, queryset, name, value):
        words, runs = unit_terms(value.replace("\x00", ""))
        for word in words:  # \W on both sides: a whole word, in PostgreSQL's and in Python's (SQLite's) regex
            queryset = queryset.filter(unit__iregex=rf"(^|\W){word}(\W|$)")
        for variants in runs:
            queryset = queryset.filter(reduce(or_, (Q(unit__contains=variant) for variant in variants)))
        return queryset

    def filter_relation(self, queryset, name, value):
        return queryset.with_link_relation(value)

    def filter_q(self, queryset, name, value):
        return search_claims(queryset, value)


class DocumentFilterSet(FilterSet):
    """Filters of /api/documents/."""

    q = _text(500, method="filter_q", help_text="Full-text search of title and text, English and Chinese.")
    language = filters.ChoiceFilter(choices=Language.choices, method="filter_language")
    source = IdOrSlugFilter(id_field="source_id", slug_field="source__slug", max_length=100)
    republished_from = IdOrSlugFilter(id_field="republished_from_id", slug_field="republished_from__slug",
                                      max_length=100)
    published_after = FuzzyDateFilter(method="filter_published_after")
    published_before = FuzzyDateFilter(method="filter_published_before")

    class Meta:
        model = Document
        fields = ["q", "language", "source", "republished_from", "published_after", "published_before"]
        form = DocumentFilterForm

    def filter_q(self, queryset, name, value):
        return search_documents(queryset, value)

    def filter_language(self, queryset, name, value):
        return queryset.with_language(value)

    def filter_published_after(self, queryset, name, value):
        return queryset.filter(published_end__gte=value.start)

    def filter_published_before(self, queryset, name, value):
        return queryset.filter(published_start__lte=value.end)


class ActorFilterSet(FilterSet):
    """Filters of /api/actors/."""

    q = _text(300, method="filter_q", help_text="Name, slug or any alias, in any script.")
    kind = _choices(Actor.Kind.choices)
    country = _text(2, field_name="country", lookup_expr="iexact")
    parent = IdOrSlugFilter(id_field="parent_id", slug_field="parent__slug", max_length=100,
                            help_text="Actors directly under this one (a ministry under its state), by id or slug.")

    class Meta:
        model = Actor
        fields = ["q", "kind", "country", "parent"]

    def filter_q(self, queryset, name, value):
        return search_actors(queryset, value)


class SourceFilterSet(FilterSet):
    """Filters of /api/sources/."""

    q = _text(200, method="filter_q")
    kind = _choices(Source.Kind.choices)
    country = _text(2, field_name="country", lookup_expr="iexact")

    class Meta:
        model = Source
        fields = ["q", "kind", "country"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(slug__icontains=value))


class ClaimLinkFilterSet(FilterSet):
    """Filters of /api/claim-links/."""

    relation = _choices(ClaimLink.Relation.choices)
    status = _choices(ClaimLink.Status.choices)
    claim = IdFilter(method="filter_claim", help_text="Links with this claim on either side.")

    class Meta:
        model = ClaimLink
        fields = ["relation", "status", "claim"]

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(from_claim_id=value) | Q(to_claim_id=value))
