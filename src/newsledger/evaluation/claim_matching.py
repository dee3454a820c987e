"""Claim matching and contradictions against the team's planted gold set.

``newsledger eval claim-matching`` and ``newsledger eval contradictions``. The gold set is a
folder: ``articles/`` (original short articles from invented outlets) and ``labels.json``
(each planted claim as a unique piece of its article's text with its group; the planted
contradictions as two sides and a kind). The articles go through the real pipeline (ingest,
analysis, every cross-check step) in a scratch ledger. A gold claim is found in the claims of
the clusters whose span overlaps it.

Matching is scored on pairs of gold claims: predicted together (some claim of one and some
claim of the other share a cluster) against labelled together (same group). A predicted
contradiction is right when a planted one of the same kind has one of its claims on each side;
a planted one is found when such a predicted one exists. Precision counts every predicted
contradiction, also those among claims the gold set does not label.
"""

from __future__ import annotations

import functools
import json
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsledger.store import Ledger

Gold = dict[str, Any]
Span = tuple[str, int, int]  # article file stem, start, end
Predicted = tuple[list[list[Span]], list[dict[str, Any]], dict[str, str]]


def splits(folder: Path) -> list[Path]:
    """The gold set's parts (``dev``, ``test``), or the folder itself when it has no parts."""
    if (folder / "labels.json").exists():
        return [folder]
    return sorted(p.parent for p in folder.glob("*/labels.json"))


def load_gold(folder: Path) -> dict[str, Gold]:
    """The labels of each part, by part name."""
    return {
        part.name: json.loads((part / "labels.json").read_text(encoding="utf-8"))
        for part in splits(folder)
    }


@functools.lru_cache(maxsize=2)
def _predict(folder: Path) -> Predicted:
    """Clusters (as claim spans) and contradictions the pipeline finds in the gold articles."""
    from newsledger import Ledger, analyze_ledger, ingest
    from newsledger.crosscheck import run_crosschecks

    with tempfile.TemporaryDirectory() as scratch, Ledger(Path(scratch) / "gold.db") as ledger:
        ingest(ledger, [str(part / "articles") for part in splits(folder)])
        analyze_ledger(ledger)
        run_crosschecks(ledger)
        return predictions(ledger)


def predictions(ledger: Ledger) -> Predicted:
    """Clusters, contradictions and article texts (by file stem) of a ledger of the gold set."""
    from newsledger.store import claim_clusters

    rows = ledger.db.execute("SELECT id, source_path, text FROM articles").fetchall()
    stems = {r["id"]: Path(r["source_path"]).stem for r in rows}
    texts = {stems[r["id"]]: str(r["text"]) for r in rows}
    grouped = claim_clusters.all_members(ledger.db)
    clusters = [
        [(stems[m["article_id"]], m["start"], m["end"]) for m in members]
        for members in grouped.values()
    ]
    conflicts = claim_clusters.contradictions(ledger.db)
    for conflict in conflicts:
        for side in ("a", "b"):
            conflict[side]["reports"] = [
                {**r, "article": stems[r["article_id"]]} for r in conflict[side]["reports"]
            ]
    return clusters, conflicts, texts


def _locate(claims: list[Gold], texts: dict[str, str]) -> dict[str, Span]:
    """Each gold claim's span in its article as stored; it must occur there exactly once."""
    spans: dict[str, Span] = {}
    for item in claims:
        text = texts[item["article"]]
        if text.count(item["text"]) != 1:
            raise ValueError(f"{item['id']}: {item['text']!r} is not once in {item['article']}")
        start = text.index(item["text"])
        spans[item["id"]] = (item["article"], start, start + len(item["text"]))
    return spans


def _which(spans: dict[str, Span], found: Span) -> set[str]:
    return {
        claim
        for claim, (article, start, end) in spans.items()
        if article == found[0] and start < found[2] and found[1] < end
    }


