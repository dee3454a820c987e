"""Event coding against gold sets: the two outside sets and the team's own.

Outside sets (read from ``../shared/eval/events`` at run time, never copied):

- ``plover_gsr_cameo_en.jsonl``: 322 sentences, one PLOVER event each (field ``plover_v2``),
  actor and recipient as lists of codes and texts; reported whole and in two splits,
  ``plover-dev`` (odd-numbered records, ``...-0001``, ``-0003``...) and ``plover-test`` (even).
- ``petr2_gsr_validation_en.jsonl``: CAMEO-coded sentences, dyadic (one source code and one
  target code per event, no texts), PLOVER type derived from the crosswalk. Events whose CAMEO
  code has no PLOVER type (01 statements, 02 appeals) are not events here: a sentence with only
  those is a no-event sentence, as are the sentences with no event at all. A record with empty
  text is skipped.

How they were used is in ``tests/gold/README-events.md``. The own set (``tests/gold/events.jsonl``)
has the same measures, per split, plus markers and modes.

Measures:

- **type accuracy**: for each gold event, the predicted event of its sentence that matches it
  best (type first, then source, then target) has the gold type. Several gold events may use one
  prediction (a joint meeting of three parties is six CAMEO dyads).
- **primary type accuracy**: the sentence's most confident prediction has one of its gold types
  (a sentence without prediction counts as wrong).
- **macro-F1** over types, counted per sentence: a predicted type the sentence's gold lacks is a
  false positive, a gold type no prediction has a false negative.
- **source / target match**: on gold events with a non-empty side, the best prediction's side
  matches. A side matches when every gold entity is matched by a predicted participant (extra
  predicted participants do not count against), and an empty gold side by an empty predicted
  side. An entity is matched by the same country code (the first three letters of the gold code;
  ITL=ITA, JAP=JPN; IGO, NGO and IMG count as one international class), by the same actor id,
  or by overlapping text (a shared word that is not a function word). A gold "---" (no country,
  no text) is matched by a participant with no country, or by an empty side. For AGREE,
  CONSULT, COOPERATE and SUPPORT told jointly ("X and Y met": no target, several actors) on
  either side, both sides are compared as one set of parties.
- **all right**: type, source and target all match on the same prediction.
- **no-event precision**: the share of sentences without a gold event where nothing is coded.
- own set only: **marker accuracy** (negated, hypothetical, future and historical all right, on
  events whose type is right) and **mode accuracy** (where the gold gives a mode).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest
from pathlib import Path
from typing import Any

from newsledger.errors import NewsledgerError
from newsledger.events import PLOVER_TYPES, Event, Participant, code_events
from newsledger.events.syntax import words
from newsledger.nlp.model import load_model
from newsledger.resolve.actors import link_actors

PLOVER_FILE = "plover_gsr_cameo_en.jsonl"
PETR2_FILE = "petr2_gsr_validation_en.jsonl"
JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})
CODE_ALIASES = {"ITL": "ITA", "JAP": "JPN", "IGO": "INT", "NGO": "INT", "IMG": "INT", "---": None}
FUNCTION_WORDS = words("the a an of and in on for to from with at s its his")
NONE = "NONE"
MARKERS = ("negated", "hypothetical", "future", "historical")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A gold actor or recipient: its country class (None for "none") and its words."""

    country: str | None
    text: str | None
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    mode: str | None
    actors: tuple[GoldEntity, ...]
    recipients: tuple[GoldEntity, ...]
    markers: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    set: str
    split: str
    text: str
    published: date | None
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class _Pair:
    """A gold event and the prediction that matches it best."""

    gold: GoldEvent
    predicted: Event | None
    type_ok: bool
    source_ok: bool
    target_ok: bool


# ---------------------------------------------------------------------------- loading
def load_plover(path: Path) -> list[GoldSentence]:
    """The PLOVER gold sentences; odd-numbered records are the development split."""
    sentences: list[GoldSentence] = []
    for row in _rows(path):
        number = int(str(row["id"]).rsplit("-", 1)[1])
        events = tuple(_plover_event(e) for e in row["events"] if e.get("plover_v2"))
        split = "dev" if number % 2 else "test"
        key = f"plover:{len(sentences)}:{row['id']}"  # ids repeat in the file
        sentences.append(GoldSentence(key, "plover", split, row["text"], None, events))
    return sentences


