"""Guess a document's title, languages and publication date from its text, where no one has said them."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .datephrases import MONTH, month_number
from .dates import FuzzyDate
from .layout import Layout, is_chrome, split_lines
from .scripts import HAN, LATIN

DATE_PATTERNS = [
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), ("y", "m", "d")),
    (re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日"), ("y", "m", "d")),
    (re.compile(MONTH + r"\s+(\d{1,2}),?\s+(\d{4})", re.I), ("M", "d", "y")),
    (re.compile(r"(?<!\d)(\d{1,2})\s+" + MONTH + r",?\s+(\d{4})", re.I), ("d", "M", "y")),
]
HEADER_CHARS = 600


@lru_cache(maxsize=1)
def converters():
    """OpenCC's Traditional→Simplified and Simplified→Traditional converters, loaded once, on first need."""
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def chinese_script(text: str) -> str:
    """"zh-Hant" when the Han characters are mostly Traditional, else "zh-Hans"."""
    t2s, s2t = converters()
    han = "".join(HAN.findall(text))
    traditional_only = sum(a != b for a, b in zip(han, t2s.convert(han)))
    simplified_only = sum(a != b for a, b in zip(han, s2t.convert(han)))
    return "zh-Hant" if traditional_only > simplified_only else "zh-Hans"


def detect_languages(text: str) -> list[str]:
    """BCP-47 tags of the languages a text is substantially written in, by script: en, zh-Hans, zh-Hant.

    A Han character weighs as much as five Latin letters (about one English word); a script counts when
    it makes up a tenth of the weighted text, or when it is the only one there.
    """
    latin = len(LATIN.findall(text))
    han_chars = HAN.findall(text)
    han = len(han_chars) * 5
    total = latin + han
    if total == 0:
        return []
    tags = []
    if latin and (latin / total >= 0.1 or not han) and latin >= min(200, total):
        tags.append("en")
    if han and (han / total >= 0.1 or not latin) and han >= min(100, total):
        tags.append(chinese_script("".join(han_chars)))
    if not tags:
        tags.append("en" if latin >= han else chinese_script("".join(han_chars)))
    return tags


def detect_title(text: str, layout: Layout | None = None) -> str:
    """The first line that is not page chrome, cut to 500 characters."""
    for line in split_lines(text):
        if layout and layout.main_ranges and line.start < layout.main_ranges[0][0]:
            continue
        if not is_chrome(line.key) and len(line.key) >= 2:
            return line.key[:500]
    return ""


def detect_published(text: str) -> FuzzyDate | None:
    """A publication date plainly stated near the top ("Updated: 2012-05-31", "06:05, September 26, 2015")."""
    header = text[:HEADER_CHARS]
    found: list[tuple[int, date]] = []
    for pattern, order in DATE_PATTERNS:
        for match in pattern.finditer(header):
            parts = dict(zip(order, match.groups()))
            month = month_number(parts["M"]) if "M" in parts else int(parts["m"])
            try:
                found.append((match.start(), date(int(parts["y"]), month, int(parts["d"]))))
            except ValueError:
                continue
    if not found:
        return None
    _, day = min(found)
    return FuzzyDate.day(day.year, day.month, day.day)
