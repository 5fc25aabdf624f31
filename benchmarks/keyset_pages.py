"""Benchmark: a deep page of claims by cursor (keyset) against the same page by number (OFFSET), every ordering.

    python benchmarks/keyset_pages.py [--claims 1000000] [--depth 100000] [--requests 20] [--database-url URL]
                                      [--reuse]

One run, one database, filled as benchmarks/http_api.py fills it (generate_synthetic: claims/10 documents,
claims/50 actors, claims/10 links; --reuse takes a filled one). In process, through Django's test client with
the benchmark's (production) settings: for each ordering the cursor is followed in pages of 1,000 down to
`depth` rows, then three requests of 50 rows are checked to give the rows they should and timed round-robin:
the first page, the page by number at that depth (OFFSET depth) and the page by cursor there. Prints p50 ms, the
ratios deep/first, and the plan (EXPLAIN ANALYZE) of ordering=date's deep cursor page.
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.ephemeral_postgres import fresh_database  # noqa: E402

ORDERINGS = ["", "date", "-date", "value", "-value", "created", "-created", "updated", "-updated"]
PAGE = 50


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def timed(client, url: str) -> tuple[float, dict]:
    started = time.perf_counter()
    response = client.get(url)
    took = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.content[:300]!r}")
    return took, response.json()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000, help="Claims generated (default %(default)s).")
    parser.add_argument("--depth", type=int, default=100_000, help="Rows before the deep page (a multiple of 1000).")
    parser.add_argument("--requests", type=int, default=20, help="Requests of each kind per ordering.")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="Server to create the benchmark database in (default: a throwaway local cluster).")
    parser.add_argument("--reuse", action="store_true", help="--database-url names a filled database: use it as is.")
    args = parser.parse_args()
    if args.depth % 1000 or args.depth // PAGE >= 10_000:
        raise SystemExit("--depth: a multiple of 1000 below 500,000 (page numbers go to 10,000)")

    url = args.database_url if args.reuse else fresh_database(args.database_url, f"claimtrack_keyset_{args.claims}")
    os.environ.update({"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
                       "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "testserver",
                       "SECURE_SSL_REDIRECT": "false", "CLAIMTRACK_ANONYMOUS_READ": "true",
                       "THROTTLE_ANON": "100000000/minute", "THROTTLE_USER": "100000000/minute",
                       "PYTHONPATH": str(ROOT)})
    if not args.reuse:
        started = time.perf_counter()
        manage(dict(os.environ), "migrate", "--verbosity", "0")
        manage(dict(os.environ), "generate_synthetic", "--claims", str(args.claims), "--documents",
               str(args.claims // 10), "--actors", str(max(1, args.claims // 50)), "--links", str(args.claims // 10),
               "--seed", "1")
        print(f"database filled in {time.perf_counter() - started:.0f} s", flush=True)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    print(f"{args.claims:,} claims, pages of {PAGE} after {args.depth:,} rows, p50 of {args.requests} requests (ms)")
    print(f"{'ordering':10} {'walk/1000':>9} {'first':>7} {'offset':>8} {'cursor':>7} {'offset/first':>12} "
          f"{'cursor/first':>12}")
    for ordering in ORDERINGS:
        base = f"/api/claims/?page_size={PAGE}" + (f"&ordering={ordering}" if ordering else "")
        walk, next_url = [], "/api/claims/?pagination=cursor&page_size=1000" + (
            f"&ordering={ordering}" if ordering else "")
        for _ in range(args.depth // 1000):
            took, body = timed(client, next_url)
            walk.append(took)
            next_url = body["next"]
        deep_cursor = next_url.replace("page_size=1000", f"page_size={PAGE}")
        urls = {"first": base, "offset": f"{base}&page={args.depth // PAGE + 1}", "cursor": deep_cursor}
        ids = {name: [row["id"] for row in timed(client, url)[1]["results"]] for name, url in urls.items()}
        if ids["offset"] != ids["cursor"] or len(ids["cursor"]) != PAGE:
            raise SystemExit(f"ordering={ordering}: the cursor's page is not the numbered page's")
        times = {name: [] for name in urls}
        for _ in range(args.requests):  # round-robin, so that the machine's noise falls on all alike
            for name, url in urls.items():
                times[name].append(timed(client, url)[0])
        p50 = {name: statistics.median(values) for name, values in times.items()}
        print(f"{ordering or '(id)':10} {statistics.median(walk):9.1f} {p50['first']:7.1f} {p50['offset']:8.1f} "
              f"{p50['cursor']:7.1f} {p50['offset'] / p50['first']:12.1f} {p50['cursor'] / p50['first']:12.2f}",
              flush=True)
        if ordering == "date":
            with CaptureQueriesContext(connection) as queries:
                client.get(deep_cursor)
            page_sql = next(q["sql"] for q in queries if "LIMIT" in q["sql"])
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {page_sql}")
                plan = [row[0] for row in cursor.fetchall()]
    print("\nordering=date, the deep cursor page's plan (EXPLAIN ANALYZE, the subplans of each row's fields left out):")
    print("\n".join(line for line in plan if not line.startswith(" " * 10)))


if __name__ == "__main__":
    main()
