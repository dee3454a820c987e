"""``export --format parquet``: every table, its row count, its types, read back by pyarrow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import Result

from newsledger import Ledger
from newsledger.errors import NewsledgerError
from newsledger.views.parquet import arrow_type, export_parquet, exported_tables


def sqlite_counts(path: Path) -> dict[str, int]:
    with Ledger(path, readonly=True) as ledger:
        return {
            table: ledger.db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in exported_tables(ledger.db)
        }


def test_every_table_with_its_rows(
    demo_db: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    out = tmp_path / "parquet"
    result = run("export", "--db", str(demo_db), "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.output
    expected = sqlite_counts(demo_db)
    assert {"articles", "sentences", "mentions", "actor_mentions", "events"} <= set(expected)
    assert not any(name.startswith("articles_fts") for name in expected)
    assert sorted(p.stem for p in out.glob("*.parquet")) == sorted(expected)
    assert not list(out.glob(".*"))  # no partial files left behind
    for table, rows in expected.items():
        assert pq.read_metadata(out / f"{table}.parquet").num_rows == rows, table
    assert f"{len(expected)} tables written as Parquet" in result.stderr


def test_values_and_types_read_back(demo_db: Path, tmp_path: Path) -> None:
    with Ledger(demo_db, readonly=True) as ledger:
        export_parquet(ledger, tmp_path, batch_rows=7)  # many small batches, one file each
        rows = ledger.db.execute(
            'SELECT article_id, sentence, start, "end", text, place_id, confidence'
            " FROM place_mentions ORDER BY rowid"
        ).fetchall()
        text = ledger.db.execute("SELECT text FROM articles ORDER BY rowid LIMIT 1").fetchone()[0]
    places = pq.read_table(tmp_path / "place_mentions.parquet")
    assert places.schema.field("start").type == pa.int64()
    assert not places.schema.field("start").nullable  # NOT NULL
    assert places.schema.field("confidence").type == pa.float64()
    assert places.schema.field("place_id").type == pa.string()
    assert places.schema.field("place_id").metadata == {b"sqlite_type": b"TEXT"}
    assert places.schema.metadata[b"newsledger_table"] == b"place_mentions"
    columns = ["article_id", "sentence", "start", "end", "text", "place_id", "confidence"]
    assert [tuple(r.values()) for r in places.select(columns).to_pylist()] == [
        tuple(r) for r in rows
    ]
    articles = pq.ParquetFile(tmp_path / "articles.parquet")
    assert articles.metadata.num_row_groups > 1  # written batch by batch
    assert articles.read().column("text")[0].as_py() == text


def test_affinity_rules() -> None:
    assert arrow_type("INTEGER") == pa.int64()
    assert arrow_type("BIGINT") == pa.int64()
    assert arrow_type("VARCHAR(20)") == pa.string()
    assert arrow_type("") == pa.string()
    assert arrow_type("REAL") == pa.float64()
    assert arrow_type("NUMERIC") == pa.float64()
    assert arrow_type("BLOB") == pa.binary()


def test_refuses_stdout_and_files(
    demo_db: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    result = run("export", "--db", str(demo_db), "--format", "parquet")
    assert result.exit_code == 1
    assert "Error: Parquet is written to a directory" in result.stderr
    taken = tmp_path / "file"
    taken.write_text("x")
    with Ledger(demo_db, readonly=True) as ledger, pytest.raises(NewsledgerError):
        export_parquet(ledger, taken)
