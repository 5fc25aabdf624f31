"""The forms texts are matched in: full-width ASCII made half-width, and lower case, both keeping every
position (one character for one), so that a match's offsets are the original text's."""

from __future__ import annotations

import re
import unicodedata

HALF_WIDTH = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFF01, 0xFF5F)}
FULL_WIDTH_RUN = re.compile("[\uff01-\uff5e]+")
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def half_width(text: str) -> str:
    """Full-width digits, letters and signs (１０月, ９％, （）) as ASCII."""
    # Only the runs are translated: a Chinese text's full-width punctuation is a small part of it.
    return FULL_WIDTH_RUN.sub(lambda match: match.group().translate(HALF_WIDTH), text)


def lower_case(text: str) -> str:
    """The text in lower case, position for position."""
    lower = text.lower()
    # A few letters lower to two characters (İ); then only ASCII is lowered, which keeps the positions.
    return lower if len(lower) == len(text) else text.translate(ASCII_LOWER)
