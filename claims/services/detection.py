"""Detection in the database: suggested claims and links, and how well detection does against reviews."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from claims.models import Claim, ClaimLink, Document
from claims.text.dates import FuzzyDate
from claims.text.detect import Candidate, detect
from claims.text.spans import context

SUGGESTED_REASON = "suggested by detection"


def detection_arguments(document: Document) -> tuple:
    """What detect() needs of a document: picklable, so that detection can run in other processes."""
    published = FuzzyDate(document.published_start, document.published_end, document.published_precision) \
        if document.published_start else None
    return document.text, document.languages, published, document.main_ranges, document.duplicate_ranges


def detect_document(document: Document) -> list[Candidate]:
    """Candidates for one document, outside its page chrome and repeated blocks."""
    return detect(*detection_arguments(document))


def _claim(document: Document, candidate: Candidate) -> Claim:
    prefix, suffix = context(document.text, candidate.start, candidate.end)
    date = candidate.date
    return Claim(
        document=document, start=candidate.start, end=candidate.end, quote=candidate.quote, prefix=prefix,
        suffix=suffix, kind=candidate.kind, status=Claim.Status.SUGGESTED, language=candidate.language,
        value=candidate.value, value_low=candidate.value_low, value_high=candidate.value_high, unit=candidate.unit,
        date_start=date.start if date else None, date_end=date.end if date else None,
        date_precision=date.precision if date else "", note=candidate.note,
    )


@transaction.atomic
def suggest_claims(document: Document, candidates: list[Candidate] | None = None) -> int:
    """Store new candidates of a document as suggested claims; return how many.

    Re-running adds nothing: a span and kind that exists already (whatever its status, so a rejected
    suggestion stays rejected) is skipped, and so is any candidate overlapping a claim of its kind that
    an editor made or accepted.
    """
    existing = list(document.claims.values_list("start", "end", "kind", "status"))
    taken = {(start, end, kind) for start, end, kind, _ in existing}
    annotated = [(start, end, kind) for start, end, kind, status in existing if status != Claim.Status.SUGGESTED]
    new = [
        _claim(document, candidate)
        for candidate in (detect_document(document) if candidates is None else candidates)
        if (candidate.start, candidate.end, candidate.kind) not in taken
        and not any(kind == candidate.kind and start < candidate.end and candidate.start < end
                    for start, end, kind in annotated)
    ]
    for claim in new:
        claim.full_clean(validate_unique=False, validate_constraints=False)
    bulk_create_with_history(new, Claim, default_change_reason=SUGGESTED_REASON)
    return len(new)


# --- Links -------------------------------------------------------------------------------------------


def _unit(unit: str) -> str:
    words = unit.lower().replace("’", "'").split()
    return " ".join(word[:-1] if word.endswith("s") and len(word) > 3 else word for word in words)


def _range(claim: Claim) -> tuple[Decimal | None, Decimal | None]:
    """The values a figure allows: its bounds where the wording set them, else its value."""
    low = claim.value_low if claim.value_low is not None else (None if claim.value_high is not None else claim.value)
    high = claim.value_high if claim.value_high is not None else (None if claim.value_low is not None else claim.value)
    return low, high


def _overlap(a: tuple, b: tuple) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (b[0] is None or a[1] is None or b[0] <= a[1])


def _periods_overlap(a: Claim, b: Claim) -> bool:
    return a.date_start is not None and b.date_start is not None and a.date_start <= b.date_end \
        and b.date_start <= a.date_end


@dataclass
class LinkSuggestion:
    """A pair of claims that probably relate, and why."""

    a: Claim
    b: Claim
    relation: str
    note: str


def propose_links(claims: Iterable[Claim]) -> list[LinkSuggestion]:
    """Pairs that probably corroborate, conflict, are the same event, or translate each other.

    Figures: same unit, overlapping periods; their value ranges (bounds included) agree or they do not.
    Figures of different periods are not compared: that is not a conflict. Events: the same date interval
    and a shared actor. Translations: an English and a Chinese claim of the same kind in one document with
    the same date (events) or value (figures).
    """
    claims = [c for c in claims if c.status != Claim.Status.REJECTED]
    specific = defaultdict(set)  # actors other than states, by claim
    for claim in claims:
        specific[claim.pk] = {ca.actor.name for ca in claim.claim_actors.all() if ca.actor.kind != "state"}
    proposals: list[LinkSuggestion] = []
    figures = defaultdict(list)
    for claim in claims:
        if claim.kind == Claim.Kind.FIGURE and claim.value is not None and claim.unit:
            figures[_unit(claim.unit)].append(claim)
    for unit, group in figures.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.document_id == b.document_id or not _periods_overlap(a, b):
                    continue
                agree = _overlap(_range(a), _range(b))
                proposals.append(LinkSuggestion(
                    a, b, ClaimLink.Relation.CORROBORATES if agree else ClaimLink.Relation.CONFLICTS,
                    f"Both count {unit} over overlapping periods ({a.date_iso}, {b.date_iso}); their values "
                    f"{'agree' if agree else 'disagree'} given their bounds ({_describe(a)} against {_describe(b)})."))
    # Translations: in one document, the English and the Chinese claims of a kind and date, paired in text
    # order (a translation keeps the order of its original) when both sides have as many.
    renderings = defaultdict(lambda: ([], []))
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.date_start is not None:
            key = (claim.document_id, claim.kind, claim.date_start, claim.date_end)
            renderings[key][claim.language != "en"].append(claim)
    for (_, kind, _, _), (english, chinese) in renderings.items():
        if english and len(english) == len(chinese):
            for a, b in zip(english, chinese):
                if kind == Claim.Kind.EVENT or a.value == b.value:
                    proposals.append(LinkSuggestion(a, b, ClaimLink.Relation.TRANSLATION,
                                                     f"English and Chinese claims of one document, both dated "
                                                     f"{a.date_iso}, in the same order."))
    # The same event in two documents: dates that agree within their precision, and a shared actor other
    # than a state (every other event names China).
    events_by_year = defaultdict(list)
    for claim in claims:
        if claim.kind == Claim.Kind.EVENT and claim.date_start is not None and specific[claim.pk]:
            events_by_year[claim.date_start.year].append(claim)
    for group in events_by_year.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                shared = specific[a.pk] & specific[b.pk]
                if a.document_id != b.document_id and shared and _periods_overlap(a, b):
                    proposals.append(LinkSuggestion(a, b, ClaimLink.Relation.SAME_EVENT,
                                                     f"Dates agree ({a.date_iso}, {b.date_iso}) and both name "
                                                     f"{', '.join(sorted(shared))}."))
    return proposals


def _describe(claim: Claim) -> str:
    low, high = _range(claim)
    if low == high:
        return f"{low.normalize():f}"
    return f"{'' if low is None else f'{low.normalize():f}'}..{'' if high is None else f'{high.normalize():f}'}"


@transaction.atomic
def suggest_links(claims: Iterable[Claim]) -> int:
    """Store proposed links as suggestions, unless the pair has that relation already (in any status)."""
    existing = {(min(a, b), max(a, b), relation)
                for a, b, relation in ClaimLink.objects.values_list("from_claim_id", "to_claim_id", "relation")}
    new = []
    for proposal in propose_links(claims):
        key = (min(proposal.a.pk, proposal.b.pk), max(proposal.a.pk, proposal.b.pk), proposal.relation)
        if key not in existing:
            existing.add(key)
            new.append(ClaimLink(from_claim=proposal.a, to_claim=proposal.b, relation=proposal.relation,
                                 status=ClaimLink.Status.SUGGESTED, note=proposal.note))
    bulk_create_with_history(new, ClaimLink, default_change_reason=SUGGESTED_REASON)
    return len(new)


# --- Evaluation --------------------------------------------------------------------------------------


@dataclass
class Score:
    """How detection fares against reviewed claims of one kind."""

    reviewed: int = 0
    suggested: int = 0
    matched: int = 0
    correct: int = 0  # matched and with the same value (figures) or the same date interval (events)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.reviewed if self.reviewed else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 0.0


def evaluate(documents: Iterable[Document], progress: Callable = iter) -> dict[str, Score]:
    """Detect in each document with reviewed claims and match candidates to them one to one by overlapping
    span and kind (the annotations themselves are not consulted by detection)."""
    scores = {Claim.Kind.FIGURE: Score(), Claim.Kind.EVENT: Score()}
    for document in progress(list(documents)):
        reviewed = list(document.claims.filter(status=Claim.Status.REVIEWED))
        candidates = detect_document(document)
        for kind, score in scores.items():
            gold = [c for c in reviewed if c.kind == kind]
            found = [c for c in candidates if c.kind == kind]
            score.reviewed += len(gold)
            score.suggested += len(found)
            used: set[int] = set()
            for candidate in found:
                match = next((c for c in gold if c.pk not in used and c.start < candidate.end
                              and candidate.start < c.end), None)
                if match is None:
                    continue
                used.add(match.pk)
                score.matched += 1
                if kind == Claim.Kind.FIGURE:
                    score.correct += candidate.value == match.value
                else:
                    score.correct += bool(candidate.date) and (candidate.date.start, candidate.date.end) == (
                        match.date_start, match.date_end)
            score.misses += [f"#{c.pk} {c.quote[:60]!r}" for c in gold if c.pk not in used]
    return scores


def documents_with_reviews() -> Iterable[Document]:
    return Document.objects.filter(claims__status=Claim.Status.REVIEWED).distinct().order_by("pk")
