"""An article's text as HTML with every layer's spans highlighted and every sentence anchored.

The text is untrusted: it is escaped piece by piece, and the only markup added is ours. A layer
item takes part when it has a character span: its own ``start``/``end``, or the spans under
``content``, ``source``, ``trigger``, ``span`` or ``evidence``; so new layers (claims,
findings, stances) highlight without code here beyond one entry in ``MARKS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

Item = dict[str, Any]
Span = tuple[int, int]


@dataclass(frozen=True)
class Mark:
    """How one layer is highlighted: the key in the article JSON, a CSS name and a label."""

    layer: str
    css: str
    label: str
    spans: Callable[[Item, str], list[Span]]
    describe: Callable[[Item], str]


def spans_of(item: Any, article_id: str = "") -> list[Span]:
    """Every span an item carries, searched through the usual keys."""
    if isinstance(item, list):
        return [s for part in item for s in spans_of(part, article_id)]
    if not isinstance(item, dict):
        return []
    if item.get("article_id") not in (None, article_id) and article_id:
        return []
    if isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
        return [(item["start"], item["end"])]
    found: list[Span] = []
    for key in ("content", "trigger", "span", "evidence", "spans"):
        found.extend(spans_of(item.get(key), article_id))
    return found


def _key(name: str) -> Callable[[Item, str], list[Span]]:
    return lambda item, aid: spans_of(item.get(name), aid)


def _quote_spans(item: Item, aid: str) -> list[Span]:
    parts = item.get("content", {}).get("parts") or []
    return [(int(a), int(b)) for a, b in parts] or spans_of(item.get("content"), aid)


def _text(*keys: str) -> Callable[[Item], str]:
    def describe(item: Item) -> str:
        values = [str(item[k]) for k in keys if item.get(k) not in (None, "")]
        return " · ".join(dict.fromkeys(values))

    return describe


def _source(item: Item) -> str:
    source = item.get("source") or {}
    return f"said by {source.get('text') or 'an implicit source'} ({item.get('kind')})"


MARKS: tuple[Mark, ...] = (
    Mark("actors", "actor", "actors", spans_of, _text("name", "role", "country")),
    Mark("places", "place", "places", spans_of, _text("name", "kind", "country")),
    Mark("times", "time", "times", spans_of, _text("value", "granularity")),
    Mark("attributions", "quote", "quotes", _quote_spans, _source),
    Mark("attributions", "source", "sources", _key("source"), _text("source_type")),
    Mark("events", "event", "events", _key("trigger"), _text("type", "date")),
    Mark("claims", "claim", "claims", spans_of, _text("kind", "text", "hedge")),
    Mark("findings", "finding", "findings", _key("evidence"), _text("kind", "message")),
    Mark("stances", "stance", "positions", spans_of, _text("issue", "position", "option")),
)


@dataclass(frozen=True)
class Placed:
    start: int
    end: int
    css: str
    title: str


def placed_marks(report: dict[str, Any]) -> list[Placed]:
    """Every highlight of an article report (the ``show_article`` JSON), in text order."""
    aid = report["article"]["id"]
    size = len(report["article"]["text"])
    placed = []
    for mark in MARKS:
        for item in report.get(mark.layer) or []:
            if not isinstance(item, dict):
                continue
            title = f"{mark.css}: {mark.describe(item)}".rstrip(": ")
            for start, end in mark.spans(item, aid):
                if 0 <= start < end <= size:
                    placed.append(Placed(start, end, mark.css, title))
    return sorted(placed, key=lambda p: (p.start, -p.end))


def legend(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Per highlight kind: its CSS name, label and how many the article has."""
    counts: dict[str, int] = {}
    for placed in placed_marks(report):
        counts[placed.css] = counts.get(placed.css, 0) + 1
    return [{"css": m.css, "label": m.label, "count": counts.get(m.css, 0)} for m in MARKS]


def highlighted(report: dict[str, Any], anchor: Callable[[int], str]) -> Markup:
    """The article text as HTML: sentences as anchored spans, highlights as ``<mark>``."""
    text: str = report["article"]["text"]
    sentences = [(s["start"], s["end"], s["index"]) for s in report.get("sentences") or []]
    marks = placed_marks(report)
    cuts = {0, len(text)}
    for start, end, _ in sentences:
        cuts.update((start, end))
    for placed in marks:
        cuts.update((placed.start, placed.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[str] = []
    current: int | None = None
    for a, b in pairwise(points):
        index = next((i for s, e, i in sentences if s <= a < e), None)
        if index != current:
            out.append("</span>" if current is not None else "")
            if index is not None:
                out.append(f'<span class="sent" id="{escape(anchor(index))}">')
            current = index
        out.append(_segment(text[a:b], [m for m in marks if m.start <= a and m.end >= b]))
    if current is not None:
        out.append("</span>")
    return Markup("".join(out))


def _segment(piece: str, active: list[Placed]) -> str:
    if not active:
        return str(escape(piece))
    classes = " ".join(dict.fromkeys(f"hl-{m.css}" for m in active))
    title = "\n".join(dict.fromkeys(m.title for m in active))
    return f'<mark class="hl {classes}" title="{escape(title)}">{escape(piece)}</mark>'
