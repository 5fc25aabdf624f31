"""Many phrases found at once: an Aho-Corasick automaton (pyahocorasick) over the text folded once (Latin
letters to lower case, Traditional characters to Simplified, position for position), so that 習近平 finds
习近平 and "Signed" finds "signed". A Latin phrase must stand as words of its own ("US" is not in "USB");
where phrases overlap, the longest wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .chinese import simplified

LATIN = re.compile(r"[A-Za-z0-9]")


def fold(text: str) -> str:
    """The text as phrases are matched: lower case, Simplified characters, the same length."""
    return simplified(text).lower()


class PhraseMatcher:
    """Phrases, each with a value, matched in one pass over a text."""

    def __init__(self, phrases: Iterable[tuple[str, Any]]):
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        self.size = 0
        for phrase, value in phrases:
            key = fold(phrase.strip())
            if len(key) >= 2 or (key and not key.isascii()):
                self.automaton.add_word(key, (value, len(key)))
                self.size += 1
        if self.size:
            self.automaton.make_automaton()

    def find(self, folded: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Any]]:
        """(start, end, value) of each phrase in folded[start:end], the longest where they overlap, in order."""
        if not self.size:
            return []
        end = len(folded) if end is None else end
        hits = []
        for last, (value, length) in self.automaton.iter(folded, start, end):
            first = last - length + 1
            if LATIN.match(folded[first]) and first > 0 and LATIN.match(folded[first - 1]):
                continue
            if LATIN.match(folded[last]) and last + 1 < len(folded) and LATIN.match(folded[last + 1]):
                continue
            hits.append((first, last + 1, value))
        kept: list[tuple[int, int, Any]] = []
        for hit in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
            if not kept or hit[0] >= kept[-1][1]:
                kept.append(hit)
        return kept
