"""The PostgreSQL back end: a connection that looks like the SQLite one the store code uses.

The ledger's SQL is written once, for SQLite, in the forms both engines agree on. What
differs is bridged here, in one place:

- statements: ``?`` placeholders become ``%s``, ``LIKE`` becomes ``ILIKE`` (SQLite's LIKE
  ignores ASCII case), ``INSERT OR IGNORE`` becomes ``INSERT ... ON CONFLICT DO NOTHING``,
  every ORDER BY item gets SQLite's NULL placement, and an FTS5 ``articles_fts MATCH ?``
  filter becomes a match on the ``fts`` column;
- schema: the same numbered migrations, with types mapped (``INTEGER PRIMARY KEY`` to an
  identity column, ``REAL`` to double precision, ``BLOB`` to bytea), a ``rowid`` identity
  column on tables that have no integer key, and a stored ``tsvector`` column under a GIN
  index in place of the FTS5 table and its triggers (both columns hidden from ``SELECT *``);
- a few SQLite names defined in the database: the ``nocase`` collation (ICU, case-insensitive),
  ``group_concat``, ``sum(boolean)``, ``json_each`` over a JSON array kept as text,
  ``pragma_table_info`` and a ``sqlite_master`` view of the tables;
- values: booleans and numerics come back as the ints and floats SQLite gives, Python
  ``bool`` parameters go in as integers, and database errors are raised as the ``sqlite3``
  exception classes the callers already handle (the original error is chained).
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.adapt import Buffer, Dumper, Loader

# Defined before the first migration (idempotent): the SQLite names the ledger's SQL uses.
# Raise COMPAT_VERSION when this list changes: ledgers made before get it on their next open.
COMPAT_VERSION = "3"
COMPAT = [
    """DO $$ BEGIN
        CREATE COLLATION IF NOT EXISTS nocase
            (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
    END $$""",
    """CREATE OR REPLACE FUNCTION newsledger_concat(acc text, item text) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN item IS NULL THEN acc WHEN acc IS NULL THEN item
                    ELSE acc || ',' || item END $$""",
    "CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = newsledger_concat, STYPE = text)",
    # SQLite sums comparisons (true is 1): sum(kind = 'direct').
    """CREATE OR REPLACE FUNCTION newsledger_add(acc bigint, item boolean) RETURNS bigint
        LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN item IS NULL THEN acc ELSE coalesce(acc, 0) + item::int END $$""",
    "CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = newsledger_add, STYPE = bigint)",
    """CREATE OR REPLACE FUNCTION json_each(text) RETURNS TABLE (value text)
        LANGUAGE sql IMMUTABLE AS $$ SELECT json_array_elements_text($1::json) $$""",
    # An FTS5 query (quoted words and phrases, AND, OR, NOT, parentheses) as a tsquery; what
    # to_tsquery cannot read is read as a web search.
    r"""CREATE OR REPLACE FUNCTION newsledger_fts5(query text) RETURNS tsquery
        LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            RETURN to_tsquery('simple', replace(regexp_replace(regexp_replace(regexp_replace(
                query, '\s+AND\s+', ' & ', 'g'), '\s+OR\s+', ' | ', 'g'),
                '\s+NOT\s+', ' & !', 'g'), '"', ''''));
        EXCEPTION WHEN others THEN
            RETURN websearch_to_tsquery('simple', query);
        END $$""",
    """CREATE OR REPLACE FUNCTION pragma_table_info(text) RETURNS TABLE (name text)
        LANGUAGE sql STABLE AS $$
        SELECT column_name::text FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1
          AND column_name NOT IN ('rowid', 'fts')
        ORDER BY ordinal_position $$""",
    """CREATE OR REPLACE VIEW sqlite_master AS
        SELECT CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END AS type,
               table_name::text AS name, table_name::text AS tbl_name, NULL::text AS sql
        FROM information_schema.tables WHERE table_schema = current_schema()""",
]

# In place of the FTS5 table and its triggers: a stored tsvector column kept by PostgreSQL
# itself, under a GIN index. Like ``rowid``, ``SELECT *`` does not show it.
FTS = [
    "ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS"
    " (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX articles_fts ON articles USING gin (fts)",
]
HIDDEN = ("rowid", "fts")


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# -- statements -----------------------------------------------------------------------------

_QUOTED = re.compile(r"""('(?:[^']|'')*'|"(?:[^"]|"")*")""")
_LIKE = re.compile(r"\bLIKE\b", re.IGNORECASE)
_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)
_SELECT_LIST = re.compile(r"\s*SELECT\s+(.*?)\bFROM\b", re.IGNORECASE | re.DOTALL)
_DELETE_ALL = re.compile(r"\s*DELETE\s+FROM\s+(\w+)\s*;?\s*$", re.IGNORECASE)


def _outside_quotes(sql: str, change: Any) -> str:
    parts = _QUOTED.split(sql)
    return "".join(change(p) if i % 2 == 0 else p.replace("%", "%%") for i, p in enumerate(parts))


_FTS5_MATCH = re.compile(
    r"\bFROM\s+articles_fts\s+WHERE\s+articles_fts\s+MATCH\s+\?", re.IGNORECASE
)


def _plain_part(text: str) -> str:
    text = _FTS5_MATCH.sub("FROM articles WHERE fts @@ newsledger_fts5(?)", text)
    text = text.replace("%", "%%").replace("?", "%s")
    return _LIKE.sub("ILIKE", text)


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|FOR|UNION|EXCEPT|INTERSECT|RETURNING)\b", re.IGNORECASE)
_HAS_NULLS = re.compile(r"\bNULLS\s+(FIRST|LAST)\s*$", re.IGNORECASE)
_DESC = re.compile(r"\bDESC\s*$", re.IGNORECASE)


def _order_items(text: str) -> tuple[list[str], int]:
    """The comma-separated items of an ORDER BY starting at ``text`` and where it ends."""
    depth, start, items = 0, 0, []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char == "," and depth == 0:
            items.append(text[start:position])
            start = position + 1
        elif (
            depth == 0
            and char.isalpha()
            and (position == 0 or not text[position - 1].isalnum())
            and _ORDER_END.match(text, position)
        ):
            break
        position += 1
    items.append(text[start:position])
    return items, position


def _sqlite_nulls(sql: str) -> str:
    """NULL sorts first ascending and last descending in SQLite: say so in every ORDER BY."""
    out, rest = "", sql
    while match := _ORDER_BY.search(rest):
        out += rest[: match.end()]
        rest = rest[match.end() :]
        items, end = _order_items(rest)
        ordered = []
        for item in items:
            body = item.rstrip()
            if not _HAS_NULLS.search(body):
                body += " NULLS LAST" if _DESC.search(body) else " NULLS FIRST"
            ordered.append(body + item[len(item.rstrip()) :])
        out += ",".join(ordered)
        rest = rest[end:]
    return out + rest


def _unquoted(sql: str, change: Any) -> str:
    """``change`` applied to the statement with its quoted text set aside, then put back."""
    parts = _QUOTED.split(sql)
    quoted = parts[1::2]
    masked = "".join(p if i % 2 == 0 else f"\x00{i // 2}\x00" for i, p in enumerate(parts))
    changed = change(masked)
    return re.sub("\x00(\\d+)\x00", lambda m: quoted[int(m.group(1))], changed)


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """One statement of the ledger's SQL in PostgreSQL's dialect."""
    out = _outside_quotes(sql, _plain_part)
    if _ORDER_BY.search(out):
        out = _unquoted(out, _sqlite_nulls)
    if _OR_IGNORE.search(out):
        out = _OR_IGNORE.sub("INSERT INTO", out)
        returning = _RETURNING.search(out)
        if returning:
            out = out[: returning.start()] + "ON CONFLICT DO NOTHING " + out[returning.start() :]
        else:
            out = out.rstrip() + " ON CONFLICT DO NOTHING"
    return out


@lru_cache(maxsize=2048)
def _hidden(sql: str) -> frozenset[str]:
    """``SELECT *`` must not show ``rowid`` (hidden in SQLite too) nor the full-text column."""
    found = _SELECT_LIST.match(sql)
    listed = found.group(1) if found else ""
    return frozenset(n for n in HIDDEN if not re.search(rf"\b{n}\b", listed, re.IGNORECASE))


# -- schema ---------------------------------------------------------------------------------

_INT_KEY = re.compile(r"\b(\w+) INTEGER PRIMARY KEY\b")
_TYPES = [
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
]
_CREATE_TABLE = re.compile(r"^\s*CREATE TABLE (\w+) \(", re.IGNORECASE)


def translate_ddl(statement: str) -> list[str]:
    """One migration statement as PostgreSQL statements (none for the FTS5 triggers)."""
    head = statement.lstrip().upper()
    if head.startswith("CREATE VIRTUAL TABLE ARTICLES_FTS"):
        return list(FTS)
    if head.startswith("CREATE TRIGGER ARTICLES_FTS"):
        return []
    out = statement
    table = _CREATE_TABLE.match(out)
    if table and _INT_KEY.search(out) and "event_id INTEGER PRIMARY KEY" not in out:
        out = _INT_KEY.sub(r"\1 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", out)
    elif table:
        body = out.rstrip()
        assert body.endswith(")"), statement
        out = body[:-1].rstrip() + ",\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY\n)"
    for pattern, replacement in _TYPES:
        out = pattern.sub(replacement, out)
    return [out]


# -- values ---------------------------------------------------------------------------------


class _BoolAsInt(Dumper):
    """SQLite keeps flags as integers: Python ``True`` goes in as 1."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: Any) -> Buffer:
        return b"1" if obj else b"0"


class _BoolLoader(Loader):
    def load(self, data: Buffer) -> int:
        return 1 if bytes(data) == b"t" else 0


class _NumericLoader(Loader):
    """Sums and averages come back as SQLite gives them: int when whole, else float."""

    def load(self, data: Buffer) -> int | float:
        text = bytes(data).decode()
        if "." in text or "e" in text.lower() or "n" in text.lower():
            value = Decimal(text)
            return float(value)
        return int(text)


class PgRow:
    """A row read by name or by position, like ``sqlite3.Row``; ``dict(row)`` works."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[Any]) -> None:
        self._index = index
        self._values = values

    def keys(self) -> list[str]:
        return list(self._index)

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._index, self._values, strict=False))!r})"


def _as_sqlite_error(error: psycopg.Error) -> sqlite3.DatabaseError:
    message = str(error).strip()
    if isinstance(error, psycopg.errors.IntegrityError):
        return sqlite3.IntegrityError(message)
    if isinstance(error, psycopg.errors.ReadOnlySqlTransaction):
        return sqlite3.OperationalError(f"attempt to write a readonly database ({message})")
    if isinstance(error, psycopg.errors.OperationalError | psycopg.errors.ProgrammingError):
        return sqlite3.OperationalError(message)
    return sqlite3.DatabaseError(message)


class PgCursor:
    """The result of one statement, read like an ``sqlite3.Cursor``."""

    def __init__(self, cursor: psycopg.Cursor[Any], hidden: frozenset[str]) -> None:
        self._cursor = cursor
        self.rowcount = cursor.rowcount
        self.lastrowid = None
        description = cursor.description or []
        names = [column.name for column in description]
        keep = [i for i, n in enumerate(names) if n not in hidden]
        self._keep = keep if len(keep) < len(names) else None
        self._index: dict[str, int] = {}
        for position, column in enumerate(keep):
            self._index.setdefault(names[column], position)
        self.description = [(names[i], None, None, None, None, None, None) for i in keep]

    def _row(self, values: Sequence[Any] | None) -> PgRow | None:
        if values is None:
            return None
        if self._keep is not None:
            values = [values[i] for i in self._keep]
        return PgRow(self._index, values)

    def fetchone(self) -> PgRow | None:
        if self._cursor.description is None:
            return None
        return self._row(self._cursor.fetchone())

    def fetchall(self) -> list[PgRow]:
        if self._cursor.description is None:
            return []
        return [PgRow(self._index, v) for v in self._values(self._cursor.fetchall())]

    def fetchmany(self, size: int = 1) -> list[PgRow]:
        if self._cursor.description is None:
            return []
        return [PgRow(self._index, v) for v in self._values(self._cursor.fetchmany(size))]

    def _values(self, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        keep = self._keep
        for values in rows:
            yield values if keep is None else [values[i] for i in keep]

    def __iter__(self) -> Iterator[PgRow]:
        if self._cursor.description is None:
            return iter(())
        return (PgRow(self._index, v) for v in self._values(self._cursor))

    def close(self) -> None:
        self._cursor.close()


_STREAMS = itertools.count(1)


class PgConnection:
    """A PostgreSQL connection with the surface of the ``sqlite3.Connection`` the store uses.

    Autocommit, as the SQLite connection (``isolation_level=None``): transactions are the
    ledger's explicit BEGIN ... COMMIT. ``readonly`` makes every transaction read-only.
    """

    dialect = "postgresql"

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        options = "-c default_transaction_read_only=on" if readonly else ""
        try:
            self._conn = psycopg.connect(url, autocommit=True, options=options)
        except psycopg.Error as error:
            raise _as_sqlite_error(error) from error
        self._conn.adapters.register_dumper(bool, _BoolAsInt)
        self._conn.adapters.register_loader("bool", _BoolLoader)
        self._conn.adapters.register_loader("numeric", _NumericLoader)
        self.readonly = readonly
        self._identity: dict[str, bool] = {}

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        cursor = self._conn.cursor()
        try:
            cursor.execute(translate(sql), tuple(params) if params is not None else ())
        except psycopg.Error as error:
            raise _as_sqlite_error(error) from error
        emptied = _DELETE_ALL.match(sql)
        if emptied:
            self._restart_ids(emptied.group(1))
        return PgCursor(cursor, _hidden(sql))

    def _restart_ids(self, table: str) -> None:
        """SQLite numbers a table's rows from 1 again once it is empty: so do we."""
        if table not in self._identity:
            found = self._conn.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = %s AND column_name = 'id' AND is_identity = 'YES'",
                (table,),
            ).fetchone()
            self._identity[table] = found is not None
        if self._identity[table]:
            self._conn.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), 1, false)"
                f' WHERE NOT EXISTS (SELECT 1 FROM "{table}")',
                (table,),
            )

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        rows = [tuple(p) for p in seq]
        cursor = self._conn.cursor()
        if rows:
            try:
                cursor.executemany(translate(sql), rows)
            except psycopg.Error as error:
                raise _as_sqlite_error(error) from error
        return PgCursor(cursor, frozenset(HIDDEN))

    def stream(self, sql: str, size: int) -> Iterator[list[tuple[Any, ...]]]:
        """A query's rows ``size`` at a time through a server-side cursor, so a whole table
        never sits in memory; call it inside a transaction (the ledger's explicit BEGIN)."""
        with self._conn.cursor(name=f"newsledger_stream_{next(_STREAMS)}") as cursor:
            try:
                cursor.execute(translate(sql))
                while rows := cursor.fetchmany(size):
                    yield [tuple(row) for row in rows]
            except psycopg.Error as error:
                raise _as_sqlite_error(error) from error

    def execute_raw(self, sql: str) -> None:
        """A statement as written, no translation (PostgreSQL-only DDL)."""
        try:
            self._conn.execute(sql.encode())
        except psycopg.Error as error:
            raise _as_sqlite_error(error) from error

    def close(self) -> None:
        self._conn.close()


# -- full text ------------------------------------------------------------------------------

_OPERATORS = {"AND": "", "OR": "or", "NOT": "-"}


def web_query(query: str) -> str:
    """FTS5-style words, "phrases", AND, OR and NOT as a ``websearch_to_tsquery`` query."""
    out: list[str] = []
    pending_not = False
    for token in re.findall(r'"[^"]*"|\S+', query):
        if token in _OPERATORS:
            pending_not = token == "NOT"
            if token == "OR":
                out.append("or")
            continue
        word = token.strip("()")
        out.append(("-" if pending_not else "") + word)
        pending_not = False
    return " ".join(w for w in out if w)


def search(db: Any, query: str, limit: int) -> list[dict[str, Any]]:
    """PostgreSQL's own full-text search over titles and text, best matches first."""
    terms = web_query(query)
    if not terms:
        return []
    # The best matches first, through the GIN index; snippets only for those.
    sql = (
        "SELECT a.id, a.published, a.outlet, a.title, ts_headline('simple', a.text, hit.q,"
        " 'StartSel=[, StopSel=], MaxWords=14, MinWords=6, ShortWord=2, FragmentDelimiter=…')"
        " AS snippet FROM (SELECT a.rowid AS r, q, ts_rank(a.fts, q) AS rank"
        " FROM articles a, websearch_to_tsquery('simple', ?) q"
        " WHERE a.fts @@ q ORDER BY rank DESC, a.rowid LIMIT ?) hit"
        " JOIN articles a ON a.rowid = hit.r ORDER BY hit.rank DESC, a.rowid"
    )
    return [dict(r) for r in db.execute(sql, (terms, limit))]
