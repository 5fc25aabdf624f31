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
