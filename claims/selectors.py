"""Reads on the API's hot paths: claims as the API shows them, built from values() rows.

Model instances and DRF's field-by-field serialisation cost more than the SQL on a page of claims;
these functions build each claim from a values() row as claims.representations defines it, which is what
ClaimSerializer gives, field for field (a test holds them to it). On PostgreSQL it is one query however
many claims: each claim's actors and links come with it as JSON built by the server; elsewhere two more
queries fetch them for all the claims at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import islice

from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils import timezone

from claims.models import Claim, ClaimActor, ClaimLink, Document, ordered
from claims.representations import CLAIM_VALUES, claims_shown, datetime_shower
from claims.search import WalkableMatch
from claims.sql import RowDicts, RowTuples, claim_related_json, late_read, ordered_walk, row_beyond, rows_by_id
from claims.text.dates import format_interval

API_ORDERING = ("document_id", "start", "id")


# On PostgreSQL what a claim shows of its document (title, source) is read by subqueries, not joins: the server
# evaluates them after the sort and limit, for the rows shown only (a search sorting 34,000 matches joined each).
# Named apart from the lookups: a filter on document__source__slug must join, not run the subquery on every row.
_DOCUMENT_READS = {lookup: f"late_{number}" for number, lookup in enumerate(
    name for name in CLAIM_VALUES if name.startswith("document__"))}


def claim_values(queryset: QuerySet, using: str | None = None) -> QuerySet:
    """The columns claim_representations needs, as a values() queryset keeping the filters and ordering (it may be
    filtered further); its rows are read by claims.sql.RowDicts (the same dicts, in fewer steps). `using`: the
    database the SQL is written for, when the queryset's own is chosen later, by the router."""
    using = using or queryset.db
    if connections[using].vendor == "postgresql":
        late = {name: late_read(Claim, lookup, using) for lookup, name in _DOCUMENT_READS.items()}
        rows = queryset.values(*(name for name in CLAIM_VALUES if name not in _DOCUMENT_READS),
                               **late, **claim_related_json(using))
    else:
        rows = queryset.values(*CLAIM_VALUES)
    rows._iterable_class = RowDicts  # values() sets ValuesIterable; Django has no public hook for another
    return rows


def claim_list() -> QuerySet:
    """Every claim, in the API's order, as claim_values() reads them, for a request to filter: the values() set up
    once per database (a request spent 0.3 ms on it), each request filtering a copy. The database is still the
    router's choice for each request (a client that has just written reads the primary)."""
    return _claim_list(Claim.objects.db).all()


@cache
def _claim_list(using: str) -> QuerySet:
    rows = claim_values(Claim.objects.order_by(*API_ORDERING), using=using)
    rows._iterable_class = RowTuples  # read by position (claim_representations) and attribute (the cursor)
    return rows


@lru_cache(maxsize=16)
def _positions(columns: tuple[str, ...]) -> dict[str, int]:
    """Where each read and related list is in a row of these columns."""
    at = {name: number for number, name in enumerate(columns)}
    return {read: at[column] for read, column in _COLUMNS.items()}


# Where a claim_values() row holds each read and the related lists (as JSON text) on PostgreSQL.
_COLUMNS = {**{lookup: _DOCUMENT_READS.get(lookup, lookup) for lookup in CLAIM_VALUES},
            "actors": "actors_json", "links": "links_json"}


def claim_representations(rows: Iterable[dict | tuple]) -> list[dict]:
    """Rows of claim_values() as the API shows them: dicts, or on PostgreSQL the named tuples of claim_list()'s
    rows (two more queries for actors and links, but on PostgreSQL)."""
    rows = list(rows)
    if rows and isinstance(rows[0], tuple):
        return claims_shown(rows, where=_positions(rows[0]._fields), related_json=True)
    if rows and "actors_json" in rows[0]:
        return claims_shown(rows, where=_COLUMNS, related_json=True)
    ids = [row["id"] for row in rows]
    actors, links = defaultdict(list), defaultdict(list)
    if ids:
        for role in (ClaimActor.objects.filter(claim_id__in=ids).order_by("claim_id", "role", "actor__name", "actor_id")
                     .values_list("claim_id", "role", "actor_id", "actor__slug", "actor__name")):
            actors[role[0]].append({"role": role[1], "id": role[2], "slug": role[3], "name": role[4]})
        found = (ClaimLink.objects.filter(Q(from_claim_id__in=ids) | Q(to_claim_id__in=ids)).order_by("id")
                 .values_list("id", "from_claim_id", "to_claim_id", "relation", "status"))
        wanted = set(ids)
        for link_id, from_id, to_id, relation, status in found:
            if from_id in wanted:
                links[from_id].append({"id": link_id, "claim": to_id, "relation": relation, "status": status})
            if to_id in wanted:
                links[to_id].append({"id": link_id, "claim": from_id, "relation": relation, "status": status})
    for row in rows:
        row["actors"], row["links"] = actors[row["id"]], links[row["id"]]
    return claims_shown(rows)


