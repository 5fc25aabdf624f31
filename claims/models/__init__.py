"""The domain model: sources, documents, actors, claims and the links between claims."""

from .actor import Actor, ActorAlias
from .base import DatePrecision, Language
from .claim import Claim, ClaimActor
from .document import Document, content_hash
from .link import ClaimLink
from .source import Source

__all__ = [
    "Actor", "ActorAlias", "Claim", "ClaimActor", "ClaimLink", "DatePrecision", "Document", "Language",
    "Source", "content_hash",
]
