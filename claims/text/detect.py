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
from decimal import Decimal

from .dates import FuzzyDate
from .datephrases import MONTH as _MONTH
from .datephrases import DateContext, dates_in
from .figures import (
    BEFORE_NUMBER, CN_PERCENT, NUMBER_FIRST, ONE_IN, RATIO, RATIO_WORDS, WORD_NUMBERS, chinese_percent,
    normalise_digits, to_decimal,
)

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

STOP_WORDS = {
    "in", "of", "to", "the", "a", "an", "that", "which", "who", "were", "was", "are", "is", "have", "has", "had",
    "and", "or", "with", "from", "by", "for", "as", "on", "at", "across", "within", "around", "through", "into",
    "among", "per", "between", "over", "under", "about", "than", "this", "these", "those", "their", "its", "it",
    "been", "be", "will", "would", "comes", "come", "went", "go", "accounts", "account", "used", "using",
    "last", "next", "each", "every", "a", "year", "years", "quarter", "month", "months", "week", "day", "days",
}
TIME_UNITS = re.compile(r"\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|"
                        r"anniversary)\b|\s*(?:st|nd|rd|th)\b|[A-Za-z]", re.I)
CN_CLASSIFIERS = "个個次项項家名人台起份条條倍部所场場轮輪件篇款种種座架辆輛只隻亿億万萬户戶位批例"
CN_DIGITS = "零〇一二三四五六七八九十百千万萬亿億两兩"
CN_FIGURE = re.compile(rf"(?P<lower>超过|超過|逾|近|将近|將近)?(?P<number>[{CN_DIGITS}]+)(?P<more>多|余|餘)?"
                       rf"(?P<classifier>[{CN_CLASSIFIERS}])(?P<noun>[\u4e00-\u9fff]{{0,2}})")
HAN = re.compile(r"[\u3400-\u9fff]")


def _english_unit(text: str, end: int) -> tuple[str, int]:
    """The counted noun after a number: up to three words, stopping at function words and punctuation."""
    words = []
    position = end
    for match in re.finditer(r"\s*([A-Za-z][A-Za-z'’.-]*)", text[end:end + 80]):
        if match.start() != position - end:
            break
        word = match.group(1).rstrip(".")
        if word.lower() in STOP_WORDS or len(words) == 3:
            break
        words.append(word)
        position = end + match.end() - (len(match.group(1)) - len(word))
    return " ".join(words), position


def _chinese_unit(text: str, end: int) -> tuple[str, int]:
    """A classifier and the noun after it ("台主机", "个国家")."""
    match = re.match(rf"[多余餘]?((?:[美港欧歐日]?元)|[{CN_CLASSIFIERS}])([\u4e00-\u9fff]{{0,2}})", text[end:])
    if not match:
        return "", end
    return match.group(1) + match.group(2), end + match.end()


def _is_not_a_figure(text: str, start: int, end: int) -> bool:
    """Years, dates, times, ordinals, durations, and numbers inside names or codes (4G, W3C, Xiamen-2015)."""
    before, after = text[max(0, start - 2):start], text[end:end + 12]
    number = text[start:end]
    if before[-1:].isalnum() and not HAN.match(before[-1:]) or before[-1:] in "-–/第":
        return True
    if re.match(r"\s*(?:年|月|日|号|時|时|:|：|点|-\d|–\d|/\d|\.\d)", after):
        return True
    if TIME_UNITS.match(after):
        return True
    if re.search(rf"{_MONTH}\s*$", text[max(0, start - 12):start], re.I) or re.match(rf"\s+{_MONTH}\b", after, re.I):
        return True  # the day of a date ("September 23", "29 May")
    plain = number.replace(",", "")
    if re.fullmatch(r"(?:1[5-9]|20)\d{2}", plain) and not re.match(r"\s*(?:%|％|per ?cent|万|亿|million|billion)", after):
        return True  # a year
    return False


