"""Time expressions against a gold set: detection and normalised values (``newsledger eval times``).

The gold file is JSON Lines, one text per line: ``id``, ``published`` (ISO date or null),
``text``, ``expressions`` (``text``, ``start``, ``end``, ``value``, ``granularity``) and optionally
``not_times`` (spans the NER may tag that are not times). The guidelines are in
``tests/gold/README-times.md``.

A predicted expression matches a gold one when their spans overlap (one to one, largest overlap
first). Predictions the resolver itself marks as not a time (granularity ``unknown``) are not
detections. The headline figure is ``value_accuracy``: gold expressions whose value came out
exactly right, over all gold expressions, so a missed expression counts as wrong.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.records import TimeRef
from newsledger.resolve.times import resolve_times

Gold = dict[str, Any]


def load_gold(path: Path) -> list[Gold]:
    """The gold items, each span checked against its text."""
    items: list[Gold] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                item = json.loads(line)
                _check_spans(item, f"{path}:{number}")
                items.append(item)
    return items


def _check_spans(item: Gold, where: str) -> None:
    text = item["text"]
    for span in [*item["expressions"], *item.get("not_times", [])]:
        if text[span["start"] : span["end"]] != span["text"]:
            raise ValueError(f"{where}: span {span['start']}-{span['end']} is not {span['text']!r}")


def evaluate(gold_path: Path) -> dict[str, Any]:
    """Run the real pipeline (``load_model`` then ``resolve_times``) over the gold texts."""
    from newsledger.nlp.model import load_model

    items = load_gold(gold_path)
    nlp = load_model()
    tally = _Tally()
    for item, doc in zip(items, nlp.pipe(item["text"] for item in items), strict=True):
        published = _date(item.get("published"))
        found = [ref for ref in resolve_times(doc, published) if ref.granularity != "unknown"]
        tally.score(item, found)
    return tally.result(len(items))


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value[:10]) if value else None


def _overlap(a: dict[str, Any] | TimeRef, b: TimeRef) -> int:
    start, end = (a["start"], a["end"]) if isinstance(a, dict) else (a.start, a.end)
    return max(0, min(end, b.end) - max(start, b.start))


@dataclass
class _Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    values: int = 0
    granularities: int = 0
    not_times: int = 0
    not_times_flagged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def score(self, item: Gold, found: list[TimeRef]) -> None:
        """Match one item's predictions to its gold expressions and count."""
        self.gold += len(item["expressions"])
        self.predicted += len(found)
        free = list(found)
        for expected in item["expressions"]:
            best = max(free, key=lambda ref: _overlap(expected, ref), default=None)
            if best is None or _overlap(expected, best) == 0:
                self._error(item, "missed", expected, None)
                continue
            free.remove(best)
            self._compare(item, expected, best)
        for ref in free:
            self._error(item, "spurious", None, ref)
        self._count_not_times(item, free)

    def _compare(self, item: Gold, expected: dict[str, Any], got: TimeRef) -> None:
        self.matched += 1
        right_value = got.value == expected["value"]
        right_granularity = got.granularity == expected["granularity"]
        self.values += right_value
        self.granularities += right_granularity
        if not right_value:
            self._error(item, "value", expected, got)
        elif not right_granularity:
            self._error(item, "granularity", expected, got)

    def _count_not_times(self, item: Gold, free: list[TimeRef]) -> None:
        for span in item.get("not_times", []):
            self.not_times += 1
            self.not_times_flagged += any(_overlap(span, ref) for ref in free)

    def _error(
        self, item: Gold, kind: str, expected: dict[str, Any] | None, got: TimeRef | None
    ) -> None:
        self.errors.append(
            {
                "id": item["id"],
                "published": item.get("published"),
                "kind": kind,
                "text": expected["text"] if expected else None,
                "expected": expected["value"] if expected else None,
                "expected_granularity": expected["granularity"] if expected else None,
                "got_text": got.text if got else None,
                "got": got.value if got else None,
                "got_granularity": got.granularity if got else None,
            }
        )

    def result(self, items: int) -> dict[str, Any]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "items": items,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "detection_precision": round(precision, 4),
            "detection_recall": round(recall, 4),
            "detection_f1": round(f1, 4),
            "value_accuracy": round(self.values / self.gold, 4) if self.gold else 0.0,
            "value_accuracy_matched": round(self.values / self.matched, 4) if self.matched else 0.0,
            "granularity_accuracy": (
                round(self.granularities / self.matched, 4) if self.matched else 0.0
            ),
            "not_times": self.not_times,
            "not_times_flagged": self.not_times_flagged,
            "errors": self.errors,
        }


def format_report(result: dict[str, Any]) -> str:
    """The scores and every error, for the terminal."""
    lines = [
        f"time expressions: {result['gold']} gold in {result['items']} texts, "
        f"{result['predicted']} predicted, {result['matched']} matched",
        f"detection   P {result['detection_precision']:.3f}  R {result['detection_recall']:.3f}"
        f"  F1 {result['detection_f1']:.3f}",
        f"values      {result['value_accuracy']:.3f} of all gold"
        f"  ({result['value_accuracy_matched']:.3f} of matched)",
        f"granularity {result['granularity_accuracy']:.3f} of matched",
        f"not times   {result['not_times_flagged']} of {result['not_times']} taken for times",
    ]
    if result["errors"]:
        lines.append("")
        lines.append(f"errors ({len(result['errors'])}):")
        lines.extend(_error_line(error) for error in result["errors"])
    return "\n".join(lines)


def _error_line(error: dict[str, Any]) -> str:
    where = f"  {error['id']} {error['published'] or 'no date':10} {error['kind']:11}"
    if error["kind"] == "spurious":
        return f"{where} {error['got_text']!r} -> {error['got']}"
    if error["kind"] == "missed":
        return f"{where} {error['text']!r} expected {error['expected']}"
    return (
        f"{where} {error['text']!r} expected {error['expected']} ({error['expected_granularity']})"
        f", got {error['got']} ({error['got_granularity']}) from {error['got_text']!r}"
    )
