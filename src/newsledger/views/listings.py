"""The ledger-wide listings the report and the web app show, as one registry.

A listing is a name, a title, a function ``(ledger, params) -> rows``, the columns to show and
the filters it accepts. Each row that rests on a sentence carries ``article_id`` and
``sentence`` so that every view can link it to its words. A listing over a table that this
ledger does not have yet (claims, findings, stances, stories come from later steps) returns no
rows, and its ``empty`` sentence says what fills it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from newsledger.store import Ledger, queries
from newsledger.store.select import Filters, like

Row = dict[str, Any]
Params = Mapping[str, str]
Rows = Callable[[Ledger, Params], list[Row]]
LIMIT = 500


@dataclass(frozen=True)
class Filter:
    name: str
    label: str
    kind: str = "text"  # or "date"


@dataclass(frozen=True)
class Listing:
    name: str
    title: str
    rows: Rows
    columns: tuple[str, ...]
    filters: tuple[Filter, ...] = ()
    empty: str = "Nothing here yet."
    table: str | None = None  # the table it needs, when that table may be missing
    figure: str | None = None  # a drawing shown above the table (see views.figures)

    def available(self, ledger: Ledger) -> bool:
        return self.table is None or has_table(ledger.db, self.table)

    def fetch(self, ledger: Ledger, params: Params | None = None) -> list[Row]:
        if not self.available(ledger):
            return []
        wanted = {f.name: (params or {}).get(f.name, "").strip() for f in self.filters}
        return self.rows(ledger, {k: v for k, v in wanted.items() if v})


def has_table(db: sqlite3.Connection, name: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
    ).fetchone()
    return row is not None


def table_columns(db: sqlite3.Connection, name: str) -> list[str]:
    return [r["name"] for r in db.execute("SELECT name FROM pragma_table_info(?)", (name,))]


# -- listings over the layers every analysed ledger has -------------------------------------


def article_rows(ledger: Ledger, params: Params) -> list[Row]:
    filters = Filters()
    if "outlet" in params:
        filters.add(
            "(a.outlet LIKE ? ESCAPE '\\' OR a.id IN (SELECT article_id FROM sightings"
            " WHERE outlet LIKE ? ESCAPE '\\'))",
            like(params["outlet"]),
            like(params["outlet"]),
        )
    if "title" in params:
        filters.add("a.title LIKE ? ESCAPE '\\'", like(params["title"]))
    if "since" in params:
        filters.add("a.published >= ?", params["since"])
    if "until" in params:
        filters.add("substr(a.published, 1, 10) <= ?", params["until"])
    return filters.rows(
        ledger.db,
        "SELECT a.id AS article_id, a.published, a.outlet, a.title, a.chars,"
        " (SELECT count(*) FROM sightings s WHERE s.article_id = a.id) AS sightings,"
        " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,"
        " (SELECT count(*) FROM attributions q WHERE q.article_id = a.id) AS quotes"
        " FROM articles a",
        " ORDER BY a.published IS NULL, a.published, a.rowid",
        LIMIT,
    )


def event_rows(ledger: Ledger, params: Params) -> list[Row]:
    found = queries.events(
        ledger.db,
        actor=params.get("actor"),
        type_=params.get("type"),
        since=params.get("since"),
        until=params.get("until"),
        place=params.get("place"),
        limit=LIMIT,
    )
    rows = [_event_row(e) for e in found]
    return sorted(rows, key=lambda r: r["date"] is None)  # undated last, order kept


def _event_row(event: Row) -> Row:
    markers = [m for m in ("negated", "hypothetical", "future", "historical") if event[m]]
    return {
        "date": event["date"],
        "type": event["type"],
        "actors": "; ".join(p["text"] for p in event["actors"]),
        "recipients": "; ".join(p["text"] for p in event["recipients"]),
        "trigger": event["trigger"]["text"],
        "place": event["place"]["text"] if event["place"] else None,
        "markers": ", ".join(markers),
        "outlet": event["outlet"],
        "article_id": event["article_id"],
        "sentence": event["sentence"],
        "actor_ids": [p["actor_id"] for p in event["actors"] if p["actor_id"]],
        "recipient_ids": [p["actor_id"] for p in event["recipients"] if p["actor_id"]],
    }


def actor_rows(ledger: Ledger, params: Params) -> list[Row]:
    rows = ledger.actor_counts(kind=params.get("kind"), country=params.get("country"), limit=LIMIT)
    if "name" in params:
        needle = params["name"].casefold()
        rows = [r for r in rows if needle in str(r["name"]).casefold()]
    first = _first_mentions(
        ledger.db,
        "actor_mentions",
        "coalesce(actor_id, 'unresolved:' || lower(coalesce(name, text)))",
    )
    for row in rows:
        key = row["id"] or f"unresolved:{str(row['name']).lower()}"
        row.update(first.get(key, {}))
    return rows


def place_rows(ledger: Ledger, params: Params) -> list[Row]:
    rows = ledger.place_counts(country=params.get("country"), limit=LIMIT)
    first = _first_mentions(ledger.db, "place_mentions", "place_id")
    for row in rows:
        row.update(first.get(row["id"], {}))
    return rows


def _first_mentions(db: sqlite3.Connection, table: str, key: str) -> dict[str, Row]:
    """Per key, the article and sentence of its earliest stored mention (SQLite's bare
    columns of a min() aggregate come from the row holding the minimum)."""
    rows = db.execute(
        f"SELECT {key} AS k, article_id, sentence FROM {table}"
        f" WHERE id IN (SELECT min(id) FROM {table} GROUP BY {key})"
    ).fetchall()
    return {r["k"]: {"article_id": r["article_id"], "sentence": r["sentence"]} for r in rows}


def quote_rows(ledger: Ledger, params: Params) -> list[Row]:
    anonymous = {"yes": True, "no": False}.get(params.get("anonymous", "").lower())
    rows = queries.quotes(
        ledger.db,
        source=params.get("source"),
        kind=params.get("kind"),
        anonymous=anonymous,
        text=params.get("text"),
        limit=LIMIT,
    )
    for row in rows:
        row["source_text"] = row["source"]
        row["source"] = row["source_name"] or row["source"] or "(implicit)"
        row["anonymous"] = bool(row["anonymous"])
    return rows


def source_rows(ledger: Ledger, params: Params) -> list[Row]:
    return queries.outlet_sourcing(ledger.db)


# -- listings over tables that later steps add ------------------------------------------------

PREFERRED = (
    "kind", "severity", "text", "message", "claimant", "source", "actor", "actor_name",
    "actor_id", "issue", "option", "position", "condition", "value", "hedge", "certainty",
    "outlets_for", "outlets_against", "supporting", "contradicting", "independent_outlets",
    "original_source", "original", "anonymous", "title", "articles", "outlets", "first",
    "last", "date", "published", "outlet",
)  # fmt: skip


def table_rows(table: str) -> Rows:
    """Rows of a table another step writes, whatever its columns, newest layout first."""

    def rows(ledger: Ledger, params: Params) -> list[Row]:
        columns = table_columns(ledger.db, table)
        sql = f"SELECT t.* FROM {table} t"
        if "article_id" in columns:
            sql = (
                f"SELECT t.*, a.outlet AS outlet, a.published AS published FROM {table} t"
                " LEFT JOIN articles a ON a.id = t.article_id"
            )
        found = [dict(r) for r in ledger.db.execute(sql + " LIMIT ?", (LIMIT,))]
        text = params.get("text", "").casefold()
        if text:
            found = [r for r in found if any(text in str(v).casefold() for v in r.values())]
        for row in found:
            _locate(ledger.db, row)
        return found

    return rows


CLAIM_CLUSTERS = (
    "SELECT c.label, c.kind, c.rating, c.agreement, c.reports, c.outlets, c.voices,"
    " count(DISTINCT CASE WHEN m.agrees <> 0 THEN m.voice END) AS voices_for,"
    " count(DISTINCT CASE WHEN m.agrees = 0 THEN m.voice END) AS voices_against,"
    " c.original_source, c.original_source_type, c.earliest_outlet, c.earliest_published,"
    " max(coalesce(cl.anonymous, 0)) AS anonymous, c.earliest_article_id AS article_id,"
    " min(CASE WHEN m.article_id = c.earliest_article_id THEN m.start END) AS start"
    " FROM claim_clusters c JOIN claim_cluster_members m ON m.cluster_id = c.id"
    " LEFT JOIN claims cl ON cl.article_id = m.article_id AND cl.idx = m.claim_index"
)


def claim_rows(ledger: Ledger, params: Params) -> list[Row]:
    """Claims as their clusters across outlets: independent voices for and against, the
    original source and whether any report rests on anonymous sources; the per-article claims
    when the clusters are not there (or have another layout than this code knows)."""
    filters = Filters()
    if "text" in params:
        filters.add("c.label LIKE ? ESCAPE '\\'", like(params["text"]))
    if "rating" in params:
        filters.add("c.rating = ?", params["rating"])
    try:
        rows = filters.rows(
            ledger.db, CLAIM_CLUSTERS, " GROUP BY c.id ORDER BY c.voices DESC, c.id", LIMIT
        )
    except sqlite3.OperationalError:
        return table_rows("claims")(ledger, params)
    for row in rows:
        row["anonymous"] = bool(row["anonymous"])
        _locate(ledger.db, row)
    return rows


def _locate(db: sqlite3.Connection, row: Row) -> None:
    """Give a row with an article and a character offset the sentence that holds it; a row
    without its own span (a finding) takes the first span of its ``evidence``."""
    if not row.get("article_id") and isinstance(row.get("evidence"), str):
        spans = _json_list(row["evidence"])
        first = next((s for s in spans if isinstance(s, dict) and s.get("article_id")), None)
        if first is not None:
            row["article_id"], row["start"] = first["article_id"], first.get("start")
    if row.get("sentence") is not None or not row.get("article_id"):
        return
    offset = next((row[k] for k in ("start", "span_start", "text_start") if k in row), None)
    if isinstance(offset, int):
        row["sentence"] = sentence_at(db, row["article_id"], offset)


def _json_list(text: str) -> list[Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def sentence_at(db: sqlite3.Connection, article_id: str, offset: int) -> int | None:
    found = db.execute(
        "SELECT idx FROM sentences WHERE article_id = ? AND start <= ? ORDER BY start DESC LIMIT 1",
        (article_id, offset),
    ).fetchone()
    return None if found is None else int(found["idx"])


def shown_columns(listing: Listing, rows: list[Row]) -> list[str]:
    """The listing's columns, or for a table of unknown layout the preferred ones it has."""
    if not rows:
        return list(listing.columns)
    present = [c for c in listing.columns if c in rows[0]] or [c for c in PREFERRED if c in rows[0]]
    return present or [c for c in rows[0] if c not in ("id", "article_id")][:8]


