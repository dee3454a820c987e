"""Hedged sentences against a gold set: ``sentence_is_hedged`` (``newsledger eval hedges``).

The gold file is CSV with a header ``text,label``: one sentence a row, label 1 when the sentence
is uncertain. The set used is the Wikipedia "weasel" sentences in ``../shared/eval/hedges/``
(a re-processed CoNLL-2010 subset), read at run time and never copied. Its text is
Penn-Treebank tokenised (``-LRB-``, ````...''``); the brackets and quotes are put back before
parsing so the parser sees ordinary prose.

Each sentence goes through the real model (``load_model``) with the components certainty needs
(tagger, parser, lemmatizer); the entity recogniser is switched off. The comparison is a plain
word list made of the same lexicon: a sentence counts as hedged when any hedge or
attribution-hedge phrase occurs in it, with no part-of-speech, role, negation or weight checks.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.attribution.certainty import HEDGED_THRESHOLD as THRESHOLD
from newsledger.attribution.certainty import HEDGING_KINDS, Found, cues_for, hedge_weight
from newsledger.errors import NewsledgerError

# Components the certainty rules do not read.
UNUSED_COMPONENTS = ("ner", "newsledger_entity_cleanup")
BATCH_SIZE = 256
ERRORS_SHOWN = 25
PTB_ESCAPES = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": '"',
    "''": '"',
}


def unescape(text: str) -> str:
    """The sentence with Penn-Treebank bracket and quote tokens turned back into characters."""
    text = text.strip()
    for escape, character in PTB_ESCAPES.items():
        text = text.replace(escape, character)
    return text


def load_gold(path: Path) -> list[tuple[str, bool]]:
    """The (sentence, is uncertain) pairs of a ``text,label`` CSV file."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise NewsledgerError(f"cannot read the hedge gold set {path} ({error})") from error
    if rows and not {"text", "label"} <= set(rows[0]):
        raise NewsledgerError(f"{path}: expected the columns text,label")
    return [(unescape(row["text"]), row["label"].strip() == "1") for row in rows]


@dataclass
class Confusion:
    """Counts of one classifier's decisions against the gold labels."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    def scores(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total = self.tp + self.fp + self.fn + self.tn
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "accuracy": round((self.tp + self.tn) / total, 4) if total else 0.0,
            "counts": {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn},
        }


@dataclass
class _Tally:
    rules: Confusion = field(default_factory=Confusion)
    baseline: Confusion = field(default_factory=Confusion)
    # Per lexicon entry: sentences it fired in, by gold label.
    entries: Counter[tuple[str, bool]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def score(self, text: str, gold: bool, found: list[Found], plain: list[Found]) -> None:
        predicted = hedge_weight(found) >= THRESHOLD
        self.rules.add(predicted, gold)
        self.baseline.add(any(f.kind in HEDGING_KINDS for f in plain), gold)
        for entry in {f.rule.id for f in found}:
            self.entries[(entry, gold)] += 1
        if predicted != gold:
            self._error(text, gold, found)

    def _error(self, text: str, gold: bool, found: list[Found]) -> None:
        kind = "missed" if gold else "spurious"
        if sum(e["kind"] == kind for e in self.errors) < ERRORS_SHOWN:
            cues = [f"{f.span.text} ({f.rule.id}, {f.weight:g})" for f in found]
            self.errors.append({"kind": kind, "text": text, "cues": cues})


def _parsed(texts: list[str]) -> Iterator[Any]:
    from newsledger.nlp.model import load_model

    nlp = load_model()
    disabled = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]
    yield from nlp.pipe(texts, disable=disabled, batch_size=BATCH_SIZE)


def evaluate(test_csv: Path) -> dict[str, Any]:
    """Score ``sentence_is_hedged`` and the plain word list over a gold CSV file."""
    items = load_gold(test_csv)
    tally = _Tally()
    started = time.perf_counter()
    docs = list(_parsed([text for text, _ in items]))
    parsed = time.perf_counter()
    for (text, gold), doc in zip(items, docs, strict=True):
        sentence = doc[:]
        tally.score(text, gold, cues_for(sentence), cues_for(sentence, plain=True))
    finished = time.perf_counter()
    return _result(tally, len(items), parsed - started, finished - parsed)


def _result(tally: _Tally, items: int, parse_seconds: float, rule_seconds: float) -> dict[str, Any]:
    names = sorted({name for name, _ in tally.entries})
    return {
        "items": items,
        "uncertain": tally.rules.tp + tally.rules.fn,
        **tally.rules.scores(),
        "baseline": tally.baseline.scores(),
        "seconds": {
            "parse": round(parse_seconds, 2),
            "rules": round(rule_seconds, 2),
            "total": round(parse_seconds + rule_seconds, 2),
        },
        "entries": {
            name: {
                "uncertain": tally.entries[(name, True)],
                "certain": tally.entries[(name, False)],
            }
            for name in names
        },
        "errors": tally.errors,
    }


def format_report(result: dict[str, Any]) -> str:
    """The scores, the comparison, the timing, the busiest entries and a sample of errors."""
    base = result["baseline"]
    counts = result["counts"]
    seconds = result["seconds"]
    lines = [
        f"hedged sentences: {result['items']} sentences, {result['uncertain']} uncertain in gold",
        f"rules       P {result['precision']:.3f}  R {result['recall']:.3f}"
        f"  F1 {result['f1']:.3f}  accuracy {result['accuracy']:.3f}"
        f"  (tp {counts['tp']} fp {counts['fp']} fn {counts['fn']} tn {counts['tn']})",
        f"word list   P {base['precision']:.3f}  R {base['recall']:.3f}"
        f"  F1 {base['f1']:.3f}  accuracy {base['accuracy']:.3f}"
        "  (the same lexicon, no rules)",
        f"time        {seconds['total']:.1f} s: parse {seconds['parse']:.1f} s,"
        f" rules {seconds['rules']:.1f} s",
        "",
        "entries (sentences fired in: uncertain / certain):",
    ]
    busiest = sorted(result["entries"].items(), key=lambda kv: -sum(kv[1].values()))
    lines += [f"  {name:40} {n['uncertain']:5} / {n['certain']:5}" for name, n in busiest]
    if result["errors"]:
        lines += ["", f"errors (first {ERRORS_SHOWN} of each kind):"]
        lines += [_error_line(error) for error in result["errors"]]
    return "\n".join(lines)


def _error_line(error: dict[str, Any]) -> str:
    text = error["text"] if len(error["text"]) <= 140 else error["text"][:137] + "..."
    cues = "; ".join(error["cues"]) or "no cue"
    return f"  {error['kind']:8} {text}\n           [{cues}]"
