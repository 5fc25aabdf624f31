"""Every page the server renders requests nothing from another host, and the assets it names are served."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from claims.services.claims import claim_update
from tests.admin.helpers import admin_pages, staff
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

CSS_URL = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)|url\(\s*["']?([^"')]+?)["']?\s*\)""")


class FetchedUrls(HTMLParser):
    """The URLs a browser fetches on its own when it loads a page: not links it follows only when clicked."""

    def __init__(self):
        super().__init__()
        self.urls, self._in_style = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "poster", "data"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if attrs.get("srcset"):
            self.urls += [candidate.split()[0] for candidate in attrs["srcset"].split(",") if candidate.strip()]
        if tag == "link" and attrs.get("href"):  # stylesheets, icons, preconnects, preloads
            self.urls.append(attrs["href"])
        if attrs.get("style"):
            self.urls += css_urls(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += css_urls(data)


def css_urls(css: str) -> list[str]:
    """The URLs in a style sheet's @import and url(...)."""
    return [imported or url for imported, url in CSS_URL.findall(css) if not (url or "").startswith("data:")]


def foreign(url: str) -> bool:
    """Whether a URL, as a browser on http://testserver/ resolves it, points to another host."""
    parts = urlsplit(urljoin("http://testserver/", url))
    return parts.scheme in ("http", "https") and parts.netloc != "testserver"


def pages(client) -> list[str]:
    """The path of each kind of page the server renders: the admin's (see admin_pages), the API's and the public
    fact-check pages."""
    urls, claim = admin_pages(client.user)
    assert reverse("admin:auth_user_changelist") in urls
    reviewed = claim_update(claim=ClaimFactory(), status="reviewed", verdict="false", reason="reviewed")
    return urls + [reverse("api-root"), reverse("claim-list"), reverse("claim-detail", args=[claim.pk]),
                   reverse("document-list"), reverse("claimlink-list"), reverse("actor-list"), reverse("source-list"),
                   reverse("swagger-ui"), reverse("redoc"), reverse("fact-checks"), reverse("fact-check", args=[reviewed.pk])]


def fetched(client, path: str) -> list[str]:
    """The URLs the page at `path` makes a browser fetch, after checking that it renders."""
    response = client.get(path, HTTP_ACCEPT="text/html", follow=True)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("text/html"), (path, response["Content-Type"])
    parser = FetchedUrls()
    parser.feed(response.content.decode())
    return [urljoin(path, url) for url in parser.urls]


@pytest.fixture
def superuser_client():
    """A test client logged in as a superuser, who sees every admin page; `.user` is that user."""
    client = Client()
    client.user = staff("superuser")
    client.force_login(client.user)
    return client


def test_no_page_requests_anything_from_another_host(superuser_client):
    offenders = {}
    for path in pages(superuser_client):
        for url in fetched(superuser_client, path):
            if foreign(url):
                offenders.setdefault(path, []).append(url)
    assert offenders == {}


def test_the_login_page_requests_nothing_from_another_host():
    assert [url for url in fetched(Client(), reverse("admin:login")) if foreign(url)] == []


def test_every_asset_the_pages_name_is_served_and_its_css_requests_nothing_from_another_host(superuser_client):
    static, other = set(), set()
    for path in pages(superuser_client):
        for url in fetched(superuser_client, path):
            (static if urlsplit(url).path.startswith(settings.STATIC_URL) else other).add(urlsplit(url)._replace(
                fragment="").geturl())
    assert any("drf_spectacular_sidecar" in url for url in static)  # Swagger UI and ReDoc from our static files
    for url in sorted(static):
        found = finders.find(urlsplit(url).path.removeprefix(settings.STATIC_URL))
        assert found, url
        if found.endswith(".css"):
            with open(found, encoding="utf-8") as css:
                assert [u for u in css_urls(css.read()) if foreign(urljoin(url, u))] == [], url
    for url in sorted(other):  # same-origin but not static: Swagger UI's initialiser, the admin's jsi18n
        assert superuser_client.get(url).status_code == 200, url


def test_swagger_ui_shows_no_badge_from_the_online_validator(superuser_client):
    page = superuser_client.get(reverse("swagger-ui")).content.decode()
    script = page if "validatorUrl" in page else superuser_client.get(
        re.search(r'<script src="([^"]*swagger[^"]*\?script=[^"]*)"', page)[1]).content.decode()
    assert '"validatorUrl": "none"' in script


def test_redoc_s_bundle_shows_this_server_s_icon_not_redocly_s_logo_from_its_cdn(superuser_client):
    page = superuser_client.get(reverse("redoc")).content.decode()
    bundle_url = re.search(r'<script src="([^"]*redoc[^"]*\.js)"', page)[1]
    assert bundle_url == reverse("redoc-bundle")
    bundle = superuser_client.get(bundle_url)
    assert bundle.status_code == 200 and bundle["Content-Type"].startswith("text/javascript")
    script = bundle.content.decode()
    assert "cdn.redoc.ly" not in script and "claims/favicon.svg" in script
