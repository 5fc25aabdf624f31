"""The zero-setup path: `quickstart --no-serve` on the SQLite default, in a separate process."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_quickstart(db_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    return subprocess.run([sys.executable, "manage.py", "quickstart", "--no-serve", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_quickstart_sets_up_sqlite_imports_seeds_and_is_repeatable(tmp_path):
    db_path = tmp_path / "quick.sqlite3"
    first = run_quickstart(db_path)
    assert first.returncode == 0, first.stderr
    assert "Database: sqlite" in first.stdout
    assert "Created admin user 'admin' with password:" in first.stdout
    with sqlite3.connect(db_path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"claims_document", "claims_claim", "claims_claimlink"} <= tables
        assert db.execute("SELECT count(*) FROM auth_user WHERE is_superuser").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM claims_document WHERE published_start IS NOT NULL").fetchone()[0] == 5
        annotated = db.execute("SELECT count(DISTINCT document_id) FROM claims_claim WHERE status = 'reviewed'")
        assert annotated.fetchone()[0] == 5
        assert db.execute("SELECT count(*) FROM claims_claimlink").fetchone()[0] > 20
    assert "Loaded 1 fixture file(s) of curated annotations." in first.stdout
    assert "5 imported, 0 unchanged, 0 updated, 0 failed" in first.stdout

    second = run_quickstart(db_path)
    assert second.returncode == 0, second.stderr
    assert "exists already" in second.stdout
    assert "0 imported, 5 unchanged, 0 updated, 0 failed" in second.stdout
