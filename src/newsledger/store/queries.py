"""Ledger-wide queries over the attribution and event layers (the per-article reads are on
:class:`~newsledger.store.sqlite.Ledger`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from newsledger.store.layers import event_view

Row = dict[str, Any]


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
    sql = (
        "SELECT q.article_id, a.outlet, a.published, q.kind, q.source_text AS source,"
        " q.source_actor_id, ac.name AS source_name, q.source_type, q.anonymous, q.count,"
        " q.cue_text AS cue, q.content_text AS content, q.certainty, q.sentence,"
        " q.content_start, q.content_end FROM attributions q"
        " JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN actors ac ON ac.id = q.source_actor_id"
    )
    where: list[str] = []
    params: list[Any] = []
    if article:
        where.append("q.article_id = ?")
        params.append(article)
    if source:
        where.append("(q.source_actor_id = ? OR q.source_text LIKE ? OR ac.name LIKE ?)")
        params += [source, f"%{source}%", f"%{source}%"]
    if kind:
        where.append("q.kind = ?")
        params.append(kind)
    if anonymous is not None:
        where.append("q.anonymous = ?")
        params.append(int(anonymous))
    if text:
        where.append("q.content_text LIKE ?")
        params.append(f"%{text}%")
    return _run(db, sql, where, params, " ORDER BY a.published, q.article_id, q.cue_start", limit)


def sources(db: sqlite3.Connection, *, limit: int | None = None) -> list[Row]:
    """Who is cited how often: one row per source actor (or source wording when unknown)."""
    sql = (
        "SELECT q.source_actor_id AS id,"
        " coalesce(ac.name, q.source_text, '(implicit)') AS source, q.source_type,"
        " max(q.anonymous) AS anonymous, count(*) AS attributions,"
        " count(DISTINCT q.article_id) AS articles, count(DISTINCT a.outlet) AS outlets,"
        " sum(q.kind = 'direct') AS direct, sum(q.kind = 'mixed') AS mixed,"
        " sum(q.kind = 'reported') AS reported FROM attributions q"
        " JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN actors ac ON ac.id = q.source_actor_id"
        " GROUP BY coalesce(q.source_actor_id, lower(coalesce(q.source_text, '')))"
        " ORDER BY attributions DESC, source"
    )
    return _run(db, sql, [], [], "", limit)


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
    """Events across the ledger, newest last, each with its article's outlet and URL."""
    sql = (
        "SELECT e.*, a.outlet, a.url, a.published AS article_published FROM events e"
        " JOIN articles a ON a.id = e.article_id"
    )
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append(
            "e.id IN (SELECT p.event_id FROM event_participants p"
            " LEFT JOIN actors ac ON ac.id = p.actor_id"
            " WHERE p.actor_id = ? OR p.text LIKE ? OR ac.name LIKE ?)"
        )
        params += [actor, f"%{actor}%", f"%{actor}%"]
    if type_:
        where.append("e.type = ? COLLATE NOCASE")
        params.append(type_)
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("substr(e.date, 1, 10) <= ?")
        params.append(until)
    if place:
        where.append("e.place_text LIKE ?")
        params.append(f"%{place}%")
    rows = db.execute(
        *_sql(sql, where, params, " ORDER BY e.date, e.article_id, e.trigger_start", limit)
    ).fetchall()
    return [_event_row(db, r) for r in rows]


def iter_events(db: sqlite3.Connection) -> Iterator[Row]:
    """Every event, one at a time (exports stream)."""
    cursor = db.execute(
        "SELECT e.*, a.outlet, a.url, a.published AS article_published"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        " ORDER BY e.date, e.article_id, e.trigger_start"
    )
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


def _sql(
    sql: str, where: list[str], params: list[Any], order: str, limit: int | None
) -> tuple[str, list[Any]]:
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += order
    if limit:
        sql += " LIMIT ?"
        params = [*params, limit]
    return sql, params


def _run(
    db: sqlite3.Connection,
    sql: str,
    where: list[str],
    params: list[Any],
    order: str,
    limit: int | None,
) -> list[Row]:
    return [dict(r) for r in db.execute(*_sql(sql, where, params, order, limit))]
