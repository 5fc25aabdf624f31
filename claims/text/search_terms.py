"""Search terms for English and Chinese: Han runs become character bigrams, in both scripts.

PostgreSQL has no Chinese parser, so the stored search vector holds the overlapping bigrams of each run
of Han characters (a database function makes the same bigrams; a test holds the two equal), and a query
is turned into the same bigrams for its Simplified and its Traditional form, so that 网络安全 finds
網絡安全 and the reverse. claims/search.py filters querysets with these terms.
"""

from __future__ import annotations

import re

from .metadata import converters
from .scripts import SEARCH_INDEXED_HAN

HAN_RUN = re.compile(f"[{SEARCH_INDEXED_HAN}]+")


def script_variants(text: str) -> list[str]:
    """The text as given, in Simplified and in Traditional characters, without repeats."""
    if not HAN_RUN.search(text):
        return [text]
    t2s, s2t = converters()
    return list(dict.fromkeys([text, t2s.convert(text), s2t.convert(text)]))


def bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a Han run ("网络安全" -> 网络, 络安, 安全); one character stays one."""
    return [run] if len(run) < 2 else [run[i:i + 2] for i in range(len(run) - 1)]


def split_query(query: str) -> tuple[str, list[str]]:
    """(the query without its Han characters, the Han runs in it)."""
    return HAN_RUN.sub(" ", query).strip(), HAN_RUN.findall(query)


def han_tsquery(runs: list[str]) -> str:
    """A raw tsquery matching every run, each as adjacent bigrams, in either script."""
    def phrase(run: str) -> str:
        return " <-> ".join(f"'{gram}'" for gram in bigrams(run))

    alternatives = []
    for variant in script_variants(" ".join(runs)):
        alternatives.append(" & ".join(f"({phrase(run)})" for run in HAN_RUN.findall(variant)))
    return " | ".join(f"({alt})" for alt in dict.fromkeys(alternatives))


WORD = re.compile(r"[^\W_]+")


def unit_terms(query: str) -> tuple[list[str], list[list[str]]]:
    """A unit filter's terms: (its words outside Han text, lower case; each Han run in its script variants).

    A unit is a phrase ("hosts in China infected with Trojans or botnets"): it matches when it holds every
    word as a whole word, in any order ("infected hosts"), and every Han run, in either script."""
    words, runs = split_query(query)
    return [word.lower() for word in WORD.findall(words)], [script_variants(run) for run in runs]
