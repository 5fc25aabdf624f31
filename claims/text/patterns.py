"""Regular expressions tried only where they can match: the same matches, in less time."""

from __future__ import annotations

import re
from re import _constants as sre, _parser as sre_parse  # the re module's own parser: a pattern's width


class AtEnd:
    """A pattern anchored at the end ($) whose matches are a few characters long: `search(text)` tries only the
    positions where such a match can start, near the end ($ also matches before a final newline), and of those
    only where a character it can begin with stands (see _looking_back), instead of every position of the text.
    Lookbehinds and \\b still see the characters before, so the match is pattern.search(text)'s."""

    def __init__(self, pattern: str | re.Pattern, flags: int = 0):
        self.pattern = re.compile(pattern, flags)
        parsed = sre_parse.parse(self.pattern.pattern, self.pattern.flags)
        if parsed.data[-1] != (sre.AT, sre.AT_END):
            raise ValueError(f"{self.pattern.pattern!r} is not anchored at the end in every alternative")
        self.reach = parsed.getwidth()[1] + 1  # the longest match, and the final newline $ may stand before
        if self.reach > 100:
            raise ValueError(f"{self.pattern.pattern!r} matches too long a text to gain from AtEnd")
        try:
            self.heads: re.Pattern | None = _looking_back(self.pattern)  # of those positions, where one can begin
        except ValueError:
            self.heads = None

    def search(self, text: str) -> re.Match | None:
        position = max(0, len(text) - self.reach)
        if self.heads is None:
            return self.pattern.search(text, position)
        head = self.heads.search(text, position)
        return self.pattern.match(text, head.start()) if head else None


def _class(members) -> str | None:
    """A parsed character class as a regular expression, if it holds only characters, ranges, digits and spaces."""
    parts = []
    for kind, value in members:
        if kind is sre.LITERAL:
            parts.append(re.escape(chr(value)))
        elif kind is sre.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is sre.CATEGORY and value in (sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE):
            parts.append(r"\d" if value is sre.CATEGORY_DIGIT else r"\s")
        else:
            return None
    return "".join(parts)


def _first(items) -> tuple[list[str] | None, bool]:
    """The characters and classes a match of the parsed `items` can begin with (f, [\\d], [上下本]; None when it
    may begin with any character, a negated class or in a case-insensitive group), and whether the items can
    match nothing, so that what follows them may begin it too. Zero-width items (lookarounds, \\b) are passed
    over: they narrow where a match begins, never widen it."""
    firsts: list[str] = []
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            inner, empty = [re.escape(chr(av))], False
        elif op is sre.IN:
            inner, empty = ([_class(av)] if _class(av) else None), False
        elif op is sre.SUBPATTERN and not av[1] & re.I:
            inner, empty = _first(av[3].data)
        elif op is sre.BRANCH:
            branches = [_first(branch.data) for branch in av[1]]
            inner = None if any(f is None for f, _ in branches) else [atom for f, _ in branches for atom in f]
            empty = any(e for _, e in branches)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner, empty = _first(av[2].data)
            empty = empty or av[0] == 0
        else:
            inner, empty = None, False
        if inner is None:
            return None, False
        firsts += inner
        if not empty:
            return firsts, False
    return firsts, True


def _looking_back(pattern: re.Pattern) -> re.Pattern:
    """A search for the characters a match of `pattern` can begin with (re scans for a set of characters fast)
    that, looking back from each, tries the pattern there, all inside re: a position where it fails costs no step
    in Python, every other position no try at all. It finds where pattern.search finds a match, as re tries a
    position the same way whether it searches or matches there. ValueError when the pattern may begin anywhere."""
    firsts, empty = _first(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if firsts is None or empty:
        raise ValueError(f"{pattern.pattern!r} may begin anywhere, or match nothing")
    body = pattern.pattern + ("\n" if pattern.flags & re.X else "")  # a verbose comment ends there
    try:  # compiled with the pattern's flags: ignoring case, the characters do too
        return re.compile(f"[{''.join(dict.fromkeys(firsts))}](?<=(?=(?:{body}))(?s:.))", pattern.flags)
    except re.error as error:  # a backreference, say, which a lookbehind cannot hold
        raise ValueError(f"{pattern.pattern!r} cannot be looked back at: {error}") from None


class FromHeads:
    """A pattern whose matches can only begin with a few characters ("from", "between", a month's name, a digit,
    月): `finditer(text)` and `search(text)` look for those characters and try the pattern only where one stands
    (see _looking_back), instead of at every position; the matches are pattern.finditer(text)'s and
    pattern.search(text)'s. `heads` is that search."""

    def __init__(self, pattern: str | re.Pattern, flags: int = 0):
        self.pattern = re.compile(pattern, flags)
        self.heads = _looking_back(self.pattern)

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        end = len(text) if end is None else end
        head = self.heads.search(text, start, end)
        return self.pattern.match(text, head.start(), end) if head else None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        position, end = start, len(text) if end is None else end
        while head := self.heads.search(text, position, end):
            match = self.pattern.match(text, head.start(), end)
            yield match
            position = match.end()
