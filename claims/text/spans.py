"""Spans of text in Unicode code points: quote, context, and re-anchoring after a text changes."""

from __future__ import annotations

CONTEXT_WIDTH = 32


def context(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> tuple[str, str]:
    """The `width` code points before and after a span, used to find it again if the text is revised."""
    return text[max(0, start - width):start], text[end:end + width]


def reanchor(text: str, quote: str, prefix: str, suffix: str, hint: int = 0) -> int | None:
    """New start of `quote` in a revised `text`, or None when it cannot be placed without doubt.

    The quote must occur; among its occurrences the one whose surrounding text matches the stored
    context best wins, ties broken by nearness to the old position. A quote that occurs several times
    with no context to tell them apart is not placed.
    """
    if not quote:
        return None
    width = max(len(prefix), len(suffix))
    candidates = []  # (context score, distance from the old position, start)
    start = text.find(quote)
    while start != -1:
        before, after = context(text, start, start + len(quote), width)
        score = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        candidates.append((-score, abs(start - hint), start))
        start = text.find(quote, start + 1)
    if not candidates:
        return None
    candidates.sort()
    if len(candidates) > 1 and candidates[0][0] == 0:
        return None  # several occurrences and no context to tell them apart
    return candidates[0][2]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


PARAGRAPH_LIMIT = 600


def paragraph(text: str, start: int, end: int, limit: int = PARAGRAPH_LIMIT) -> tuple[int, int]:
    """Bounds of the paragraph holding the span: from the line break before it to the one after it (the lines
    the span touches), cut to at most `limit` code points on either side of the span."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    return max(left, start - limit), min(right, end + limit)
