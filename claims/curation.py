"""Build the curated-annotation fixture from its readable source.

Editors write `fixtures/seed_annotations.toml`: actors, then claims by quote (or by the words that open and
close the span), then links by claim label. This turns it into `fixtures/seed_annotations.json`, a Django
fixture with natural keys only (documents by content hash, actors by slug, claims by document, span and
kind), so that `loaddata` works on any database into which the seeds were imported.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from claims.text.dates import FuzzyDate
from claims.text.layout import analyse
from claims.text.spans import context

from .models import content_hash

TIMESTAMP = "2026-11-22T00:00:00Z"  # when the seed annotations were curated
CLAIM_KEYS = {"label", "doc", "quote", "occurrence", "from", "to", "kind", "language", "value", "value_low",
              "value_high", "unit", "date", "event_type", "place", "paraphrase", "note", "actors", "status"}


class CurationError(ValueError):
    """A spec entry that cannot be placed or understood; the message names it."""


def _date(value: str) -> dict:
    first, _, last = value.partition("/")
    start, end = FuzzyDate.parse(first), FuzzyDate.parse(last or first)
    if start.precision != end.precision:
        raise ValueError(f"{value!r}: both ends need the same precision")
    return {"date_start": start.start.isoformat(), "date_end": end.end.isoformat(),
            "date_precision": start.precision}


class _Document:
    def __init__(self, path: Path):
        self.text = path.read_bytes().decode("utf-8")
        self.hash = content_hash(self.text)
        self.main = analyse(self.text).main_ranges

    def in_main(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.main)

    def find(self, needle: str, after: int = 0, occurrence: int = 1) -> int:
        """Offset of the nth occurrence of `needle` in the main text at or after `after`."""
        seen, at = 0, self.text.find(needle, after)
        while at != -1:
            if self.in_main(at, at + len(needle)):
                seen += 1
                if seen == occurrence:
                    return at
            at = self.text.find(needle, at + 1)
        raise CurationError(f"{needle!r} occurs {seen} time(s) in the main text, not {occurrence}")


def build(spec_path: Path, seeds_dir: Path) -> list[dict]:
    """The fixture objects, in loading order; raises CurationError on the first entry that does not fit."""
    spec = tomllib.loads(spec_path.read_text(encoding="utf-8"))
    documents = {path.name[:3]: _Document(path) for path in sorted(seeds_dir.glob("*.txt"))}
    objects: list[dict] = []
    for actor in spec.get("actors", []):
        aliases = actor.pop("aliases", [])
        parent = actor.pop("parent", None)
        objects.append({"model": "claims.actor", "fields": {
            **actor, "parent": [parent] if parent else None, "created_at": TIMESTAMP, "updated_at": TIMESTAMP}})
        for name, language in aliases:
            objects.append({"model": "claims.actoralias",
                            "fields": {"actor": [actor["slug"]], "name": name, "language": language}})

    keys: dict[str, list] = {}
    claim_actors = []
    for entry in spec.get("claims", []):
        label = entry.get("label", "?")
        try:
            fields, actors = _claim(entry, documents)
        except (CurationError, ValueError, KeyError) as exc:
            raise CurationError(f"claim {label}: {exc}") from None
        if label in keys:
            raise CurationError(f"claim {label}: the label is used twice")
        keys[label] = [fields["document"][0], fields["start"], fields["end"], fields["kind"]]
        objects.append({"model": "claims.claim", "fields": fields})
        claim_actors += [{"model": "claims.claimactor", "fields": {"claim": keys[label], "actor": [slug], "role": role}}
                         for slug, role in actors]
    objects += claim_actors
    for link in spec.get("links", []):
        try:
            ends = {"from_claim": keys[link["from"]], "to_claim": keys[link["to"]]}
        except KeyError as exc:
            raise CurationError(f"link {link}: no claim labelled {exc}") from None
        objects.append({"model": "claims.claimlink", "fields": {
            **ends, "relation": link["relation"], "status": "confirmed", "note": link.get("note", ""),
            "created_at": TIMESTAMP, "updated_at": TIMESTAMP}})
    return objects


def _claim(entry: dict, documents: dict[str, _Document]) -> tuple[dict, list]:
    unknown = set(entry) - CLAIM_KEYS
    if unknown:
        raise CurationError(f"unknown keys {sorted(unknown)}")
    document = documents[entry["doc"]]
    if "quote" in entry:
        start = document.find(entry["quote"], occurrence=entry.get("occurrence", 1))
        end = start + len(entry["quote"])
    else:
        start = document.find(entry["from"], occurrence=entry.get("occurrence", 1))
        end = document.find(entry["to"], after=start) + len(entry["to"])
    prefix, suffix = context(document.text, start, end)
    fields = {
        "document": [document.hash], "start": start, "end": end, "quote": document.text[start:end],
        "prefix": prefix, "suffix": suffix, "kind": entry["kind"], "status": entry.get("status", "reviewed"),
        "language": entry.get("language", "en"), "paraphrase": entry.get("paraphrase", ""),
        "note": entry.get("note", ""), "unit": entry.get("unit", ""), "event_type": entry.get("event_type", ""),
        "place": entry.get("place", ""), "created_at": TIMESTAMP, "updated_at": TIMESTAMP,
        **{key: entry.get(key) for key in ("value", "value_low", "value_high")},
        **(_date(entry["date"]) if entry.get("date") else {"date_start": None, "date_end": None,
                                                           "date_precision": ""}),
    }
    if fields["language"] != "en" and not fields["paraphrase"]:
        raise CurationError("a Chinese quote needs an English paraphrase")
    return fields, entry.get("actors", [])


def dump(objects: list[dict]) -> str:
    """The fixture as stable, reviewable JSON."""
    return json.dumps(objects, ensure_ascii=False, indent=1) + "\n"
