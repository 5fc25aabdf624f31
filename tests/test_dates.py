"""Dates of known precision: parsing, intervals, ISO output."""

from datetime import date

import pytest

from claims.text.dates import FuzzyDate, format_interval, interval_problem


@pytest.mark.parametrize("text, start, end, precision, iso", [
    ("2019", date(2019, 1, 1), date(2019, 12, 31), "year", "2019"),
    ("2019-08", date(2019, 8, 1), date(2019, 8, 31), "month", "2019-08"),
    ("2012-02", date(2012, 2, 1), date(2012, 2, 29), "month", "2012-02"),
    ("2019-08-05", date(2019, 8, 5), date(2019, 8, 5), "day", "2019-08-05"),
])
def test_parse(text, start, end, precision, iso):
    fuzzy = FuzzyDate.parse(text)
    assert (fuzzy.start, fuzzy.end, fuzzy.precision) == (start, end, precision)
    assert fuzzy.isoformat() == iso


@pytest.mark.parametrize("text", ["", "19", "2019-13", "2019-02-30", "last year", "2019/08"])
def test_parse_refuses_with_a_readable_message(text):
    with pytest.raises(ValueError, match="date"):
        FuzzyDate.parse(text)


def test_a_run_of_years_is_formatted_as_an_interval():
    assert format_interval(date(2011, 1, 1), date(2014, 12, 31), "year") == "2011/2014"
    assert format_interval(None, None, "") is None


def test_misaligned_intervals_are_named():
    assert "first day" in interval_problem(date(2013, 10, 2), date(2013, 10, 31), "month")
    assert "together" in interval_problem(date(2013, 10, 1), None, "month")
    assert interval_problem(None, None, "") is None
