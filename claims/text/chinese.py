"""Chinese numerals and words: read 一五二万, 二〇八, 近百, 七成, 二成五; segment the words after a number.

Word boundaries come from jieba's dictionary through rjieba (the Rust port: 50x faster than jieba on our
texts, same dictionary); each word's part of speech is jieba's own tag for it. Traditional text is
segmented in its Simplified form (jieba's dictionary is Simplified), position for position.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from decimal import Decimal
from typing import NamedTuple

from .metadata import converters


CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
            "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_TENS = {"廿": 20, "卅": 30}  # 廿七 is 27, in Hong Kong and older writing
CN_SCALE = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CN_NUMERAL_CHARS = "".join(CN_DIGIT) + "".join(CN_UNIT) + "".join(CN_TENS) + "".join(CN_SCALE)
CN_NUMERAL = f"[{CN_NUMERAL_CHARS}]+(?:[点點.．][{''.join(CN_DIGIT)}]+[万萬亿億]?)?"


@functools.lru_cache(maxsize=8192)
def chinese_number(numeral: str) -> Decimal:
    """The value of a Chinese numeral: 七十 -> 70, 一千二百 -> 1200, 三百五 -> 350, 二〇八 -> 208, 三点五 -> 3.5
    (cn2an), and the forms it does not read: 百 -> 100, 一五二万 -> 1520000 (digits one by one before a scale).
    Raise ValueError when it is not a numeral (十四五 names a plan)."""
    import cn2an

    plain = numeral.translate(TO_SIMPLIFIED)
    try:
        return Decimal(str(cn2an.cn2an(plain, "normal")))
    except (ValueError, KeyError, IndexError):
        pass
    if len(plain) > 1 and plain[-1] in "万亿" and "点" in plain:  # 四十六点八亿
        return chinese_number(plain[:-1]) * CN_SCALE[plain[-1]]
    if len(plain) > 1 and plain[0] in "十百千万亿" and not plain.startswith("十"):  # 千万 is 一千万
        return chinese_number("一" + plain)
    if plain in ("十", "百", "千", "万", "亿"):
        return Decimal(CN_UNIT.get(plain) or CN_SCALE[plain])
    head, _, tail = max((plain.rpartition(scale) for scale in "万亿"), key=lambda parts: len(parts[0]))
    if head and len(tail) > 1 and all(ch in CN_DIGIT for ch in tail):  # 一万二四五八: digits after a scale
        return chinese_number(head + plain[len(head)]) + int("".join(str(CN_DIGIT[ch]) for ch in tail))
    digits, scale = plain.rstrip("万亿"), plain[len(plain.rstrip("万亿")):]
    if len(digits) > 1 and scale and all(ch in CN_DIGIT for ch in digits):
        value = Decimal("".join(str(CN_DIGIT[ch]) for ch in digits))
        for ch in scale:
            value *= CN_SCALE[ch]
        return value
    raise ValueError(f"{numeral!r} is not a Chinese numeral")


TO_SIMPLIFIED = str.maketrans({"兩": "两", "萬": "万", "億": "亿", "點": "点", "○": "〇", ".": "点", "．": "点", "餘": "余",
                               "廿": "二十", "卅": "三十"})


def mixed_number(numeral: str) -> Decimal:
    """Arabic digits with Chinese units: 1万2000 -> 12000, 6亿5170万 -> 651700000, 13億5千萬 -> 1350000000."""
    big, mid, small, pending = Decimal(0), Decimal(0), Decimal(0), None
    for token in re.findall(r"\d[\d,]*(?:\.\d+)?|.", numeral.translate(TO_SIMPLIFIED)):
        if token[0].isdigit():
            pending = Decimal(token.replace(",", ""))
        elif token in CN_DIGIT:
            pending = Decimal(CN_DIGIT[token])
        elif token in CN_UNIT:
            small += (pending if pending is not None else 1) * CN_UNIT[token]
            pending = None
        elif token == "万":
            mid += (small + (pending or 0) or 1) * 10**4
            small, pending = Decimal(0), None
        elif token == "亿":
            big += (mid + small + (pending or 0) or 1) * 10**8
            mid, small, pending = Decimal(0), Decimal(0), None
        elif token in "多余":  # 6亿3,000余万: "more than" said before the scale; the bound is the reader's
            continue
        else:
            raise ValueError(f"{numeral!r} is not a number")
    return big + mid + small + (pending or 0)


def tenths(whole: str, part: str | None) -> Decimal:
    """成 reads in tenths: 七成 -> 0.7, 二成五 -> 0.25, 六成半 -> 0.65."""
    hundredths = Decimal(5) if part == "半" else chinese_number(part) if part else Decimal(0)
    return (chinese_number(whole) * 10 + hundredths) / 100


def tag(word: str) -> str:
    """jieba's part-of-speech tag of a word in Simplified characters ('' when its dictionary has none)."""
    return tags().get(word, "")


# --- Words -------------------------------------------------------------------------------------------


@functools.cache
def tags() -> dict[str, str]:
    """jieba's dictionary: word -> part-of-speech tag (n noun, v verb, q classifier, m numeral, ...)."""
    import jieba

    tags = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def simplified(text: str) -> str:
    """`text` in Simplified characters, position for position (unchanged if a conversion would move them)."""
    converted = converters()[0].convert(text)
    return converted if len(converted) == len(text) else text


class Segmentation(NamedTuple):
    """A text's words, in order and end to end: the text in Simplified characters (position for position), and
    each word, where it starts and ends, and jieba's part-of-speech tag for it ('' when its dictionary has none)."""

    plain: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    tags: list[str]

    def starting(self, position: int) -> int | None:
        """The index of the word that starts at `position`, if one does."""
        index = bisect.bisect_left(self.starts, position)
        return index if index < len(self.starts) and self.starts[index] == position else None

    def ends_at(self, position: int) -> bool:
        """Whether a word ends at `position`."""
        index = bisect.bisect_left(self.ends, position)
        return index < len(self.ends) and self.ends[index] == position


@functools.lru_cache(maxsize=4)
def segment(text: str) -> Segmentation:
    """The words of a text; the last few are kept, as event detection asks twice for the same text."""
    import rjieba

    plain = simplified(text)
    tokens = rjieba.tokenize(plain)
    words, starts, ends = (list(column) for column in zip(*tokens)) if tokens else ([], [], [])
    known = tags()
    return Segmentation(plain, words, starts, ends, [known.get(word, "") for word in words])