def _plover_event(entry: dict[str, Any]) -> GoldEvent:
    return GoldEvent(
        type=str(entry["plover_v2"]),
        mode=entry.get("mode"),
        actors=_entities(entry.get("actor_code"), entry.get("actor_text")),
        recipients=_entities(entry.get("recipient_code"), entry.get("recipient_text")),
    )


def load_petr2(path: Path) -> list[GoldSentence]:
    """The PETR-2 validation sentences (all used in development), without empty texts."""
    sentences: list[GoldSentence] = []
    for row in _rows(path):
        if not str(row["text"]).strip():
            continue
        events = tuple(_plover_event(e) for e in row["events"] if e.get("plover_v2"))
        published = _compact_date(row.get("date"))
        key = f"petr2:{len(sentences)}:{row['id']}"
        sentences.append(GoldSentence(key, "petr2", "dev", row["text"], published, events))
    return sentences


def load_own(path: Path) -> list[GoldSentence]:
    """The team's own gold set (schema in tests/gold/README-events.md)."""
    sentences = []
    for number, row in enumerate(_rows(path), 1):
        try:
            sentences.append(_own_sentence(row))
        except (KeyError, TypeError, ValueError) as error:
            raise NewsledgerError(f"{path}:{number}: not a gold passage ({error})") from error
    return sentences


def _own_sentence(row: dict[str, Any]) -> GoldSentence:
    text = str(row["text"])
    events = []
    for entry in row["events"]:
        if entry["type"] not in PLOVER_TYPES:
            raise ValueError(f"unknown type {entry['type']!r}")
        words = [a["text"] for side in ("actors", "recipients") for a in entry.get(side, [])]
        for written in [*words, entry.get("trigger") or ""]:
            if written not in text:
                raise ValueError(f"{written!r} is not in the text")
        events.append(
            GoldEvent(
                type=entry["type"],
                mode=entry.get("mode"),
                actors=tuple(_own_entity(a) for a in entry.get("actors", [])),
                recipients=tuple(_own_entity(a) for a in entry.get("recipients", [])),
                markers=tuple((m, bool(entry.get(m, False))) for m in MARKERS),
            )
        )
    published = date.fromisoformat(row["published"]) if row.get("published") else None
    return GoldSentence(row["id"], "own", row.get("split", "dev"), text, published, tuple(events))


def _own_entity(entry: dict[str, Any]) -> GoldEntity:
    return GoldEntity(_country(entry.get("country")), entry["text"], entry.get("actor_id"))


