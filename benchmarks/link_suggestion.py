"""Benchmark: link suggestion over 10k, 100k and 1M claims, to show that its cost grows linearly.

    python benchmarks/link_suggestion.py [--claims 10000,100000,1000000]

The claims have the synthetic generator's shapes (claims/synthetic.py: figures with units, bounds and dates
of every precision, events, statements, in English and Chinese; two of 20,000 actors per claim, as
`generate_synthetic` gives them), built in memory as the light rows `suggest_links` reads from the
database, so that what is timed is the proposing: blocking, comparing neighbours, keeping the best. Prints
seconds, links proposed, microseconds per claim and the growth against the smallest size.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")  # the service module imports models

import django  # noqa: E402

django.setup()

from claims import synthetic  # noqa: E402
from claims.services.detection import MAX_PER_CLAIM, LinkClaim, propose_links  # noqa: E402

STATUSES = (["reviewed", "draft", "suggested", "disputed", "rejected"], [5, 3, 2, 1, 1])


def make_claims(count: int, actors: int, seed: int) -> list[LinkClaim]:
    """`count` claims in documents of ten, shaped as generate_synthetic shapes them."""
    synthetic.rng.seed(seed)
    rng = random.Random(seed)
    names = [f"Synthetic actor {n}" for n in range(actors)]
    claims = []
    for pk in range(1, count + 1):
        document = (pk - 1) // 10 + 1
        language = "en" if document % 10 < 6 else "zh-Hans"
        _, start, _, fields = synthetic.sentence("en" if language == "en" else "zh")
        value = Decimal(fields["value"]) if fields.get("value") is not None else None
        bound = fields.get("bound")
        date = fields["date"]
        claims.append(LinkClaim(
            pk=pk, document_id=document, kind=fields["kind"], language=language, start=start,
            status=rng.choices(*STATUSES)[0], value=value, value_low=value if bound == "low" else None,
            value_high=value if bound == "high" else None, unit=fields.get("unit", ""),
            date_start=date.start, date_end=date.end, date_precision=date.precision,
            actors=frozenset(rng.sample(names, 2))))
    return claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", default="10000,100000,1000000", help="Sizes to measure, comma-separated.")
    parser.add_argument("--actors", type=int, default=20000, help="Actors the claims name (default %(default)s).")
    args = parser.parse_args()
    first = None
    print(f"{'claims':>9} {'seconds':>8} {'links':>9} {'us/claim':>9} {'growth':>7}   (at most {MAX_PER_CLAIM} per claim)")
    for count in map(int, args.claims.split(",")):
        claims = make_claims(count, args.actors, seed=count)
        started = time.perf_counter()
        links = propose_links(claims)
        seconds = time.perf_counter() - started
        per_claim = seconds / count * 1e6
        first = first or per_claim
        print(f"{count:>9} {seconds:>8.2f} {len(links):>9} {per_claim:>9.1f} {per_claim / first:>6.2f}x")


if __name__ == "__main__":
    main()
