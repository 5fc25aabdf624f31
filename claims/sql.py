"""Every raw SQL statement of the app outside its migrations, in one place, with table and column names
taken from the models' _meta (a renamed field or table changes the SQL; a misspelt one raises
FieldDoesNotExist the first time the statement is rendered).

Templates name a model as {Claim} (its table) and a field as {Claim.start} (its column), both quoted.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import cache

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.management.color import no_style
from django.db import InterfaceError, OperationalError, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import BooleanField, Model, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.db.models.query import ValuesIterable
from django.db.models.utils import create_namedtuple_class

from claims.models import Actor, Claim, ClaimActor, ClaimLink, Document, Source

try:
    import psycopg
    from psycopg.types.datetime import TimestamptzLoader
except ImportError:  # psycopg is the PostgreSQL driver; other databases do without it
    psycopg = TimestamptzLoader = None

HistoricalClaim = Claim.history.model


class _Table:
    """A model in a template: formats as its quoted table name; an attribute is a field's quoted column."""

    def __init__(self, model: type[Model], quote):
        self._model, self._quote = model, quote

    def __format__(self, spec: str) -> str:
        return self._quote(self._model._meta.db_table)

    def __getattr__(self, field: str) -> str:
        return self._quote(self._model._meta.get_field(field).column)


def render(template: str, *models: type[Model], using: str = "default") -> str:
    """`template` with {Model} and {Model.field} replaced by quoted table and column names."""
    quote = connections[using].ops.quote_name
    return template.format_map({model.__name__: _Table(model, quote) for model in models})


# A claim's actors and links as JSON text, from correlated subqueries on the claim's table (PostgreSQL); the
# keys and the order are the API's (claims.representations)
CLAIM_ACTORS_JSON = """coalesce((
    SELECT json_agg(json_build_object('role', ca.{ClaimActor.role}, 'id', a.{Actor.id}, 'slug', a.{Actor.slug},
                                      'name', a.{Actor.name})
                    ORDER BY ca.{ClaimActor.role}, a.{Actor.name}, a.{Actor.id})
    FROM {ClaimActor} ca JOIN {Actor} a ON a.{Actor.id} = ca.{ClaimActor.actor}
    WHERE ca.{ClaimActor.claim} = {Claim}.{Claim.id}), '[]')::text"""
CLAIM_LINKS_JSON = """coalesce((
    SELECT json_agg(json_build_object('id', l.id, 'claim', l.other, 'relation', l.relation, 'status', l.status)
                    ORDER BY l.id)
    FROM (SELECT {ClaimLink.id} AS id, {ClaimLink.to_claim} AS other, {ClaimLink.relation} AS relation,
                 {ClaimLink.status} AS status
          FROM {ClaimLink} WHERE {ClaimLink.from_claim} = {Claim}.{Claim.id}
          UNION ALL
          SELECT {ClaimLink.id}, {ClaimLink.from_claim}, {ClaimLink.relation}, {ClaimLink.status}
          FROM {ClaimLink} WHERE {ClaimLink.to_claim} = {Claim}.{Claim.id}) l), '[]')::text"""


def claim_related_json(using: str) -> dict[str, RawSQL]:
    """values() annotations actors_json and links_json: each claim's actors and links as JSON text."""
    return {"actors_json": RawSQL(_claim_related(CLAIM_ACTORS_JSON, using), (), output_field=TextField()),
            "links_json": RawSQL(_claim_related(CLAIM_LINKS_JSON, using), (), output_field=TextField())}


@cache
def _claim_related(template: str, using: str) -> str:
    return render(template, Actor, Claim, ClaimActor, ClaimLink, using=using)


def late_read(model: type[Model], lookup: str, using: str) -> RawSQL:
    """values() annotation: a field reached through forward foreign keys (document__source__slug), read by
    correlated subqueries on `model`'s table, which PostgreSQL evaluates for the rows returned only, after the sort
    and the limit (a join is made for every row before them); null where a key is null. Each hop is a subquery of
    its own, a lookup by primary key (the slug of the source whose id the document holds): the hops joined in one
    subquery made PostgreSQL hash the sources again for every row. Rendered once."""
    sql, field = _late_read(model, lookup, using)
    return RawSQL(sql, (), output_field=field)


