"""The benchmark commands run end to end from a fresh database (tiny sizes: correctness, not speed)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import database_url

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmarks need PostgreSQL")


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, *args, "--database-url", database_url("postgres")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_http_benchmark_checks_the_same_rows_and_prints_every_case():
    result = run("benchmarks/http_api.py", "--claims", "3000", "--requests", "3", "--naive-requests", "1")
    assert result.returncode == 0, result.stderr[-3000:]
    table = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert [line.split(" | ")[0][2:] for line in table[1:]] == [
        "kind_date", "actor", "value_range", "relation", "q_en", "q_zh", "order_date", "claim_detail",
        "document_detail", "export_10k"]
    for line in table[1:]:
        cells = line.strip("| ").split(" | ")
        assert int(cells[1]) > 0  # every case found rows, the same in the API, the floor and the baselines
        api_queries, fair_queries, naive_queries = map(int, cells[13].split(" / "))
        assert api_queries <= 2 and fair_queries <= api_queries + 3  # prefetching: 3 more for the related rows
        assert naive_queries > fair_queries or cells[0] == "document_detail"


def test_keyset_benchmark_finds_the_numbered_page_by_cursor_for_every_ordering():
    result = run("benchmarks/keyset_pages.py", "--claims", "3000", "--depth", "1000", "--requests", "1")
    assert result.returncode == 0, result.stderr[-3000:]
    rows = result.stdout.split("cursor/first\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [row.split()[0] for row in rows] == ["(id)", "date", "-date", "value", "-value", "created", "-created",
                                                "updated", "-updated"]
    assert "ordering=date, the deep cursor page's plan" in result.stdout and "ROW(" in result.stdout


def test_request_profile_prints_every_step_of_a_claim_detail():
    result = run("benchmarks/profile_request.py", "--claims", "300", "--requests", "20")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "GET /api/claims/" in result.stdout
    steps = {line.split(" | ")[0][2:]: float(line.split(" | ")[1]) for line in result.stdout.splitlines()
             if line.startswith("| ") and not line.startswith(("| step", "| ---"))}
    assert len(steps) == 12 and steps["request (the handler)"] > 0
    assert 0 < steps["query execution"] < steps["view (DRF dispatch)"] < steps["request (the handler)"]


def test_load_runs_with_2_and_4_workers_have_no_errors_and_lose_no_write():
    result = run("benchmarks/load.py", "--claims", "2000", "--seconds", "3", "--clients", "4")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    runs = [line for line in result.stdout.splitlines() if line.startswith("4 clients, ")]
    assert [line.split(", ")[2] for line in runs] == ["gunicorn 2 sync workers", "gunicorn 4 sync workers"]
    assert all(", 0 errors," in line and "/s)" in line for line in runs)
    assert result.stdout.count("claims whose note lacks an accepted write: 0") == 2


def run_pure(*args: str) -> subprocess.CompletedProcess:
    """A benchmark that needs no database."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_detection_benchmark_runs_on_corpus_built_documents():
    result = run_pure("benchmarks/detection.py", "--documents", "20", "--workers", "1")
    assert "20 documents of" in result.stdout and "documents/s" in result.stdout


def test_link_suggestion_benchmark_prints_every_size():
    result = run_pure("benchmarks/link_suggestion.py", "--claims", "2000,4000")
    lines = result.stdout.splitlines()
    assert lines[1].split()[0] == "2000" and lines[2].split()[0] == "4000"
    assert int(lines[2].split()[2]) > 0  # links were proposed


def test_actor_matchers_agree_before_they_are_timed():
    result = run_pure("benchmarks/actor_matching.py", "--actors", "200", "--repeat", "1")
    assert "found by both" in result.stdout and "pyahocorasick" in result.stdout
