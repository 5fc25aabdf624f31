"""Sources: the publishers and outlets documents come from."""

from django.db import models
from simple_history.models import HistoricalRecords

from .base import Language, TimeStampedModel


class SourceManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Source(TimeStampedModel):
    """A publisher or outlet: a state medium, a ministry, a news site, a blog."""

    class Kind(models.TextChoices):
        STATE_MEDIA = "state_media", "state media"
        MINISTRY = "ministry", "ministry or government body"
        NEWS_SITE = "news_site", "news site"
        TRADE_PRESS = "trade_press", "trade press"
        BLOG = "blog", "blog"
        THINK_TANK = "think_tank", "think tank"
        OTHER = "other", "other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    homepage = models.URLField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. CN")
    primary_language = models.CharField(max_length=10, choices=Language.choices, blank=True)
    notes = models.TextField(blank=True)

    objects = SourceManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)
