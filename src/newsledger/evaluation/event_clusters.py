"""Event clusters against the team's labels over the demo corpus.

The gold lists groups of reports that tell one happening, each report named by its article's
title, its trigger and the start of its sentence (row ids change from run to run). Every event
of the demo ledger that no group lists is its own happening.

Measures, over pairs of events: a pair is predicted when both events are in one stored cluster,
gold when both are in one gold group. Pairwise precision, recall and F1; also B-cubed precision
and recall (per event, the share of its predicted cluster in its gold group and the reverse).
And what the clusters do to the counts on the demo corpus: events, clusters, independent reports.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from newsledger.errors import NewsledgerError
from newsledger.store import Ledger

MAX_SHOWN = 30


def load_gold(path: Path) -> list[list[dict[str, str]]]:
    """The gold groups; each report a dict with title, trigger and sentence."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        groups = [group["reports"] for group in data["groups"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise NewsledgerError(f"{path}: not an event-clusters gold file ({error})") from error
    for group in groups:
        if len(group) < 2 or any({"title", "trigger", "sentence"} - set(r) for r in group):
            raise NewsledgerError(
                f"{path}: a group needs two reports with title, trigger, sentence"
            )
    return groups


def evaluate(path: Path) -> dict[str, Any]:
    """Build the demo ledger in a temporary directory and score its clusters."""
    from newsledger.crosscheck import run_crosschecks
    from newsledger.demo import corpus_path
    from newsledger.ingest import ingest
    from newsledger.nlp.analyze import analyze_ledger

    with tempfile.TemporaryDirectory() as folder, Ledger(Path(folder) / "demo.db") as ledger:
        ingest(ledger, [str(corpus_path())])
        analyze_ledger(ledger)
        run_crosschecks(ledger, only={"copies", "event-clusters"})
        return score(ledger, load_gold(path), held_out(path))


