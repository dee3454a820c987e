"""The ledger as Parquet: one file per table, for DuckDB, pandas, Polars or Spark users.

Each table is read through one cursor and written in record batches, so memory holds one batch
whatever the size of the ledger. Column types follow SQLite's affinity rules for the declared
type; the declared type, the table's schema version and NOT NULL travel in the Parquet schema.
The full-text index is left out: its shadow tables are SQLite internals, and it holds nothing
the ``articles`` table does not.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsledger.errors import NewsledgerError
from newsledger.store import Ledger

BATCH_ROWS = 5_000
FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


@dataclass(frozen=True)
class TableExport:
    table: str
    rows: int
    path: str

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "rows": self.rows, "path": self.path}


def arrow_type(declared: str) -> Any:
    """The Arrow type of a column, by SQLite's affinity rules for its declared type."""
    name = declared.upper()
    if "INT" in name:
        return pa.int64()
    if any(word in name for word in ("CHAR", "CLOB", "TEXT")) or not name:
        return pa.string()
    if "BLOB" in name:
        return pa.binary()
    return pa.float64()  # REAL, FLOAT, DOUBLE and NUMERIC affinity


def _postgres(db: Any) -> bool:
    return getattr(db, "dialect", None) == "postgresql"


# PostgreSQL column types as the SQLite declared types the migrations wrote.
PG_DECLARED = {
    "bigint": "INTEGER",
    "integer": "INTEGER",
    "smallint": "INTEGER",
    "boolean": "INTEGER",
    "double precision": "REAL",
    "real": "REAL",
    "numeric": "REAL",
    "bytea": "BLOB",
}


def exported_tables(db: sqlite3.Connection) -> list[str]:
    """The ledger's own tables: not SQLite's, not virtual tables nor their shadow tables."""
    if _postgres(db):
        return [
            r[0]
            for r in db.execute(
                "SELECT table_name::text FROM information_schema.tables"
                " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                " ORDER BY table_name"
            ).fetchall()
        ]
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ).fetchall()
    virtual = [r[0] for r in rows if (r[1] or "").upper().startswith("CREATE VIRTUAL")]
    shadows = {v + suffix for v in virtual for suffix in FTS_SHADOWS}
    return [r[0] for r in rows if r[0] not in virtual and r[0] not in shadows]


def _columns(db: sqlite3.Connection, table: str) -> list[tuple[str, str, bool, bool]]:
    """(name, declared SQLite type, not null, integer primary key) of each column."""
    if _postgres(db):
        rows = db.execute(
            "SELECT column_name::text, data_type::text, is_nullable::text"
            " FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = ? AND column_name NOT IN ('rowid', 'fts') ORDER BY ordinal_position",
            (table,),
        ).fetchall()
        return [(r[0], PG_DECLARED.get(r[1], "TEXT"), r[2] == "NO", False) for r in rows]
    return [
        (name, declared or "", bool(notnull), pk == 1)
        for _cid, name, declared, notnull, _default, pk in db.execute(
            f'PRAGMA table_info("{table}")'
        ).fetchall()
    ]


def table_schema(db: sqlite3.Connection, table: str, version: int) -> pa.Schema:
    fields = []
    for name, declared, notnull, pk in _columns(db, table):
        kind = arrow_type(declared or "")
        required = notnull or (pk and kind == pa.int64())
        fields.append(
            pa.field(name, kind, nullable=not required, metadata={"sqlite_type": declared or ""})
        )
    return pa.schema(
        fields, metadata={"newsledger_table": table, "newsledger_schema": str(version)}
    )


def record_batches(
    db: sqlite3.Connection, table: str, schema: pa.Schema, batch_rows: int = BATCH_ROWS
) -> Iterator[pa.RecordBatch]:
    """The table's rows, ``batch_rows`` at a time, as Arrow batches of ``schema``."""
    columns = ", ".join(f'"{name}"' for name in schema.names)
    for rows in _batches(db, f'SELECT {columns} FROM "{table}"', batch_rows):
        values = list(zip(*rows, strict=True))
        try:
            arrays = [pa.array(v, type=f.type) for v, f in zip(values, schema, strict=True)]
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as error:
            raise NewsledgerError(
                f"table {table} holds a value that does not fit its declared column type ({error})"
            ) from error
        yield pa.RecordBatch.from_arrays(arrays, schema=schema)


def _batches(db: sqlite3.Connection, sql: str, size: int) -> Iterator[list[Any]]:
    if _postgres(db):
        pg: Any = db
        yield from pg.stream(sql, size)  # a server-side cursor
        return
    cursor = db.cursor()
    cursor.row_factory = None
    cursor.execute(sql)
    while rows := cursor.fetchmany(size):
        yield rows


def export_table(
    db: sqlite3.Connection, table: str, folder: Path, version: int, batch_rows: int = BATCH_ROWS
) -> TableExport:
    """Write one table to FOLDER/TABLE.parquet (through a temporary file, then renamed)."""
    schema = table_schema(db, table, version)
    target = folder / f"{table}.parquet"
    partial = folder / f".{table}.parquet.part"
    rows = 0
    with pq.ParquetWriter(partial, schema, compression="zstd") as writer:
        for batch in record_batches(db, table, schema, batch_rows):
            writer.write_batch(batch)
            rows += batch.num_rows
    os.replace(partial, target)
    return TableExport(table, rows, str(target))


def export_parquet(
    ledger: Ledger, directory: str | os.PathLike[str], *, batch_rows: int = BATCH_ROWS
) -> list[TableExport]:
    """Write every table of the ledger as DIRECTORY/TABLE.parquet; returns what was written."""
    folder = Path(directory)
    if str(directory) == "-":
        raise NewsledgerError(
            "Parquet is written to a directory, not to stdout", hint="give -o DIRECTORY"
        )
    if folder.exists() and not folder.is_dir():
        raise NewsledgerError(
            f"{folder} exists and is not a directory", hint="give -o a directory to write into"
        )
    folder.mkdir(parents=True, exist_ok=True)
    version = ledger.schema_version
    with _snapshot(ledger.db):
        return [
            export_table(ledger.db, table, folder, version, batch_rows)
            for table in exported_tables(ledger.db)
        ]


@contextmanager
def _snapshot(db: sqlite3.Connection) -> Iterator[None]:
    """One read transaction, so every table comes from the same state of the ledger."""
    if db.in_transaction:
        yield
        return
    db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ" if _postgres(db) else "BEGIN")
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchall()  # the snapshot starts here
        yield
    finally:
        db.execute("COMMIT")
