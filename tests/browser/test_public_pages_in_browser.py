"""A reader opens the public fact-check pages in a real browser (Debian's headless Chromium) at 1280x800: nothing
fails in the console, nothing is fetched from another host, nothing overflows sideways, and each Chinese script
is drawn in a font of its own script (the Simplified and Traditional forms of a character differ)."""

from datetime import date

import pytest
from django.urls import reverse

from claims.services.claims import claim_update
from tests.browser.test_annotate_in_browser import browser_page  # noqa: F401  (the fixture)
from tests.browser.test_annotate_in_browser import pytestmark  # noqa: F401  (a live database; skipped without chromium)
from tests.factories import ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def published(document, phrase, language, verdict, paraphrase=""):
    start = document.text.index(phrase)
    claim = ClaimFactory(document=document, start=start, end=start + len(phrase), quote=phrase, language=language,
                         paraphrase=paraphrase)
    return claim_update(claim=claim, status="reviewed", verdict=verdict, reason="reviewed")


@pytest.fixture
def reviews():
    """Published reviews in English and both Chinese scripts, one with a very long unbroken line, linked."""
    long_word = "https://example.org/" + "x" * 400
    english = DocumentFactory(title="Network security report", url="https://outlet.example/report",
                              text=f"Network security report\n\nNearly 47,000 IP addresses abroad controlled hosts "
                                   f"in China, the survey said. See {long_word} for the data.\n")
    simplified = DocumentFactory(title="网络安全报告", languages=["zh-Hans"],
                                 text="网络安全报告\n\n据统计,去年共有890万台主机受到感染,比前年增加。\n")
    traditional = DocumentFactory(title="網路安全報告", languages=["zh-Hant"], published_start=date(2014, 10, 1),
                                  published_end=date(2014, 10, 31), published_precision="month",
                                  text="網路安全報告\n\n據統計,去年共有890萬台主機受到感染,比前年增加。\n")
    claims = [published(english, "Nearly 47,000 IP addresses abroad controlled hosts", "en", "mostly_true"),
              published(simplified, "890万台主机受到感染", "zh-Hans", "true", "8.9 million hosts infected"),
              published(traditional, "890萬台主機受到感染", "zh-Hant", "false", "8.9 million hosts infected")]
    ClaimActorFactory(claim=claims[0], actor=ActorFactory(name="CNCERT", kind="government_body"), role="claimant")
    ClaimLinkFactory(from_claim=claims[1], to_claim=claims[2], relation="conflicts", note="One says a rise, one a fall.")
    ClaimLinkFactory(from_claim=claims[0], to_claim=claims[1], relation="corroborates", note="The same survey.")
    return claims


def visit(page, url: str) -> dict:
    """Open `url`; what the console and the network said, and how far the page overflows sideways."""
    errors, requested = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return {"status": response.status, "errors": errors, "requested": requested, "overflow": page.evaluate(OVERFLOW)}


def test_both_pages_render_cleanly_at_1280_by_800(live_server, browser_page, reviews):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    for url in (live_server.url + reverse("fact-checks"), live_server.url + reverse("fact-check", args=[reviews[1].pk]),
                live_server.url + reverse("fact-check", args=[reviews[0].pk])):
        seen = visit(page, url)
        assert seen["status"] == 200, url
        assert seen["errors"] == [], url
        assert seen["overflow"] <= 0, url
        assert all(request.startswith(live_server.url) for request in seen["requested"]), seen["requested"]
        assert any(request.endswith("factchecks.css") for request in seen["requested"])
    assert page.locator("mark").inner_text() == "Nearly 47,000 IP addresses abroad controlled hosts"
    page.goto(live_server.url + reverse("fact-check", args=[reviews[1].pk]))
    assert page.locator("blockquote.paragraph mark").inner_text() == "890万台主机受到感染"
    assert "One says a rise, one a fall." in page.locator("section.related").nth(1).inner_text()


def rendered_fonts(page, selector: str) -> set[str]:
    """The families of the fonts the browser actually drew the element's text with (Chromium's DevTools)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


def test_each_chinese_script_is_drawn_in_a_font_of_its_own(live_server, browser_page, reviews):  # noqa: F811
    page = browser_page
    page.goto(live_server.url + reverse("fact-checks"))
    simplified = rendered_fonts(page, 'a.claim[lang="zh-Hans"]')
    traditional = rendered_fonts(page, 'a.claim[lang="zh-Hant"]')
    assert any("CJK SC" in family for family in simplified), simplified
    assert any("CJK TC" in family for family in traditional), traditional
