"""Detect candidate figures and events in English and Chinese text (no Django: fast to test and reuse).

Figures: digits with separators, decimals with scale words, 万 and 亿, Chinese numerals with a classifier,
full-width digits, percentages and ratios, with the bounds their approximators set; the unit is the
counted noun or the classifier phrase. Years, dates, ordinals and durations are not figures.

Events: absolute and relative dates resolved against the published date and the running context (a
month without a year takes the year of the text around it; "in the same month" and 同月 the month
before), and clauses that report an event without a date of their own after a dated one in the same
sentence ("...; the eighth forum was held in Seattle").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from .dates import FuzzyDate
from .datephrases import MONTH as _MONTH
from .datephrases import DateContext, dates_in
from .figures import find_figures, text_currency

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

HAN = re.compile(r"[\u3400-\u9fff]")
# What the database holds: 30 digits, 6 of them decimals. Shares like 1/3 are rounded to it.
VALUE_PLACES = Decimal("0.000001")
VALUE_LIMIT = Decimal(10) ** 24


def _stored(value: Decimal | None) -> Decimal | None:
    """`value` as the database can hold it, or None when it cannot be held."""
    if value is None or not value.is_finite() or abs(value) >= VALUE_LIMIT:
        return None
    return value.quantize(VALUE_PLACES, rounding=ROUND_HALF_EVEN).normalize()


def detect_figures(text: str, language_of, ranges: list[tuple[int, int]], currency: str = "CNY") -> list[Candidate]:
    """Candidate figures in the given ranges of `text`, each with its whole phrase, bounds and unit."""
    found = []
    for figure in find_figures(text, ranges, currency=currency):
        value, low, high = (_stored(v) for v in (figure.value, figure.low, figure.high))
        if value is None or (figure.low is not None and low is None) or (figure.high is not None and high is None):
            continue  # too large to be a count anyone states
        found.append(Candidate(FIGURE_KIND, figure.start, figure.end, text[figure.start:figure.end],
                               language_of(figure.start), value=value, value_low=low, value_high=high,
                               unit=figure.unit[:200]))
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

EVENT_VERBS = re.compile(
    r"\b(?:held|opened|signed|launched|established|founded|issued|adopted|published|promulgated|announced|"
    r"sponsored|convened|attended|met|visited|released)\b|召开|召開|举行|舉行|开幕|開幕|签署|簽署|启动|啟動|"
    r"成立|发布|發布|出台|举办|舉辦|会晤|會晤", re.I)
CLAUSE_BREAK = re.compile(r"[;；]")
SENTENCE_BREAK = re.compile(r"(?<=[!?。！？])\s*|(?<=\.)\s+(?=[A-Z\"“(])|\n+")


def detect_events(text: str, language_of, ranges: list[tuple[int, int]],
                  published: FuzzyDate | None) -> list[Candidate]:
    """Candidate events in the given ranges: dated phrases, and undated event clauses after dated ones."""
    found: list[Candidate] = []
    for range_start, range_end in ranges:
        context = DateContext(published)
        segment = text[range_start:range_end]
        for sentence in _spans(SENTENCE_BREAK, segment):
            sentence_date = None
            for clause_start, clause_end in _clause_spans(segment, *sentence):
                clause = segment[clause_start:clause_end]
                dated = [(kind, clause_start + s, clause_start + e, parts) for kind, s, e, parts in dates_in(clause)]
                needs_verb = sentence_date is not None or any(k in ("last-year", "this-year") for k, *_ in dated)
                verb = EVENT_VERBS.search(clause) if needs_verb else None
                for kind, start, end, parts in dated:
                    if kind in ("last-year", "this-year") and not verb:
                        context.resolve(kind, parts)
                        continue  # "a survey last year": it dates the figures around it, it is no event
                    try:
                        resolved = context.resolve(kind, parts)
                    except (ValueError, StopIteration):
                        continue
                    if resolved is None:
                        continue
                    sentence_date = resolved
                    s, e = range_start + start, range_start + end
                    found.append(Candidate(EVENT_KIND, s, e, text[s:e], language_of(s), date=resolved))
                if not dated and verb and sentence_date is not None:
                    s = range_start + clause_start + (len(clause) - len(clause.lstrip()))
                    e = range_start + clause_start + len(clause.rstrip())
                    found.append(Candidate(EVENT_KIND, s, e, text[s:e], language_of(s), date=sentence_date,
                                           note="No date of its own: dated by the clause before it."))
    return _without_overlaps(found)


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in pattern.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + s, start + e) for s, e in _spans(CLAUSE_BREAK, text[start:end])]


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

    def language_of(offset: int) -> str:
        return chinese if HAN.search(text[offset:offset + 12]) else "en"

    candidates = detect_figures(text, language_of, ranges, text_currency(text)) + detect_events(text, language_of, ranges, published)
    return sorted(candidates, key=lambda c: (c.start, c.kind))