TEXT = Filter("text", "Text contains")

LISTINGS: tuple[Listing, ...] = (
    Listing(
        "articles", "Articles", article_rows,
        ("published", "outlet", "title", "sightings", "events", "quotes"),
        (Filter("outlet", "Outlet"), Filter("title", "Title contains"),
         Filter("since", "Since", "date"), Filter("until", "Until", "date")),
        "No articles yet: `newsledger ingest PATH` adds them.",
    ),
    Listing(
        "events", "Events timeline", event_rows,
        ("date", "type", "actors", "trigger", "recipients", "place", "markers", "outlet"),
        (Filter("type", "PLOVER type"), Filter("actor", "Actor"), Filter("place", "Place"),
         Filter("since", "Since", "date"), Filter("until", "Until", "date")),
        "No events yet: `newsledger analyze` codes them.", figure="timeline",
    ),
    Listing(
        "actors", "Actors", actor_rows,
        ("name", "kind", "country", "sector", "mentions", "articles"),
        (Filter("name", "Name contains"), Filter("kind", "Kind"), Filter("country", "Country")),
        "No actors yet: `newsledger analyze` resolves them.", figure="network",
    ),
    Listing(
        "places", "Places", place_rows,
        ("name", "kind", "country", "mentions", "articles", "spellings"),
        (Filter("country", "Country (ISO alpha-3)"),),
        "No places yet: `newsledger analyze` resolves them.", figure="map",
    ),
    Listing(
        "quotes", "Quotes and sources", quote_rows,
        ("published", "outlet", "source", "cue", "content", "kind", "anonymous", "certainty"),
        (Filter("source", "Source"), Filter("text", "Content contains"), Filter("kind", "Kind"),
         Filter("anonymous", "Anonymous (yes/no)")),
        "No attributions yet: `newsledger analyze` finds them.",
    ),
    Listing(
        "sources", "Sourcing by outlet", source_rows,
        ("outlet", "attributions", "named", "anonymous", "anonymous_share", "articles"),
        (), "No attributions yet: `newsledger analyze` finds them.",
    ),
    Listing(
        "claims", "Claims and corroboration", claim_rows,
        ("label", "kind", "rating", "voices_for", "voices_against", "reports", "outlets",
         "original_source", "earliest_outlet", "anonymous"),
        (TEXT, Filter("rating", "Rating")),
        "No claims in this ledger yet: the claims layer of `newsledger analyze` and the"
        " claim-clusters step of `newsledger crosscheck` fill this.", table="claims",
    ),
    Listing(
        "findings", "Findings", table_rows("findings"), (), (TEXT,),
        "No findings in this ledger yet: the findings step of `newsledger crosscheck` fills"
        " this.", table="findings",
    ),
    Listing(
        "positions", "Negotiation positions", table_rows("stances"), (), (TEXT,),
        "No positions in this ledger yet: the stances layer of `newsledger analyze` fills"
        " this.", table="stances", figure="matrix",
    ),
    Listing(
        "stories", "Stories", table_rows("stories"), (), (TEXT,),
        "No stories in this ledger yet: the stories step of `newsledger crosscheck` fills"
        " this.", table="stories",
    ),
)  # fmt: skip

BY_NAME = {listing.name: listing for listing in LISTINGS}
