"""The editors' workspace in a real browser at 1280 x 800: every admin page fits with no console error, suggestions
are reviewed from the keyboard, a link is seen from both claims, a selection that is already a claim is warned
about, and README's two screenshots are taken."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from claims.models import Claim, ClaimLink, Document
from tests.admin.helpers import admin_pages, staff
from tests.browser.conftest import NEEDS_CHROMIUM, SELECT
from tests.factories import ClaimFactory, ClaimLinkFactory, DocumentFactory

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), NEEDS_CHROMIUM]

OVERFLOW = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
# Boxes of the page that scroll sideways inside it (Django's change list scrolls a table wider than its box); not
# a list box (<select>), whose long options scroll inside it as every list box's do.
INNER_OVERFLOW = """() => [...document.querySelectorAll(':not(select)')].filter(e => {
    const overflow = getComputedStyle(e).overflowX;
    return (overflow == 'auto' || overflow == 'scroll') && e.scrollWidth > e.clientWidth + 1;
}).map(e => `${e.id || e.className}: ${e.scrollWidth}/${e.clientWidth}`)"""
LONG_QUOTE = ("the two countries agreed to set up a joint working group on cybercrime that will meet twice a year and "
              "exchange information on investigations, 网络安全合作机制的建立与完善以及双方执法部门之间的信息共享")
README_IMAGES = Path(settings.BASE_DIR) / "docs" / "img"
TEXT = ("In 2015 there were 12,000 attacks on state websites. In March 2016 a new law was passed. "
        "Officials said 300 sites closed. A later review counted 4,500 incidents.")


def annotate_url(document) -> str:
    return reverse("admin:claims_document_annotate", args=[document.pk])


def claim_at(document, phrase, **fields) -> Claim:
    """A claim over the first occurrence of `phrase` in the document."""
    start = document.text.index(phrase)
    return ClaimFactory(document=document, start=start, end=start + len(phrase), **fields)


def test_every_admin_page_fits_1280_by_800_without_console_errors(page_as):
    root = staff("superuser")
    urls, claim = admin_pages(root)
    ClaimFactory(document=claim.document, status="suggested")
    # Rows with long quotes, titles and units, in lists that show them whole (linked claims by their quote)
    long_text = f"{LONG_QUOTE}. {LONG_QUOTE}."
    document = DocumentFactory(title=LONG_QUOTE[:200], text=long_text)
    first = ClaimFactory(document=document, start=0, end=len(LONG_QUOTE), quote=LONG_QUOTE, unit=LONG_QUOTE[:60],
                         status="suggested")
    second = ClaimFactory(document=document, start=len(LONG_QUOTE) + 2, end=2 * len(LONG_QUOTE) + 2,
                          quote=LONG_QUOTE)
    ClaimLinkFactory(from_claim=first, to_claim=second, status="suggested", note=LONG_QUOTE)
    page = page_as(root)
    overflowing = {}
    for url in urls:
        response = page.goto(url)
        assert response.ok, url
        scroll, client = page.evaluate(OVERFLOW)
        inner = page.evaluate(INNER_OVERFLOW)
        if scroll > client or inner:
            overflowing[url] = (scroll, inner)
    assert len(urls) > 30 and client == 1280
    assert overflowing == {} and page.errors == []


def test_a_reviewer_reviews_three_suggestions_from_the_keyboard(page_as):
    document = DocumentFactory(text=TEXT, languages=["en"])
    first = claim_at(document, "12,000 attacks", status="suggested")
    second = claim_at(document, "March 2016 a new law was passed", event=True, status="suggested")
    draft = claim_at(document, "300 sites", status="draft")
    third = claim_at(document, "4,500 incidents", status="suggested")
    reviewed = claim_at(document, "state websites", kind="statement", status="reviewed", value=None,
                        value_high=None, unit="")
    page = page_as(staff("reviewers"))
    decisions = []
    page.on("request", lambda request: "/review/" in request.url and decisions.append(request.method))
    page.goto(annotate_url(document))
    page.evaluate("window.sameLoad = true")  # gone if the page reloads
    counter = page.locator("#review-counter")
    assert counter.inner_text() == "3 suggestions left"

    def style(claim, prop):
        return page.locator(f'#document-text [data-claim="{claim.pk}"]').first.evaluate(
            f"(e) => getComputedStyle(e).{prop}")

    # kind by colour, status by border: suggested dashed, draft solid, reviewed filled
    assert (style(first, "outlineStyle"), style(draft, "outlineStyle")) == ("dashed", "solid")
    assert style(first, "outlineColor") != style(second, "outlineColor")  # figure and event
    assert style(reviewed, "backgroundColor") != "rgba(0, 0, 0, 0)" == style(first, "backgroundColor")
    assert "suggested (dashed)" in page.locator(".annotate-legend").inner_text()

    def focused():
        return int(page.locator("#claim-list li.focused").get_attribute("data-claim"))

    page.keyboard.press("j")
    assert focused() == first.pk and page.locator(f'#document-text .focused[data-claim="{first.pk}"]').count()
    page.keyboard.press("a")
    page.wait_for_function("document.getElementById('review-counter').dataset.left === '2'")
    assert focused() == second.pk  # on to the next suggestion
    assert "status-draft" in page.locator(f'#document-text [data-claim="{first.pk}"]').first.get_attribute("class")
    page.keyboard.press("r")
    page.wait_for_function("document.getElementById('review-counter').dataset.left === '1'")
    assert counter.inner_text() == "1 suggestion left" and focused() == third.pk
    page.keyboard.press("k")
    assert focused() == draft.pk
    page.keyboard.press("a")  # not a suggestion: said, and nothing sent
    assert "not a suggestion" in page.locator("#review-message").inner_text()
    page.keyboard.press("j")
    assert focused() == third.pk
    page.locator("#claim-filter").click()
    page.keyboard.type("ar")  # typing in a box neither accepts nor rejects
    assert page.locator("#claim-filter").input_value() == "ar"
    assert decisions == ["POST", "POST"] and page.evaluate("window.sameLoad") is True

    for claim in (first, second, third, draft):
        claim.refresh_from_db()
    assert (first.status, second.status, third.status, draft.status) == ("draft", "rejected", "suggested", "draft")
    accepted, rejected = first.history.latest(), second.history.latest()
    assert (accepted.history_change_reason, accepted.history_user.username) == ("accepted in the annotate view",
                                                                              "reviewers")
    assert rejected.history_change_reason == "rejected in the annotate view"

    page.locator("#claim-filter").fill("")
    page.locator(f'#claim-list li[data-claim="{third.pk}"]').click()  # the panel focuses and scrolls to a claim
    page.locator("body").focus()
    page.keyboard.press("e")
    page.wait_for_url(f"**/admin/claims/claim/{third.pk}/change/")


def test_a_link_made_on_one_claim_shows_on_both_claims_forms(page_as):
    document = DocumentFactory(text=TEXT, languages=["en"])
    attacks = claim_at(document, "12,000 attacks")
    incidents = claim_at(document, "4,500 incidents")
    page = page_as(staff("editors"))
    page.goto(reverse("admin:claims_claim_change", args=[attacks.pk]))
    page.locator("#links_from-group .select2-container").first.click()
    page.locator(".select2-search__field").fill("4,500")
    page.locator(".select2-results__option", has_text="4,500 incidents").click()
    page.select_option("#id_links_from-0-relation", "corroborates")
    page.fill("#id_links_from-0-note", "the same counting")
    page.locator('input[name="_continue"]').click()
    page.wait_for_selector(".messagelist .success")
    link = ClaimLink.objects.get(from_claim=attacks, to_claim=incidents, relation="corroborates")
    assert link.history.latest().history_change_reason == "added in the admin"
    assert "4,500 incidents" in page.locator("#links_from-group").inner_text()
    page.goto(reverse("admin:claims_claim_change", args=[incidents.pk]))
    incoming = page.locator("#links_to-group").inner_text()
    assert "12,000 attacks" in incoming and "corroborates" in incoming


def test_a_selection_that_is_already_a_claim_is_warned_about_before_the_form(page_as):
    document = DocumentFactory(text=TEXT, languages=["en"])
    attacks = claim_at(document, "12,000 attacks")
    page = page_as(staff("editors"))
    page.goto(annotate_url(document))
    warning = page.locator("#annotate-warning")
    page.evaluate(SELECT, "Officials said")
    assert page.locator("#annotate-toolbar").is_visible() and warning.is_hidden()
    page.evaluate(SELECT, "incidents.")  # the toolbar, warning and all, stays on the screen
    scroll, client = page.evaluate(OVERFLOW)
    assert scroll <= client and warning.is_visible() is False
    page.evaluate(SELECT, "there were 12,000")
    assert warning.get_attribute("data-match") == "overlap"
    assert warning.inner_text() == f"This span overlaps claim #{attacks.pk} (figure, draft)."
    page.evaluate(SELECT, " 12,000 attacks ")  # the spaces around are trimmed, as the form trims them
    assert warning.get_attribute("data-match") == "same"
    assert warning.inner_text() == f"This span is already claim #{attacks.pk} (figure, draft)."
    warning.locator("a").click()
    page.wait_for_url(f"**/admin/claims/claim/{attacks.pk}/change/")


def test_annotate_is_reachable_from_the_document_list_and_both_forms(page_as):
    document = DocumentFactory(text=TEXT, languages=["en"])
    claim = claim_at(document, "12,000 attacks")
    page = page_as(staff("editors"))
    page.goto(reverse("admin:claims_document_changelist"))
    annotate = page.locator("#result_list tbody tr :is(td, th) a", has_text="annotate").first
    column = annotate.evaluate("(a) => Array.from(a.closest('tr').children).indexOf(a.closest('td, th'))")
    box = annotate.bounding_box()
    assert column <= 2 and box["x"] + box["width"] <= 1280  # beside the checkbox and the title, on screen
    annotate.click()
    page.wait_for_url(f"**{annotate_url(document)}")
    page.goto(reverse("admin:claims_document_change", args=[document.pk]))
    page.locator(".object-tools a", has_text="Annotate").click()
    page.wait_for_url(f"**{annotate_url(document)}")
    page.goto(reverse("admin:claims_claim_change", args=[claim.pk]))
    page.locator(".object-tools a", has_text="Annotate the document").click()
    page.wait_for_url(f"**{annotate_url(document)}#claim-{claim.pk}")
    assert page.locator("#claim-list li.focused").get_attribute("data-claim") == str(claim.pk)


@pytest.mark.django_db(transaction=True, serialized_rollback=True, reset_sequences=True)  # the same ids each run
def test_readme_screenshots_of_the_annotate_view_and_the_claim_form(page_as):
    """README's walkthrough shows these two pictures; taking them here keeps them true."""
    call_command("import_documents", str(settings.CLAIMTRACK_SEEDS_DIR), no_progress=True, stdout=io.StringIO())
    call_command("load_annotations", stdout=io.StringIO())
    document = Document.objects.get(filename__startswith="001")
    call_command("detect_claims", document=[document.pk], no_progress=True, workers=1, stdout=io.StringIO())
    claim = document.claims.exclude(status="suggested").with_link_count().order_by("-link_count", "start").first()
    page = page_as(staff("reviewers"))
    page.goto(annotate_url(document))
    page.locator(f'#claim-list li[data-claim="{claim.pk}"]').click()
    page.evaluate("window.scrollTo(0, 0)")
    README_IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=README_IMAGES / "annotate.png")
    page.goto(reverse("admin:claims_claim_change", args=[claim.pk]))
    top = page.locator("#claim_actors-group").bounding_box()["y"] - 8
    bottom = page.locator(".submit-row").bounding_box()
    page.screenshot(path=README_IMAGES / "claim-form.png", full_page=True,
                    clip={"x": 0, "y": top, "width": 1280, "height": bottom["y"] + bottom["height"] + 8 - top})
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert {"docs/img/annotate.png", "docs/img/claim-form.png"} <= set(re.findall(r"\]\((docs/img/[^)]+)\)", readme))
    assert page.errors == []
