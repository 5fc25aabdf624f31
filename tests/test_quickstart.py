"""The zero-setup path: `quickstart --no-serve` on the SQLite default in a separate process, and run again on a
database users have worked in."""

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from claims.models import Claim, ClaimLink, Source
from claims.services.annotations import CURATED
from claims.services.catalog import source_save

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
        curated = db.execute("SELECT count(DISTINCT id) FROM claims_historicalclaim "
                             "WHERE history_change_reason = 'loaded from the curated annotations'")
        assert curated.fetchone()[0] == 77
    assert "Curated annotations from seed_annotations.json: 364 added" in first.stdout
    assert "5 imported, 0 unchanged, 0 updated, 0 failed" in first.stdout

    second = run_quickstart(db_path)
    assert second.returncode == 0, second.stderr
    assert "exists already" in second.stdout
    assert "0 imported, 5 unchanged, 0 updated, 0 failed" in second.stdout
    assert "0 added, 364 left as users left them" in second.stdout


def quickstart() -> str:
    """Run quickstart --no-serve in this process, on the test database; return what it printed."""
    out = io.StringIO()
    call_command("quickstart", no_serve=True, stdout=out, stderr=out)
    return out.getvalue()


@pytest.mark.django_db
def test_quickstart_again_keeps_what_users_changed(client_as):
    quickstart()
    claim = Claim.objects.get(quote="nearly 47,000 IP addresses")
    assert list(claim.history.values_list("history_change_reason", flat=True)) == [CURATED]
    reviewer = client_as("reviewers")
    etag = reviewer.get(f"/api/claims/{claim.pk}/").headers["ETag"]
    response = reviewer.patch(f"/api/claims/{claim.pk}/", {"verdict": "mostly_true", "note": "checked"},
                              format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.json()
    claim.refresh_from_db()
    history = list(claim.history.values_list("history_id", "verdict", "history_change_reason"))
    link = ClaimLink.objects.filter(relation="translation").first()
    etag = reviewer.get(f"/api/claim-links/{link.pk}/").headers["ETag"]
    assert reviewer.delete(f"/api/claim-links/{link.pk}/", HTTP_IF_MATCH=etag).status_code == 204
    source = Source.objects.get(slug="china-daily")
    source_save(source=source, name="China Daily (renamed)", reason="edited in the admin")

    printed = quickstart()
    assert "0 imported, 5 unchanged" in printed and "0 added, 364 left as users left them" in printed, printed
    edited = Claim.objects.get(pk=claim.pk)
    assert (edited.verdict, edited.note, edited.updated_at) == ("mostly_true", "checked", claim.updated_at)
    assert list(edited.history.values_list("history_id", "verdict", "history_change_reason")) == history
    assert history[0][1] == "mostly_true"
    assert not ClaimLink.objects.filter(pk=link.pk).exists()
    assert ClaimLink.objects.count() == 28
    assert Source.objects.get(slug="china-daily").name == "China Daily (renamed)"


@pytest.mark.django_db
def test_annotations_loaded_before_history_get_a_first_entry_and_nothing_else():
    call_command("import_documents", str(settings.CLAIMTRACK_SEEDS_DIR), no_progress=True, stdout=io.StringIO())
    call_command("loaddata", str(settings.CLAIMTRACK_FIXTURES_DIR / "seed_annotations.json"), verbosity=0)
    assert not Claim.history.exists()  # loaddata saves raw rows: no history
    values = list(Claim.objects.order_by("pk").values())
    call_command("load_annotations", stdout=io.StringIO())
    assert list(Claim.objects.order_by("pk").values()) == values
    entries = Claim.history.all()
    assert len(entries) == 77 and {e.history_change_reason for e in entries} == {CURATED}
    assert {e.history_date for e in entries} == {claim["updated_at"] for claim in values}
