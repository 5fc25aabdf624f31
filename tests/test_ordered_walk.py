"""A claim search's page read by an ordered walk is the page the index gives: same rows, same order, at any
page, with other filters and orderings, and when the walk finds too few it falls back to the index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import selectors
from claims.models import Claim
from claims.search import search_claims
from claims.selectors import API_ORDERING, claim_values, page_rows
from tests.factories import ClaimFactory, DocumentFactory

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="the walk is for PostgreSQL's search")]


@pytest.fixture
def claims():
    """90 claims in 6 documents: every third paraphrase says "phishing pages" (in both Chinese scripts as well)."""
    documents = [DocumentFactory() for _ in range(6)]
    for n in range(90):
        said = "phishing pages 钓鱼网站" if n % 3 == 0 else ("釣魚網站" if n % 3 == 1 and n % 2 else "a plain remark")
        ClaimFactory(document=documents[n % 6], paraphrase=f"{said} {n}", value=n, value_high=n)
    return Claim.objects.all()


def page_and_queries(queryset, offset, count):
    with CaptureQueriesContext(connection) as queries:
        rows = page_rows(queryset.all(), offset, count)  # a fresh queryset, as the pagination gets
    return [row["id"] for row in rows], [query["sql"] for query in queries]


@pytest.mark.parametrize("ordering", [API_ORDERING, ("value", "id"), ("-date_start", "-id")])
@pytest.mark.parametrize("query", ["phishing pages", "钓鱼网站"])
def test_the_walk_gives_the_index_s_page_at_every_offset(claims, ordering, query):
    searched = claim_values(search_claims(Claim.objects.order_by(*ordering), query))
    expected = [row["id"] for row in searched]
    assert 30 <= len(expected) < 90
    for offset in (0, 7, 20):
        ids, queries = page_and_queries(searched, offset, 8)
        assert ids == expected[offset:offset + 8]
        walked_page = queries[-1]
        assert len(queries) == 2 and "@@" in queries[0] and "@@" not in walked_page  # the walk, then the page by id


def test_other_filters_stay_and_a_short_walk_falls_back_to_the_index(claims, monkeypatch):
    searched = claim_values(search_claims(Claim.objects.filter(value__gte=30).order_by("value", "id"), "phishing"))
    expected = [row["id"] for row in searched]
    assert expected and all(row["value"] >= 30 for row in searched)
    monkeypatch.setattr(selectors, "WALK_ROWS_PER_MATCH", 1)  # the walk reads as many rows as it needs matches
    ids, queries = page_and_queries(searched, 0, 5)
    assert ids == expected[:5]
    assert len(queries) == 2 and all("@@" in query for query in queries)  # walked, found too few, used the index


def test_deep_pages_and_unsearched_lists_are_read_as_usual(claims, monkeypatch):
    monkeypatch.setattr(selectors, "WALK_PAGE_END", 10)
    searched = claim_values(search_claims(Claim.objects.order_by(*API_ORDERING), "phishing"))
    ids, queries = page_and_queries(searched, 8, 5)
    assert ids == [row["id"] for row in searched][8:13] and len(queries) == 1
    plain = claim_values(Claim.objects.order_by(*API_ORDERING))
    assert page_and_queries(plain, 0, 5)[1].__len__() == 1


def test_api_pages_of_a_search_neither_skip_nor_repeat(claims, client_as):
    client = client_as("fact-checkers")
    expected = [row["id"] for row in claim_values(search_claims(Claim.objects.order_by(*API_ORDERING), "phishing"))]
    seen, url = [], "/api/claims/?q=phishing&page_size=7"
    while url:
        page = client.get(url).json()
        seen += [claim["id"] for claim in page["results"]]
        url = page["next"]
    assert seen == expected
