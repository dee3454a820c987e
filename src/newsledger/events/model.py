"""The event records: one PLOVER v2.0 event as a sentence tells it, and a cluster of reports.

Sequences are tuples so that the records stay frozen and hashable; ``to_dict`` gives plain
lists and dicts for JSON, the store and the PLOVER/POLECAT exports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The sixteen PLOVER v2.0 event types, in the manual's order (cooperation to conflict).
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of the article text: a trigger or a place as written."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor or recipient of an event: the words that name it and the actor they code to.

    ``country`` is ISO 3166-1 alpha-3, or ``IGO`` for an international body; ``sector`` a
    PLOVER/CAMEO sector code (GOV, MIL, REB, CVL...). Either may be None when the text does not
    say; ``actor_id`` is None for an actor the knowledge base does not know.
    """

    text: str
    start: int
    end: int
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "actor_id": self.actor_id,
            "country": self.country,
            "sector": self.sector,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One PLOVER event read from one sentence.

    ``date`` is ISO 8601 (a day, or a coarser value the time normaliser gives) taken from a time
    expression of the event's clause (``date_source`` "text") or, for an event the sentence
    reports as done, the publication date ("published"); None for a future, hypothetical or
    historical event that names no time. ``cameo_root`` is the two-digit CAMEO root the
    crosswalk gives for the type and mode, None where it does not decide one. ``sentence`` is
    the index of the sentence in the document.
    """

    type: str
    trigger: TextSpan
    sentence: int
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    actors: tuple[Participant, ...] = ()
    recipients: tuple[Participant, ...] = ()
    place: TextSpan | None = None
    date: str | None = None
    date_source: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    cameo_root: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [r.to_dict() for r in self.recipients],
            "place": self.place.to_dict() if self.place else None,
            "date": self.date,
            "date_source": self.date_source,
            "trigger": self.trigger.to_dict(),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "future": self.future,
            "historical": self.historical,
            "cameo_root": self.cameo_root,
            "sentence": self.sentence,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One event told in several reports: the events that describe it, and what they agree on.

    ``actors`` and ``recipients`` are the union over the reports (one entry per actor);
    ``first_date`` and ``last_date`` the range of the dates the reports give.
    """

    type: str
    events: tuple[Event, ...]
    mode: str | None = None
    actors: tuple[Participant, ...] = ()
    recipients: tuple[Participant, ...] = ()
    place: TextSpan | None = None
    first_date: str | None = None
    last_date: str | None = None
    confidence: float = 0.0
    contexts: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [r.to_dict() for r in self.recipients],
            "place": self.place.to_dict() if self.place else None,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "confidence": self.confidence,
            "events": [e.to_dict() for e in self.events],
        }
