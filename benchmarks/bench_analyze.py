"""Throughput and peak memory of ``analyze`` against bare ``nlp.pipe`` on the same texts.

Both sides run in fresh processes of this same command, alternating, several rounds; the figure
that matters is the ratio (newsledger / bare), which machine noise affects far less than the
absolute rates. Usage:

    python benchmarks/bench_analyze.py [--articles 200] [--rounds 3] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results" / "analyze.json"


def corpus_texts(count: int) -> list[str]:
    """Demo corpus articles, repeated with a numbered line so each is a distinct article."""
    from newsledger import read_articles
    from newsledger.demo import corpus_path
    from newsledger.records import Article

    base = [a.text for a in read_articles([str(corpus_path())]) if isinstance(a, Article)]
    return [f"{base[i % len(base)]}\n\nEdition {i}." for i in range(count)]


def bare_pipe(texts: list[str], batch_size: int, workers: int) -> dict[str, Any]:
    import spacy

    from newsledger.nlp.model import MODEL_PACKAGE

    nlp = spacy.load(MODEL_PACKAGE)
    nlp(texts[0])  # warm-up outside the timed run, as on the other side
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers))
    return {"seconds": time.perf_counter() - start, "tokens": tokens}


def newsledger_analyze(texts: list[str], batch_size: int, workers: int) -> dict[str, Any]:
    from newsledger import Ledger, analyze_ledger, analyze_texts
    from newsledger.ingest import to_article
    from newsledger.ingest.items import RawArticle
    from newsledger.nlp.model import load_model

    load_model()
    # Knowledge bases, gazetteer and lexicons load on first use: warm them outside the timing.
    next(analyze_texts([("warm-up", texts[0], "2026-01-28")]))
    with tempfile.TemporaryDirectory() as folder, Ledger(Path(folder) / "b.db") as ledger:
        for number, text in enumerate(texts):
            ledger.add_article(to_article(RawArticle(f"bench:{number}", "text", text)))
        start = time.perf_counter()
        report = analyze_ledger(ledger, workers=workers, batch_size=batch_size)
        seconds = time.perf_counter() - start
        assert report.analyzed == len(texts)
    return {"seconds": seconds}


def _child(name: str, texts: list[str], batch_size: int, workers: int, out: Any) -> None:
    result = (bare_pipe if name == "bare" else newsledger_analyze)(texts, batch_size, workers)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # With --workers > 1 the model also runs in worker processes: the largest one is reported.
    result["worker_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out.send(result)


def run_fresh(name: str, texts: list[str], batch_size: int, workers: int) -> dict[str, Any]:
    context = mp.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(name, texts, batch_size, workers, send))
    process.start()
    result: dict[str, Any] = receive.recv()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    texts = corpus_texts(args.articles)
    rounds: list[dict[str, Any]] = []
    for _ in range(args.rounds):
        bare = run_fresh("bare", texts, args.batch_size, args.workers)
        ours = run_fresh("newsledger", texts, args.batch_size, args.workers)
        rounds.append(
            {"bare": bare, "newsledger": ours, "ratio": bare["seconds"] / ours["seconds"]}
        )
    tokens = rounds[0]["bare"]["tokens"]
    summary = summarise(rounds, len(texts), tokens, args)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"summary": summary, "rounds": rounds}, indent=2) + "\n")
    print_table(summary)


def summarise(
    rounds: list[dict[str, Any]], articles: int, tokens: int, args: argparse.Namespace
) -> dict[str, Any]:
    def median(side: str, key: str) -> float:
        return statistics.median(r[side][key] for r in rounds)

    bare_s, ours_s = median("bare", "seconds"), median("newsledger", "seconds")
    return {
        "articles": articles,
        "tokens": tokens,
        "workers": args.workers,
        "batch_size": args.batch_size,
        "rounds": len(rounds),
        "bare_articles_per_s": articles / bare_s,
        "bare_tokens_per_s": tokens / bare_s,
        "newsledger_articles_per_s": articles / ours_s,
        "newsledger_tokens_per_s": tokens / ours_s,
        "throughput_ratio_median": statistics.median(r["ratio"] for r in rounds),
        "bare_peak_rss_mb": median("bare", "peak_rss_mb"),
        "newsledger_peak_rss_mb": median("newsledger", "peak_rss_mb"),
        "bare_worker_peak_rss_mb": median("bare", "worker_peak_rss_mb"),
        "newsledger_worker_peak_rss_mb": median("newsledger", "worker_peak_rss_mb"),
    }


def print_table(s: dict[str, Any]) -> None:
    print(
        f"{s['articles']} articles, {s['tokens']} tokens, workers={s['workers']}, "
        f"{s['rounds']} rounds (medians)"
    )
    print("| run | articles/s | tokens/s | peak RSS MB (main / largest worker) |")
    print("|---|---|---|---|")
    for label, key in (("bare nlp.pipe", "bare"), ("newsledger analyze", "newsledger")):
        print(
            f"| {label} | {s[key + '_articles_per_s']:.1f} | {s[key + '_tokens_per_s']:.0f} "
            f"| {s[key + '_peak_rss_mb']:.0f} / {s[key + '_worker_peak_rss_mb']:.0f} |"
        )
    print(f"throughput ratio newsledger / bare: {s['throughput_ratio_median']:.2f}")


if __name__ == "__main__":
    main()
