"""Dates of known precision, stored as the interval they denote: "2013-10" is 2013-10-01..2013-10-31."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

DAY, MONTH, YEAR = "day", "month", "year"
PRECISIONS = (DAY, MONTH, YEAR)

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True)
class FuzzyDate:
    """A date interval with the precision its bounds are known to (a day, a month, a year, or a run of them)."""

    start: date
    end: date
    precision: str

    @classmethod
    def day(cls, year: int, month: int, day: int) -> FuzzyDate:
        d = date(year, month, day)
        return cls(d, d, DAY)

    @classmethod
    def month(cls, year: int, month: int) -> FuzzyDate:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), MONTH)

    @classmethod
    def year(cls, year: int) -> FuzzyDate:
        return cls(date(year, 1, 1), date(year, 12, 31), YEAR)

    @classmethod
    def parse(cls, value: str) -> FuzzyDate:
        """Parse "2019", "2019-08" or "2019-08-05"; raise ValueError with a readable message otherwise."""
        match = _ISO.match(value.strip())
        if not match:
            raise ValueError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            if day is not None:
                return cls.day(year, month, day)
            if month is not None:
                return cls.month(year, month)
            return cls.year(year)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a valid date ({exc})") from None

    def __post_init__(self) -> None:
        problem = interval_problem(self.start, self.end, self.precision)
        if problem:
            raise ValueError(problem)

    def isoformat(self) -> str:
        """ISO 8601 cut to the precision; an interval of several units as "start/end" ("2011/2014")."""
        return format_interval(self.start, self.end, self.precision)


def _cut(d: date, precision: str) -> str:
    if precision == YEAR:
        return f"{d.year:04d}"
    if precision == MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def unit_end(d: date, precision: str) -> date:
    """Last day of the day, month or year that starts at or contains `d`."""
    if precision == YEAR:
        return date(d.year, 12, 31)
    if precision == MONTH:
        return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d


@lru_cache(maxsize=4096)  # a page of claims shows few dates many times; each is worked out once
def format_interval(start: date | None, end: date | None, precision: str) -> str | None:
    """ISO string for a stored interval, or None when the date is unknown."""
    if start is None or not precision:
        return None
    if end is None or end == unit_end(start, precision):
        return _cut(start, precision)
    return f"{_cut(start, precision)}/{_cut(end, precision)}"


def interval_problem(start: date | None, end: date | None, precision: str) -> str | None:
    """Why (start, end, precision) is not a well-formed interval, or None when it is."""
    if start is None and end is None and not precision:
        return None
    if start is None or end is None or not precision:
        return "a date needs its start, end and precision together"
    if precision not in PRECISIONS:
        return f"unknown date precision {precision!r}"
    if start > end:
        return "the date interval ends before it starts"
    if precision in (MONTH, YEAR) and start.day != 1:
        return f"a date of {precision} precision must start on the first day of a {precision}"
    if precision == YEAR and start.month != 1:
        return "a date of year precision must start on 1 January"
    if end != unit_end(end, precision):
        return f"a date of {precision} precision must end on the last day of a {precision}"
    return None
