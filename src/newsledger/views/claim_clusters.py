"""Listings of the claim-clusters step: clusters with their reports, and contradictions."""

from __future__ import annotations

from typing import Any

from newsledger.errors import StoreError
from newsledger.store import Ledger
from newsledger.store import claim_clusters as store

CLUSTER_COLUMNS = [
    "id",
    "voices",
    "reports",
    "outlets",
    "rating",
    "earliest_published",
    "original_source",
    "label",
]
CONTRADICTION_COLUMNS = [
    "cluster_id",
    "kind",
    "detail",
    "a_outlet",
    "a_text",
    "b_outlet",
    "b_text",
]


def require_tables(ledger: Ledger) -> None:
    if not store.has_tables(ledger.db):
        raise StoreError(
            f"{ledger.path} has no claim clusters yet",
            hint="run `newsledger crosscheck --only claim-clusters` (or `newsledger analyze`)",
        )


def cluster_listing(
    ledger: Ledger,
    *,
    min_reports: int = 2,
    rating: str | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Clusters, most independent voices first, each with its reports and contradictions."""
    require_tables(ledger)
    rows = store.clusters(ledger.db, min_reports=min_reports, rating=rating, text=text, limit=limit)
    return [
        {
            **row,
            "members": store.members(ledger.db, row["id"]),
            "contradictions": store.contradictions(ledger.db, cluster=row["id"]),
        }
        for row in rows
    ]


def contradiction_listing(
    ledger: Ledger,
    *,
    kind: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Contradictions, both sides in full."""
    require_tables(ledger)
    article_id = ledger.resolve_article_id(article) if article else None
    return store.contradictions(ledger.db, kind=kind, article=article_id, limit=limit)


def contradiction_line(row: dict[str, Any]) -> dict[str, Any]:
    """One contradiction flattened for a table or CSV: each side's outlet and words."""
    flat = {k: v for k, v in row.items() if k not in ("a", "b")}
    for side in ("a", "b"):
        data = row[side]
        flat[f"{side}_article_id"] = data["article_id"]
        flat[f"{side}_outlet"] = data["outlet"]
        flat[f"{side}_published"] = data["published"]
        flat[f"{side}_start"] = data["start"]
        flat[f"{side}_end"] = data["end"]
        flat[f"{side}_text"] = data["text"]
        flat[f"{side}_value"] = data["value"]
        flat[f"{side}_voices"] = data["voices"]
    return flat
