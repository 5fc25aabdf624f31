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
        assert int(cells[1]) > 0  # every case found rows, the same in the API, the floor and the baseline
        api_queries, naive_queries = map(int, cells[10].split(" / "))
        assert api_queries <= 2 < naive_queries or cells[0] == "document_detail"


def test_load_run_has_no_errors_and_loses_no_write():
    result = run("benchmarks/load.py", "--claims", "2000", "--seconds", "4", "--clients", "4")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "claims whose note lacks an accepted write: 0" in result.stdout
    assert ", 0 errors," in result.stdout
