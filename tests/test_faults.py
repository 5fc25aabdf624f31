"""Faults underneath: an import killed half-way, and a PostgreSQL restart under a running server."""

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
from config.ephemeral_postgres import SERVER_OPTIONS, Cluster
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


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # a busy machine answers slowly, not wrongly
            response.read()
            return response.status
    except HTTPError as exc:
        return exc.code
    except (URLError, OSError):
        return 0


def test_the_app_survives_a_postgresql_restart_without_being_restarted():
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
    try:
        api = f"http://127.0.0.1:{port}/api/claims/"
        deadline = time.monotonic() + 60
        while _get(api) != 200:
            assert time.monotonic() < deadline, "gunicorn did not come up"
            time.sleep(0.2)
        answers, stop = [], threading.Event()

        def load():
            while not stop.is_set():
                sent = time.monotonic()
                status = _get(api)
                answers.append((sent, time.monotonic(), status))

        def answered(count: int, sent_after: float = 0.0):
            """Wait for `count` answers to requests sent after `sent_after`: counted, not timed, for busy machines."""
            deadline = time.monotonic() + 120
            while sum(sent > sent_after for sent, _, _ in answers) < count:
                assert time.monotonic() < deadline and thread.is_alive(), f"{len(answers)} answers only"
                time.sleep(0.05)

        thread = threading.Thread(target=load)
        thread.start()
        answered(10)
        restarted_at = time.monotonic()
        cluster.run("pg_ctl", "-D", str(cluster.data), "-w", "-m", "fast", "restart", "-l",
                    str(cluster.root / "server.log"), "-o", f"{SERVER_OPTIONS} -k {cluster.socket_dir}")
        back_at = time.monotonic()
        answered(40, sent_after=back_at)
        stop.set()
        thread.join()
        assert server.poll() is None, "gunicorn must not have died"
        # By the whole of each request, not by when it was sent: one sent just before the restart may still be
        # running when PostgreSQL stops (on a busy machine, often), and it may fail; that proves nothing.
        before = [status for sent, answered, status in answers if answered < restarted_at]
        after = [status for sent, answered, status in answers if sent > back_at]
        assert before and set(before) == {200}
        assert after and set(after) == {200}, f"after the restart: {sorted(set(after))}"
        during = Counter(status for sent, answered, status in answers if answered >= restarted_at and sent <= back_at)
        print(f"{len(before)} answers before the restart, {dict(during)} during it ({back_at - restarted_at:.1f} s), "
              f"{len(after)} after, all 200")
    finally:
        server.terminate()
        server.wait(timeout=30)
        cluster.remove()
