"""Test-run setup: name the database engine and server version in the pytest header."""

import io
import random
import sqlite3
import zlib

import factory.random
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def database_url(name: str | None = None) -> str:
    """The test database (or database `name` in the same server) as a URL a subprocess can use."""
    s = connection.settings_dict
    host = (s["HOST"] or "").replace("/", "%2F")
    return f"postgresql://{s['USER']}@{host}{':' + str(s['PORT']) if s['PORT'] else ''}/{name or s['NAME']}"


def pytest_report_header(config):
    """Say which database the run uses, e.g. "database: postgresql 15.18"."""
    if connection.vendor != "postgresql":
        return f"database: {connection.vendor} {sqlite3.sqlite_version}"
    import psycopg

    params = connection.get_connection_params()
    params["dbname"] = "postgres"  # the test database does not exist yet
    with psycopg.connect(**params) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0].split()[0]
    return f"database: postgresql {version}"


@pytest.fixture(scope="module")
def seed_corpus(django_db_setup, django_db_blocker):
    """The seeds imported and their curated annotations loaded, once for a test module (committed, so that
    every test of the module sees them), and removed afterwards with their history."""
    from claims.models import Actor, ActorAlias, Claim, ClaimActor, ClaimLink, Document, Source

    with django_db_blocker.unblock():
        call_command("import_documents", str(settings.CLAIMTRACK_SEEDS_DIR), no_progress=True, stdout=io.StringIO())
        call_command("load_annotations", stdout=io.StringIO())
        yield
        for model in (ClaimLink, ClaimActor, Claim, Document, ActorAlias, Source):
            model.objects.all().delete()
        Actor.objects.filter(parent__isnull=False).delete()  # parents are protected while children exist
        Actor.objects.all().delete()
        for model in (ClaimLink, ClaimActor, Claim, Document, ActorAlias, Source, Actor):
            # the history too: a later load would read it as rows users deleted, and leave them out
            model.history.model.objects.all().delete()


@pytest.fixture(autouse=True)
def same_data_every_run(request):
    """Factories draw titles, text and spans at random and number what they make: seed and restart them for
    each test, so that a test meets the same data on every run, alone or in the whole suite."""
    from tests import factories

    seed = zlib.crc32(request.node.nodeid.encode())
    random.seed(seed)
    factory.random.reseed_random(seed)  # also Faker's, which factories.fake shares
    for value in vars(factories).values():
        if isinstance(value, type) and issubclass(value, factory.Factory) and not value._meta.abstract:
            value.reset_sequence()


# --- API clients by role ------------------------------------------------------------------------------

ROLES = ["anonymous", "fact-checkers", "editors", "reviewers"]


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    cache.clear()


@pytest.fixture
def client_as(db):
    """client_as("editors") gives an API client authenticated by token as a member of that group."""

    def make(role: str) -> APIClient:
        client = APIClient()
        if role != "anonymous":
            from tests.factories import UserFactory

            user = UserFactory(username=f"{role}-user")
            user.groups.add(Group.objects.get(name=role))
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def anon_read(settings):
    settings.CLAIMTRACK_ANONYMOUS_READ = True
