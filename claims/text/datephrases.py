"""Read dates in English and Chinese text, resolving relative ones against a reference date and the
running context of the text.

"October 2013" -> 2013-10 (month); "September 23, 2015" -> day; "2013年10月" -> month; "12月1日" and
"In May" take the year of the text around them (or, with none yet, the latest such month up to the
reference); "last September", "去年12月", "今年3月", "last year", "this year"; "in the same month", 同月.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import FuzzyDate

MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"]
MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH = MONTH


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTH_NAMES.index(next(m for m in MONTH_NAMES
                                                                       if m.startswith(value.lower()[:3]))) + 1


_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
DATE_PATTERNS = [
    ("day", re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+{_YEAR}", re.I)),
    ("day", re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+{_MONTH},?\s+{_YEAR}", re.I)),
    ("day", re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]")),
    ("month", re.compile(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", re.I)),
    ("month", re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月")),
    ("since-year", re.compile(rf"(?:since|自)\s*{_YEAR}年?(?:以来|以來)?", re.I)),
    ("year", re.compile(r"(?:\bin\s+|(?<![\d至到\-–]))(?P<year>(?:19|20)\d{2})年(?![\d至到\-–])")),
    ("year", re.compile(rf"\b(?:in|since|during|by the end of)\s+{_YEAR}\b(?![-–/]\d)", re.I)),
    ("same-month", re.compile(r"\b(?:in\s+)?the same month\b|同月", re.I)),
    ("last-month", re.compile(rf"\blast\s+{_MONTH}", re.I)),
    ("last-year-month", re.compile(r"去年(?P<month>\d{1,2})月")),
    ("this-month", re.compile(r"今年(?P<month>\d{1,2})月")),
    ("this-month", re.compile(rf"\bin\s+{_MONTH}\s+of\s+this\s+year\b", re.I)),
    ("day-noyear", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\b(?!,?\s*\d{{4}})", re.I)),
    ("day-noyear", re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+{_MONTH}\b(?!,?\s*\d{{4}})", re.I)),
    ("day-noyear", re.compile(r"(?<![\d年])(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]")),
    ("month-noyear", re.compile(rf"\b(?:in|since|during)\s+{_MONTH}\b(?!\s*,?\s*\d)", re.I)),
    ("month-noyear", re.compile(r"(?<![\d年])(?P<month>\d{1,2})月(?!\d|份?[\d日号])")),
    ("last-year", re.compile(r"\blast year\b|去年(?!\d)", re.I)),
    ("this-year", re.compile(r"\bthis year\b|今年(?!\d)", re.I)),
]

class DateContext:
    """The running date context of a text: the last year and month that dated something in it, and the
    publication date (an interval: a text dated only "2014" may speak of any month of 2014)."""

    def __init__(self, published: FuzzyDate | None):
        self.published = published.start if published else None
        self.latest = published.end if published else None
        self.year: int | None = None  # from the text itself
        self.month: int | None = None
        self.last: FuzzyDate | None = None

    def resolve(self, kind: str, parts: dict) -> FuzzyDate | None:
        month = _month(parts["month"]) if parts.get("month") else None
        year = int(parts["year"]) if parts.get("year") else None
        reference = self.published
        if kind == "day":
            result = FuzzyDate.day(year, month, int(parts["day"]))
        elif kind == "month":
            result = FuzzyDate.month(year, month)
        elif kind == "year":
            result = FuzzyDate.year(year)
        elif kind == "since-year":
            last = reference.year if reference and reference.year >= year else year
            result = FuzzyDate(date(year, 1, 1), date(last, 12, 31), "year")
        elif kind == "same-month":
            result = self.last if self.last and self.last.precision in ("month", "day") else None
            if result and result.precision == "day":
                result = FuzzyDate.month(result.start.year, result.start.month)
        elif reference is None:
            return None
        elif kind == "last-month":
            result = FuzzyDate.month(reference.year - (month >= reference.month), month)
        elif kind == "last-year-month":
            result = FuzzyDate.month(reference.year - 1, month)
        elif kind == "this-month":
            result = FuzzyDate.month(reference.year, month)
        elif kind in ("month-noyear", "day-noyear"):
            if self.year is None:  # no year in the text yet: the latest such month up to publication
                year = self.latest.year - (month > self.latest.month)
            else:
                year = self.year + (self.month is not None and month < self.month)  # "October ... In May"
            result = FuzzyDate.month(year, month) if kind == "month-noyear" else FuzzyDate.day(year, month,
                                                                                              int(parts["day"]))
        elif kind == "last-year":
            result = FuzzyDate.year(reference.year - 1)
        elif kind == "this-year":
            result = FuzzyDate.year(reference.year)
        else:
            return None
        if result is not None and kind not in ("last-year", "this-year", "since-year"):
            self.year = result.start.year
            self.month = result.start.month if result.precision in ("month", "day") else None
            self.last = result
        return result



# Without one of these there is no date to look for: a year, a month's name, 月 or 年, a relative phrase.
DATE_HINT = re.compile(r"(?:1[89]|20)\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|月|年|same month|"
                       r"last year|this year", re.I)


def dates_in(text: str) -> list[tuple[str, int, int, dict]]:
    """Date phrases in a clause, by position; where patterns overlap, the more specific (listed first) wins."""
    if not DATE_HINT.search(text):
        return []
    taken = bytearray(len(text) + 1)
    hits: list[tuple[int, int, str, dict]] = []
    for kind, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                hits.append((start, end, kind, match.groupdict()))
    return [(kind, s, e, parts) for s, e, kind, parts in sorted(hits)]



def parse_date_phrase(phrase: str, reference: date | None = None) -> FuzzyDate | None:
    """The first date in `phrase` (absolute, or relative to `reference`), or None; a bare year counts."""
    context = DateContext(FuzzyDate.day(reference.year, reference.month, reference.day) if reference else None)
    for kind, _, _, parts in dates_in(phrase):
        try:
            resolved = context.resolve(kind, parts)
        except (ValueError, StopIteration):
            continue
        if resolved is not None:
            return resolved
    bare_year = re.search(r"(?<![\d.,])((?:1[89]|20)\d{2})(?![\d.,%])", phrase)
    return FuzzyDate.year(int(bare_year.group(1))) if bare_year else None
