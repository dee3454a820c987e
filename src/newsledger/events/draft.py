"""An event while it is being read, and the small rules that combine two readings.

A ``Draft`` holds what the coder knows of one event before it becomes an ``Event``: the trigger
words, the clause verbs its markers are read from, the participants found so far. The functions
here decide the mode a wrapper takes from what it wraps ("refused to withdraw": REJECT, yield),
what stopping an event is ("halted strikes": RETREAT, ceasefire), and how an event noun inside
another event adds to it ("killed in an air strike": the strike's mode and attacker).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newsledger.events.model import Participant
from newsledger.kb.names import name_key

# How a candidate hangs under the candidate above it.
CLAUSE, OBJECT, SUBJECT, BACKGROUND = "clause", "object", "subject", "background"


@dataclass
class Draft:
    """An event while it is being read: the words it rests on and what is known so far."""

    type: str
    anchor: Token
    trigger: tuple[Token, ...]
    verbs: list[Token]
    noun: Token | None = None
    mode: str | None = None
    contexts: set[str] = field(default_factory=set)
    sources: list[Participant] = field(default_factory=list)
    targets: list[Participant] = field(default_factory=list)
    cameo: str | None = None
    explicit_source: bool = False
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    wrapped: bool = False  # read through a wrapper: its type already says what was stated
    scheduled: bool = False
    weak: bool = False
    background: bool = False
    refusal: bool = False  # a negated intention read as REJECT: the negation is in the type


def typed(outer: Draft, event_type: str, mode: str | None, targets: list[Participant]) -> Draft:
    outer.type, outer.mode = event_type, mode
    outer.targets = without(list(targets), outer.sources)
    return outer


def request_mode(inner: Draft) -> str | None:
    """REQUEST and REJECT modes: what is asked for or refused."""
    if inner.type in ("AID", "COOPERATE", "SUPPORT"):
        return "assist"
    if inner.type in ("RETREAT", "CONCEDE"):
        return "yield"
    if inner.type in ("CONSULT", "AGREE"):
        return "meet"
    if inner.type in ("REQUEST", "REJECT"):
        return inner.mode
    return "change"


def threat_mode(inner: Draft) -> str | None:
    """THREATEN modes: what is threatened."""
    mode = inner.mode
    if inner.type in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if inner.type == "COERCE":
        table = {"arrest": "arrest", "detain": "arrest", "deport": "expel", "seize": "territory"}
        return table.get(
            mode or "", mode if mode in ("curfew", "martial-law", "ban") else "restrict"
        )
    if inner.type == "SANCTION":
        return "expel" if mode == "expel" else "relations"
    if inner.type == "PROTEST":
        return "restrict"
    return None


CEASING: dict[str, tuple[str, str | None]] = {
    "ASSAULT": ("RETREAT", "ceasefire"),
    "MOBILIZE": ("RETREAT", "disarm"),
    "PROTEST": ("CONCEDE", None),
    "SANCTION": ("RETREAT", None),
    "AID": ("SANCTION", "discontinue"),
    "COOPERATE": ("SANCTION", "discontinue"),
    "SUPPORT": ("SANCTION", "discontinue"),
    "AGREE": ("SANCTION", "withdraw"),
    "CONSULT": ("SANCTION", "withdraw"),
}


def cease(outer: Draft, inner: Draft) -> Draft | None:
    """Stopping an event: strikes -> RETREAT (ceasefire), aid -> SANCTION, a curfew -> CONCEDE,
    a blockade -> RETREAT (withdraw), talks -> SANCTION (withdraw)."""
    if inner.type == "COERCE":
        military = inner.cameo == "19"
        event_type, mode = ("RETREAT", "withdraw") if military else ("CONCEDE", None)
    elif inner.type in CEASING:
        event_type, mode = CEASING[inner.type]
    else:
        return None
    outer.sources = outer.sources or inner.sources
    return typed(outer, event_type, mode, inner.targets or without(inner.sources, outer.sources))


DEFERRING: dict[str, tuple[str, str | None]] = {
    "PROTEST": ("CONCEDE", None),
    "ASSAULT": ("RETREAT", "ceasefire"),
}


def defer(outer: Draft, inner: Draft) -> Draft | None:
    """Putting an event off: a protest -> CONCEDE, an offensive -> RETREAT; postponed talks
    are a change of schedule, no event."""
    if inner.type not in DEFERRING:
        return None
    event_type, mode = DEFERRING[inner.type]
    outer.sources = outer.sources or inner.sources
    return typed(outer, event_type, mode, inner.targets)


def absorb(draft: Draft, inner: Draft, relation: str) -> None:
    """An event noun or verb inside another event's object or subject adds what it knows."""
    draft.contexts |= inner.contexts
    if inner.type == draft.type:
        draft.mode = draft.mode or inner.mode
        draft.sources = draft.sources or inner.sources
        draft.targets = draft.targets or without(inner.targets, draft.sources)
        return
    if relation == SUBJECT and not draft.sources:
        draft.sources = inner.sources
    if draft.type in ("REQUEST", "REJECT", "THREATEN"):
        _absorb_content(draft, inner)
    elif draft.type == "ACCUSE":
        # "complained to the UN over Israeli raids": the accused comes first
        accused = without(inner.sources or inner.targets, draft.sources)
        draft.targets = accused + [t for t in draft.targets if t not in accused]
    elif draft.type in ("SUPPORT", "AGREE"):
        draft.targets = draft.targets or without(inner.sources or inner.targets, draft.sources)
    # "ended mediation between rival militias": whoever the inner event names
    draft.targets = draft.targets or without(inner.targets or inner.sources, draft.sources)


