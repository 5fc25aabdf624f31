"""Set up a working claimtrack in one command: migrate, load the seed corpus, create an admin, serve.

Run again, it only adds what is missing: imports and curated annotations never change what users changed."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = ("Migrate the database, import the seed corpus and load its curated annotations (only what is missing: "
            "nothing users changed is changed), create an admin user if there is none, and serve on "
            "http://127.0.0.1:8000.")

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Do everything but start the server.")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Address to serve on (default %(default)s).")

    def handle(self, *args, no_serve, addr, **options):
        db = connection.settings_dict
        self.stdout.write(f"Database: {connection.vendor} {db['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS("Migrated."))
        self.stdout.write(f"Importing the seed corpus from {settings.CLAIMTRACK_SEEDS_DIR}:")
        call_command("import_documents", str(settings.CLAIMTRACK_SEEDS_DIR), no_progress=True,
                     stdout=self.stdout, stderr=self.stderr)
        call_command("load_annotations", stdout=self.stdout, stderr=self.stderr)
        self._ensure_superuser()
        if no_serve:
            self.stdout.write(self.style.SUCCESS(f"Ready. Serve with: python manage.py runserver {addr}"))
            return
        self.stdout.write(f"Serving on http://{addr}/: admin at /admin/, API at /api/. Stop with Ctrl-C.")
        call_command("runserver", addr, use_reloader=False)

    def _ensure_superuser(self):
        """Create an `admin` superuser with a random password printed once, unless one exists."""
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            self.stdout.write("An admin user exists already (reset its password with: "
                              "python manage.py changepassword admin).")
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser("admin", "admin@example.org", password)
        self.stdout.write(self.style.SUCCESS(f"Created admin user 'admin' with password: {password}"))
