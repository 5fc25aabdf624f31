"""Sources and actors: the catalogue documents and claims refer to."""

from collections.abc import Iterable

from django.db import transaction

from claims.models import Actor, ActorAlias, Source


@transaction.atomic
def source_save(*, source: Source | None = None, **fields) -> Source:
    """Create a source, or change one; validated as a whole."""
    source = source or Source()
    for name, value in fields.items():
        setattr(source, name, value)
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def actor_save(*, actor: Actor | None = None, aliases: Iterable[dict] | None = None, **fields) -> Actor:
    """Create an actor, or change one; `aliases` ({name, language} each), when given, replaces its aliases."""
    actor = actor or Actor()
    for name, value in fields.items():
        setattr(actor, name, value)
    actor.full_clean()
    actor.save()
    if aliases is not None:
        aliases = list(aliases)
        actor.aliases.exclude(name__in=[a["name"] for a in aliases]).delete()
        for alias in aliases:
            ActorAlias.objects.update_or_create(actor=actor, name=alias["name"],
                                                defaults={"language": alias.get("language", "")})
    return actor
