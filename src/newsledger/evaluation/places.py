"""Place resolution against the team's gold set (``tests/gold/places.jsonl``).

Each gold line is ``{"id", "text", "mentions": [{"text", "start", "end", "place_id", "country",
"ambiguous"?}]}``; ``place_id`` is one id, a list of ids that are equally right, or null for a
span the model tags as a place that is not one. The real pipeline runs on each text
(``load_model()`` then ``resolve_places``); a gold mention is detected when a predicted mention
overlaps it (the one overlapping most is compared).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.nlp.model import load_model
from newsledger.records import PlaceMention
from newsledger.resolve.places import resolve_places


@dataclass(frozen=True, slots=True)
class _Outcome:
    """One gold mention and what the pipeline made of it."""

    item: str
    gold: dict[str, Any]
    predicted: PlaceMention | None

    @property
    def ids(self) -> list[str]:
        place_id = self.gold.get("place_id")
        if place_id is None:
            return []
        return [place_id] if isinstance(place_id, str) else list(place_id)

    @property
    def is_place(self) -> bool:
        return bool(self.ids)

    @property
    def detected(self) -> bool:
        return self.predicted is not None

    @property
    def correct(self) -> bool:
        found = self.predicted.place_id if self.predicted else None
        return found in self.ids if self.is_place else found is None

    @property
    def country_correct(self) -> bool:
        return self.predicted is not None and self.predicted.country == self.gold.get("country")


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The gold items of a JSON Lines file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def evaluate(gold_path: Path) -> dict[str, Any]:
    """Run the pipeline on every gold text and score detection and resolution.

    Returns counts and the figures ``detection_recall`` (gold places found, overlap match),
    ``resolution_accuracy`` (right place id among detected gold mentions, non-places included:
    they are right when left unresolved), ``country_accuracy`` (right ISO3 country among detected
    gold places), ``ambiguous_accuracy`` (the same over the mentions marked ambiguous) and
    ``errors`` (every wrong or missed mention, and every resolved prediction no gold mention
    covers).
    """
    items = read_gold(gold_path)
    nlp = load_model()
    outcomes: list[_Outcome] = []
    spurious: list[dict[str, Any]] = []
    for item, doc in zip(items, nlp.pipe(item["text"] for item in items), strict=True):
        predicted = resolve_places(doc)
        outcomes.extend(_match(item, predicted))
        spurious.extend(_spurious(item, predicted))
    return _summary(len(items), outcomes, spurious)


def _match(item: dict[str, Any], predicted: list[PlaceMention]) -> Iterable[_Outcome]:
    for gold in item["mentions"]:
        overlapping = [(_overlap(gold, p), p) for p in predicted if _overlap(gold, p) > 0]
        best = max(overlapping, key=lambda pair: pair[0])[1] if overlapping else None
        yield _Outcome(item["id"], gold, best)


def _overlap(gold: dict[str, Any], mention: PlaceMention) -> int:
    return min(int(gold["end"]), mention.end) - max(int(gold["start"]), mention.start)


def _spurious(item: dict[str, Any], predicted: list[PlaceMention]) -> Iterable[dict[str, Any]]:
    for mention in predicted:
        if mention.place_id and not any(_overlap(g, mention) > 0 for g in item["mentions"]):
            yield {"item": item["id"], "kind": "spurious", **_brief(mention)}


def _summary(
    texts: int, outcomes: list[_Outcome], spurious: list[dict[str, Any]]
) -> dict[str, Any]:
    places = [o for o in outcomes if o.is_place]
    detected = [o for o in outcomes if o.detected]
    detected_places = [o for o in places if o.detected]
    ambiguous = [o for o in detected if o.gold.get("ambiguous")]
    non_places = [o for o in outcomes if not o.is_place]
    return {
        "texts": texts,
        "gold_mentions": len(outcomes),
        "gold_places": len(places),
        "detected": len(detected_places),
        "detection_recall": _ratio(len(detected_places), len(places)),
        "resolved_correctly": sum(o.correct for o in detected),
        "resolution_accuracy": _ratio(sum(o.correct for o in detected), len(detected)),
        "country_accuracy": _ratio(
            sum(o.country_correct for o in detected_places), len(detected_places)
        ),
        "ambiguous": len(ambiguous),
        "ambiguous_accuracy": _ratio(sum(o.correct for o in ambiguous), len(ambiguous)),
        "non_places": len(non_places),
        "non_places_left_unresolved": sum(o.correct for o in non_places),
        "spurious": len(spurious),
        "errors": [_error(o) for o in outcomes if not o.correct] + spurious,
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _error(outcome: _Outcome) -> dict[str, Any]:
    gold = outcome.gold
    kind = "missed" if not outcome.detected else "wrong"
    error: dict[str, Any] = {
        "item": outcome.item,
        "kind": kind if outcome.is_place else "non-place resolved",
        "text": gold["text"],
        "start": gold["start"],
        "gold": gold.get("place_id"),
    }
    if outcome.predicted is not None:
        error.update(_brief(outcome.predicted))
    return error


def _brief(mention: PlaceMention) -> dict[str, Any]:
    return {
        "predicted": mention.place_id,
        "predicted_text": mention.text,
        "confidence": mention.confidence,
    }


def format_report(result: dict[str, Any]) -> str:
    """A short plain-text report of ``evaluate``'s result, errors listed one per line."""
    lines = [
        f"places gold set: {result['texts']} texts, {result['gold_mentions']} mentions "
        f"({result['gold_places']} places, {result['non_places']} non-places)",
        f"detection recall     {result['detection_recall']:.3f}  "
        f"({result['detected']}/{result['gold_places']})",
        f"places resolved correctly {result['resolution_accuracy']:.3f}  "
        f"({result['resolved_correctly']} of the detected)",
        f"country accuracy     {result['country_accuracy']:.3f}",
        f"ambiguous subset     {result['ambiguous_accuracy']:.3f}  ({result['ambiguous']})",
        f"non-places left unresolved {result['non_places_left_unresolved']}/{result['non_places']}",
        f"spurious places      {result['spurious']}",
    ]
    if result["errors"]:
        lines.append("errors:")
    for error in result["errors"]:
        found = error.get("predicted_text")
        lines.append(
            f"  {error['item']} {error['kind']:<18} {error.get('text', found)!r}: "
            f"gold {error.get('gold')} predicted {error.get('predicted')}"
            + (f" (as {found!r}, {error['confidence']})" if found else "")
        )
    return "\n".join(lines)
