from __future__ import annotations

import json
import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from newsledger import Ledger, ingest
from newsledger.errors import NotFoundError, StoreError
from newsledger.ingest import to_article
from newsledger.ingest.items import RawArticle
from newsledger.records import Analysis, Mention, Sentence
from newsledger.store import resolve_db_path
from newsledger.store.schema import SCHEMA_VERSION

from .conftest import BAD, GOOD


def _article(text: str, **meta: str):  # type: ignore[no-untyped-def]
    return to_article(RawArticle(where="test", format="text", text=text, **meta))


def test_new_ledger_has_schema_wal_foreign_keys_and_fts(ledger: Ledger) -> None:
    assert ledger.schema_version == SCHEMA_VERSION
    assert ledger.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in ledger.db.execute("SELECT name FROM sqlite_master")}
    assert {
        "articles",
        "sightings",
        "analyses",
        "sentences",
        "mentions",
        "articles_fts",
        "meta",
    } <= tables
    meta = dict(ledger.db.execute("SELECT key, value FROM meta").fetchall())
    assert meta["schema_version"] == str(SCHEMA_VERSION)


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    with Ledger(path) as first:
        first.add_article(_article("Some article text about talks."))
    with Ledger(path) as second:
        assert second.schema_version == SCHEMA_VERSION
        assert len(second.articles()) == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Ledger(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this newsledger"):
        Ledger(path)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable newsledger database"):
        Ledger(path)


def test_reading_commands_do_not_create_databases(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no ledger at"):
        Ledger(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_readonly_ledger_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    Ledger(path).close()
    with Ledger(path, readonly=True) as ro, pytest.raises(sqlite3.OperationalError):
        ro.add_article(_article("Text that should not be stored."))


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSLEDGER_DB", raising=False)
    assert resolve_db_path() == Path("newsledger.db")
    monkeypatch.setenv("NEWSLEDGER_DB", "/tmp/env.db")
    assert resolve_db_path() == Path("/tmp/env.db")
    assert resolve_db_path("given.db") == Path("given.db")


def test_reingest_stores_nothing_new(ledger: Ledger) -> None:
    first = ingest(ledger, [str(GOOD)])
    second = ingest(ledger, [str(GOOD)])
    assert first.counts["stored"] == 11 and first.ok
    assert second.counts == {"exists": 11}
    assert ledger.stats()["articles"] == 11 and ledger.stats()["sightings"] == 11


def test_same_text_from_another_outlet_is_recorded_as_copy(ledger: Ledger) -> None:
    text = "Talks resumed in Abu Dhabi on Wednesday, officials said."
    assert ledger.add_article(_article(text, outlet="Wire", url="https://w.example/1")) == "stored"
    assert ledger.add_article(_article(text, outlet="Mirror", url="https://m.example/9")) == "copy"
    assert (
        ledger.add_article(_article(text, outlet="Mirror", url="https://m.example/9")) == "exists"
    )
    (row,) = ledger.articles()
    assert row["outlet"] == "Wire" and row["sightings"] == 2
    assert [s["outlet"] for s in ledger.sightings(row["id"])] == ["Wire", "Mirror"]


def test_bad_inputs_do_not_stop_the_batch(ledger: Ledger) -> None:
    report = ingest(ledger, [str(BAD), str(GOOD)])
    assert report.counts["stored"] == 11
    assert report.counts["failed"] == len(report.failures) == 10
    assert not report.ok


def test_failure_mid_article_leaves_nothing_half_stored(ledger: Ledger) -> None:
    ledger.db.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON sightings WHEN new.outlet = 'Crash'"
        " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    ledger.add_article(_article("First article, stored fine.", outlet="Fine"))
    with pytest.raises(sqlite3.IntegrityError, match="disk on fire"):
        ledger.add_article(_article("Second article, crashes.", outlet="Crash"))
    ledger.add_article(_article("Third article, stored fine.", outlet="Fine"))
    titles = [r["outlet"] for r in ledger.articles()]
    assert titles == ["Fine", "Fine"]
    fts = ledger.db.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert fts == 2
    assert ledger.search("crashes") == []


def test_failed_analysis_save_keeps_previous_state(ledger: Ledger) -> None:
    article = _article("Kyiv said talks would resume.")
    ledger.add_article(article)
    good = Analysis(
        article.id,
        [Sentence(article.id, 0, 0, 29, article.text)],
        [Mention(article.id, 0, 4, "Kyiv", "GPE", 0)],
    )
    ledger.save_analysis(good, model="m", pipeline="1")
    broken = Analysis(
        article.id,
        [Sentence(article.id, 0, 0, 5, "Kyiv "), Sentence(article.id, 0, 5, 9, "said")],
        [],
    )  # duplicate idx
    with pytest.raises(sqlite3.IntegrityError):
        ledger.save_analysis(broken, model="m", pipeline="1")
    assert [m["text"] for m in ledger.mentions()] == ["Kyiv"]
    assert len(ledger.sentences(article.id)) == 1
    assert ledger.count_pending() == 0


def test_deleting_an_article_cascades(ledger: Ledger) -> None:
    article = _article("Moscow said nothing new.")
    ledger.add_article(article)
    ledger.save_analysis(
        Analysis(article.id, [], [Mention(article.id, 0, 6, "Moscow", "GPE")]),
        model="m",
        pipeline="1",
    )
    with ledger.transaction() as db:
        db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
    for table in ("sightings", "analyses", "mentions", "articles_fts"):
        assert ledger.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_full_text_search(ledger: Ledger) -> None:
    ingest(ledger, [str(GOOD)])
    hits = ledger.search("Peskov")
    assert [h["title"] for h in hits] == ["Kremlin comments on guarantees"]
    assert "[Peskov]" in hits[0]["snippet"]
    assert {h["title"] for h in ledger.search('"Abu Dhabi" AND postponed')} == {"Summary only item"}
    assert ledger.search('unbalanced "quote') == []  # bad FTS syntax falls back to words
    assert ledger.search("Zelensky")[0]["title"] == "Davos meeting"
    assert ledger.search("   ") == []


def test_article_id_prefix_resolution(ledger: Ledger) -> None:
    article = _article("Unique article text for prefix lookup.")
    ledger.add_article(article)
    assert ledger.article(article.id[:5])["id"] == article.id
    with pytest.raises(NotFoundError, match="no article"):
        ledger.article("ffffffffff")
    with pytest.raises(NotFoundError, match="not an article id"):
        ledger.article("xyz; DROP TABLE articles")


def test_ingest_memory_stays_bounded_on_large_jsonl(tmp_path: Path, ledger: Ledger) -> None:
    """A 24 MB JSON Lines file streams: Python memory stays far below the file size."""
    path = tmp_path / "big.jsonl"
    paragraph = "Delegations met again in Abu Dhabi to discuss the front line. " * 160
    with path.open("w", encoding="utf-8") as out:
        for number in range(2400):
            out.write(json.dumps({"text": f"Report {number}. {paragraph}", "outlet": "Bulk"}))
            out.write("\n")
    size = path.stat().st_size
    tracemalloc.start()
    report = ingest(ledger, [str(path)])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.counts["stored"] == 2400
    assert size > 20_000_000
    assert peak < size / 8, f"peak {peak} bytes for a {size}-byte file"


def test_earliest_sighting_describes_the_article(ledger: Ledger) -> None:
    text = "Wire report on the first round of talks in Abu Dhabi."
    ledger.add_article(_article(text, outlet="Mirror", published="2026-01-24T21:00:00Z"))
    ledger.add_article(_article(text, outlet="Wire", published="2026-01-24T18:00:00Z"))
    ledger.add_article(_article(text, outlet="Late", published="2026-01-25T08:00:00Z"))
    (row,) = ledger.articles()
    assert (row["outlet"], row["published"], row["sightings"]) == (
        "Wire",
        "2026-01-24T18:00:00Z",
        3,
    )
