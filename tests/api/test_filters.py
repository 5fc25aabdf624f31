"""Every filter of every list endpoint: what it matches, and a 400 naming it for each bad value."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import re

import pytest
from django.http import QueryDict

from claims.api.urls import router
from claims.models import Actor, Claim, ClaimLink, Document, Source
from tests.factories import (
    ActorAliasFactory, ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client_as):
    client = client_as("fact-checkers")

    def ids(url):
        response = client.get(url)
        assert response.status_code == 200, response.json()
        return sorted(row["id"] for row in response.json()["results"])

    ids.client = client
    return ids


def test_kind_status_verdict_language_unit(api):
    figure = ClaimFactory(kind="figure", status="reviewed", verdict="mixed", language="en", unit="Websites")
    event = ClaimFactory(event=True, status="draft", language="zh-Hans")
    assert api("/api/claims/?kind=figure") == [figure.pk]
    assert api("/api/claims/?kind=figure&kind=event") == sorted([figure.pk, event.pk])
    assert api("/api/claims/?status=draft") == [event.pk]
    assert api("/api/claims/?verdict=mixed") == [figure.pk]
    assert api("/api/claims/?language=zh-Hans") == [event.pk]
    assert api("/api/claims/?unit=websites") == [figure.pk]


def test_unit_matches_by_whole_words_in_any_order_and_han_in_either_script(api):
    hosts = ClaimFactory(kind="figure", unit="hosts in China infected with Trojans or botnets")
    sites = ClaimFactory(kind="figure", unit="被篡改的網站")
    assert api("/api/claims/?unit=infected%20hosts") == [hosts.pk]
    assert api("/api/claims/?unit=Trojans, HOSTS") == [hosts.pk]
    assert api("/api/claims/?unit=host") == []  # whole words: not a part of one
    assert api("/api/claims/?unit=infected%20websites") == []  # every word
    assert api("/api/claims/?unit=网站") == [sites.pk]  # Simplified finds Traditional
    assert api("/api/claims/?unit=篡改 网站") == [sites.pk]
    assert api("/api/claims/?unit=篡改 hosts") == []


@pytest.mark.parametrize("endpoint, low, high", [
    ("claims", "date_after=2015", "date_before=2014"), ("claims", "date_after=2014-03", "date_before=2014-02-28"),
    ("claims", "value_min=10", "value_max=9"), ("documents", "published_after=2020", "published_before=2019-12"),
])
def test_a_range_upside_down_is_400_naming_its_lower_end(api, endpoint, low, high):
    response = api.client.get(f"/api/{endpoint}/?{low}&{high}")
    assert response.status_code == 400, response.content
    name = low.split("=")[0]
    assert list(response.json()) == [name] and high.split("=")[0] in response.json()[name][0]


def test_a_range_of_one_period_is_accepted(api):
    claim = ClaimFactory(date_start=date(2015, 3, 1), date_end=date(2015, 3, 31), date_precision="month")
    assert api("/api/claims/?date_after=2015&date_before=2015") == [claim.pk]
    assert api("/api/claims/?date_after=2015-03-31&date_before=2015-03") == [claim.pk]


@pytest.mark.parametrize("url", ["/api/claims/?format=xml", "/api/claims/1/?format=csv", "/api/documents/?format=jsonl",
                                 "/api/claims/?format=" + "x" * 300])
def test_an_unknown_format_is_400_naming_the_parameter(api, url):
    ClaimFactory(pk=1)
    response = api.client.get(url)
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["format"] and "json" in response.json()["format"][0]


def test_event_type_place_and_detached(api):
    meeting = ClaimFactory(event=True, event_type="Roundtable", place="Xiamen, Fujian")
    lost = ClaimFactory(detached=True)
    assert api("/api/claims/?event_type=roundtable") == [meeting.pk]
    assert api("/api/claims/?place=xiamen, fujian") == [meeting.pk]
    assert api("/api/claims/?place=Xiamen") == []  # the whole place, not a part of it
    assert api("/api/claims/?detached=true") == [lost.pk]
    assert api("/api/claims/?detached=false") == [meeting.pk]


def test_document_and_source_by_id_and_slug(api):
    claim, other = ClaimFactory(), ClaimFactory()
    assert api(f"/api/claims/?document={claim.document_id}") == [claim.pk]
    source = claim.document.source
    assert api(f"/api/claims/?source={source.pk}") == [claim.pk]
    assert api(f"/api/claims/?source={source.slug}") == [claim.pk]
    assert api("/api/claims/?source=no-such-source") == []
    assert other.pk not in api(f"/api/claims/?source={source.slug}")


def test_actor_by_id_or_slug_and_role(api):
    us = ActorFactory(slug="united-states")
    participant = ClaimActorFactory(actor=us, role="participant").claim
    subject = ClaimActorFactory(actor=us, role="subject").claim
    ClaimFactory()
    assert api("/api/claims/?actor=united-states") == sorted([participant.pk, subject.pk])
    assert api(f"/api/claims/?actor={us.pk}&role=participant") == [participant.pk]
    assert api("/api/claims/?role=subject") == [subject.pk]
    assert api("/api/claims/?actor=united-states&role=subject") == [subject.pk]
    assert api(f"/api/claims/?actor={us.pk}") == sorted([participant.pk, subject.pk])
    assert api("/api/claims/?actor=nobody") == api(f"/api/claims/?actor={2**63}") == []
    other = ClaimActorFactory(claim=participant, actor=ActorFactory(slug="2nd"), role="claimant")
    assert api("/api/claims/?actor=2nd&role=claimant") == [participant.pk]  # a slug of digits and letters
    assert api(f"/api/claims/?actor={other.actor_id}&role=subject") == []


def test_date_range_matches_overlapping_intervals(api):
    october = ClaimFactory(event=True)  # 2013-10, month precision
    year_2011 = ClaimFactory(date_start=date(2011, 1, 1), date_end=date(2011, 12, 31), date_precision="year")
    undated = ClaimFactory(date_start=None, date_end=None, date_precision="")
    assert api("/api/claims/?date_after=2013-10-15") == [october.pk]
    assert api("/api/claims/?date_before=2013-10-15") == sorted([october.pk, year_2011.pk])
    assert api("/api/claims/?date_after=2011-06&date_before=2014") == sorted([october.pk, year_2011.pk])
    assert api("/api/claims/?date_after=2013-11") == []
    assert undated.pk not in api("/api/claims/?date_before=2020")


def test_value_range_uses_bounds(api):
    nearly = ClaimFactory(value=Decimal(47000), value_low=None, value_high=Decimal(47000))
    over = ClaimFactory(value=Decimal(20000), value_low=Decimal(20000), value_high=None)
    exact = ClaimFactory(value=Decimal(5), value_low=None, value_high=None)
    assert api("/api/claims/?value_min=10000") == sorted([nearly.pk, over.pk])
    assert api("/api/claims/?value_max=30000") == sorted([over.pk, exact.pk])
    assert api("/api/claims/?value_min=40000&value_max=50000") == [nearly.pk]
    below = ClaimFactory(value=None, value_low=None, value_high=Decimal("0.25"))  # "under 25%": open below
    assert api("/api/claims/?value_max=-1") == [below.pk]
    assert api("/api/claims/?value_min=0.2") == sorted([nearly.pk, over.pk, exact.pk, below.pk])
    assert api("/api/claims/?value_min=0.26&value_max=5") == [exact.pk]  # "more than 20000" cannot be 5


def test_relation_finds_both_ends_but_not_rejected_links(api):
    link = ClaimLinkFactory(relation="conflicts")
    ClaimLinkFactory(relation="conflicts", status="rejected")
    ClaimLinkFactory(relation="corroborates")
    assert api("/api/claims/?relation=conflicts") == sorted([link.from_claim_id, link.to_claim_id])


def test_updated_since(api):
    old, new = ClaimFactory(), ClaimFactory()
    Claim.objects.filter(pk=old.pk).update(updated_at=datetime(2020, 1, 1, tzinfo=timezone.utc))
    since = (new.updated_at - timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    assert api(f"/api/claims/?updated_since={since}") == [new.pk]


def test_ordering(api):
    a = ClaimFactory(value=Decimal(3), date_start=date(2015, 1, 1), date_end=date(2015, 12, 31))
    b = ClaimFactory(value=Decimal(1), date_start=date(2011, 1, 1), date_end=date(2011, 12, 31))
    rows = api.client.get("/api/claims/?ordering=value").json()["results"]
    assert [r["id"] for r in rows] == [b.pk, a.pk]
    rows = api.client.get("/api/claims/?ordering=-date").json()["results"]
    assert [r["id"] for r in rows] == [a.pk, b.pk]


def test_document_filters(api):
    zh = DocumentFactory(languages=["zh-Hans"], published_start=date(2017, 11, 7), published_end=date(2017, 11, 7))
    en = DocumentFactory(languages=["en"], published_start=date(2012, 1, 1), published_end=date(2012, 12, 31),
                         published_precision="year", source=SourceFactory(slug="china-daily"))
    assert api("/api/documents/?language=zh-Hans") == [zh.pk]
    assert api("/api/documents/?source=china-daily") == [en.pk]
    assert api("/api/documents/?published_after=2012-06") == sorted([zh.pk, en.pk])
    assert api("/api/documents/?published_before=2012-06") == [en.pk]
    assert api("/api/documents/?published_after=2013") == [zh.pk]
    reprint = DocumentFactory(republished_from=zh.source)
    assert api(f"/api/documents/?republished_from={zh.source.slug}") == [reprint.pk]
    assert api(f"/api/documents/?republished_from={zh.source_id}") == [reprint.pk]


def test_actor_filters(api):
    xi = ActorFactory(kind="person", name="Xi Jinping", slug="xi-jinping", country="CN")
    ActorAliasFactory(actor=xi, name="习近平", language="zh-Hans")
    obama = ActorFactory(kind="person", name="Barack Obama", slug="barack-obama", country="US")
    state = ActorFactory(kind="state", name="China", slug="china")
    assert api("/api/actors/?q=習近平") == [xi.pk]  # Traditional query, Simplified alias
    assert api("/api/actors/?q=jinping") == [xi.pk]
    assert api("/api/actors/?kind=person") == sorted([xi.pk, obama.pk])
    assert api("/api/actors/?country=us") == [obama.pk]
    assert state.pk in api("/api/actors/?kind=state")
    ministry = ActorFactory(kind="government_body", parent=state)
    assert api("/api/actors/?parent=china") == [ministry.pk]
    assert api(f"/api/actors/?parent={state.pk}") == [ministry.pk]


def test_claim_link_filters(api):
    link = ClaimLinkFactory(relation="translation", status="suggested")
    ClaimLinkFactory(relation="conflicts")
    assert api("/api/claim-links/?relation=translation") == [link.pk]
    assert api("/api/claim-links/?status=suggested") == [link.pk]
    assert api(f"/api/claim-links/?claim={link.to_claim_id}") == [link.pk]


BAD_VALUES = [
    ("claims", "kind", "opinion"), ("claims", "status", "maybe"), ("claims", "verdict", "pants-on-fire"),
    ("claims", "language", "fr"), ("claims", "document", "abc"), ("claims", "document", "-1"),
    ("claims", "document", "99999999999999999999999"), ("claims", "role", "villain"),
    ("claims", "date_after", "2013-13"), ("claims", "date_before", "yesterday"), ("claims", "date_after", "2013-02-30"),
    ("claims", "value_min", "lots"), ("claims", "value_max", "1e400"), ("claims", "value_min", "NaN"),
    ("claims", "value_max", "Infinity"), ("claims", "relation", "likes"), ("claims", "updated_since", "last week"),
    ("claims", "ordering", "password"), ("claims", "q", "x" * 600), ("claims", "q", "a\x00b"),
    ("claims", "detached", "yes"), ("claims", "event_type", "x" * 101), ("claims", "page_size", "-1"),
    ("claims", "page_size", "0"), ("claims", "page_size", "100000"), ("claims", "page", "0"), ("claims", "page", "x"), ("claims", "cursor", "not-a-cursor"),
    ("documents", "language", "de"), ("documents", "published_after", "2019-1x"), ("documents", "q", "\x00"),
    ("documents", "republished_from", "x" * 101), ("actors", "kind", "alien"), ("actors", "country", "USA"),
    ("actors", "parent", "x" * 101), ("claim-links", "relation", "loves"), ("claim-links", "claim", "0"),
]


@pytest.mark.parametrize("endpoint, name, value", BAD_VALUES)
def test_bad_values_are_400_naming_the_parameter(api, endpoint, name, value):
    response = api.client.get(f"/api/{endpoint}/", {name: value})
    assert response.status_code == 400, response.content
    assert name in response.json()


@pytest.mark.parametrize("value", ["\x00", "' OR 1=1 --", "9" * 400, "-" * 5000, "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
                                   "%", "2013/2014", "{}", "[]", "Ω≈ç√∫", "𠀀𠀁"])
def test_no_value_of_any_filter_causes_a_server_error(api, value):
    ClaimFactory()
    for endpoint, viewset, _ in router.registry:
        for name in [*viewset.filterset_class.base_filters, "page", "page_size", "cursor", "format"]:
            response = api.client.get(f"/api/{endpoint}/", {name: value})
            assert response.status_code < 500, (endpoint, name, response.status_code)


# --- Every field of a filterable model has a filter, or a reason here (NetBox's test, walking _meta) ---------

FILTER_SETS = {viewset.filterset_class._meta.model: viewset.filterset_class for _, viewset, _ in router.registry}

# Fields whose filter has another name (one filter may cover several fields).
COVERED_BY = {
    Claim: {"claim_actors": "actor", "actors": "actor", "links_from": "relation", "links_to": "relation",
            "quote": "q", "paraphrase": "q", "search_vector": "q", "value": "value_min", "value_low": "value_max",
            "value_high": "value_min", "date_start": "date_before", "date_end": "date_after",
            "updated_at": "updated_since"},
    Document: {"title": "q", "text": "q", "search_vector": "q", "languages": "language",
               "published_start": "published_before", "published_end": "published_after"},
    Actor: {"name": "q", "slug": "q", "aliases": "q"},
    Source: {"name": "q", "slug": "q"},
    ClaimLink: {"from_claim": "claim", "to_claim": "claim"},
}

# Fields with no filter, each with its reason. A new field fails the test until it has a filter or a line here.
ROW_KEYS = {
    "id": "a row is addressed by its detail URL; ordering=id where there is ordering",
    "created_at": "bookkeeping of the row, not of what it records",
    "updated_at": "bookkeeping of the row; claims, which clients sync, have updated_since",
}
EDITORS = {
    "created_by": "accounts, which the API does not list; who changed what is in the history",
    "updated_by": "accounts, which the API does not list; who changed what is in the history",
}
NOT_FILTERED = {
    Claim: {
        "id": ROW_KEYS["id"], "created_at": ROW_KEYS["created_at"], **EDITORS,
        "start": "an offset into one document's text: meaningless across documents",
        "end": "an offset into one document's text: meaningless across documents",
        "prefix": "context kept to re-anchor the quote, not part of the claim",
        "suffix": "context kept to re-anchor the quote, not part of the claim",
        "note": "an editor's working note, not part of the claim",
        "date_precision": "how precise the date is; date_after and date_before match the interval it implies",
    },
    Document: {
        **ROW_KEYS,
        "claims": "the other way round: /api/claims/?document=<id>",
        "url": "an address to open, shown in the list; a document is found by title and text (q)",
        "byline": "the author as printed; who speaks in a claim is an actor (/api/claims/?actor=)",
        "published_precision": "how precise the date is; published_after and published_before match the interval",
        "content_hash": "import bookkeeping: finds a file imported twice",
        "filename": "import bookkeeping: the file a document came from, for re-import",
        "imported_at": "import bookkeeping",
        "main_ranges": "offsets into the text, computed on import",
        "duplicate_ranges": "offsets into the text, computed on import",
    },
    Actor: {
        **ROW_KEYS,
        "children": "the other way round: ?parent=<id or slug>",
        "claims": "the other way round: /api/claims/?actor=<id or slug>",
        "claim_roles": "the other way round: /api/claims/?actor=<id or slug>&role=<role>",
        "wikidata_id": "an identifier to link out to Wikidata; actors are found by name (q)",
    },
    Source: {
        **ROW_KEYS,
        "documents": "the other way round: /api/documents/?source=<id or slug>",
        "republished_documents": "the other way round: /api/documents/?republished_from=<id or slug>",
        "homepage": "an address to open, not a query",
        "primary_language": "documents carry their own languages: /api/documents/?language=",
        "notes": "an editor's notes on the source",
    },
    ClaimLink: {**ROW_KEYS, **EDITORS, "note": "an editor's working note, not part of the link"},
}


@pytest.mark.parametrize("model", FILTER_SETS, ids=lambda model: model.__name__)
def test_every_field_of_a_filterable_model_has_a_filter_or_a_reason(model):
    """NetBox's idea, over every concrete field and relation: a field added without a filter fails here."""
    filterset, covered_by, not_filtered = FILTER_SETS[model], COVERED_BY[model], NOT_FILTERED[model]
    fields = {field.name for field in model._meta.get_fields()}
    for name in sorted(fields):
        if name in not_filtered:
            assert name not in covered_by, f"{model.__name__}.{name} is both covered and excluded"
            continue
        assert covered_by.get(name, name) in filterset.base_filters, \
            f"{model.__name__}.{name} has no filter: add one, or say in NOT_FILTERED why not"
    stale = (set(covered_by) | set(not_filtered)) - fields
    assert not stale, f"{model.__name__} has no fields {sorted(stale)}: update this test"


