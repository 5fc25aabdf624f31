"""Benchmark: find the registry's actors in texts, with the Aho-Corasick automaton detection uses
(pyahocorasick) against one big regular expression of every name.

    python benchmarks/actor_matching.py [--actors 20000] [--repeat 20]

The names: `--actors` actors with an English name and a Chinese alias each (the synthetic generator's
shapes), plus names that occur in the corpus texts (organisations and places in English and Chinese).
The texts: the development texts of the detection corpus, folded once as detection folds them. Both
matchers must find the same names at the same places (checked first); then each is timed over all texts
`--repeat` times, and building each is timed too.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.text.evaluation import load_corpus  # noqa: E402
from claims.text.phrases import LATIN, PhraseMatcher, fold  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "detection_corpus" / "dev"
KNOWN = ["Europol", "Interpol", "INTERPOL", "Singapore Police Force", "Hong Kong Police Force", "CERT-In",
         "Ministry of Public Security", "Cyberspace Administration of China", "ASEAN", "Japan", "China",
         "United States", "公安部", "国家网信办", "香港警務處", "刑事警察局", "數位發展部", "東盟", "新加坡", "上海合作组织"]


class BigRegex:
    """Every name in one alternation, longest first, with the same word-boundary rule for Latin names."""

    def __init__(self, names: list[tuple[str, int]]):
        self.actor = {}
        for name, actor in names:
            self.actor[fold(name)] = actor  # the last of equal names, as the automaton keeps
        alternation = "|".join(map(re.escape, sorted(self.actor, key=len, reverse=True)))
        self.pattern = re.compile(alternation)

    def find(self, folded: str) -> list[tuple[int, int, int]]:
        found, position = [], 0
        while match := self.pattern.search(folded, position):
            first, stop = match.span()
            if (LATIN.match(folded[first]) and first and LATIN.match(folded[first - 1])) or (
                    LATIN.match(folded[stop - 1]) and stop < len(folded) and LATIN.match(folded[stop])):
                position = first + 1
                continue
            found.append((first, stop, self.actor[match.group()]))
            position = stop
        return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20000, help="Synthetic actors in the registry (default %(default)s).")
    parser.add_argument("--repeat", type=int, default=20, help="Passes over all texts timed (default %(default)s).")
    args = parser.parse_args()
    names = [(name, i) for i, name in enumerate(KNOWN)]
    for n in range(args.actors):
        names += [(f"Synthetic actor {n}", len(KNOWN) + n), (f"合成行为者{n}", len(KNOWN) + n)]
    texts = [fold(text.text) for text in load_corpus(CORPUS)]
    kilobytes = sum(len(t.encode()) for t in texts) / 1024

    started = time.perf_counter()
    automaton = PhraseMatcher(names)
    built_automaton = time.perf_counter() - started
    started = time.perf_counter()
    regex = BigRegex(names)
    built_regex = time.perf_counter() - started

    for text in texts:  # the same names at the same places, or the comparison means nothing
        assert automaton.find(text) == regex.find(text), "the matchers disagree"
    found = sum(len(automaton.find(text)) for text in texts)
    print(f"{len(names)} names, {len(texts)} texts ({kilobytes:.0f} KB), {found} mentions found by both")
    for label, matcher, built in (("pyahocorasick", automaton, built_automaton), ("one big regex", regex, built_regex)):
        started = time.perf_counter()
        for _ in range(args.repeat):
            for text in texts:
                matcher.find(text)
        seconds = (time.perf_counter() - started) / args.repeat
        print(f"{label:>14}: build {built:6.2f} s, match {seconds * 1000:8.2f} ms per pass "
              f"({kilobytes / seconds / 1024:7.2f} MB/s)")


if __name__ == "__main__":
    main()
