"""The trigger lexicon (``kb/data/plover.yaml``), read once into typed rules.

The package file comes first; ``plover-*.yaml`` files in a user's knowledge directory (see
``newsledger.kb.loader``) add rules: their rules for a word are tried before the packaged ones,
their word lists are added to the packaged lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from newsledger.errors import NewsledgerError
from newsledger.events.model import PLOVER_TYPES
from newsledger.kb.loader import kb_dirs

ACTOR = "@actor"  # an object that names an actor
PLACE = "@place"  # an object that names a place
ANY = "@any"  # any object at all

COOPERATION = ("verbal-cooperation", "material-cooperation")
CONFLICT = ("verbal-conflict", "material-conflict")


@dataclass(frozen=True, slots=True)
class Rule:
    """One reading of a trigger word: the event type it gives and when it applies."""

    type: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    reverse: bool = False
    cameo: str | None = None
    weak: bool = False


@dataclass(frozen=True, slots=True)
class TypeInfo:
    """A PLOVER type: its group and CAMEO root, with the roots of modes that differ."""

    group: str
    cameo: str | None
    modes: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A fixed expression, as a sequence of lemmas, and the event it expresses."""

    words: tuple[str, ...]
    rule: Rule


@dataclass(frozen=True)
class Lexicon:
    """Everything the coder reads from the lexicon files."""

    types: Mapping[str, TypeInfo]
    wrappers: Mapping[str, str]
    intent_adjectives: frozenset[str]
    refusal_adjectives: frozenset[str]
    schedule_adjectives: frozenset[str]
    light: frozenset[str]
    verbs: Mapping[str, tuple[Rule, ...]]
    nouns: Mapping[str, tuple[Rule, ...]]
    phrases: tuple[Phrase, ...]
    assault_modes: tuple[tuple[str, frozenset[str]], ...]
    consult_words: Mapping[str, frozenset[str]]
    contexts: Mapping[str, frozenset[str]]
    statement_objects: frozenset[str]
    content_nouns: frozenset[str]
    target_preps: Mapping[str, frozenset[str]]
    reporting: frozenset[str]
    future_words: frozenset[str]
    hypothetical_verbs: frozenset[str]
    future_verbs: frozenset[str]
    instruments: frozenset[str]

    def group(self, event_type: str) -> str:
        return self.types[event_type].group

    def cooperative(self, event_type: str) -> bool:
        return self.group(event_type) in COOPERATION

    def material(self, event_type: str) -> bool:
        return self.group(event_type).startswith("material")

    def cameo_root(self, event_type: str, mode: str | None, override: str | None) -> str | None:
        """The CAMEO root of a type and mode; a rule's own root wins (blockade, annexation)."""
        if override:
            return override
        info = self.types[event_type]
        return info.modes.get(mode or "", info.cameo)

    def preps_for(self, event_type: str) -> frozenset[str]:
        """Prepositions whose object is the event's target."""
        return self.target_preps.get("*", frozenset()) | self.target_preps.get(
            event_type, frozenset()
        )


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice (YAML would keep the last silently)."""


def _no_duplicates(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key in mapping:
            raise NewsledgerError(
                f"lexicon key {key!r} given twice (line {key_node.start_mark.line + 1})"
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)
# Words such as "on", "no" and "off" are words here, not YAML 1.1 booleans.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def lexicon() -> Lexicon:
    """The lexicon of the knowledge directories in use, read once."""
    return _load(tuple(kb_dirs()))


@lru_cache(maxsize=2)
def _load(dirs: tuple[Path, ...]) -> Lexicon:
    files = [dirs[0] / "plover.yaml"]
    for folder in dirs:
        files += sorted(folder.glob("plover-*.yaml"))
    raw: dict[str, Any] = {}
    for path in files:
        _merge(raw, _read(path))
    return _build(raw)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except (OSError, yaml.YAMLError) as error:
        raise NewsledgerError(f"cannot read lexicon {path} ({error})") from error
    if not isinstance(data, dict):
        raise NewsledgerError(f"lexicon {path} is not a mapping of sections")
    return data


def _merge(into: dict[str, Any], extra: dict[str, Any]) -> None:
    """Add a file's sections: later rules for a word go first, lists grow, maps merge."""
    for section, value in extra.items():
        old = into.get(section)
        if isinstance(old, dict) and isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, list) and isinstance(old.get(key), list):
                    old[key] = item + old[key]
                else:
                    old[key] = item
        elif isinstance(old, list) and isinstance(value, list):
            into[section] = old + value
        else:
            into[section] = value