def held_out(path: Path) -> set[int]:
    """The numbers of the gold groups marked ``held_out`` (set aside while tuning)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {n for n, group in enumerate(data["groups"]) if group.get("held_out")}


def score(
    ledger: Ledger, gold: list[list[dict[str, str]]], held: set[int] | None = None
) -> dict[str, Any]:
    """Pairwise and B-cubed scores of the ledger's stored clusters against ``gold``; with
    ``held``, also apart for the held-out groups and for the others (each over the events
    of its groups and the events no group lists)."""
    events = _events(ledger)
    predicted = {e["id"]: e["cluster_id"] for e in events}
    truth = {e["id"]: f"single:{e['id']}" for e in events}
    missing: list[dict[str, str]] = []
    used: set[int] = set()
    for number, group in enumerate(gold):
        for report in group:
            found = _find(events, report, used)
            if found is None:
                missing.append(report)
                continue
            used.add(found)
            truth[found] = f"group:{number}"
    result = _pairwise(predicted, truth)
    result.update(_bcubed(predicted, truth))
    result.update(_counts(ledger))
    result["gold_groups"] = len(gold)
    result["gold_reports"] = sum(len(g) for g in gold)
    result["missing"] = missing
    result["errors"] = _errors(events, predicted, truth)
    if held:
        for name, inside in (("held_out", True), ("tuned", False)):
            result[name] = _part(predicted, truth, held, inside)
    return result


def _part(
    predicted: dict[int, str], truth: dict[int, str], held: set[int], inside: bool
) -> dict[str, Any]:
    """Scores over the events of the held-out groups (or of the others) and the events no
    group lists."""

    def kept(label: str) -> bool:
        return not label.startswith("group:") or (int(label[6:]) in held) == inside

    events = [e for e, label in truth.items() if kept(label)]
    part = _pairwise({e: predicted[e] for e in events}, {e: truth[e] for e in events})
    part.update(_bcubed({e: predicted[e] for e in events}, {e: truth[e] for e in events}))
    return part


def _events(ledger: Ledger) -> list[dict[str, Any]]:
    rows = ledger.db.execute(
        "SELECT e.id, a.title, e.trigger_text, s.text AS sentence, r.cluster_id FROM events e"
        " JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence"
        " LEFT JOIN event_cluster_reports r ON r.event_id = e.id ORDER BY e.id"
    )
    return [
        {**dict(r), "sentence": " ".join((r["sentence"] or "").split()),
         "cluster_id": r["cluster_id"] or f"none:{r['id']}"}
        for r in rows
    ]  # fmt: skip


def _find(events: list[dict[str, Any]], report: dict[str, str], used: set[int]) -> int | None:
    snippet = " ".join(report["sentence"].split())
    for event in events:
        if (
            event["id"] not in used
            and event["title"] == report["title"]
            and event["trigger_text"] == report["trigger"]
            and snippet in event["sentence"]
        ):
            return int(event["id"])
    return None


def _pairs(labels: dict[int, str]) -> set[tuple[int, int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for event_id, label in labels.items():
        groups[label].append(event_id)
    return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}


def _pairwise(predicted: dict[int, str], truth: dict[int, str]) -> dict[str, Any]:
    found, gold = _pairs(predicted), _pairs(truth)
    right = len(found & gold)
    precision = right / len(found) if found else 1.0
    recall = right / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairwise_precision": round(precision, 3),
        "pairwise_recall": round(recall, 3),
        "pairwise_f1": round(f1, 3),
        "predicted_pairs": len(found),
        "gold_pairs": len(gold),
        "right_pairs": right,
    }


def _bcubed(predicted: dict[int, str], truth: dict[int, str]) -> dict[str, float]:
    by_predicted: dict[str, set[int]] = defaultdict(set)
    by_truth: dict[str, set[int]] = defaultdict(set)
    for event_id in predicted:
        by_predicted[predicted[event_id]].add(event_id)
        by_truth[truth[event_id]].add(event_id)
    precision = recall = 0.0
    for event_id in predicted:
        mine, real = by_predicted[predicted[event_id]], by_truth[truth[event_id]]
        precision += len(mine & real) / len(mine)
        recall += len(mine & real) / len(real)
    n = len(predicted) or 1
    p, r = precision / n, recall / n
    return {
        "bcubed_precision": round(p, 3),
        "bcubed_recall": round(r, 3),
        "bcubed_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def _counts(ledger: Ledger) -> dict[str, Any]:
    def one(sql: str) -> int:
        return int(ledger.db.execute(sql).fetchone()[0])

    events = one("SELECT count(*) FROM events")
    clusters = one("SELECT count(*) FROM event_clusters")
    return {
        "events": events,
        "clusters": clusters,
        "multi_report_clusters": one("SELECT count(*) FROM event_clusters WHERE reports > 1"),
        "independent_reports": one("SELECT coalesce(sum(voices), 0) FROM event_clusters"),
        "shrink": round(1 - clusters / events, 3) if events else 0.0,
    }


def _errors(
    events: list[dict[str, Any]], predicted: dict[int, str], truth: dict[int, str]
) -> list[dict[str, Any]]:
    """Pairs merged that the gold keeps apart, and pairs the gold joins that were kept apart."""
    names = {e["id"]: f"{e['title'][:32]} / {e['trigger_text']}" for e in events}
    found, gold = _pairs(predicted), _pairs(truth)
    wrong = [{"kind": "merged", "a": names[a], "b": names[b]} for a, b in sorted(found - gold)]
    lost = [{"kind": "split", "a": names[a], "b": names[b]} for a, b in sorted(gold - found)]
    return wrong + lost


def format_report(result: dict[str, Any]) -> str:
    """A short plain-text report of ``evaluate``'s result."""
    lines = [
        f"event-clusters gold: {result['gold_groups']} happenings, {result['gold_reports']} "
        f"reports ({len(result['missing'])} not found in the ledger)",
        f"pairwise precision {result['pairwise_precision']:.3f}  recall "
        f"{result['pairwise_recall']:.3f}  F1 {result['pairwise_f1']:.3f}  "
        f"({result['right_pairs']} right of {result['predicted_pairs']} predicted, "
        f"{result['gold_pairs']} gold pairs)",
        f"B-cubed   precision {result['bcubed_precision']:.3f}  recall "
        f"{result['bcubed_recall']:.3f}  F1 {result['bcubed_f1']:.3f}",
        *[
            f"{name:<9} pairwise P {part['pairwise_precision']:.3f} R "
            f"{part['pairwise_recall']:.3f} F1 {part['pairwise_f1']:.3f}; B-cubed P "
            f"{part['bcubed_precision']:.3f} R {part['bcubed_recall']:.3f} F1 "
            f"{part['bcubed_f1']:.3f}"
            for name in ("held_out", "tuned")
            if (part := result.get(name))
        ],
        f"demo ledger: {result['events']} events -> {result['clusters']} clusters "
        f"({result['multi_report_clusters']} told more than once; counts shrink by "
        f"{result['shrink']:.1%}); {result['independent_reports']} independent reports",
    ]
    for report in result["missing"]:
        lines.append(f"  missing  {report['title'][:40]} / {report['trigger']}")
    errors = result["errors"]
    if len(errors) > MAX_SHOWN:
        lines.append(f"  first {MAX_SHOWN} of {len(errors)} wrong pairs (all with --json):")
    for error in errors[:MAX_SHOWN]:
        lines.append(f"  {error['kind']:<7}  {error['a']}  <->  {error['b']}")
    return "\n".join(lines)
