"""The claim records: a checkable statement of an article, with its claimant and its values.

Both records are frozen; ``to_dict`` gives the JSON shape the store reads back
(``Ledger.claims``), ``check --json`` and ``show --json`` print, and cross-checks compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("quantity", "date", "role", "event", "allegation", "statement")
VALUE_KINDS = (
    "quantity",
    "percent",
    "money",
    "count",
    "duration",
    "date",
    "role",
    "ordinal",
)
# The claimant of a statement the article makes in its own voice.
ARTICLE = "article"


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """One normalised value of a claim, with the words it was read from.

    ``value`` is a number for quantities, percentages, money, counts, durations and ordinals,
    an ISO 8601 string for dates (a day, a month, an interval ``2026-02-04/2026-02-05``), the
    canonical title for a role. ``unit`` is the unit the number is in: ``USD`` / ``EUR`` / ...
    for money, ``%`` for a percentage, ``hour`` / ``day`` ... for a duration, ``km`` / ``t``
    for a measure, the counted noun (``people``, ``drone``) for a count or an ordinal; None for
    dates and roles. ``qualifier`` keeps the words that make a number approximate or a bound
    ("about", "at least", "more than"). ``actor_id`` and ``role`` are set for roles only.
    """

    kind: str
    text: str
    start: int
    end: int
    value: float | int | str | None
    unit: str | None = None
    qualifier: str | None = None
    actor_id: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
        }
        if self.kind == "role":
            data["actor_id"] = self.actor_id
            data["role"] = self.role
        return data


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement: a clause attributed to a source, or the article's own words.

    ``text``/``start``/``end`` is the claim's span (the attributed content, or the sentence the
    article states itself); ``sentence`` the index of its sentence. ``claimant`` is the source
    span ({text, start, end}) or None for the article's own voice or an implicit source;
    ``claimant_type`` is one of the attribution source types, or ``article``. ``attribution``
    is the index into the article's attributions, ``event`` into its events. ``anonymous``: no
    one is named as the source. ``unsourced``: an allegation the article makes without naming
    any source (its own voice, or "it is alleged that ..."). ``certainty`` is one of the
    levels of ``newsledger.attribution.certainty``; ``negated`` says the claim's own predicate
    is negated. ``actors`` and ``places`` are the knowledge-base ids named in the span,
    ``date`` the ISO value of its time (from the time layer or the event), ``cues`` the words
    that made it an allegation and that set its certainty.
    """

    kind: str
    text: str
    start: int
    end: int
    sentence: int
    claimant: dict[str, Any] | None
    claimant_actor_id: str | None
    claimant_type: str
    attribution: int | None
    chain: tuple[dict[str, Any], ...]
    anonymous: bool
    unsourced: bool
    certainty: str
    negated: bool
    values: tuple[ClaimValue, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    date: str | None = None
    event: int | None = None
    cues: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "claimant": dict(self.claimant) if self.claimant else None,
            "claimant_actor_id": self.claimant_actor_id,
            "claimant_type": self.claimant_type,
            "attribution": self.attribution,
            "chain": [dict(link) for link in self.chain],
            "anonymous": self.anonymous,
            "unsourced": self.unsourced,
            "certainty": self.certainty,
            "negated": self.negated,
            "values": [v.to_dict() for v in self.values],
            "actors": list(self.actors),
            "places": list(self.places),
            "date": self.date,
            "event": self.event,
            "cues": [dict(c) for c in self.cues],
        }
