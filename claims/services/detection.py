"""Detection in the database: suggested claims and links, and how well detection does against reviews."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from claims.models import Actor, ActorAlias, Claim, ClaimActor, ClaimLink, Document
from claims.text.actors import ActorMatcher, fold
from claims.text.dates import FuzzyDate, format_interval
from claims.text.detect import Candidate, detect
from claims.text.events import sentence_spans
from claims.text.evaluation import Gold, Score, score_text
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


def actor_matcher() -> ActorMatcher:
    """The registry's actors by every name and alias, ready to be found in texts."""
    names = [*Actor.objects.values_list("pk", "name"), *ActorAlias.objects.values_list("actor_id", "name")]
    return ActorMatcher(names)


def _actors(document: Document, claims: list[Claim], matcher: ActorMatcher) -> list[ClaimActor]:
    """The actors named in each claim's sentence: the one who speaks as claimant, the others as participants
    (events) or subjects (figures)."""
    text = document.text
    sentences = sentence_spans(text, [(0, len(text))])
    folded = fold(text)
    found = []
    for claim in claims:
        start, end = next(((s, e) for s, e in sentences if s <= claim.start < e), (claim.start, claim.end))
        roles = {}
        for mention in matcher.find(text, start, max(end, claim.end), folded):
            other = ClaimActor.Role.PARTICIPANT if claim.kind == Claim.Kind.EVENT else ClaimActor.Role.SUBJECT
            roles.setdefault((mention.actor, ClaimActor.Role.CLAIMANT if mention.speaks else other), None)
        found += [ClaimActor(claim=claim, actor_id=actor, role=role) for actor, role in roles]
    return found


