"""Every stored event as a report, streamed in the order the event clusters are swept.

The clusters step compares a report only with reports whose date window is still open, so it
needs the reports sorted by the first day each may lie on. That day depends on the event's
normalised date (a day, a night, a week, a month) and on its article's publication, which SQL
cannot compute portably; so a first pass writes (event, first day, last day) into a temporary
table, and a second pass reads the events back in that order, a batch at a time, with their
parties, outlets and originals looked up per batch. Memory holds one batch; the sort is the
database's (on disk past its cache).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from newsledger.events.clusters import Report, window
from newsledger.events.model import Participant
from newsledger.store import Ledger
from newsledger.store.event_clusters import _event

BATCH = 500
DAYS_TABLE = "event_days"


def iter_reports(ledger: Ledger, window_days: int, batch: int = BATCH) -> Iterator[Report]:
    """Every stored event as a report, ordered by ``clusters.sort_key`` (undated last)."""
    db = ledger.db
    _write_days(db, window_days, batch)
    copies = ledger.has_table("article_copies")
    cursor = db.execute(
        f"SELECT e.*, a.published FROM {DAYS_TABLE} d JOIN events e ON e.id = d.event_id"
        " JOIN articles a ON a.id = e.article_id"
        " ORDER BY d.undated, d.first_day, d.last_day, e.id"
    )
    while rows := cursor.fetchmany(batch):
        yield from _reports(db, rows, copies)
    db.execute(f"DELETE FROM {DAYS_TABLE}")


def _write_days(db: sqlite3.Connection, window_days: int, batch: int) -> None:
    """The temporary table of each event's window, filled one batch at a time."""
    db.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {DAYS_TABLE} (event_id INTEGER NOT NULL,"
        " undated INTEGER NOT NULL, first_day INTEGER, last_day INTEGER)"
    )
    db.execute(f"DELETE FROM {DAYS_TABLE}")
    cursor = db.execute(
        "SELECT e.id, e.date, e.date_source, a.published FROM events e"
        " JOIN articles a ON a.id = e.article_id"
    )
    while rows := cursor.fetchmany(batch * 10):
        days = []
        for event_id, day, source, published in rows:
            when = window(day, source, published, window_days)
            days.append((event_id, 0, *when) if when else (event_id, 1, None, None))
        db.executemany(f"INSERT INTO {DAYS_TABLE} VALUES (?, ?, ?, ?)", days)
    db.execute(
        f"CREATE INDEX IF NOT EXISTS {DAYS_TABLE}_order"
        f" ON {DAYS_TABLE} (undated, first_day, last_day, event_id)"
    )


def _reports(db: sqlite3.Connection, rows: Sequence[Any], copies: bool) -> Iterator[Report]:
    events = [int(row["id"]) for row in rows]
    articles = sorted({str(row["article_id"]) for row in rows})
    parties = _participants(db, events)
    outlets = _outlets(db, articles)
    originals = _originals(db, articles) if copies else {}
    for row in rows:
        article = str(row["article_id"])
        yield Report(
            event_id=int(row["id"]),
            article_id=article,
            event=_event(row, parties.get(int(row["id"]), {})),
            published=row["published"],
            outlets=outlets.get(article, ()),
            voice=originals.get(article, article),
        )


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def _participants(
    db: sqlite3.Connection, events: Sequence[int]
) -> dict[int, dict[str, list[Participant]]]:
    found: dict[int, dict[str, list[Participant]]] = defaultdict(lambda: defaultdict(list))
    for p in db.execute(
        f"SELECT * FROM event_participants WHERE event_id IN ({_marks(events)}) ORDER BY rowid",
        events,
    ):
        found[p["event_id"]][p["role"]].append(
            Participant(p["text"], p["start"], p["end"], p["actor_id"], p["country"], p["sector"])
        )
    return found


def _outlets(db: sqlite3.Connection, articles: Sequence[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = defaultdict(set)
    marks = _marks(articles)
    for article_id, outlet in db.execute(
        f"SELECT id, outlet FROM articles WHERE id IN ({marks})"
        f" UNION SELECT article_id, outlet FROM sightings WHERE article_id IN ({marks})",
        [*articles, *articles],
    ):
        if outlet:
            found[article_id].add(outlet)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _originals(db: sqlite3.Connection, articles: Sequence[str]) -> dict[str, str]:
    """Article id -> the original it copies (the copies step's ``article_copies``)."""
    rows = db.execute(
        f"SELECT article_id, original_id FROM article_copies WHERE article_id IN"
        f" ({_marks(articles)})",
        articles,
    )
    return {str(r[0]): str(r[1]) for r in rows}
