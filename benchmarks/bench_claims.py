"""Claim matching at scale: time and peak memory at two sizes, how they grow, and its recall.

    python benchmarks/bench_claims.py --sizes 10000 100000 [--embed-sample 1000]

For each size, claims are generated (outside the timing): facts of the domain from sentence
templates (drones launched, talks lasting hours, prisoners exchanged, power cut for a share
of a region, a fund's size, the date of a round, a statement about talks) with varied actors,
places, numbers and dates, each fact told in one to four reports in different words, one fact
in ten with a report giving a different value (a planted contradiction).

Embedding 100,000 sentences with the MiniLM model takes minutes on two cores, so the matching
runs on synthetic vectors with the structure of sentence embeddings: reports of one fact
about 0.85 apart in cosine, facts of one template about 0.5, unrelated claims near 0. The
model's own throughput is measured on a sample of the generated sentences, and the time to
embed a whole size is extrapolated from it. Each size runs in a fresh process; "peak" is the
rise of the RSS high-water mark (reset before the run) during matching (``build``: candidate
pairs, similarities, tests, union-find, contradictions) over the generated data in memory.
Recall and precision are pairwise against the generated facts.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

RESULTS = Path(__file__).parent / "results" / "claims.json"
DIMENSIONS = 384
TEMPLATE_SIMILARITY = 0.5  # cosine between facts of one template
REPORT_SIMILARITY = 0.85  # cosine between reports of one fact

# template: (claim kind, value kind, unit, variants); {a} {b} actors, {p} a place, {n} a number
TEMPLATES: list[tuple[str, str, str | None, list[str]]] = [
    (
        "quantity",
        "count",
        "drone",
        [
            "{a} launched {n} drones at {p} overnight",
            "{n} drones were fired at {p} by {a} overnight",
            "Overnight, {a} sent {n} attack drones towards {p}",
        ],
    ),
    (
        "quantity",
        "duration",
        "hour",
        [
            "The talks between {a} and {b} in {p} lasted {n} hours",
            "{a} and {b} spent {n} hours at the table in {p}",
            "The meeting of {a} and {b} in {p} went on for {n} hours",
        ],
    ),
    (
        "quantity",
        "count",
        "prisoner",
        [
            "{a} and {b} exchanged {n} prisoners each",
            "Each side freed {n} prisoners in the swap between {a} and {b}",
            "{n} prisoners were released by {a} and {b} in an exchange",
        ],
    ),
    (
        "quantity",
        "percent",
        "%",
        [
            "{n}% of {p} was left without power after the strike",
            "The strike cut electricity to {n} percent of {p}",
            "About {n}% of homes in {p} lost power",
        ],
    ),
    (
        "quantity",
        "money",
        "USD",
        [
            "A fund of ${n} billion for {p} is part of the proposal from {a}",
            "The proposal from {a} includes a ${n} billion fund for {p}",
            "{a} proposed ${n} billion for the reconstruction of {p}",
        ],
    ),
    (
        "date",
        "date",
        None,
        [
            "The next round of talks between {a} and {b} will be held in {p} on {d}",
            "{a} and {b} will meet again in {p} on {d}",
            "Negotiators of {a} and {b} are due in {p} on {d}",
        ],
    ),
    (
        "statement",
        "",
        None,
        [
            "{a} said the talks with {b} in {p} were constructive",
            "{a} called the meeting with {b} in {p} useful",
            "The talks with {b} in {p} went well, according to {a}",
        ],
    ),
]


def generate(count: int, seed: int = 7) -> tuple[list[dict[str, Any]], list[int]]:
    """``count`` claim dicts and, for each, the number of the fact it reports."""
    rng = random.Random(seed)
    actors = [f"actor.{n}" for n in range(400)]
    places = [f"place.{n}" for n in range(300)]
    claims: list[dict[str, Any]] = []
    facts: list[int] = []
    fact = 0
    while len(claims) < count:
        template = rng.randrange(len(TEMPLATES))
        kind, value_kind, unit, variants = TEMPLATES[template]
        a, b = rng.sample(actors, 2)
        place = rng.choice(places)
        number = rng.randrange(2, 400)
        day = f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        reports = rng.randint(1, 4)
        odd = rng.randrange(reports) if reports > 1 and rng.random() < 0.1 else -1
        for n in range(min(reports, count - len(claims))):
            value = number + 7 + number // 3 if n == odd else number
            text = rng.choice(variants).format(a=a, b=b, p=place, n=value, d=day)
            values = []
            if value_kind == "date":
                values = [{"kind": "date", "value": day, "unit": None, "text": day}]
            elif value_kind:
                values = [{"kind": value_kind, "value": value, "unit": unit, "text": str(value)}]
            claims.append(_claim(kind, text, values, [a, b], [place], template))
            facts.append(fact)
        fact += 1
    return claims, facts


def _claim(
    kind: str, text: str, values: list[dict[str, Any]], actors: list[str], places: list[str],
    template: int,
) -> dict[str, Any]:  # fmt: skip
    for value in values:
        value.update(start=0, end=0, qualifier=None)
    return {
        "kind": kind, "text": text, "start": 0, "end": len(text), "sentence": 0,
        "claimant": None, "claimant_actor_id": None, "claimant_type": "article",
        "attribution": None, "chain": [], "anonymous": False, "unsourced": False,
        "certainty": "asserted", "negated": False, "values": values, "actors": actors,
        "places": places, "date": None, "event": None, "cues": [], "template": template,
    }  # fmt: skip


def vectors(claims: list[dict[str, Any]], facts: list[int], seed: int = 11) -> np.ndarray:
    """Unit vectors with the similarity structure of sentence embeddings (see the module doc)."""
    rng = np.random.default_rng(seed)

    def unit(rows: np.ndarray) -> np.ndarray:
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    topics = unit(rng.standard_normal((len(TEMPLATES), DIMENSIONS)))
    fact_count = max(facts) + 1
    fact_template = np.zeros(fact_count, dtype=np.int64)
    for claim, fact in zip(claims, facts, strict=True):
        fact_template[fact] = claim["template"]
    t = np.sqrt(TEMPLATE_SIMILARITY)
    bases = unit(
        t * topics[fact_template]
        + np.sqrt(1 - t**2) * unit(rng.standard_normal((fact_count, DIMENSIONS)))
    )
    r = np.sqrt(REPORT_SIMILARITY)
    noise = unit(rng.standard_normal((len(claims), DIMENSIONS)))
    return unit(r * bases[np.asarray(facts)] + np.sqrt(1 - r**2) * noise).astype(np.float32)


def _status_mb(field: str) -> float:
    """VmRSS or VmHWM (the RSS high-water mark) of this process, in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Set the high-water mark back to the current RSS (Linux 4.0+), so the next peak is ours."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")


