"""Reads on the API's hot paths: claims as the API shows them, built from values() rows.

Model instances and DRF's field-by-field serialisation cost more than the SQL on a page of claims;
these functions give what ClaimSerializer gives, field for field (a test holds them to it). On
PostgreSQL it is one query however many claims: each claim's actors and links come with it as JSON
built by the server; elsewhere two more queries fetch them for all the claims at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from itertools import islice

import orjson
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils import timezone

from claims.models import Claim, ClaimActor, ClaimLink
from claims.sql import claim_related_json
from claims.text.dates import format_interval

CLAIM_VALUES = (
    "id", "document_id", "document__title", "document__source__slug", "kind", "status", "verdict", "language",
    "start", "end", "quote", "prefix", "suffix", "paraphrase", "note", "value", "value_low", "value_high", "unit",
    "date_start", "date_end", "date_precision", "event_type", "place", "detached", "created_at", "updated_at",
)
API_ORDERING = ("document_id", "start", "id")

def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(value.quantize(Decimal("0.000001")), "f")


def _datetime(value: datetime, zone) -> str:
    """As DRF writes it: ISO 8601 in the current time zone, UTC as Z."""
    value = value.astimezone(zone).isoformat()
    return value[:-6] + "Z" if value.endswith("+00:00") else value


def claim_values(queryset: QuerySet) -> QuerySet:
    """The columns claim_representations needs, as a values() queryset keeping the filters and ordering."""
    if connections[queryset.db].vendor == "postgresql":
        return queryset.values(*CLAIM_VALUES, **claim_related_json(queryset.db))
    return queryset.values(*CLAIM_VALUES)


def claim_representations(rows: Iterable[dict]) -> list[dict]:
    """Rows of claim_values() as the API shows them (two more queries for actors and links, but on PostgreSQL)."""
    rows, zone = list(rows), timezone.get_current_timezone()
    if rows and "actors_json" in rows[0]:
        return [_claim(row, orjson.loads(row["actors_json"]), orjson.loads(row["links_json"]), zone) for row in rows]
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
    return [_claim(row, actors[row["id"]], links[row["id"]], zone) for row in rows]


def _claim(row: dict, actors: list, links: list, zone) -> dict:
    return {
        "id": row["id"], "document": row["document_id"], "document_title": row["document__title"],
        "source": row["document__source__slug"], "kind": row["kind"], "status": row["status"],
        "verdict": row["verdict"], "language": row["language"], "start": row["start"], "end": row["end"],
        "quote": row["quote"], "prefix": row["prefix"], "suffix": row["suffix"], "paraphrase": row["paraphrase"],
        "note": row["note"], "value": _decimal(row["value"]), "value_low": _decimal(row["value_low"]),
        "value_high": _decimal(row["value_high"]), "unit": row["unit"],
        "date": format_interval(row["date_start"], row["date_end"], row["date_precision"]),
        "date_precision": row["date_precision"] or None, "event_type": row["event_type"], "place": row["place"],
        "detached": row["detached"], "actors": actors, "links": links,
        "created_at": _datetime(row["created_at"], zone), "updated_at": _datetime(row["updated_at"], zone),
    }


def claim_representation(pk: int) -> dict | None:
    """One claim as the API shows it, or None when there is no such claim."""
    found = claim_representations(claim_values(Claim.objects.filter(pk=pk)))
    return found[0] if found else None


def claim_representations_streamed(queryset: QuerySet, chunk_size: int = 2000) -> Iterator[dict]:
    """Every claim of `queryset` as the API shows it, read in chunks so that memory stays flat."""
    rows = claim_values(queryset).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        yield from claim_representations(chunk)
