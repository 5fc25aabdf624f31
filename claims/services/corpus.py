"""Backup and restore: every row of the corpus, with its history and the users behind it, as JSON Lines.

A file starts with a header line naming the format, then one line per row in Django's jsonl
serialisation (model, pk, fields), tables in an order that satisfies their foreign keys. A restore
goes into an empty database in one transaction: it lands whole or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import IO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import Model

from claims.sql import sequences_reset, snapshot_read_only

FORMAT, VERSION = "claimtrack-corpus", 1
BATCH = 1000
# parents before children; history after the rows it records
MODELS = ["auth.user", "authtoken.token", "claims.source", "claims.actor", "claims.actoralias", "claims.document",
          "claims.claim", "claims.claimactor", "claims.claimlink", "claims.historicalsource",
          "claims.historicalactor", "claims.historicalactoralias", "claims.historicaldocument",
          "claims.historicalclaim", "claims.historicalclaimactor", "claims.historicalclaimlink"]
SKIPPED_FIELDS = {"search_vector"}  # derived: PostgreSQL's trigger fills it again from quote and paraphrase


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


class CorpusError(Exception):
    """The file cannot be restored; the message says why, in one line."""


@dataclass
class CorpusSummary:
    counts: dict[str, int]

    def __str__(self):
        return ", ".join(f"{count} {label}" for label, count in self.counts.items())


def corpus_models() -> list[type[Model]]:
    return [apps.get_model(label) for label in MODELS]


def _fields(model: type[Model]) -> list[str]:
    return [f.name for f in model._meta.local_fields if not f.primary_key and f.name not in SKIPPED_FIELDS] + \
        [f.name for f in model._meta.local_many_to_many if f.remote_field.through._meta.auto_created]


def corpus_export(stream: IO[str], *, progress: Callable[[int], None] = lambda n: None) -> CorpusSummary:
    """Write every row of MODELS to `stream`; users' groups and permissions by name (a restored database numbers
    them anew)."""
    stream.write(json.dumps({"format": FORMAT, "version": VERSION,
                             "exported_at": datetime.now(timezone.utc).isoformat()}) + "\n")
    counts = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":  # every table as of one moment, while editors work on
            snapshot_read_only()
        for model in corpus_models():
            queryset = model._default_manager.order_by("pk")
            written = 0
            for batch in _batches(queryset.iterator(chunk_size=BATCH)):
                rows = serializers.serialize("python", batch, fields=_fields(model))
                if model is get_user_model():
                    _user_links_by_name(rows)
                stream.write("".join(json.dumps(row, cls=ExactEncoder, ensure_ascii=False) + "\n" for row in rows))
                written += len(batch)
                progress(len(batch))
            counts[model._meta.label_lower] = written
    return CorpusSummary(counts)


def _batches(rows: Iterable, size: int = BATCH):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _permission_names(using: str = DEFAULT_DB_ALIAS) -> dict[int, str]:
    """Permission ids and their names as "app_label.codename"."""
    return {pk: f"{app}.{codename}" for pk, app, codename in
            Permission.objects.using(using).values_list("pk", "content_type__app_label", "codename")}


def _user_links_by_name(rows: list[dict]) -> None:
    groups, permissions = dict(Group.objects.values_list("pk", "name")), _permission_names()
    for row in rows:
        row["fields"]["groups"] = [groups[pk] for pk in row["fields"].get("groups", [])]
        row["fields"]["user_permissions"] = [permissions[pk] for pk in row["fields"].get("user_permissions", [])]


def corpus_import(stream: IO[str], *, using: str = DEFAULT_DB_ALIAS,
                  progress: Callable[[int], None] = lambda n: None) -> CorpusSummary:
    """Restore a corpus_export file into a database with no corpus rows yet, all or nothing."""
    _header(stream.readline())
    models = {model._meta.label_lower: model for model in corpus_models()}
    occupied = [label for label, model in models.items() if model._default_manager.using(using).exists()]
    if occupied:
        raise CorpusError(f"the database already holds rows ({', '.join(occupied)}): restore into an empty one")
    counts = dict.fromkeys(models, 0)
    names = {"groups": dict(Group.objects.using(using).values_list("name", "pk")),
             "user_permissions": {name: pk for pk, name in _permission_names(using).items()}}
    pending: list = []

    def flush():
        _save(pending, using)
        progress(len(pending))
        pending.clear()

    with transaction.atomic(using=using):
        for number, line in enumerate(stream, start=2):
            if not line.strip():
                continue
            row = _row(line, number, models, names)
            if pending and type(pending[-1].object) is not type(row.object):
                flush()
            pending.append(row)
            counts[row.object._meta.label_lower] += 1
            if len(pending) == BATCH:
                flush()
        flush()
        sequences_reset(list(models.values()), using)
    return CorpusSummary(counts)


def _header(line: str) -> dict:
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise CorpusError(f"not a claimtrack corpus file (the first line must be the {FORMAT} header)")
    if header.get("version") != VERSION:
        raise CorpusError(f"corpus format version {header.get('version')!r} is not supported (expected {VERSION})")
    return header


def _row(line: str, number: int, models: dict, names: dict):
    try:
        row = json.loads(line)
        label = row["model"].lower()
        if label not in models:
            raise CorpusError(f"line {number}: unexpected model {row['model']!r}")
        if label == "auth.user":
            for field, known in names.items():
                missing = [name for name in row["fields"].get(field, []) if name not in known]
                if missing:
                    raise CorpusError(f"line {number}: unknown {field.replace('_', ' ')[:-1]} {missing[0]!r}")
                row["fields"][field] = [known[name] for name in row["fields"].get(field, [])]
        return next(serializers.deserialize("jsonl", json.dumps(row), handle_forward_references=False))
    except CorpusError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, serializers.base.DeserializationError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CorpusError(f"line {number}: {reason}") from None


def _save(rows: list, using: str) -> None:
    if not rows:
        return
    model = type(rows[0].object)
    # bulk_create would stamp auto_now fields with the time of the restore: insert the values as they were
    # (raw, as loaddata's save(raw=True) does, but a batch per statement)
    model._base_manager.using(using)._insert([row.object for row in rows], fields=model._meta.concrete_fields,
                                             raw=True, using=using)
    for row in rows:
        for name, values in (row.m2m_data or {}).items():
            getattr(row.object, name).set(values)
