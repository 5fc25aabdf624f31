"""Creating and changing claims and the actors in them."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from claims.models import REVIEW_PERMISSION, Actor, Claim, ClaimActor, ClaimLink, Document
from claims.text.spans import context

from .history import recorded, validated_save
from .links import claim_link_delete


@transaction.atomic
def claim_create(
    *,
    document: Document,
    start: int,
    end: int,
    kind: str,
    language: str = "",
    quote: str | None = None,
    actors: Iterable[tuple[Actor, str]] = (),
    user=None,
    reason: str = "",
    **fields: Any,
) -> Claim:
    """Create a validated claim over text[start:end]; the quote and its context are taken from the text.

    A `quote` given by the caller must equal the text at the span. The language defaults to the
    document's first language.
    """
    claim = Claim(
        document=document, start=start, end=end, kind=kind,
        language=language or (document.languages[0] if document.languages else ""),
        quote=document.text[start:end] if quote is None else quote, **fields,
    )
    claim_save(claim=claim, user=user, reason=reason)
    for actor, role in actors:
        claim_actor_add(claim=claim, actor=actor, role=role)
    return claim


@transaction.atomic
def claim_update(*, claim: Claim, user=None, reason: str = "", actors: Iterable[tuple[Actor, str]] | None = None,
                 **fields: Any) -> Claim:
    """Change a claim's fields and validate it whole; a moved span takes its quote and context anew.
    `actors`, when given, replaces the claim's actors in roles."""
    for name, value in fields.items():
        setattr(claim, name, value)
    if {"start", "end"} & fields.keys() and "quote" not in fields:
        claim.quote = claim.document.text[claim.start:claim.end]
    claim_save(claim=claim, user=user, reason=reason)
    if actors is not None:
        claim_set_actors(claim=claim, actors=list(actors))
    return claim


@transaction.atomic
def claim_save(*, claim: Claim, user=None, reason: str = "") -> Claim:
    """Validate and save a claim however it was built (a service, the admin's form): who and when are
    recorded, and the context around the span is taken from the text."""
    if claim._state.adding:
        claim.created_by = user
    claim.updated_by = user
    claim.prefix, claim.suffix = context(claim.document.text, claim.start, claim.end)
    return validated_save(claim, reason=reason, user=user)


@transaction.atomic
def claim_delete(*, claim: Claim, user=None, reason: str = "") -> None:
    """Delete a claim with its links and actors in roles, each deletion recorded in the history with `reason`."""
    for link in ClaimLink.objects.filter(Q(from_claim=claim) | Q(to_claim=claim)):
        claim_link_delete(link=link, user=user, reason=reason)
    for claim_actor in claim.claim_actors.all():
        claim_actor_remove(claim_actor=claim_actor, user=user, reason=reason)
    recorded(claim, reason=reason, user=user).delete()


def may_set_status(user, *, old: str | None, new: str, verdict_changed: bool = False) -> bool:
    """Reviewers set any status and verdict. Editors may create drafts and suggestions, and accept
    (to draft) or reject a suggestion; nothing else."""
    if user is not None and user.has_perm(REVIEW_PERMISSION):
        return True
    if verdict_changed:
        return False
    if old is None:
        return new in (Claim.Status.DRAFT, Claim.Status.SUGGESTED)
    return old == new or (old == Claim.Status.SUGGESTED and new in (Claim.Status.DRAFT, Claim.Status.REJECTED))


@transaction.atomic
def claim_resolve_suggestion(*, claim: Claim, accept: bool, user=None, reason: str = "") -> Claim:
    """Accept a suggested claim (it becomes a draft) or reject it, saved with history under `reason` (by default
    "suggestion accepted" or "suggestion rejected"); a claim that is no longer a suggestion is refused."""
    # as a Claim row, locked (not a proxy such as SuggestedClaim) so that history records the change once
    claim = Claim.objects.select_for_update(of=("self",)).select_related("document").get(pk=claim.pk)
    if claim.status != Claim.Status.SUGGESTED:
        raise ValidationError(f"Claim #{claim.pk} is {claim.status}, not a suggestion: there is nothing to "
                              f"{'accept' if accept else 'reject'}.")
    claim.status = Claim.Status.DRAFT if accept else Claim.Status.REJECTED
    return claim_save(claim=claim, user=user, reason=reason or ("suggestion accepted" if accept
                                                                else "suggestion rejected"))


@transaction.atomic
def claims_resolve_suggestions(*, claims: Iterable[Claim], accept: bool, user=None) -> int:
    """Accept or reject those of `claims` that are suggestions (see claim_resolve_suggestion); how many were."""
    suggested = list(Claim.objects.filter(pk__in=[c.pk for c in claims], status=Claim.Status.SUGGESTED).order_by("pk"))
    for claim in suggested:
        claim_resolve_suggestion(claim=claim, accept=accept, user=user)
    return len(suggested)


def claim_actor_add(*, claim: Claim, actor: Actor, role: str) -> ClaimActor:
    """Put an actor in a role in a claim (idempotent)."""
    existing = ClaimActor.objects.filter(claim=claim, actor=actor, role=role).first()
    return existing or claim_actor_save(claim_actor=ClaimActor(claim=claim, actor=actor, role=role))


@transaction.atomic
def claim_actor_save(*, claim_actor: ClaimActor, user=None, reason: str = "") -> ClaimActor:
    """Validate and save an actor in a role in a claim, however it was built (a service, an admin inline)."""
    return validated_save(claim_actor, reason=reason, user=user)


def claim_actor_remove(*, claim_actor: ClaimActor, user=None, reason: str = "") -> None:
    """Take an actor out of a role in a claim."""
    recorded(claim_actor, reason=reason, user=user).delete()


@transaction.atomic
def claim_set_actors(*, claim: Claim, actors: Iterable[tuple[Actor, str]]) -> None:
    """Make the claim's actors in roles exactly `actors`."""
    wanted = {(actor.pk, role) for actor, role in actors}
    for claim_actor in claim.claim_actors.all():
        if (claim_actor.actor_id, claim_actor.role) not in wanted:
            claim_actor_remove(claim_actor=claim_actor)
    for actor, role in actors:
        claim_actor_add(claim=claim, actor=actor, role=role)