def detect_figures(text: str, language_of, ranges: list[tuple[int, int]]) -> list[Candidate]:
    """Candidate figures in the given ranges of `text`."""
    normal = normalise_digits(text)
    found: list[Candidate] = []
    for range_start, range_end in ranges:
        segment = normal[range_start:range_end]
        for match in ONE_IN.finditer(segment):
            a, b = (WORD_NUMBERS.get(x.lower()) or int(x) for x in match.groups())
            start, end = range_start + match.start(), range_start + match.end()
            found.append(Candidate(FIGURE_KIND, start, end, text[start:end], "en", value=Decimal(a) / Decimal(b),
                                   unit="share"))
        for match in RATIO.finditer(segment):
            share, approx = RATIO_WORDS[match["words"].lower()], (match["approx"] or "").strip().lower()
            start, end = range_start + match.start(), range_start + match.end()
            found.append(Candidate(FIGURE_KIND, start, end, text[start:end], "en", value=share,
                                   value_low=share if approx in {"over", "more than"} else None,
                                   value_high=share if approx in {"nearly", "almost"} else None, unit="share"))
        for match in NUMBER_FIRST.finditer(segment):
            start, end = range_start + match.start("number"), range_start + match.end("number")
            if _is_not_a_figure(normal, start, end):
                continue
            try:
                value = to_decimal(match["number"], match["scale"])
            except ValueError:
                continue
            if match["percent"]:
                value /= 100
            before = BEFORE_NUMBER.search(normal, max(range_start, start - 24), start)
            span_start = before.start() if before else start
            lower = bool(before and before["lower"] or match["after_lower"])
            upper = bool(before and before["upper"] or match["after_upper"])
            span_end = range_start + match.end()
            chinese = bool(match["scale"] and HAN.match(match["scale"])) or HAN.match(normal[span_end:span_end + 1] or "a")
            unit, unit_end = ("", span_end) if match["percent"] else (
                _chinese_unit(normal, span_end) if chinese else _english_unit(normal, span_end))
            if not unit and not match["percent"] and not match["scale"] and value < 10 and not lower and not upper:
                continue  # a bare small number says too little to suggest
            found.append(Candidate(FIGURE_KIND, span_start, unit_end, text[span_start:unit_end],
                                   language_of(span_start), value=value, value_low=value if lower else None,
                                   value_high=value if upper else None, unit="percent" if match["percent"] else unit))
        for match in CN_PERCENT.finditer(segment):
            start, end = range_start + match.start(), range_start + match.end()
            found.append(Candidate(FIGURE_KIND, start, end, text[start:end], language_of(start),
                                   value=chinese_percent(match), unit="percent"))
        for match in CN_FIGURE.finditer(segment):
            start = range_start + match.start()
            if text[start - 1:start] == "第" or match["number"] in {"一", "两", "兩"} and not match["more"]:
                continue  # an ordinal, or 一个 "a" and 两国 "the two countries"
            try:
                import cn2an

                value = Decimal(str(cn2an.cn2an(match["number"], "smart")))
            except (ValueError, KeyError):
                continue
            end = range_start + match.end()
            lower = bool(match["more"] or match["lower"] in ("超过", "超過", "逾"))
            upper = match["lower"] in ("近", "将近", "將近")
            found.append(Candidate(FIGURE_KIND, start, end, text[start:end], language_of(start), value=value,
                                   value_low=value if lower else None, value_high=value if upper else None,
                                   unit=match["classifier"] + match["noun"]))
    return _without_overlaps(found)


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


def detect_many(documents, workers: int = 1, chunksize: int = 16):
    """detect() over an iterable of argument tuples, in `workers` processes; results in input order."""
    if workers <= 1:
        yield from (detect(*arguments) for arguments in documents)
        return
    from multiprocessing import get_context

    with get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(_detect_arguments, documents, chunksize)


def _detect_arguments(arguments):
    return detect(*arguments)


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

    candidates = detect_figures(text, language_of, ranges) + detect_events(text, language_of, ranges, published)
    return sorted(candidates, key=lambda c: (c.start, c.kind))
