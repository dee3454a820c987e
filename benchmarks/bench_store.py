"""The store: SQLite against PostgreSQL on the same analysed articles, in the same run.

    python benchmarks/bench_store.py [--articles 200] [--rounds 3] [--db-url postgresql://...]

The articles (synthetic, ``synthetic.py``) are analysed once, outside the timing; then each
round writes them into a fresh SQLite file and a fresh PostgreSQL database (ingest, then one
``save_analysis`` transaction per article), reads every article back as ``show_article`` JSON,
and runs a few full-text searches. Medians per back end and the ratio PostgreSQL / SQLite are
printed and written to results/store.json. Without ``--db-url`` a throwaway server is started
from Debian's postgresql package (as the tests do), on loopback with fsync off, so the
figures compare the two engines' work, not disk flushes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.pg_server

from synthetic import write_jsonl

RESULTS = Path(__file__).parent / "results" / "store.json"
QUERIES = ("ceasefire", "talks Geneva", '"prisoner exchange"', "sanctions OR drones")


def _timed(step: Callable[[], Any]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def one_round(target: str, source: Path, analyses: list[Any], model: str) -> dict[str, float]:
    from newsledger import Ledger, ingest
    from newsledger.api import show_article
    from newsledger.nlp.model import PIPELINE_VERSION

    with Ledger(target) as ledger:
        write = _timed(lambda: ingest(ledger, [str(source)]))

        def save() -> None:
            for analysis in analyses:
                ledger.save_analysis(analysis, model=model, pipeline=PIPELINE_VERSION)

        write += _timed(save)
        ids = [r["id"] for r in ledger.articles()]
        read = _timed(lambda: [show_article(ledger, i) for i in ids])
        search = _timed(lambda: [ledger.search(q) for q in QUERIES * 5])
    return {"write": write, "read": read, "search": search}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db-url", help="a PostgreSQL server to create databases on")
    args = parser.parse_args()

    from tests.pg_server import fresh_database, postgres_server

    from newsledger import Ledger, ingest
    from newsledger.nlp.analyze import analyze_texts
    from newsledger.nlp.model import load_model, model_label

    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        source = write_jsonl(Path(folder) / "articles.jsonl", args.articles)
        with Ledger(Path(folder) / "texts.db") as texts:
            ingest(texts, [str(source)])
            items = list(texts.pending())
        nlp = load_model()
        start = time.perf_counter()
        analyses = list(analyze_texts(items, nlp=nlp))
        analysis_seconds = time.perf_counter() - start
        server = args.db_url or stack.enter_context(postgres_server())
        runs: dict[str, list[dict[str, float]]] = {"sqlite": [], "postgresql": []}
        for number in range(args.rounds):
            sqlite_path = str(Path(folder) / f"round{number}.db")
            runs["sqlite"].append(one_round(sqlite_path, source, analyses, model_label(nlp)))
            pg_url = fresh_database(server)
            runs["postgresql"].append(one_round(pg_url, source, analyses, model_label(nlp)))

    def median(engine: str, step: str) -> float:
        return round(statistics.median(r[step] for r in runs[engine]), 3)

    steps = ("write", "read", "search")
    result = {
        "articles": args.articles,
        "rounds": args.rounds,
        "analysis_seconds_once": round(analysis_seconds, 2),
        "sqlite": {s: median("sqlite", s) for s in steps},
        "postgresql": {s: median("postgresql", s) for s in steps},
        "ratio_postgresql_over_sqlite": {
            s: round(median("postgresql", s) / max(median("sqlite", s), 1e-9), 2) for s in steps
        },
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
