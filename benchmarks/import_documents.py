"""Benchmark: import N small documents (files in a folder, and one JSON Lines batch) on SQLite and PostgreSQL.

    python benchmarks/import_documents.py [--documents 10000] [--engines sqlite,postgresql]

Each engine gets a fresh, migrated database: a temporary SQLite file, and for PostgreSQL the server in
DATABASE_URL or else a throwaway local cluster. Prints seconds and documents per second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.ephemeral_postgres import fresh_database as fresh_postgres_database  # noqa: E402

EN = ["network security", "international cooperation", "cyberspace", "IP addresses", "websites", "hosts",
      "the dialogue", "the ministry", "netizens", "domain names"]
ZH = ["网络安全", "国际合作", "网络空间", "互联网", "对话", "网民", "网站", "域名"]


def make_text(rng: random.Random, n: int) -> str:
    """A small document (about 0.5-2 KB) in English or Chinese with figures and dates in it."""
    if rng.random() < 0.7:
        sentences = [f"In {rng.randint(2005, 2020)}, nearly {rng.randint(1, 99)},{rng.randint(100, 999)} "
                     f"{rng.choice(EN)} were affected, and {rng.choice(EN)} grew by {rng.randint(1, 90)}.{rng.randint(0, 9)}%."
                     for _ in range(rng.randint(4, 16))]
        return f"Report number {n}\n\n" + " ".join(sentences) + "\n"
    sentences = [f"{rng.randint(2005, 2020)}年{rng.randint(1, 12)}月,{rng.choice(ZH)}超过{rng.randint(1, 999)}万个。"
                 for _ in range(rng.randint(8, 30))]
    return f"报告第{n}号\n\n" + "".join(sentences) + "\n"


def fresh_database(engine: str, scratch: Path) -> str:
    if engine == "sqlite":
        return f"sqlite:///{scratch / 'bench.sqlite3'}"
    return fresh_postgres_database(os.environ.get("DATABASE_URL"), f"claimtrack_bench_{os.getpid()}")


def manage(url: str, *args: str) -> float:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="Small documents to import (default %(default)s).")
    parser.add_argument("--engines", default="sqlite,postgresql", help="Databases to measure, comma-separated (default %(default)s).")
    args = parser.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory(prefix="claimtrack-bench-") as tmp:
        scratch = Path(tmp)
        folder = scratch / "docs"
        folder.mkdir()
        texts = [make_text(rng, n) for n in range(args.documents)]
        for n, text in enumerate(texts):
            (folder / f"doc_{n:06d}.txt").write_text(text, encoding="utf-8")
        batch = scratch / "batch.jsonl"
        with batch.open("w", encoding="utf-8") as handle:
            for n, text in enumerate(texts):
                handle.write(json.dumps({"text": text + "(batch)", "filename": f"batch_{n}"}) + "\n")
        size = sum(len(t.encode()) for t in texts)
        print(f"{args.documents} documents, {size / args.documents:.0f} bytes each on average; {os.cpu_count()} cores")
        print(f"{'engine':<11} {'input':<12} {'seconds':>8} {'docs/s':>8}")
        for engine in args.engines.split(","):
            url = fresh_database(engine, scratch)
            manage(url, "migrate", "-v0")
            for label, path in (("files", folder), ("JSON Lines", batch)):
                seconds = manage(url, "import_documents", str(path), "--no-progress")
                print(f"{engine:<11} {label:<12} {seconds:>8.1f} {args.documents / seconds:>8.0f}")


if __name__ == "__main__":
    main()
