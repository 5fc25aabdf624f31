"""Store detected figures and events as suggested claims, and suggest links between claims."""

import contextlib
import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.core.exceptions import ValidationError
from tqdm import tqdm

from claims.models import Document
from claims.services.detection import actor_matcher, detection_arguments, suggest_claims, suggest_links_for
from claims.text.detect import DetectionFailure, detect_many

BATCH = 500


class Command(BaseCommand):
    help = ("Detect figures and events in documents and store them as suggested claims (re-running adds "
            "nothing; rejected suggestions are not suggested again), then suggest links between claims. "
            "Each document is stored in its own transaction: one that fails is reported and the others are kept.")

    def add_arguments(self, parser):
        parser.add_argument("--document", type=int, nargs="+", action="extend", metavar="ID",
                            help="Only these documents, by id: --document 1 2 3 (links: their claims against all others).")
        parser.add_argument("--no-links", action="store_true", help="Do not suggest links.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be suggested; save nothing.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                            help="Processes detecting in parallel (default: one per core; 1 below 50 documents).")

    def handle(self, *args, document, no_links, dry_run, no_progress, workers, **options):
        documents = Document.objects.order_by("pk")
        if document:
            documents = documents.filter(pk__in=document)
            missing = sorted(set(document) - set(documents.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"no document with id {', '.join(map(str, missing))}")
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        show = not no_progress and self.stdout.isatty()
        ids = list(documents.values_list("pk", flat=True))
        workers = 1 if len(ids) < 50 else workers
        claims, failed = 0, []
        matcher = actor_matcher()
        # A dry run rolls everything back at the end; otherwise each document commits on its own.
        with transaction.atomic() if dry_run else contextlib.nullcontext():
            # Detection (pure, CPU-bound) runs in `workers` processes; storing stays in this one, a savepoint
            # per document so that one document's failure loses nothing of the others.
            with tqdm(total=len(ids), disable=not show, unit="doc", file=sys.stderr, desc="detecting") as bar:
                for start in range(0, len(ids), BATCH):
                    batch = list(Document.objects.filter(pk__in=ids[start:start + BATCH]).order_by("pk"))
                    found = detect_many((detection_arguments(doc) for doc in batch), workers)
                    for doc, candidates in zip(batch, found):
                        if isinstance(candidates, DetectionFailure):
                            failed.append((doc.pk, candidates.reason))
                            continue
                        try:
                            with transaction.atomic():
                                claims += suggest_claims(doc, candidates, matcher)
                        except (ValidationError, DatabaseError, ValueError) as exc:
                            failed.append((doc.pk, f"{type(exc).__name__}: {exc}"))
                    bar.update(len(batch))
            links = 0 if no_links else suggest_links_for(document or None)
            if dry_run:
                transaction.set_rollback(True)
        for pk, reason in failed:
            self.stderr.write(self.style.ERROR(f"document {pk}: {' '.join(str(reason).split())[:300]}"))
        summary = (f"{claims} claims and {links} links suggested, {len(failed)} documents failed"
                   f"{' (dry run: nothing saved)' if dry_run else ''}.")
        self.stdout.write(self.style.WARNING(summary) if failed else self.style.SUCCESS(summary))
        if failed:
            raise CommandError(f"{len(failed)} of {len(ids)} documents failed (listed above)")
