"""Claims: spans of a document's text stating a figure, an event or a statement, with actors in roles."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from claims.text.dates import format_interval, interval_problem

from .actor import Actor
from .base import DatePrecision, Language, TimeStampedModel, date_interval_constraints
from .document import Document

REVIEW_CODENAME = "review_claim"
REVIEW_PERMISSION = f"claims.{REVIEW_CODENAME}"  # the name user.has_perm() takes: reviewers set status and verdict
VALUE = {"max_digits": 30, "decimal_places": 6, "null": True, "blank": True}


class ClaimQuerySet(models.QuerySet):
    def for_api(self):
        """Everything a claim's representation shows, fetched in a fixed number of queries."""
        return self.select_related("document__source").prefetch_related(
            models.Prefetch("claim_actors", queryset=ClaimActor.objects.select_related("actor")),
            "links_from", "links_to",
        )

    def published_reviews(self):
        """Claims whose review is published: reviewed, with a verdict (the ClaimReview and the public pages)."""
        return self.filter(status=Claim.Status.REVIEWED).exclude(verdict="")

    def with_link_relation(self, relation: str):
        """Claims with a link of `relation` (either direction) that has not been rejected."""
        from .link import ClaimLink

        links = ClaimLink.objects.filter(relation=relation).exclude(status=ClaimLink.Status.REJECTED)
        return self.filter(models.Exists(links.filter(from_claim=models.OuterRef("pk")))
                           | models.Exists(links.filter(to_claim=models.OuterRef("pk"))))


    def with_link_count(self):
        """Claims with `link_count`, their links in either direction, counted in the same query."""
        from .link import ClaimLink

        def count(side: str):
            links = ClaimLink.objects.filter(**{side: models.OuterRef("pk")}).order_by().values(side)
            return Coalesce(models.Subquery(links.annotate(n=models.Count("pk")).values("n")), 0)

        return self.annotate(link_count=count("from_claim") + count("to_claim"))


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):
    def get_by_natural_key(self, content_hash, start, end, kind):
        return self.get(document__content_hash=content_hash, start=start, end=end, kind=kind)


