"""The public fact-check pages: only published reviews, the API's filters, the quote in its paragraph, related
claims with their notes, the API's ClaimReview embedded, one query a page, and conditional GET."""

import re
from datetime import date

import extruct
import pytest
from django.test import Client

from claims.public import views
from claims.services.claims import claim_update
from tests.factories import (ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory,
                             SourceFactory)

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous(settings):
    """A visitor who never logged in, with the API closed to anonymous readers."""
    settings.CLAIMTRACK_ANONYMOUS_READ = False
    return Client()


def published(**fields):
    """A claim whose review is published: reviewed with a verdict, through the service (so with history)."""
    verdict = fields.pop("verdict", "false")
    return claim_update(claim=ClaimFactory(**fields), status="reviewed", verdict=verdict, reason="reviewed")


def listed_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<a class="claim" href="/fact-checks/(\d+)/"', response.content.decode())]


def json_ld(response) -> list[dict]:
    return extruct.extract(response.content.decode(), base_url="http://testserver/", syntaxes=["json-ld"])["json-ld"]


def test_the_list_holds_published_reviews_only(anonymous):
    shown = [published(verdict=verdict) for verdict in ("true", "mixed", "unverifiable")]
    for status, verdict in [("draft", ""), ("suggested", ""), ("rejected", ""), ("disputed", "false"),
                            ("reviewed", "")]:
        ClaimFactory(status=status, verdict=verdict)
    response = anonymous.get("/fact-checks/")
    assert response.status_code == 200 and response["Content-Type"] == "text/html; charset=utf-8"
    assert sorted(listed_ids(response)) == sorted(claim.pk for claim in shown)


@pytest.mark.parametrize("query", [
    "verdict=false", "verdict=false&verdict=mixed", "language=zh-Hant", "language=en&verdict=true",
    "actor=cncert", "date_after=2014&date_before=2014-06", "date_after=2015",
])
def test_the_filters_are_the_apis(anonymous, client_as, query):
    cncert = ActorFactory(name="CNCERT", slug="cncert")
    for n, (verdict, language, year) in enumerate([("false", "en", 2013), ("mixed", "zh-Hant", 2014),
                                                   ("true", "en", 2015), ("false", "zh-Hans", 2014),
                                                   ("mixed", "en", 2016)]):
        claim = published(verdict=verdict, language=language, date_start=date(year, 3, 1),
                          date_end=date(year, 3, 31), date_precision="month",
                          paraphrase="in English" if language != "en" else "")
        if n % 2:
            ClaimActorFactory(claim=claim, actor=cncert, role="claimant")
    ClaimFactory(status="draft", verdict="false", language="en")  # the API lists it; the public pages do not
    api = client_as("fact-checkers").get(f"/api/claims/?status=reviewed&{query}").json()["results"]
    expected = sorted(claim["id"] for claim in api if claim["verdict"])
    assert expected, "the filter should leave something to show"
    assert sorted(listed_ids(anonymous.get(f"/fact-checks/?{query}"))) == expected


@pytest.mark.parametrize("query, parameter", [("verdict=maybe", "verdict"), ("date_after=2014-13", "date_after"),
                                              ("date_after=2015&date_before=2014", "date_after"),
                                              ("page=0", "page"), ("page=x", "page"), ("language=fr", "language")])
