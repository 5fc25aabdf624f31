"""Faults underneath: an import killed half-way, and a PostgreSQL restart under a running server (503, then 200)."""

import hashlib
from collections import Counter
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.error import HTTPError, URLError

import pytest
from django.db import connection

from claims.models import Document
from config.ephemeral_postgres import Cluster
from tests.conftest import database_url

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def manage(url: str, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    return subprocess.Popen([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # restores the migrations' rows after
def test_an_import_killed_half_way_leaves_whole_documents_and_a_rerun_completes(tmp_path):
    texts = {f"report-{n:04d}.txt": f"Report {n}\n\n" + f"In 2015, nearly {n},000 websites were hit. " * 40
             for n in range(400)}
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"filename": name, "text": text}) + "\n" for name, text in texts.items()),
                     encoding="utf-8")
    url = database_url()
    first = manage(url, "import_documents", str(batch), "--no-progress")
    deadline = time.monotonic() + 120
    while Document.objects.count() < 20 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    imported = Document.objects.count()
    assert 0 < imported < len(texts), "the import should have been killed part of the way through"
    for document in Document.objects.all():  # each one whole: its text as sent, its hash of that text
        assert document.text == texts[document.filename]
        assert document.content_hash == hashlib.sha256(document.text.encode()).hexdigest()

    second = manage(url, "import_documents", str(batch), "--no-progress")
    out, err = second.communicate(timeout=600)
    assert second.returncode == 0, err
    assert Document.objects.count() == len(texts)
    assert sorted(Document.objects.values_list("filename", flat=True)) == sorted(texts)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and body of a GET (status 0 when nothing answered)."""
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=60) as response:  # a busy machine answers slowly, not wrongly
            return response.status, dict(response.headers), response.read()
    except HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()
    except (URLError, OSError):
        return 0, {}, b""


def test_a_postgresql_restart_under_load_answers_503_with_retry_after_and_none_after():
    cluster = Cluster(prefix="claimtrack-restart-").init().start()
    url = cluster.url()
    migrate = manage(url, "migrate", "--verbosity", "0")
    assert migrate.wait(timeout=300) == 0, migrate.stderr.read()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false",
           "CLAIMTRACK_ANONYMOUS_READ": "true", "THROTTLE_ANON": "1000000/minute",
           "THROTTLE_USER": "1000000/minute"}  # DRF applies the user rate to anonymous clients too
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
                               f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
                              cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    # The API's list reads the database in the view; the admin reads the session (sent with a cookie) in the page.
    targets = {"api": (f"http://127.0.0.1:{port}/api/claims/", {}),
               "page": (f"http://127.0.0.1:{port}/admin/", {"Cookie": "sessionid=" + "a" * 32})}
    answers, stop = [], threading.Event()
    try:
        deadline = time.monotonic() + 60
        while _get(targets["api"][0])[0] != 200:
            assert time.monotonic() < deadline, "gunicorn did not come up"
            time.sleep(0.2)

        def load():
            while not stop.is_set():
                for name, (address, headers) in targets.items():
                    sent = time.monotonic()
                    status, answer_headers, body = _get(address, headers)
                    answers.append((sent, time.monotonic(), name, status, answer_headers, body))

        def answered(count: int, sent_after: float = 0.0):
            """Wait for `count` answers to requests sent after `sent_after`: counted, not timed, for busy machines."""
            deadline = time.monotonic() + 120
            while sum(answer[0] > sent_after for answer in answers) < count:
                assert time.monotonic() < deadline and thread.is_alive(), f"{len(answers)} answers only"
                time.sleep(0.05)

        thread = threading.Thread(target=load)
        thread.start()
        answered(10)
        stopping_at = time.monotonic()  # a restart held open: stop, answer requests while down, start
        cluster.run("pg_ctl", "-D", str(cluster.data), "-w", "-m", "fast", "stop")
        down_at = time.monotonic()
        answered(6, sent_after=down_at)
        starting_at = time.monotonic()
        cluster.start()
        back_at = time.monotonic()
        answered(40, sent_after=back_at)
        stop.set()
        thread.join()
        assert server.poll() is None, "gunicorn must not have died"
        # By the whole of each request: one sent just before the stop may still be running when PostgreSQL goes.
        before = [answer[3] for answer in answers if answer[1] < stopping_at]
        down = [answer for answer in answers if answer[0] > down_at and answer[1] < starting_at]
        between = Counter(answer[3] for answer in answers
                          if answer[1] >= stopping_at and not answer[0] > back_at and answer not in down)
        after = [answer[3] for answer in answers if answer[0] > back_at]
        assert before and set(before) == {200}
        assert {name for _, _, name, _, _, _ in down} == {"api", "page"}
        for _, _, name, status, headers, body in down:
            assert status == 503, (name, status, body[:300])
            assert int(headers["Retry-After"]) > 0
            if name == "api":  # the API's error shape
                assert headers["Content-Type"] == "application/json" and json.loads(body)["detail"]
            else:
                assert headers["Content-Type"].startswith("text/html") and b"Service unavailable" in body
        assert set(between) <= {200, 503}, f"while stopping or starting: {dict(between)}"
        assert after and set(after) == {200}, f"after the restart: {sorted(set(after))}"
        print(f"{len(before)} answers before the restart, {len(down)} while down (all 503), {dict(between)} while "
              f"stopping or starting ({back_at - stopping_at:.1f} s in all), {len(after)} after, all 200")
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
        cluster.remove()