@cache
def _late_read(model: type[Model], lookup: str, using: str):
    quote = connections[using].ops.quote_name
    *names, last = lookup.split("__")
    key = model._meta.get_field(names[0])
    value = f"{quote(model._meta.db_table)}.{quote(key.column)}"  # the first key, on the model's row
    for number, name in enumerate([*names[1:], None]):
        table, target = key.related_model, key.target_field.column
        field = table._meta.get_field(name or last)
        value = (f"(SELECT t{number}.{quote(field.column)} FROM {quote(table._meta.db_table)} t{number}"
                 f" WHERE t{number}.{quote(target)} = {value})")
        key = field
    return value, field


# A published review's actors (with their kind), its corroborating and conflicting links (with the other claim and
# its document) and its history, as JSON text from correlated subqueries (PostgreSQL); claims.reviews reads the
# same shapes from the ORM elsewhere
REVIEW_ACTORS_JSON = """coalesce((
    SELECT json_agg(json_build_object('role', ca.{ClaimActor.role}, 'id', a.{Actor.id}, 'slug', a.{Actor.slug},
                                      'name', a.{Actor.name}, 'kind', a.{Actor.kind})
                    ORDER BY ca.{ClaimActor.role}, a.{Actor.name}, a.{Actor.id})
    FROM {ClaimActor} ca JOIN {Actor} a ON a.{Actor.id} = ca.{ClaimActor.actor}
    WHERE ca.{ClaimActor.claim} = {Claim}.{Claim.id}), '[]')::text"""
REVIEW_LINKS_JSON = """coalesce((
    SELECT json_agg(json_build_object('id', l.id, 'relation', l.relation, 'note', l.note, 'claim', c.{Claim.id},
                                      'quote', c.{Claim.quote}, 'paraphrase', c.{Claim.paraphrase},
                                      'language', c.{Claim.language}, 'status', c.{Claim.status},
                                      'verdict', c.{Claim.verdict}, 'document_title', d.{Document.title},
                                      'document_languages', d.{Document.languages}, 'source', s.{Source.name})
                    ORDER BY l.relation, l.id)
    FROM (SELECT {ClaimLink.id} AS id, {ClaimLink.to_claim} AS other, {ClaimLink.relation} AS relation,
                 {ClaimLink.note} AS note, {ClaimLink.status} AS status
          FROM {ClaimLink} WHERE {ClaimLink.from_claim} = {Claim}.{Claim.id}
          UNION ALL
          SELECT {ClaimLink.id}, {ClaimLink.from_claim}, {ClaimLink.relation}, {ClaimLink.note}, {ClaimLink.status}
          FROM {ClaimLink} WHERE {ClaimLink.to_claim} = {Claim}.{Claim.id}) l
    JOIN {Claim} c ON c.{Claim.id} = l.other
    JOIN {Document} d ON d.{Document.id} = c.{Claim.document}
    LEFT JOIN {Source} s ON s.{Source.id} = d.{Document.source}
    WHERE l.relation = ANY(%s) AND l.status <> %s), '[]')::text"""
REVIEW_HISTORY_JSON = """coalesce((
    SELECT json_agg(json_build_object('history_date', h.{HistoricalClaim.history_date},
                                      'status', h.{HistoricalClaim.status}, 'verdict', h.{HistoricalClaim.verdict},
                                      'quote', h.{HistoricalClaim.quote},
                                      'paraphrase', h.{HistoricalClaim.paraphrase},
                                      'language', h.{HistoricalClaim.language})
                    ORDER BY h.{HistoricalClaim.history_date}, h.{HistoricalClaim.history_id})
    FROM {HistoricalClaim} h WHERE h.{HistoricalClaim.id} = {Claim}.{Claim.id}), '[]')::text"""


def review_related_json(using: str, *, relations: Sequence[str], rejected: str) -> dict[str, RawSQL]:
    """values() annotations actors_json, links_json (links of `relations` whose status is not `rejected`) and
    history_json of a claim, as JSON text."""
    return {"actors_json": RawSQL(_review_related(REVIEW_ACTORS_JSON, using), (), output_field=TextField()),
            "links_json": RawSQL(_review_related(REVIEW_LINKS_JSON, using), (list(relations), rejected),
                                 output_field=TextField()),
            "history_json": RawSQL(_review_related(REVIEW_HISTORY_JSON, using), (), output_field=TextField())}


@cache
def _review_related(template: str, using: str) -> str:
    return render(template, Actor, Claim, ClaimActor, ClaimLink, Document, HistoricalClaim, Source, using=using)


# An ordered walk: the rows of a list in its own order (the prefix, LIMITed), tested one by one against a text
# search as PostgreSQL reads them, until enough match; the outer LIMIT stops the walk.
ORDERED_WALK = "SELECT p.{Claim.id} FROM ({{prefix}}) p WHERE p.{Claim.search_vector} @@ {{tsquery}} LIMIT %s"


