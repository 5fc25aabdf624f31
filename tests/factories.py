"""factory-boy factories for every model; claims always get valid spans of their document's text."""

import random
import re
from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from faker import Faker

from claims.models import Actor, ActorAlias, Claim, ClaimActor, ClaimLink, Document, Source
from claims.text.dates import FuzzyDate
from claims.text.spans import context

fake = Faker()


class UserFactory(DjangoModelFactory):
    """A user with a usable password ("password")."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("password")


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Source.Kind.NEWS_SITE
    country = "CN"
    primary_language = "en"


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Faker("sentence", nb_words=6)
    source = factory.SubFactory(SourceFactory)
    text = factory.LazyAttributeSequence(
        lambda o, n: f"{o.title}\n\nDocument {n}. " + " ".join(fake.paragraphs(nb=4))
    )
    languages = factory.LazyFunction(lambda: ["en"])
    filename = factory.Sequence(lambda n: f"doc_{n:05d}.txt")
    published_start = date(2015, 9, 26)
    published_end = date(2015, 9, 26)
    published_precision = "day"


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ["slug"]

    kind = Actor.Kind.STATE
    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    country = "CN"


class ActorAliasFactory(DjangoModelFactory):
    class Meta:
        model = ActorAlias

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"别名 {n}")
    language = "zh-Hans"


def _free_span(document: Document) -> tuple[int, int]:
    """A span of one to four whole words of the document's text that no saved claim of it has yet."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", document.text)]
    taken = set(Claim.objects.filter(document=document).values_list("start", "end")) if document.pk else set()
    for _ in range(100):
        i = random.randrange(len(words))
        span = (words[i][0], words[min(len(words) - 1, i + random.randrange(4))][1])
        if span not in taken:
            return span
    raise RuntimeError("no free span left in this document")


class ClaimFactory(DjangoModelFactory):
    """A figure by default; `ClaimFactory(event=True)` gives an event with a month-precision date."""

    class Meta:
        model = Claim

    class Params:
        span = factory.LazyAttribute(lambda o: _free_span(o.document))
        event = factory.Trait(
            kind=Claim.Kind.EVENT, value=None, value_low=None, value_high=None, unit="",
            date_start=FuzzyDate.month(2013, 10).start, date_end=FuzzyDate.month(2013, 10).end,
            date_precision="month", event_type="agreement signed",
        )

    document = factory.SubFactory(DocumentFactory)
    start = factory.LazyAttribute(lambda o: o.span[0])
    end = factory.LazyAttribute(lambda o: o.span[1])
    quote = factory.LazyAttribute(lambda o: o.document.text[o.start:o.end])
    prefix = factory.LazyAttribute(lambda o: context(o.document.text, o.start, o.end)[0])
    suffix = factory.LazyAttribute(lambda o: context(o.document.text, o.start, o.end)[1])
    kind = Claim.Kind.FIGURE
    status = Claim.Status.DRAFT
    language = "en"
    value = Decimal("47000")
    value_high = Decimal("47000")
    unit = "IP addresses"
    date_start = date(2011, 1, 1)
    date_end = date(2011, 12, 31)
    date_precision = "year"


class ClaimActorFactory(DjangoModelFactory):
    class Meta:
        model = ClaimActor

    claim = factory.SubFactory(ClaimFactory)
    actor = factory.SubFactory(ActorFactory)
    role = ClaimActor.Role.SUBJECT


class ClaimLinkFactory(DjangoModelFactory):
    class Meta:
        model = ClaimLink

    from_claim = factory.SubFactory(ClaimFactory)
    to_claim = factory.SubFactory(ClaimFactory)
    relation = ClaimLink.Relation.CORROBORATES
    status = ClaimLink.Status.CONFIRMED