class Claim(TimeStampedModel):
    """A span of a document's text that states a figure, an event or a statement, normalised for querying."""

    class Kind(models.TextChoices):
        FIGURE = "figure", "figure"
        EVENT = "event", "event"
        STATEMENT = "statement", "statement"

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "suggested"
        DRAFT = "draft", "draft"
        REVIEWED = "reviewed", "reviewed"
        DISPUTED = "disputed", "disputed"
        REJECTED = "rejected", "rejected"

    class Verdict(models.TextChoices):
        TRUE = "true", "true"
        MOSTLY_TRUE = "mostly_true", "mostly true"
        MIXED = "mixed", "mixed"
        MOSTLY_FALSE = "mostly_false", "mostly false"
        FALSE = "false", "false"
        UNVERIFIABLE = "unverifiable", "unverifiable"

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="claims")
    start = models.PositiveIntegerField(help_text="Offset of the first code point of the span in the text.")
    end = models.PositiveIntegerField(help_text="Offset just past the last code point of the span.")
    quote = models.TextField(help_text="The text at the span, exactly.")
    prefix = models.CharField(max_length=64, blank=True, help_text="Text just before the span, to re-anchor it.")
    suffix = models.CharField(max_length=64, blank=True, help_text="Text just after the span, to re-anchor it.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    verdict = models.CharField(max_length=15, choices=Verdict.choices, blank=True)
    language = models.CharField(max_length=10, choices=Language.choices)
    paraphrase = models.TextField(blank=True, help_text="An English rendering; essential for Chinese quotes.")
    note = models.TextField(blank=True)
    detached = models.BooleanField(
        default=False,
        help_text="The document's text was revised and this quote could not be found again; "
                  "start and end are its old offsets until an editor places it.")

    # Figures: the value as stated, and the bounds words like "nearly" or 超过 put on it.
    value = models.DecimalField(**VALUE)
    value_low = models.DecimalField(**VALUE, help_text="Lower bound ('more than 20,000' is over 20,000).")
    value_high = models.DecimalField(**VALUE, help_text="Upper bound ('nearly 47,000' is at most 47,000).")
    unit = models.CharField(max_length=200, blank=True, help_text="What is counted: websites, infected hosts, USD.")

    # Events: when it happened. Figures: the date or period the figure refers to.
    date_start = models.DateField(null=True, blank=True)
    date_end = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    event_type = models.CharField(max_length=100, blank=True)
    place = models.CharField(max_length=200, blank=True, help_text="Where the event happened or the figure applies.")

    actors = models.ManyToManyField(Actor, through="ClaimActor", related_name="claims", blank=True)
    search_vector = SearchVectorField(null=True, editable=False,
                                      help_text="Filled by a PostgreSQL trigger from quote and paraphrase.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = ClaimManager()

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["document_id", "start", "id"]  # document_id: "document" would sort by its publication date
        permissions = [(REVIEW_CODENAME, "Can set the status and verdict of claims")]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_span_ordered"),
            models.UniqueConstraint(fields=["document", "start", "end", "kind"], name="claim_span_kind_unique"),
            models.CheckConstraint(
                condition=Q(value_low__isnull=True) | Q(value_high__isnull=True) | Q(value_low__lte=F("value_high")),
                name="claim_bounds_ordered"),
            models.CheckConstraint(
                condition=Q(value_low__isnull=True) | Q(value__isnull=True) | Q(value_low__lte=F("value")),
                name="claim_value_above_low"),
            models.CheckConstraint(
                condition=Q(value_high__isnull=True) | Q(value__isnull=True) | Q(value__lte=F("value_high")),
                name="claim_value_below_high"),
            models.CheckConstraint(
                condition=Q(kind="figure") | Q(value__isnull=True, value_low__isnull=True, value_high__isnull=True),
                name="claim_value_only_on_figures"),
            *date_interval_constraints("date", "claim"),
        ]
        indexes = [  # one per filter of the API
            models.Index(fields=["kind", "date_start", "date_end"], name="claim_kind_date_idx"),
            # (key, id): a filter on the key, and each ordering's pages, both ways, from any row on (keyset cursors)
            models.Index(fields=["date_start", "id"], name="claim_date_start_id_idx"),
            models.Index(fields=["date_end"], name="claim_date_end_idx"),
            models.Index(fields=["value", "id"], name="claim_value_id_idx"),
            models.Index(fields=["created_at", "id"], name="claim_created_id_idx"),
            models.Index(fields=["updated_at", "id"], name="claim_updated_id_idx"),
            models.Index(fields=["value_low"], name="claim_value_low_idx"),
            models.Index(fields=["value_high"], name="claim_value_high_idx"),
            models.Index(fields=["language"], name="claim_language_idx"),
            models.Index(fields=["verdict"], name="claim_verdict_idx"),
            models.Index(fields=["unit"], name="claim_unit_idx"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.quote[:60]}"

    def natural_key(self):
        content_hash = Document.objects.filter(pk=self.document_id).values_list("content_hash", flat=True).get()
        return (content_hash, self.start, self.end, self.kind)

    natural_key.dependencies = ["claims.document"]

    @property
    def date_iso(self) -> str | None:
        """The date cut to its precision ("2013", "2013-10", "2013-10-01"), or None when unknown."""
        return format_interval(self.date_start, self.date_end, self.date_precision)

    def clean(self):
        errors = {}
        if self.start is not None and self.end is not None and not self.detached:
            if self.start >= self.end:
                errors["end"] = "The span must end after it starts."
            elif self.document_id is not None:
                text = self.document.text
                if self.end > len(text):
                    errors["end"] = f"The span ends at {self.end}, past the end of the text ({len(text)})."
                elif self.quote != text[self.start:self.end]:
                    errors["quote"] = (f"The quote does not match the text at {self.start}..{self.end}, "
                                       f"which reads {text[self.start:self.end]!r}.")
        low, value, high = self.value_low, self.value, self.value_high
        if low is not None and high is not None and low > high:
            errors["value_low"] = "The lower bound is above the upper bound."
        elif value is not None and ((low is not None and value < low) or (high is not None and value > high)):
            errors["value"] = "The value lies outside its bounds."
        if self.kind != self.Kind.FIGURE and any(v is not None for v in (low, value, high)):
            errors["value"] = "Only figures have a value."
        problem = interval_problem(self.date_start, self.date_end, self.date_precision)
        if problem:
            errors["date_start"] = problem
        if errors:
            raise ValidationError(errors)


class ClaimActorManager(models.Manager):
    def get_by_natural_key(self, content_hash, start, end, kind, actor_slug, role):
        return self.get(claim=Claim.objects.get_by_natural_key(content_hash, start, end, kind),
                        actor__slug=actor_slug, role=role)


class ClaimActor(models.Model):
    """An actor in a role in a claim: who claims it, who it is about, who took part, who is cited."""

    class Role(models.TextChoices):
        CLAIMANT = "claimant", "claimant or speaker"
        SUBJECT = "subject", "subject"
        PARTICIPANT = "participant", "participant"
        CITED_SOURCE = "cited_source", "cited source"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="claim_actors")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="claim_roles")
    role = models.CharField(max_length=15, choices=Role.choices)

    objects = ClaimActorManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "role", "actor"]
        constraints = [models.UniqueConstraint(fields=["claim", "actor", "role"], name="claim_actor_role_unique")]
        indexes = [models.Index(fields=["actor", "role"], name="claim_actor_role_idx")]

    def __str__(self):
        return f"{self.actor} as {self.role}"

    def natural_key(self):
        return (*self.claim.natural_key(), self.actor.slug, self.role)

    natural_key.dependencies = ["claims.claim", "claims.actor"]