def _rows(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise NewsledgerError(f"cannot read gold set {path} ({error})") from error
    return [json.loads(line) for line in lines if line.strip()]


def _entities(codes: Any, texts: Any) -> tuple[GoldEntity, ...]:
    codes = codes if isinstance(codes, list) else ([codes] if codes else [])
    texts = texts if isinstance(texts, list) else ([texts] if texts else [])
    return tuple(
        GoldEntity(_country(code), text) for code, text in zip_longest(codes, texts) if code or text
    )


def _country(code: Any) -> str | None:
    head = str(code or "")[:3].upper()
    if not head:
        return None
    return CODE_ALIASES.get(head, head)


def _compact_date(value: Any) -> date | None:
    text = str(value or "")
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


# ---------------------------------------------------------------------------- running
def evaluate(events_dir: Path) -> dict[str, Any]:
    """Scores on the PLOVER and PETR-2 gold sets, per set, per split and pooled."""
    plover_path, petr_path = events_dir / PLOVER_FILE, events_dir / PETR2_FILE
    for path in (plover_path, petr_path):
        if not path.exists():
            raise NewsledgerError(f"gold set {path} not found", hint="give the events folder")
    plover, petr2 = load_plover(plover_path), load_petr2(petr_path)
    predictions = _predict(plover + petr2)
    result: dict[str, Any] = {"sets": {}}
    groups = {
        "plover": plover,
        "plover-dev": [s for s in plover if s.split == "dev"],
        "plover-test": [s for s in plover if s.split == "test"],
        "petr2": petr2,
        "pooled": plover + petr2,
    }
    for name, sentences in groups.items():
        result["sets"][name] = score(sentences, predictions)
    result.update(
        {k: v for k, v in result["sets"]["pooled"].items() if not isinstance(v, dict | list)}
    )
    return result


def evaluate_own(path: Path) -> dict[str, Any]:
    """Scores on the team's own gold set, overall and per split, with marker accuracy."""
    sentences = load_own(path)
    predictions = _predict(sentences)
    result: dict[str, Any] = {"sets": {}}
    for name in ("own", "own-dev", "own-test"):
        split = name.partition("-")[2]
        chosen = [s for s in sentences if not split or s.split == split]
        result["sets"][name] = score(chosen, predictions)
    result.update(
        {k: v for k, v in result["sets"]["own"].items() if not isinstance(v, dict | list)}
    )
    return result


def _predict(sentences: Iterable[GoldSentence]) -> dict[str, list[Event]]:
    nlp = load_model()
    found: dict[str, list[Event]] = {}
    for sentence in sentences:
        doc = nlp(sentence.text)
        actors = link_actors(doc, sentence.published)
        found[sentence.id] = code_events(doc, actors, sentence.published)
    return found


# ---------------------------------------------------------------------------- scoring
def score(sentences: list[GoldSentence], predictions: dict[str, list[Event]]) -> dict[str, Any]:
    """All measures over a list of gold sentences (see the module docstring)."""
    pairs: list[_Pair] = []
    primary = [0, 0]
    empty = [0, 0]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    for sentence in sentences:
        predicted = predictions.get(sentence.id, [])
        if not sentence.events:
            empty[0] += not predicted
            empty[1] += 1
            if predicted:
                errors.append(_error(sentence, None, predicted))
            continue
        found = [_align(g, predicted) for g in sentence.events]
        pairs += found
        _count_types(sentence, predicted, counts)
        primary[0] += _primary_ok(sentence, predicted)
        primary[1] += 1
        errors += [_error(sentence, p, predicted) for p in found if not _all_right(p)]
    return _summary(pairs, primary, empty, counts, errors)


def _align(gold: GoldEvent, predicted: list[Event]) -> _Pair:
    best = _Pair(gold, None, False, False, False)
    best_score = -1
    for event in predicted:
        type_ok = event.type == gold.type
        source_ok, target_ok = _sides(gold, event)
        points = 4 * type_ok + 2 * source_ok + target_ok
        if points > best_score:
            best, best_score = _Pair(gold, event, type_ok, source_ok, target_ok), points
    return best


def _sides(gold: GoldEvent, event: Event) -> tuple[bool, bool]:
    joint_gold = not gold.recipients and len(gold.actors) > 1
    joint_event = not event.recipients and len(event.actors) > 1
    if gold.type in JOINT_TYPES and (joint_gold or joint_event):
        parties = event.actors + event.recipients
        everyone = gold.actors + gold.recipients
        ok = all(_entity_ok(e, parties) for e in everyone)
        return ok, ok
    return _side_ok(gold.actors, event.actors), _side_ok(gold.recipients, event.recipients)


def _side_ok(gold: tuple[GoldEntity, ...], predicted: tuple[Participant, ...]) -> bool:
    if not gold:
        return not predicted
    if not predicted and all(e.country is None and not e.text for e in gold):
        return True  # a gold "---": no identifiable party, and none coded
    return all(_entity_ok(entity, predicted) for entity in gold)


def _entity_ok(entity: GoldEntity, predicted: tuple[Participant, ...]) -> bool:
    return any(_matches(entity, p) for p in predicted)


def _matches(entity: GoldEntity, participant: Participant) -> bool:
    if entity.actor_id and entity.actor_id == participant.actor_id:
        return True
    country = _predicted_country(participant)
    if entity.country is not None and entity.country == country:
        return True
    if entity.country is None and not entity.text and country is None:
        return True
    return bool(entity.text and _words(entity.text) & _words(participant.text))


def _predicted_country(participant: Participant) -> str | None:
    if participant.country in ("IGO", "NGO") or participant.sector in ("IGO", "NGO"):
        return "INT"
    return participant.country


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in FUNCTION_WORDS}


def _primary_ok(sentence: GoldSentence, predicted: list[Event]) -> bool:
    if not predicted:
        return False
    top = max(predicted, key=lambda e: e.confidence)
    return top.type in {g.type for g in sentence.events}


def _count_types(
    sentence: GoldSentence, predicted: list[Event], counts: dict[str, Counter[str]]
) -> None:
    gold = {g.type for g in sentence.events}
    found = {e.type for e in predicted}
    for event_type in gold | found:
        key = (
            "tp"
            if event_type in gold and event_type in found
            else ("fn" if event_type in gold else "fp")
        )
        counts[event_type][key] += 1


def _all_right(pair: _Pair) -> bool:
    return pair.type_ok and pair.source_ok and pair.target_ok


