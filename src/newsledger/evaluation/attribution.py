"""Accuracy of attribution extraction against PolNeAR (``newsledger eval attribution``).

PolNeAR (networkdynamics/PolNeAR) is brat standoff: a split directory holds ``text/NAME.txt``
and ``attributions/NAME_ANNOTATOR.ann``, with ``Source``, ``Cue`` and ``Content`` spans
(character offsets, ``;`` between the pieces of a discontinuous span, a second content as
``Content2``) tied together by ``Attribution`` events. A few articles were annotated by several
annotators: the first annotation file in name order is the gold one, so each article counts
once. The publication date is read from the file name.

Scoring. Each prediction is aligned with at most one gold attribution: pairs whose cues or
contents overlap, best first (overlapping cues, then the larger content overlap). For each
role (source, cue, content) a true positive is an aligned pair whose spans of that role match;
precision divides by the predictions having that role, recall by the gold attributions having
it. Spans *overlap* when they share a letter or digit; they match *exactly* when they cover the
same letters and digits (annotators differ on edge punctuation and spaces, which are not
counted). PolNeAR gives each word at most one attribution, so a prediction whose cue lies
inside another prediction's content ("he said she wants ...") is nested and not scored; the
extractor keeps it, as a link of a chain.

Kinds come from quote marks, as PolNeAR records none: the share of the content's letters inside
the article's quotes (paired as the extractor pairs them) makes it ``direct`` (all), ``mixed``
(some) or ``reported`` (none). Recall by kind counts gold attributions of that kind, precision
the predictions of that kind.

Certainty is not scored here, so the extractor runs without it.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.attribution.quotes import Quote, find_quotes, kind_of
from newsledger.errors import NewsledgerError

ROLES = ("source", "cue", "content")
KINDS = ("direct", "mixed", "reported")
MATCHES = ("overlap", "exact")
Pieces = tuple[tuple[int, int], ...]
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}\.ann$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution: the character pieces of each role (None when absent)."""

    source: Pieces | None
    cue: Pieces | None
    content: Pieces | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """A PolNeAR article with its gold attributions."""

    name: str
    text: str
    published: date | None
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True, slots=True)
class _Item:
    """An attribution of either side as sets of letter positions, for scoring."""

    roles: dict[str, frozenset[int]]
    kind: str | None


def load_gold(split_dir: Path, limit: int | None = None) -> list[GoldArticle]:
    """The articles of a PolNeAR split directory (``text/`` and ``attributions/``)."""
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise NewsledgerError(
            f"{split_dir} is not a PolNeAR split directory",
            hint="give the folder holding text/ and attributions/, e.g. polnear/data/dev",
        )
    chosen: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        chosen.setdefault(_ANNOTATOR.sub("", path.name), path)
    names = sorted(chosen)[:limit] if limit is not None else sorted(chosen)
    return [_article(name, text_dir / f"{name}.txt", chosen[name]) for name in names]


def _article(name: str, text_path: Path, ann_path: Path) -> GoldArticle:
    try:
        text = text_path.read_text(encoding="utf-8")
        lines = ann_path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise NewsledgerError(f"cannot read PolNeAR article {name} ({error})") from error
    found = _DATE.search(name)
    published = date.fromisoformat(found.group(1)) if found else None
    return GoldArticle(name, text, published, tuple(_attributions(lines)))


def _attributions(lines: list[str]) -> list[GoldAttribution]:
    spans: dict[str, Pieces] = {}
    events: list[dict[str, str]] = []
    for line in lines:
        fields = line.split("\t")
        if len(fields) < 2:
            continue  # the rest of a span text that holds a line break
        if fields[0].startswith("T") and " " in fields[1]:
            ranges = fields[1].partition(" ")[2]
            spans[fields[0]] = tuple(
                (int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))
            )
        elif fields[0].startswith("E"):
            events.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    return [
        GoldAttribution(
            spans.get(event.get("Source", "")),
            spans.get(event.get("Cue", "")),
            _content(spans, event),
        )
        for event in events
    ]


def _content(spans: dict[str, Pieces], event: dict[str, str]) -> Pieces | None:
    """The content, with any second content span (``Content2``) joined to it."""
    pieces = [p for key in ("Content", "Content2") for p in spans.get(event.get(key, ""), ())]
    return tuple(sorted(pieces)) or None