def claim_representation(pk: int) -> dict | None:
    """One claim as the API shows it, or None when there is no such claim (the query compiled once: rows_by_id)."""
    found = claim_representations(rows_by_id(_one_claim, pk, Claim.objects.db))
    return found[0] if found else None


def _one_claim(pk: int, using: str) -> QuerySet:
    return claim_values(Claim.objects.using(using).filter(pk=pk))


def claim_representations_streamed(rows: QuerySet, chunk_size: int = 2000) -> Iterator[dict]:
    """Every claim of `rows` (a claim_values() queryset) as the API shows it, read in chunks so that memory stays
    flat."""
    rows = rows.iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        yield from claim_representations(chunk)


# A document's detail as DocumentDetailSerializer shows it (a test holds them equal), read as values() rows: the
# document's own, its sources' slugs, and its claims in brief, each query compiled once (rows_by_id).
_DOCUMENT_VALUES = ("id", "title", "source__slug", "published_start", "published_end", "published_precision",
                    "languages", "url", "updated_at", "republished_from__slug", "byline", "filename", "text",
                    "content_hash", "main_ranges", "duplicate_ranges", "imported_at")
_CLAIM_BRIEF = ("id", "kind", "status", "start", "end", "quote")


def document_representation(pk: int) -> dict | None:
    """One document's detail as the API shows it, or None when there is no such document."""
    using = Document.objects.db
    found = rows_by_id(_one_document, pk, using)
    if not found:
        return None
    row, shown_datetime = found[0], datetime_shower(timezone.get_current_timezone())
    return {
        "id": row["id"], "title": row["title"], "source": row["source__slug"],
        "published": format_interval(row["published_start"], row["published_end"], row["published_precision"]),
        "published_precision": row["published_precision"], "languages": row["languages"], "url": row["url"],
        "updated_at": shown_datetime(row["updated_at"]), "republished_from": row["republished_from__slug"],
        **{name: row[name] for name in ("byline", "filename", "text", "content_hash", "main_ranges",
                                        "duplicate_ranges")},
        "imported_at": row["imported_at"] and shown_datetime(row["imported_at"]),
        "claims": rows_by_id(_document_claims, pk, using),
    }


def _one_document(pk: int, using: str) -> QuerySet:
    return Document.objects.using(using).filter(pk=pk).values(*_DOCUMENT_VALUES)


def _document_claims(pk: int, using: str) -> QuerySet:
    return Claim.objects.using(using).filter(document_id=pk).order_by("start", "id").values(*_CLAIM_BRIEF)


# A page of a claim search ending within the first WALK_PAGE_END matches is first looked for by an ordered walk
# of at most WALK_ROWS_PER_MATCH rows for each match it needs: it succeeds where at least 1 row in 100 matches.
WALK_ROWS_PER_MATCH = 100
WALK_PAGE_END = 500


def page_rows(queryset: QuerySet, offset: int, count: int) -> list:
    """queryset[offset:offset + count]. When a claim search filters it (ANDed with the other filters), the page is
    first looked for by an ordered walk: the list without the search, in its own order, read until `offset +
    count` rows match, at most WALK_ROWS_PER_MATCH rows for each. A frequent phrase is found in a few
    milliseconds that way, where the index visits every match (34,000 for a common Chinese phrase at a million
    claims) and sorts them; when the walk finds too few, the page is read as usual, through the index, which is
    fast for rarer phrases. The search is found among the top-level conditions of Django's Query.where, not a
    public API: tests/test_ordered_walk.py holds the pages equal to the index's and the walk taken."""
    need = offset + count
    children = queryset.query.where.children
    found = [n for n, child in enumerate(children) if isinstance(child, WalkableMatch)]
    where = queryset.query.where
    if len(found) != 1 or need > WALK_PAGE_END or where.connector != "AND" or where.negated:
        return list(queryset[offset:need])
    unsearched = queryset.all()
    del unsearched.query.where.children[found[0]]
    ids = ordered_walk(unsearched, children[found[0]].rhs, need, need * WALK_ROWS_PER_MATCH)
    if len(ids) < need:
        return list(queryset[offset:need])
    return list(unsearched.filter(pk__in=ids[offset:]))


