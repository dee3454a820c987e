"""Claims against the team's gold set (``newsledger eval claims``).

Each line of ``tests/gold/claims.jsonl`` is a short passage with its publication date and the
claims a reader would check in it: an ``anchor`` (words inside the claim), the ``kind``,
whether it is ``unsourced``, and its ``values`` (kind, words, normalised value and unit; a
value of null means only its detection is scored). The passage goes through the whole
pipeline (``doc_to_analysis``).

Figures: claim detection (a gold claim is found when a predicted claim's span holds its
anchor, one predicted claim per gold claim), kind and unsourced accuracy over found claims,
value detection (a gold value is found when a predicted value of any claim overlaps its words)
and value normalisation (kind, value and unit all right, over found values that have a gold
value), overall and per split (``dev`` tuned, ``test`` held out).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from newsledger.errors import NewsledgerError

ERRORS_SHOWN = 30
HELD_OUT = "test"


def load_gold(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise NewsledgerError(f"cannot read the claims gold set {path} ({error})") from error
    items = [json.loads(line) for line in lines if line.strip()]
    for item in items:
        for claim in item["claims"]:
            words = [claim["anchor"], *(v["text"] for v in claim["values"])]
            if any(w not in item["text"] for w in words):
                raise NewsledgerError(f"{path}: {item['id']}: words not in the text")
    return items


def _same(gold: Any, predicted: Any) -> bool:
    if isinstance(gold, int | float) and isinstance(predicted, int | float):
        return math.isclose(gold, predicted, rel_tol=1e-3)
    return bool(gold == predicted)


class Tally:
    """Counts for one group of items."""

    def __init__(self) -> None:
        self.n: dict[str, int] = dict.fromkeys(
            ("gold", "predicted", "found", "kind", "unsourced", "gold_values",
             "predicted_values", "found_values", "normalisable", "normalised"), 0,
        )  # fmt: skip

    def add(self, item: dict[str, Any], claims: list[dict[str, Any]], errors: list[str]) -> None:
        text = item["text"]
        self.n["gold"] += len(item["claims"])
        self.n["predicted"] += len(claims)
        free = list(claims)
        for gold in item["claims"]:
            start = text.index(gold["anchor"])
            end = start + len(gold["anchor"])
            match = next((c for c in free if c["start"] <= start and end <= c["end"]), None)
            if match is None:
                errors.append(f"missed   {gold['kind']:10} {gold['anchor']!r}")
                continue
            free.remove(match)
            self.n["found"] += 1
            self.n["kind"] += match["kind"] == gold["kind"]
            self.n["unsourced"] += match["unsourced"] == gold["unsourced"]
            if match["kind"] != gold["kind"]:
                errors.append(f"kind     {gold['kind']:10} -> {match['kind']} {match['text']!r}")
        errors += [f"spurious {c['kind']:10} {c['text']!r}" for c in free]
        self._values(item, [v for c in claims for v in c["values"]], errors)

    def _values(
        self, item: dict[str, Any], values: list[dict[str, Any]], errors: list[str]
    ) -> None:
        text = item["text"]
        gold_values = [v for c in item["claims"] for v in c["values"]]
        self.n["gold_values"] += len(gold_values)
        self.n["predicted_values"] += len(values)
        for gold in gold_values:
            start = text.index(gold["text"])
            end = start + len(gold["text"])
            match = next((v for v in values if v["start"] < end and start < v["end"]), None)
            if match is None:
                errors.append(f"no value {gold['kind']:10} {gold['text']!r}")
                continue
            self.n["found_values"] += 1
            if gold["value"] is None:
                continue
            self.n["normalisable"] += 1
            right = match["kind"] == gold["kind"] and _same(gold["value"], match["value"])
            right = right and gold["unit"] == match["unit"]
            self.n["normalised"] += right
            if not right:
                errors.append(
                    f"value    {gold['text']!r}: {gold['kind']} {gold['value']} {gold['unit']}"
                    f" -> {match['kind']} {match['value']} {match['unit']}"
                )

    def scores(self) -> dict[str, Any]:
        n = self.n

        def ratio(a: str, b: str) -> float:
            return round(n[a] / n[b], 4) if n[b] else 0.0

        precision, recall = ratio("found", "predicted"), ratio("found", "gold")
        v_precision, v_recall = (
            ratio("found_values", "predicted_values"),
            ratio("found_values", "gold_values"),
        )
        return {
            "claims": {"precision": precision, "recall": recall, "f1": _f1(precision, recall)},
            "kind_accuracy": ratio("kind", "found"),
            "unsourced_accuracy": ratio("unsourced", "found"),
            "values": {
                "precision": v_precision,
                "recall": v_recall,
                "f1": _f1(v_precision, v_recall),
            },
            "normalisation_accuracy": ratio("normalised", "normalisable"),
            "counts": dict(n),
        }


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def evaluate(path: Path) -> dict[str, Any]:
    """Score claim detection, kinds, the unsourced flag and values over the gold file."""
    from newsledger.nlp.analyze import doc_to_analysis
    from newsledger.nlp.model import load_model

    items = load_gold(path)
    nlp = load_model()
    tallies = {"all": Tally(), **{s: Tally() for s in sorted({i["split"] for i in items})}}
    errors: list[str] = []
    docs = nlp.pipe([i["text"] for i in items])
    for item, doc in zip(items, docs, strict=True):
        analysis = doc_to_analysis(doc, item["id"], item.get("published"))
        claims = [c.to_dict() for c in analysis.claims]
        found: list[str] = []
        for name in ("all", item["split"]):
            tallies[name].add(item, claims, found if name == "all" else [])
        if item["split"] != HELD_OUT:
            errors += [f"{item['id']} {line}" for line in found]
    return {
        "items": len(items),
        **{name: tally.scores() for name, tally in tallies.items()},
        "errors": errors[:ERRORS_SHOWN],
    }


def _line(name: str, s: dict[str, Any]) -> str:
    c, v = s["claims"], s["values"]
    return (
        f"{name:5} claims P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f}  kind "
        f"{s['kind_accuracy']:.3f}  unsourced {s['unsourced_accuracy']:.3f}  values P "
        f"{v['precision']:.3f} R {v['recall']:.3f}  normalised {s['normalisation_accuracy']:.3f}"
    )


def format_report(result: dict[str, Any]) -> str:
    names = [k for k in result if isinstance(result[k], dict) and "claims" in result[k]]
    lines = [f"claims: {result['items']} passages"]
    lines += [_line(name, result[name]) for name in names]
    if result["errors"]:
        lines += ["", "errors (tuning split only):", *(f"  {e}" for e in result["errors"])]
    return "\n".join(lines)