def measure(size: int) -> dict[str, Any]:
    """One size, in this process: generate, then time ``build`` and the rise of peak RSS."""
    from newsledger.crosscheck.claims import build
    from newsledger.crosscheck.reports import Report

    claims, facts = generate(size)
    vecs = vectors(claims, facts)
    reports = [
        Report(f"article-{n // 3}", c, outlet=f"outlet-{n % 40}", published="2026-02-01",
               voice=f"outlet:{n % 40}", index=n)
        for n, c in enumerate(claims)
    ]  # fmt: skip
    gc.collect()
    _reset_peak()
    before = _status_mb("VmRSS")
    start = time.perf_counter()
    clusters = build(reports, vecs)
    seconds = time.perf_counter() - start
    peak = _status_mb("VmHWM")
    position = {id(r): n for n, r in enumerate(reports)}
    predicted = {
        (min(a, b), max(a, b))
        for cluster in clusters
        for a, b in combinations([position[id(r)] for r in cluster.reports], 2)
    }
    gold = _gold_pairs(facts)
    right = len(predicted & gold)
    return {
        "claims": size,
        "facts": max(facts) + 1,
        "seconds": round(seconds, 2),
        "claims_per_second": round(size / seconds),
        "data_mb": round(before),
        "matching_peak_mb": round(peak - before),
        "clusters": len(clusters),
        "contradictions": sum(len(c.conflicts) for c in clusters),
        "pair_precision": round(right / len(predicted), 3) if predicted else 0.0,
        "pair_recall": round(right / len(gold), 3) if gold else 0.0,
    }


def _gold_pairs(facts: list[int]) -> set[tuple[int, int]]:
    members: dict[int, list[int]] = {}
    for n, fact in enumerate(facts):
        members.setdefault(fact, []).append(n)
    return {pair for group in members.values() for pair in combinations(group, 2)}


def embedding_rate(sample: int) -> dict[str, Any]:
    """Sentences per second of the real model on generated claim sentences (one thread)."""
    from newsledger.crosscheck.embed import embedder

    claims, _ = generate(sample, seed=3)
    texts = [c["text"] for c in claims]
    model = embedder()
    model.embed(texts[:32])  # load and warm up outside the timing
    start = time.perf_counter()
    model.embed(texts)
    seconds = time.perf_counter() - start
    return {"sentences": sample, "seconds": round(seconds, 2),
            "sentences_per_second": round(sample / seconds)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--embed-sample", type=int, default=1000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    runs = []
    for size in args.sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(runs[-1]), file=sys.stderr)
    rate = embedding_rate(args.embed_sample)
    small, large = runs[0], runs[-1]
    result = {
        "runs": runs,
        "growth": {
            "size_ratio": large["claims"] / small["claims"],
            "time_ratio": round(large["seconds"] / small["seconds"], 2),
            "memory_ratio": round(
                max(large["matching_peak_mb"], 1) / max(small["matching_peak_mb"], 1), 2
            ),
        },
        "embedding": {
            **rate,
            "extrapolated_seconds": {
                str(run["claims"]): round(run["claims"] / rate["sentences_per_second"])
                for run in runs
            },
        },
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
