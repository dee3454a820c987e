"""Negotiation stances against the team's gold set (``tests/gold/stances.jsonl``).

Each gold passage lists every stance it gives: party (``country.RUS``, ``org.eu``...), issue,
option, position kind, whether it is the party's own statement, and for ``accepts-if`` the
option the condition names (or none). The real pipeline (model, linker, attributions, events,
stances) reads each passage. Measures, per split (``dev``, ``test``) and overall:

- per position kind: precision and recall of (party, issue, option, kind) tuples;
- all kinds together: micro precision, recall, F1;
- option accuracy: gold stances whose issue and option a predicted stance of the passage has;
  issue accuracy likewise for the issue alone;
- party accuracy: of gold stances whose option was found, the share with the right party on a
  prediction of that option; kind accuracy: the share with the right party and kind;
- own-statement accuracy and condition accuracy on the stances matched in full.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.errors import NewsledgerError
from newsledger.stances.model import KINDS, Stance

Key = tuple[str, str, str, str]


@dataclass(frozen=True)
class GoldPassage:
    id: str
    split: str
    published: date | None
    text: str
    stances: tuple[dict[str, Any], ...]


def load(path: Path) -> list[GoldPassage]:
    passages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            stances = tuple(data["stances"])
            for stance in stances:
                if stance["kind"] not in KINDS:
                    raise ValueError(f"unknown kind {stance['kind']!r}")
            published = date.fromisoformat(data["published"]) if data.get("published") else None
            passages.append(
                GoldPassage(data["id"], data["split"], published, data["text"], stances)
            )
        except (KeyError, ValueError, TypeError) as error:
            raise NewsledgerError(f"{path}:{number}: bad gold passage ({error})") from error
    return passages


def predict(passages: list[GoldPassage]) -> dict[str, list[Stance]]:
    """The pipeline's stances for every passage."""
    from newsledger.nlp.analyze import doc_to_analysis
    from newsledger.nlp.model import load_model

    nlp = load_model()
    found = {}
    for passage in passages:
        doc = nlp(passage.text)
        published = passage.published.isoformat() if passage.published else None
        found[passage.id] = list(doc_to_analysis(doc, passage.id, published).stances)
    return found


def evaluate(path: Path) -> dict[str, Any]:
    passages = load(path)
    predictions = predict(passages)
    result: dict[str, Any] = {"sets": {}}
    for name in ("all", "dev", "test"):
        chosen = [p for p in passages if name == "all" or p.split == name]
        result["sets"][name] = score(chosen, predictions)
    result.update(
        {k: v for k, v in result["sets"]["all"].items() if not isinstance(v, dict | list)}
    )
    return result


def score(passages: list[GoldPassage], predictions: dict[str, list[Stance]]) -> dict[str, Any]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for passage in passages:
        predicted = predictions.get(passage.id, [])
        gold_keys = {_gold_key(g) for g in passage.stances}
        predicted_keys = {_key(s) for s in predicted}
        for key in predicted_keys:
            (tp if key in gold_keys else fp)[key[3]] += 1
        for key in gold_keys - predicted_keys:
            fn[key[3]] += 1
        for gold in passage.stances:
            _count(gold, predicted, counts)
        if gold_keys != predicted_keys:
            errors.append(
                {
                    "id": passage.id,
                    "text": passage.text,
                    "missed": sorted("/".join(k) for k in gold_keys - predicted_keys),
                    "extra": sorted("/".join(k) for k in predicted_keys - gold_keys),
                }
            )
    return _summary(tp, fp, fn, counts, errors)


def _key(stance: Stance) -> Key:
    return (stance.party_id, stance.issue, stance.option, stance.kind)


def _gold_key(gold: dict[str, Any]) -> Key:
    return (gold["party"], gold["issue"], gold["option"], gold["kind"])


def _count(gold: dict[str, Any], predicted: list[Stance], counts: Counter[str]) -> None:
    counts["gold"] += 1
    same_issue = [s for s in predicted if s.issue == gold["issue"]]
    same_option = [s for s in same_issue if s.option == gold["option"]]
    counts["issue"] += bool(same_issue)
    counts["option"] += bool(same_option)
    same_party = [s for s in same_option if s.party_id == gold["party"]]
    counts["party"] += bool(same_party)
    full = [s for s in same_party if s.kind == gold["kind"]]
    counts["kind"] += bool(full)
    if full:
        counts["full"] += 1
        counts["own"] += full[0].own_statement == gold.get("own_statement", False)
        if gold["kind"] == "accepts-if":
            counts["conditional"] += 1
            condition = full[0].condition
            named = (
                f"{condition.issue}/{condition.option}" if condition and condition.option else None
            )
            counts["condition"] += named == gold.get("condition")


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _summary(
    tp: Counter[str],
    fp: Counter[str],
    fn: Counter[str],
    counts: Counter[str],
    errors: list[dict[str, Any]],
) -> dict[str, Any]:
    per_kind = {
        kind: {
            "precision": _ratio(tp[kind], tp[kind] + fp[kind]),
            "recall": _ratio(tp[kind], tp[kind] + fn[kind]),
            "gold": tp[kind] + fn[kind],
            "predicted": tp[kind] + fp[kind],
        }
        for kind in KINDS
    }
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = _ratio(all_tp, all_tp + all_fp)
    recall = _ratio(all_tp, all_tp + all_fn)
    f1 = round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0
    return {
        "stances": counts["gold"],
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "issue_accuracy": _ratio(counts["issue"], counts["gold"]),
        "option_accuracy": _ratio(counts["option"], counts["gold"]),
        "party_accuracy": _ratio(counts["party"], counts["option"]),
        "kind_accuracy": _ratio(counts["kind"], counts["party"]),
        "own_statement_accuracy": _ratio(counts["own"], counts["full"]),
        "condition_accuracy": _ratio(counts["condition"], counts["conditional"]),
        "per_kind": per_kind,
        "errors": errors,
    }


def format_report(result: dict[str, Any]) -> str:
    lines = []
    for name, figures in result["sets"].items():
        lines.append(
            f"{name}: {figures['stances']} stances  P {figures['precision']:.3f}"
            f"  R {figures['recall']:.3f}  F1 {figures['f1']:.3f}  issue"
            f" {figures['issue_accuracy']:.3f}  option {figures['option_accuracy']:.3f}"
            f"  party {figures['party_accuracy']:.3f}  kind {figures['kind_accuracy']:.3f}"
            f"  own {figures['own_statement_accuracy']:.3f}"
            f"  condition {figures['condition_accuracy']:.3f}"
        )
    lines.append("")
    lines.append("per position kind (all):  kind  gold  predicted  precision  recall")
    for kind, figures in result["sets"]["all"]["per_kind"].items():
        lines.append(
            f"  {kind:11} {figures['gold']:4} {figures['predicted']:6}"
            f"   {figures['precision']:.3f}   {figures['recall']:.3f}"
        )
    errors = result["sets"]["all"]["errors"]
    if errors:
        lines.append("")
        lines.append(f"passages not fully right: {len(errors)} (first 10)")
        for error in errors[:10]:
            lines.append(f"  {error['id']}: missed {error['missed']} extra {error['extra']}")
    return "\n".join(lines)
