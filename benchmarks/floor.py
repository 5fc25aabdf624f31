"""The floor of the HTTP benchmark: each request answered by one hand-written SQL query through psycopg,
encoded with orjson, in a minimal WSGI app (no framework). Served by the same gunicorn as the API:

    DATABASE_URL=... gunicorn benchmarks.floor:app

`GET /<query>?<parameters>` runs the named query below; the rows and fields are the API's, so the
benchmark can check that both answer with the same claims in the same order. A claim has every field of
the API's representation (claims.representations), in its order, with the same values: a test holds it.
"""

from __future__ import annotations

import os
from decimal import Decimal
from urllib.parse import parse_qsl

import orjson
import psycopg
from psycopg.types.json import set_json_loads

set_json_loads(orjson.loads)

DATE = """CASE {p}_precision
    WHEN 'day' THEN to_char({p}_start, 'YYYY-MM-DD') || CASE WHEN {p}_end = {p}_start THEN ''
                    ELSE '/' || to_char({p}_end, 'YYYY-MM-DD') END
    WHEN 'month' THEN to_char({p}_start, 'YYYY-MM') || CASE WHEN {p}_end = (date_trunc('month', {p}_start)
                    + interval '1 month - 1 day')::date THEN '' ELSE '/' || to_char({p}_end, 'YYYY-MM') END
    WHEN 'year' THEN to_char({p}_start, 'YYYY') || CASE WHEN extract(year FROM {p}_end) = extract(year FROM {p}_start)
                    THEN '' ELSE '/' || to_char({p}_end, 'YYYY') END
    END"""

CLAIM = f"""
SELECT c.id, c.document_id AS document, d.title AS document_title, s.slug AS source, c.kind, c.status, c.verdict,
       c.language, c.start, c."end", c.quote, c.prefix, c.suffix, c.paraphrase, c.note, trim_scale(c.value) AS value,
       trim_scale(c.value_low) AS value_low, trim_scale(c.value_high) AS value_high, c.unit,
       {DATE.format(p="c.date")} AS date, nullif(c.date_precision, '') AS date_precision,
       c.event_type, c.place, c.detached,
       coalesce((SELECT json_agg(json_build_object('role', ca.role, 'id', a.id, 'slug', a.slug, 'name', a.name)
                                 ORDER BY ca.role, a.name, a.id)
                 FROM claims_claimactor ca JOIN claims_actor a ON a.id = ca.actor_id WHERE ca.claim_id = c.id),
                '[]') AS actors,
       coalesce((SELECT json_agg(json_build_object('id', l.id, 'claim', l.other, 'relation', l.relation,
                                                   'status', l.status) ORDER BY l.id)
                 FROM (SELECT id, to_claim_id AS other, relation, status FROM claims_claimlink
                       WHERE from_claim_id = c.id
                       UNION ALL
                       SELECT id, from_claim_id, relation, status FROM claims_claimlink WHERE to_claim_id = c.id) l),
                '[]') AS links,
       c.created_at, c.updated_at
FROM claims_claim c JOIN claims_document d ON d.id = c.document_id LEFT JOIN claims_source s ON s.id = d.source_id
"""

DEFAULT_ORDER = " ORDER BY c.document_id, c.start, c.id"
VALUE_MIN = ("(c.value_high >= %(value_min)s OR (c.value_high IS NULL AND c.value >= %(value_min)s)"
             " OR (c.value_high IS NULL AND c.value IS NULL AND c.value_low IS NOT NULL))")
VALUE_MAX = ("(c.value_low <= %(value_max)s OR (c.value_low IS NULL AND c.value <= %(value_max)s)"
             " OR (c.value_low IS NULL AND c.value IS NULL AND c.value_high IS NOT NULL))")
RELATION = ("EXISTS (SELECT 1 FROM claims_claimlink l WHERE l.from_claim_id = c.id AND l.relation = %(relation)s"
            " AND l.status <> 'rejected') OR EXISTS (SELECT 1 FROM claims_claimlink l WHERE l.to_claim_id = c.id"
            " AND l.relation = %(relation)s AND l.status <> 'rejected')")

