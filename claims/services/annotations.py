"""Loading curated annotations (a fixture with natural keys only, as build_seed_fixture writes it).

What the database never held is added through the services, with history. What it holds, or held until a user
deleted or moved it, is left as the users left it: loading again changes nothing they changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError
from django.db import transaction
from django.db.models import Model

from claims.models import Actor, ActorAlias, Claim, ClaimActor, ClaimLink

from .rows import row_save

CURATED = "loaded from the curated annotations"
# the fields that make a row the same row, in the table or in its history
IDENTITY = {Actor: ["slug"], ActorAlias: ["actor", "name"], Claim: ["document", "start", "end", "kind"],
            ClaimActor: ["claim", "actor", "role"], ClaimLink: ["from_claim", "to_claim", "relation"]}


@dataclass
class AnnotationsSummary:
    """What a load did: rows added and rows left as they are; entries naming a row that is not here (`missing`)
    and entries their service refused (`refused`), each with why."""

    added: int = 0
    kept: int = 0
    missing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def __str__(self):
        return (f"{self.added} added, {self.kept} left as users left them, "
                f"{len(self.missing)} naming rows that are not here, {len(self.refused)} refused")


@transaction.atomic
def annotations_load(*, path: Path) -> AnnotationsSummary:
    """Add each row of the fixture at `path` that this database never held; leave every other one alone, giving
    one loaded before history was kept its first history entry."""
    summary = AnnotationsSummary()
    for number, entry in enumerate(json.loads(path.read_text(encoding="utf-8")), 1):
        where = f"entry {number} ({entry.get('model')})"
        try:
            row = next(serializers.deserialize("python", [entry])).object
        except DeserializationError as exc:  # it names a row that is not here: deleted, or never imported
            summary.missing.append(f"{where}: {' '.join(str(exc).split())}")
            continue
        if row.pk is not None:
            _give_history(row)
            summary.kept += 1
        elif _held_before(row):
            summary.kept += 1
        else:
            try:
                row_save(row=row, reason=CURATED)
            except ValidationError as exc:
                summary.refused.append(f"{where}: {'; '.join(exc.messages)}")
                continue
            summary.added += 1
    return summary


def _held_before(row: Model) -> bool:
    """Whether the history holds a row of this identity (since deleted, or moved to another span)."""
    fields = [type(row)._meta.get_field(name).attname for name in IDENTITY[type(row)]]
    return type(row).history.filter(**{name: getattr(row, name) for name in fields}).exists()


def _give_history(row: Model) -> None:
    """A first history entry, as of its last change, for a row loaded without one (by loaddata, before)."""
    model = type(row)
    if not model.history.filter(**{model._meta.pk.attname: row.pk}).exists():
        stored = model._default_manager.get(pk=row.pk)
        model.history.bulk_history_create([stored], default_change_reason=CURATED,
                                          default_date=getattr(stored, "updated_at", None))
