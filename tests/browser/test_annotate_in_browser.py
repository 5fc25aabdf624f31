"""An editor annotates seed documents in a real browser: Playwright driving Debian's headless Chromium."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connections
from django.urls import reverse

from claims.models import Claim, Document
from tests.browser.conftest import CHROMIUM, FLAGS, NEEDS_CHROMIUM, SELECT
from tests.factories import DocumentFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    NEEDS_CHROMIUM,
]


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls between steps are safe here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.set_default_timeout(20_000)
        yield page
        browser.close()
    connections.close_all()  # the live server's request threads are done; leave no session behind


def annotate(page, live_server, document, phrase, kind):
    """Select `phrase` in the annotation view, choose `kind`, save the prefilled form; return the claim."""
    page.goto(live_server.url + reverse("admin:claims_document_annotate", args=[document.pk]))
    page.evaluate(SELECT, phrase)
    page.locator(f'#annotate-toolbar button[data-kind="{kind}"]').click()
    page.wait_for_url("**/admin/claims/claim/add/**")
    assert page.locator("#id_quote").input_value() == phrase
    page.locator('input[name="_save"]').click()
    page.wait_for_url(f"**/admin/claims/document/{document.pk}/annotate/")
    return Claim.objects.get(document=document, quote=phrase)


def highlighted_text(page, claim) -> str:
    return "".join(page.locator(f'#document-text [data-claim="{claim.pk}"]').all_inner_texts())


def test_editor_selects_phrases_in_english_and_chinese_and_finds_them_highlighted(live_server, browser_page):
    call_command("import_documents", str(settings.CLAIMTRACK_SEEDS_DIR), no_progress=True, stdout=io.StringIO())
    astral = DocumentFactory(text="𠀀𠀁𠀂 前文。据统计,共有890万台主机受到感染。", languages=["zh-Hans"])
    editor = UserFactory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    page = browser_page

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", "password")
    page.click('input[type="submit"]')
    page.wait_for_url("**/admin/")

    english = Document.objects.get(filename__startswith="002")
    figure = annotate(page, live_server, english, "nearly 12,000 IP addresses", "figure")
    assert english.text[figure.start:figure.end] == "nearly 12,000 IP addresses"
    assert (figure.value, figure.value_high, figure.kind, figure.language) == (12000, 12000, "figure", "en")
    assert highlighted_text(page, figure) == figure.quote

    chinese = Document.objects.get(filename__startswith="001")
    event = annotate(page, live_server, chinese, "去年12月,中国出台首部《国家网络空间安全战略》", "event")
    assert chinese.text.index("去年12月") == event.start  # the first copy, not the repeated block
    assert (event.date_iso, event.language) == ("2016-12", "zh-Hans")
    assert highlighted_text(page, event) == event.quote

    outside_bmp = annotate(page, live_server, astral, "890万台主机", "figure")
    assert outside_bmp.start == astral.text.index("890万台主机")  # code points, not UTF-16 units
    assert outside_bmp.value == 8900000
    assert highlighted_text(page, outside_bmp) == "890万台主机"
    assert "figure" in page.locator(f'#document-text [data-claim="{outside_bmp.pk}"]').first.get_attribute("title")

    page.locator(f'#document-text [data-claim="{outside_bmp.pk}"]').first.click()  # a highlight opens its claim
    page.wait_for_url(f"**/admin/claims/claim/{outside_bmp.pk}/change/")
    assert page.locator("#id_quote").input_value() == "890万台主机"


def test_the_schema_docs_request_nothing_from_another_host(live_server, browser_page):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    page, requested, blocked_by_policy = browser_page, [], set()
    page.on("request", lambda request: requested.append(request.url.removeprefix("blob:")))  # ReDoc's worker
    page.on("requestfailed", lambda request: request.failure == "csp" and blocked_by_policy.add(request.url))
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "root")
    page.fill("#id_password", "password")
    page.click('input[type="submit"]')
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + reverse("swagger-ui"))
    page.wait_for_selector(".swagger-ui .opblock")  # the schema fetched and rendered
    page.goto(live_server.url + reverse("redoc"))
    page.wait_for_selector("#redoc-container h1")
    elsewhere = {url for url in requested if url.startswith("http") and not url.startswith(live_server.url)}
    # ReDoc's bundle always asks for Redocly's logo; api/redoc.html's policy stops it inside the browser
    assert requested and elsewhere - blocked_by_policy == set()
