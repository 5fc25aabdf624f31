"""Regular expressions tried only where they can match: the same matches, in less time."""

from __future__ import annotations

import re
from re import _constants as sre, _parser as sre_parse  # the re module's own parser: a pattern's width


class AtEnd:
    """A pattern anchored at the end ($) whose matches are a few characters long: `search(text)` tries only the
    positions where such a match can start, near the end ($ also matches before a final newline), instead of
    every position of the text. Lookbehinds and \\b still see the characters before, so the match is
    pattern.search(text)'s."""

    def __init__(self, pattern: str | re.Pattern, flags: int = 0):
        self.pattern = re.compile(pattern, flags)
        parsed = sre_parse.parse(self.pattern.pattern, self.pattern.flags)
        if parsed.data[-1] != (sre.AT, sre.AT_END):
            raise ValueError(f"{self.pattern.pattern!r} is not anchored at the end in every alternative")
        self.reach = parsed.getwidth()[1] + 1  # the longest match, and the final newline $ may stand before
        if self.reach > 100:
            raise ValueError(f"{self.pattern.pattern!r} matches too long a text to gain from AtEnd")

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text, max(0, len(text) - self.reach))


# How far a match's beginning is spelled out: three characters or classes, in sixteen ways at most (a search
# for more ways, or for single letters, costs more than it saves).
HEAD_LENGTH, HEADS = 3, 16


def _class(members) -> str | None:
    """A parsed character class as a regular expression, if it holds only characters, ranges and digits."""
    parts = []
    for kind, value in members:
        if kind is sre.LITERAL:
            parts.append(re.escape(chr(value)))
        elif kind is sre.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            parts.append(r"\d")
        else:
            return None
    return f"[{''.join(parts)}]"


def _heads(items) -> list[tuple[tuple[str, ...], bool]]:
    """How a match of the parsed `items` can begin: each way a tuple of characters and classes (f, r, o, m;
    [\\d]; [上下本]), one of which matches where any match does, with whether what follows the items may still
    extend it. ((), True): the items can match nothing. Zero-width items (lookarounds, \\b) are passed over:
    they narrow where a match begins, never widen it."""
    heads: list[tuple[tuple[str, ...], bool]] = [((), True)]
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            inner = [((re.escape(chr(av)),), True)]
        elif op is sre.IN and _class(av):
            inner = [((_class(av),), True)]
        elif op is sre.SUBPATTERN and not av[1] & re.I:
            inner = _heads(av[3].data)
        elif op is sre.BRANCH:
            inner = [head for branch in av[1] for head in _heads(branch.data)]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            once = [(head, open_ and not head) for head, open_ in _heads(av[2].data)]  # then it may repeat
            inner = once + ([((), True)] if av[0] == 0 else [])
        else:
            inner = [((), False)]  # any character, a negated class, a case-insensitive group: the head ends
        heads = list(dict.fromkeys(
            (head + more, more_open and len(head + more) < HEAD_LENGTH) if open_ else (head, False)
            for head, open_ in heads for more, more_open in (inner if open_ else [((), False)])))
        if len(heads) > HEADS:  # too many ways: their first characters only
            heads = list(dict.fromkeys((head[:1], False) for head, _ in heads))
        if not any(open_ for _, open_ in heads):
            break
    return heads


class FromHeads:
    """A pattern whose matches can only begin in a few ways ("from", "between", a month's name, a digit, 月):
    `finditer(text)` lets a search for those beginnings jump ahead, and tries the pattern only where one stands,
    instead of at every position. Every match begins so, and re tries a position the same way whether it
    searches or matches there, so the matches are pattern.finditer(text)'s. `heads` is that search: for the
    characters a match can begin with (re scans for a set of characters fast), looking back from each to try
    the pattern there, so that a position where it fails costs no step in Python, only one where it matches."""

    def __init__(self, pattern: str | re.Pattern, flags: int = 0):
        self.pattern = re.compile(pattern, flags)
        heads = [head for head, _ in _heads(sre_parse.parse(self.pattern.pattern, self.pattern.flags).data)]
        if () in heads or len(heads) > HEADS:
            raise ValueError(f"{self.pattern.pattern!r} may begin anywhere, or match nothing")
        if self.pattern.flags & re.I and any(ch.lower() != ch.upper() for head in heads for atom in head
                                             for ch in atom.replace(r"\d", "")):
            raise ValueError(f"{self.pattern.pattern!r} ignores case and may begin with a letter")
        if any(len(head) == 1 and head[0].isascii() and head[0].isalpha() for head in heads):
            raise ValueError(f"{self.pattern.pattern!r} may begin with a letter: that stops at most positions of "
                             "English text, where re's own scan is faster")
        firsts = "".join(dict.fromkeys(head[0][1:-1] if head[0].startswith("[") else head[0] for head in heads))
        body = self.pattern.pattern + ("\n" if self.pattern.flags & re.X else "")  # a verbose comment ends there
        try:
            self.heads = re.compile(f"[{firsts}](?<=(?=(?:{body}))(?s:.))", self.pattern.flags)
        except re.error as error:  # a flag inside the pattern, say, which must come first
            raise ValueError(f"{self.pattern.pattern!r} cannot be looked back at: {error}") from None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        position, end = start, len(text) if end is None else end
        while head := self.heads.search(text, position, end):
            match = self.pattern.match(text, head.start(), end)
            yield match
            position = match.end()
