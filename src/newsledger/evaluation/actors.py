"""Accuracy of the actor linker against a gold set (``newsledger eval actors``).

The gold set is JSON Lines, one passage a line: ``id``, ``published`` (ISO date), ``text`` and
``mentions``, each with ``start``, ``end``, ``text``, ``actor_id`` (None for an actor the
knowledge base does not know) and ``type`` (name, surname, metonym, demonym, title, unknown).
The annotation rules are in ``tests/gold/README-actors.md``.

A prediction matches a gold mention when their spans overlap; each prediction matches at most
one gold mention, preferring one with the same actor id, then the largest overlap. Linking
scores count only actor ids: a true positive is a gold id predicted on an overlapping span, a
false positive any other predicted id, a false negative any gold id not predicted.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.errors import NewsledgerError
from newsledger.records import ActorMention

TYPES = ("name", "surname", "metonym", "demonym", "title", "unknown")


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    text: str
    actor_id: str | None
    type: str


@dataclass(frozen=True, slots=True)
class GoldPassage:
    id: str
    published: date
    text: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True, slots=True)
class _Pair:
    """One gold mention and the prediction matched to it, if any."""

    passage: str
    gold: GoldMention
    predicted: ActorMention | None
    sentence: str

    @property
    def detected(self) -> bool:
        return self.predicted is not None

    @property
    def correct(self) -> bool:
        return self.predicted is not None and self.predicted.actor_id == self.gold.actor_id


def load_gold(path: Path) -> list[GoldPassage]:
    """Read and check a gold file: every span must match its text."""
    passages = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise NewsledgerError(f"cannot read gold set {path} ({error})") from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            passages.append(_passage(json.loads(line), where))
        except (ValueError, KeyError, TypeError) as error:
            raise NewsledgerError(f"{where}: not a gold passage ({error})") from error
    return passages


def _passage(data: dict[str, Any], where: str) -> GoldPassage:
    text = str(data["text"])
    mentions = []
    for item in data["mentions"]:
        mention = GoldMention(
            int(item["start"]),
            int(item["end"]),
            str(item["text"]),
            item.get("actor_id"),
            str(item.get("type", "name")),
        )
        if text[mention.start : mention.end] != mention.text:
            raise NewsledgerError(
                f"{where}: span {mention.start}-{mention.end} is not {mention.text!r}"
            )
        mentions.append(mention)
    return GoldPassage(
        str(data["id"]), date.fromisoformat(str(data["published"])), text, tuple(mentions)
    )


def evaluate(gold_path: Path) -> dict[str, Any]:
    """Run the real pipeline over every gold passage and score detection and linking."""
    from newsledger.nlp.model import load_model
    from newsledger.resolve.actors import link_actors

    passages = load_gold(gold_path)
    nlp = load_model()
    pairs: list[_Pair] = []
    extras: list[tuple[str, ActorMention, str]] = []
    for passage, doc in zip(passages, nlp.pipe(p.text for p in passages), strict=True):
        predicted = link_actors(doc, passage.published)
        sentences = [(s.start_char, s.end_char, s.text) for s in doc.sents]
        matched, unmatched = _match(passage, predicted)
        pairs += [_Pair(passage.id, g, p, _sentence(sentences, g.start)) for g, p in matched]
        extras += [(passage.id, p, _sentence(sentences, p.start)) for p in unmatched]
    return _score(gold_path, len(passages), pairs, extras)


def _match(
    passage: GoldPassage, predicted: list[ActorMention]
) -> tuple[list[tuple[GoldMention, ActorMention | None]], list[ActorMention]]:
    free = list(predicted)
    matched: list[tuple[GoldMention, ActorMention | None]] = []
    for gold in sorted(passage.mentions, key=lambda m: m.start):
        options = [p for p in free if p.start < gold.end and gold.start < p.end]
        best = max(
            options, key=lambda p: (p.actor_id == gold.actor_id, _overlap(p, gold)), default=None
        )
        if best is not None:
            free.remove(best)
        matched.append((gold, best))
    return matched, free


def _overlap(predicted: ActorMention, gold: GoldMention) -> int:
    return min(predicted.end, gold.end) - max(predicted.start, gold.start)


def _sentence(sentences: list[tuple[int, int, str]], offset: int) -> str:
    return next((text for start, end, text in sentences if start <= offset < end), "")


def _score(
    path: Path, passages: int, pairs: list[_Pair], extras: list[tuple[str, ActorMention, str]]
) -> dict[str, Any]:
    linked = [p for p in pairs if p.gold.actor_id is not None]
    unknown = [p for p in pairs if p.gold.actor_id is None]
    tp = sum(p.correct for p in linked)
    predicted_ids = sum(p.predicted.actor_id is not None for p in pairs if p.predicted)
    predicted_ids += sum(m.actor_id is not None for _, m, _ in extras)
    predictions = len(extras) + sum(p.detected for p in pairs)
    detected = sum(p.detected for p in pairs)
    errors = _errors(pairs, extras)
    return {
        "gold": str(path),
        "passages": passages,
        "gold_mentions": len(pairs),
        "predicted_mentions": predictions,
        "detection": _prf(detected, predictions, detected, len(pairs)),
        "linking": {**_prf(tp, predicted_ids, tp, len(linked)), "tp": tp},
        "titles": _accuracy([p for p in pairs if p.gold.type == "title"]),
        "per_type": {t: _type_row([p for p in pairs if p.gold.type == t]) for t in TYPES},
        "unknown": {
            "total": len(unknown),
            "found": sum(p.correct for p in unknown),
            "linked": sum(p.detected and not p.correct for p in unknown),
            "missed": sum(not p.detected for p in unknown),
        },
        "error_kinds": dict(Counter(e["kind"] for e in errors).most_common()),
        "errors": errors,
    }


def _prf(tp_p: int, predicted: int, tp_r: int, gold: int) -> dict[str, Any]:
    precision = tp_p / predicted if predicted else 0.0
    recall = tp_r / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "predicted": predicted,
        "gold": gold,
    }


def _accuracy(pairs: list[_Pair]) -> dict[str, Any]:
    correct = sum(p.correct for p in pairs)
    return {
        "correct": correct,
        "total": len(pairs),
        "accuracy": round(correct / len(pairs), 4) if pairs else 0.0,
    }


def _type_row(pairs: list[_Pair]) -> dict[str, Any]:
    total = len(pairs)
    detected = sum(p.detected for p in pairs)
    correct = sum(p.correct for p in pairs)
    return {
        "total": total,
        "detected": detected,
        "correct": correct,
        "detection_recall": round(detected / total, 4) if total else 0.0,
        "recall": round(correct / total, 4) if total else 0.0,
    }


def _errors(
    pairs: list[_Pair], extras: list[tuple[str, ActorMention, str]]
) -> list[dict[str, Any]]:
    """Every gold mention not linked right, and every id predicted where gold has no mention."""
    errors = []
    for pair in pairs:
        if pair.correct:
            continue
        got = pair.predicted.actor_id if pair.predicted else None
        errors.append(
            {
                "passage": pair.passage,
                "kind": _kind(pair),
                "type": pair.gold.type,
                "text": pair.gold.text,
                "predicted_text": pair.predicted.text if pair.predicted else None,
                "expected": pair.gold.actor_id,
                "got": got,
                "method": pair.predicted.method if pair.predicted else None,
                "sentence": pair.sentence,
            }
        )
    for passage, mention, sentence in extras:
        if mention.actor_id is not None:
            errors.append(
                {
                    "passage": passage,
                    "kind": "spurious",
                    "type": None,
                    "text": mention.text,
                    "predicted_text": mention.text,
                    "expected": None,
                    "got": mention.actor_id,
                    "method": mention.method,
                    "sentence": sentence,
                }
            )
    return errors


def _kind(pair: _Pair) -> str:
    if pair.predicted is None:
        return "missed"
    if pair.gold.actor_id is None:
        return "linked_unknown"
    return "unlinked" if pair.predicted.actor_id is None else "wrong_actor"


def format_report(result: dict[str, Any], max_errors: int = 40) -> str:
    """The evaluation as text for the terminal: scores, per-type recall, then the errors."""
    detection, linking, titles = result["detection"], result["linking"], result["titles"]
    unknown = result["unknown"]
    lines = [
        f"Actor linking on {result['gold']}",
        f"  {result['passages']} passages, {result['gold_mentions']} gold mentions, "
        f"{result['predicted_mentions']} predicted",
        "",
        f"  linking    P {linking['precision']:.3f}  R {linking['recall']:.3f}  "
        f"F1 {linking['f1']:.3f}   ({linking['tp']} right of {linking['gold']} gold ids, "
        f"{linking['predicted']} predicted ids)",
        f"  detection  P {detection['precision']:.3f}  R {detection['recall']:.3f}  "
        f"F1 {detection['f1']:.3f}",
        f"  titles     {titles['correct']}/{titles['total']} right ({titles['accuracy']:.3f})",
        f"  unknown    {unknown['found']}/{unknown['total']} found unresolved, "
        f"{unknown['linked']} linked to a known actor, {unknown['missed']} missed",
        "",
        "  type        gold  detected  right  recall",
    ]
    for name, row in result["per_type"].items():
        lines.append(
            f"  {name:<10} {row['total']:>5} {row['detected']:>9} {row['correct']:>6}  "
            f"{row['recall']:.3f}"
        )
    kinds = ", ".join(f"{kind} {count}" for kind, count in result["error_kinds"].items())
    lines += ["", f"  errors: {kinds or 'none'}"]
    for error in result["errors"][:max_errors]:
        got = error["got"] or "-"
        if error["predicted_text"] and error["predicted_text"] != error["text"]:
            got += f" on {error['predicted_text']!r}"
        lines.append(
            f"  [{error['kind']}] {error['text']!r}: expected {error['expected'] or '-'}, "
            f"got {got}  | {error['sentence'].strip()}"
        )
    if len(result["errors"]) > max_errors:
        lines.append(f"  ... and {len(result['errors']) - max_errors} more")
    return "\n".join(lines)
