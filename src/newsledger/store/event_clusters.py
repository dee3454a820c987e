"""Rows of the event clusters: reading every stored event as a report, writing the clusters,
and the ledger-wide queries over them."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from newsledger.crosscheck.copies import voices
from newsledger.events.clusters import Cluster, Report
from newsledger.events.model import Event, Participant, TextSpan
from newsledger.store.queries import EVENTS_WITH_ACTOR, actor_params
from newsledger.store.select import Filters, like

Row = dict[str, Any]


def load_reports(db: sqlite3.Connection) -> list[Report]:
    """Every stored event as a report, with its article's outlets and original."""
    parties = _participants(db)
    outlets = _outlets(db)
    originals = voices(db)
    rows = db.execute(
        "SELECT e.*, a.published FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.id"
    )
    return [
        Report(
            event_id=row["id"],
            article_id=row["article_id"],
            event=_event(row, parties.get(row["id"], {})),
            published=row["published"],
            outlets=outlets.get(row["article_id"], ()),
            voice=originals.get(row["article_id"], row["article_id"]),
        )
        for row in rows
    ]


def _participants(db: sqlite3.Connection) -> dict[int, dict[str, list[Participant]]]:
    found: dict[int, dict[str, list[Participant]]] = defaultdict(lambda: defaultdict(list))
    for p in db.execute("SELECT * FROM event_participants ORDER BY rowid"):
        found[p["event_id"]][p["role"]].append(
            Participant(p["text"], p["start"], p["end"], p["actor_id"], p["country"], p["sector"])
        )
    return found


