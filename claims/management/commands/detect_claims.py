"""Store detected figures and events as suggested claims, and suggest links between claims."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from claims.models import Claim, Document
from claims.services.detection import detection_arguments, suggest_claims, suggest_links
from claims.text.detect import detect_many


class Command(BaseCommand):
    help = ("Detect figures and events in documents and store them as suggested claims (re-running adds "
            "nothing; rejected suggestions are not suggested again), then suggest links between claims.")

    def add_arguments(self, parser):
        parser.add_argument("--document", type=int, action="append", metavar="ID", help="Only these documents.")
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
        total = documents.count()
        workers = 1 if total < 50 else workers
        with transaction.atomic():
            # Detection (pure, CPU-bound) runs in `workers` processes; storing stays in this one.
            ids = list(documents.values_list("pk", flat=True))
            claims = 0
            with tqdm(total=total, disable=not show, unit="doc", file=sys.stderr, desc="detecting") as bar:
                for start in range(0, total, 500):
                    batch = list(Document.objects.filter(pk__in=ids[start:start + 500]).order_by("pk"))
                    found = detect_many((detection_arguments(doc) for doc in batch), workers)
                    claims += sum(suggest_claims(doc, candidates) for doc, candidates in zip(batch, found))
                    bar.update(len(batch))
            links = 0 if no_links else suggest_links(
                Claim.objects.prefetch_related("claim_actors__actor").exclude(status=Claim.Status.REJECTED))
            if dry_run:
                transaction.set_rollback(True)
        self.stdout.write(self.style.SUCCESS(
            f"{claims} claims and {links} links suggested{' (dry run: nothing saved)' if dry_run else ''}."))
