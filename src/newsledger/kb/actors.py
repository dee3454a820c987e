"""The actor knowledge base: actors, offices and who held which office when, indexed by name."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsledger.kb.loader import kb_dirs, load_entries
from newsledger.kb.names import name_key

PERSON = "person"


@dataclass(frozen=True)
class Role:
    office: str
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()
    government: str | None = None


@dataclass(frozen=True)
class Office:
    id: str
    title: str
    country: str | None
    sector: str | None


@dataclass
class ActorKB:
    """Indexes over the knowledge files; build once with :func:`actor_kb`."""

    actors: dict[str, Actor] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    surnames: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    demonyms: dict[str, str] = field(default_factory=dict)
    metonyms: dict[str, str] = field(default_factory=dict)
    cues: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    cue_phrases: set[str] = field(default_factory=set)  # as written, for matching in text
    sectors: dict[str, str] = field(default_factory=dict)

    def holders(self, office: str, day: date | None) -> list[Actor]:
        """Who held the office on the day; without a day, who holds it now (open-ended role)."""
        found = []
        for actor in self.actors.values():
            for role in actor.roles:
                if role.office == office and (role.held_on(day) if day else role.end is None):
                    found.append(actor)
        return found

    def roles_on(self, actor: Actor, day: date | None) -> list[Office]:
        return [
            self.offices[r.office]
            for r in actor.roles
            if r.office in self.offices and (r.held_on(day) if day else r.end is None)
        ]

    def held_ever(self, actor: Actor, office: str) -> bool:
        return any(r.office == office for r in actor.roles)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _actor(entry: dict[str, Any]) -> Actor:
    roles = tuple(
        Role(str(r["office"]), _date(r.get("start")), _date(r.get("end")))
        for r in entry.get("roles") or []
    )
    return Actor(
        id=str(entry["id"]),
        name=str(entry["name"]),
        kind=str(entry.get("kind", "")),
        country=entry.get("country"),
        sector=entry.get("sector"),
        wikidata=entry.get("wikidata"),
        roles=roles,
        government=entry.get("government"),
    )


def actor_kb() -> ActorKB:
    """The indexes over the ``actors``, ``offices`` and ``agents`` knowledge files in use."""
    return _build(tuple(kb_dirs()))


@lru_cache(maxsize=2)
def _build(_dirs: tuple[Path, ...]) -> ActorKB:
    kb = ActorKB()
    for entry in load_entries("offices"):
        office = Office(
            str(entry["id"]),
            str(entry.get("title", entry["id"])),
            entry.get("country"),
            entry.get("sector"),
        )
        kb.offices[office.id] = office
        for cue in entry.get("cues") or []:
            kb.cues[name_key(str(cue))].add(office.id)
            kb.cue_phrases.add(str(cue).lower())
    for entry in load_entries("actors"):
        _index_actor(kb, entry)
    for entry in load_entries("agents"):
        for word in entry.get("words") or []:
            kb.sectors[name_key(str(word))] = str(entry["sector"])
    return kb


def _index_actor(kb: ActorKB, entry: dict[str, Any]) -> None:
    actor = _actor(entry)
    kb.actors[actor.id] = actor
    names = [actor.name, *map(str, entry.get("aliases") or [])]
    for name in names:
        kb.aliases[name_key(name)].add(actor.id)
    if actor.kind == PERSON:
        for name in names:
            parts = name_key(name).split()
            if len(parts) > 1:
                kb.surnames[parts[-1]].add(actor.id)
    target = actor.government or actor.id
    for demonym in entry.get("demonyms") or []:
        kb.demonyms[name_key(str(demonym))] = actor.id
    for metonym in entry.get("metonyms") or []:
        kb.metonyms[name_key(str(metonym)).removesuffix("'s")] = target