def _build(raw: dict[str, Any]) -> Lexicon:
    types = {name: _type_info(name, raw["types"][name]) for name in PLOVER_TYPES}
    return Lexicon(
        types=types,
        wrappers=_wrappers(raw.get("wrappers") or {}),
        intent_adjectives=_words(raw.get("intent_adjectives")),
        refusal_adjectives=_words(raw.get("refusal_adjectives")),
        schedule_adjectives=_words(raw.get("schedule_adjectives")),
        light=_words(raw.get("light")),
        verbs=_rules(raw.get("verbs") or {}),
        nouns=_rules(raw.get("nouns") or {}),
        phrases=tuple(_phrase(p) for p in raw.get("phrases") or []),
        assault_modes=tuple(
            (str(m["mode"]), _words(m["words"])) for m in raw.get("assault_modes") or []
        ),
        consult_words={k: _words(v) for k, v in (raw.get("consult_words") or {}).items()},
        contexts={k: _words(v) for k, v in (raw.get("contexts") or {}).items()},
        statement_objects=_words(raw.get("statement_objects")),
        content_nouns=_words(raw.get("content_nouns")),
        target_preps={k: _words(v) for k, v in (raw.get("target_preps") or {}).items()},
        reporting=_words(raw.get("reporting")),
        future_words=_words(raw.get("future_words")),
        hypothetical_verbs=_words(raw.get("hypothetical_verbs")),
        future_verbs=_words(raw.get("future_verbs")),
        instruments=_words(raw.get("instruments")),
    )


def _type_info(name: str, entry: Any) -> TypeInfo:
    if not isinstance(entry, dict):
        raise NewsledgerError(f"lexicon type {name} needs a group and a cameo root")
    modes = {str(k): str(v) for k, v in (entry.get("modes") or {}).items()}
    cameo = entry.get("cameo")
    return TypeInfo(str(entry["group"]), str(cameo) if cameo else None, modes)


def _wrappers(section: Mapping[str, Iterable[str]]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for role, words in section.items():
        for word in words:
            roles.setdefault(str(word).lower(), str(role))
    return roles


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


def _rules(section: Mapping[str, Any]) -> dict[str, tuple[Rule, ...]]:
    return {
        str(word).lower(): tuple(_rule(word, r) for r in rules) for word, rules in section.items()
    }


def _rule(word: str, entry: Any) -> Rule:
    if not isinstance(entry, dict) or entry.get("type") not in PLOVER_TYPES:
        raise NewsledgerError(f"lexicon rule for {word!r} has no PLOVER type: {entry!r}")
    return Rule(
        type=str(entry["type"]),
        mode=entry.get("mode"),
        contexts=tuple(str(c) for c in entry.get("contexts") or []),
        objects=_words(entry.get("objects")),
        unless=_words(entry.get("unless")),
        subjects=_words(entry.get("subjects")),
        reverse=_flag(entry.get("reverse")),
        cameo=str(entry["cameo"]) if entry.get("cameo") else None,
        weak=_flag(entry.get("weak")),
    )


def _flag(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "yes")


def _phrase(entry: dict[str, Any]) -> Phrase:
    words = tuple(str(w).lower() for w in entry["words"])
    return Phrase(words, _rule(" ".join(words), entry))
