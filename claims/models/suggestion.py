"""Proxies for the admin's suggestion queues: the same rows, seen as work to accept or reject."""

from .claim import Claim
from .link import ClaimLink


class SuggestedClaim(Claim):
    """A claim that detection suggested, waiting for an editor to accept or reject it."""

    class Meta:
        proxy = True
        verbose_name = "suggested claim"


class SuggestedLink(ClaimLink):
    """A link that detection suggested, waiting for an editor to confirm or reject it."""

    class Meta:
        proxy = True
        verbose_name = "suggested link"