def ordered_walk(queryset: QuerySet, tsquery, count: int, bound: int) -> list[int]:
    """Ids of the first `count` claims of `queryset`, in its order, whose search vector matches `tsquery` (a
    resolved SearchQuery), looked for among the first `bound` claims only."""
    prefix = queryset.values_list("id", "search_vector")[:bound]
    prefix_sql, prefix_params = prefix.query.sql_with_params()
    tsquery_sql, tsquery_params = prefix.query.get_compiler(prefix.db).compile(tsquery)
    sql = render(ORDERED_WALK, Claim, using=prefix.db).replace("{tsquery}", tsquery_sql).replace("{prefix}", prefix_sql)
    with connections[prefix.db].cursor() as cursor:
        cursor.execute(sql, (*prefix_params, *tsquery_params, count))
        return [row[0] for row in cursor.fetchall()]


# A keyset page's condition: the rows after (or, descending, before) the last one seen in the order (key, id), as
# one row comparison, which PostgreSQL reads as the bound of an index scan on (key, id) rather than as a filter.
ROW_BEYOND = "({table}.{key}, {table}.{pk}) {op} (%s, %s)"


def row_beyond(model: type[Model], key: str, value, pk, *, descending: bool, using: str = "default") -> RawSQL:
    """A filter() condition: (key, id) after (value, pk), or before it when `descending`; `value` is not None."""
    table = _Table(model, connections[using].ops.quote_name)
    sql = ROW_BEYOND.format(table=table, key=getattr(table, key), pk=getattr(table, model._meta.pk.name),
                            op="<" if descending else ">")
    return RawSQL(sql, (value, pk), output_field=BooleanField())


# A claim with an actor (by id or slug), in a role or any: the API's actor and role filters. As SQL it costs a request
# 0.03 ms to add; built as Exists(ClaimActor...) through the ORM and compiled, 0.35 ms of a page's 5 at a million
# claims. Portable SQL: PostgreSQL and SQLite read it alike.
CLAIM_ACTOR = "EXISTS (SELECT 1 FROM {ClaimActor} ca WHERE ca.{ClaimActor.claim} = {Claim}.{Claim.id}{conditions})"
ACTOR_ID_IS = " AND ca.{ClaimActor.actor} = %s"
ACTOR_SLUG_IS = " AND ca.{ClaimActor.actor} IN (SELECT a.{Actor.id} FROM {Actor} a WHERE a.{Actor.slug} = %s)"
ROLE_IS = " AND ca.{ClaimActor.role} = %s"


def claim_has_actor(*, actor_id: int | None = None, actor_slug: str | None = None, role: str | None = None,
                    using: str = "default") -> RawSQL:
    """A filter() condition: the claim has the actor (by id, or by slug) in `role`, or in any role without one;
    with neither actor, an actor in `role`."""
    shape = (actor_id is not None, actor_slug is not None, role is not None)
    params = [value for value in (actor_id, actor_slug, role) if value is not None]
    return RawSQL(_claim_actor(shape, using), params, output_field=BooleanField())


@cache
def _claim_actor(shape: tuple[bool, bool, bool], using: str) -> str:
    conditions = "".join(part for part, wanted in zip((ACTOR_ID_IS, ACTOR_SLUG_IS, ROLE_IS), shape) if wanted)
    return render(CLAIM_ACTOR.replace("{conditions}", conditions), Actor, Claim, ClaimActor, using=using)


# Figures that can reach a value: a figure's range (its bounds where its wording set them, else its value) reaches
# `value_min` when its top is that or more, a range open above (a lower bound only: "more than 40") reaches any;
# `value_max` the same way down. The API's value_min and value_max filters, as SQL for the cost the actor's had.
VALUE_REACHES = {
    "at_least": "({Claim}.{Claim.value_high} >= %s OR ({Claim}.{Claim.value_high} IS NULL AND {Claim}.{Claim.value}"
                " >= %s) OR ({Claim}.{Claim.value_high} IS NULL AND {Claim}.{Claim.value} IS NULL"
                " AND {Claim}.{Claim.value_low} IS NOT NULL))",
    "at_most": "({Claim}.{Claim.value_low} <= %s OR ({Claim}.{Claim.value_low} IS NULL AND {Claim}.{Claim.value}"
               " <= %s) OR ({Claim}.{Claim.value_low} IS NULL AND {Claim}.{Claim.value} IS NULL"
               " AND {Claim}.{Claim.value_high} IS NOT NULL))",
}


