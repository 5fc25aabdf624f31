"""Find the registry's actors in a text by any of their names, in either Chinese script, and tell who speaks.

All names are matched at once (phrases.PhraseMatcher); where names overlap the longest wins ("Ministry of
Public Security of China" over "China").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .phrases import PhraseMatcher, fold

# The one who says: "X said", "according to X", X表示, X称, X指出.
SPEECH_AFTER = re.compile(r"\W{0,3}(?:has |had |also |further )?(?:said|says|stated|told|announced|added|noted|"
                          r"warned|reported|confirmed|explained|estimated|claimed|argued)\b|[^，。,.]{0,6}?(?:表示|称|稱|"
                          r"指出|说|說|介绍|介紹|透露|强调|強調|宣布|宣佈|公布|公佈|通报|通報)", re.I)
SPEECH_BEFORE = re.compile(r"(?:according to|said|says|told by|data from|figures from|statistics from)\s+(?:the\s+)?$|"
                           r"(?:据|據|根据|根據)$", re.I)


@dataclass(frozen=True)
class Mention:
    """An actor named in a text: which, where, and whether the sentence has it speaking."""

    actor: int
    start: int
    end: int
    speaks: bool = False


class ActorMatcher:
    """Every name of every actor, matched at once."""

    def __init__(self, names: Iterable[tuple[int, str]]):
        self.phrases = PhraseMatcher((name, actor) for actor, name in names)

    def find(self, text: str, start: int = 0, end: int | None = None, folded: str | None = None) -> list[Mention]:
        """The actors named in text[start:end], the longest name wherever names overlap, in text order."""
        folded = fold(text) if folded is None else folded
        return [Mention(actor, first, stop,
                        bool(SPEECH_AFTER.match(text, stop, stop + 24)
                             or SPEECH_BEFORE.search(text[max(0, first - 20):first])))
                for first, stop, actor in self.phrases.find(folded, start, end)]
