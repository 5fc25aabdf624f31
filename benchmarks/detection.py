"""Benchmark: detect figures and events in N documents of about 10 KB (English, Simplified and Traditional
Chinese), with one process and with one per core.

    python benchmarks/detection.py [--documents 10000] [--workers 1,2]

The documents are stitched from the paragraphs of the detection corpus's development texts
(fixtures/detection_corpus/dev: written for claimtrack, not the seeds), their digits varied, each with
its text's publication date. Prints the seconds, documents per second and candidates found, as
`detect_claims` runs detection (segmentation and Chinese numerals included; the word dictionary is loaded
once per process, inside the clock). Detection is pure Python (claims.text), so no database is involved.
Page layout is computed at import and stored, so it is computed before the clock starts.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.text.detect import detect_many  # noqa: E402
from claims.text.evaluation import load_corpus  # noqa: E402
from claims.text.layout import analyse  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "detection_corpus" / "dev"
LANGUAGES = {"en": 0.5, "zh-Hans": 0.3, "zh-Hant": 0.2}


def make_documents(n: int, rng: random.Random) -> list[tuple[str, list[str], object]]:
    """Documents of about 10 KB stitched from the corpus's paragraphs, with their digits varied."""
    paragraphs = {language: [] for language in LANGUAGES}
    for text in load_corpus(CORPUS):
        for paragraph in text.text.split("\n\n"):
            if paragraph.strip():
                paragraphs[text.language].append((paragraph.strip(), text.published))
    documents = []
    for _ in range(n):
        language = rng.choices(list(LANGUAGES), list(LANGUAGES.values()))[0]
        parts, size, published = [], 0, None
        while size < 10_000:
            paragraph, published = rng.choice(paragraphs[language])
            paragraph = "".join(str(rng.randint(0, 9)) if ch.isdigit() and rng.random() < 0.3 else ch
                                for ch in paragraph)
            parts.append(paragraph)
            size += len(paragraph.encode())
        documents.append(("\n\n".join(parts), [language], published))
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="Documents of about 10 KB (default %(default)s).")
    parser.add_argument("--workers", default=f"1,{os.cpu_count()}", help="Process counts to measure, e.g. 1,2.")
    args = parser.parse_args()
    documents = make_documents(args.documents, random.Random(7))
    kilobytes = sum(len(text.encode()) for text, _, _ in documents) / len(documents) / 1024
    print(f"{args.documents} documents of {kilobytes:.1f} KB on average, {os.cpu_count()} cores")
    layouts = [analyse(text) for text, _, _ in documents]  # done at import and stored: not detection's work
    for workers in map(int, args.workers.split(",")):
        started = time.perf_counter()
        arguments = ((text, languages, published, layout.main_ranges, layout.duplicate_ranges)
                     for (text, languages, published), layout in zip(documents, layouts))
        found = sum(len(candidates) for candidates in detect_many(arguments, workers))
        seconds = time.perf_counter() - started
        print(f"{workers} process(es): {seconds:.1f} s, {args.documents / seconds:.0f} documents/s, "
              f"{found} candidates")


if __name__ == "__main__":
    main()
