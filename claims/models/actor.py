"""Actors: the people, organisations and states that claims are made by and about."""

from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords
from django.db.models import Q

from .base import TimeStampedModel


class ActorManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Actor(TimeStampedModel):
    """A person, organisation, government body or state, named in one or more languages."""

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        ORGANISATION = "organisation", "organisation"
        GOVERNMENT_BODY = "government_body", "government body"
        STATE = "state", "state"
        INTERGOVERNMENTAL = "intergovernmental", "intergovernmental body"
        COMPANY = "company", "company"
        EVENT_SERIES = "event_series", "conference or forum"
        OTHER = "other", "other"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=300, help_text="Canonical name, usually in English.")
    slug = models.SlugField(max_length=100, unique=True)
    wikidata_id = models.CharField(
        max_length=20, blank=True, validators=[RegexValidator(r"^Q[1-9]\d*$", "A Wikidata id looks like Q148.")]
    )
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. CN")

    objects = ActorManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["wikidata_id"], condition=~Q(wikidata_id=""),
                                    name="actor_wikidata_id_unique"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="actor_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class ActorAliasManager(models.Manager):
    def get_by_natural_key(self, actor_slug, name):
        return self.get(actor__slug=actor_slug, name=name)


class ActorAlias(models.Model):
    """Another name of an actor, in a language and script of its own (习近平, 習近平, Xi Jinping)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300, db_index=True)
    language = models.CharField(max_length=10, blank=True, help_text="BCP-47 tag, e.g. en, zh-Hans, zh-Hant.")

    objects = ActorAliasManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["actor", "language", "name"]
        constraints = [models.UniqueConstraint(fields=["actor", "name"], name="actor_alias_unique")]
        verbose_name_plural = "actor aliases"

    def __str__(self):
        return f"{self.name} ({self.language})" if self.language else self.name

    def natural_key(self):
        return (self.actor.slug, self.name)

    natural_key.dependencies = ["claims.actor"]
