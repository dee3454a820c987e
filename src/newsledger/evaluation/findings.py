"""Findings against the team's planted-error corpus (``tests/gold/findings``).

The folder holds ``articles/`` (short original articles, some with planted errors, some clean)
and ``labels.jsonl``: one line per article, ``{"file", "findings": [{"kind", "evidence"}]}``,
listing every finding the article should give. The articles are ingested into a fresh ledger,
analysed and cross-checked (copies, then findings), as ``newsledger analyze`` does. A predicted
finding matches a gold one of the same kind when the gold evidence text lies in (or holds) one
of its evidence spans. Precision and recall are given per kind.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from newsledger.findings.model import KINDS


def read_labels(folder: Path) -> dict[str, list[dict[str, str]]]:
    lines = (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    return {item["file"]: item["findings"] for item in items}


def predict(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Findings per article file name, from a fresh ledger of the folder's articles."""
    from newsledger import Ledger, analyze_ledger, ingest
    from newsledger.crosscheck import run_crosschecks, step_names

    with tempfile.TemporaryDirectory() as tmp, Ledger(Path(tmp) / "gold.db") as ledger:
        ingest(ledger, [str(folder / "articles")])
        analyze_ledger(ledger)
        run_crosschecks(ledger, only={n for n in step_names() if n in ("copies", "findings")})
        rows = ledger.db.execute("SELECT id, source_path FROM articles").fetchall()
        return {Path(r["source_path"]).name: ledger.findings(r["id"]) for r in rows}


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _matches(gold: dict[str, str], found: dict[str, Any]) -> bool:
    if gold["kind"] != found["kind"]:
        return False
    wanted = _words(gold["evidence"])
    return any(
        wanted in _words(e["text"]) or _words(e["text"]) in wanted for e in found["evidence"]
    )


def score(
    labels: dict[str, list[dict[str, str]]], predicted: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """Precision and recall per kind, and the misses and false alarms."""
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    gold_hit: Counter[str] = Counter()
    pred_hit: Counter[str] = Counter()
    misses, false_alarms = [], []
    for name, gold in labels.items():
        found = predicted.get(name, [])
        for item in gold:
            gold_n[item["kind"]] += 1
            if any(_matches(item, f) for f in found):
                gold_hit[item["kind"]] += 1
            else:
                misses.append({"file": name, **item})
        for item in found:
            pred_n[item["kind"]] += 1
            if any(_matches(g, item) for g in gold):
                pred_hit[item["kind"]] += 1
            else:
                false_alarms.append({"file": name, "kind": item["kind"],
                                     "message": item["message"]})  # fmt: skip
    kinds = {}
    for kind in KINDS:
        if gold_n[kind] or pred_n[kind]:
            kinds[kind] = {
                "gold": gold_n[kind],
                "predicted": pred_n[kind],
                "precision": round(pred_hit[kind] / pred_n[kind], 3) if pred_n[kind] else None,
                "recall": round(gold_hit[kind] / gold_n[kind], 3) if gold_n[kind] else None,
            }
    total_p, total_g = sum(pred_n.values()), sum(gold_n.values())
    return {
        "articles": len(labels),
        "precision": round(sum(pred_hit.values()) / total_p, 3) if total_p else None,
        "recall": round(sum(gold_hit.values()) / total_g, 3) if total_g else None,
        "kinds": kinds,
        "misses": misses,
        "false_alarms": false_alarms,
    }


def evaluate(path: Path) -> dict[str, Any]:
    folder = path if path.is_dir() else path.parent
    return score(read_labels(folder), predict(folder))


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"findings: {result['articles']} articles; overall precision {result['precision']}, "
        f"recall {result['recall']}",
        f"{'kind':<26} {'gold':>5} {'found':>6} {'P':>6} {'R':>6}",
    ]
    for kind, row in result["kinds"].items():
        p = "-" if row["precision"] is None else f"{row['precision']:.3f}"
        r = "-" if row["recall"] is None else f"{row['recall']:.3f}"
        lines.append(f"{kind:<26} {row['gold']:>5} {row['predicted']:>6} {p:>6} {r:>6}")
    for miss in result["misses"]:
        lines.append(f"missed  {miss['file']}: {miss['kind']} {miss['evidence']!r}")
    for alarm in result["false_alarms"]:
        lines.append(f"extra   {alarm['file']}: {alarm['kind']} {alarm['message']}")
    return "\n".join(lines)
