"""The domain model: sources, documents, actors, claims and the links between claims."""

from .actor import Actor, ActorAlias
from .base import MAX_ID, DatePrecision, Language, id_or_slug, ordered, whole_number
from .claim import REVIEW_CODENAME, REVIEW_PERMISSION, Claim, ClaimActor
from .document import Document, content_hash
from .link import ClaimLink
from .source import Source
from .suggestion import SuggestedClaim, SuggestedLink

__all__ = [
    "Actor", "ActorAlias", "Claim", "ClaimActor", "ClaimLink", "DatePrecision", "Document", "Language",
    "REVIEW_CODENAME", "REVIEW_PERMISSION", "Source", "SuggestedClaim", "SuggestedLink", "content_hash",
    "MAX_ID", "id_or_slug", "ordered", "whole_number",
]
