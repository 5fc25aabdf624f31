"""Import documents from files and folders: text in any common encoding, HTML, JSON Lines batches."""

import sys
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from claims.services.documents import UPDATED
from claims.services.imports import ImportFailure, Importer, ImportOptions, parse_languages, parse_published, \
    resolve_source


class Command(BaseCommand):
    help = ("Import documents from files or folders (recursively): plain text in UTF-8, UTF-16, GB18030/GBK or "
            "Big5, HTML, and JSON Lines batches. A manifest.toml in a folder supplies curated metadata. "
            "Options override the manifest, which overrides what is detected from the text.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="Files or folders to import.")
        parser.add_argument("--manifest", type=Path, help="Manifest (TOML) to use instead of each folder's own.")
        parser.add_argument("--source", help="Source slug or name for every document (created if new).")
        parser.add_argument("--language", help="Language tag(s) for every document, e.g. en or en,zh-Hant.")
        parser.add_argument("--published", help="Publication date: 2019, 2019-08 or 2019-08-05.")
        parser.add_argument("--title", help="Title for every document.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; save nothing.")
        parser.add_argument("--update", action="store_true",
                            help="Replace changed texts of known documents, re-anchoring their claims.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, paths, manifest, source, language, published, title, dry_run, update, no_progress,
               **options):
        try:
            languages = parse_languages(language) if language else []
            fuzzy = parse_published(published)
        except ImportFailure as exc:
            raise CommandError(str(exc)) from None
        paths = [Path(p) for p in paths]
        manifest = Path(manifest) if manifest else None
        if manifest is not None and not manifest.is_file():
            raise CommandError(f"--manifest {manifest}: no such file")
        show_progress = not no_progress and self.stdout.isatty()

        def report_failure(label, why):
            line = self.style.ERROR(f"FAILED {label}: {why}")
            tqdm.write(line, file=sys.stderr) if show_progress else self.stderr.write(line)

        def report_outcome(label, outcome):
            if outcome.status == UPDATED and outcome.detached:
                ids = ", ".join(f"#{pk}" for pk in outcome.detached)
                self.stderr.write(self.style.WARNING(
                    f"{label}: claims {ids} could not be re-anchored in the new text; kept, marked detached"))
            elif options["verbosity"] >= 2:
                self.stdout.write(f"{outcome.status} {label} -> document #{outcome.document.pk}")

        # Each document commits on its own; only a dry run holds them all in one transaction to roll back.
        with transaction.atomic() if dry_run else nullcontext():
            importer = Importer(
                ImportOptions(source=resolve_source(source) if source else None, languages=languages,
                              published=fuzzy, title=title or "", manifest=manifest, update=update),
                on_failure=report_failure, on_outcome=report_outcome,
            )
            items = importer.plan(paths)
            summary = importer.run(items, progress=lambda items: tqdm(
                items, disable=not show_progress, unit="doc", file=sys.stderr, desc="importing"))
            if dry_run:
                transaction.set_rollback(True)

        counts = ", ".join(f"{n} {status}" for status, n in summary.counts.items())
        style = self.style.SUCCESS if summary.ok else self.style.ERROR
        self.stdout.write(style(f"{counts}{' (dry run: nothing saved)' if dry_run else ''}"))
        if not summary.ok:
            sys.exit(1)
