"""Sources and actors: the catalogue documents and claims refer to."""

from collections.abc import Iterable

from django.db import transaction

from claims.models import Actor, ActorAlias, Source

from .history import recorded, validated_save


@transaction.atomic
def source_save(*, source: Source | None = None, user=None, reason: str = "", **fields) -> Source:
    """Create a source, or change one; validated as a whole."""
    source = source or Source()
    for name, value in fields.items():
        setattr(source, name, value)
    return validated_save(source, reason=reason, user=user)


@transaction.atomic
def source_define(*, slug: str, update: bool = False, reason: str = "", **fields) -> Source:
    """The source `slug`, created with `fields` if it is missing; with `update`, an existing one is brought in
    line with them (and saved only if anything differs)."""
    source = Source.objects.filter(slug=slug).first()
    if source is None:
        return source_save(slug=slug, reason=reason, **fields)
    changed = {name: value for name, value in fields.items() if getattr(source, name) != value}
    return source_save(source=source, reason=reason, **changed) if update and changed else source


def source_delete(*, source: Source, user=None, reason: str = "") -> None:
    """Delete a source no document refers to."""
    recorded(source, reason=reason, user=user).delete()


@transaction.atomic
def actor_save(*, actor: Actor | None = None, aliases: Iterable[dict] | None = None, user=None, reason: str = "",
               **fields) -> Actor:
    """Create an actor, or change one; `aliases` ({name, language} each), when given, replaces its aliases."""
    actor = actor or Actor()
    for name, value in fields.items():
        setattr(actor, name, value)
    validated_save(actor, reason=reason, user=user)
    if aliases is not None:
        aliases = list(aliases)
        for alias in actor.aliases.exclude(name__in=[a["name"] for a in aliases]):
            actor_alias_delete(alias=alias, user=user, reason=reason)
        for alias in aliases:
            row = actor.aliases.filter(name=alias["name"]).first() or ActorAlias(actor=actor, name=alias["name"])
            if row._state.adding or row.language != alias.get("language", ""):
                row.language = alias.get("language", "")
                actor_alias_save(alias=row, user=user, reason=reason)
    return actor


@transaction.atomic
def actor_delete(*, actor: Actor, user=None, reason: str = "") -> None:
    """Delete an actor with its aliases, each deletion recorded with `reason`."""
    for alias in actor.aliases.all():
        actor_alias_delete(alias=alias, user=user, reason=reason)
    recorded(actor, reason=reason, user=user).delete()


@transaction.atomic
def actor_alias_save(*, alias: ActorAlias, user=None, reason: str = "") -> ActorAlias:
    """Validate and save one of an actor's names."""
    return validated_save(alias, reason=reason, user=user)


def actor_alias_delete(*, alias: ActorAlias, user=None, reason: str = "") -> None:
    """Delete one of an actor's names."""
    recorded(alias, reason=reason, user=user).delete()
