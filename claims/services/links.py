"""Creating links between claims."""

from django.db import transaction

from claims.models import Claim, ClaimLink


@transaction.atomic
def claim_link_create(
    *, from_claim: Claim, to_claim: Claim, relation: str, status: str = ClaimLink.Status.CONFIRMED,
    note: str = "", user=None,
) -> ClaimLink:
    """Link two claims; refuses self-links and a second link of the same relation between the same pair."""
    link = ClaimLink(from_claim=from_claim, to_claim=to_claim, relation=relation, status=status, note=note,
                     created_by=user, updated_by=user)
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def claim_link_update(*, link: ClaimLink, user=None, **fields) -> ClaimLink:
    """Change a link's relation, status, note or claims; validated as a whole."""
    for name, value in fields.items():
        setattr(link, name, value)
    link.updated_by = user
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def links_resolve_suggestions(*, links, accept: bool, user=None) -> int:
    """Confirm or reject suggested links; each change is saved with history."""
    done = 0
    for link in ClaimLink.objects.filter(pk__in=[link.pk for link in links]):  # base rows: history sees them
        if link.status == ClaimLink.Status.SUGGESTED:
            link.status = ClaimLink.Status.CONFIRMED if accept else ClaimLink.Status.REJECTED
            link.updated_by = user
            link._change_reason = "suggestion accepted" if accept else "suggestion rejected"
            link.save()
            done += 1
    return done