def _summary(
    pairs: list[_Pair],
    primary: list[int],
    empty: list[int],
    counts: dict[str, Counter[str]],
    errors: list[dict[str, Any]],
) -> dict[str, Any]:
    total = len(pairs)
    with_actors = [p for p in pairs if p.gold.actors]
    with_targets = [p for p in pairs if p.gold.recipients]
    typed = [p for p in pairs if p.type_ok]
    per_type = {t: _prf(c) for t, c in sorted(counts.items())}
    result: dict[str, Any] = {
        "gold_events": total,
        "type_accuracy": _ratio(len(typed), total),
        "primary_type_accuracy": _ratio(primary[0], primary[1]),
        "macro_f1": _ratio(sum(v["f1"] for v in per_type.values()), len(per_type)),
        "source_match": _ratio(sum(p.source_ok for p in with_actors), len(with_actors)),
        "target_match": _ratio(sum(p.target_ok for p in with_targets), len(with_targets)),
        "all_right": _ratio(sum(_all_right(p) for p in pairs), total),
        "no_event_sentences": empty[1],
        "no_event_precision": _ratio(empty[0], empty[1]),
        "mode_accuracy": _mode_accuracy(typed),
        "marker_accuracy": _marker_accuracy(typed),
        "per_type": per_type,
        "confusion": _confusion(pairs),
        "errors": errors,
    }
    return result


def _ratio(right: int | float, total: int) -> float | None:
    return round(right / total, 4) if total else None


def _prf(counts: Counter[str]) -> dict[str, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "support": tp + fn,
    }


def _mode_accuracy(typed: list[_Pair]) -> float | None:
    moded = [p for p in typed if p.gold.mode and p.predicted is not None]
    return _ratio(sum(p.predicted.mode == p.gold.mode for p in moded if p.predicted), len(moded))


def _marker_accuracy(typed: list[_Pair]) -> float | None:
    marked = [p for p in typed if p.gold.markers and p.predicted is not None]
    right = sum(
        all(getattr(p.predicted, name) == value for name, value in p.gold.markers)
        for p in marked
        if p.predicted
    )
    return _ratio(right, len(marked))


def _confusion(pairs: list[_Pair]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for pair in pairs:
        table[pair.gold.type][pair.predicted.type if pair.predicted else NONE] += 1
    return {gold: dict(row) for gold, row in sorted(table.items())}


def _error(sentence: GoldSentence, pair: _Pair | None, predicted: list[Event]) -> dict[str, Any]:
    return {
        "id": sentence.id,
        "text": sentence.text,
        "gold": None
        if pair is None
        else {
            "type": pair.gold.type,
            "actors": [e.country or e.text for e in pair.gold.actors],
            "recipients": [e.country or e.text for e in pair.gold.recipients],
        },
        "predicted": [
            {
                "type": e.type,
                "actors": [p.country or p.text for p in e.actors],
                "recipients": [p.country or p.text for p in e.recipients],
                "trigger": e.trigger.text,
            }
            for e in predicted
        ],
    }


# ---------------------------------------------------------------------------- report
def format_report(result: dict[str, Any]) -> str:
    """Figures per set, the type confusion of the first set, and the first errors."""
    lines = [
        f"{'set':<12} {'events':>6} {'type':>6} {'prim':>6} {'mF1':>6} {'src':>6} {'tgt':>6} "
        f"{'all':>6} {'noev':>9}"
    ]
    for name, figures in result["sets"].items():
        lines.append(
            f"{name:<12} {figures['gold_events']:>6} {_pct(figures['type_accuracy'])} "
            f"{_pct(figures['primary_type_accuracy'])} {_pct(figures['macro_f1'])} "
            f"{_pct(figures['source_match'])} {_pct(figures['target_match'])} "
            f"{_pct(figures['all_right'])} {_pct(figures['no_event_precision'])}"
            f"/{figures['no_event_sentences']:<2}"
        )
    lines.append("")
    overall = (
        next(iter(result["sets"].values()))
        if "pooled" not in result["sets"]
        else result["sets"]["pooled"]
    )
    lines += _confusion_lines(overall["confusion"])
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return f"{'-':>6}" if value is None else f"{value:>6.3f}"


def _confusion_lines(confusion: dict[str, dict[str, int]]) -> list[str]:
    columns = [t for t in (*PLOVER_TYPES, NONE) if any(t in row for row in confusion.values())]
    lines = ["gold \\ predicted  " + " ".join(f"{c[:4]:>4}" for c in columns)]
    for gold, row in confusion.items():
        lines.append(f"{gold:<17} " + " ".join(f"{row.get(c, 0) or '.':>4}" for c in columns))
    return lines
