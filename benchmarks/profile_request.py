"""Where a claim detail's milliseconds go: cProfile of the request, in process, step by step.

    python benchmarks/profile_request.py [--claims 10000] [--requests 500] [--path /api/claims/ID/]
                                         [--database-url URL] [--reuse]

One database, filled as benchmarks/http_api.py fills it (generate_synthetic; --reuse takes a filled one). The
request goes through Django's test client with the benchmark's (production) settings and a token, as a client
sends it; after some warm-up requests, `requests` of them run under cProfile, and the table gives each step's
cumulative time a request (cProfile's overhead included, so the shares matter more than the milliseconds):
the whole handler, URL resolving, the middleware (the handler less the view and the resolving), DRF's
authentication, permissions, throttling and content negotiation, query compilation and execution, and
rendering. Steps nest (compilation runs inside the view), so the shares do not add up to 100.
"""

import argparse
import cProfile
import os
import pstats
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.ephemeral_postgres import fresh_database  # noqa: E402

# (step, file ending, function): the function whose cumulative time is the step's
STEPS = [
    ("request (the handler)", "django/core/handlers/base.py", "get_response"),
    ("URL resolving", "django/core/handlers/base.py", "resolve_request"),
    ("view (DRF dispatch)", "rest_framework/views.py", "dispatch"),
    ("authentication", "rest_framework/request.py", "_authenticate"),
    ("permissions", "rest_framework/views.py", "check_permissions"),
    ("throttling", "rest_framework/views.py", "check_throttles"),
    ("content negotiation", "rest_framework/views.py", "perform_content_negotiation"),
    ("query compilation", "django/db/models/sql/compiler.py", "as_sql"),
    ("query execution", "django/db/backends/utils.py", "_execute"),
    ("rendering", "rest_framework/response.py", "rendered_content"),
    ("the ETag", "claims/api/concurrency.py", "etag_of"),
]


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def step_times(stats: pstats.Stats) -> dict[str, float]:
    """Each step's cumulative seconds over the profiled requests."""
    found = dict.fromkeys((name for name, _, _ in STEPS), 0.0)
    for (filename, _, function), (_, _, _, cumulative, _) in stats.stats.items():
        for name, ending, wanted in STEPS:
            if function == wanted and filename.replace(os.sep, "/").endswith(ending):
                found[name] += cumulative
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10_000, help="Claims generated (default %(default)s).")
    parser.add_argument("--requests", type=int, default=500, help="Requests profiled (after as many to warm up).")
    parser.add_argument("--path", default="", help="The request (default: the detail of the claim with most links).")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="Server to create the database in (default: a throwaway local cluster).")
    parser.add_argument("--reuse", action="store_true", help="--database-url names a filled database: use it as is.")
    args = parser.parse_args()

    url = args.database_url if args.reuse else fresh_database(args.database_url, f"claimtrack_profile_{args.claims}")
    os.environ.update({"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
                       "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "testserver",
                       "SECURE_SSL_REDIRECT": "false", "THROTTLE_ANON": "100000000/minute",
                       "THROTTLE_USER": "100000000/minute", "PYTHONPATH": str(ROOT)})
    if not args.reuse:
        manage(dict(os.environ), "migrate", "--verbosity", "0")
        manage(dict(os.environ), "generate_synthetic", "--claims", str(args.claims), "--documents",
               str(max(1, args.claims // 10)), "--actors", str(max(1, args.claims // 50)), "--links",
               str(args.claims // 10), "--seed", "1")

    import django

    django.setup()
    import re

    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token

    from claims.models import Claim

    user, _ = User.objects.get_or_create(username="profile-reader")
    user.groups.add(Group.objects.get(name="fact-checkers"))
    token, _ = Token.objects.get_or_create(user=user)
    path = args.path or "/api/claims/{}/".format(
        Claim.objects.annotate(n=Count("links_from")).order_by("-n", "id").values_list("id", flat=True)[0])
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    for _ in range(args.requests):  # warm up: imports, caches, the connection
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code} {response.content[:300]!r}")

    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    tables = [(re.findall(r'FROM "(\w+)"', query["sql"]) or ["?"])[-1] for query in queries]  # the outer FROM
    started = time.perf_counter()
    for _ in range(args.requests):
        client.get(path)
    plain = (time.perf_counter() - started) / args.requests * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        client.get(path)
    profiler.disable()
    times = step_times(pstats.Stats(profiler))
    whole = times["request (the handler)"]
    times["middleware (handler less view and resolving)"] = whole - times["view (DRF dispatch)"] - times[
        "URL resolving"]
    print(f"GET {path}: {plain:.2f} ms a request without the profiler; under it, a step's cumulative time:")
    print(f"{len(tables)} queries a request, from: {', '.join(tables)}")
    print("| step | ms a request | share of the handler |\n| --- | --- | --- |")
    for name, seconds in times.items():
        print(f"| {name} | {seconds / args.requests * 1000:.3f} | {seconds / whole:.0%} |")


if __name__ == "__main__":
    main()
