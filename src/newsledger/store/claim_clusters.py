"""Rows of the claim-cluster tables (migration 9) and the queries the views make of them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from newsledger.store.select import Filters, like

Row = dict[str, Any]
Cluster = tuple[Row, Sequence[Row], Sequence[Row]]  # summary, members, contradictions

_CLUSTER_COLUMNS = (
    "label", "kind", "reports", "articles", "outlets", "voices", "agreement", "rating",
    "earliest_article_id", "earliest_published", "earliest_outlet", "original_source",
    "original_source_type", "claimant",
)  # fmt: skip
_MEMBER_COLUMNS = (
    "article_id", "claim_index", "start", "end", "text", "kind", "value", "agrees", "outlet",
    "published", "url", "sentence", "claimant", "voice", "similarity",
)  # fmt: skip


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"


def replace(db: sqlite3.Connection, clusters: Iterable[Cluster]) -> None:
    """Replace every cluster, member and contradiction (inside the caller's transaction)."""
    for table in ("contradictions", "claim_cluster_members", "claim_clusters"):
        db.execute(f"DELETE FROM {table}")
    for number, (summary, members, conflicts) in enumerate(clusters, start=1):
        db.execute(
            _insert_sql("claim_clusters", ("id", *_CLUSTER_COLUMNS)),
            (number, *(summary[c] for c in _CLUSTER_COLUMNS)),
        )
        db.executemany(
            _insert_sql("claim_cluster_members", ("cluster_id", *_MEMBER_COLUMNS)),
            [(number, *(_plain(m[c]) for c in _MEMBER_COLUMNS)) for m in members],
        )
        db.executemany(
            "INSERT INTO contradictions (cluster_id, kind, detail, a_article_id, b_article_id,"
            " a, b) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    number,
                    c["kind"],
                    c["detail"],
                    c["a"]["article_id"],
                    c["b"]["article_id"],
                    json.dumps(c["a"], ensure_ascii=False),
                    json.dumps(c["b"], ensure_ascii=False),
                )
                for c in conflicts
            ],
        )


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def has_tables(db: sqlite3.Connection) -> bool:
    return (
        db.execute("SELECT 1 FROM sqlite_master WHERE name = 'claim_clusters'").fetchone()
        is not None
    )


def clusters(
    db: sqlite3.Connection,
    *,
    min_reports: int = 1,
    rating: str | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Clusters, most independent voices first."""
    filters = Filters()
    filters.add("c.reports >= ?", min_reports)
    if rating:
        filters.add("c.rating = ?", rating)
    if text:
        filters.add("c.label LIKE ? ESCAPE '\\'", like(text))
    return filters.rows(
        db,
        "SELECT c.* FROM claim_clusters c",
        " ORDER BY c.voices DESC, c.reports DESC, c.earliest_published, c.id",
        limit,
    )


def members(db: sqlite3.Connection, cluster_id: int) -> list[Row]:
    rows = db.execute(
        "SELECT * FROM claim_cluster_members WHERE cluster_id = ?"
        " ORDER BY published IS NULL, published, article_id, start",
        (cluster_id,),
    )
    return [{**dict(r), "agrees": bool(r["agrees"])} for r in rows]


def contradictions(
    db: sqlite3.Connection,
    *,
    kind: str | None = None,
    article: str | None = None,
    cluster: int | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Contradictions with both sides decoded, in cluster order."""
    filters = Filters()
    if kind:
        filters.add("x.kind = ?", kind)
    if article:
        filters.add("(x.a_article_id = ? OR x.b_article_id = ?)", article, article)
    if cluster is not None:
        filters.add("x.cluster_id = ?", cluster)
    rows = filters.rows(
        db,
        "SELECT x.id, x.cluster_id, c.label AS claim, x.kind, x.detail, x.a, x.b"
        " FROM contradictions x JOIN claim_clusters c ON c.id = x.cluster_id",
        " ORDER BY x.cluster_id, x.id",
        limit,
    )
    return [{**r, "a": json.loads(r["a"]), "b": json.loads(r["b"])} for r in rows]


def all_members(db: sqlite3.Connection) -> dict[int, list[Row]]:
    """Every cluster's members, keyed by cluster id (for exports)."""
    grouped: dict[int, list[Row]] = {}
    for row in db.execute(
        "SELECT * FROM claim_cluster_members ORDER BY cluster_id, published IS NULL, published,"
        " article_id, start"
    ):
        member = {**dict(row), "agrees": bool(row["agrees"])}
        grouped.setdefault(row["cluster_id"], []).append(member)
    return grouped


def load_vectors(db: sqlite3.Connection, keys: Collection[str]) -> dict[str, bytes]:
    """Stored embeddings (float32 bytes) of the given keys, those there are."""
    found: dict[str, bytes] = {}
    ordered = sorted(keys)
    for begin in range(0, len(ordered), 500):
        part = ordered[begin : begin + 500]
        marks = ",".join("?" * len(part))
        for key, vector in db.execute(
            f"SELECT key, vector FROM claim_embeddings WHERE key IN ({marks})", part
        ):
            found[key] = bytes(vector)
    return found


def keep_vectors(db: sqlite3.Connection, fresh: dict[str, bytes], used: Collection[str]) -> None:
    """Store new embeddings and drop those no claim uses any more (in the caller's transaction)."""
    db.executemany(
        "INSERT INTO claim_embeddings VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET vector = excluded.vector",
        fresh.items(),
    )
    db.execute("CREATE TEMP TABLE IF NOT EXISTS used_keys (key TEXT PRIMARY KEY)")
    db.execute("DELETE FROM used_keys")
    db.executemany("INSERT INTO used_keys VALUES (?) ON CONFLICT DO NOTHING", [(k,) for k in used])
    db.execute("DELETE FROM claim_embeddings WHERE key NOT IN (SELECT key FROM used_keys)")
    db.execute("DELETE FROM used_keys")
