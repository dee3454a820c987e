"""Scale: ingest and the store at 10,000 and 100,000 synthetic articles, analysis on a sample.

Every measured step runs in a fresh process of this same script (``--phase``) and reports its
wall time and peak RSS (``getrusage``: the process itself, and the largest worker process it
ran, spaCy's or Dask's). Analysing 100,000 articles would take hours on two cores, so the
analysis is measured on a fixed sample (the first ``--sample`` articles) four ways: bare
``nlp.pipe``, ``analyze`` with one worker, with ``--workers 2``, and with ``--dask local`` of two
worker processes. Usage:

    python benchmarks/bench_scale.py [--sizes 10000 100000] [--sample 1000]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_jsonl

RESULTS = Path(__file__).parent / "results" / "scale.json"
ANALYSIS_MODES = ("bare", "single", "workers2", "dask2")


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


# -- phases, each in its own process ---------------------------------------------------------


def phase_ingest(db: Path, source: Path) -> dict[str, Any]:
    from newsledger import Ledger, ingest

    start = time.perf_counter()
    with Ledger(db) as ledger:
        report = ingest(ledger, [str(source)])
    return {"seconds": time.perf_counter() - start, "stored": report.counts["stored"]}


def phase_store(db: Path) -> dict[str, Any]:
    """Read every pending text the way analyze streams them, then export every table."""
    from newsledger import Ledger
    from newsledger.views.parquet import export_parquet

    with Ledger(db) as ledger:
        start = time.perf_counter()
        pending = ledger.count_pending()
        chars = sum(len(text) for _id, text, _published in ledger.pending(batch_size=64))
        scan = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            tables = export_parquet(ledger, folder)
            export = time.perf_counter() - start
    rows = sum(t.rows for t in tables)
    return {
        "pending": pending,
        "chars": chars,
        "scan_seconds": scan,
        "export_seconds": export,
        "export_rows": rows,
    }


def phase_analyze(db: Path, mode: str) -> dict[str, Any]:
    from newsledger import Ledger, analyze_ledger, analyze_texts
    from newsledger.nlp.model import load_model

    nlp = load_model()
    next(analyze_texts([("warm-up", "Officials met in Kyiv on Monday.", "2026-01-28")]))
    result: dict[str, Any] = {}
    with Ledger(db) as ledger:
        if mode == "bare":
            texts = [text for _id, text, _published in ledger.pending()]
            start = time.perf_counter()
            result["tokens"] = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
            result["articles"] = len(texts)
        elif mode == "dask2":
            result.update(_dask_run(ledger))
            return result
        else:
            start = time.perf_counter()
            workers = 2 if mode == "workers2" else 1
            result["articles"] = analyze_ledger(ledger, workers=workers).analyzed
        result["seconds"] = time.perf_counter() - start
    result["worker_peak_rss_mb"] = peak_mb(resource.RUSAGE_CHILDREN)
    return result


def _dask_run(ledger: Any) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    from newsledger.distributed import PipelinePlugin, analyze_with_dask

    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40
        ) as cluster,
        Client(cluster) as client,
    ):
        client.register_plugin(PipelinePlugin())  # warm both workers outside the timing
        ready = time.perf_counter() - started
        start = time.perf_counter()
        report = analyze_with_dask(ledger, cluster.scheduler_address)
        seconds = time.perf_counter() - start
        workers = client.run(peak_mb)
    return {
        "articles": report.analyzed,
        "seconds": seconds,
        "cluster_ready_seconds": ready,
        "worker_peak_rss_mb": max(workers.values()),
    }


def phase_crosscheck(db: Path) -> dict[str, Any]:
    from newsledger import Ledger
    from newsledger.crosscheck import run_crosschecks

    start = time.perf_counter()
    with Ledger(db) as ledger:
        steps = run_crosschecks(ledger)
    return {"seconds": time.perf_counter() - start, "steps": sorted(steps)}


# -- the driver ------------------------------------------------------------------------------


def fresh(*args: str) -> dict[str, Any]:
    """Run one phase in a new process; its last stdout line is the JSON result."""
    output = subprocess.run(
        [sys.executable, __file__, "--phase", *args], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def scale_runs(folder: Path, sizes: list[int]) -> dict[str, Any]:
    runs: dict[str, Any] = {}
    for size in sizes:
        source = write_jsonl(folder / f"articles-{size}.jsonl", size)
        db = folder / f"ledger-{size}.db"
        ingest = fresh("ingest", str(db), str(source))
        store = fresh("store", str(db))
        runs[str(size)] = {
            "ingest": ingest,
            "ingest_articles_per_s": size / ingest["seconds"],
            "store": store,
            "scan_articles_per_s": size / store["scan_seconds"],
            "export_rows_per_s": store["export_rows"] / store["export_seconds"],
            "db_mb": db.stat().st_size / 1024**2,
        }
        print(f"{size}: {json.dumps(runs[str(size)])}", file=sys.stderr)
        db.unlink()
        source.unlink()
    return runs


def analysis_runs(folder: Path, sample: int) -> dict[str, Any]:
    base = folder / "sample.db"
    fresh("ingest", str(base), str(write_jsonl(folder / "sample.jsonl", sample)))
    runs: dict[str, Any] = {}
    for mode in ANALYSIS_MODES:
        db = folder / f"sample-{mode}.db"
        shutil.copy(base, db)
        runs[mode] = fresh("analyze", str(db), mode)
        runs[mode]["articles_per_s"] = runs[mode]["articles"] / runs[mode]["seconds"]
        print(f"{mode}: {json.dumps(runs[mode])}", file=sys.stderr)
    try:
        runs["crosscheck"] = fresh("crosscheck", str(folder / "sample-single.db"))
    except subprocess.CalledProcessError as error:  # a step in progress must not void the rest
        runs["crosscheck"] = {"error": (error.stderr or "").strip().splitlines()[-1:]}
    single = runs["single"]["articles_per_s"]
    runs["ratios"] = {
        "single_over_bare": single / runs["bare"]["articles_per_s"],
        "workers2_over_single": runs["workers2"]["articles_per_s"] / single,
        "dask2_over_single": runs["dask2"]["articles_per_s"] / single,
    }
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--sample", type=int, default=1000, help="Articles analysed (0: skip).")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        function = {
            "ingest": phase_ingest,
            "store": phase_store,
            "analyze": phase_analyze,
            "crosscheck": phase_crosscheck,
        }[name]
        paths = [Path(rest[0]), *(Path(r) if name == "ingest" else r for r in rest[1:])]
        result = function(*paths)
        result["peak_rss_mb"] = peak_mb()
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = {"sizes": scale_runs(folder, args.sizes)}
        if args.sample:
            results["sample"] = {"articles": args.sample, **analysis_runs(folder, args.sample)}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_tables(results)


def print_tables(results: dict[str, Any]) -> None:
    print(
        "| articles | ingest articles/s | ingest peak RSS MB | scan articles/s "
        "| export rows/s | store peak RSS MB | ledger MB |"
    )
    print("|---|---|---|---|---|---|---|")
    for size, run in results["sizes"].items():
        print(
            f"| {int(size):,} | {run['ingest_articles_per_s']:.0f} "
            f"| {run['ingest']['peak_rss_mb']:.0f} | {run['scan_articles_per_s']:.0f} "
            f"| {run['export_rows_per_s']:.0f} | {run['store']['peak_rss_mb']:.0f} "
            f"| {run['db_mb']:.0f} |"
        )
    sample = results.get("sample")
    if not sample:
        return
    print(f"\nanalysis of {sample['articles']:,} articles")
    print("| run | articles/s | peak RSS MB (main / largest worker) |")
    print("|---|---|---|")
    for mode in ANALYSIS_MODES:
        run = sample[mode]
        print(
            f"| {mode} | {run['articles_per_s']:.1f} | {run['peak_rss_mb']:.0f} "
            f"/ {run['worker_peak_rss_mb']:.0f} |"
        )
    cross = sample["crosscheck"]
    if "error" in cross:
        print(f"crosscheck failed: {cross['error']}")
        return
    print(
        f"crosscheck ({', '.join(cross['steps']) or 'no steps'}): {cross['seconds']:.1f} s, "
        f"peak RSS {cross['peak_rss_mb']:.0f} MB"
    )
    print(json.dumps(sample["ratios"], indent=2))


if __name__ == "__main__":
    main()
