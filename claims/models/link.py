"""Links between claims that corroborate, contradict or translate each other."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least

from .base import TimeStampedModel
from .claim import Claim


class ClaimLinkManager(models.Manager):
    def get_by_natural_key(self, *key):
        *from_key, relation = key
        return self.get(from_claim=Claim.objects.get_by_natural_key(*from_key[:4]),
                        to_claim=Claim.objects.get_by_natural_key(*from_key[4:]), relation=relation)


class ClaimLink(TimeStampedModel):
    """A relation between two claims, in any documents and languages; one per unordered pair and relation."""

    class Relation(models.TextChoices):
        CORROBORATES = "corroborates", "corroborates"
        CONFLICTS = "conflicts", "conflicts with"
        TRANSLATION = "translation", "translation of"
        SAME_EVENT = "same_event", "same event as"
        RELATED = "related", "related to"

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "suggested"
        CONFIRMED = "confirmed", "confirmed"
        REJECTED = "rejected", "rejected"

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_from")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_to")
    relation = models.CharField(max_length=15, choices=Relation.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    note = models.TextField(blank=True, help_text="Why the claims are linked; for near-conflicts, why they are not.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = ClaimLinkManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_claim=F("to_claim")), name="claimlink_not_self"),
            models.UniqueConstraint(Least("from_claim", "to_claim"), Greatest("from_claim", "to_claim"),
                                    "relation", name="claimlink_unordered_pair_unique"),
        ]
        indexes = [
            models.Index(fields=["from_claim", "relation"], name="claimlink_from_relation_idx"),
            models.Index(fields=["to_claim", "relation"], name="claimlink_to_relation_idx"),
            # the claims with a live link of a relation (ClaimQuerySet.with_link_relation), read from the index
            # alone instead of the whole table
            models.Index(fields=["relation", "from_claim", "to_claim"], condition=~Q(status="rejected"),
                         name="claimlink_live_relation_idx"),
        ]

    def __str__(self):
        return f"{self.from_claim_id} {self.relation} {self.to_claim_id}"

    def natural_key(self):
        return (*self.from_claim.natural_key(), *self.to_claim.natural_key(), self.relation)

    natural_key.dependencies = ["claims.claim"]

    def clean(self):
        if self.from_claim_id is not None and self.from_claim_id == self.to_claim_id:
            raise ValidationError({"to_claim": "A claim cannot be linked to itself."})
        if self.from_claim_id and self.to_claim_id:
            pair = Q(from_claim=self.from_claim_id, to_claim=self.to_claim_id) | Q(
                from_claim=self.to_claim_id, to_claim=self.from_claim_id)
            duplicate = ClaimLink.objects.filter(pair, relation=self.relation).exclude(pk=self.pk)
            if duplicate.exists():
                raise ValidationError(f"These claims are already linked as {self.relation!r}.")
