"""Rows of the ``stances`` table: plain columns, JSON only for the chain."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from newsledger.stances.model import Stance

COLUMNS = (
    "article_id", "sentence", "party_id", "party", "issue", "option", "kind", "condition_text",
    "condition_start", "condition_end", "condition_issue", "condition_option", "date", "speaker",
    "speaker_id", "certainty", "chain", "reported_by", "own_statement", "cue_text", "cue_start",
    "cue_end", "evidence_text", "evidence_start", "evidence_end",
)  # fmt: skip


def insert_stances(db: sqlite3.Connection, article_id: str, items: Iterable[Stance]) -> None:
    marks = ",".join("?" * len(COLUMNS))
    db.executemany(
        f"INSERT INTO stances ({', '.join(COLUMNS)}) VALUES ({marks})",
        [_row(article_id, s) for s in items],
    )


def _row(article_id: str, s: Stance) -> tuple[Any, ...]:
    c = s.condition
    return (
        article_id, s.sentence, s.party_id, s.party, s.issue, s.option, s.kind,
        c.text if c else None, c.start if c else None, c.end if c else None,
        c.issue if c else None, c.option if c else None,
        s.date, s.speaker, s.speaker_id, s.certainty,
        json.dumps(list(s.chain), ensure_ascii=False), s.reported_by, int(s.own_statement),
        s.cue, s.cue_start, s.cue_end, s.evidence, s.evidence_start, s.evidence_end,
    )  # fmt: skip


def stance_view(row: sqlite3.Row | dict[str, Any]) -> dict[str, Any]:
    """A stored stance in the same shape as ``Stance.to_dict``."""
    condition = None
    if row["condition_text"] is not None:
        condition = {
            "text": row["condition_text"],
            "start": row["condition_start"],
            "end": row["condition_end"],
            "issue": row["condition_issue"],
            "option": row["condition_option"],
        }
    cue = None
    if row["cue_text"] is not None:
        cue = {"text": row["cue_text"], "start": row["cue_start"], "end": row["cue_end"]}
    return {
        "party_id": row["party_id"],
        "party": row["party"],
        "issue": row["issue"],
        "option": row["option"],
        "kind": row["kind"],
        "condition": condition,
        "date": row["date"],
        "speaker": row["speaker"],
        "speaker_id": row["speaker_id"],
        "certainty": row["certainty"],
        "chain": json.loads(row["chain"]),
        "reported_by": row["reported_by"],
        "own_statement": bool(row["own_statement"]),
        "cue": cue,
        "evidence": {
            "text": row["evidence_text"],
            "start": row["evidence_start"],
            "end": row["evidence_end"],
        },
        "sentence": row["sentence"],
    }


def article_stances(db: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT * FROM stances WHERE article_id = ? ORDER BY evidence_start, id", (article_id,)
    )
    return [stance_view(r) for r in rows]
