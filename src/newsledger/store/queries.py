"""Ledger-wide queries over the attribution and event layers (the per-article reads are on
:class:`~newsledger.store.sqlite.Ledger`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from newsledger.store.layers import event_view
from newsledger.store.select import Filters, like, pick

Row = dict[str, Any]
EVENTS_SELECT = (
    "SELECT e.*, a.outlet, a.url, a.published AS article_published FROM events e"
    " JOIN articles a ON a.id = e.article_id"
)


def quotes(
    db: sqlite3.Connection,
    *,
    article: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    anonymous: bool | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Attributions across the ledger, with the source's canonical name where known."""
    filters = Filters()
    if article:
        filters.add("q.article_id = ?", article)
    if source:
        filters.add(
            "(q.source_actor_id = ? OR q.source_text LIKE ? ESCAPE '\\'"
            " OR ac.name LIKE ? ESCAPE '\\')",
            source, like(source), like(source),
        )  # fmt: skip
    if kind:
        filters.add("q.kind = ?", kind)
    if anonymous is not None:
        filters.add("q.anonymous = ?", int(anonymous))
    if text:
        filters.add("q.content_text LIKE ? ESCAPE '\\'", like(text))
    return filters.rows(
        db,
        "SELECT q.article_id, a.outlet, a.published, q.kind, q.source_text AS source,"
        " q.source_actor_id, ac.name AS source_name, q.source_type, q.anonymous, q.count,"
        " q.cue_text AS cue, q.content_text AS content, q.certainty, q.sentence,"
        " q.content_start, q.content_end FROM attributions q"
        " JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN actors ac ON ac.id = q.source_actor_id",
        " ORDER BY a.published, q.article_id, q.cue_start",
        limit,
    )


def sources(db: sqlite3.Connection, *, limit: int | None = None) -> list[Row]:
    """Who is cited how often: one row per source actor (or source wording when unknown)."""
    source = "coalesce(ac.name, q.source_text, '(implicit)')"
    sql = (
        f"SELECT {pick(db, 'q.source_actor_id')} AS id,"
        f" {pick(db, source)} AS source,"
        f" {pick(db, 'q.source_type')} AS source_type,"
        " max(q.anonymous) AS anonymous, count(*) AS attributions,"
        " count(DISTINCT q.article_id) AS articles, count(DISTINCT a.outlet) AS outlets,"
        " sum(q.kind = 'direct') AS direct, sum(q.kind = 'mixed') AS mixed,"
        " sum(q.kind = 'reported') AS reported FROM attributions q"
        " JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN actors ac ON ac.id = q.source_actor_id"
        " GROUP BY coalesce(q.source_actor_id, lower(coalesce(q.source_text, '')))"
        " ORDER BY attributions DESC, source"
    )
    return Filters().rows(db, sql, "", limit)


def outlet_sourcing(db: sqlite3.Connection) -> list[Row]:
    """Per outlet: attributions, how many rest on anonymous sources, and the share."""
    sql = (
        "SELECT coalesce(a.outlet, '?') AS outlet, count(*) AS attributions,"
        " sum(q.anonymous) AS anonymous, sum(1 - q.anonymous) AS named,"
        " round(1.0 * sum(q.anonymous) / count(*), 3) AS anonymous_share,"
        " count(DISTINCT q.article_id) AS articles FROM attributions q"
        " JOIN articles a ON a.id = q.article_id GROUP BY a.outlet"
        " ORDER BY anonymous_share DESC, outlet"
    )
    return [dict(r) for r in db.execute(sql)]


EVENTS_ORDER = "e.date, e.article_id, e.trigger_start"

# The events one of whose parties is an actor: its id, or words of its text or canonical name.
EVENTS_WITH_ACTOR = (
    "SELECT p.event_id FROM event_participants p LEFT JOIN actors ac ON ac.id = p.actor_id"
    " WHERE p.actor_id = ? OR p.text LIKE ? ESCAPE '\\' OR ac.name LIKE ? ESCAPE '\\'"
)


def actor_params(actor: str) -> tuple[str, str, str]:
    """The parameters of ``EVENTS_WITH_ACTOR``."""
    return actor, like(actor), like(actor)


def events(
    db: sqlite3.Connection,
    *,
    actor: str | None = None,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Events across the ledger in date order, each with its article's outlet and URL."""
    filters = Filters()
    if actor:
        filters.add(f"e.id IN ({EVENTS_WITH_ACTOR})", *actor_params(actor))
    if type_:
        filters.add("e.type = ? COLLATE NOCASE", type_)
    if since:
        filters.add("e.date >= ?", since)
    if until:
        filters.add("substr(e.date, 1, 10) <= ?", until)
    if place:
        filters.add("e.place_text LIKE ? ESCAPE '\\'", like(place))
    sql, params = filters.sql(EVENTS_SELECT, f" ORDER BY {EVENTS_ORDER}", limit)
    return [_event_row(db, r) for r in db.execute(sql, params).fetchall()]


def iter_events(db: sqlite3.Connection) -> Iterator[Row]:
    """Every event, one at a time (exports stream)."""
    cursor = db.execute(f"{EVENTS_SELECT} ORDER BY {EVENTS_ORDER}")
    for row in cursor:
        yield _event_row(db, row)


def _event_row(db: sqlite3.Connection, row: sqlite3.Row) -> Row:
    participants = db.execute(
        "SELECT * FROM event_participants WHERE event_id = ? ORDER BY rowid", (row["id"],)
    ).fetchall()
    view = event_view(row, participants)
    view.update(
        {
            "id": row["id"],
            "article_id": row["article_id"],
            "outlet": row["outlet"],
            "url": row["url"],
            "article_published": row["article_published"],
        }
    )
    return view