def _outlets(db: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in db.execute(
        "SELECT a.id, a.outlet FROM articles a UNION SELECT article_id, outlet FROM sightings"
    ):
        if row[1]:
            found[row[0]].add(row[1])
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _event(row: sqlite3.Row, parties: dict[str, list[Participant]]) -> Event:
    place = None
    if row["place_text"] is not None:
        place = TextSpan(row["place_text"], row["place_start"], row["place_end"])
    return Event(
        type=row["type"],
        trigger=TextSpan(row["trigger_text"], row["trigger_start"], row["trigger_end"]),
        sentence=row["sentence"] if row["sentence"] is not None else -1,
        mode=row["mode"],
        contexts=tuple(json.loads(row["contexts"])),
        actors=tuple(parties.get("actor", ())),
        recipients=tuple(parties.get("recipient", ())),
        place=place,
        date=row["date"],
        date_source=row["date_source"],
        negated=bool(row["negated"]),
        hypothetical=bool(row["hypothetical"]),
        future=bool(row["future"]),
        historical=bool(row["historical"]),
        cameo_root=row["cameo_root"],
        confidence=row["confidence"],
    )


def replace_clusters(db: sqlite3.Connection, clusters: Sequence[Cluster]) -> None:
    """Drop the stored clusters and write these (the caller holds the transaction)."""
    db.execute("DELETE FROM event_cluster_reports")
    db.execute("DELETE FROM event_clusters")
    insert_clusters(db, clusters)


def insert_clusters(db: sqlite3.Connection, clusters: Sequence[Cluster]) -> None:
    """Write these clusters and their reports (the caller holds the transaction)."""
    db.executemany(
        "INSERT INTO event_clusters (id, type, status, mode, first_date, last_date, place,"
        " actors, recipients, reports, articles, outlets, voices, first_event_id,"
        " first_article_id, first_published, confidence)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [_cluster_row(c) for c in clusters],
    )
    db.executemany(
        "INSERT INTO event_cluster_reports (event_id, cluster_id, article_id) VALUES (?,?,?)",
        [(r.event_id, c.id, r.article_id) for c in clusters for r in c.reports],
    )


def _cluster_row(cluster: Cluster) -> tuple[Any, ...]:
    first = cluster.first
    return (
        cluster.id, cluster.type, cluster.status, cluster.mode, cluster.first_date,
        cluster.last_date, cluster.place,
        json.dumps([_party(p) for p in cluster.actors], ensure_ascii=False),
        json.dumps([_party(p) for p in cluster.recipients], ensure_ascii=False),
        len(cluster.reports), len(cluster.articles), len(cluster.outlets), cluster.voices,
        first.event_id, first.article_id, first.published, cluster.confidence,
    )  # fmt: skip


def _party(p: Participant) -> dict[str, Any]:
    return {"text": p.text, "actor_id": p.actor_id, "country": p.country, "sector": p.sector}


# -- queries -----------------------------------------------------------------------------------

CLUSTERS_SELECT = (
    "SELECT c.*, a.outlet AS first_outlet, a.title AS first_title FROM event_clusters c"
    " LEFT JOIN articles a ON a.id = c.first_article_id"
)

CLUSTERS_ORDER = "coalesce(c.first_date, c.first_published), c.type, c.id"


def clusters(
    db: sqlite3.Connection,
    *,
    actor: str | None = None,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Clusters across the ledger in date order, filtered as ``newsledger events`` is."""
    filters = Filters()
    if actor:
        filters.add(
            "c.id IN (SELECT r.cluster_id FROM event_cluster_reports r"
            f" WHERE r.event_id IN ({EVENTS_WITH_ACTOR}))",
            *actor_params(actor),
        )
    if type_:
        filters.add("c.type = ? COLLATE NOCASE", type_)
    if since:
        filters.add("coalesce(c.last_date, c.first_published) >= ?", since)
    if until:
        filters.add("substr(coalesce(c.first_date, c.first_published), 1, 10) <= ?", until)
    if place:
        filters.add(
            "c.id IN (SELECT r.cluster_id FROM event_cluster_reports r"
            " JOIN events e ON e.id = r.event_id WHERE e.place_text LIKE ? ESCAPE '\\')",
            like(place),
        )
    sql, params = filters.sql(
        CLUSTERS_SELECT,
        f" ORDER BY {CLUSTERS_ORDER}",
        limit,
    )
    return [cluster_view(db, r) for r in db.execute(sql, params).fetchall()]


def iter_clusters(db: sqlite3.Connection) -> Iterator[Row]:
    """Every cluster, one at a time (exports stream)."""
    cursor = db.execute(f"{CLUSTERS_SELECT} ORDER BY {CLUSTERS_ORDER}")
    for row in cursor:
        yield cluster_view(db, row)


def cluster_view(db: sqlite3.Connection, row: sqlite3.Row) -> Row:
    """A stored cluster with its parties as lists and its reports' provenance."""
    view = dict(row)
    view["actors"] = json.loads(row["actors"])
    view["recipients"] = json.loads(row["recipients"])
    view["report_list"] = [
        dict(r)
        for r in db.execute(
            "SELECT r.event_id, r.article_id, a.outlet, a.published, e.sentence,"
            " e.trigger_text, e.trigger_start, e.trigger_end, e.date FROM event_cluster_reports r"
            " JOIN events e ON e.id = r.event_id JOIN articles a ON a.id = r.article_id"
            " WHERE r.cluster_id = ? ORDER BY a.published, r.article_id, e.trigger_start",
            (row["id"],),
        )
    ]
    return view


def event_clusters(db: sqlite3.Connection) -> dict[int, tuple[str, int]]:
    """Event id -> (cluster id, independent reports of its cluster)."""
    rows = db.execute(
        "SELECT r.event_id, c.id, c.voices FROM event_cluster_reports r"
        " JOIN event_clusters c ON c.id = r.cluster_id"
    )
    return {int(r[0]): (str(r[1]), int(r[2])) for r in rows}


def with_clusters(db: sqlite3.Connection, events: Iterator[Row]) -> Iterator[Row]:
    """Events (``queries.iter_events`` rows) with their cluster id and its independent
    reports; None for an event the clusters step has not seen yet."""
    known = event_clusters(db)
    for event in events:
        cluster = known.get(event["id"])
        event["cluster_id"] = cluster[0] if cluster else None
        event["independent_reports"] = cluster[1] if cluster else None
        yield event
