"""Turn fixtures/seed_annotations.toml into fixtures/seed_annotations.json (natural keys only)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.curation import CurationError, build, dump


class Command(BaseCommand):
    help = "Build the curated seed-annotation fixture from its TOML source; --check only compares."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Exit 1 if the JSON is out of date.")

    def handle(self, *args, check, **options):
        source = settings.CLAIMTRACK_FIXTURES_DIR / "seed_annotations.toml"
        target = source.with_suffix(".json")
        try:
            text = dump(build(source, settings.CLAIMTRACK_SEEDS_DIR))
        except CurationError as exc:
            raise CommandError(f"{source.name}: {exc}") from None
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                self.stderr.write(self.style.ERROR(f"{target.name} is out of date: run build_seed_fixture"))
                sys.exit(1)
            self.stdout.write(self.style.SUCCESS(f"{target.name} is up to date."))
            return
        target.write_text(text, encoding="utf-8")
        count = text.count('"model"')
        self.stdout.write(self.style.SUCCESS(f"Wrote {target} ({count} objects)."))
