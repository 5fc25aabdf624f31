"""A claim as the API shows it, defined once: CLAIM_FIELDS, field by field.

From it come ClaimSerializer's fields and read-only fields (and so the OpenAPI schema), the values() that
claims.selectors reads and the dicts it builds for the list, the detail and the JSON Lines export, and the
columns and cells of the CSV export. Tests hold ClaimSerializer's own output, the schema and the benchmark
floor's hand-written SQL (benchmarks/floor.py) to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone as dt_timezone
from decimal import Decimal
from functools import partial
from operator import itemgetter
from typing import Any

import orjson
from django.utils import timezone

from claims.text.dates import format_interval
from claims.text.figures import unpadded

# OWASP's list of the first characters that make a spreadsheet run a cell as a formula (CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def figure(value: Decimal | None) -> Decimal | None:
    """A figure without the column's padding (47000, 0.478), as ClaimSerializer gives it. The fast read path keeps
    the decimal as read (47000.000000, equal to it): the JSON renderers write every decimal as its exact literal
    without padding and the CSV export writes that text, so unpadding it here as well was work done twice."""
    return None if value is None else Decimal(unpadded(value))


def shown_datetime(value: datetime, zone) -> str:
    """As DRF writes it: ISO 8601 in the current time zone, UTC as Z."""
    value = value.astimezone(zone).isoformat()
    return value[:-6] + "Z" if value.endswith("+00:00") else value


UTC_ZONES = ("UTC", "Etc/UTC")


def datetime_shower(zone) -> Callable[[datetime], str]:
    """shown_datetime in `zone`, in C where the zone is UTC and so is a time (psycopg reads times in the session's
    zone, UTC): orjson writes a UTC time exactly as shown_datetime does (a test holds them equal), three times as
    fast, and a page shows two times a claim."""
    if getattr(zone, "key", None) not in UTC_ZONES and zone is not dt_timezone.utc:
        return partial(shown_datetime, zone=zone)

    def shown(value: datetime) -> str:
        if value.tzinfo is dt_timezone.utc:
            return orjson.dumps(value, option=orjson.OPT_UTC_Z)[1:-1].decode()
        return shown_datetime(value, zone)

    return shown


def _blank_as_null(value: str) -> str | None:
    return value or None


def _cell(value):
    """A CSV cell: empty for null, else the value as shown (a figure as its JSON literal)."""
    return "" if value is None else unpadded(value) if isinstance(value, Decimal) else value


def _json_cell(items: list[dict]) -> str:
    """A CSV cell for a list of objects (actors, links): the JSON of the list, as the JSON list shows it."""
    return orjson.dumps(items).decode()


def formula_guarded(cell):
    """The cell, kept as text with a leading ' when a spreadsheet would run it as a formula; a plain number
    (-12.5) is left as it is: a spreadsheet reads it as the number."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


@dataclass(frozen=True)
class ClaimField:
    """One field of a claim as the API shows it: where its value comes from, how it is shown and exported."""

    name: str  # the JSON key and the CSV column
    reads: tuple[str, ...] = ()  # the values() lookups it is shown from (default: its name)
    show: Callable[..., Any] | None = None  # the shown value from the values read, in order (default: as read)
    writable: bool = True  # False: read-only in ClaimSerializer and in the schema
    cell: Callable[[Any], Any] = _cell  # the CSV cell from the shown value
    related: bool = False  # a list claims.selectors gathers under this name (not a values() lookup)
    zoned: bool = False  # a time, shown in the current time zone (datetime_shower); `show` is not used

    def __post_init__(self):
        if not self.reads:
            object.__setattr__(self, "reads", (self.name,))


CLAIM_FIELDS = (
    ClaimField("id", writable=False),
    ClaimField("document", reads=("document_id",)),
    ClaimField("document_title", reads=("document__title",), writable=False),
    ClaimField("source", reads=("document__source__slug",), writable=False),
    ClaimField("kind"),
    ClaimField("status"),
    ClaimField("verdict"),
    ClaimField("language"),
    ClaimField("start"),
    ClaimField("end"),
    ClaimField("quote"),
    ClaimField("prefix", writable=False),
    ClaimField("suffix", writable=False),
    ClaimField("paraphrase"),
    ClaimField("note"),
    ClaimField("value"),  # figures: decimals, written without padding (see figure)
    ClaimField("value_low"),
    ClaimField("value_high"),
    ClaimField("unit"),
    ClaimField("date", reads=("date_start", "date_end", "date_precision"), show=format_interval),
    ClaimField("date_precision", show=_blank_as_null, writable=False),
    ClaimField("event_type"),
    ClaimField("place"),
    ClaimField("detached", writable=False),
    ClaimField("actors", related=True, cell=_json_cell),  # [{role, id, slug, name}]
    ClaimField("links", related=True, writable=False, cell=_json_cell),  # [{id, claim, relation, status}]
    ClaimField("created_at", zoned=True, writable=False),
    ClaimField("updated_at", zoned=True, writable=False),
)

CLAIM_FIELD_NAMES = [field.name for field in CLAIM_FIELDS]
CLAIM_READ_ONLY_FIELDS = [field.name for field in CLAIM_FIELDS if not field.writable]
CLAIM_VALUES = tuple(dict.fromkeys(lookup for field in CLAIM_FIELDS if not field.related for lookup in field.reads))

_shown = [field for field in CLAIM_FIELDS if field.show or field.zoned]


def claims_shown(rows: Iterable, where: Mapping[str, Any] | None = None, related_json: bool = False) -> list[dict]:
    """Claims as the API shows them, from rows that hold every read of CLAIM_VALUES and the related lists: dicts
    keyed by the reads and "actors" and "links" (the default), or rows of any kind (dicts, tuples) in which
    where[name] finds each of them. With related_json the related lists are JSON text, parsed here."""
    key = where.__getitem__ if where is not None else (lambda name: name)
    zone = timezone.get_current_timezone()  # once: asking for it costs more than showing a time
    first_values = itemgetter(*(key(field.name if field.related else field.reads[0]) for field in CLAIM_FIELDS))
    related = [field.name for field in CLAIM_FIELDS if field.related] if related_json else []
    from_one, from_many = [], []  # the few fields that are not shown as read
    for field in _shown:
        show = datetime_shower(zone) if field.zoned else field.show
        if len(field.reads) == 1:
            from_one.append((field.name, show, key(field.reads[0])))
        else:
            from_many.append((field.name, show, itemgetter(*map(key, field.reads))))
    loads = orjson.loads

    def shown(row) -> dict:
        claim = dict(zip(CLAIM_FIELD_NAMES, first_values(row)))  # every field as read, in one pass
        for name in related:
            claim[name] = loads(claim[name])
        for name, show, lookup in from_one:
            claim[name] = show(row[lookup])
        for name, show, lookups in from_many:
            claim[name] = show(*lookups(row))
        return claim

    return [shown(row) for row in rows]


def claim_csv_cells(shown: dict, *, escape_formulas: bool = True) -> list:
    """The CSV row of a claim as claims_shown gives it, in the order of CLAIM_FIELD_NAMES; with
    escape_formulas, no cell runs as a formula in a spreadsheet (see formula_guarded)."""
    cells = [field.cell(shown[field.name]) for field in CLAIM_FIELDS]
    return [formula_guarded(cell) for cell in cells] if escape_formulas else cells
