"""Read the date in a phrase, in English or Chinese, resolving relative ones against a reference date.

"October 2013" -> 2013-10 (month); "September 23, 2015" -> day; "2013年10月" -> month; "12月1日" and
"In May" take the reference year; "last September", "去年12月", "今年3月", "last year", "this year".
"""

from __future__ import annotations

import re
from datetime import date

from .dates import FuzzyDate

MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"]
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
PATTERNS = [
    # absolute, most specific first
    ("day", re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+{_YEAR}", re.I)),
    ("day", re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH},?\s+{_YEAR}", re.I)),
    ("day", re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]")),
    ("day", re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")),
    ("month", re.compile(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", re.I)),
    ("month", re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月")),
    # relative to the reference date
    ("last-month", re.compile(rf"\blast\s+{_MONTH}", re.I)),
    ("next-month", re.compile(rf"\bnext\s+{_MONTH}", re.I)),
    ("last-year-month", re.compile(r"去年(?P<month>\d{1,2})月")),
    ("this-month", re.compile(r"今年(?P<month>\d{1,2})月")),
    ("day-noyear", re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?!\d|,?\s+\d{{4}})", re.I)),
    ("day-noyear", re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+{_MONTH}(?!,?\s+\d{{4}})", re.I)),
    ("day-noyear", re.compile(r"(?<![\d年])(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]")),
    ("month-noyear", re.compile(rf"\b(?:in|since|by|during|from|until)\s+{_MONTH}(?!\s*,?\s*\d)", re.I)),
    ("month-noyear", re.compile(r"(?<![\d年])(?P<month>\d{1,2})月")),
    ("last-year", re.compile(r"\blast year\b|去年", re.I)),
    ("this-year", re.compile(r"\bthis year\b|今年|本年", re.I)),
    ("year", re.compile(rf"(?<![\d.,])(?P<year>(?:1[89]|20)\d{{2}})(?:年)?(?![\d.,%])")),
]


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTH_NAMES.index(next(m for m in MONTH_NAMES
                                                                       if m.startswith(value.lower()[:3]))) + 1


def parse_date_phrase(phrase: str, reference: date | None = None) -> FuzzyDate | None:
    """The first date in `phrase` (absolute, or relative to `reference`), or None."""
    for kind, pattern in PATTERNS:
        match = pattern.search(phrase)
        if not match:
            continue
        parts = match.groupdict()
        try:
            return _resolve(kind, parts, reference)
        except ValueError:
            continue
    return None


def _resolve(kind: str, parts: dict, reference: date | None) -> FuzzyDate | None:
    month = _month(parts["month"]) if parts.get("month") else None
    if kind == "day":
        return FuzzyDate.day(int(parts["year"]), month, int(parts["day"]))
    if kind == "month":
        return FuzzyDate.month(int(parts["year"]), month)
    if kind == "year":
        return FuzzyDate.year(int(parts["year"]))
    if reference is None:
        return None
    if kind == "last-month":
        # the latest such month before the reference: "last September" said in May 2012 is September 2011
        return FuzzyDate.month(reference.year - (month >= reference.month), month)
    if kind == "last-year-month":
        return FuzzyDate.month(reference.year - 1, month)
    if kind == "next-month":
        return FuzzyDate.month(reference.year + (month <= reference.month), month)
    if kind == "this-month" or kind == "month-noyear":
        return FuzzyDate.month(reference.year, month)
    if kind == "day-noyear":
        return FuzzyDate.day(reference.year, month, int(parts["day"]))
    if kind == "last-year":
        return FuzzyDate.year(reference.year - 1)
    if kind == "this-year":
        return FuzzyDate.year(reference.year)
    return None