def value_reaches(direction: str, value, using: str = "default") -> RawSQL:
    """A filter() condition: the claim's figure can be `value` or more ("at_least") or `value` or less ("at_most")."""
    return RawSQL(_value_reaches(direction, using), (value, value), output_field=BooleanField())


@cache
def _value_reaches(direction: str, using: str) -> str:
    return render(VALUE_REACHES[direction], Claim, using=using)


def copy_rows(model: type[Model], fields: Sequence[str], rows: Iterable[tuple], using: str = "default") -> None:
    """PostgreSQL's COPY of `rows` (each the values of `fields`, in order) into the model's table."""
    table = _Table(model, connections[using].ops.quote_name)
    columns = ", ".join(getattr(table, field) for field in fields)
    with connections[using].cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def sequences_reset(models: Sequence[type[Model]], using: str = "default") -> None:
    """Set the models' id sequences past their largest id (after rows were written with their ids)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def analyze(using: str = "default") -> None:
    """Refresh the planner's statistics of every table (PostgreSQL), e.g. after a bulk load."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")


def snapshot_read_only(using: str = "default") -> None:
    """Make the transaction just begun read every table as of one moment and write nothing (PostgreSQL)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


# values() rows read in fewer steps, for the API's hot reads.
#
# Django's ValuesIterable reads a page of claims through a chunked fetch and, on PostgreSQL, a timestamptz loader
# written in Python (it sets the tzinfo of each time psycopg has already read in the session's zone, UTC): a page
# of 100 claims at a million claims took 4.8 ms in process that way, 4.3 ms this way. RowDicts gives the same
# dicts from one fetchall, through psycopg's own loader (in C) when the session's zone is Django's, UTC: the same
# instants, shown the same way. Everything else is Django's own: the compiled SQL, the cursor with its execute
# wrappers and error translation, the converters other databases need.
class RowDicts(ValuesIterable):
    """A values() queryset's rows as dicts, as ValuesIterable gives them (set as its _iterable_class), run as a
    prepared statement; a streamed read (iterator(), the exports) is ValuesIterable's own, in chunks."""

    def __iter__(self):
        if self.chunked_fetch:
            return super().__iter__()
        found = _compiled_rows(self.queryset)
        if found is None:
            return iter(())
        names, rows = found
        return iter([dict(zip(names, row)) for row in rows])


class RowTuples(RowDicts):
    """RowDicts' rows as named tuples on PostgreSQL (Django's class for the column names, as values_list(named=True)
    makes), for readers that take columns by position or attribute: a page's 100 dicts of 27 keys cost 0.12 ms to
    build and were read once. Elsewhere, and streamed, the dicts of RowDicts."""

    def __iter__(self):
        if self.chunked_fetch or connections[self.queryset.db].vendor != "postgresql":
            return super().__iter__()
        found = _compiled_rows(self.queryset)
        if found is None:
            return iter(())
        names, rows = found
        row_class, new = create_namedtuple_class(*names), tuple.__new__
        return iter([new(row_class, row) for row in rows])


