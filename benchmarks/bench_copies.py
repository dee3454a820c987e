"""Copy detection at scale: time and peak memory at two corpus sizes, and how they grow.

    python benchmarks/bench_copies.py --sizes 10000 100000

For each size a ledger of generated articles is written (outside the timing): random text over
a Zipf-like vocabulary of 40,000 words, six paragraphs each, with planted near copies (10%),
rewrites (5%) and articles that reuse one paragraph (5%). Copy detection (``find_copies``,
the work of the "copies" step without the writes) then runs in a fresh process so that its peak
RSS is its own. Growth is time(large) / time(small): near-linear is about the ratio of the sizes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).parent / "results" / "copies.json"


def _words(rng: np.random.Generator, size: int = 40_000) -> list[str]:
    consonants, vowels = list("bdgklmnprstvz"), list("aeiou")
    words: set[str] = set()
    while len(words) < size:
        length = int(rng.integers(1, 5))
        words.add(
            "".join(str(rng.choice(consonants)) + str(rng.choice(vowels)) for _ in range(length))
        )
    return sorted(words)


class Corpus:
    def __init__(self, seed: int = 1) -> None:
        self.rng = np.random.default_rng(seed)
        self.vocabulary = np.array(_words(self.rng))
        weights = 1.0 / np.arange(1, len(self.vocabulary) + 1) ** 0.8
        self.p = weights / weights.sum()

    def paragraph(self) -> str:
        words = self.rng.choice(self.vocabulary, size=int(self.rng.integers(25, 50)), p=self.p)
        return " ".join(words).capitalize() + "."

    def edit(self, paragraph: str, share: float) -> str:
        words = paragraph.split()
        for i in np.flatnonzero(self.rng.random(len(words)) < share):
            words[i] = str(self.rng.choice(self.vocabulary))
        return " ".join(words)


def build(path: Path, size: int) -> dict[str, int]:
    """Write ``size`` articles with planted copies; returns how many of each were planted."""
    from newsledger.ingest.normalize import article_id
    from newsledger.store import Ledger

    corpus = Corpus()
    rng = corpus.rng
    texts: list[list[str]] = []
    planted = {"near": 0, "rewrite": 0, "paragraph": 0}
    rows = []
    for n in range(size):
        roll = rng.random()
        own = [corpus.paragraph() for _ in range(6)]
        if texts and roll < 0.20:
            source = texts[int(rng.integers(max(0, len(texts) - 2000), len(texts)))]
            if roll < 0.10:
                paragraphs = [corpus.edit(p, 0.01) for p in source] + [corpus.paragraph()]
                planted["near"] += 1
            elif roll < 0.15:
                kept = [corpus.edit(p, 0.08) for p in source[1:]]
                paragraphs = [*kept, corpus.paragraph()]
                planted["rewrite"] += 1
            else:
                paragraphs = [*own[:5], source[int(rng.integers(0, len(source)))]]
                planted["paragraph"] += 1
        else:
            paragraphs = own
        texts.append(paragraphs)
        text = "\n\n".join(paragraphs)
        day = f"2026-{1 + n * 12 // size:02d}-{1 + n % 28:02d}T{n % 24:02d}:00:00Z"
        rows.append((article_id(text), f"outlet {n % 50}", day, len(text), text))
    with Ledger(path) as ledger, ledger.transaction() as db:
        db.execute("DROP TRIGGER articles_fts_insert")  # full-text search is not measured
        db.executemany(
            "INSERT OR IGNORE INTO articles (id, outlet, published, chars, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, '2026-01-01')",
            rows,
        )
    return planted


def _memory_kb(field: str) -> int:
    """Peak RSS of this process's own memory (ru_maxrss would count the parent's at fork)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def measure(path: str) -> None:
    """In a fresh process: run find_copies and print time, peak RSS and counts as JSON."""
    from newsledger.crosscheck.copies import find_copies
    from newsledger.store import Ledger

    with Ledger(path, readonly=True) as ledger:
        before = _memory_kb("VmHWM")
        start = time.perf_counter()
        report = find_copies(ledger.db)
        seconds = time.perf_counter() - start
        peak = _memory_kb("VmHWM")
    kinds = [c.kind for c in report.copies]
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(peak / 1024, 1),
                "rss_before_mb": round(before / 1024, 1),
                "candidates": report.candidates,
                "near": kinds.count("near"),
                "rewrite": kinds.count("rewrite"),
                "reused_paragraphs": len(report.paragraphs),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--no-save", action="store_true", help="Do not write results/.")
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"bench-{size}.db"
            planted = build(path, size)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            row = {"articles": size, "planted": planted, **json.loads(out.stdout)}
            results.append(row)
            print(json.dumps(row), flush=True)
            path.unlink()
    if len(results) >= 2:
        small, large = results[0], results[-1]
        growth = {
            "size_ratio": large["articles"] / small["articles"],
            "time_ratio": round(large["seconds"] / small["seconds"], 2),
            "memory_ratio": round(large["peak_rss_mb"] / small["peak_rss_mb"], 2),
        }
        print(json.dumps(growth))
        results.append(growth)
    if not args.no_save:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
