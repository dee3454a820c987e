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
    # Claims: checkable statements with claimant, certainty and normalised values.
    4: [
        """CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            sentence INTEGER,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            claimant_text TEXT,
            claimant_start INTEGER,
            claimant_end INTEGER,
            claimant_actor_id TEXT,
            claimant_type TEXT NOT NULL,
            attribution INTEGER,
            chain TEXT NOT NULL DEFAULT '[]',
            anonymous INTEGER NOT NULL,
            unsourced INTEGER NOT NULL,
            certainty TEXT NOT NULL,
            negated INTEGER NOT NULL,
            vals TEXT NOT NULL DEFAULT '[]',
            actors TEXT NOT NULL DEFAULT '[]',
            places TEXT NOT NULL DEFAULT '[]',
            date TEXT,
            event INTEGER,
            cues TEXT NOT NULL DEFAULT '[]'
        )""",
        "CREATE INDEX claims_article ON claims(article_id, idx)",
        "CREATE INDEX claims_kind ON claims(kind)",
        "CREATE INDEX claims_claimant ON claims(claimant_actor_id)",
        "DELETE FROM analyses",
    ],
    # Copies and stories: ledger-wide, rewritten by their cross-check steps.
    7: [
        """CREATE TABLE article_copies (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            original_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            containment REAL NOT NULL,
            jaccard REAL NOT NULL
        )""",
        "CREATE INDEX article_copies_original ON article_copies(original_id)",
        """CREATE TABLE paragraph_copies (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            source_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            source_start INTEGER NOT NULL,
            source_end INTEGER NOT NULL,
            containment REAL NOT NULL
        )""",
        "CREATE INDEX paragraph_copies_article ON paragraph_copies(article_id, start)",
        "CREATE INDEX paragraph_copies_source ON paragraph_copies(source_id)",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            first_date TEXT,
            last_date TEXT,
            articles INTEGER NOT NULL,
            outlets INTEGER NOT NULL,
            voices INTEGER NOT NULL,
            places TEXT NOT NULL DEFAULT '[]',
            actors TEXT NOT NULL DEFAULT '[]'
        )""",
        """CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            original_id TEXT NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (story_id, article_id)
        )""",
        "CREATE INDEX story_articles_article ON story_articles(article_id)",
    ],
}

# Event clusters: one happening told in several reports (ledger-wide, rebuilt by the
# "event-clusters" step; nothing per article to redo).
MIGRATIONS[6] = [
    """CREATE TABLE event_clusters (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        mode TEXT,
        first_date TEXT,
        last_date TEXT,
        place TEXT,
        actors TEXT NOT NULL DEFAULT '[]',
        recipients TEXT NOT NULL DEFAULT '[]',
        reports INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        voices INTEGER NOT NULL,
        first_event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
        first_article_id TEXT REFERENCES articles(id) ON DELETE SET NULL,
        first_published TEXT,
        confidence REAL NOT NULL
    )""",
    "CREATE INDEX event_clusters_type ON event_clusters(type, first_date)",
    """CREATE TABLE event_cluster_reports (
        event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        cluster_id TEXT NOT NULL REFERENCES event_clusters(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    )""",
    "CREATE INDEX event_cluster_reports_cluster ON event_cluster_reports(cluster_id)",
    "CREATE INDEX event_cluster_reports_article ON event_cluster_reports(article_id)",
]

# Claim clusters (the same claim across articles) and contradictions between their reports
# (ledger-wide, rebuilt by the "claim-clusters" step; nothing per article to redo).
MIGRATIONS[9] = [
    """CREATE TABLE claim_clusters (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        kind TEXT NOT NULL,
        reports INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        voices INTEGER NOT NULL,
        agreement TEXT NOT NULL,
        rating TEXT NOT NULL,
        earliest_article_id TEXT REFERENCES articles(id) ON DELETE SET NULL,
        earliest_published TEXT,
        earliest_outlet TEXT,
        original_source TEXT,
        original_source_type TEXT,
        claimant TEXT
    )""",
    "CREATE INDEX claim_clusters_rating ON claim_clusters(rating, voices)",
    """CREATE TABLE claim_cluster_members (
        cluster_id INTEGER NOT NULL REFERENCES claim_clusters(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        claim_index INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT,
        value TEXT,
        agrees INTEGER NOT NULL,
        outlet TEXT,
        published TEXT,
        url TEXT,
        sentence TEXT,
        claimant TEXT,
        voice TEXT NOT NULL,
        similarity REAL
    )""",
    "CREATE INDEX claim_cluster_members_cluster ON claim_cluster_members(cluster_id)",
    "CREATE INDEX claim_cluster_members_article ON claim_cluster_members(article_id, start)",
    """CREATE TABLE contradictions (
        id INTEGER PRIMARY KEY,
        cluster_id INTEGER NOT NULL REFERENCES claim_clusters(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL,
        a_article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        b_article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        a TEXT NOT NULL,
        b TEXT NOT NULL
    )""",
    "CREATE INDEX contradictions_kind ON contradictions(kind)",
    # Sentence embeddings of claim texts, by hash of model and text: reruns embed new claims only.
    "CREATE TABLE claim_embeddings (key TEXT PRIMARY KEY, vector BLOB NOT NULL)",
]

# Findings: what does not hold up in an article (per article; the ledger-wide "findings" step
# adds the rows resting on other outlets).
MIGRATIONS[8] = [
    """CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        basis TEXT NOT NULL,
        message TEXT NOT NULL,
        sentence INTEGER,
        start INTEGER,
        "end" INTEGER,
        evidence TEXT NOT NULL DEFAULT '[]',
        details TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX findings_article ON findings(article_id, start)",
    "CREATE INDEX findings_kind ON findings(kind, severity)",
    "DELETE FROM analyses",
]

# Negotiation stances: a party's position on an option of the issue taxonomy, per sentence.
MIGRATIONS[5] = [
    """CREATE TABLE stances (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence INTEGER,
        party_id TEXT NOT NULL,
        party TEXT NOT NULL,
        issue TEXT NOT NULL,
        option TEXT NOT NULL,
        kind TEXT NOT NULL,
        condition_text TEXT,
        condition_start INTEGER,
        condition_end INTEGER,
        condition_issue TEXT,
        condition_option TEXT,
        date TEXT,
        speaker TEXT,
        speaker_id TEXT,
        certainty TEXT,
        chain TEXT NOT NULL DEFAULT '[]',
        reported_by TEXT,
        own_statement INTEGER NOT NULL,
        cue_text TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        evidence_text TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL
    )""",
    "CREATE INDEX stances_article ON stances(article_id, evidence_start)",
    "CREATE INDEX stances_issue ON stances(issue, option, party_id, date)",
    "DELETE FROM analyses",
]

SCHEMA_VERSION = max(MIGRATIONS)
