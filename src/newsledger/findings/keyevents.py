"""Dated key events of the knowledge base and where an article mentions them.

An event is found by one of its aliases ("the Alaska summit", "second round in Abu Dhabi") or,
for summits and rounds of talks, by its venue ("summit in Alaska", "met in Jeddah").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from newsledger.kb.loader import kb_dirs, load_entries
from newsledger.kb.names import name_key

NOUNS = {
    "summit": r"summit|meeting|met|talks",
    "talks": r"talks|round|meeting|met|negotiations|consultations",
}
# Places where meetings happen all the time: a venue there does not identify an event.
BUSY_VENUES = {
    "moscow", "kyiv", "kiev", "washington", "white house", "kremlin", "london", "paris",
    "berlin", "brussels", "ukraine", "russia", "united states", "us", "europe", "new york",
}  # fmt: skip
_PLACE_SPLIT = re.compile(r",|\(| and ")


@dataclass(frozen=True, slots=True)
class KeyEvent:
    id: str
    name: str
    kind: str
    start: date
    end: date | None
    place: str | None
    place_id: str | None
    country: str | None
    aliases: tuple[str, ...]
    round: int | None

    @property
    def last(self) -> date | None:
        """The last day; None while ongoing."""
        return self.end

    def place_keys(self) -> set[str]:
        """Name keys of the event's place and of the places its aliases name."""
        keys = {name_key(p) for p in _PLACE_SPLIT.split(self.place or "") if p.strip()}
        noun = re.compile(rf"\b({NOUNS.get(self.kind, self.kind)})\b")
        for alias in self.aliases:
            rest = noun.sub(" ", name_key(alias)).strip()
            if rest and rest in place_names():
                keys.add(rest)
        return keys


@dataclass(frozen=True, slots=True)
class EventMention:
    """Words naming one or more candidate key events, and how they were recognised."""

    start: int
    end: int
    text: str
    events: tuple[KeyEvent, ...]
    by_alias: bool


def key_events() -> tuple[KeyEvent, ...]:
    return _events(tuple(kb_dirs()))


@lru_cache(maxsize=2)
def _events(_dirs: tuple[Path, ...]) -> tuple[KeyEvent, ...]:
    found = []
    for entry in load_entries("events"):
        start = _day(entry.get("start"))
        if start is None:
            continue
        found.append(
            KeyEvent(
                str(entry["id"]),
                str(entry.get("name", entry["id"])),
                str(entry.get("kind", "")),
                start,
                _day(entry.get("end")),
                entry.get("place"),
                entry.get("place_id"),
                entry.get("country"),
                tuple(str(a) for a in entry.get("aliases") or []),
                entry.get("round"),
            )
        )
    return tuple(found)


def _day(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    names = set()
    for entry in load_entries("places"):
        for name in [entry.get("name"), *(entry.get("aliases") or [])]:
            if name:
                names.add(name_key(str(name)))
    return frozenset(names)


def find_event_mentions(text: str) -> list[EventMention]:
    """Every mention of a key event in ``text``, longest first where two overlap."""
    found: list[EventMention] = []
    lowered = text.lower()
    for needle, pattern, events, by_alias in _patterns(tuple(kb_dirs())):
        if needle not in lowered:  # every match contains the alias's or venue's first word
            continue
        for match in pattern.finditer(text):
            found.append(EventMention(match.start(), match.end(), match.group(), events, by_alias))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[EventMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            if mention.by_alias and not kept[-1].by_alias and mention.end >= kept[-1].end:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


@lru_cache(maxsize=2)
def _patterns(
    _dirs: tuple[Path, ...],
) -> tuple[tuple[str, re.Pattern[str], tuple[KeyEvent, ...], bool], ...]:
    by_alias: dict[str, list[KeyEvent]] = {}
    by_venue: dict[tuple[str, str], list[KeyEvent]] = {}
    for event in key_events():
        for alias in event.aliases:
            if len(alias) >= 4 and name_key(alias) not in place_names():
                by_alias.setdefault(alias.lower(), []).append(event)
        if event.kind in NOUNS:
            for place in event.place_keys() - BUSY_VENUES:
                by_venue.setdefault((place, event.kind), []).append(event)
    patterns = []
    for alias, events in by_alias.items():
        words = r"[\s-]+".join(re.escape(w) for w in alias.split())
        pattern = re.compile(rf"\b{words}\b", re.I)
        patterns.append((alias.split()[0].lower(), pattern, tuple(events), True))
    for (place, kind), events in by_venue.items():
        words = r"[\s-]+".join(re.escape(w) for w in place.split())
        noun = NOUNS[kind]
        venue = rf"\b(?:{words})(?:'s|’s)?\s+(?:\w+\s+)?(?:{noun})\b"
        held = rf"\b(?:{noun})\b[^.;:!?]{{0,40}}?\b(?:in|at)\s+(?:the\s+)?(?:{words})\b"
        pattern = re.compile(f"{venue}|{held}", re.I)
        patterns.append((place.split()[0].lower(), pattern, tuple(events), False))
    return tuple(patterns)