def _absorb_content(draft: Draft, inner: Draft) -> None:
    """A demand, refusal or threat about another event takes its mode and its other side."""
    if draft.mode is None:
        own = inner.mode if inner.type == "REQUEST" else None
        draft.mode = own or (
            threat_mode(inner) if draft.type == "THREATEN" else request_mode(inner)
        )
    proposer = inner.sources if inner.noun is not None else []
    if draft.type == "REJECT":
        fill = proposer
    else:
        fill = inner.sources if different(inner.sources, draft.sources) else inner.targets
    draft.targets = draft.targets or without(fill or inner.targets, draft.sources)


def keys(participants: list[Participant]) -> set[str]:
    return {p.actor_id or p.country or name_key(p.text) for p in participants}


def disjoint(first: list[Participant], second: list[Participant], unknown: bool = False) -> bool:
    """Two participant lists that name no actor (or country) in common; when either side has
    no code at all, ``unknown`` is the answer."""
    keys_a = {p.actor_id or p.country for p in first} - {None}
    keys_b = {p.actor_id or p.country for p in second} - {None}
    if not (keys_a and keys_b):
        return unknown
    countries_a = {p.country for p in first} - {None}
    countries_b = {p.country for p in second} - {None}
    return not (keys_a & keys_b) and not (countries_a & countries_b)


def different(first: list[Participant], second: list[Participant]) -> bool:
    """Two known sides that are not the same party (by code, else by their words)."""
    if not first or not second:
        return False
    if disjoint(first, second):
        return True
    coded = any(p.actor_id or p.country for p in first) and any(
        p.actor_id or p.country for p in second
    )
    return not coded and not same_party(first, second)


def same_party(first: list[Participant], second: list[Participant]) -> bool:
    """Two lists that share an actor, a country with the same sector, or the very words."""
    ids = {p.actor_id for p in first if p.actor_id}
    pairs = {(p.country, p.sector) for p in first if p.country}
    words = {name_key(p.text) for p in first}
    return any(
        (p.actor_id and p.actor_id in ids)
        or (p.country and (p.country, p.sector) in pairs)
        or name_key(p.text) in words
        for p in second
    )


def without(targets: list[Participant], sources: list[Participant]) -> list[Participant]:
    """Targets that are not also sources (the same words, or the same actor in the same role)."""
    spans = {(s.start, s.end) for s in sources}
    ids = {(s.actor_id, s.sector) for s in sources if s.actor_id}
    return [
        t for t in targets if (t.start, t.end) not in spans and (t.actor_id, t.sector) not in ids
    ]
