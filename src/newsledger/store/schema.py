"""The ledger's SQLite schema, as numbered migrations. ``PRAGMA user_version`` is the version.

A migration is a list of statements applied in one transaction; a database newer than this
code refuses to open rather than be damaged.
"""

from __future__ import annotations

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT,
            url TEXT,
            outlet TEXT,
            published TEXT,
            published_source TEXT NOT NULL DEFAULT 'none',
            language TEXT,
            format TEXT,
            source_path TEXT,
            chars INTEGER NOT NULL,
            text TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_published ON articles(published)",
        # Every place an article's text was seen: the first reading and any verbatim copies.
        """CREATE TABLE sightings (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            outlet TEXT,
            url TEXT,
            title TEXT,
            published TEXT,
            source_path TEXT,
            seen_at TEXT NOT NULL
        )""",
        """CREATE UNIQUE INDEX sightings_unique
            ON sightings(article_id, coalesce(outlet, ''), coalesce(url, ''))""",
        """CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            pipeline TEXT NOT NULL,
            sentences INTEGER NOT NULL,
            mentions INTEGER NOT NULL,
            analyzed_at TEXT NOT NULL
        )""",
        """CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""",
        """CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence INTEGER,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL
        )""",
        "CREATE INDEX mentions_article ON mentions(article_id, start)",
        "CREATE INDEX mentions_label ON mentions(label, text)",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END""",
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END""",
        """CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END""",
    ],
    # Resolution: actors, places and times. Earlier analyses lack them, so they are redone.
    2: [
        """CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT,
            country TEXT,
            sector TEXT,
            wikidata TEXT
        )""",
        """CREATE TABLE actor_mentions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence INTEGER,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            actor_id TEXT REFERENCES actors(id),
            name TEXT,
            kind TEXT,
            country TEXT,
            sector TEXT,
            role TEXT,
            method TEXT NOT NULL,
            confidence REAL NOT NULL
        )""",
        "CREATE INDEX actor_mentions_article ON actor_mentions(article_id, start)",
        "CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id)",
        """CREATE TABLE places (
            id TEXT PRIMARY KEY,
            name TEXT,
            kind TEXT,
            country TEXT,
            admin1 TEXT,
            lat REAL,
            lon REAL
        )""",
        """CREATE TABLE place_mentions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence INTEGER,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            place_id TEXT REFERENCES places(id),
            confidence REAL NOT NULL,
            alternatives TEXT NOT NULL DEFAULT '[]'
        )""",
        "CREATE INDEX place_mentions_article ON place_mentions(article_id, start)",
        "CREATE INDEX place_mentions_place ON place_mentions(place_id)",
        """CREATE TABLE times (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence INTEGER,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT,
            granularity TEXT NOT NULL,
            kind TEXT NOT NULL,
            relative INTEGER NOT NULL
        )""",
        "CREATE INDEX times_article ON times(article_id, start)",
        "CREATE INDEX times_value ON times(value)",
        "DELETE FROM analyses",
    ],
    # Attributions (who said what, according to whom) and PLOVER events.
    3: [
        """CREATE TABLE attributions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence INTEGER,
            kind TEXT NOT NULL,
            source_text TEXT,
            source_start INTEGER,
            source_end INTEGER,
            cue_text TEXT NOT NULL,
            cue_start INTEGER NOT NULL,
            cue_end INTEGER NOT NULL,
            content_text TEXT NOT NULL,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            content_parts TEXT NOT NULL DEFAULT '[]',
            source_actor_id TEXT,
            source_type TEXT NOT NULL,
            anonymous INTEGER NOT NULL,
            count INTEGER,
            certainty TEXT,
            chain TEXT NOT NULL DEFAULT '[]'
        )""",
        "CREATE INDEX attributions_article ON attributions(article_id, cue_start)",
        "CREATE INDEX attributions_source ON attributions(source_actor_id)",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence INTEGER,
            type TEXT NOT NULL,
            mode TEXT,
            contexts TEXT NOT NULL DEFAULT '[]',
            trigger_text TEXT NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            place_text TEXT,
            place_start INTEGER,
            place_end INTEGER,
            date TEXT,
            date_source TEXT,
            negated INTEGER NOT NULL,
            hypothetical INTEGER NOT NULL,
            future INTEGER NOT NULL,
            historical INTEGER NOT NULL,
            cameo_root TEXT,
            confidence REAL NOT NULL
        )""",
        "CREATE INDEX events_article ON events(article_id, trigger_start)",
        "CREATE INDEX events_type ON events(type, date)",
        """CREATE TABLE event_participants (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            actor_id TEXT,
            country TEXT,
            sector TEXT
        )""",
        "CREATE INDEX event_participants_event ON event_participants(event_id)",
        "CREATE INDEX event_participants_actor ON event_participants(actor_id, role)",
        "DELETE FROM analyses",
    ],
}

SCHEMA_VERSION = max(MIGRATIONS)