@transaction.atomic
def suggest_claims(document: Document, candidates: list[Candidate] | None = None,
                   matcher: ActorMatcher | None = None) -> int:
    """Store new candidates of a document as suggested claims, with the actors their sentences name; return
    how many.

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
    created = bulk_create_with_history(new, Claim, default_change_reason=SUGGESTED_REASON)
    if created:
        roles = _actors(document, created, matcher or actor_matcher())
        bulk_create_with_history(roles, ClaimActor, default_change_reason=SUGGESTED_REASON)
    return len(new)


# --- Links -------------------------------------------------------------------------------------------
#
# Candidate pairs come from blocks, never from all pairs: figures by unit and year, events by a shared
# actor and year. Inside a block, claims are sorted (by value, by date) and each is compared with its
# WINDOW nearest neighbours; every claim then keeps its MAX_PER_CLAIM best proposals. The cost grows with
# the number of claims, not with its square.

WINDOW = 8
MAX_PER_CLAIM = 5
LONGEST_PERIOD_YEARS = 10
LINK_FIELDS = ("id", "document_id", "kind", "language", "start", "status", "value", "value_low", "value_high",
               "unit", "date_start", "date_end", "date_precision")


@dataclass(frozen=True)
class LinkClaim:
    """What link suggestion needs of a claim: a light row, so that a million of them fit in memory."""

    pk: int
    document_id: int
    kind: str
    language: str
    start: int
    status: str
    value: Decimal | None
    value_low: Decimal | None
    value_high: Decimal | None
    unit: str
    date_start: object
    date_end: object
    date_precision: str
    actors: frozenset = frozenset()  # names of the actors other than states

    @property
    def date_iso(self) -> str | None:
        return format_interval(self.date_start, self.date_end, self.date_precision)


def link_claims(claims) -> list[LinkClaim]:
    """The light rows of a claim queryset (not rejected), with their specific actors, in two queries."""
    rows = list(claims.exclude(status=Claim.Status.REJECTED).values_list(*LINK_FIELDS))
    actors = defaultdict(set)
    ids = [row[0] for row in rows]
    for start in range(0, len(ids), 20000):
        for claim_id, name in ClaimActor.objects.filter(claim_id__in=ids[start:start + 20000]).exclude(
                actor__kind="state").values_list("claim_id", "actor__name"):
            actors[claim_id].add(name)
    return [LinkClaim(*row, actors=frozenset(actors.get(row[0], ()))) for row in rows]


def _unit(unit: str) -> str:
    words = unit.lower().replace("’", "'").split()
    return " ".join(word[:-1] if word.endswith("s") and len(word) > 3 else word for word in words)


def _range(claim) -> tuple[Decimal | None, Decimal | None]:
    """The values a figure allows: its bounds where the wording set them, else its value."""
    low = claim.value_low if claim.value_low is not None else (None if claim.value_high is not None else claim.value)
    high = claim.value_high if claim.value_high is not None else (None if claim.value_low is not None else claim.value)
    return low, high


def _overlap(a: tuple, b: tuple) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (b[0] is None or a[1] is None or b[0] <= a[1])


def _periods_overlap(a, b) -> bool:
    return a.date_start is not None and b.date_start is not None and a.date_start <= b.date_end \
        and b.date_start <= a.date_end


def _years(claim) -> range:
    last = min(claim.date_end.year, claim.date_start.year + LONGEST_PERIOD_YEARS)
    return range(claim.date_start.year, last + 1)


@dataclass
class LinkSuggestion:
    """A pair of claims that probably relate, and how close they are (lower is better)."""

    a: object
    b: object
    relation: str
    distance: float = 0.0

    @property
    def note(self) -> str:
        """Why the pair is suggested (written for the few kept, not for every pair compared)."""
        a, b = self.a, self.b
        if self.relation == ClaimLink.Relation.TRANSLATION:
            return f"English and Chinese claims of one document, both dated {a.date_iso}, in the same order."
        if self.relation == ClaimLink.Relation.SAME_EVENT:
            return f"Dates agree ({a.date_iso}, {b.date_iso}) and both name {', '.join(sorted(a.actors & b.actors))}."
        agree = self.relation == ClaimLink.Relation.CORROBORATES
        return (f"Both count {_unit(a.unit)} over overlapping periods ({a.date_iso}, {b.date_iso}); their values "
                f"{'agree' if agree else 'disagree'} given their bounds ({_describe(a)} against {_describe(b)}).")


def _neighbours(block: list, key) -> Iterable[tuple]:
    """Each claim of a block with its WINDOW nearest followers in `key` order."""
    block.sort(key=key)
    for i, a in enumerate(block):
        for b in block[i + 1:i + 1 + WINDOW]:
            yield a, b


def _figure_proposals(claims: list) -> Iterable[tuple]:
    blocks = defaultdict(list)
    for claim in claims:
        if claim.kind == Claim.Kind.FIGURE and claim.value is not None and claim.unit and claim.date_start:
            for year in _years(claim):
                blocks[(_unit(claim.unit), year)].append(claim)
    for block in blocks.values():
        for a, b in _neighbours(block, key=lambda c: c.value):
            if a.document_id == b.document_id or not _periods_overlap(a, b):
                continue
            agree = _overlap(_range(a), _range(b))
            distance = float(abs(a.value - b.value) / max(abs(a.value), abs(b.value), Decimal(1)))
            yield distance, ClaimLink.Relation.CORROBORATES if agree else ClaimLink.Relation.CONFLICTS, a, b


def _translation_proposals(claims: list) -> Iterable[tuple]:
    """In one document, the English and the Chinese claims of a kind and date, paired in text order (a
    translation keeps the order of its original) when both sides have as many."""
    renderings = defaultdict(lambda: ([], []))
    for claim in sorted(claims, key=lambda c: (c.document_id, c.start)):
        if claim.date_start is not None:
            key = (claim.document_id, claim.kind, claim.date_start, claim.date_end)
            renderings[key][claim.language != "en"].append(claim)
    for (_, kind, _, _), (english, chinese) in renderings.items():
        if english and len(english) == len(chinese):
            for a, b in zip(english, chinese):
                if kind == Claim.Kind.EVENT or a.value == b.value:
                    yield 0.0, ClaimLink.Relation.TRANSLATION, a, b


def _event_proposals(claims: list) -> Iterable[tuple]:
    """The same event in two documents: dates that agree within their precision, and a shared actor other
    than a state (every other event names China)."""
    blocks = defaultdict(list)
    for claim in claims:
        if claim.kind == Claim.Kind.EVENT and claim.date_start is not None:
            for actor in claim.actors:
                blocks[(actor, claim.date_start.year)].append(claim)
    for block in blocks.values():
        for a, b in _neighbours(block, key=lambda c: c.date_start):
            if a.document_id != b.document_id and _periods_overlap(a, b):
                yield (b.date_start - a.date_start).days / 365, ClaimLink.Relation.SAME_EVENT, a, b


def propose_links(claims: Iterable) -> list[LinkSuggestion]:
    """Pairs that probably corroborate, conflict, are the same event, or translate each other, best first,
    at most MAX_PER_CLAIM for any claim.

    Figures: same unit, overlapping periods; their value ranges (bounds included) agree or they do not.
    Figures of different periods are not compared: that is not a conflict. Events: overlapping dates and a
    shared actor. Translations: an English and a Chinese claim of the same kind in one document with the
    same date (events) or value (figures). `claims` are LinkClaim rows (see link_claims).
    """
    claims = [c for c in claims if c.status != Claim.Status.REJECTED]
    # Comparing creates many short-lived tuples and no cycles: the collector would rescan every claim
    # again and again (measured: a third of the time at 100k claims).
    collecting = gc.isenabled()
    gc.disable()
    try:
        candidates = [*_translation_proposals(claims), *_figure_proposals(claims), *_event_proposals(claims)]
        candidates.sort(key=itemgetter(0))
        seen, count, kept = set(), defaultdict(int), []
        for distance, relation, a, b in candidates:
            key = (a.pk, b.pk, relation) if a.pk < b.pk else (b.pk, a.pk, relation)
            if key in seen or count[a.pk] >= MAX_PER_CLAIM or count[b.pk] >= MAX_PER_CLAIM:
                continue
            seen.add(key)
            count[a.pk] += 1
            count[b.pk] += 1
            kept.append(LinkSuggestion(a, b, relation, distance))
        return kept
    finally:
        if collecting:
            gc.enable()


def _describe(claim) -> str:
    low, high = _range(claim)
    if low == high:
        return f"{low.normalize():f}"
    return f"{'' if low is None else f'{low.normalize():f}'}..{'' if high is None else f'{high.normalize():f}'}"


def _unit_variants(unit: str) -> set[str]:
    forms = {unit, unit.lower()}
    return forms | {f + "s" for f in forms} | {f[:-1] for f in forms if f.endswith("s")}


def _neighbourhood(claims: list[LinkClaim]) -> Iterable:
    """Querysets of the claims elsewhere that could link to these: per figure, the nearest values of its
    unit over its period; per event, the events of its actors over its dates (all through indexes)."""
    from django.db.models import F
    from django.db.models.functions import Abs

    documents = {c.document_id for c in claims}
    for claim in claims:
        if claim.date_start is None:
            continue
        around = Claim.objects.exclude(document_id__in=documents).filter(
            kind=claim.kind, date_start__lte=claim.date_end, date_end__gte=claim.date_start)
        if claim.kind == Claim.Kind.FIGURE and claim.value is not None and claim.unit:
            yield around.filter(unit__in=_unit_variants(claim.unit), value__isnull=False).annotate(
                distance=Abs(F("value") - claim.value)).order_by("distance")[:2 * WINDOW]
        elif claim.kind == Claim.Kind.EVENT and claim.actors:
            yield around.filter(claim_actors__actor__name__in=claim.actors).distinct()[:2 * WINDOW]


def suggest_links_for(document_ids: list[int] | None = None) -> int:
    """Propose links for the claims of these documents against all others (all documents when None), and
    store the new ones as suggestions."""
    claims = Claim.objects.all()
    if document_ids is None:
        return suggest_links(link_claims(claims))
    own = link_claims(claims.filter(document_id__in=document_ids))
    ids = {c.pk for c in own}
    others = {}
    for queryset in _neighbourhood(own):
        others.update((c.pk, c) for c in link_claims(Claim.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))))
    proposals = [p for p in propose_links(own + [c for pk, c in others.items() if pk not in ids])
                 if p.a.pk in ids or p.b.pk in ids]
    return _store_links(proposals)


@transaction.atomic
def suggest_links(claims: Iterable) -> int:
    """Store proposed links as suggestions, unless the pair has that relation already (in any status)."""
    return _store_links(propose_links(claims))


def _store_links(proposals: list[LinkSuggestion]) -> int:
    ids = {p.a.pk for p in proposals} | {p.b.pk for p in proposals}
    existing = set()
    id_list = sorted(ids)
    for start in range(0, len(id_list), 20000):
        chunk = id_list[start:start + 20000]
        existing |= {(min(a, b), max(a, b), relation) for a, b, relation in ClaimLink.objects.filter(
            from_claim_id__in=chunk).values_list("from_claim_id", "to_claim_id", "relation")}
    new = []
    for proposal in proposals:
        key = (min(proposal.a.pk, proposal.b.pk), max(proposal.a.pk, proposal.b.pk), proposal.relation)
        if key not in existing:
            existing.add(key)
            new.append(ClaimLink(from_claim_id=proposal.a.pk, to_claim_id=proposal.b.pk, relation=proposal.relation,
                                 status=ClaimLink.Status.SUGGESTED, note=proposal.note))
    bulk_create_with_history(new, ClaimLink, default_change_reason=SUGGESTED_REASON, batch_size=2000)
    return len(new)


# --- Evaluation --------------------------------------------------------------------------------------


def _gold(claim: Claim) -> Gold:
    return Gold(claim.kind, claim.language, claim.start, claim.end, claim.quote, value=claim.value, low=claim.value_low,
                high=claim.value_high, date=claim.date_iso)


def evaluate(documents: Iterable[Document], progress: Callable = iter) -> dict:
    """Detect in each document with reviewed claims and score the candidates against the reviewed figures and
    events ((language, kind) -> Score; the annotations themselves are not consulted by detection)."""
    scores: dict = defaultdict(Score)
    for document in progress(list(documents)):
        reviewed = [_gold(c) for c in document.claims.filter(
            status=Claim.Status.REVIEWED, kind__in=[Claim.Kind.FIGURE, Claim.Kind.EVENT])]
        candidates = detect_document(document)
        for language in sorted({g.language for g in reviewed} | {c.language for c in candidates}):
            score_text(scores, f"document {document.pk}", document.text, language,
                       [g for g in reviewed if g.language == language],
                       [c for c in candidates if c.language == language])
    return dict(sorted(scores.items()))


def documents_with_reviews() -> Iterable[Document]:
    return Document.objects.filter(claims__status=Claim.Status.REVIEWED).distinct().order_by("pk")
