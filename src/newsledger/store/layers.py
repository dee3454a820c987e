"""Rows for the attribution and event layers: plain columns, JSON only for lists."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsledger.attribution.model import Attribution
from newsledger.events.model import Event


def insert_attributions(db: sqlite3.Connection, article_id: str, items: list[Attribution]) -> None:
    db.executemany(
        "INSERT INTO attributions (article_id, sentence, kind, source_text, source_start,"
        " source_end, cue_text, cue_start, cue_end, content_text, content_start, content_end,"
        " content_parts, source_actor_id, source_type, anonymous, count, certainty, chain)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [_attribution_row(article_id, a) for a in items],
    )


def _attribution_row(article_id: str, item: Attribution) -> tuple[Any, ...]:
    source = item.source
    return (
        article_id, item.sentence, item.kind,
        source.text if source else None, source.start if source else None,
        source.end if source else None,
        item.cue.text, item.cue.start, item.cue.end,
        item.content.text, item.content.start, item.content.end,
        json.dumps([list(p) for p in item.content.parts]),
        item.source_actor_id, item.source_type, int(item.anonymous), item.count, item.certainty,
        json.dumps([link.to_dict() for link in item.chain], ensure_ascii=False),
    )  # fmt: skip


def attribution_view(row: sqlite3.Row) -> dict[str, Any]:
    """A stored attribution in the same shape as ``Attribution.to_dict``."""
    parts = json.loads(row["content_parts"])
    content: dict[str, Any] = {
        "text": row["content_text"], "start": row["content_start"], "end": row["content_end"],
    }  # fmt: skip
    if parts:
        content["parts"] = parts
    source = None
    if row["source_text"] is not None:
        source = {"text": row["source_text"], "start": row["source_start"],
                  "end": row["source_end"]}  # fmt: skip
    return {
        "source": source,
        "cue": {"text": row["cue_text"], "start": row["cue_start"], "end": row["cue_end"]},
        "content": content,
        "kind": row["kind"],
        "source_actor_id": row["source_actor_id"],
        "source_type": row["source_type"],
        "anonymous": bool(row["anonymous"]),
        "count": row["count"],
        "chain": json.loads(row["chain"]),
        "sentence": row["sentence"],
        "certainty": row["certainty"],
    }


def insert_events(db: sqlite3.Connection, article_id: str, items: list[Event]) -> None:
    for event in items:
        place = event.place
        cursor = db.execute(
            "INSERT INTO events (article_id, sentence, type, mode, contexts, trigger_text,"
            " trigger_start, trigger_end, place_text, place_start, place_end, date, date_source,"
            " negated, hypothetical, future, historical, cameo_root, confidence)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            (
                article_id, event.sentence, event.type, event.mode,
                json.dumps(list(event.contexts)),
                event.trigger.text, event.trigger.start, event.trigger.end,
                place.text if place else None, place.start if place else None,
                place.end if place else None, event.date, event.date_source,
                int(event.negated), int(event.hypothetical), int(event.future),
                int(event.historical), event.cameo_root, event.confidence,
            ),
        )  # fmt: skip
        event_id = cursor.fetchone()[0]
        db.executemany(
            'INSERT INTO event_participants (event_id, role, text, start, "end", actor_id,'
            " country, sector) VALUES (?,?,?,?,?,?,?,?)",
            [(event_id, role, p.text, p.start, p.end, p.actor_id, p.country, p.sector)
             for role, group in (("actor", event.actors), ("recipient", event.recipients))
             for p in group],
        )  # fmt: skip


def event_view(row: sqlite3.Row, participants: list[sqlite3.Row]) -> dict[str, Any]:
    """A stored event in the same shape as ``Event.to_dict``."""

    def people(role: str) -> list[dict[str, Any]]:
        return [{k: p[k] for k in ("text", "start", "end", "actor_id", "country", "sector")}
                for p in participants if p["role"] == role]  # fmt: skip

    place = None
    if row["place_text"] is not None:
        place = {"text": row["place_text"], "start": row["place_start"], "end": row["place_end"]}
    return {
        "type": row["type"],
        "mode": row["mode"],
        "contexts": json.loads(row["contexts"]),
        "actors": people("actor"),
        "recipients": people("recipient"),
        "place": place,
        "date": row["date"],
        "date_source": row["date_source"],
        "trigger": {
            "text": row["trigger_text"],
            "start": row["trigger_start"],
            "end": row["trigger_end"],
        },
        "negated": bool(row["negated"]),
        "hypothetical": bool(row["hypothetical"]),
        "future": bool(row["future"]),
        "historical": bool(row["historical"]),
        "cameo_root": row["cameo_root"],
        "sentence": row["sentence"],
        "confidence": row["confidence"],
    }
