"""Creating, changing and deleting links between claims."""

from django.db import transaction

from claims.models import Claim, ClaimLink

from .history import recorded, validated_save


@transaction.atomic
def claim_link_create(
    *, from_claim: Claim, to_claim: Claim, relation: str, status: str = ClaimLink.Status.CONFIRMED,
    note: str = "", user=None, reason: str = "",
) -> ClaimLink:
    """Link two claims; refuses self-links and a second link of the same relation between the same pair."""
    link = ClaimLink(from_claim=from_claim, to_claim=to_claim, relation=relation, status=status, note=note)
    return claim_link_save(link=link, user=user, reason=reason)


@transaction.atomic
def claim_link_update(*, link: ClaimLink, user=None, reason: str = "", **fields) -> ClaimLink:
    """Change a link's relation, status, note or claims; validated as a whole."""
    for name, value in fields.items():
        setattr(link, name, value)
    return claim_link_save(link=link, user=user, reason=reason)


@transaction.atomic
def claim_link_save(*, link: ClaimLink, user=None, reason: str = "") -> ClaimLink:
    """Validate and save a link however it was built (a service, an admin form): who and why are recorded."""
    if link._state.adding:
        link.created_by = link.created_by or user
    link.updated_by = user
    return validated_save(link, reason=reason, user=user)


def claim_link_delete(*, link: ClaimLink, user=None, reason: str = "") -> None:
    """Delete a link, recorded in the history with `reason`."""
    recorded(link, reason=reason, user=user).delete()


@transaction.atomic
def links_resolve_suggestions(*, links, accept: bool, user=None) -> int:
    """Confirm or reject suggested links; each change is saved with history."""
    done = 0
    for link in ClaimLink.objects.filter(pk__in=[link.pk for link in links]):  # base rows: history sees them
        if link.status == ClaimLink.Status.SUGGESTED:
            link.status = ClaimLink.Status.CONFIRMED if accept else ClaimLink.Status.REJECTED
            claim_link_save(link=link, user=user, reason="suggestion accepted" if accept else "suggestion rejected")
            done += 1
    return done
