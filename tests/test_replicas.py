"""Reads go to a real PostgreSQL streaming replica; a client that wrote reads its own writes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from config.ephemeral_postgres import Cluster, start_replica

ROOT = Path(__file__).resolve().parent.parent

SCENARIO = r'''
import json, os, time
import django
import psycopg
django.setup()
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

primary = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
replica = psycopg.connect(os.environ["DATABASE_REPLICA_URLS"], autocommit=True)


def caught_up():
    # the insert position: with synchronous_commit off, a commit may not be written out yet
    lsn = primary.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
    deadline = time.monotonic() + 120  # generous: a busy machine replays slowly, and only the order is tested
    while time.monotonic() < deadline:
        if replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)).fetchone()[0]:
            return
        time.sleep(0.05)
    raise SystemExit("the replica did not catch up")


caught_up()  # the migrations, groups included, are on the replica
users = {}
for name, group in (("writer", "editors"), ("reader", "fact-checkers")):
    users[name] = User.objects.create_user(name)
    users[name].groups.add(Group.objects.using("default").get(name=group))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + Token.objects.create(user=users[name]).key)
    users[name] = client
caught_up()
slugs = lambda client: [s["slug"] for s in client.get("/api/sources/").json()["results"]]

replica.execute("SELECT pg_wal_replay_pause()")
created = users["writer"].post("/api/sources/", {"name": "Fresh", "slug": "fresh"}, format="json")
out = {
    "created": created.status_code,
    "pin_cookie": "claimtrack_primary" in created.cookies,
    "writer_reads_own_write": "fresh" in slugs(users["writer"]),
    "reader_before_replay": "fresh" in slugs(users["reader"]),
    "on_replica_before_replay": replica.execute("SELECT count(*) FROM claims_source WHERE slug = 'fresh'").fetchone()[0],
}
replica.execute("SELECT pg_wal_replay_resume()")
caught_up()
out["reader_after_replay"] = "fresh" in slugs(users["reader"])
print(json.dumps(out))
'''


@pytest.mark.skipif(os.environ.get("DATABASE_URL") and not os.environ.get("CI"),
                    reason="starts its own primary and replica clusters")
def test_api_reads_use_the_replica_and_writers_are_pinned_to_the_primary():
    primary = Cluster(prefix="claimtrack-primary-").init().start()
    with psycopg.connect(primary.url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE claimtrack")
    replica = start_replica(primary)
    try:
        env = {**os.environ, "DATABASE_URL": primary.url("claimtrack"),
               "DATABASE_REPLICA_URLS": replica.url("claimtrack"), "DJANGO_SETTINGS_MODULE": "config.settings.local",
               "ALLOWED_HOSTS": "testserver", "CLAIMTRACK_ANONYMOUS_READ": "false"}
        migrate = subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=300)
        assert migrate.returncode == 0, migrate.stderr
        result = subprocess.run([sys.executable, "-c", SCENARIO], cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        out = json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        replica.remove()
        primary.remove()
    assert out == {"created": 201, "pin_cookie": True, "writer_reads_own_write": True,
                   "reader_before_replay": False, "on_replica_before_replay": 0, "reader_after_replay": True}


def test_admin_writes_pinned_clients_and_transactions_use_the_primary(rf, monkeypatch):
    from django.db import connection

    from claims.db import routing
    from claims.models import Claim

    monkeypatch.setattr(routing, "replicas", lambda: ["replica1"])
    router = routing.PrimaryReplicaRouter()
    assert routing.must_use_primary(rf.get("/admin/claims/claim/"))
    assert routing.must_use_primary(rf.post("/api/claims/"))
    pinned = rf.get("/api/claims/")
    pinned.COOKIES[routing.PIN_COOKIE] = "1"
    assert routing.must_use_primary(pinned)
    assert not routing.must_use_primary(rf.get("/api/claims/"))
    assert router.db_for_read(Claim) == "replica1"
    with monkeypatch.context() as inside:
        inside.setattr(connection, "in_atomic_block", True)  # as within transaction.atomic()
        assert router.db_for_read(Claim) == "default"
    token = routing._primary_only.set(True)
    try:
        assert router.db_for_read(Claim) == "default"
    finally:
        routing._primary_only.reset(token)
    assert router.db_for_write(Claim) == "default"
    assert router.allow_migrate("replica1", "claims") is False
