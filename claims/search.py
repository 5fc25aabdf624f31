"""Full-text search of claims, documents and actors as queryset filters: PostgreSQL's stored vectors, else LIKE.

The terms (Chinese bigrams in both scripts) come from claims.text.search_terms, which needs no Django.
"""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.text.search_terms import han_tsquery, script_variants, split_query

# the fields each PostgreSQL search-vector trigger indexes (migration 0003), searched by LIKE elsewhere
CLAIM_SEARCH_FIELDS = ["quote", "paraphrase"]
DOCUMENT_SEARCH_FIELDS = ["title", "text"]


def text_search_query(query: str) -> SearchQuery | None:
    """A tsquery for `query`: English words stemmed (web-search syntax), Chinese as bigram phrases in
    both scripts; None when nothing searchable is left."""
    words, runs = split_query(query)
    parts = []
    if words.strip():
        parts.append(SearchQuery(words, config="english", search_type="websearch"))
    if runs:
        parts.append(SearchQuery(han_tsquery(runs), config="simple", search_type="raw"))
    return reduce(lambda a, b: a & b, parts) if parts else None


def _like_any(fields: list[str], query: str) -> Q:
    return reduce(or_, (Q(**{f"{field}__icontains": variant}) for field in fields for variant in script_variants(query)))


class WalkableMatch(SearchVectorExact):
    """`search_vector @@ tsquery`, the SQL of `exact`, under a name page_rows recognises: a claim search."""

    lookup_name = "walkable_match"


SearchVectorField.register_lookup(WalkableMatch)


def search(queryset: QuerySet, query: str, like_fields: list[str], lookup: str = "exact") -> QuerySet:
    """Filter by the stored search vector on PostgreSQL, or by LIKE over `like_fields` elsewhere."""
    query = query.replace("\x00", "").strip()
    if not query:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        tsquery = text_search_query(query)
        if tsquery is None:  # nothing but stop characters: fall back to a plain match
            return queryset.filter(_like_any(like_fields, query))
        return queryset.filter(**{f"search_vector__{lookup}": tsquery})
    return queryset.filter(_like_any(like_fields, query))


def search_claims(queryset: QuerySet, query: str) -> QuerySet:
    return search(queryset, query, CLAIM_SEARCH_FIELDS, lookup=WalkableMatch.lookup_name)


def search_documents(queryset: QuerySet, query: str) -> QuerySet:
    return search(queryset, query, DOCUMENT_SEARCH_FIELDS)


def search_actors(queryset: QuerySet, query: str) -> QuerySet:
    """Actors whose name, slug or any alias contains the query, in either Chinese script."""
    from claims.models import ActorAlias

    query = query.replace("\x00", "").strip()
    if not query:
        return queryset
    aliases = ActorAlias.objects.filter(_like_any(["name"], query), actor=OuterRef("pk"))
    return queryset.filter(_like_any(["name", "slug"], query) | Q(Exists(aliases)))
