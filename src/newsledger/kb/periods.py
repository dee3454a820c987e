"""Start dates that ordinal periods count from ("the war's fourth year"), from events.yaml."""

from __future__ import annotations

from datetime import date

from newsledger.kb.loader import load_entries


def period_starts() -> dict[str, date]:
    """Period name -> start date, for every event that declares ``period_names``."""
    starts: dict[str, date] = {}
    for event in load_entries("events"):
        start = event.get("start")
        if start is None:
            continue
        day = start if isinstance(start, date) else date.fromisoformat(str(start))
        for name in event.get("period_names") or []:
            starts[str(name).lower()] = day
    return starts
