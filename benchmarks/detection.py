"""Benchmark: detect figures and events in N documents of about 10 KB (English and Chinese), one process.

    python benchmarks/detection.py [--documents 10000]

Prints the seconds, documents per second and candidates found, with one process and with one per core
(as `detect_claims` runs). Detection is pure Python (claims.text), so no database is involved: this
measures what `detect_claims` spends per document before storing. Page layout is computed at import and
stored, so it is computed before the clock starts.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.text.detect import detect_many  # noqa: E402
from claims.text.layout import analyse  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_documents(n: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """Documents of about 10 KB stitched from the seeds' paragraphs, with their numbers and dates varied."""
    paragraphs = {"en": [], "zh": []}
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if len(paragraph) > 200:
                paragraphs["zh" if any("\u4e00" <= ch <= "\u9fff" for ch in paragraph[:50]) else "en"].append(paragraph)
    documents = []
    for _ in range(n):
        language = "zh" if rng.random() < 0.3 else "en"
        parts, size = [], 0
        while size < 10_000:
            paragraph = rng.choice(paragraphs[language])
            paragraph = "".join(str(rng.randint(0, 9)) if ch.isdigit() and rng.random() < 0.3 else ch
                                for ch in paragraph)
            parts.append(paragraph)
            size += len(paragraph.encode())
        documents.append(("\n\n".join(parts), ["zh-Hans"] if language == "zh" else ["en"]))
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--workers", default=f"1,{os.cpu_count()}", help="Process counts to measure, e.g. 1,2.")
    args = parser.parse_args()
    documents = make_documents(args.documents, random.Random(7))
    kilobytes = sum(len(text.encode()) for text, _ in documents) / len(documents) / 1024
    print(f"{args.documents} documents of {kilobytes:.1f} KB on average, {os.cpu_count()} cores")
    layouts = [analyse(text) for text, _ in documents]  # done at import and stored: not detection's work
    for workers in map(int, args.workers.split(",")):
        started = time.perf_counter()
        arguments = ((text, languages, date(2016, 6, 30), layout.main_ranges, layout.duplicate_ranges)
                     for (text, languages), layout in zip(documents, layouts))
        found = sum(len(candidates) for candidates in detect_many(arguments, workers))
        seconds = time.perf_counter() - started
        print(f"{workers} process(es): {seconds:.1f} s, {args.documents / seconds:.0f} documents/s, "
              f"{found} candidates")


if __name__ == "__main__":
    main()
