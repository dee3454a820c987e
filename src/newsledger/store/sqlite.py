"""The SQLite ledger: WAL, foreign keys, FTS5, one transaction per article."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from newsledger import __version__
from newsledger.errors import NotFoundError, StoreError
from newsledger.records import Analysis, Article
from newsledger.store.claims import article_claims, insert_claims
from newsledger.store.findings import article_findings, insert_findings
from newsledger.store.layers import (
    attribution_view,
    event_view,
    insert_attributions,
    insert_events,
)
from newsledger.store.paths import resolve_db_target
from newsledger.store.schema import MIGRATIONS, SCHEMA_VERSION
from newsledger.store.select import Filters, like, pick
from newsledger.store.stances import article_stances, insert_stances

Row = dict[str, Any]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _earlier(candidate: str | None, current: str | None) -> bool:
    return candidate is not None and (current is None or candidate < current)


ANALYSIS_TABLES = (
    "mentions",
    "sentences",
    "actor_mentions",
    "place_mentions",
    "times",
    "attributions",
    "events",
    "claims",
    "findings",
    "stances",
)


def _insert_resolution(db: sqlite3.Connection, analysis: Analysis) -> None:
    """Actors, places and times of one analysis; canonical entries are upserted first."""
    aid = analysis.article_id
    kb_actors = {m.actor_id: m for m in analysis.actors if m.actor_id}
    db.executemany(
        "INSERT INTO actors (id, name, kind, country, sector) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
        " country = excluded.country, sector = excluded.sector",
        [(i, m.name or m.text, m.kind, m.country, m.sector) for i, m in kb_actors.items()],
    )
    db.executemany(
        'INSERT INTO actor_mentions (article_id, sentence, start, "end", text, actor_id, name,'
        " kind, country, sector, role, method, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                aid,
                m.sentence,
                m.start,
                m.end,
                m.text,
                m.actor_id,
                m.name,
                m.kind,
                m.country,
                m.sector,
                m.role,
                m.method,
                m.confidence,
            )
            for m in analysis.actors
        ],
    )
    kb_places = {p.place_id: p for p in analysis.places if p.place_id}
    db.executemany(
        "INSERT INTO places (id, name, kind, country, admin1, lat, lon)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
        " kind = excluded.kind, country = excluded.country, admin1 = excluded.admin1,"
        " lat = excluded.lat, lon = excluded.lon",
        [(i, p.name, p.kind, p.country, p.admin1, p.lat, p.lon) for i, p in kb_places.items()],
    )
    db.executemany(
        'INSERT INTO place_mentions (article_id, sentence, start, "end", text, place_id,'
        " confidence, alternatives) VALUES (?,?,?,?,?,?,?,?)",
        [
            (
                aid,
                p.sentence,
                p.start,
                p.end,
                p.text,
                p.place_id,
                p.confidence,
                json.dumps(list(p.alternatives), ensure_ascii=False),
            )
            for p in analysis.places
        ],
    )
    db.executemany(
        'INSERT INTO times (article_id, sentence, start, "end", text, value, granularity, kind,'
        " relative) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                aid,
                t.sentence,
                t.start,
                t.end,
                t.text,
                t.value,
                t.granularity,
                t.kind,
                int(t.relative),
            )
            for t in analysis.times
        ],
    )


class Ledger:
    """A newsledger database. ``readonly`` opens it without the right to change anything."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        readonly: bool = False,
        create: bool = True,
    ) -> None:
        target = resolve_db_target(path)
        self.readonly = readonly
        #: ``postgresql://...`` for the PostgreSQL store, else None (SQLite at ``path``).
        self.url: str | None = target if isinstance(target, str) else None
        self.path: Path = Path(target) if isinstance(target, Path) else Path()
        if self.url is not None:
            self._open_postgres(self.url, create=create and not readonly)
            return
        if (readonly or not create) and not self.path.exists():
            raise StoreError(
                f"no ledger at {self.path}",
                hint="build one with `newsledger ingest PATH` or give --db",
            )
        try:
            self.db = self._connect()
            if not readonly:
                self._migrate()
            self._check_version()
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self.path} is not a usable newsledger database ({error})"
            ) from error

    @property
    def name(self) -> str:
        """The ledger as the user named it: its file path or its URL without the password."""
        if self.url is None:
            return str(self.path)
        from newsledger.store.postgres import display_url

        return display_url(self.url)

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    def _open_postgres(self, url: str, *, create: bool) -> None:
        from newsledger.store.postgres import PgConnection

        try:
            connection = PgConnection(url, readonly=self.readonly)
            # The store's SQL is written for sqlite3; the wrapper gives the same surface.
            self.db = cast(sqlite3.Connection, connection)
            if not create and not self.has_table("meta"):
                connection.close()
                raise StoreError(
                    f"no ledger at {self.name}",
                    hint="build one with `newsledger ingest PATH --db URL`",
                )
            if not self.readonly:
                self._migrate()
            self._check_version()
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self.name} is not a usable newsledger database ({error})"
            ) from error

    def has_table(self, name: str) -> bool:
        """Whether the ledger has this table (or view): older ledgers lack later layers."""
        if self.url is not None:
            sql = "SELECT 1 FROM information_schema.tables WHERE table_name = ?"
        else:
            sql = "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?"
        return self.db.execute(sql, (name,)).fetchone() is not None

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
            db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            db = sqlite3.connect(self.path, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=10000")
        return db

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commits on success, rolls back on any exception."""
        self.db.execute("BEGIN" if self.url is not None else "BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- schema -----------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        if self.url is not None:
            if not self.has_table("meta"):
                return 0
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            return int(row[0]) if row is not None else 0
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _check_version(self) -> None:
        if self.schema_version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.name} has schema version {self.schema_version}, newer than this "
                f"newsledger understands ({SCHEMA_VERSION})",
                hint="upgrade newsledger",
            )

    def _migrate(self) -> None:
        if self.url is not None:
            self._migrate_postgres()
            return
        self._apply(sorted(v for v in MIGRATIONS if v > self.schema_version))

    def _apply(self, versions: list[int]) -> None:
        for version in versions:
            with self.transaction() as db:
                for statement in MIGRATIONS[version]:
                    if self.url is not None:
                        from newsledger.store.postgres import translate_ddl

                        for translated in translate_ddl(statement):
                            db.execute(translated)
                    else:
                        db.execute(statement)
                if self.url is None:
                    db.execute(f"PRAGMA user_version = {int(version)}")
                upsert = (
                    "INSERT INTO meta VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                )
                db.execute(upsert, ("schema_version", str(version)))
                db.execute(upsert, ("written_by", f"newsledger {__version__}"))

    def _migrate_postgres(self) -> None:
        """Migrations, and the SQLite names the SQL uses, under a lock: one migrator at a time."""
        from newsledger.store.postgres import COMPAT, COMPAT_VERSION, PgConnection

        def compat() -> str | None:
            if not self.has_table("meta"):
                return None
            row = self.db.execute("SELECT value FROM meta WHERE key = 'compat'").fetchone()
            return str(row[0]) if row is not None else None

        def pending() -> list[int]:
            return sorted(v for v in MIGRATIONS if v > self.schema_version)

        if not pending() and compat() == COMPAT_VERSION:
            return
        connection = cast(PgConnection, self.db)
        connection.execute("SELECT pg_advisory_lock(7417)")
        try:
            if compat() != COMPAT_VERSION or pending():
                with self.transaction():
                    for statement in COMPAT:
                        connection.execute_raw(statement)
                self._apply(pending())
                self.db.execute(
                    "INSERT INTO meta VALUES ('compat', ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (COMPAT_VERSION,),
                )
        finally:
            connection.execute("SELECT pg_advisory_unlock(7417)")

    # -- articles ---------------------------------------------------------------------------

    def add_article(self, article: Article) -> str:
        """Store an article; returns ``stored``, ``copy`` (same text, new source) or ``exists``."""
        with self.transaction() as db:
            known = db.execute(
                "SELECT published FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            if known is not None and _earlier(article.published, known["published"]):
                # The article row describes the earliest known publication of this text.
                db.execute(
                    "UPDATE articles SET title = ?, url = ?, outlet = ?, published = ?,"
                    " published_source = ?, source_path = ? WHERE id = ?",
                    (
                        article.title,
                        article.url,
                        article.outlet,
                        article.published,
                        article.published_source,
                        article.source_path,
                        article.id,
                    ),
                )
            if known is None:
                db.execute(
                    "INSERT INTO articles (id, title, url, outlet, published, published_source,"
                    " language, format, source_path, chars, text, ingested_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        article.title,
                        article.url,
                        article.outlet,
                        article.published,
                        article.published_source,
                        article.language,
                        article.format,
                        article.source_path,
                        len(article.text),
                        article.text,
                        _now(),
                    ),
                )
            added = db.execute(
                "INSERT INTO sightings (article_id, outlet, url, title, published,"
                " source_path, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    article.id,
                    article.outlet,
                    article.url,
                    article.title,
                    article.published,
                    article.source_path,
                    _now(),
                ),
            ).rowcount
        if known is None:
            return "stored"
        return "copy" if added else "exists"

    def resolve_article_id(self, prefix: str) -> str:
        """The full id of the one article whose id starts with ``prefix``."""
        if not re.fullmatch(r"[0-9a-f]{1,64}", prefix):
            raise NotFoundError(f"{prefix!r} is not an article id (hex digits)")
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "g")
        ).fetchall()
        if not rows:
            raise NotFoundError(
                f"no article with id {prefix}", hint="list them with `newsledger articles`"
            )
        if len(rows) > 1:
            raise NotFoundError(f"id prefix {prefix} matches several articles; give more digits")
        return str(rows[0]["id"])

    def article(self, article_id: str) -> Row:
        full = self.resolve_article_id(article_id)
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (full,)).fetchone()
        return dict(row)

    def articles(self, *, outlet: str | None = None, limit: int | None = None) -> list[Row]:
        filters = Filters()
        if outlet:
            filters.add("a.outlet = ? COLLATE NOCASE", outlet)
        return filters.rows(
            self.db,
            "SELECT a.id, a.published, a.outlet, a.title, a.language, a.chars,"
            " (SELECT count(*) FROM sightings s WHERE s.article_id = a.id) AS sightings,"
            " an.analyzed_at IS NOT NULL AS analyzed"
            " FROM articles a LEFT JOIN analyses an ON an.article_id = a.id",
            " ORDER BY a.published IS NULL, a.published, a.rowid",
            limit,
        )

    def sightings(self, article_id: str) -> list[Row]:
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT outlet, url, title, published, source_path, seen_at FROM sightings"
                " WHERE article_id = ? ORDER BY id",
                (article_id,),
            )
        ]

    def search(self, query: str, limit: int = 20) -> list[Row]:
        """Full-text search over titles and text; plain words work, FTS5 syntax too."""
        if self.url is not None:
            from newsledger.store.postgres import search

            return search(self.db, query, limit)
        sql = (
            "SELECT a.id, a.published, a.outlet, a.title,"
            " snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            quoted = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
            if not quoted:
                return []
            rows = self.db.execute(sql, (quoted, limit)).fetchall()
        return [dict(r) for r in rows]

    # -- analysis ---------------------------------------------------------------------------

    def count_pending(self) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM analyses)"
            ).fetchone()[0]
        )

    def pending(self, batch_size: int = 64) -> Iterator[tuple[str, str, str | None]]:
        """(id, text, published) of articles not yet analysed, a batch at a time by rowid."""
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT rowid, id, text, published FROM articles WHERE rowid > ?"
                " AND id NOT IN (SELECT article_id FROM analyses) ORDER BY rowid LIMIT ?",
                (last, batch_size),
            ).fetchall()
            if not rows:
                return
            last = rows[-1]["rowid"]
            for row in rows:
                yield row["id"], row["text"], row["published"]

    def forget_analyses(self) -> int:
        """Drop every analysis so the next run redoes all articles; returns how many."""
        with self.transaction() as db:
            for table in ANALYSIS_TABLES:
                db.execute(f"DELETE FROM {table}")
            return db.execute("DELETE FROM analyses").rowcount

    def save_analysis(self, analysis: Analysis, *, model: str, pipeline: str) -> None:
        """Replace what is stored for the article with this analysis, in one transaction."""
        aid = analysis.article_id
        with self.transaction() as db:
            for table in ANALYSIS_TABLES:
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
            _insert_resolution(db, analysis)
            insert_attributions(db, aid, analysis.attributions)
            insert_events(db, aid, analysis.events)
            insert_stances(db, aid, analysis.stances)
            insert_claims(db, aid, analysis.claims)
            insert_findings(db, aid, analysis.findings)
            db.executemany(
                'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (?,?,?,?,?)',
                [(aid, s.index, s.start, s.end, s.text) for s in analysis.sentences],
            )
            db.executemany(
                'INSERT INTO mentions (article_id, sentence, start, "end", text, label)'
                " VALUES (?,?,?,?,?,?)",
                [(aid, m.sentence, m.start, m.end, m.text, m.label) for m in analysis.mentions],
            )
            db.execute(
                "INSERT INTO analyses VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE"
                " SET model = excluded.model, pipeline = excluded.pipeline,"
                " sentences = excluded.sentences, mentions = excluded.mentions,"
                " analyzed_at = excluded.analyzed_at",
                (aid, model, pipeline, len(analysis.sentences), len(analysis.mentions), _now()),
            )

    def sentences(self, article_id: str) -> list[Row]:
        return [
            dict(r)
            for r in self.db.execute(
                'SELECT idx AS "index", start, "end", text FROM sentences WHERE article_id = ?'
                " ORDER BY idx",
                (article_id,),
            )
        ]

    def mentions(
        self,
        *,
        article: str | None = None,
        label: str | None = None,
        text: str | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        filters = Filters()
        if article:
            filters.add("m.article_id = ?", self.resolve_article_id(article))
        if label:
            filters.add("m.label = ? COLLATE NOCASE", label)
        if text:
            filters.add("m.text LIKE ? ESCAPE '\\'", like(text))
        return filters.rows(
            self.db,
            'SELECT m.article_id, m.sentence, m.start, m."end", m.text, m.label FROM mentions m',
            " ORDER BY m.article_id, m.start",
            limit,
        )

    # -- resolution -------------------------------------------------------------------------

    def actor_mentions(self, article_id: str) -> list[Row]:
        return [
            dict(r)
            for r in self.db.execute(
                'SELECT text, start, "end", sentence, actor_id, name, kind, country, sector, role,'
                " method, confidence FROM actor_mentions WHERE article_id = ? ORDER BY start",
                (article_id,),
            )
        ]

    def place_mentions(self, article_id: str) -> list[Row]:
        rows = self.db.execute(
            'SELECT m.text, m.start, m."end", m.sentence, m.place_id, p.name, p.kind, p.country,'
            " p.admin1, p.lat, p.lon, m.confidence, m.alternatives FROM place_mentions m"
            " LEFT JOIN places p ON p.id = m.place_id WHERE m.article_id = ? ORDER BY m.start",
            (article_id,),
        )
        return [{**dict(r), "alternatives": json.loads(r["alternatives"])} for r in rows]

    def times(self, article_id: str) -> list[Row]:
        rows = self.db.execute(
            'SELECT text, start, "end", sentence, value, granularity, kind, relative FROM times'
            " WHERE article_id = ? ORDER BY start",
            (article_id,),
        )
        return [{**dict(r), "relative": bool(r["relative"])} for r in rows]

    def actor_counts(
        self,
        *,
        kind: str | None = None,
        country: str | None = None,
        unresolved: bool = False,
        limit: int | None = None,
    ) -> list[Row]:
        """Actors with their mention and article counts; unknown ones grouped by name."""
        filters = Filters()
        if kind:
            filters.add("coalesce(a.kind, m.kind) = ? COLLATE NOCASE", kind)
        if country:
            filters.add("coalesce(a.country, m.country) = ? COLLATE NOCASE", country)
        if unresolved:
            filters.add("m.actor_id IS NULL")
        return filters.rows(
            self.db,
            f"SELECT {pick(self.db, 'm.actor_id')} AS id,"
            f" {pick(self.db, 'coalesce(a.name, m.name, m.text)')} AS name,"
            f" {pick(self.db, 'coalesce(a.kind, m.kind)')} AS kind,"
            f" {pick(self.db, 'coalesce(a.country, m.country)')} AS country,"
            f" {pick(self.db, 'coalesce(a.sector, m.sector)')} AS sector, count(*) AS mentions,"
            " count(DISTINCT m.article_id) AS articles FROM actor_mentions m"
            " LEFT JOIN actors a ON a.id = m.actor_id",
            " GROUP BY coalesce(m.actor_id, 'unresolved:' || lower(coalesce(m.name, m.text)))"
            " ORDER BY mentions DESC, name",
            limit,
        )

    def place_counts(self, *, country: str | None = None, limit: int | None = None) -> list[Row]:
        """Resolved places with mention and article counts and the spellings articles used."""
        filters = Filters()
        if country:
            filters.add("p.country = ? COLLATE NOCASE", country)
        return filters.rows(
            self.db,
            "SELECT p.id, p.name, p.kind, p.country, p.admin1, p.lat, p.lon,"
            " count(*) AS mentions, count(DISTINCT m.article_id) AS articles,"
            " group_concat(DISTINCT m.text) AS spellings FROM place_mentions m"
            " JOIN places p ON p.id = m.place_id",
            " GROUP BY p.id ORDER BY mentions DESC, p.name",
            limit,
        )

    # -- attributions and events ------------------------------------------------------------

    def attributions(self, article_id: str) -> list[Row]:
        rows = self.db.execute(
            "SELECT * FROM attributions WHERE article_id = ? ORDER BY cue_start", (article_id,)
        )
        return [attribution_view(r) for r in rows]

    def claims(self, article_id: str) -> list[Row]:
        """The article's claims in the shape of ``Claim.to_dict``, in text order."""
        return article_claims(self.db, article_id)

    def findings(self, article_id: str) -> list[Row]:
        """The article's findings in the shape of ``Finding.to_dict``, in text order."""
        return article_findings(self.db, article_id)

    def stances(self, article_id: str) -> list[Row]:
        """The negotiation stances of one article, in text order."""
        return article_stances(self.db, article_id)

    def events(self, article_id: str) -> list[Row]:
        rows = self.db.execute(
            "SELECT * FROM events WHERE article_id = ? ORDER BY trigger_start", (article_id,)
        ).fetchall()
        return [event_view(r, self._participants(r["id"])) for r in rows]

    def _participants(self, event_id: int) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM event_participants WHERE event_id = ? ORDER BY rowid", (event_id,)
        ).fetchall()

    # -- summary ----------------------------------------------------------------------------

    def stats(self) -> Row:
        def one(sql: str) -> int:
            return int(self.db.execute(sql).fetchone()[0])

        labels = self.db.execute(
            "SELECT label, count(*) AS n FROM mentions GROUP BY label ORDER BY n DESC"
        ).fetchall()
        outlets = self.db.execute(
            "SELECT coalesce(outlet, '?') AS outlet, count(*) AS n FROM sightings"
            " GROUP BY outlet ORDER BY n DESC, outlet"
        ).fetchall()
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "sightings": one("SELECT count(*) FROM sightings"),
            "analyzed": one("SELECT count(*) FROM analyses"),
            "sentences": one("SELECT count(*) FROM sentences"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "actor_mentions": one("SELECT count(*) FROM actor_mentions"),
            "actors_resolved": one(
                "SELECT count(*) FROM actor_mentions WHERE actor_id IS NOT NULL"
            ),
            "place_mentions": one("SELECT count(*) FROM place_mentions"),
            "places_resolved": one(
                "SELECT count(*) FROM place_mentions WHERE place_id IS NOT NULL"
            ),
            "times": one("SELECT count(*) FROM times"),
            "attributions": one("SELECT count(*) FROM attributions"),
            "anonymous_attributions": one("SELECT count(*) FROM attributions WHERE anonymous <> 0"),
            "events": one("SELECT count(*) FROM events"),
            "claims": one("SELECT count(*) FROM claims"),
            "mentions_by_label": {r["label"]: r["n"] for r in labels},
            "sightings_by_outlet": {r["outlet"]: r["n"] for r in outlets},
        }