# name -> SQL; every list reads one row more than the page to know whether another page follows
LISTS = {
    "kind_date": CLAIM + " WHERE c.kind = %(kind)s AND c.date_end >= %(date_after)s AND c.date_start <= %(date_before)s"
    + DEFAULT_ORDER,
    "actor": CLAIM + " WHERE EXISTS (SELECT 1 FROM claims_claimactor ca WHERE ca.claim_id = c.id"
    " AND ca.actor_id = %(actor)s)" + DEFAULT_ORDER,
    "value_range": CLAIM + f" WHERE {VALUE_MIN} AND {VALUE_MAX}" + DEFAULT_ORDER,
    "relation": CLAIM + f" WHERE {RELATION}" + DEFAULT_ORDER,
    "q_en": CLAIM + " WHERE c.search_vector @@ websearch_to_tsquery('english', %(q)s)" + DEFAULT_ORDER,
    "q_zh": CLAIM + " WHERE c.search_vector @@ to_tsquery('simple', %(tsquery)s)" + DEFAULT_ORDER,
    "order_date": CLAIM + " ORDER BY c.date_start, c.id",
}
CLAIM_DETAIL = CLAIM + " WHERE c.id = %(id)s"
DOCUMENT_DETAIL = f"""
SELECT d.id, d.title, s.slug AS source, {DATE.format(p="d.published")} AS published,
       nullif(d.published_precision, '') AS published_precision, d.languages, d.url, d.updated_at,
       r.slug AS republished_from, d.byline, d.filename, d.text, d.content_hash, d.main_ranges, d.duplicate_ranges,
       d.imported_at,
       coalesce((SELECT json_agg(json_build_object('id', c.id, 'kind', c.kind, 'status', c.status, 'start', c.start,
                                                   'end', c."end", 'quote', c.quote) ORDER BY c.start, c.id)
                 FROM claims_claim c WHERE c.document_id = d.id), '[]') AS claims
FROM claims_document d LEFT JOIN claims_source s ON s.id = d.source_id
LEFT JOIN claims_source r ON r.id = d.republished_from_id
WHERE d.id = %(id)s
"""
EXPORT = CLAIM + f" WHERE {VALUE_MAX}" + DEFAULT_ORDER

_connection: psycopg.Connection | None = None


def connection() -> psycopg.Connection:
    """One connection per worker process, kept open, reopened when broken."""
    global _connection
    if _connection is None or _connection.closed or _connection.broken:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
        _connection.execute("SET TimeZone TO 'UTC'")  # the API's TIME_ZONE: times end in Z (OPT_UTC_Z)
    return _connection


def rows(sql: str, params: dict) -> list[dict]:
    with connection().cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _figure(value):
    """A figure (numeric without trailing zeros, from trim_scale) as its exact JSON literal, as the API writes it."""
    if isinstance(value, Decimal):
        return orjson.Fragment(format(value, "f"))
    raise TypeError(type(value))


def dumps(value) -> bytes:
    return orjson.dumps(value, default=_figure, option=orjson.OPT_UTC_Z)


def app(environ, start_response):
    name = environ["PATH_INFO"].strip("/")
    params = dict(parse_qsl(environ.get("QUERY_STRING", "")))
    content_type = "application/json"
    if name in LISTS:
        size = int(params.pop("page_size", 100))
        found = rows(LISTS[name] + f" LIMIT {size + 1}", params)
        body = dumps({"next": "next" if len(found) > size else None, "previous": None, "results": found[:size]})
    elif name == "claim":
        body = dumps(rows(CLAIM_DETAIL, params)[0])
    elif name == "document":
        body = dumps(rows(DOCUMENT_DETAIL, params)[0])
    elif name == "export":
        content_type = "application/jsonl"
        body = b"".join(dumps(row) + b"\n" for row in rows(EXPORT, params))
    else:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no such query\n"]
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
