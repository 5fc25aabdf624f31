"""Back up the whole corpus, with its history and users, as JSON Lines."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.services.corpus import corpus_export, corpus_models


class Command(BaseCommand):
    help = ("Write every document, source, actor, claim and link, their history and the users behind them to FILE "
            "(JSON Lines; '-' for standard output). import_corpus restores it.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the corpus (JSON Lines); - for standard output.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, file, no_progress, **options):
        total = sum(model._default_manager.count() for model in corpus_models())
        target = Path(file)
        if file != "-" and not target.parent.is_dir():
            raise CommandError(f"{file}: the folder {target.parent} does not exist")
        partial = target.with_name(target.name + ".partial")
        show = not no_progress and sys.stderr.isatty()
        with tqdm(total=total, disable=not show, unit="row", file=sys.stderr) as bar:
            if file == "-":
                summary = corpus_export(self.stdout, progress=bar.update)
            else:
                with open(partial, "w", encoding="utf-8") as stream:  # never a half-written backup under FILE
                    summary = corpus_export(stream, progress=bar.update)
                partial.replace(target)
        self.stderr.write(self.style.SUCCESS(f"Exported {summary}."))
