"""Load run: concurrent clients mixing list, detail and search reads with If-Match writes, against gunicorn.

    python benchmarks/load.py [--seconds 60] [--clients 8] [--workers 2,4] [--claims 100000] [--database-url URL]
                              [--reuse]

A fresh database (filled by generate_synthetic) or, with --reuse, the one --database-url names; gunicorn
with sync workers (production settings) on loopback, one run for each number of workers, one after the
other. Each client loops: 40% claim lists with filters, 25% claim details, 15% searches (English and
Chinese), 20% writes (read a claim, append a mark to its note, PATCH with If-Match; a 412 means another
client was first and is counted, not an error). Prints requests per second, errors and p50/p99 per kind
for each run, then checks that no accepted write was lost: each claim's note ends with every mark the
run had accepted for it, in the order accepted. Exits non-zero on any error or lost write.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.http_api import fresh_database, gunicorn, manage, percentile  # noqa: E402

HOT_CLAIMS = 20  # writes go to few claims, so that they collide


def request(port: int, method: str, path: str, body: dict | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    payload = json.dumps(body).encode() if body is not None else None
    conn.request(method, path, body=payload, headers={"Host": "localhost", "Content-Type": "application/json",
                                                      **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, response.getheader("ETag"), data


def editor_token(env: dict) -> str:
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from rest_framework.authtoken.models import Token

    user, _ = User.objects.get_or_create(username="load-editor")
    user.groups.add(Group.objects.get(name="editors"))
    return Token.objects.get_or_create(user=user)[0].key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60, help="How long the clients run (default %(default)s).")
    parser.add_argument("--clients", type=int, default=8, help="Concurrent clients (default %(default)s).")
    parser.add_argument("--workers", default="2,4",
                        help="Gunicorn sync workers, one run per comma-separated number (default %(default)s).")
    parser.add_argument("--claims", type=int, default=100_000, help="Claims generated in a fresh database (default %(default)s).")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="Server to create the database in, or with --reuse the database (default: DATABASE_URL, else a throwaway local cluster).")
    parser.add_argument("--reuse", action="store_true", help="--database-url names a filled database: use it as is.")
    args = parser.parse_args()
    try:
        workers = [int(n) for n in args.workers.split(",")]
    except ValueError:
        workers = []
    if not workers or min(workers) < 1:
        raise SystemExit(f"--workers: comma-separated numbers of at least 1, e.g. 2,4; not {args.workers!r}")

    url = args.database_url if args.reuse else fresh_database(args.database_url, f"claimtrack_load_{args.claims}")
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "localhost,127.0.0.1",
           "SECURE_SSL_REDIRECT": "false", "CLAIMTRACK_ANONYMOUS_READ": "true",
           "THROTTLE_ANON": "100000000/minute", "THROTTLE_USER": "100000000/minute", "PYTHONPATH": str(ROOT)}
    if not args.reuse:
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "generate_synthetic", "--claims", str(args.claims), "--documents", str(args.claims // 10),
               "--actors", str(max(1, args.claims // 50)), "--seed", "1")
    token = editor_token(env)
    import psycopg

    with psycopg.connect(url) as conn:
        low, high = conn.execute("SELECT min(id), max(id) FROM claims_claim").fetchone()
    hot = list(range(low, low + HOT_CLAIMS))
    failed = [run(env, url, n, args, token, (low, high), hot) for n in workers]
    if any(failed):
        raise SystemExit(1)


def run(env: dict, url: str, workers: int, args, token: str, ids: tuple[int, int], hot: list[int]) -> bool:
    """One load run against gunicorn with `workers` sync workers; prints its table; True when it failed."""
    import psycopg

    low, high = ids
    server, port = gunicorn("config.wsgi:application", env, workers=workers)
    timings, errors, conflicts = defaultdict(list), defaultdict(int), [0]
    accepted: dict[int, list[str]] = defaultdict(list)
    lock = threading.Lock()
    auth = {"Authorization": f"Token {token}"}
    stop_at = time.monotonic() + args.seconds

    def client(number: int):
        rng = random.Random(number)
        writes = 0
        while time.monotonic() < stop_at:
            kind = rng.choices(["list", "detail", "search", "write"], [40, 25, 15, 20])[0]
            started = time.perf_counter()
            if kind == "list":
                year = rng.randint(2005, 2024)
                status, _, _ = request(port, "GET", f"/api/claims/?kind=figure&date_after={year}&date_before={year}"
                                                    f"&page_size=100")
            elif kind == "detail":
                status, _, _ = request(port, "GET", f"/api/claims/{rng.randint(low, high)}/")
            elif kind == "search":
                q = rng.choice(["phishing", "memorandum", "%E9%92%93%E9%B1%BC%E7%BD%91%E7%AB%99", "infected+hosts"])
                status, _, _ = request(port, "GET", f"/api/claims/?q={q}&page_size=100")
            else:
                claim = rng.choice(hot)
                status, etag, body = request(port, "GET", f"/api/claims/{claim}/")
                if status == 200:
                    mark = f"[{workers}w{number}.{writes}]"  # unique across the runs on the same database
                    note = json.loads(body)["note"] + mark
                    status, _, _ = request(port, "PATCH", f"/api/claims/{claim}/", {"note": note},
                                           {**auth, "If-Match": etag})
                    if status == 200:
                        writes += 1
                        with lock:
                            accepted[claim].append(mark)
                    elif status == 412:
                        with lock:
                            conflicts[0] += 1
                        status = 200  # lost the race, as If-Match intends: not an error
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings[kind].append(elapsed)
                if status != 200:
                    errors[kind] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    server.terminate()
    server.wait()

    total = sum(len(v) for v in timings.values())
    print(f"\n{args.clients} clients, {duration:.0f} s, gunicorn {workers} sync workers, {total} requests "
          f"({total / duration:.0f}/s), {sum(errors.values())} errors, {conflicts[0]} writes refused with 412")
    print("| kind | requests | errors | p50 ms | p99 ms |\n|---|---|---|---|---|")
    for kind in ("list", "detail", "search", "write"):
        values = timings[kind]
        print(f"| {kind} | {len(values)} | {errors[kind]} | {percentile(values, 50):.1f} "
              f"| {percentile(values, 99):.1f} |" if values else f"| {kind} | 0 | 0 | - | - |")
    with psycopg.connect(url) as conn:
        lost = 0
        for claim, marks in accepted.items():
            note = conn.execute("SELECT note FROM claims_claim WHERE id = %s", (claim,)).fetchone()[0]
            lost += not note.endswith("".join(marks))
    print(f"writes accepted: {sum(len(m) for m in accepted.values())} on {len(accepted)} claims; "
          f"claims whose note lacks an accepted write: {lost}", flush=True)
    return bool(lost or sum(errors.values()))


if __name__ == "__main__":
    main()
