"""One event, many reports: group the events that tell the same happening.

Two events are reports of one event when they have the same type and the same polarity
(negated or not); their actors overlap and their recipients overlap (the same actor id, else
the same words; a side that one report leaves empty does not count against); their places
agree where both name one; and their dates lie within ``window_days`` where both give one. At
least one positive tie is needed: a shared actor or recipient, or the same place on the same
day. Groups are closed transitively (a report that matches any member joins the group).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from newsledger.events.model import Event, EventCluster, Participant, TextSpan
from newsledger.kb.names import name_key

DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def merge_reports(events: Iterable[Event], window_days: int = 2) -> list[EventCluster]:
    """Clusters of events that report the same happening, largest first, then in text order."""
    items = list(events)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, first in enumerate(items):
        for j in range(i + 1, len(items)):
            if same_happening(first, items[j], window_days):
                parent[find(j)] = find(i)
    groups: dict[int, list[Event]] = {}
    for i, event in enumerate(items):
        groups.setdefault(find(i), []).append(event)
    clusters = [_cluster(group) for group in groups.values()]
    return sorted(clusters, key=lambda c: (-len(c.events), c.events[0].sentence))


def same_happening(a: Event, b: Event, window_days: int = 2) -> bool:
    """Whether two events can be reports of one happening (see the module docstring)."""
    if a.type != b.type or a.negated != b.negated:
        return False
    actors = _overlap(a.actors, b.actors)
    recipients = _overlap(a.recipients, b.recipients)
    if actors is False or recipients is False:
        return False
    place = _same_place(a.place, b.place)
    if place is False or not _close(a.date, b.date, window_days):
        return False
    return bool(actors or recipients or (place and a.date is not None and a.date == b.date))


def _key(participant: Participant) -> str:
    """The actor, else the words: a country alone is too coarse ("Kharkiv" is not "Kherson")."""
    return participant.actor_id or name_key(participant.text)


def _overlap(first: tuple[Participant, ...], second: tuple[Participant, ...]) -> bool | None:
    """True when the lists share an actor, False when both are given and share none, None
    when one side is empty (nothing to compare)."""
    if not first or not second:
        return None
    keys = {_key(p) for p in first}
    return any(_key(p) in keys for p in second)


def _same_place(first: TextSpan | None, second: TextSpan | None) -> bool | None:
    if first is None or second is None:
        return None
    return name_key(first.text) == name_key(second.text)


def _day(value: str | None) -> date | None:
    match = DAY.search(value or "")
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def _close(first: str | None, second: str | None, window_days: int) -> bool:
    day_a, day_b = _day(first), _day(second)
    if day_a is None or day_b is None:
        return True
    return abs((day_a - day_b).days) <= window_days


def _cluster(events: list[Event]) -> EventCluster:
    ordered = sorted(events, key=lambda e: (e.date or "", e.sentence, e.trigger.start))
    modes = Counter(e.mode for e in ordered if e.mode)
    days = sorted(d for d in (e.date for e in ordered) if d)
    miss = 1.0
    for event in ordered:
        miss *= 1.0 - event.confidence
    return EventCluster(
        type=ordered[0].type,
        events=tuple(ordered),
        mode=modes.most_common(1)[0][0] if modes else None,
        actors=_union(p for e in ordered for p in e.actors),
        recipients=_union(p for e in ordered for p in e.recipients),
        place=next((e.place for e in ordered if e.place), None),
        first_date=days[0] if days else None,
        last_date=days[-1] if days else None,
        confidence=round(min(0.99, 1.0 - miss), 2),
        contexts=tuple(sorted({c for e in ordered for c in e.contexts})),
    )


def _union(participants: Iterable[Participant]) -> tuple[Participant, ...]:
    seen: dict[str, Participant] = {}
    for participant in participants:
        seen.setdefault(_key(participant), participant)
    return tuple(seen.values())