def _compiled_rows(queryset) -> tuple[list[str], list[tuple]] | None:
    """The column names and rows of a values() queryset, compiled with a kept setup and run prepared; None when
    it can match nothing."""
    compiler = _setup_reusing(queryset.query, queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    compiled = _Compiled(compiler, sql, params)
    return compiled.names, _fetched_rows(compiled, params, prepare=True)


# The SELECT and ORDER BY of a page's query are the same for every request: the filters change, not the columns or
# their order, and the filtered querysets share the objects Django keeps them in (claims.selectors.claim_list). Django
# compiles them anew each time: 0.12 of the 0.15 ms a page's query took to compile at a million claims, whatever its
# filters. A compiler that keeps what Django's pre_sql_setup found for the same objects (the select's columns and
# annotations, the order's terms: the same objects, not equal ones) reuses it, and compiles the WHERE as usual. Only
# where setting them up added no join (a join would be missing from the next query's FROM), and only for plain
# values() queries: no extra(), select_related, grouping, DISTINCT or combined queries. tests/test_rows.py holds
# the SQL and parameters equal to Django's own for the list's filters, orderings, cursors and searches.
SETUPS_KEPT = 64
_setups: dict[tuple, tuple] = {}
_setups_lock = threading.Lock()


def _setup_reusing(query, using: str):
    connection = connections[using]
    return _reusing_class(connection.ops.compiler(query.compiler))(query, connection, using)


@cache
def _reusing_class(compiler_class: type) -> type:
    class SetupReusingCompiler(compiler_class):
        def pre_sql_setup(self, with_col_aliases=False):
            key = _setup_key(self.query, self.using, with_col_aliases)
            kept = _setups.get(key) if key else None
            if kept is not None:
                _, setup, answer, self.kept_reading = kept
                self.select, self.klass_info, self.annotation_col_map, self.has_extra_select, self._meta_ordering = setup
                self.col_count = len(self.select)
                self.where, self.having, self.qualify = self.query.where.split_having_qualify(
                    must_group_by=self.query.group_by is not None)
                return answer
            aliases = (list(self.query.alias_map), dict(self.query.alias_refcount))
            answer = super().pre_sql_setup(with_col_aliases)
            if key and aliases == (list(self.query.alias_map), dict(self.query.alias_refcount)):
                query = self.query  # kept: while the entry lives, no other object can have the ids of the key's
                held = (query.select, query.values_select, query.order_by, [*query.annotation_select.values()])
                self.kept_reading = {}  # the rows' names and converters, once _Compiled has them
                with _setups_lock:
                    if len(_setups) >= SETUPS_KEPT:
                        del _setups[next(iter(_setups))]  # the oldest
                    _setups[key] = (held, (self.select, self.klass_info, self.annotation_col_map,
                                           self.has_extra_select, self._meta_ordering), answer, self.kept_reading)
            return answer

    return SetupReusingCompiler


def _setup_key(query, using: str, with_col_aliases: bool) -> tuple | None:
    """What decides a values() query's SELECT and ORDER BY, by identity; None where it is not kept."""
    if (not query.select or query.default_cols or query.select_related or query.extra or query.extra_order_by
            or query.group_by is not None or query.distinct or query.combinator or query.subquery):
        return None
    annotations = query.annotation_select
    return (using, query.model, id(query.select), id(query.values_select), id(query.order_by),
            query.standard_ordering, query.default_ordering, with_col_aliases,
            tuple((name, id(annotation)) for name, annotation in annotations.items()))


class _Compiled:
    """A values() query's SQL with what reading its rows needs: the names, the converters, the compiler."""

    def __init__(self, compiler, sql: str, params: tuple):
        query = compiler.query
        self.compiler, self.sql, self.params, self.using = compiler, sql, tuple(params), compiler.using
        kept = getattr(compiler, "kept_reading", None)  # a kept setup's (SetupReusingCompiler), the same columns
        if kept:
            self.names, self.converters = kept["names"], kept["converters"]
            return
        self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        self.converters = compiler.get_converters([expression for expression, _, _ in
                                                   compiler.select[:compiler.col_count]])
        if kept is not None:
            kept.update(names=self.names, converters=self.converters)


def _fetched(compiled: _Compiled, params, *, prepare: bool = False) -> list[dict]:
    return [dict(zip(compiled.names, row)) for row in _fetched_rows(compiled, params, prepare=prepare)]


def _fetched_rows(compiled: _Compiled, params, *, prepare: bool = False) -> list[tuple]:
    connection, compiler = connections[compiled.using], compiled.compiler
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
    elif _checked_by_reading(connection):
        try:
            rows = _read(connection, compiled, params, prepare)
        except (InterfaceError, OperationalError):
            if not _lost(connection):  # a timeout, say: the connection still works
                raise
            connection.close()  # the server dropped the kept connection (a restart): once more, on a new one
            rows = _read(connection, compiled, params, prepare)
    else:
        connection.close_if_health_check_failed()  # what connection.cursor() does first
        rows = _read(connection, compiled, params, prepare)
    if compiler.has_extra_select:
        rows = [row[:compiler.col_count] for row in rows]
    if compiled.converters:
        rows = list(compiler.apply_converters(rows, compiled.converters))
    return rows


# A connection kept between requests is checked by Django (CONN_HEALTH_CHECKS) before a request's first query, with
# a round trip of its own (SELECT 1): 0.2 ms of a page's 6 at a million claims. A read needs no such check: it is
# the check. The first read of a request on a kept connection, outside a transaction, runs at once; if the server
# dropped the connection (a restart) it fails, and runs again on a new connection, which is what the health check
# would have led to: a read, unlike a write, may run twice. Django's own check is then done for the request.
def _checked_by_reading(connection) -> bool:
    """Whether this read stands in for the connection's health check (and marks it done)."""
    if (connection.connection is None or not connection.health_check_enabled or connection.health_check_done
            or connection.in_atomic_block):
        return False
    connection.health_check_done = True
    return True


def _lost(connection) -> bool:
    raw = connection.connection
    return raw is None or raw.closed or raw.broken


def _read(connection, compiled: _Compiled, params, prepare: bool) -> list[tuple]:
    """The rows of a query on PostgreSQL: prepared where asked and possible, times read by psycopg's C loader."""
    connection.ensure_connection()
    utc = _utc_session(connection)
    preparing = prepare and utc and settings.CLAIMTRACK_PREPARED_STATEMENTS
    with (_preparing_cursor(connection) if preparing else connection.cursor()) as cursor:
        if utc:
            cursor.cursor.adapters.register_loader("timestamptz", TimestamptzLoader)
        cursor.execute(compiled.sql, params)
        return cursor.fetchall()


# Prepared statements (PostgreSQL). Django binds parameters on the client and never prepares, so PostgreSQL parses
# and plans each query anew: for a claim's detail (its actors and links from subqueries) that took 0.55 of the
# 0.65 ms the query cost at a million claims; prepared, with the id bound on the server, 0.13 ms. A page of 100
# claims filtered by actor or by value: 3.3 ms, prepared 2.6. As psycopg does by default (and the benchmark's
# floor with it), a query is prepared once it has run PREPARE_AFTER times on a connection, which keeps up to 100,
# known by their SQL: the same filters with other values are the same statement. After 5 runs PostgreSQL may
# keep a generic plan, one for any values, where it estimates that it costs no more than the plans made for the
# values given; a detail's (a lookup by primary key) is the same for any id. Set
# CLAIMTRACK_PREPARED_STATEMENTS=false behind a connection pooler in transaction mode (PgBouncer before 1.21),
# which loses them between transactions, or where a generic plan misleads; restart the workers after a migration
# changes a column they read.
PREPARE_AFTER = 5


def _preparing_cursor(connection):
    """A psycopg cursor that binds on the server, on Django's connection, wrapped as Django wraps its own (query
    logging, execute wrappers, database errors as Django's): BaseDatabaseWrapper.cursor() with another cursor
    class. Django sets no threshold, which turns psycopg's preparing off; Django's own cursors bind on the client
    and never prepare, so the threshold set here is for these cursors only."""
    with connection.wrap_database_errors:
        connection.connection.prepare_threshold = PREPARE_AFTER
        cursor = psycopg.Cursor(connection.connection)
    return _ComposingDebugWrapper(cursor, connection) if connection.queries_logged else connection.make_cursor(cursor)


class _ComposingDebugWrapper(CursorDebugWrapper):
    """Django's query log (DEBUG, tests) with a prepared query's values in place, as for Django's own queries:
    SQL that runs again as it reads (psycopg would log $1, $2)."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params) if params else sql, params):
            return CursorWrapper.execute(self, sql, params)


# A detail's query is the same for every id but the id: built and compiled once per database (a claim's took 0.6
# ms to build and compile, half of a detail's time in process), then run with the id.
_ID_MARK = -7_340_032_971_113  # an id no row has, to find the id among the compiled query's parameters


def rows_by_id(values: Callable[[int, str], QuerySet], pk: int, using: str) -> list[dict]:
    """The rows of the values() queryset values(pk, using) (as RowDicts reads them), `values` built
    and compiled once per database: `values` must give the same query for every id but the id, which appears
    exactly once among its parameters (checked when compiled)."""
    compiled, at = _compiled_by_id(values, using)
    return _fetched(compiled, (*compiled.params[:at], pk, *compiled.params[at + 1:]), prepare=True)


@cache
def _compiled_by_id(values: Callable[[int, str], QuerySet], using: str) -> tuple[_Compiled, int]:
    queryset = values(_ID_MARK, using)
    compiler = queryset.query.get_compiler(using)
    sql, params = compiler.as_sql()
    marks = [number for number, param in enumerate(params) if param == _ID_MARK]
    if len(marks) != 1:
        raise ValueError(f"{values.__qualname__}: the id must appear once among the query's parameters")
    return _Compiled(compiler, sql, params), marks[0]


def _utc_session(connection) -> bool:
    """A psycopg connection whose session reads times in UTC, Django's zone for them: psycopg's loader will do."""
    return (connection.vendor == "postgresql" and TimestamptzLoader is not None
            and connection.timezone == datetime.timezone.utc
            and connection.connection.info.parameter_status("TimeZone") == "UTC")
