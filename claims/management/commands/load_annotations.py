"""Add curated annotations (fixtures/*.json by default) without changing anything users changed."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.services.annotations import annotations_load


class Command(BaseCommand):
    help = ("Add the actors, claims and links of curated-annotation fixtures (natural keys only) that this database "
            "never held, with history; rows it holds, or held until a user deleted or moved them, stay as they are.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                            help="Fixtures to load (default: every .json file in CLAIMTRACK_FIXTURES_DIR).")

    def handle(self, *args, files, **options):
        refused = False
        for path in files or sorted(settings.CLAIMTRACK_FIXTURES_DIR.glob("*.json")):
            try:
                summary = annotations_load(path=path)
            except OSError as exc:
                raise CommandError(f"{path}: {exc.strerror or exc}") from None
            except json.JSONDecodeError as exc:
                raise CommandError(f"{path}: not JSON: {exc.msg} at line {exc.lineno}") from None
            for line in summary.refused:
                self.stderr.write(self.style.ERROR(f"REFUSED {path.name} {line}"))
            if options["verbosity"] >= 2:
                for line in summary.missing:
                    self.stderr.write(f"skipped {path.name} {line}")
            style = self.style.ERROR if summary.refused else self.style.SUCCESS
            self.stdout.write(style(f"Curated annotations from {path.name}: {summary}."))
            refused = refused or bool(summary.refused)
        if refused:
            sys.exit(1)
