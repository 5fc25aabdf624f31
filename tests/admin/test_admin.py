"""The admin for each role: every page opens, the annotation workspace works, nothing is overwritten or lost."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from claims.models import Claim, ClaimLink, Document
from tests.admin.helpers import form_data
from tests.factories import (
    ActorAliasFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory, SourceFactory,
)

pytestmark = pytest.mark.django_db
ROLES = ["superuser", "reviewers", "editors", "fact-checkers"]


@pytest.fixture
def objects():
    claim = ClaimFactory()
    ClaimActorFactory(claim=claim)
    link = ClaimLinkFactory(from_claim=claim)
    return {
        "document": claim.document, "claim": claim, "claimlink": link, "source": SourceFactory(),
        "actor": ActorAliasFactory().actor,
        "suggestedclaim": ClaimFactory(status="suggested"),
        "suggestedlink": ClaimLinkFactory(status="suggested"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_opens_for_every_role(as_role, objects, role):
    client = as_role(role)
    writer = role != "fact-checkers"
    assert client.get(reverse("admin:index")).status_code == 200
    for model, obj in objects.items():
        assert client.get(reverse(f"admin:claims_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:claims_{model}_change", args=[obj.pk]), follow=True).status_code == 200
        history = client.get(reverse(f"admin:claims_{model}_history", args=[obj.pk]), follow=True)
        assert history.status_code == 200 and "history" in history.content.decode().lower(), model
        if model.startswith("suggested"):
            continue
        add = client.get(reverse(f"admin:claims_{model}_add")).status_code
        assert add == (200 if writer else 403), (model, add)
    annotate = client.get(reverse("admin:claims_document_annotate", args=[objects["document"].pk]))
    assert annotate.status_code == 200


def test_fact_checkers_see_the_admin_read_only(as_role, objects):
    client = as_role("fact-checkers")
    page = client.get(reverse("admin:claims_claim_change", args=[objects["claim"].pk])).content.decode()
    assert 'name="_save"' not in page
    response = client.post(reverse("admin:claims_claim_change", args=[objects["claim"].pk]), {"note": "x"})
    assert response.status_code == 403
    annotate = client.get(reverse("admin:claims_document_annotate", args=[objects["document"].pk])).content.decode()
    assert 'id="annotate-toolbar"' not in annotate


def test_annotation_view_highlights_every_claim_with_overlaps_chrome_and_duplicates(as_role):
    call_command("import_documents", str(settings.CLAIMTRACK_SEEDS_DIR), no_progress=True, stdout=io.StringIO())
    document = Document.objects.get(filename__startswith="001")
    text = document.text
    outer_start = text.index("去年12月")
    outer = ClaimFactory(document=document, start=outer_start, end=outer_start + 15, event=True, language="zh-Hans",
                         quote=text[outer_start:outer_start + 15])
    inner = ClaimFactory(document=document, start=outer_start, end=outer_start + 5, kind="figure", status="suggested",
                         quote=text[outer_start:outer_start + 5], language="zh-Hans")
    page = as_role("editors").get(reverse("admin:claims_document_annotate", args=[document.pk])).content.decode()
    spans = re.findall(r'<span class="([^"]*)" data-start="(\d+)" data-claim="(\d*)" title="([^"]*)">([^<]*)</span>',
                       page)
    assert "".join(s[4] for s in spans) == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;").replace("'", "&#x27;")
    by_start = {int(s[1]): s for s in spans}
    first = by_start[outer_start]
    assert first[2] == str(inner.pk) and "overlap" in first[0] and "status-suggested" in first[0]
    assert f"#{outer.pk} event" in first[3] and f"#{inner.pk} figure" in first[3]
    assert by_start[outer_start + 5][2] == str(outer.pk)
    assert any("chrome" in s[0] for s in spans) and any("duplicate" in s[0] for s in spans)


def test_a_selection_opens_a_prefilled_claim_form(as_role):
    document = DocumentFactory(text="By the end of last year, more than 20.000 websites were hit.", languages=["en"])
    start = document.text.index("more")
    url = reverse("admin:claims_claim_add") + f"?document={document.pk}&start={start - 1}&end={start + 25}&kind=figure"
    form = as_role("editors").get(url).context["adminform"].form
    assert form.initial["quote"] == "more than 20.000 websites"  # surrounding spaces trimmed
    assert form.initial["start"] == start
    assert (form.initial["value"], form.initial["value_low"], form.initial["value_high"]) == (20000, 20000, None)
    zh = DocumentFactory(text="前言。2013年10月,多國簽署聲明。", languages=["zh-Hant"])
    start = zh.text.index("2013")
    url = reverse("admin:claims_claim_add") + f"?document={zh.pk}&start={start}&end={start + 8}&kind=event"
    form = as_role("editors").get(url).context["adminform"].form
    assert form.initial["quote"] == "2013年10月" and form.initial["language"] == "zh-Hant"
    assert form.initial["date_precision"] == "month" and str(form.initial["date_start"]) == "2013-10-01"


def test_the_form_reads_a_selected_figure_as_detection_does(as_role):
    document = DocumentFactory(text="中方已与七十多个国家开展合作。", languages=["zh-Hans"])
    start = document.text.index("七十")
    url = reverse("admin:claims_claim_add") + f"?document={document.pk}&start={start}&end={start + 6}&kind=figure"
    form = as_role("editors").get(url).context["adminform"].form
    assert (form.initial["value"], form.initial["value_low"], form.initial["unit"]) == (70, 70, "个国家")


def test_saving_over_someone_elses_change_is_refused(as_role):
    claim = ClaimFactory(note="first")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    alice, bob = as_role("editors"), as_role("reviewers")
    alice_page = alice.get(url)
    bob_page = bob.get(url)
    assert bob.post(url, form_data(bob_page.context, note="bob's")).status_code == 302
    response = alice.post(url, form_data(alice_page.context, note="alice's"))
    assert response.status_code == 200
    assert "was changed by reviewers" in response.content.decode()
    claim.refresh_from_db()
    assert claim.note == "bob's"


def test_editors_cannot_give_verdicts_or_review(as_role):
    claim = ClaimFactory(status="draft")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    editor = as_role("editors")
    page = editor.get(url)
    assert "verdict" not in page.context["adminform"].form.fields
    response = editor.post(url, form_data(page.context, status="reviewed"))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_bulk_accepting_suggestions_is_recorded_in_history(as_role):
    suggestions = ClaimFactory.create_batch(3, status="suggested")
    response = as_role("editors").post(reverse("admin:claims_suggestedclaim_changelist"), {
        "action": "accept_suggestions", "_selected_action": [c.pk for c in suggestions[:2]]})
    assert response.status_code == 302
    for claim in suggestions[:2]:
        claim.refresh_from_db()
        assert claim.status == "draft"
        latest = claim.history.latest()
        assert latest.history_user.username == "editors" and latest.history_change_reason == "suggestion accepted"
    assert Claim.objects.get(pk=suggestions[2].pk).status == "suggested"
    link = ClaimLinkFactory(status="suggested")
    as_role("reviewers").post(reverse("admin:claims_suggestedlink_changelist"), {
        "action": "reject_suggestions", "_selected_action": [link.pk]})
    assert ClaimLink.objects.get(pk=link.pk).status == "rejected"
    assert link.history.latest().history_change_reason == "suggestion rejected"


def test_imports_and_reanchoring_are_recorded_in_history(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Intro. Nearly 47,000 IP addresses abroad.", encoding="utf-8")
    call_command("import_documents", str(path), no_progress=True, stdout=io.StringIO())
    document = Document.objects.get()
    claim = ClaimFactory(document=document, start=7, end=20, quote="Nearly 47,000")
    path.write_text("New intro. Intro. Nearly 47,000 IP addresses abroad.", encoding="utf-8")
    call_command("import_documents", str(path), no_progress=True, update=True, stdout=io.StringIO())
    reasons = list(document.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == ["imported", "re-imported"]
    assert claim.history.latest().history_change_reason == "re-anchored after the text was re-imported"
    assert claim.history.latest().start == 18


def test_deleting_leaves_a_trace_and_documents_with_claims_are_protected(as_role):
    claim = ClaimFactory()
    client = as_role("reviewers")
    page = client.get(reverse("admin:claims_document_delete", args=[claim.document_id])).content.decode()
    assert "would require deleting the following protected related objects" in page
    client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert Claim.history.filter(id=claim.pk, history_type="-").exists()


def test_actor_autocomplete_searches_aliases_in_both_scripts(as_role):
    alias = ActorAliasFactory(name="习近平", language="zh-Hans")
    url = reverse("admin:autocomplete") + "?app_label=claims&model_name=claimactor&field_name=actor&term=習近平"
    results = as_role("editors").get(url).json()["results"]
    assert [r["id"] for r in results] == [str(alias.actor.pk)]


def test_document_list_counts_claims_without_a_query_per_row(as_role, django_assert_max_num_queries):
    for _ in range(5):
        ClaimFactory.create_batch(2, document=DocumentFactory())
    client = as_role("editors")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("admin:claims_document_changelist"))
    assert page.status_code == 200
    assert Decimal(2) in {Decimal(row.claim_count) for row in page.context["cl"].result_list}


def test_the_admin_and_the_api_root_are_named_for_claimtrack(as_role):
    client = as_role("editors")
    index = client.get(reverse("admin:index"))
    assert index.context["site_header"] == "claimtrack" and index.context["site_title"] == "claimtrack admin"
    assert "<title>Documents, claims and links | claimtrack admin</title>" in index.content.decode()
    root = client.options("/api/").json()
    assert root["description"].startswith("claimtrack:") and "DefaultRouter" not in root["description"]


def test_figures_show_without_padding_and_with_thousands_separated(as_role):
    claim = ClaimFactory(value=Decimal(1200), value_low=Decimal("0.5"), value_high=Decimal(3_000_000_000))
    editor = as_role("editors")
    listed = editor.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert ">1,200<" in listed and "1200.000000" not in listed
    form = editor.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert re.search(r'name="value" value="1200"', form) and re.search(r'name="value_high" value="3000000000"', form)
    assert "000000.000000" not in form and 'name="value_low" value="0.5"' in form
    shown = as_role("fact-checkers").get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "3,000,000,000" in shown and "1,200" in shown and ".000000" not in shown


def test_dates_show_at_their_precision_in_the_claim_and_document_lists(as_role):
    year = DocumentFactory(published_start=date(2014, 1, 1), published_end=date(2014, 12, 31),
                           published_precision="year")
    month = DocumentFactory(published_start=date(2015, 12, 1), published_end=date(2015, 12, 31),
                            published_precision="month")
    ClaimFactory(document=year)  # dated the year 2011
    ClaimFactory(document=month, event=True)  # dated October 2013
    client = as_role("editors")
    documents = client.get(reverse("admin:claims_document_changelist")).content.decode()
    assert 'class="field-published_shown">2014<' in documents and ">2015-12<" in documents
    assert "Jan. 1, 2014" not in documents and "Dec. 1, 2015" not in documents
    claims = client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert 'class="field-date_shown">2011<' in claims and ">2013-10<" in claims and "Jan. 1, 2011" not in claims


def test_history_shows_each_entry_s_change_reason_never_none(as_role):
    claim = ClaimFactory(note="first")  # written without a service: no reason recorded
    client = as_role("editors")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    assert client.post(url, form_data(client.get(url).context, note="second")).status_code == 302
    page = client.get(reverse("admin:claims_claim_history", args=[claim.pk])).content.decode()
    start = page.index('id="change-history"')
    table = page[start:page.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    reasons = [re.findall(r"<td>(.*?)</td>", row, re.S)[4].strip() for row in rows]
    assert reasons == ["edited in the admin", "not recorded"]
    assert re.search(r"<strong>Updated by:</strong>\s*\(empty\)", table) and "pk=None" not in table


def test_a_link_shows_on_both_claims_forms_and_is_edited_and_added_from_either(as_role):
    target, source, third = ClaimFactory(), ClaimFactory(), ClaimFactory()
    link = ClaimLinkFactory(from_claim=source, to_claim=target, relation="corroborates")
    client = as_role("editors")
    url = reverse("admin:claims_claim_change", args=[target.pk])
    page = client.get(url)
    incoming = next(inline for inline in page.context["inline_admin_formsets"]
                    if inline.opts.verbose_name_plural == "links from other claims")
    assert len(incoming.formset.forms) == 1 and incoming.has_change_permission and incoming.has_add_permission
    html = page.content.decode()
    assert re.search(rf'name="links_to-0-from_claim"[^>]*data-ajax--url="[^"]*exclude={target.pk}"|'
                     rf'data-ajax--url="[^"]*exclude={target.pk}"[^>]*name="links_to-0-from_claim"', html)
    # Edit the incoming link and add another incoming one, from the claim it points to.
    data = form_data(page.context, **{"links_to-0-relation": "conflicts", "links_to-TOTAL_FORMS": "2",
                                      "links_to-1-from_claim": str(third.pk), "links_to-1-relation": "corroborates",
                                      "links_to-1-status": "confirmed"})
    assert client.post(url, data).status_code == 302
    link.refresh_from_db()
    assert link.relation == "conflicts" and link.history.latest().history_change_reason == "edited in the admin"
    added = ClaimLink.objects.get(from_claim=third)
    assert added.to_claim == target and added.history.latest().history_change_reason == "added in the admin"


def test_the_link_autocomplete_describes_claims_and_never_offers_the_claim_itself(as_role, django_assert_num_queries):
    document = DocumentFactory(title="Cyber sovereignty", published_start=date(2015, 12, 1),
                               published_end=date(2015, 12, 31), published_precision="month")
    claim, other = ClaimFactory(document=document), ClaimFactory(document=document)
    client = as_role("editors")
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    url = re.search(r'name="links_from-0-to_claim"[^>]*data-ajax--url="([^"]+)"|'
                    r'data-ajax--url="([^"]+)"[^>]*name="links_from-0-to_claim"', page)
    url = (url[1] or url[2]).replace("&amp;", "&")
    assert url == reverse("admin:autocomplete") + f"?exclude={claim.pk}"
    ClaimFactory.create_batch(3)
    query = "&app_label=claims&model_name=claimlink&field_name=to_claim&term="
    with django_assert_num_queries(6):  # session, user, two for permissions, the count, the page: none per claim
        results = client.get(url + query).json()["results"]
    assert claim.pk not in {int(r["id"]) for r in results} and len(results) == 4
    text = next(r["text"] for r in results if r["id"] == str(other.pk))
    assert text == f"figure: \u201c{other.quote[:60]}\u201d \u2014 Cyber sovereignty, 2015-12"


def test_a_document_s_languages_are_chosen_not_typed_as_json(as_role):
    document = DocumentFactory(languages=["en"])
    client = as_role("editors")
    url = reverse("admin:claims_document_change", args=[document.pk])
    page = client.get(url)
    html = page.content.decode()
    assert re.search(r'<input type="checkbox" name="languages" value="en"[^>]*checked', html)
    assert 'value="zh-Hant"' in html and '<textarea name="languages"' not in html
    assert client.post(url, form_data(page.context, languages=["en", "zh-Hant"])).status_code == 302
    document.refresh_from_db()
    assert document.languages == ["en", "zh-Hant"]
    add = client.get(reverse("admin:claims_document_add")).content.decode()
    assert 'type="checkbox" name="languages" value="zh-Hans"' in add


def test_the_link_autocomplete_finds_a_chinese_quote_in_either_script(as_role):
    document = DocumentFactory(text="两国同意加强網絡安全合作。")
    traditional = ClaimFactory(document=document, start=4, end=8, quote="網絡安全")
    other = ClaimFactory()
    client = as_role("editors")
    url = reverse("admin:autocomplete") + f"?exclude={other.pk}&app_label=claims&model_name=claimlink&field_name=to_claim"
    for term in ("网络安全", "網絡安全"):
        assert [int(r["id"]) for r in client.get(url + f"&term={term}").json()["results"]] == [traditional.pk]
