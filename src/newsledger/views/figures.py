"""Drawings above some listings, computed on the server as inline SVG or HTML: the events
timeline, the actor network, the places map and the negotiation matrix. No script needed."""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Callable
from datetime import date
from itertools import combinations
from statistics import median_low
from typing import Any

from markupsafe import Markup, escape

from newsledger.store import Ledger
from newsledger.views.basemap import MapPoint, render_map
from newsledger.views.links import Links, row_link

Row = dict[str, Any]
Figure = Callable[[Ledger, list[Row], Links], Markup]
NETWORK_SIZE = 24
WINDOW_DAYS = 60  # the timeline shows this many days either side of the median event date
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def timeline(ledger: Ledger, rows: list[Row], links: Links) -> Markup:
    """Events per day as bars on a time axis; dates far from the bulk are counted aside."""
    days = Counter(_day(r.get("date")) for r in rows)
    days.pop(None, None)
    if not days:
        return Markup('<p class="note">No dated events to draw.</p>')
    middle = median_low([d.toordinal() for d in days.elements() if d])
    shown = {d: n for d, n in days.items() if d and abs(d.toordinal() - middle) <= WINDOW_DAYS}
    first, last = min(shown), max(shown)
    span = max((last - first).days, 1)
    top = max(shown.values())
    width, height, left = 800, 140, 30
    step = (width - left - 10) / (span + 1)
    bars = []
    for day, count in sorted(shown.items()):
        x = left + (day - first).days * step
        h = (height - 30) * count / top
        bars.append(
            f'<rect class="bar" x="{x:.1f}" y="{height - 20 - h:.1f}"'
            f' width="{max(step - 2, 2):.1f}" height="{h:.1f}">'
            f"<title>{day.isoformat()}: {count} event(s)</title></rect>"
        )
    labels = (
        f'<text x="{left}" y="{height - 4}">{first.isoformat()}</text>'
        f'<text x="{width - 10}" y="{height - 4}" text-anchor="end">{last.isoformat()}</text>'
        f'<text x="{left - 4}" y="14" text-anchor="end">{top}</text>'
    )
    aside = sum(days.values()) - sum(shown.values())
    note = f'<p class="note">{aside} dated event(s) outside this window.</p>' if aside else ""
    return Markup(
        f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="Events per day">'
        + "".join(bars)
        + labels
        + "</svg>"
        + note
    )


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def network(ledger: Ledger, rows: list[Row], links: Links) -> Markup:
    """The most named actors on a circle; a line where two share a sentence or an event."""
    nodes = [r for r in rows if r.get("id")][:NETWORK_SIZE]
    if len(nodes) < 2:
        return Markup('<p class="note">Too few resolved actors to draw a network.</p>')
    nodes.sort(key=lambda r: (str(r.get("country") or "~"), str(r["name"])))
    ids = [str(r["id"]) for r in nodes]
    weights = _ties(ledger, set(ids))
    size, radius = 640, 230
    centre = size / 2
    where = {
        node: (
            centre + radius * math.cos(2 * math.pi * i / len(ids) - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * i / len(ids) - math.pi / 2),
        )
        for i, node in enumerate(ids)
    }
    lines = [_edge(where[a], where[b], n) for (a, b), n in sorted(weights.items())]
    circles = [_node(r, where[str(r["id"])], centre, links) for r in nodes]
    return Markup(
        f'<svg class="network" viewBox="0 0 {size} {size}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="Actor network">'
        + "".join(lines)
        + "".join(circles)
        + "</svg>"
    )


def _ties(ledger: Ledger, actors: set[str]) -> dict[tuple[str, str], int]:
    """How often two actors share a sentence, plus how often one acts on the other."""
    weights: Counter[tuple[str, str]] = Counter()
    groups: dict[tuple[str, int], set[str]] = {}
    for r in ledger.db.execute(
        "SELECT article_id, sentence, actor_id FROM actor_mentions WHERE actor_id IS NOT NULL"
    ):
        if r["actor_id"] in actors:
            groups.setdefault((r["article_id"], r["sentence"]), set()).add(r["actor_id"])
    for members in groups.values():
        weights.update(combinations(sorted(members), 2))
    for r in ledger.db.execute(
        "SELECT a.actor_id AS a, b.actor_id AS b FROM event_participants a"
        " JOIN event_participants b ON a.event_id = b.event_id"
        " WHERE a.role = 'actor' AND b.role = 'recipient' AND a.actor_id != b.actor_id"
    ):
        if r["a"] in actors and r["b"] in actors:
            weights[(min(r["a"], r["b"]), max(r["a"], r["b"]))] += 1
    return dict(weights)


def _edge(a: tuple[float, float], b: tuple[float, float], weight: int) -> str:
    width = round(0.5 + 1.2 * math.log2(1 + weight), 1)
    return (
        f'<line class="tie" x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}"'
        f' stroke-width="{width}"><title>{weight}</title></line>'
    )


def _node(row: Row, at: tuple[float, float], centre: float, links: Links) -> str:
    x, y = at
    radius = round(4 + 2 * math.sqrt(int(row.get("mentions") or 1)), 1)
    colour = PALETTE[zlib.crc32(str(row.get("country")).encode()) % len(PALETTE)]
    anchor = "start" if x >= centre else "end"
    dx = radius + 3 if x >= centre else -radius - 3
    name = escape(row["name"])
    body = (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}">'
        f"<title>{name} ({escape(row.get('country') or '?')}), {row.get('mentions')} mentions"
        f"</title></circle>"
        f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{name}</text>'
    )
    href = row_link(links, row)
    return f'<a class="node" href="{escape(href)}">{body}</a>' if href else body


def places_map(ledger: Ledger, rows: list[Row], links: Links) -> Markup:
    points = [
        MapPoint(
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            label=str(r["name"]),
            weight=int(r.get("mentions") or 1),
            href=row_link(links, r),
            country=r.get("country"),
        )
        for r in rows
        if r.get("lat") is not None and r.get("lon") is not None
    ]
    return render_map(points)


def matrix(ledger: Ledger, rows: list[Row], links: Links) -> Markup:
    """Actors down, issues across, each cell the positions taken (each linked to its words)."""
    actor_key = next((k for k in ("actor_name", "actor", "actor_id") if rows and k in rows[0]), "")
    if not rows or not actor_key or "issue" not in rows[0]:
        return Markup('<p class="note">No positions to tabulate.</p>')
    issues = sorted({str(r["issue"]) for r in rows})
    cells: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        label = escape(" ".join(str(r[k]) for k in ("position", "option") if r.get(k)))
        href = row_link(links, r)
        item = f'<a href="{escape(href)}">{label}</a>' if href else str(label)
        cells.setdefault((str(r[actor_key]), str(r["issue"])), []).append(item)
    actors = sorted({a for a, _ in cells})
    head = "".join(f"<th>{escape(i)}</th>" for i in issues)
    body = "".join(
        f"<tr><th>{escape(a)}</th>"
        + "".join(f"<td>{'<br>'.join(cells.get((a, i), []))}</td>" for i in issues)
        + "</tr>"
        for a in actors
    )
    return Markup(f'<table class="matrix"><tr><th></th>{head}</tr>{body}</table>')


FIGURES: dict[str, Figure] = {
    "timeline": timeline,
    "network": network,
    "map": places_map,
    "matrix": matrix,
}