# Keyset pages. A list's order is a few keys and then the id, each ascending or descending; nulls sort after every
# value (last ascending, first descending: PostgreSQL's own order, which a plain index on the key serves both ways).
Keys = tuple[tuple[str, bool], ...]  # (field name, descending)


def keyset_keys(queryset: QuerySet) -> Keys | None:
    """The queryset's order as keyset pages follow it: its fields, then the id (added in the last key's direction
    when missing); None when a term is not a field of the model itself (an expression, a related field)."""
    meta, keys = queryset.model._meta, []
    names = {field.attname: field.name for field in meta.concrete_fields} | {"pk": meta.pk.name}
    for term in queryset.query.order_by:
        if isinstance(term, str):
            name, descending = term.removeprefix("-"), term.startswith("-")
        elif isinstance(term, OrderBy) and isinstance(term.expression, F):
            name, descending = term.expression.name, term.descending
        else:
            return None
        name = names.get(name, name)
        if name not in names.values():
            return None
        keys.append((name, descending))
        if name == meta.pk.name:
            return tuple(keys)
    return (*keys, (meta.pk.name, keys[-1][1] if keys else False))


def keyset_rows(queryset: QuerySet, keys: Keys, after: tuple | None, count: int) -> list:
    """The first `count` rows of `queryset` in the order `keys` after the row whose keys' values were `after` (None:
    from the start), with page_rows (so a search's page is still walked for). With one key and then the id in the
    same direction, the page is read from an index on (key, id) from the bound on: a row comparison, and, past
    the last value, the nulls by id; otherwise by one condition that spells the order out."""
    queryset = queryset.order_by(*(ordered(name, descending) for name, descending in keys))
    if after is None:
        return page_rows(queryset, 0, count)
    meta = queryset.model._meta
    pk_name, last = keys[-1][0], after[-1]
    if len(keys) != 2 or keys[0][1] != keys[1][1]:
        return page_rows(queryset.filter(_after(keys, after)), 0, count)
    (name, descending), value = keys[0], after[0]
    past_last = {f"{pk_name}__{'lt' if descending else 'gt'}": last}
    if value is None:  # among the nulls: after them (descending), every value
        rows = page_rows(queryset.filter(**{f"{name}__isnull": True}, **past_last), 0, count)
        if descending and len(rows) < count:
            rows += page_rows(queryset.filter(**{f"{name}__isnull": False}), 0, count - len(rows))
        return rows
    field = meta.get_field(name)
    connection = connections[queryset.db]
    rows = page_rows(queryset.filter(row_beyond(queryset.model, name, field.get_db_prep_value(value, connection), last,
                                                descending=descending, using=queryset.db)), 0, count)
    if field.null and not descending and len(rows) < count:  # the values are done: the nulls follow
        rows += page_rows(queryset.filter(**{f"{name}__isnull": True}), 0, count - len(rows))
    return rows


def _after(keys: Keys, after: tuple) -> Q:
    """The rows after `after` in the order `keys`, spelt out key by key with the nulls after every value."""
    (pk_name, pk_descending), last = keys[-1], after[-1]
    condition = Q(**{f"{pk_name}__{'lt' if pk_descending else 'gt'}": last})
    for (name, descending), value in reversed(list(zip(keys[:-1], after[:-1]))):
        if value is None:
            same = Q(**{f"{name}__isnull": True})
            condition = (Q(**{f"{name}__isnull": False}) | (same & condition)) if descending else same & condition
        else:
            beyond = Q(**{f"{name}__lt": value}) if descending else (Q(**{f"{name}__gt": value}) |
                                                                    Q(**{f"{name}__isnull": True}))
            condition = beyond | (Q(**{name: value}) & condition)
    return condition
