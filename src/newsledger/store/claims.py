"""Rows of the claims layer: plain columns, JSON for lists; and the ledger-wide claim query."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from newsledger.claims.model import Claim
from newsledger.store.select import Filters, like

Row = dict[str, Any]
COLUMNS = (
    "article_id", "idx", "sentence", "kind", "text", "start", '"end"', "claimant_text",
    "claimant_start", "claimant_end", "claimant_actor_id", "claimant_type", "attribution",
    "chain", "anonymous", "unsourced", "certainty", "negated", "vals", "actors", "places",
    "date", "event", "cues",
)  # fmt: skip


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def insert_claims(db: sqlite3.Connection, article_id: str, claims: Sequence[Claim]) -> None:
    """Store an article's claims in their order (``idx``)."""
    marks = ",".join("?" * len(COLUMNS))
    db.executemany(
        f"INSERT INTO claims ({', '.join(COLUMNS)}) VALUES ({marks})",
        [_row(article_id, index, claim) for index, claim in enumerate(claims)],
    )


def _row(article_id: str, index: int, claim: Claim) -> tuple[Any, ...]:
    data = claim.to_dict()
    claimant = data["claimant"] or {}
    return (
        article_id, index, claim.sentence, claim.kind, claim.text, claim.start, claim.end,
        claimant.get("text"), claimant.get("start"), claimant.get("end"),
        claim.claimant_actor_id, claim.claimant_type, claim.attribution, _json(data["chain"]),
        int(claim.anonymous), int(claim.unsourced), claim.certainty, int(claim.negated),
        _json(data["values"]), _json(data["actors"]), _json(data["places"]), claim.date,
        claim.event, _json(data["cues"]),
    )  # fmt: skip


def claim_view(row: sqlite3.Row) -> Row:
    """A stored claim in the same shape as ``Claim.to_dict``."""
    claimant = None
    if row["claimant_text"] is not None:
        claimant = {"text": row["claimant_text"], "start": row["claimant_start"],
                    "end": row["claimant_end"]}  # fmt: skip
    return {
        "kind": row["kind"],
        "text": row["text"],
        "start": row["start"],
        "end": row["end"],
        "sentence": row["sentence"],
        "claimant": claimant,
        "claimant_actor_id": row["claimant_actor_id"],
        "claimant_type": row["claimant_type"],
        "attribution": row["attribution"],
        "chain": json.loads(row["chain"]),
        "anonymous": bool(row["anonymous"]),
        "unsourced": bool(row["unsourced"]),
        "certainty": row["certainty"],
        "negated": bool(row["negated"]),
        "values": json.loads(row["vals"]),
        "actors": json.loads(row["actors"]),
        "places": json.loads(row["places"]),
        "date": row["date"],
        "event": row["event"],
        "cues": json.loads(row["cues"]),
    }


def article_claims(db: sqlite3.Connection, article_id: str) -> list[Row]:
    rows = db.execute("SELECT * FROM claims WHERE article_id = ? ORDER BY idx", (article_id,))
    return [claim_view(r) for r in rows]


def claims(
    db: sqlite3.Connection,
    *,
    article: str | None = None,
    kind: str | None = None,
    actor: str | None = None,
    unsourced: bool = False,
    anonymous: bool | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Claims across the ledger in publication order, each with its article's outlet and date.

    ``actor`` matches the claimant or any actor the claim names, by id or words of the name.
    """
    filters = Filters()
    if article:
        filters.add("c.article_id = ?", article)
    if kind:
        filters.add("c.kind = ?", kind)
    if actor:
        filters.add(
            "(c.claimant_actor_id = ? OR c.claimant_text LIKE ? ESCAPE '\\'"
            " OR EXISTS (SELECT 1 FROM json_each(c.actors) j LEFT JOIN actors ac ON ac.id = j.value"
            " WHERE j.value = ? OR ac.name LIKE ? ESCAPE '\\'))",
            actor, like(actor), actor, like(actor),
        )  # fmt: skip
    if unsourced:
        filters.add("c.unsourced = 1")
    if anonymous is not None:
        filters.add("c.anonymous = ?", int(anonymous))
    if text:
        filters.add("c.text LIKE ? ESCAPE '\\'", like(text))
    sql, params = filters.sql(
        "SELECT c.*, a.outlet, a.published FROM claims c JOIN articles a ON a.id = c.article_id",
        " ORDER BY a.published IS NULL, a.published, c.article_id, c.idx",
        limit,
    )
    return [
        {"article_id": r["article_id"], "outlet": r["outlet"], "published": r["published"],
         **claim_view(r)}
        for r in db.execute(sql, params)
    ]  # fmt: skip
