"""One headless Chromium (Debian's, through Playwright) for a browser test module, and pages at 1280 x 800 logged
in as a given user."""

import os
import shutil

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
NEEDS_CHROMIUM = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (apt-get install chromium); CI installs it")

# Select `phrase` in the annotation view's text as a mouse would, and let go of the button.
SELECT = """(phrase) => {
  const container = document.getElementById("document-text");
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const nodes = []; let full = "";
  while (walker.nextNode()) { nodes.push([walker.currentNode, full.length]); full += walker.currentNode.data; }
  const from = full.indexOf(phrase), to = from + phrase.length;
  if (from < 0) throw new Error("phrase not on the page: " + phrase);
  const locate = (at) => { for (let k = nodes.length - 1; k >= 0; k--) if (nodes[k][1] <= at) return [nodes[k][0], at - nodes[k][1]]; };
  const range = document.createRange();
  range.setStart(...locate(from)); range.setEnd(...locate(to));
  const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
  container.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


@pytest.fixture(scope="module")
def browser():
    """Chromium, launched once for the module."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls between steps are safe here.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    # Django's connections are per context, and Playwright's sync API runs the rest of the module in a context of its
    # own: give its connections the database's contents as first migrated, which serialized_rollback restores.
    migrated = {alias: connections[alias]._test_serialized_contents for alias in connections
                if hasattr(connections[alias], "_test_serialized_contents")}
    with sync_playwright() as playwright:
        for alias, contents in migrated.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()
        connections.close_all()
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def page_as(browser, live_server):
    """page_as(user) gives a 1280 x 800 page logged in as `user`, with `.errors` collecting its console errors and
    uncaught exceptions."""
    contexts = []

    def open_page(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.errors = []
        page.on("console", lambda message: message.type == "error" and page.errors.append(
            f"{page.url}: {message.text}"))
        page.on("pageerror", lambda error: page.errors.append(f"{page.url}: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    connections.close_all()  # the live server's request threads are done; leave no session behind