def evaluate(folder: Path) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of claim matching, per part of the gold set and all."""
    parts = load_gold(folder)
    clusters, _, texts = _predict(folder)
    result = {name: _matching(labels["claims"], clusters, texts) for name, labels in parts.items()}
    everything = [c for labels in parts.values() for c in labels["claims"]]
    return {"sets": {**result, "all": _matching(everything, clusters, texts)}}


def _matching(claims: list[Gold], clusters: list[list[Span]], texts: dict[str, str]) -> Gold:
    spans = _locate(claims, texts)
    together: set[frozenset[str]] = set()
    found_claims: set[str] = set()
    for members in clusters:
        ids = set().union(*(_which(spans, m) for m in members)) if members else set()
        found_claims |= ids
        together.update(frozenset(p) for p in combinations(sorted(ids), 2))
    group = {c["id"]: c["group"] for c in claims}
    gold = {frozenset(p) for p in combinations(sorted(group), 2) if group[p[0]] == group[p[1]]}
    right = together & gold
    result = _scores(len(right), len(together), len(gold))
    result.update(
        gold_claims=len(group),
        claims_found=len(found_claims),
        gold_pairs=len(gold),
        predicted_pairs=len(together),
        missed=sorted(" ~ ".join(sorted(p)) for p in gold - together),
        wrong=sorted(" ~ ".join(sorted(p)) for p in together - gold),
    )
    return result


def evaluate_contradictions(folder: Path) -> dict[str, Any]:
    """Precision and recall of contradictions, overall and per kind, per part of the gold set.

    A predicted contradiction belongs to the part whose claims it touches (precision counts
    one touching no gold claim in every part).
    """
    parts = load_gold(folder)
    _, conflicts, texts = _predict(folder)
    result = {}
    for name, labels in parts.items():
        spans = _locate(labels["claims"], texts)
        stems = {s[0] for s in spans.values()}
        mine = [c for c in conflicts if _articles(c) & stems]
        result[name] = _contradictions(labels["contradictions"], spans, mine)
    everything = [c for labels in parts.values() for c in labels["claims"]]
    planted = [c for labels in parts.values() for c in labels["contradictions"]]
    result["all"] = _contradictions(planted, _locate(everything, texts), conflicts)
    return {"sets": result}


def _articles(conflict: dict[str, Any]) -> set[str]:
    return {r["article"] for side in ("a", "b") for r in conflict[side]["reports"]}


def _contradictions(
    planted_sides: list[Gold], spans: dict[str, Span], conflicts: list[dict[str, Any]]
) -> Gold:
    planted = [
        (g["kind"], {frozenset((x, y)) for x in g["a"] for y in g["b"]}) for g in planted_sides
    ]
    tally: Counter[tuple[str, str]] = Counter()
    found = [False] * len(planted)
    wrong: list[str] = []
    for conflict in conflicts:
        pairs = _pairs(spans, conflict)
        hits = [
            n for n, (kind, gold) in enumerate(planted) if kind == conflict["kind"] and pairs & gold
        ]
        for n in hits:
            found[n] = True
        tally[(conflict["kind"], "right" if hits else "wrong")] += 1
        if not hits:
            wrong.append(f"{conflict['kind']}: {conflict['detail']} | {conflict['claim']}")
    for (kind, _), hit in zip(planted, found, strict=True):
        tally[(kind, "planted")] += 1
        tally[(kind, "found")] += int(hit)
    kinds = sorted({kind for kind, _ in tally})
    return {
        "kinds": {k: _kind_scores(tally, k) for k in kinds},
        **_kind_scores(tally, None),
        "missed": [
            f"{kind}: {' / '.join(sorted(min(gold, key=sorted)))}"
            for (kind, gold), hit in zip(planted, found, strict=True)
            if not hit
        ],
        "wrong": wrong,
    }


def _pairs(spans: dict[str, Span], conflict: dict[str, Any]) -> set[frozenset[str]]:
    def claims(side: str) -> set[str]:
        reports = conflict[side]["reports"]
        return set().union(*(_which(spans, (r["article"], r["start"], r["end"])) for r in reports))

    return {frozenset((x, y)) for x in claims("a") for y in claims("b") if x != y}


def _kind_scores(tally: Counter[tuple[str, str]], kind: str | None) -> dict[str, Any]:
    def total(what: str) -> int:
        return sum(n for (k, w), n in tally.items() if w == what and kind in (None, k))

    right, wrong = total("right"), total("wrong")
    planted, found = total("planted"), total("found")
    return {
        "predicted": right + wrong,
        "planted": planted,
        "precision": right / (right + wrong) if right + wrong else 0.0,
        "recall": found / planted if planted else 0.0,
    }


def _scores(right: int, predicted: int, gold: int) -> dict[str, Any]:
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def format_report(result: dict[str, Any]) -> str:
    """Either evaluation's figures per part and the errors, for the terminal."""
    lines: list[str] = []
    for name, figures in result["sets"].items():
        lines += [f"[{name}]", *_figures(figures)]
        for what in ("missed", "wrong"):
            if figures[what] and name != "all":
                lines += [f"  {what} ({len(figures[what])}):", *(f"    {e}" for e in figures[what])]
    return "\n".join(lines)


def _figures(result: dict[str, Any]) -> list[str]:
    if "kinds" not in result:
        return [
            f"  {result['gold_claims']} gold claims ({result['claims_found']} found in clusters),"
            f" {result['gold_pairs']} gold pairs, {result['predicted_pairs']} predicted",
            f"  pairs        P {result['precision']:.3f}  R {result['recall']:.3f}"
            f"  F1 {result['f1']:.3f}",
        ]
    lines = [
        f"  {result['planted']} planted, {result['predicted']} predicted",
        f"  all kinds    P {result['precision']:.3f}  R {result['recall']:.3f}",
    ]
    return lines + [
        f"  {kind:12} P {s['precision']:.3f}  R {s['recall']:.3f}"
        f"  ({s['predicted']} predicted, {s['planted']} planted)"
        for kind, s in result["kinds"].items()
    ]
