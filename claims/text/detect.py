"""Detect candidate figures and events in English and Chinese text (no Django: fast to test and reuse).

Figures come from the one figure reader (figures.py): the whole phrase, its value, bounds and unit. Events
come from events.py: clauses that report an occurrence, dated at their precision. Every candidate fits the
model (values within 30 digits and 6 decimals), and a figure carries the period its sentence names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from .scripts import HAN
from .dates import FuzzyDate
from .events import date_of, find_events
from .currencies import text_currency
from .figures import find_figures
from .patterns import FromHeads

FIGURE_KIND, EVENT_KIND = "figure", "event"


@dataclass(frozen=True)
class Candidate:
    """A detected claim: where it is, what it says, normalised."""

    kind: str
    start: int
    end: int
    quote: str
    language: str
    value: Decimal | None = None
    value_low: Decimal | None = None
    value_high: Decimal | None = None
    unit: str = ""
    date: FuzzyDate | None = None
    note: str = ""


# --- Figures -----------------------------------------------------------------------------------------

# What the database holds: 30 digits, 6 of them decimals. Shares like 1/3 are rounded to it.
VALUE_PLACES = Decimal("0.000001")
VALUE_LIMIT = Decimal(10) ** 24


def _stored(value: Decimal | None) -> Decimal | None:
    """`value` as the database can hold it, or None when it cannot be held."""
    if value is None or not value.is_finite() or abs(value) >= VALUE_LIMIT:
        return None
    return value.quantize(VALUE_PLACES, rounding=ROUND_HALF_EVEN).normalize()


def detect_figures(text: str, language_of, ranges: list[tuple[int, int]], currency: str = "CNY",
                   dates: bytearray | None = None, date_of=lambda start, end: None) -> list[Candidate]:
    """Candidate figures in the given ranges of `text`, each with its whole phrase, bounds and unit, and the
    period `date_of(start, end)` says it refers to."""
    found = []
    for figure in find_figures(text, ranges, currency=currency, dates=dates):
        value, low, high = (_stored(v) for v in (figure.value, figure.low, figure.high))
        if value is None or (figure.low is not None and low is None) or (figure.high is not None and high is None):
            continue  # too large to be a count anyone states
        found.append(Candidate(FIGURE_KIND, figure.start, figure.end, text[figure.start:figure.end],
                               language_of(figure.start, figure.end), value=value, value_low=low, value_high=high,
                               unit=figure.unit[:200], date=date_of(figure.start, figure.end)))
    return found


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the earliest, longest of overlapping candidates of a kind."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and kept[-1].kind == candidate.kind and candidate.start < kept[-1].end:
            continue
        kept.append(candidate)
    return kept


# --- Events ------------------------------------------------------------------------------------------


def detect_events(text: str, language_of, ranges: list[tuple[int, int]],
                  published: FuzzyDate | None
                  ) -> tuple[list[Candidate], list, list[tuple[int, int]], list[tuple[int, int]]]:
    """Candidate events in the given ranges (clauses reporting something that happened, with their date),
    the resolved date phrases, to date the figures with, where every date phrase stands, and the sentences."""
    events, phrases, spans, sentences = find_events(text, ranges, published)
    found = [Candidate(EVENT_KIND, e.start, e.end, text[e.start:e.end], language_of(e.start, e.end), date=e.date,
                       note=e.note) for e in events]
    return _without_overlaps(found), phrases, spans, sentences


# Words that sum up a period: a tally, not an occurrence.
TALLY = FromHeads(r"共|累计|累計|总计|總計|合计|合計|全年|以来|以來|同比|环比|按年|\b(?:a total of|in total|in all|"
                   r"altogether|so far|year-on-year|cumulative)\b", re.I)


def _is_a_statistic(event: Candidate, figures: list[Candidate], text: str, sentences: list[tuple[int, int]]) -> bool:
    """A clause that counts over a period ("共破获案件12.6万起" in the first four months, "In 2023 police
    arrested 2,090") states a figure; the figure carries the period, the clause is no event of its own."""
    longer_than_a_month = (event.date.end - event.date.start).days > 31
    sentence_start = next((s for s, e in sentences if s <= event.start < e), event.start)
    return longer_than_a_month and bool(TALLY.search(text, sentence_start, event.end)) \
        and any(event.start <= f.start < event.end for f in figures)


# --- Entry point -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DetectionFailure:
    """Detection failed on one document: why, so that the run reports it and goes on with the others."""

    reason: str


def detect_many(documents, workers: int = 1, chunksize: int = 16):
    """detect() over an iterable of argument tuples, in `workers` processes; results in input order, a
    DetectionFailure in place of the candidates of a document that detection could not read."""
    if workers <= 1:
        yield from (_detect_arguments(arguments) for arguments in documents)
        return
    from multiprocessing import get_context

    with get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(_detect_arguments, documents, chunksize)


def _detect_arguments(arguments):
    try:
        return detect(*arguments)
    except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the run
        return DetectionFailure(f"{type(exc).__name__}: {exc}")


def detect(text: str, languages: list[str], published: FuzzyDate | date | None = None,
           main_ranges: list[list[int]] | None = None,
           duplicate_ranges: list[list[int]] | None = None) -> list[Candidate]:
    """Candidate figures and events of a document's text, outside page chrome and repeated blocks.
    `published` is the document's date: a day, or an interval of known precision."""
    if isinstance(published, date):
        published = FuzzyDate.day(published.year, published.month, published.day)
    ranges = [tuple(r) for r in main_ranges] if main_ranges else [(0, len(text))]
    for dup_start, dup_end, *_ in duplicate_ranges or []:
        ranges = [piece for s, e in ranges for piece in ((s, min(e, dup_start)), (max(s, dup_end), e)) if piece[0] < piece[1]]
    chinese = next((tag for tag in languages if tag.startswith("zh")), "zh-Hans")

    def language_of(start: int, end: int) -> str:
        return chinese if HAN.search(text, start, max(end, start + 12)) else "en"

    events, phrases, spans, sentences = detect_events(text, language_of, ranges, published)
    phrases.sort(key=lambda p: p.start)
    in_dates = bytearray(len(text) + 1)
    for start, end in spans:
        in_dates[start:end] = b"\x01" * (end - start)
    figures = [c for c in detect_figures(text, language_of, ranges, text_currency(text), in_dates,
                                         lambda start, end: date_of(start, end, phrases, sentences))
               if not in_dates[c.start]]  # an approximator inside a date phrase
    candidates = figures + [e for e in events if not _is_a_statistic(e, figures, text, sentences)]
    return sorted(candidates, key=lambda c: (c.start, c.kind))