def test_a_bad_filter_or_page_is_a_400_naming_it(anonymous, query, parameter):
    response = anonymous.get(f"/fact-checks/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    message = re.search(r'<p class="problem"[^>]*>(.*?)</p>', html, re.S)[1]
    assert message.startswith(f"{parameter}: ") and "\n" not in message
    assert '<form class="filters"' in html  # the form stays, as it was filled in
    if "date_after=2014-13" in query:
        assert 'name="date_after" value="2014-13"' in html and message.startswith("date_after: From: ")


def test_pages_with_next_and_previous(anonymous, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    document = DocumentFactory()
    claims = [published(document=document) for _ in range(6)]
    first = anonymous.get("/fact-checks/?verdict=false")
    assert len(listed_ids(first)) == 4 and 'rel="prev"' not in first.content.decode()
    following = re.search(r'rel="next" href="([^"]+)"', first.content.decode())[1].replace("&amp;", "&")
    assert following == "?verdict=false&page=2"
    second = anonymous.get("/fact-checks/" + following)
    assert 'rel="next"' not in second.content.decode() and 'rel="prev"' in second.content.decode()
    assert sorted(listed_ids(first) + listed_ids(second)) == sorted(claim.pk for claim in claims)
    assert anonymous.get("/fact-checks/?page=3").status_code == 404


def test_one_query_a_page_however_many_reviews(anonymous, django_assert_num_queries):
    for count in (5, 10):
        for _ in range(count):
            claim = published()
            ClaimActorFactory(claim=claim, role="claimant")
            ClaimLinkFactory(from_claim=claim, note="agrees")
        with django_assert_num_queries(1):
            assert anonymous.get("/fact-checks/").status_code == 200
        with django_assert_num_queries(1):
            assert anonymous.get(f"/fact-checks/{claim.pk}/").status_code == 200


def test_the_page_shows_the_quote_marked_in_its_paragraph_with_source_and_date(anonymous):
    text = ("標題\n\n第一段。\n據統計,去年共有890萬台主機受到感染,比前年多。\n第三段。")
    document = DocumentFactory(title="網路安全報告", text=text, languages=["zh-Hant"],
                               source=SourceFactory(name="Central News Agency"), url="https://cna.example/1",
                               published_start=date(2014, 10, 1), published_end=date(2014, 10, 31),
                               published_precision="month")
    start = text.index("890萬台主機")
    claim = published(document=document, start=start, end=start + 7, quote="890萬台主機", language="zh-Hant",
                      paraphrase="8.9 million infected hosts", verdict="mostly_true")
    page = anonymous.get(f"/fact-checks/{claim.pk}/").content.decode()
    paragraph = re.search(r'<blockquote class="paragraph" lang="zh-Hant">(.*?)</blockquote>', page, re.S)[1]
    assert paragraph == "據統計,去年共有<mark>890萬台主機</mark>受到感染,比前年多。"
    assert '<q lang="zh-Hant">890萬台主機</q>' in page and "mostly true" in page
    assert '<cite lang="zh-Hant"><a href="https://cna.example/1">網路安全報告</a></cite>, Central News Agency, ' \
           '<time>2014-10</time>' in page
    assert '<html lang="en">' in page
    other = published(document=DocumentFactory(title="网络安全", languages=["zh-Hans"]), language="zh-Hans",
                      paraphrase="the same")
    ClaimLinkFactory(from_claim=claim, to_claim=other, relation="corroborates")
    assert '<cite lang="zh-Hans">网络安全</cite>' in anonymous.get(f"/fact-checks/{claim.pk}/").content.decode()


def test_a_long_line_is_cut_around_the_quote(anonymous):
    text = "Title\n\n" + "word " * 400 + "the quoted phrase " + "more " * 400
    claim = published(document=DocumentFactory(text=text), start=text.index("the quoted"),
                      end=text.index("the quoted") + 17, quote="the quoted phrase")
    paragraph = re.search(r'<blockquote class="paragraph" lang="en">(.*?)</blockquote>',
                          anonymous.get(f"/fact-checks/{claim.pk}/").content.decode(), re.S)[1]
    before, rest = paragraph.split("<mark>")
    assert before.startswith("…") and rest.endswith("…") and len(before) == 601


def test_corroborating_and_conflicting_claims_with_their_notes(anonymous):
    claim = published()
    agrees = published(paraphrase="", verdict="true")
    ClaimLinkFactory(from_claim=agrees, to_claim=claim, relation="corroborates", note="Same survey, same count.")
    ClaimLinkFactory(from_claim=claim, to_claim=ClaimFactory(), relation="conflicts",
                     note="Counts hosts, not addresses.")
    ClaimLinkFactory(from_claim=claim, relation="conflicts", status="rejected", note="REJECTED LINK")
    ClaimLinkFactory(from_claim=claim, relation="related", note="RELATED LINK")
    page = anonymous.get(f"/fact-checks/{claim.pk}/").content.decode()
    corroborated, contradicted = page.split("<h2>Corroborated by</h2>")[1].split("<h2>Contradicted by</h2>")
    assert "Same survey, same count." in corroborated and f'href="/fact-checks/{agrees.pk}/"' in corroborated
    assert "Counts hosts, not addresses." in contradicted and "/fact-checks/" not in contradicted  # a draft: no page
    assert "REJECTED LINK" not in page and "RELATED LINK" not in page


@pytest.mark.parametrize("status, verdict", [("draft", ""), ("reviewed", ""), ("disputed", "false")])
def test_an_unpublished_review_has_no_page(anonymous, status, verdict):
    claim = ClaimFactory(status=status, verdict=verdict)
    response = anonymous.get(f"/fact-checks/{claim.pk}/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
    assert f"No published fact-check has the number {claim.pk}." in response.content.decode()
    assert anonymous.get("/fact-checks/99999999/").status_code == 404
    assert anonymous.get(f"/fact-checks/{2**70}/").status_code == 404


def test_the_embedded_json_ld_is_the_apis_claimreview(anonymous, client_as):
    claim = published(paraphrase="Nearly 47,000 foreign IP addresses", verdict="mostly_false",
                      document=DocumentFactory(url="https://outlet.example/a"))
    ClaimActorFactory(claim=claim, actor=ActorFactory(name="CNCERT", kind="government_body"), role="claimant")
    api = client_as("fact-checkers").get(f"/api/claims/{claim.pk}/claimreview/").json()
    assert json_ld(anonymous.get(f"/fact-checks/{claim.pk}/")) == [api]
    assert api["url"] == f"http://testserver/fact-checks/{claim.pk}/"


def test_the_json_ld_cannot_break_out_of_its_script(anonymous, client_as):
    attack = '</script><script>alert(1)</script><!-- & -->'
    claim = published(paraphrase=attack)
    page = anonymous.get(f"/fact-checks/{claim.pk}/").content.decode()
    assert page.count("</script>") == 1 and "alert(1)</script>" not in page
    assert json_ld(anonymous.get(f"/fact-checks/{claim.pk}/"))[0]["claimReviewed"] == attack
    assert json_ld(anonymous.get(f"/fact-checks/{claim.pk}/")) == [
        client_as("fact-checkers").get(f"/api/claims/{claim.pk}/claimreview/").json()]


@pytest.mark.parametrize("path", ["/fact-checks/", "/fact-checks/{pk}/"])
def test_conditional_get_answers_304_until_the_page_changes(anonymous, path):
    claim = published()
    path = path.format(pk=claim.pk)
    first = anonymous.get(path)
    etag = first["ETag"]
    assert etag and "no-cache" in first["Cache-Control"]
    repeat = anonymous.get(path, HTTP_IF_NONE_MATCH=etag)
    assert repeat.status_code == 304 and repeat.content == b""
    claim_update(claim=claim, verdict="mostly_false", reason="re-rated")
    changed = anonymous.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_only_reading(anonymous):
    assert anonymous.post("/fact-checks/").status_code == 405


def test_the_pages_lang_attributes_name_each_script(anonymous):
    for language, quote in (("zh-Hans", "网络安全"), ("zh-Hant", "網絡安全")):
        document = DocumentFactory(text=f"标题\n\n{quote}很重要。", languages=[language], title=quote)
        published(document=document, start=len("标题\n\n"), end=len("标题\n\n") + 4, quote=quote, language=language,
                  paraphrase="network security")
    page = anonymous.get("/fact-checks/").content.decode()
    assert re.search(r'lang="zh-Hans">网络安全</a>', page) and re.search(r'lang="zh-Hant">網絡安全</a>', page)
    assert '<cite lang="zh-Hans">网络安全</cite>' in page and '<cite lang="zh-Hant">網絡安全</cite>' in page


def test_an_empty_list_says_how_a_review_is_published_and_the_admin_links_here(anonymous, admin_client):
    ClaimFactory(status="reviewed")  # reviewed, but with no verdict: not published
    page = anonymous.get("/fact-checks/").content.decode()
    assert "No published fact-check matches." in page and "gives it a verdict" in page
    filtered = anonymous.get("/fact-checks/?verdict=false").content.decode()
    assert "No published fact-check matches." in filtered and "gives it a verdict" not in filtered
    assert 'href="/fact-checks/"' in admin_client.get("/admin/").content.decode()  # "View site"