def test_every_filterable_model_is_walked():
    assert set(FILTER_SETS) == set(COVERED_BY) == set(NOT_FILTERED) == {Claim, Document, Actor, Source, ClaimLink}


def test_each_filter_set_builds_its_form_class_once_with_every_filter():
    """The form class is cached per filter set (claims.filtersets.FilterSet): never one set's form for another."""
    form_classes = {filterset: filterset().get_form_class() for filterset in FILTER_SETS.values()}
    for filterset, form_class in form_classes.items():
        assert filterset(QueryDict("q=x")).get_form_class() is form_class
        assert list(form_class.base_fields) == list(filterset.base_filters)
    assert len(set(form_classes.values())) == len(form_classes)


@pytest.mark.parametrize("prefix", sorted(prefix for prefix, _, _ in router.registry))
def test_the_browsable_filter_forms_start_with_no_filter_chosen(client_as, prefix):
    """A newcomer's first filter from the browsable API's form must not carry a choice they never made (the claims
    form once sent detached=true with every query)."""
    ClaimLinkFactory()
    html = client_as("fact-checkers").get(f"/api/{prefix}/", HTTP_ACCEPT="text/html").content.decode()
    filters = html[html.index('id="filtersModal"'):]  # the filter form's dialog, not the forms that write
    filters = filters[:filters.index("</form>")]
    selects = re.findall(r"<select([^>]*)>(.*?)</select>", filters, re.S)
    assert prefix != "claims" or len(selects) >= 3
    for attributes, select in selects:
        values = re.findall(r'<option value="([^"]*)"', select)
        chosen = re.findall(r'<option value="([^"]*)"\s+selected', select)
        if " multiple" not in attributes:
            chosen = chosen or values[:1]  # a single choice with none marked: the browser sends the first
        assert chosen in ([], [""]), attributes + select[:200]


