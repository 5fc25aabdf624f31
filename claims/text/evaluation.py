"""Score detection against hand-annotated gold: precision, recall, exact values and bounds, whole phrases,
exact dates, per language and kind (no Django: the corpus is TOML files, see fixtures/detection_corpus/).

A candidate matches a gold claim of its kind when their spans overlap (one to one, the best overlap first).
A figure is *exact* when value and both bounds equal the gold's; its phrase is *whole* when the candidate's
span covers the gold's minimal phrase (`short`, else the quote) and stays within the gold quote (two
characters of slack for punctuation). An event is *exact* when its date interval and precision equal the gold.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .dates import FuzzyDate
from .detect import EVENT_KIND, FIGURE_KIND, Candidate, detect
from .layout import analyse

SLACK = 2


@dataclass(frozen=True)
class Gold:
    """A hand-annotated claim: its span, and for figures the value, bounds and minimal phrase."""

    kind: str
    language: str
    start: int
    end: int
    quote: str
    short_start: int | None = None
    short_end: int | None = None
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    date: str | None = None


@dataclass(frozen=True)
class GoldText:
    """A text of the corpus with its publication date and its gold claims."""

    name: str
    language: str
    published: FuzzyDate
    text: str
    claims: tuple[Gold, ...]


@dataclass
class Score:
    """How detection fares against the gold of one language and kind."""

    gold: int = 0
    suggested: int = 0
    matched: int = 0
    exact: int = 0
    whole: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def exact_rate(self) -> float:
        """Figures found with the exact value and bounds, events with the exact date: a share of the gold."""
        return self.exact / self.gold if self.gold else 0.0

    @property
    def whole_rate(self) -> float:
        """Of the exact figures, those with the whole phrase."""
        return self.whole / self.exact if self.exact else 0.0


def _span(text: str, quote: str, occurrence: int, where: str) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start == -1:
            raise ValueError(f"{where}: {quote!r} does not occur {occurrence} time(s) in the text")
    return start, start + len(quote)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_text(path: Path) -> GoldText:
    """One annotated text; a ValueError names the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        text, language = data["text"], data["language"]
        published = FuzzyDate.parse(str(data["published"]))
    except (tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from None
    claims = []
    for item in data.get("figures", []):
        start, end = _span(text, item["quote"], item.get("occurrence", 1), str(path))
        short_start = short_end = None
        if item.get("short"):
            offset = item["quote"].find(item["short"])
            if offset == -1:
                raise ValueError(f"{path}: short {item['short']!r} is not inside {item['quote']!r}")
            short_start, short_end = start + offset, start + offset + len(item["short"])
        claims.append(Gold(FIGURE_KIND, language, start, end, item["quote"], short_start, short_end,
                           _decimal(item["value"]), _decimal(item.get("low")), _decimal(item.get("high")),
                           item.get("date")))
    for item in data.get("events", []):
        start, end = _span(text, item["quote"], item.get("occurrence", 1), str(path))
        claims.append(Gold(EVENT_KIND, language, start, end, item["quote"], date=str(item["date"])))
    return GoldText(path.stem, language, published, text, tuple(claims))


def load_corpus(folder: Path | str) -> list[GoldText]:
    """Every annotated text in a folder, by name."""
    return [load_text(path) for path in sorted(Path(folder).glob("*.toml"))]


def _show(value: Decimal | None) -> str:
    return "None" if value is None else f"{value.normalize():f}"


def _same(found: Decimal | None, gold: Decimal | None) -> bool:
    """Equal, or equal at the places the annotator wrote (a third written as 0.3333)."""
    if (found is None) != (gold is None):
        return False
    if found is None or found == gold:
        return True
    places = -gold.as_tuple().exponent
    return places >= 3 and found.quantize(Decimal(1).scaleb(-places)) == gold


def _is_exact(candidate: Candidate, gold: Gold) -> bool:
    if gold.kind == FIGURE_KIND:
        return _same(candidate.value, gold.value) and _same(candidate.value_low, gold.low) \
            and _same(candidate.value_high, gold.high)
    return candidate.date is not None and candidate.date.isoformat() == gold.date


def _is_whole(candidate: Candidate, gold: Gold) -> bool:
    must_start = gold.short_start if gold.short_start is not None else gold.start
    must_end = gold.short_end if gold.short_end is not None else gold.end
    return candidate.start <= must_start and candidate.end >= must_end \
        and candidate.start >= gold.start - SLACK and candidate.end <= gold.end + SLACK


def score_text(scores: dict, name: str, text: str, language: str, gold: Iterable[Gold],
               candidates: list[Candidate]) -> None:
    """Add one text's matches to `scores` ((language, kind) -> Score)."""
    gold = list(gold)
    for kind in (FIGURE_KIND, EVENT_KIND):
        score = scores[(language, kind)]
        found = [c for c in candidates if c.kind == kind]
        expected = [g for g in gold if g.kind == kind]
        score.gold += len(expected)
        score.suggested += len(found)
        used: set[int] = set()
        for item in expected:
            options = [(i, c) for i, c in enumerate(found) if i not in used and c.start < item.end and item.start < c.end]
            if not options:
                score.misses.append(f"{name}: {item.quote!r}")
                continue
            index, best = max(options, key=lambda o: (_is_exact(o[1], item),
                                                      min(o[1].end, item.end) - max(o[1].start, item.start)))
            used.add(index)
            score.matched += 1
            if _is_exact(best, item):
                score.exact += 1
                if kind == FIGURE_KIND:
                    if _is_whole(best, item):
                        score.whole += 1
                    else:
                        score.wrong.append(f"{name}: phrase {best.quote!r}, gold {item.quote!r}")
            else:
                said = ("/".join(map(_show, (best.value, best.value_low, best.value_high))) if kind == FIGURE_KIND
                        else (best.date.isoformat() if best.date else None))
                meant = "/".join(map(_show, (item.value, item.low, item.high))) if kind == FIGURE_KIND else item.date
                score.wrong.append(f"{name}: {best.quote!r} read {said}, gold {meant} ({item.quote!r})")
        score.extra += [f"{name}: {c.quote!r}" for i, c in enumerate(found) if i not in used]


def detect_as_imported(item: GoldText) -> list[Candidate]:
    """Detection as a document of this text would get it: outside the page chrome and repeated blocks that
    import marks, with its publication date."""
    layout = analyse(item.text)
    return detect(item.text, [item.language], item.published, layout.main_ranges, layout.duplicate_ranges)


def evaluate_corpus(texts: Iterable[GoldText], detector: Callable[[GoldText], list[Candidate]] = detect_as_imported
                    ) -> dict:
    """(language, kind) -> Score over the texts, detecting each with `detector`."""
    scores: dict = defaultdict(Score)
    for item in texts:
        score_text(scores, item.name, item.text, item.language, item.claims, detector(item))
    return dict(sorted(scores.items()))
