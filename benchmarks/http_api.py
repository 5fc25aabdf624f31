"""Benchmark: the API's latency over HTTP against the raw-SQL floor and two DRF baselines, fair and naive.

    python benchmarks/http_api.py [--claims 1000000] [--requests 200] [--database-url URL] [--reuse]

One run, one database: a fresh database (in DATABASE_URL's server, or a throwaway local cluster) is
migrated and filled by generate_synthetic (documents = claims / 10, actors = claims / 50, links = claims
/ 10); --reuse skips both when the database is already filled. Three servers start under the same
gunicorn on loopback, one sync worker each: the API (production settings), the floor (benchmarks/floor.py:
one hand-written SQL query per request, orjson), and, served by the API's server, the fair baseline
(benchmarks/fair.py under /fair/: nested ModelSerializers over a prefetching queryset) and the naive one
(benchmarks/naive.py under /naive/: the same serializers without prefetching, the N+1 illustration). Each
query is first checked to return the same rows in the same order from all four, and the same fields and
values from the API and the floor; then it is requested round-robin, one request at a time, and p50/p95
are printed with the ratios API/floor, fair/API and naive/API, and the number of SQL queries each Django
view ran.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.ephemeral_postgres import fresh_database  # noqa: E402

# issue 17's targets at p50: lists under 50 ms and within 1.5x of the floor, details within 2x, searches under 50 ms
TARGETS = {"list": (50, 1.5), "detail": (None, 2.0), "search": (50, None)}


@dataclass
class Case:
    """One benchmarked request: the API's path and the floor's; the DRF baselines answer the naive path
    under /naive/ and under /fair/."""

    name: str
    api: str
    floor: str
    naive: str
    kind: str  # list, search, detail or export

    def path(self, target: str) -> str:
        return {"api": self.api, "floor": self.floor, "naive": self.naive,
                "fair": self.naive.replace("/naive/", "/fair/", 1)}[target]
    timings: dict[str, list[float]] = field(default_factory=dict)
    rows: int = 0
    queries: dict[str, int] = field(default_factory=dict)


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def pick_parameters(url: str) -> dict:
    """Typical values, taken from the data: an actor with a typical number of claims, a claim with actors and
    links, a document of median size, and the value_max that selects about 10,000 figures for the export."""
    import psycopg

    with psycopg.connect(url) as conn:
        one = lambda sql, *args: conn.execute(sql, args).fetchone()[0]  # noqa: E731
        actor = one("SELECT actor_id FROM claims_claimactor GROUP BY actor_id ORDER BY count(*) DESC "
                    "OFFSET (SELECT count(DISTINCT actor_id) / 2 FROM claims_claimactor) LIMIT 1")
        claim = one("SELECT l.from_claim_id FROM claims_claimlink l JOIN claims_claimactor ca ON ca.claim_id = "
                    "l.from_claim_id ORDER BY l.id LIMIT 1")
        document = one("SELECT id FROM claims_document ORDER BY id OFFSET (SELECT count(*) / 2 FROM claims_document) "
                       "LIMIT 1")
        values = [row[0] for row in conn.execute(
            "SELECT DISTINCT value FROM claims_claim WHERE value IS NOT NULL ORDER BY value")]
        count = lambda v: one(  # noqa: E731  (the API's value_max filter)
            "SELECT count(*) FROM claims_claim WHERE value_low <= %s OR (value_low IS NULL AND value <= %s) "
            "OR (value_low IS NULL AND value IS NULL AND value_high IS NOT NULL)", v, v)
        low, high = 0, len(values) - 1
        while low < high:  # the smallest value_max that selects 10,000 figures or more
            middle = (low + high) // 2
            low, high = (middle + 1, high) if count(values[middle]) < 10_000 else (low, middle)
    return {"actor": actor, "claim": claim, "document": document, "export_max": f"{values[low]:f}"}


def cases(p: dict) -> list[Case]:
    def claims(api: dict, floor_name: str, floor: dict, kind: str = "list") -> Case:
        api, floor = {**api, "page_size": 100}, {**floor, "page_size": 100}
        query = urlencode(api)
        return Case(floor_name, f"/api/claims/?{query}", f"/{floor_name}?{urlencode(floor)}",
                    f"/naive/claims/?{query}", kind)

    from claims.text.search_terms import han_tsquery, split_query

    zh = "钓鱼网站"
    export = {"value_max": p["export_max"]}
    return [
        claims({"kind": "figure", "date_after": "2015-01", "date_before": "2015-06"}, "kind_date",
               {"kind": "figure", "date_after": "2015-01-01", "date_before": "2015-06-30"}),
        claims({"actor": p["actor"]}, "actor", {"actor": p["actor"]}),
        claims({"value_min": 1000, "value_max": 5000}, "value_range", {"value_min": 1000, "value_max": 5000}),
        claims({"relation": "conflicts"}, "relation", {"relation": "conflicts"}),
        claims({"q": "phishing pages"}, "q_en", {"q": "phishing pages"}, "search"),
        claims({"q": zh}, "q_zh", {"tsquery": han_tsquery(split_query(zh)[1])}, "search"),
        claims({"ordering": "date"}, "order_date", {}),
        Case("claim_detail", f"/api/claims/{p['claim']}/", f"/claim?id={p['claim']}", f"/naive/claims/{p['claim']}/",
             "detail"),
        Case("document_detail", f"/api/documents/{p['document']}/", f"/document?id={p['document']}",
             f"/naive/documents/{p['document']}/", "detail"),
        Case("export_10k", f"/api/claims/?format=jsonl&{urlencode(export)}", f"/export?{urlencode(export)}",
             f"/naive/claims/?format=jsonl&{urlencode(export)}", "export"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(app: str, env: dict, workers: int = 1) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
                                "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning",
                                "--timeout", "300"], env=env, cwd=ROOT)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"gunicorn {app} did not start")


def get(port: int, path: str) -> tuple[float, bytes]:
    """One request on a new connection (gunicorn's sync workers close it after each); seconds and body."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.request("GET", path, headers={"Host": "localhost", "Accept-Encoding": "identity"})
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise SystemExit(f"GET {path} on port {port}: {response.status} {body[:300]!r}")
    return elapsed, body


def rows_of(body: bytes, kind: str) -> list[dict]:
    """The rows of an answer: a page's results, an export's lines, or the one object of a detail."""
    if kind == "export":
        return [json.loads(line) for line in body.splitlines() if line.strip()]
    data = json.loads(body)
    return data["results"] if "results" in data else [data]


def count_queries(env: dict, all_cases: list[Case], targets: list[str]) -> None:
    """SQL queries each Django view runs for each case, in this process through Django's test client."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost", headers={"X-Forwarded-Proto": "https"})
    client.get(all_cases[0].api)  # warm up: the first request of a process loads caches once
    for case in all_cases:
        for target in (target for target in targets if target != "floor"):
            path = case.path(target)
            executed = []
            with connection.execute_wrapper(lambda execute, *args, seen=executed: seen.append(1) or execute(*args)):
                response = client.get(path)
                b"".join(response) if response.streaming else response.content
            case.queries[target] = len(executed)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000, help="Claims generated in the benchmark database (default %(default)s).")
    parser.add_argument("--requests", type=int, default=200, help="Requests per case and server (exports: a tenth).")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="Server to create the benchmark database in (default: a throwaway local cluster).")
    parser.add_argument("--reuse", action="store_true", help="--database-url names a filled database: use it as is.")
    parser.add_argument("--naive-requests", type=int, default=20,
                        help="Requests per case to the naive baseline (its export: one).")
    parser.add_argument("--skip-naive", action="store_true", help="Do not time the naive baseline (slow at scale).")
    parser.add_argument("--skip-fair", action="store_true", help="Do not time the fair baseline.")
    parser.add_argument("--cases", default="", help="Comma-separated names of the cases to run (default: all).")
    args = parser.parse_args()

    if args.reuse:
        if not args.database_url:
            raise SystemExit("--reuse needs --database-url naming the filled database")
        url = args.database_url
    else:
        url = fresh_database(args.database_url, f"claimtrack_http_{args.claims}")
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
           "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "localhost,127.0.0.1",
           "SECURE_SSL_REDIRECT": "false", "CLAIMTRACK_ANONYMOUS_READ": "true",
           "THROTTLE_ANON": "100000000/minute", "THROTTLE_USER": "100000000/minute", "PYTHONPATH": str(ROOT)}
    if not args.reuse:
        started = time.perf_counter()
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "generate_synthetic", "--claims", str(args.claims), "--documents", str(args.claims // 10),
               "--actors", str(max(1, args.claims // 50)), "--links", str(args.claims // 10), "--seed", "1")
        print(f"database filled in {time.perf_counter() - started:.0f} s", flush=True)

    all_cases = cases(pick_parameters(url))
    if args.cases:
        wanted = args.cases.split(",")
        unknown = sorted(set(wanted) - {case.name for case in all_cases})
        if unknown:
            raise SystemExit(f"--cases: no case named {', '.join(unknown)}")
        all_cases = [case for case in all_cases if case.name in wanted]
    targets = ["api", "floor"] + ([] if args.skip_fair else ["fair"]) + ([] if args.skip_naive else ["naive"])
    count_queries(env, all_cases, targets)
    servers = [gunicorn("config.wsgi:application", env), gunicorn("benchmarks.floor:app", env)]
    ports = {"api": servers[0][1], "floor": servers[1][1], "fair": servers[0][1], "naive": servers[0][1]}
    try:
        for case in all_cases:
            paths = {target: case.path(target) for target in targets}
            answers = {target: rows_of(get(ports[target], paths[target])[1], case.kind) for target in targets}
            seen = {target: [row["id"] for row in rows] for target, rows in answers.items()}
            for target in targets:
                if seen[target] != seen["api"]:
                    raise SystemExit(f"{case.name}: {target} answered other rows than the API "
                                     f"({seen[target][:5]}... against {seen['api'][:5]}...)")
            differing = [(api, floor) for api, floor in zip(answers["api"], answers["floor"]) if api != floor]
            if differing:  # the floor shows each row as the API does: no field it could skip
                api, floor = differing[0]
                fields = sorted(key for key in api.keys() | floor.keys() if api.get(key) != floor.get(key))
                raise SystemExit(f"{case.name}: the floor shows {len(differing)} rows otherwise than the API "
                                 f"(row {api['id']}: {', '.join(fields)})")
            case.rows = len(seen["api"])
            rounds = max(3, args.requests // 10) if case.kind == "export" else args.requests
            for target in targets:
                case.timings[target] = []
            for round_ in range(rounds):  # round-robin, so that the machine's noise falls on all alike
                for target in targets:
                    if target == "naive" and round_ >= (1 if case.kind == "export" else args.naive_requests):
                        continue  # the naive baseline runs hundreds of queries a request: fewer samples do
                    case.timings[target].append(get(ports[target], paths[target])[0] * 1000)
            print(f"  {case.name}: done", file=sys.stderr, flush=True)
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait()
    report(all_cases, targets, args)


def report(all_cases: list[Case], targets: list[str], args) -> None:
    print(f"\nclaims: {args.claims:,}  requests per case: {args.requests}  "
          f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}  cpus: {os.cpu_count()}")
    header = ("| query | rows | API p50 | API p95 | floor p50 | floor p95 | fair p50 | fair p95 | naive p50 | naive p95 "
              "| API/floor | fair/API | naive/API | queries API / fair / naive | target |")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for case in all_cases:
        stats = {t: (percentile(case.timings[t], 50), percentile(case.timings[t], 95)) for t in targets}
        api, floor = stats["api"][0], stats["floor"][0]
        naive = stats.get("naive", (float("nan"), float("nan")))
        fair = stats.get("fair", (float("nan"), float("nan")))
        limit, ratio = TARGETS.get(case.kind, (None, None))
        met = "met" if (limit is None or api < limit) and (ratio is None or api <= ratio * floor) else "MISSED"
        target = ", ".join(([f"< {limit} ms"] if limit else []) + ([f"≤ {ratio}x floor"] if ratio else [])) or "-"
        met = "-" if target == "-" else met
        print(f"| {case.name} | {case.rows} | {api:.1f} | {stats['api'][1]:.1f} | {floor:.1f} "
              f"| {stats['floor'][1]:.1f} | {fair[0]:.1f} | {fair[1]:.1f} "
              f"| {naive[0]:.1f} | {naive[1]:.1f} | {api / floor:.2f} | {fair[0] / api:.2f} "
              f"| {naive[0] / api:.1f} | {' / '.join(str(case.queries.get(t, '-')) for t in ('api', 'fair', 'naive'))} "
              f"| {target}: {met} |")
    print("\nmilliseconds, over HTTP on loopback, one request at a time; ratios of p50s")


if __name__ == "__main__":
    main()
