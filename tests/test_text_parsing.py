"""Reading figures and dates from phrases, in English and Chinese."""

from datetime import date
from decimal import Decimal

import pytest

from claims.text.datephrases import parse_date_phrase
from claims.text.figures import parse_figure


@pytest.mark.parametrize("phrase, value, low, high", [
    ("nearly 47,000 IP addresses", "47000", None, "47000"),
    ("more than 20.000 websites", "20000", "20000", None),
    ("backdoors were implanted into 18.000 websites", "18000", None, None),
    ("almost 8.9 million computers", "8900000", None, "8900000"),
    ("reached 4.86 million", "4860000", None, None),
    ("nearly $ 500 billion", "500000000000", None, "500000000000"),
    ("890万台", "8900000", None, None),
    ("4.9万", "49000", None, None),
    ("1.2亿", "120000000", None, None),
    ("70多个国家", "70", "70", None),
    ("超过600万", "6000000", "6000000", None),
    ("近5000个", "5000", None, "5000"),
    ("１２３４５", "12345", None, None),
    ("47.8%", "0.478", None, None),
    ("62.1 percent", "0.621", None, None),
    ("one in five comes from China", "0.2", None, None),
    ("over half of all their investments", "0.5", "0.5", None),
])
def test_figures(phrase, value, low, high):
    figure = parse_figure(phrase)
    assert figure.value == Decimal(value)
    assert figure.low == (Decimal(low) if low else None)
    assert figure.high == (Decimal(high) if high else None)


def test_no_figure():
    assert parse_figure("the dialogue mechanism") is None


REFERENCE = date(2012, 5, 31)


@pytest.mark.parametrize("phrase, iso, precision", [
    ("October 2013, ICANN", "2013-10", "month"),
    ("on September 23, 2015.", "2015-09-23", "day"),
    ("on 29 May 2014", "2014-05-29", "day"),
    ("2013年10月,ICANN", "2013-10", "month"),
    ("2015年9月26日", "2015-09-26", "day"),
    ("12月1日,國務委員", "2011-12-01", "day"),  # the latest 1 December up to the reference
    ("In May, the new EU", "2012-05", "month"),
    ("to the United Nations last September", "2011-09", "month"),
    ("去年12月,中国出台", "2011-12", "month"),
    ("在今年3月发布的", "2012-03", "month"),
    ("A survey last year indicates", "2011", "year"),
    ("自2011年以来", "2011/2012", "year"),  # since 2011, up to the reference year
])
def test_dates(phrase, iso, precision):
    fuzzy = parse_date_phrase(phrase, REFERENCE)
    assert (fuzzy.isoformat(), fuzzy.precision) == (iso, precision)


def test_relative_dates_need_a_reference():
    assert parse_date_phrase("last September") is None
    assert parse_date_phrase("nothing dated here", REFERENCE) is None
