"""Read the figure in a phrase: its value and the bounds its approximator sets.

"nearly 47,000" -> 47000, at most 47000; "more than 20.000" -> 20000, at least 20000 (a dot before exactly
three digits is a European thousands separator); "4.86 million" -> 4860000; "890万" -> 8900000;
"70多个" -> 70, at least 70; "47.8%" -> 0.478 (percentages and ratios are stored as fractions).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "千": 10**3, "万": 10**4,
          "萬": 10**4, "亿": 10**8, "億": 10**8}
LOWER_WORDS = r"(?:more than|over|exceeded|exceeding|exceeds|above|at least|upwards of|超过|超過|超|逾|多于)"
UPPER_WORDS = r"(?:nearly|almost|up to|under|less than|fewer than|close to|近|将近|將近|接近|不到|不足)"
LOWER_AFTER = r"(?:多|余|餘|以上|\+)"
UPPER_AFTER = r"(?:以下|以内|以內)"
NUMBER = r"(?P<number>\d{1,3}(?:[,.]\d{3})+(?![\d.,]\d)|\d+(?:\.\d+)?)"
SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|千|万|萬|亿|億))?"
PERCENT = r"(?P<percent>\s*(?:%|％|per ?cent))?"
# The number first: detection scans long texts with this and looks back for an approximator only at numbers.
NUMBER_FIRST = re.compile(
    rf"{NUMBER}{SCALE}(?P<after_lower>{LOWER_AFTER})?(?P<after_upper>{UPPER_AFTER})?{PERCENT}", re.IGNORECASE)
BEFORE_NUMBER = re.compile(rf"(?:(?P<lower>{LOWER_WORDS})|(?P<upper>{UPPER_WORDS}))\s*(?:\$\s*|US\$\s*|USD\s*)?$"
                           rf"|(?:\$\s*|US\$\s*|USD\s*)$", re.IGNORECASE)
FIGURE = re.compile(
    rf"(?P<lower>{LOWER_WORDS}\s*)?(?P<upper>{UPPER_WORDS}\s*)?(?:\$\s*|US\$\s*|USD\s*)?{NUMBER}{SCALE}"
    rf"(?P<after_lower>{LOWER_AFTER})?(?P<after_upper>{UPPER_AFTER})?{PERCENT}",
    re.IGNORECASE,
)
RATIO_WORDS = {"half": Decimal("0.5"), "a third": Decimal(1) / 3, "one third": Decimal(1) / 3,
               "a quarter": Decimal("0.25"), "one quarter": Decimal("0.25")}
RATIO = re.compile(rf"\b(?P<approx>over |more than |nearly |almost |about )?(?P<words>{'|'.join(RATIO_WORDS)})\b",
                   re.I)
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10}
ONE_IN = re.compile(r"\b(one|two|three|\d+) (?:in|out of) (two|three|four|five|six|seven|eight|nine|ten|\d+)\b", re.I)


@dataclass(frozen=True)
class Figure:
    """A value with the bounds its wording sets (None where the wording sets none)."""

    value: Decimal
    low: Decimal | None = None
    high: Decimal | None = None


FULL_WIDTH = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFF01, 0xFF5F)}


def normalise_digits(text: str) -> str:
    """Full-width digits and signs to ASCII, keeping the length (each maps to one character)."""
    return text.translate(FULL_WIDTH)


def to_decimal(number: str, scale: str | None = None) -> Decimal:
    """'47,000' -> 47000, '20.000' -> 20000 (European separator), '4.86' with 'million' -> 4860000."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number) and not scale:
        number = number.replace(".", "")
    number = number.replace(",", "")
    try:
        value = Decimal(number)
    except InvalidOperation:
        raise ValueError(f"{number!r} is not a number") from None
    return value * SCALES[scale.lower()] if scale else value


CN_PERCENT = re.compile(r"百分之(?P<number>\d+(?:\.\d+)?|[零〇一二三四五六七八九十百点點]+)")


def chinese_percent(match: re.Match) -> Decimal:
    """百分之四十七点八 -> 0.478."""
    number = match["number"]
    if not number[0].isdigit():
        import cn2an

        number = str(cn2an.cn2an(number.replace("點", "点"), "smart"))
    return Decimal(number) / 100


def parse_figure(phrase: str) -> Figure | None:
    """The first figure in `phrase` with its bounds, or None."""
    text = normalise_digits(phrase)
    percent = CN_PERCENT.search(text)
    if percent:
        return Figure(chinese_percent(percent))
    ratio = ONE_IN.search(text)
    if ratio:
        a, b = (WORD_NUMBERS.get(x.lower()) or int(x) for x in ratio.groups())
        return Figure(Decimal(a) / Decimal(b))
    bounded = RATIO.search(text)
    if bounded:
        share, approximator = RATIO_WORDS[bounded["words"].lower()], (bounded["approx"] or "").strip().lower()
        return Figure(share, low=share if approximator in {"over", "more than"} else None,
                      high=share if approximator in {"nearly", "almost"} else None)
    match = FIGURE.search(text)
    if not match:
        return None
    value = to_decimal(match["number"], match["scale"])
    if match["percent"]:
        value = value / 100
    lower = bool(match["lower"] or match["after_lower"])
    upper = bool(match["upper"] or match["after_upper"])
    return Figure(value, low=value if lower else None, high=value if upper else None)
