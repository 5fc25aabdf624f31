"""The migrations: few and readable, applied forward and back on SQLite and PostgreSQL from an empty database,
and taken as applied by a database that ran the ten migrations they replace."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.conftest import database_url

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = ROOT / "claims" / "migrations"
REPLACED = ["0001_initial", "0002_document_layout_claim_detached", "0003_search_vectors_review_permission",
            "0004_groups", "0005_filter_indexes", "0006_history", "0007_suggestion_queues",
            "0008_group_permissions_for_queues", "0009_bigrams_skip_text_without_han",
            "0010_claim_ordering_by_document_id"]


def manage(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {"DATABASE_URL": url}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)


def test_there_are_at_most_four_migration_files():
    assert len(list(MIGRATIONS.glob("0*.py"))) <= 4


@pytest.fixture
def empty_database(request, tmp_path):
    """A URL of an empty database of the given vendor."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    if connection.vendor != "postgresql":
        pytest.skip("the suite runs on SQLite")
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS claimtrack_migrations")
        admin.execute("CREATE DATABASE claimtrack_migrations")
    yield database_url("claimtrack_migrations")
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS claimtrack_migrations WITH (FORCE)")


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_migrations_apply_forward_back_and_forward_again(empty_database):
    for args in (["migrate"], ["migrate", "claims", "zero"], ["migrate"], ["makemigrations", "--check", "--dry-run"]):
        result = manage(empty_database, *args, "--no-input")
        assert result.returncode == 0, f"{args}: {result.stdout[-1500:]}{result.stderr[-1500:]}"
    if empty_database.startswith("postgresql"):
        with psycopg.connect(empty_database) as conn:
            triggers = {row[0] for row in conn.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
            groups = {row[0] for row in conn.execute("SELECT name FROM auth_group")}
        assert {"claim_search_vector", "document_search_vector"} <= triggers
        assert groups == {"fact-checkers", "editors", "reviewers"}


def test_a_database_that_ran_the_replaced_migrations_needs_only_the_later_ones(tmp_path):
    path = tmp_path / "old.sqlite3"
    url = f"sqlite:///{path}"
    assert manage(url, "migrate", "--no-input").returncode == 0
    with sqlite3.connect(path) as db:  # as the database of someone who ran quickstart before the squash
        db.execute("DELETE FROM django_migrations WHERE app = 'claims'")
        db.executemany("INSERT INTO django_migrations (app, name, applied) VALUES ('claims', ?, '2026-11-30')",
                       [(name,) for name in REPLACED])
        # the indexes for reads came after the squash: the links' by relation, the claims' (key, id) in place of two
        for index in ("claimlink_live_relation_idx", "claim_date_start_id_idx", "claim_value_id_idx",
                      "claim_created_id_idx", "claim_updated_id_idx"):
            db.execute(f"DROP INDEX {index}")
        db.execute("CREATE INDEX claim_date_start_idx ON claims_claim (date_start)")
        db.execute("CREATE INDEX claim_value_idx ON claims_claim (value)")
    squashed = manage(url, "migrate", "claims", "0003_groups_and_permissions", "--no-input")
    assert squashed.returncode == 0 and "No migrations to apply" in squashed.stdout, squashed.stdout + squashed.stderr
    later = manage(url, "migrate", "--no-input")
    assert later.returncode == 0, later.stdout + later.stderr
    assert [line.split()[1].rstrip(".") for line in later.stdout.splitlines() if line.strip().startswith("Applying")] == [
        "claims.0004_claimlink_live_relation_index"]
