"""Documents: the verbatim texts claims are made in."""

import hashlib

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models
from simple_history.models import HistoricalRecords

from claims.text.dates import interval_problem

from .base import DatePrecision, Language, TimeStampedModel, date_interval_constraints
from .source import Source


def content_hash(text: str) -> str:
    """SHA-256 of a document's text, hex: its identity across imports and fixtures."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DocumentQuerySet(models.QuerySet):
    def with_language(self, tag: str):
        """Documents whose languages include `tag` (JSON containment where the database has it)."""
        if connections[self.db].vendor == "postgresql":
            return self.filter(languages__contains=[tag])
        return self.filter(languages__icontains=f'"{tag}"')


class DocumentManager(models.Manager.from_queryset(DocumentQuerySet)):
    def get_by_natural_key(self, content_hash):
        return self.get(content_hash=content_hash)


class Document(TimeStampedModel):
    """A document's full text, kept verbatim, with where and when it was published."""

    title = models.CharField(max_length=500)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    republished_from = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="republished_documents",
        help_text="The outlet the text was first published by, where this is a republication.",
    )
    url = models.URLField(max_length=1000, blank=True)
    byline = models.CharField(max_length=300, blank=True, help_text="Author or speaker as the document names them.")
    published_start = models.DateField(null=True, blank=True)
    published_end = models.DateField(null=True, blank=True)
    published_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    languages = models.JSONField(default=list, blank=True, help_text="BCP-47 tags: en, zh-Hans, zh-Hant.")
    text = models.TextField(help_text="The full text exactly as imported; never normalised in place.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    filename = models.CharField(max_length=255, blank=True, db_index=True,
                                help_text="Name of the file (or file#line of a JSON Lines batch) it came from.")
    main_ranges = models.JSONField(
        default=list, blank=True,
        help_text="[[start, end], ...] of the main text; the rest is page chrome (share buttons, footers).")
    duplicate_ranges = models.JSONField(
        default=list, blank=True,
        help_text="[[start, end, original_start], ...] of blocks that repeat earlier text in the document.")
    imported_at = models.DateTimeField(null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False,
                                      help_text="Filled by a PostgreSQL trigger from title and text.")

    objects = DocumentManager()

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["-published_start", "id"]
        constraints = [
            *date_interval_constraints("published", "document"),
            models.CheckConstraint(condition=~models.Q(text=""), name="document_text_not_empty"),
        ]
        indexes = [
            models.Index(fields=["published_start"], name="document_published_start_idx"),
            models.Index(fields=["published_end"], name="document_published_end_idx"),
            models.Index(fields=["url"], name="document_url_idx"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.content_hash,)

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)

    def clean(self):
        self.content_hash = content_hash(self.text)
        unknown = sorted(set(self.languages or []) - set(Language.values))
        if unknown:
            raise ValidationError({"languages": f"unknown language tags {unknown}; use {Language.values}"})
        problem = interval_problem(self.published_start, self.published_end, self.published_precision)
        if problem:
            raise ValidationError({"published_start": problem})
