"""Certainty levels against the team's gold set (``newsledger eval certainty``).

The gold file ``tests/gold/certainty.jsonl`` holds one sentence a line with the level of the
statement it reports (``level``: certain, probable, possible, doubtful, denied) and, where the
sentence reports someone's words, the ``content`` whose level is meant. Each sentence goes
through the real model; the level predicted is ``newsledger.attribution.certainty.certainty``
of the content (or of the whole sentence), which is what attributions and claims carry.

Figures: accuracy, macro-F1 over the five levels, and per level precision and recall, for all
items and for each split (``dev`` was used to tune the rules, ``test`` was held out); the
baseline calls everything certain.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsledger.attribution.certainty import LEVELS, certainty
from newsledger.errors import NewsledgerError

UNUSED_COMPONENTS = ("ner", "newsledger_entity_cleanup")
ERRORS_SHOWN = 40
# The split whose errors are never shown: it measures, it does not tune.
HELD_OUT = "test"


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The items of a certainty gold file, checked."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise NewsledgerError(f"cannot read the certainty gold set {path} ({error})") from error
    items = [json.loads(line) for line in lines if line.strip()]
    for item in items:
        if item.get("level") not in LEVELS:
            raise NewsledgerError(f"{path}: {item.get('id')}: bad level {item.get('level')!r}")
        if item.get("content") and item["content"] not in item["text"]:
            raise NewsledgerError(f"{path}: {item['id']}: content is not in the text")
    return items


def predict(nlp: Any, items: list[dict[str, Any]]) -> list[str]:
    """The level the rules give each item's content (or whole sentence)."""
    disabled = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]
    levels: list[str] = []
    for item, doc in zip(items, nlp.pipe([i["text"] for i in items], disable=disabled),
                         strict=True):  # fmt: skip
        content = item.get("content")
        span = doc[:]
        if content:
            start = item["text"].index(content)
            span = doc.char_span(start, start + len(content), alignment_mode="expand") or span
        levels.append(certainty(span).level)
    return levels


def scores(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-level precision/recall/F1."""
    per_level: dict[str, dict[str, float]] = {}
    for level in LEVELS:
        tp = sum(g == p == level for g, p in zip(gold, predicted, strict=True))
        n_pred, n_gold = predicted.count(level), gold.count(level)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_level[level] = {"precision": round(precision, 4), "recall": round(recall, 4),
                            "f1": round(f1, 4), "gold": n_gold}  # fmt: skip
    present = [lv for lv in LEVELS if per_level[lv]["gold"]]
    right = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "items": len(gold),
        "accuracy": round(right / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(per_level[lv]["f1"] for lv in present) / len(present), 4)
        if present
        else 0.0,
        "levels": per_level,
        "baseline_accuracy": round(gold.count("certain") / len(gold), 4) if gold else 0.0,
    }


def evaluate(path: Path, nlp: Any = None) -> dict[str, Any]:
    """Score the certainty rules over the gold file, overall and per split."""
    from newsledger.nlp.model import load_model

    items = load_gold(path)
    predicted = predict(nlp or load_model(), items)
    gold = [i["level"] for i in items]
    result: dict[str, Any] = {"all": scores(gold, predicted), "splits": {}}
    for split in sorted({i["split"] for i in items}):
        pairs = [(g, p) for i, g, p in zip(items, gold, predicted, strict=True)
                 if i["split"] == split]  # fmt: skip
        result["splits"][split] = scores([g for g, _ in pairs], [p for _, p in pairs])
    result["confusion"] = {
        f"{g}->{p}": n for (g, p), n in sorted(Counter(zip(gold, predicted, strict=True)).items())
    }
    result["errors"] = [
        {"id": i["id"], "split": i["split"], "gold": g, "predicted": p, "text": i["text"]}
        for i, g, p in zip(items, gold, predicted, strict=True)
        if g != p and i["split"] != HELD_OUT
    ][:ERRORS_SHOWN]
    return result


def _line(name: str, s: dict[str, Any]) -> str:
    return (
        f"{name:6} items {s['items']:4}  accuracy {s['accuracy']:.3f}  macro-F1 "
        f"{s['macro_f1']:.3f}  (all-certain baseline {s['baseline_accuracy']:.3f})"
    )


def format_report(result: dict[str, Any]) -> str:
    """Scores overall and per split, per level, the confusions and a sample of errors."""
    lines = [_line("all", result["all"])]
    lines += [_line(name, s) for name, s in result["splits"].items()]
    lines += ["", "level       P      R      F1     gold"]
    for level, s in result["all"]["levels"].items():
        lines.append(
            f"{level:10} {s['precision']:.3f}  {s['recall']:.3f}  {s['f1']:.3f}  {s['gold']:5}"
        )
    wrong = {k: n for k, n in result["confusion"].items() if k.split("->")[0] != k.split("->")[1]}
    ranked = sorted(wrong.items(), key=lambda kv: -kv[1])
    lines += ["", "confusions (gold->predicted): " + ", ".join(f"{k} {n}" for k, n in ranked)]
    if result["errors"]:
        lines += ["", "errors (tuning split only; the held-out split's are not shown):"]
        lines += [f"  {e['id']} {e['split']:4} {e['gold']:>8} -> {e['predicted']:8} {e['text']}"
                  for e in result["errors"]]  # fmt: skip
    return "\n".join(lines)
