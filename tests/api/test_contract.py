"""The API keeps the contract its OpenAPI schema states, checked by tools no one here wrote, against a live server
holding the quickstart data: schemathesis with every check and its stateful phase, and a client that
openapi-python-client generates from the served schema."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.error import URLError

import psycopg
import pytest
from django.db import connection

from tests.conftest import database_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="serves a PostgreSQL database")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"{args}: {result.stdout[-2000:]}{result.stderr[-2000:]}"
    return result.stdout


TOKEN_FOR = """
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user = User.objects.create_user("{username}")
user.groups.add(Group.objects.get(name="{group}"))
print(Token.objects.create(user=user).key)
"""


@pytest.fixture
def live_api(django_db_blocker):
    """(base URL, a reviewer's token) of a server on its own database with the quickstart data, as configured in
    production (DEBUG off) but with anonymous reading on and no throttle (schemathesis sends hundreds of requests)."""
    name = f"claimtrack_contract_{os.getpid()}"
    with django_db_blocker.unblock(), psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    env = {**os.environ, "DATABASE_URL": database_url(name), "DJANGO_SETTINGS_MODULE": "config.settings.local",
           "DEBUG": "false", "CLAIMTRACK_ANONYMOUS_READ": "true", "THROTTLE_ANON": "1000000/minute",
           "THROTTLE_USER": "1000000/minute"}
    _manage(env, "quickstart", "--no-serve")
    token = _manage(env, "shell", "-c", TOKEN_FOR.format(username="contract-reviewer", group="reviewers")).split()[-1]
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
                               f"127.0.0.1:{port}", "--workers", "3", "--log-level", "warning"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/schema/", timeout=10).read()
                break
            except (URLError, OSError):
                assert server.poll() is None and time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.2)
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=30)
        with django_db_blocker.unblock(), psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_schemathesis_with_every_check_finds_nothing(live_api, tmp_path):
    """Every check, the coverage, fuzzing and stateful phases, as a reviewer (who may do everything): any finding
    fails, but the tool's own mistakes, which tests/api/schemathesis_hooks.py drops and docs/api-contract.md lists."""
    base, token = live_api
    dropped = tmp_path / "dropped.log"
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks", "CLAIMTRACK_DROPPED_LOG": str(dropped),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    started = time.monotonic()
    # one worker: with two threads, hypothesis's ast.parse calls raced on CPython 3.11's interpreter-wide AST
    # recursion counter (SystemError: AST constructor recursion depth mismatch), a fault of neither tool
    result = subprocess.run(
        [str(BIN / "st"), "run", f"{base}/api/schema/", "--checks", "all", "-H", f"Authorization: Token {token}",
         "--phases", "coverage,fuzzing,stateful", "--max-examples", "5", "--workers", "1", "--seed", "1",
         "--report-dir", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    took = time.monotonic() - started
    summary = result.stdout[result.stdout.rfind("SUMMARY"):]
    reasons = Counter(dropped.read_text(encoding="utf-8").splitlines()) if dropped.exists() else Counter()
    print(f"schemathesis took {took:.0f} s\n{summary}\ndropped as the tool's mistakes:")
    for reason, count in reasons.most_common():
        print(f"{count:6d}  {reason}")
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-3000:]
    assert "Tested: " in summary and "Stateful" in summary


CLIENT_CONFIG = """
post_hooks: []
content_type_overrides:
  application/jsonl: text/plain
"""


def test_a_generated_client_reads_pages_cursors_details_writes_and_exports(live_api, tmp_path):
    """openapi-python-client generates a client from the served schema; used as its README says, it filters, walks
    both paginations, reads a detail, writes with If-Match, gets a stale write back as a typed 412, and exports."""
    base, token = live_api
    (tmp_path / "config.yaml").write_text(CLIENT_CONFIG)
    generated = subprocess.run(
        [str(BIN / "openapi-python-client"), "generate", "--url", f"{base}/api/schema/?format=json", "--meta", "none",
         "--output-path", str(tmp_path / "claimtrack_client"), "--config", str(tmp_path / "config.yaml")],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "Warning" not in generated.stdout, generated.stdout  # every operation and model was generated
    sys.path.insert(0, str(tmp_path))
    try:
        _use_the_client(base, token)
    finally:
        sys.path.remove(str(tmp_path))
        for module in [m for m in sys.modules if m == "claimtrack_client" or m.startswith("claimtrack_client.")]:
            del sys.modules[module]
        shutil.rmtree(tmp_path / "claimtrack_client")


def _use_the_client(base: str, token: str):
    from claimtrack_client import AuthenticatedClient
    from claimtrack_client.api.claims import (
        claims_export_csv, claims_list, claims_partial_update, claims_retrieve,
    )
    from claimtrack_client.models import (
        ClaimsExportCsvKindItem, ClaimsListKindItem, ClaimsListLanguageItem, ClaimsListPagination, Error,
        PaginatedClaimList, PatchedClaimRequest,
    )

    client = AuthenticatedClient(base_url=base, token=token, prefix="Token")

    # filters and pages
    english = [ClaimsListLanguageItem.EN]
    figures = claims_list.sync(client=client, kind=[ClaimsListKindItem.FIGURE], language=english, page_size=5)
    assert isinstance(figures, PaginatedClaimList) and len(figures.results) == 5 and figures.next_
    assert {claim.kind.value for claim in figures.results} == {"figure"}
    assert {claim.language.value for claim in figures.results} == {"en"}
    second = claims_list.sync(client=client, kind=[ClaimsListKindItem.FIGURE], language=english, page_size=5, page=2)
    assert not {c.id for c in figures.results} & {c.id for c in second.results}

    # the cursor, followed to the end: every claim once, in id order
    seen, cursor, pages = [], None, 0
    while True:
        page = claims_list.sync(client=client, pagination=ClaimsListPagination.CURSOR, page_size=20,
                                **({"cursor": cursor} if cursor else {}))
        seen, pages = seen + [claim.id for claim in page.results], pages + 1
        if not page.next_:
            break
        cursor = dict(part.split("=") for part in page.next_.split("?")[1].split("&"))["cursor"]
    assert seen == sorted(set(seen)) and pages > 2 and len(seen) > 40

    # a detail, figures as numbers without padding
    figure = next(claim for claim in figures.results if claim.value is not None)
    detail = claims_retrieve.sync_detailed(id=figure.id, client=client)
    assert detail.status_code == 200 and detail.parsed.id == figure.id
    assert isinstance(detail.parsed.value, (int, float)) and b".000000" not in detail.content
    etag = detail.headers["ETag"]

    # a write with If-Match, then the same (now stale) If-Match: a typed 412
    changed = claims_partial_update.sync_detailed(id=figure.id, client=client, if_match=etag,
                                                  body=PatchedClaimRequest(note="checked by a generated client"))
    assert changed.status_code == 200 and changed.parsed.note == "checked by a generated client"
    stale = claims_partial_update.sync_detailed(id=figure.id, client=client, if_match=etag,
                                                body=PatchedClaimRequest(note="a lost update"))
    assert stale.status_code == 412 and isinstance(stale.parsed, Error) and "changed" in stale.parsed.detail

    # the CSV export of a filtered set
    csv_text = claims_export_csv.sync(client=client, kind=[ClaimsExportCsvKindItem.FIGURE])
    header, *rows = csv_text.lstrip("\ufeff").splitlines()
    assert header.startswith("id,document,") and len(rows) >= len(figures.results)
    assert ",figure," in rows[0] and ",event," not in csv_text