def evaluate(dev_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Run the real pipeline over a PolNeAR split and score sources, cues and contents.

    ``dev_dir`` is the split directory (``.../polnear/data/dev``); ``limit`` takes its first
    articles only. The result holds the scores by kind, role and match, error counts and the
    time taken (parsing included, and the extraction alone).
    """
    from newsledger.attribution import extract_attributions
    from newsledger.nlp.model import load_model
    from newsledger.resolve.actors import link_actors

    articles = load_gold(dev_dir, limit)
    nlp = load_model()
    counts = _Counts()
    began = time.perf_counter()
    extracting = 0.0
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        started = time.perf_counter()
        actors = link_actors(doc, article.published)
        predicted = extract_attributions(doc, actors, rate_certainty=False)
        extracting += time.perf_counter() - started
        quotes = find_quotes(article.text)
        gold = [_gold_item(article.text, g, quotes) for g in article.attributions]
        counts.add(gold, predicted_items(article.text, predicted))
    return counts.result(dev_dir, len(articles), time.perf_counter() - began, extracting)


def _letters(text: str, pieces: Pieces | None) -> frozenset[int]:
    if not pieces:
        return frozenset()
    return frozenset(i for start, end in pieces for i in range(start, end) if text[i].isalnum())


def _gold_item(text: str, gold: GoldAttribution, quotes: list[Quote]) -> _Item:
    roles = {
        "source": _letters(text, gold.source),
        "cue": _letters(text, gold.cue),
        "content": _letters(text, gold.content),
    }
    kind = kind_of(text, list(gold.content), quotes) if gold.content else None
    return _Item(roles, kind)


def predicted_items(text: str, predicted: list[Any]) -> list[_Item]:
    """The scored predictions: ``Attribution`` records as letter sets, nested ones left out."""
    items = []
    for attribution in predicted:
        source = attribution.source.pieces() if attribution.source else None
        roles = {
            "source": _letters(text, source),
            "cue": _letters(text, attribution.cue.pieces()),
            "content": _letters(text, attribution.content.pieces()),
        }
        items.append(_Item(roles, attribution.kind))
    return [item for item in items if not _nested(item, items)]


def _nested(item: _Item, items: list[_Item]) -> bool:
    cue = item.roles["cue"]
    return bool(cue) and any(o is not item and cue <= o.roles["content"] for o in items)


def _align(gold: list[_Item], predicted: list[_Item]) -> list[tuple[_Item, _Item]]:
    candidates = []
    for g_index, g in enumerate(gold):
        for p_index, p in enumerate(predicted):
            cue = len(g.roles["cue"] & p.roles["cue"])
            content = len(g.roles["content"] & p.roles["content"])
            if cue or content:
                candidates.append(((cue > 0, content, cue), g_index, p_index))
    pairs: list[tuple[_Item, _Item]] = []
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, g_index, p_index in sorted(candidates, key=lambda c: c[0], reverse=True):
        if g_index not in used_gold and p_index not in used_predicted:
            used_gold.add(g_index)
            used_predicted.add(p_index)
            pairs.append((gold[g_index], predicted[p_index]))
    return pairs


class _Counts:
    """True positives and totals for every side, kind, role and match."""

    def __init__(self) -> None:
        self.tp: Counter[tuple[str, str, str, str]] = Counter()  # side, kind, role, match
        self.totals: Counter[tuple[str, str, str]] = Counter()  # side, kind, role
        self.items: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()

    def add(self, gold: list[_Item], predicted: list[_Item]) -> None:
        self.items["gold"] += len(gold)
        self.items["predicted"] += len(predicted)
        for side, items in (("gold", gold), ("predicted", predicted)):
            for item in items:
                for role in ROLES:
                    if item.roles[role]:
                        self.totals[side, "all", role] += 1
                        self.totals[side, item.kind or "none", role] += 1
        pairs = _align(gold, predicted)
        self.items["aligned"] += len(pairs)
        self.errors["missed"] += len(gold) - len(pairs)
        self.errors["spurious"] += len(predicted) - len(pairs)
        for g, p in pairs:
            self._score_pair(g, p)

    def _score_pair(self, g: _Item, p: _Item) -> None:
        for role in ROLES:
            a, b = g.roles[role], p.roles[role]
            if not a or not b:
                if a or b:
                    self.errors[f"{role} only in gold" if a else f"{role} only predicted"] += 1
                continue
            for match, hit in (("overlap", bool(a & b)), ("exact", a == b)):
                if hit:
                    for side, kind in (("gold", g.kind), ("predicted", p.kind)):
                        self.tp[side, "all", role, match] += 1
                        self.tp[side, kind or "none", role, match] += 1
            if not a & b:
                self.errors[f"{role} elsewhere"] += 1

    def result(
        self, path: Path, articles: int, seconds: float, extracting: float
    ) -> dict[str, Any]:
        scores = {
            kind: {
                role: {match: self._prf(kind, role, match) for match in MATCHES} for role in ROLES
            }
            for kind in ("all", *KINDS)
        }
        return {
            "gold": str(path),
            "articles": articles,
            "gold_attributions": self.items["gold"],
            "predicted_attributions": self.items["predicted"],
            "aligned": self.items["aligned"],
            "scores": scores,
            "errors": dict(self.errors.most_common()),
            "seconds": round(seconds, 2),
            "extraction_seconds": round(extracting, 2),
        }

    def _prf(self, kind: str, role: str, match: str) -> dict[str, Any]:
        predicted = self.totals["predicted", kind, role]
        gold = self.totals["gold", kind, role]
        precision = self.tp["predicted", kind, role, match] / predicted if predicted else 0.0
        recall = self.tp["gold", kind, role, match] / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "predicted": predicted,
            "gold": gold,
        }


def format_report(result: dict[str, Any]) -> str:
    """The scores as a plain-text table: a row per kind and role, overlap and exact match."""
    lines = [
        f"PolNeAR attribution: {result['articles']} articles, "
        f"{result['gold_attributions']} gold, {result['predicted_attributions']} predicted "
        f"({result['aligned']} aligned), {result['seconds']} s "
        f"({result['extraction_seconds']} s linking actors and extracting)",
        "",
        f"{'kind':<9} {'role':<8} {'gold':>6} {'pred':>6}   "
        f"{'P':>6} {'R':>6} {'F1':>6}   {'P':>6} {'R':>6} {'F1':>6}",
        f"{'':<9} {'':<8} {'':>6} {'':>6}   {'overlap':^20}   {'exact':^20}",
    ]
    for kind, roles in result["scores"].items():
        for role, matches in roles.items():
            overlap, exact = matches["overlap"], matches["exact"]
            lines.append(
                f"{kind:<9} {role:<8} {overlap['gold']:>6} {overlap['predicted']:>6}   "
                f"{overlap['precision']:>6.3f} {overlap['recall']:>6.3f} {overlap['f1']:>6.3f}   "
                f"{exact['precision']:>6.3f} {exact['recall']:>6.3f} {exact['f1']:>6.3f}"
            )
    errors = ", ".join(f"{kind}: {count}" for kind, count in result["errors"].items())
    return "\n".join([*lines, "", f"errors: {errors}"])
