"""Rows of the ``findings`` table: one per finding, the evidence spans as JSON."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from newsledger.findings.model import Finding

_COLUMNS = 'article_id, kind, severity, basis, message, sentence, start, "end", evidence, details'


def insert_findings(db: sqlite3.Connection, article_id: str, items: Iterable[Finding]) -> None:
    db.executemany(
        f"INSERT INTO findings ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                article_id,
                f.kind,
                f.severity,
                f.basis,
                f.message,
                f.sentence,
                f.evidence[0].start if f.evidence else None,
                f.evidence[-1].end if f.evidence else None,
                json.dumps([e.to_dict() for e in f.evidence], ensure_ascii=False),
                json.dumps(f.details, ensure_ascii=False, default=str),
            )
            for f in items
        ],
    )


def finding_view(row: sqlite3.Row) -> dict[str, Any]:
    """A stored finding in the same shape as ``Finding.to_dict``."""
    return {
        "kind": row["kind"],
        "severity": row["severity"],
        "basis": row["basis"],
        "message": row["message"],
        "sentence": row["sentence"],
        "evidence": json.loads(row["evidence"]),
        "details": json.loads(row["details"]),
    }


def article_findings(db: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT * FROM findings WHERE article_id = ? ORDER BY start, id", (article_id,)
    )
    return [finding_view(r) for r in rows]


def list_findings(
    db: sqlite3.Connection,
    *,
    kind: str | None = None,
    severity: str | None = None,
    basis: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Findings across the ledger, with their article's outlet and date, newest article last."""
    where, args = [], []
    for column, value in (
        ("f.kind", kind),
        ("f.severity", severity),
        ("f.basis", basis),
        ("f.article_id", article),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    sql = (
        "SELECT f.*, a.outlet, a.published, a.title FROM findings f"
        " JOIN articles a ON a.id = f.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.published IS NULL, a.published, f.article_id, f.start, f.id"
        + (" LIMIT ?" if limit else "")
    )
    if limit:
        args.append(str(limit))
    rows = db.execute(sql, args).fetchall()
    return [
        {
            "article_id": r["article_id"],
            "outlet": r["outlet"],
            "published": r["published"],
            **finding_view(r),
            "text": (json.loads(r["evidence"]) or [{}])[0].get("text"),
        }
        for r in rows
    ]


def replace_outlet_findings(db: sqlite3.Connection, found: dict[str, list[Finding]]) -> int:
    """Drop every finding resting on other outlets and store the new ones; returns how many."""
    db.execute("DELETE FROM findings WHERE basis = 'outlets'")
    for article_id, items in found.items():
        insert_findings(db, article_id, items)
    return sum(len(items) for items in found.values())
