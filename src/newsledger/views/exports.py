"""Event exports: PLOVER/POLECAT-style JSON, and a flat form as CSV or JSON Lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

FLAT_COLUMNS = (
    "event_id", "article_id", "outlet", "url", "date", "date_source", "type", "mode",
    "contexts", "actor_ids", "actor_text", "actor_countries", "recipient_ids", "recipient_text",
    "recipient_countries", "place", "trigger", "trigger_start", "trigger_end", "negated",
    "hypothetical", "future", "historical", "cameo_root", "confidence",
)  # fmt: skip


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER/POLECAT-style record, with provenance back to the article span."""
    return {
        "id": f"{event['article_id']}-{event['id']}",
        "event_type": event["type"],
        "mode": event["mode"],
        "context": event["contexts"],
        "event_date": event["date"],
        "date_source": event["date_source"],
        "actor": [_participant(p) for p in event["actors"]],
        "recipient": [_participant(p) for p in event["recipients"]],
        "location": event["place"],
        "negated": event["negated"],
        "hypothetical": event["hypothetical"],
        "future": event["future"],
        "historical": event["historical"],
        "cameo_root": event["cameo_root"],
        "confidence": event["confidence"],
        "cluster_id": event.get("cluster_id"),
        "independent_reports": event.get("independent_reports"),
        "provenance": {
            "article_id": event["article_id"],
            "outlet": event["outlet"],
            "url": event["url"],
            "published": event["article_published"],
            "sentence": event["sentence"],
            "trigger": event["trigger"],
        },
    }


def _participant(p: dict[str, Any]) -> dict[str, Any]:
    return {"text": p["text"], "start": p["start"], "end": p["end"], "actor_id": p["actor_id"],
            "country": p["country"], "sector": p["sector"]}  # fmt: skip


def flat_record(event: dict[str, Any]) -> dict[str, Any]:
    """One row per event; lists of participants joined with ';'."""

    def joined(group: str, key: str) -> str:
        return ";".join(str(p[key] or "") for p in event[group])

    return {
        "event_id": event["id"], "article_id": event["article_id"], "outlet": event["outlet"],
        "url": event["url"], "date": event["date"], "date_source": event["date_source"],
        "type": event["type"], "mode": event["mode"], "contexts": ";".join(event["contexts"]),
        "actor_ids": joined("actors", "actor_id"), "actor_text": joined("actors", "text"),
        "actor_countries": joined("actors", "country"),
        "recipient_ids": joined("recipients", "actor_id"),
        "recipient_text": joined("recipients", "text"),
        "recipient_countries": joined("recipients", "country"),
        "place": event["place"]["text"] if event["place"] else None,
        "trigger": event["trigger"]["text"], "trigger_start": event["trigger"]["start"],
        "trigger_end": event["trigger"]["end"], "negated": event["negated"],
        "hypothetical": event["hypothetical"], "future": event["future"],
        "historical": event["historical"], "cameo_root": event["cameo_root"],
        "confidence": event["confidence"],
    }  # fmt: skip


def write_events(events: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Stream events to ``out`` in ``plover`` (a JSON array), ``jsonl`` or ``csv``; the count."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(FLAT_COLUMNS), lineterminator="\n")
        writer.writeheader()
    elif fmt == "plover":
        out.write("[")
    for count, event in enumerate(events, start=1):
        if fmt == "csv":
            writer.writerow(flat_record(event))
        elif fmt == "jsonl":
            out.write(json.dumps(flat_record(event), ensure_ascii=False) + "\n")
        else:
            out.write(
                ("," if count > 1 else "")
                + "\n"
                + json.dumps(plover_record(event), ensure_ascii=False)
            )
    if fmt == "plover":
        out.write("\n]\n")
    return count
