"""Restore a corpus written by export_corpus into an empty database."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.services.corpus import CorpusError, corpus_import


class Command(BaseCommand):
    help = "Restore FILE (from export_corpus) into a migrated database that holds no corpus rows yet, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A corpus file written by export_corpus.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, file, no_progress, **options):
        show = not no_progress and sys.stderr.isatty()
        try:
            with open(file, encoding="utf-8") as stream, \
                    tqdm(disable=not show, unit="row", file=sys.stderr) as bar:
                summary = corpus_import(stream, progress=bar.update)
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file}: not UTF-8 text") from None
        except CorpusError as exc:
            raise CommandError(f"{file}: {exc}; nothing was restored") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {summary}."))