def test_each_request_has_its_own_filters_and_form_fields():
    """Filters and form fields are copied shallowly per request: each filter set still has its own, and a method
    filter calls its own filter set, never the one the declarations were copied for first."""
    from claims.filtersets import ClaimFilterSet

    figure, event = ClaimFactory(kind="figure"), ClaimFactory(event=True)
    first = ClaimFilterSet(QueryDict("kind=figure&date_after=1900"), Claim.objects.all())
    second = ClaimFilterSet(QueryDict("kind=event&value_min=abc"), Claim.objects.all())
    assert first.filters["kind"] is not second.filters["kind"]
    assert first.filters["date_after"].filter.f is first.filters["date_after"]
    assert first.form.fields["kind"] is not second.form.fields["kind"]
    assert not second.is_valid() and "value_min" in second.errors
    assert list(first.qs) == [figure]
    assert list(ClaimFilterSet(QueryDict("kind=event"), Claim.objects.all()).qs) == [event]
    assert ClaimFilterSet.base_filters["date_after"].__dict__.get("parent") is None


def test_a_request_checks_only_the_filters_it_names(monkeypatch, client_as):
    """The filters a query string does not name are neither cleaned nor applied; the ones it names are, with their
    cross-field rules; the browsable API's filter form still has every filter, bound to the query string."""
    from django import forms

    from claims.filtersets import ClaimFilterSet

    cleaned = []
    original = forms.Field.clean
    monkeypatch.setattr(forms.Field, "clean", lambda field, value: cleaned.append(field.label) or original(field, value))
    figure = ClaimFactory(kind="figure", value=Decimal(10))
    ClaimFactory(event=True)
    checked = ClaimFilterSet(QueryDict("kind=figure&value_min=5"), Claim.objects.all())
    assert list(checked.qs) == [figure]
    assert sorted(checked.checked_form.fields) == ["kind", "value_min"] and len(cleaned) == 2
    assert list(checked.form.fields) == list(ClaimFilterSet.base_filters)  # every field, for the HTML form
    upside_down = ClaimFilterSet(QueryDict("value_min=9&value_max=1"), Claim.objects.all())
    assert not upside_down.is_valid() and "value_min" in upside_down.errors
    assert list(ClaimFilterSet(QueryDict(""), Claim.objects.all()).qs) == list(Claim.objects.all())
    html = client_as("fact-checkers").get("/api/claims/?kind=figure", HTTP_ACCEPT="text/html").content.decode()
    filters = html[html.index('id="filtersModal"'):]
    assert all(f'name="{name}"' in filters for name in ClaimFilterSet.base_filters)


def test_a_filter_whose_absence_means_something_is_always_checked():
    """A field that cleans absence to a value (a checkbox: False) or reads suffixed keys is never left out."""
    from django import forms

    from claims.filtersets import _form_of

    class Form(forms.Form):
        plain = forms.CharField(required=False)
        box = forms.BooleanField(required=False)
        needed = forms.CharField()
        span = forms.SplitDateTimeField(required=False)

    assert sorted(_form_of(Form, frozenset()).base_fields) == ["box", "needed", "span"]
    assert sorted(_form_of(Form, frozenset({"plain"})).base_fields) == ["box", "needed", "plain", "span"]
