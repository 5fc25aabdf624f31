"""The import pipeline behind `import_documents`: files and folders in, one document per transaction.

Metadata precedence: command options, then the manifest, then what the text itself says.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from claims.models import Language, Source
from claims.text.dates import FuzzyDate
from claims.text.decoding import DecodeError, decode
from claims.text.html import html_to_text, looks_like_html

from .catalog import source_define
from .documents import IMPORTED, UNCHANGED, UPDATED, DocumentInput, ImportOutcome, ImportRefused, document_import

MANIFEST_NAME = "manifest.toml"
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FAILED = "failed"
DOCUMENT_KEYS = {"title", "source", "republished_from", "url", "byline", "published", "languages"}
MANIFEST_DOCUMENT_KEYS = DOCUMENT_KEYS | {"file"}
JSONL_KEYS = DOCUMENT_KEYS | {"text", "filename"}
SOURCE_KEYS = {"slug", "name", "homepage", "kind", "country", "primary_language", "notes"}
SOURCE_REASON = "imported"


class ImportFailure(Exception):
    """One file, line or manifest that could not be imported; the message is one line for the operator."""


@dataclass
class ImportOptions:
    """What the operator said on the command line; it overrides the manifest and detection."""

    source: Source | None = None
    languages: list[str] = field(default_factory=list)
    published: FuzzyDate | None = None
    title: str = ""
    manifest: Path | None = None
    update: bool = False
    max_bytes: int = 0

    def __post_init__(self):
        self.max_bytes = self.max_bytes or settings.CLAIMTRACK_IMPORT_MAX_BYTES


@dataclass
class ImportSummary:
    """Counts by outcome (each failure is reported as it happens, through on_failure)."""

    counts: dict[str, int] = field(default_factory=lambda: {IMPORTED: 0, UNCHANGED: 0, UPDATED: 0, FAILED: 0})

    @property
    def ok(self) -> bool:
        return not self.counts[FAILED]


@dataclass
class Item:
    """One document to import: where it comes from (for messages) and how to read it."""

    label: str
    read: Callable[[], DocumentInput]


# --- Parsing values ---------------------------------------------------------------------------------


def parse_languages(value) -> list[str]:
    """A list of BCP-47 tags from a list or a comma-separated string; unknown tags are refused."""
    tags = [t.strip() for t in (value.split(",") if isinstance(value, str) else value) if str(t).strip()]
    unknown = [t for t in tags if t not in Language.values]
    if unknown:
        raise ImportFailure(f"unknown language {unknown[0]!r} (use {', '.join(Language.values)})")
    return tags


def parse_published(value) -> FuzzyDate | None:
    if value in (None, ""):
        return None
    try:
        return FuzzyDate.parse(str(value))
    except ValueError as exc:
        raise ImportFailure(f"published: {exc}") from None


def resolve_source(value: str) -> Source:
    """An existing source by slug or name, or a new one named `value`."""
    value = value.strip()
    found = Source.objects.filter(slug=value).first() or Source.objects.filter(name__iexact=value).first()
    if found:
        return found
    slug = slugify(value)[:100]
    if not slug:
        raise ImportFailure(f"source {value!r} has no usable name")
    return source_define(slug=slug, name=value[:200], reason=SOURCE_REASON)


def _check_keys(record: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(record) - allowed)
    if unknown:
        raise ImportFailure(f"{where}unknown field {unknown[0]!r} (known: {', '.join(sorted(allowed))})")


def _metadata(record: dict, where: str = "") -> dict:
    """DocumentInput keyword arguments from a manifest entry or a JSON line; errors say `where`."""
    try:
        return _record_values(record)
    except ImportFailure as exc:
        raise ImportFailure(f"{where}{exc}") from None


def _record_values(record: dict) -> dict:
    values: dict = {}
    for key in ("title", "url", "byline"):
        if record.get(key) not in (None, ""):
            if not isinstance(record[key], str):
                raise ImportFailure(f"{key} must be a string")
            values[key] = record[key].strip()
    for key in ("source", "republished_from"):
        if record.get(key):
            values[key] = resolve_source(str(record[key]))
    if record.get("languages"):
        values["languages"] = parse_languages(record["languages"])
    if record.get("published"):
        values["published"] = parse_published(record["published"])
    return values


# --- Manifests --------------------------------------------------------------------------------------


@dataclass
class Manifest:
    """Curated metadata for the files under one folder, by their paths relative to it; `problems` are the
    sources it could not save, and `refused` the files whose entries name one of them (with why)."""

    path: Path
    documents: dict[str, dict] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)

    def metadata_for(self, file: Path) -> dict:
        """The entry for `file` (by its path relative to the manifest's folder, else its name), or {}."""
        try:
            key = file.resolve().relative_to(self.path.resolve().parent).as_posix()
        except ValueError:
            key = file.name
        if key in self.refused:
            raise ImportFailure(self.refused[key])
        return self.documents.get(key, {})


def load_manifest(path: Path, *, update: bool = False) -> Manifest:
    """Read and check a manifest and create the sources it defines (with `update`, bring those already known in
    line with it). A source that cannot be saved refuses only the documents that name it."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailure(f"cannot read manifest: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ImportFailure(f"malformed manifest: {exc}") from None
    _check_keys(raw, {"sources", "documents"}, "manifest: ")
    manifest = Manifest(path)
    unsaved = set()
    for i, entry in enumerate(raw.get("sources", []), 1):
        where = f"manifest source {i}: "
        if not isinstance(entry, dict) or not isinstance(entry.get("slug"), str) or not entry.get("name"):
            raise ImportFailure(f"{where}needs a slug and a name")
        _check_keys(entry, SOURCE_KEYS, where)
        try:
            with transaction.atomic():
                source_define(update=update, reason=SOURCE_REASON, **entry)
        except (ValidationError, DatabaseError) as exc:
            manifest.problems.append(f"{where}{entry['slug']!r} not saved: {_one_line(exc)}")
            unsaved.add(entry["slug"])
    for i, entry in enumerate(raw.get("documents", []), 1):
        where = f"manifest document {i}: "
        if not isinstance(entry, dict) or not entry.get("file"):
            raise ImportFailure(f"{where}needs a file")
        _check_keys(entry, MANIFEST_DOCUMENT_KEYS, where)
        named = [entry[key] for key in ("source", "republished_from") if str(entry.get(key)) in unsaved]
        if named:
            manifest.refused[entry["file"]] = f"not imported: its manifest source {named[0]!r} was not saved"
            continue
        for key in ("source", "republished_from"):
            if entry.get(key) and not Source.objects.filter(slug=entry[key]).exists():
                raise ImportFailure(f"{where}{key} {entry[key]!r} is not a source slug")
        manifest.documents[entry["file"]] = _metadata(entry, where)
    return manifest


# --- Reading files ----------------------------------------------------------------------------------


def read_document_file(path: Path, max_bytes: int) -> DocumentInput:
    """Decode a text or HTML file into a DocumentInput (title from HTML <title> where there is one)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportFailure(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                            "(setting CLAIMTRACK_IMPORT_MAX_BYTES)")
    text, _encoding = decode(path.read_bytes())
    title = ""
    if path.suffix.lower() in {".html", ".htm", ".xhtml"} or looks_like_html(text):
        title, text = html_to_text(text)
        if not text.strip():
            raise ImportFailure("HTML page has no text")
    return DocumentInput(text=text, filename=path.name, title=title)


def iter_jsonl(path: Path, max_bytes: int) -> Iterator[Item]:
    """One item per non-blank line of a JSON Lines batch; each line is checked when it is read."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if raw.strip():
                yield Item(f"{path}:{number}", lambda raw=raw, number=number: _jsonl_record(path, number, raw,
                                                                                           max_bytes))


def _jsonl_record(path: Path, number: int, raw: bytes, max_bytes: int) -> DocumentInput:
    try:
        record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        raise ImportFailure(f"undecodable bytes: JSON Lines must be UTF-8 (bad byte at {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(record, dict):
        raise ImportFailure("each line must be a JSON object with a \"text\"")
    _check_keys(record, JSONL_KEYS, "")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ImportFailure("empty document: \"text\" is missing or blank")
    if "\x00" in text:
        raise ImportFailure("binary content: \"text\" holds NUL characters")
    if len(text.encode("utf-8")) > max_bytes:
        raise ImportFailure(f"text is over the {max_bytes:,}-byte limit (setting CLAIMTRACK_IMPORT_MAX_BYTES)")
    filename = str(record.get("filename") or f"{path.name}#{number}")
    return DocumentInput(text=text, filename=filename, **_metadata(record))


def collect(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """The files to import under `paths` (folders recursively, sorted), each with the name it is known by
    (its path relative to the folder given, or its own name), and the paths that cannot be read."""
    files, problems = [], []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path, onerror=lambda e: problems.append((e.filename, e.strerror))):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith(".") and name != MANIFEST_NAME and Path(name).suffix.lower() in TEXT_SUFFIXES:
                        file = Path(root) / name
                        files.append((file, file.relative_to(path).as_posix()))
        elif path.is_file():
            files.append((path, path.name))
        elif path.exists() or path.is_symlink():
            problems.append((str(path), "not a regular file or folder" if path.exists() else "broken link"))
        else:
            problems.append((str(path), "no such file or folder"))
    return files, problems


# --- The run ----------------------------------------------------------------------------------------


class Importer:
    """Import files and folders, reporting each failure as one line and carrying on with the rest."""

    def __init__(self, options: ImportOptions, *, on_failure: Callable[[str, str], None] = lambda label, why: None,
                 on_outcome: Callable[[str, ImportOutcome], None] = lambda label, outcome: None):
        self.options = options
        self.summary = ImportSummary()
        self.on_failure, self.on_outcome = on_failure, on_outcome
        self._manifests: dict[Path, Manifest | ImportFailure | None] = {}

    def plan(self, paths: list[Path]) -> list[Item]:
        """Every document to import, in order; unreadable paths are counted as failures now."""
        files, problems = collect(paths)
        for label, why in problems:
            self.fail(label, why)
        if self.options.manifest is not None:  # report a malformed --manifest even if no file uses it
            try:
                self._manifest_for(self.options.manifest.parent)
            except ImportFailure:
                pass
        items: list[Item] = []
        for path, name in files:
            if path.suffix.lower() in JSONL_SUFFIXES:
                items.extend(iter_jsonl(path, self.options.max_bytes))
            else:
                items.append(Item(str(path), lambda path=path, name=name: self._read_file(path, name)))
        return items

    def run(self, items: list[Item], progress: Callable[[list[Item]], Iterator[Item]] = iter) -> ImportSummary:
        for item in progress(items):
            try:
                outcome = document_import(data=self._merge(item.read()), update=self.options.update)
            except (ImportFailure, ImportRefused, DecodeError) as exc:
                self.fail(item.label, str(exc))
            except OSError as exc:
                self.fail(item.label, f"cannot read: {exc.strerror or exc}")
            except (ValidationError, DatabaseError) as exc:  # refused by validation or the database
                self.fail(item.label, _one_line(exc))
            else:
                self.summary.counts[outcome.status] += 1
                self.on_outcome(item.label, outcome)
        return self.summary

    def fail(self, label: str, why: str) -> None:
        self.summary.counts[FAILED] += 1
        self.on_failure(label, why)

    def _read_file(self, path: Path, name: str) -> DocumentInput:
        data = read_document_file(path, self.options.max_bytes)
        data.filename = name
        manifest = self._manifest_for(path.parent)
        if manifest is not None:
            for key, value in manifest.metadata_for(path).items():
                setattr(data, key, value)
        return data

    def _manifest_for(self, folder: Path) -> Manifest | None:
        """The manifest governing files in `folder`: --manifest if given, else the folder's manifest.toml."""
        path = self.options.manifest or folder / MANIFEST_NAME
        key = path.resolve()
        if key not in self._manifests:
            self._manifests[key] = None
            if path.exists():
                try:
                    with transaction.atomic():
                        loaded = load_manifest(path, update=self.options.update)
                except (ImportFailure, ValidationError, DatabaseError) as exc:
                    self._manifests[key] = ImportFailure(_one_line(exc))
                    self.fail(str(path), _one_line(exc))
                else:
                    self._manifests[key] = loaded
                    for problem in loaded.problems:
                        self.fail(str(path), problem)
        manifest = self._manifests[key]
        if isinstance(manifest, ImportFailure):
            raise ImportFailure(f"not imported: its manifest {path} is malformed")
        return manifest

    def _merge(self, data: DocumentInput) -> DocumentInput:
        """Apply the command-line options over what the file and the manifest said."""
        options = self.options
        if options.title:
            data.title = options.title
        if options.source is not None:
            data.source = options.source
        if options.languages:
            data.languages = options.languages
        if options.published is not None:
            data.published = options.published
        return data


def _one_line(exc: Exception) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(str(exc).split()) or type(exc).__name__
