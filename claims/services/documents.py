"""Importing one document: create it, recognise it unchanged, or revise it without losing its claims."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from claims.models import Claim, Document, Source, content_hash
from claims.text.dates import FuzzyDate
from claims.text.layout import analyse
from claims.text.metadata import detect_languages, detect_published, detect_title
from claims.text.spans import context, reanchor

from .history import recorded

IMPORTED, UNCHANGED, UPDATED = "imported", "unchanged", "updated"
TEXT_FIXED = ("The text cannot be changed here: re-import the file with import_documents --update to re-anchor "
              "its claims.")


class ImportRefused(Exception):
    """A document that cannot be imported as asked; the message says why and what to do."""


@dataclass
class DocumentInput:
    """A document's text and whatever metadata the options and the manifest say; blanks are detected."""

    text: str
    filename: str = ""
    title: str = ""
    source: Source | None = None
    republished_from: Source | None = None
    url: str = ""
    byline: str = ""
    published: FuzzyDate | None = None
    languages: list[str] = field(default_factory=list)

    @classmethod
    def from_fields(cls, fields: dict) -> DocumentInput:
        """From a form's or a serializer's values, whose published_start, _end and _precision make one date."""
        values = dict(fields)
        start, end, precision = (values.pop(f"published_{part}", None) for part in ("start", "end", "precision"))
        return cls(published=FuzzyDate(start, end, precision) if start else None, **values)


@dataclass
class ImportOutcome:
    """What became of one document; `detached` lists claims whose quotes the revised text lost."""

    status: str
    document: Document
    detached: list[int] = field(default_factory=list)


METADATA_FIELDS = ["title", "source", "republished_from", "url", "byline", "languages",
                   "published_start", "published_end", "published_precision"]


def _document_fields(data: DocumentInput, text: str) -> dict:
    """The document's fields: what `data` says, else what the text says."""
    layout = analyse(text)
    published = data.published or detect_published(text)
    return {
        "title": data.title or detect_title(text, layout) or data.filename or "untitled",
        "source": data.source,
        "republished_from": data.republished_from,
        "url": data.url,
        "byline": data.byline,
        "languages": data.languages or detect_languages(layout.main_text(text)),
        "published_start": published.start if published else None,
        "published_end": published.end if published else None,
        "published_precision": published.precision if published else "",
        "main_ranges": layout.main_ranges,
        "duplicate_ranges": layout.duplicate_ranges,
    }


def documents_like(data: DocumentInput):
    """The documents `data` would be: the same text, or the same file name or URL."""
    same = Q(content_hash=content_hash(data.text))
    if data.filename:
        same |= Q(filename=data.filename)
    if data.url:
        same |= Q(url=data.url)
    return Document.objects.filter(same).order_by("pk")


@transaction.atomic
def document_import(*, data: DocumentInput, update: bool = False, reason: str = "imported") -> ImportOutcome:
    """Import one document in its own transaction.

    The same text again is `unchanged` (with `update`, its metadata is refreshed). A changed text for a
    document already known by file name or URL is refused unless `update`; then its claims are
    re-anchored by quote and context, and those that cannot be are kept, marked detached and reported.
    A new document's history says `reason`.
    """
    text = data.text
    digest = content_hash(text)
    known = list(documents_like(data).select_for_update())
    existing = next((doc for doc in known if doc.content_hash == digest), None)
    if existing is not None:
        if not update:
            return ImportOutcome(UNCHANGED, existing)
        changed = _apply(existing, _document_fields(data, text))
        return ImportOutcome(UPDATED if changed else UNCHANGED, existing)

    prior = known[0] if known else None
    if prior is None:
        document = Document(text=text, filename=data.filename, imported_at=timezone.now(),
                            **_document_fields(data, text))
        _validate(document)
        recorded(document, reason=reason).save()
        return ImportOutcome(IMPORTED, document)
    if not update:
        raise ImportRefused(f"the text differs from document #{prior.pk} of the same file name or URL; "
                            "use --update to replace it (its claims are re-anchored)")
    prior.text = text
    prior.imported_at = timezone.now()
    _apply(prior, _document_fields(data, text))
    return ImportOutcome(UPDATED, prior, detached=_reanchor_claims(prior))


def _apply(document: Document, values: dict) -> bool:
    """Set fields that differ, validate and save; True when anything changed."""
    changed = [name for name, value in values.items() if getattr(document, name) != value]
    for name in changed:
        setattr(document, name, values[name])
    if changed or document.content_hash != content_hash(document.text):
        _validate(document)
        recorded(document, reason="re-imported").save()
        return True
    return False


def _validate(document: Document) -> None:
    """Field checks and clean(); the database itself enforces the unique and check constraints, which
    full_clean() would otherwise test with a query each (half the cost of an import)."""
    document.full_clean(validate_unique=False, validate_constraints=False)


def _reanchor_claims(document: Document) -> list[int]:
    """Move each claim to where its quote stands in the revised text; return the ids that could not be."""
    text = document.text
    detached = []
    claims = list(document.claims.order_by("start"))
    for claim in claims:
        start = reanchor(text, claim.quote, claim.prefix, claim.suffix, hint=claim.start)
        if start is None:
            claim.detached = True
            detached.append(claim.pk)
        else:
            claim.start, claim.end, claim.detached = start, start + len(claim.quote), False
            claim.prefix, claim.suffix = context(text, claim.start, claim.end)
    bulk_update_with_history(claims, Claim, ["start", "end", "prefix", "suffix", "detached"],
                             default_change_reason="re-anchored after the text was re-imported")
    return detached


def document_create(*, data: DocumentInput, reason: str = "imported") -> Document:
    """Create a document from its text and metadata (what is missing is detected); refuses a known text."""
    outcome = document_import(data=data, reason=reason)
    if outcome.status != IMPORTED:
        raise ImportRefused(f"This text is already document #{outcome.document.pk}.")
    return outcome.document


@transaction.atomic
def document_update(*, document: Document, user=None, reason: str = "", **fields) -> Document:
    """Change a document's metadata; its text changes only by re-import, which re-anchors its claims."""
    for name, value in fields.items():
        setattr(document, name, value)
    document_check_text(document)
    _validate(document)
    recorded(document, reason=reason, user=user).save()
    return document


def document_check_text(document: Document) -> None:
    """Refuse a stored document whose text differs from the one in the database."""
    if not Document.objects.filter(pk=document.pk, content_hash=content_hash(document.text)).exists():
        raise ValidationError({"text": TEXT_FIXED})


def document_delete(*, document: Document, user=None, reason: str = "") -> None:
    """Delete a document no claim refers to."""
    recorded(document, reason=reason, user=user).delete()
