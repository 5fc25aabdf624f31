"""Benchmark: Chinese word segmentation with rjieba (jieba-rs, what detection uses) against jieba itself.

    python benchmarks/segmenters.py [--repeat 20]

Both segment the Chinese texts of the detection corpus's development part, in Simplified characters (as
detection does); prints milliseconds per pass, characters per second and how many words the two cut
alike (both use jieba's dictionary; rjieba's HMM for unknown words differs a little).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.text.chinese import simplified  # noqa: E402
from claims.text.evaluation import load_corpus  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "detection_corpus" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="Passes over all texts timed (default %(default)s).")
    args = parser.parse_args()
    import jieba
    import rjieba

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [simplified(t.text) for t in load_corpus(CORPUS) if t.language != "en"]
    characters = sum(map(len, texts))
    cut = {"rjieba": lambda text: [w for w, _, _ in rjieba.tokenize(text)], "jieba": lambda text: list(jieba.cut(text))}
    words = {name: [cutter(text) for text in texts] for name, cutter in cut.items()}
    same = sum(len(set(a) & set(b)) for a, b in zip(words["rjieba"], words["jieba"]))
    total = sum(len(set(a)) for a in words["jieba"])
    print(f"{len(texts)} texts, {characters} characters; distinct words cut alike: {same}/{total}")
    for name, cutter in cut.items():
        started = time.perf_counter()
        for _ in range(args.repeat):
            for text in texts:
                cutter(text)
        seconds = (time.perf_counter() - started) / args.repeat
        print(f"{name:>7}: {seconds * 1000:7.2f} ms per pass, {characters / seconds / 1e6:6.2f} M characters/s")


if __name__ == "__main__":
    main()
