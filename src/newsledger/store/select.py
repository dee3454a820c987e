"""A small helper for the ledger's filtered SELECTs: optional WHERE clauses, order, limit."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


@dataclass
class Filters:
    """WHERE clauses and their parameters, added only for the filters a caller gave."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *values: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(values)

    def sql(self, select: str, tail: str = "", limit: int | None = None) -> tuple[str, list[Any]]:
        """The statement: ``select`` [WHERE ...] ``tail`` [LIMIT ?], with its parameters."""
        sql = select + (" WHERE " + " AND ".join(self.clauses) if self.clauses else "") + tail
        params = list(self.params)
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return sql, params

    def rows(
        self, db: sqlite3.Connection, select: str, tail: str = "", limit: int | None = None
    ) -> list[Row]:
        return [dict(r) for r in db.execute(*self.sql(select, tail, limit))]


def pick(db: object, expr: str) -> str:
    """A column of a grouped SELECT that is not grouped on: SQLite takes it from one row of
    the group as written; PostgreSQL wants an aggregate, so there it is the group's min()."""
    return f"min({expr})" if getattr(db, "dialect", "sqlite") == "postgresql" else expr


def like(text: str) -> str:
    """A LIKE pattern for text containing ``text``, used with ``ESCAPE '\\'``."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
