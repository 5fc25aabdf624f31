"""Creating and changing claims and the actors in them."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from claims.models import Actor, Claim, ClaimActor, Document
from claims.text.spans import context


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
    **fields: Any,
) -> Claim:
    """Create a validated claim over text[start:end]; the quote and its context are taken from the text.

    A `quote` given by the caller must equal the text at the span. The language defaults to the
    document's first language.
    """
    text = document.text
    prefix, suffix = context(text, start, end)
    claim = Claim(
        document=document, start=start, end=end, kind=kind,
        language=language or (document.languages[0] if document.languages else ""),
        quote=text[start:end] if quote is None else quote, prefix=prefix, suffix=suffix,
        created_by=user, updated_by=user, **fields,
    )
    claim.full_clean()
    claim.save()
    for actor, role in actors:
        claim_actor_add(claim=claim, actor=actor, role=role)
    return claim


@transaction.atomic
def claim_update(*, claim: Claim, user=None, actors: Iterable[tuple[Actor, str]] | None = None,
                 **fields: Any) -> Claim:
    """Change a claim's fields and validate it whole; a moved span takes its quote and context anew.
    `actors`, when given, replaces the claim's actors in roles."""
    for name, value in fields.items():
        setattr(claim, name, value)
    if {"start", "end"} & fields.keys():
        text = claim.document.text
        if "quote" not in fields:
            claim.quote = text[claim.start:claim.end]
        claim.prefix, claim.suffix = context(text, claim.start, claim.end)
    claim.updated_by = user
    claim.full_clean()
    claim.save()
    if actors is not None:
        claim_set_actors(claim=claim, actors=list(actors))
    return claim


def claim_actor_add(*, claim: Claim, actor: Actor, role: str) -> ClaimActor:
    """Put an actor in a role in a claim (idempotent)."""
    claim_actor = ClaimActor(claim=claim, actor=actor, role=role)
    claim_actor.full_clean(validate_unique=False, validate_constraints=False)
    claim_actor, _ = ClaimActor.objects.get_or_create(claim=claim, actor=actor, role=role)
    return claim_actor


@transaction.atomic
def claim_set_actors(*, claim: Claim, actors: Iterable[tuple[Actor, str]]) -> None:
    """Make the claim's actors in roles exactly `actors`."""
    wanted = {(actor.pk, role) for actor, role in actors}
    for claim_actor in claim.claim_actors.all():
        if (claim_actor.actor_id, claim_actor.role) not in wanted:
            claim_actor.delete()
    for actor, role in actors:
        claim_actor_add(claim=claim, actor=actor, role=role)
