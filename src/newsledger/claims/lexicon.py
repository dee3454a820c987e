"""The claim cues of ``kb/data/claims.yaml``: allegation phrases and role titles.

Phrases are matched over the tokens of a sentence through an index on their first word, like
the certainty lexicon: a few dictionary look-ups per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from newsledger.errors import NewsledgerError
from newsledger.kb import kb_dirs, load_entries

WILDCARD = "*"
_BARS = re.compile(r"\s*\|\s*")


@dataclass(frozen=True)
class CueRule:
    """An allegation entry: its id, its phrases as word positions, and its constraints."""

    id: str
    patterns: tuple[tuple[frozenset[str] | None, ...], ...]
    lemma: bool
    pos: frozenset[str]


@dataclass(frozen=True)
class CueMatch:
    """An allegation cue found in a sentence (token offsets into the Doc)."""

    rule: str
    start: int
    end: int
    text: str
    start_char: int
    end_char: int


@dataclass
class ClaimLexicon:
    """Allegation rules indexed by first word, and the role titles (lower-case phrases)."""

    rules: list[CueRule] = field(default_factory=list)
    titles: frozenset[str] = frozenset()
    _index: dict[tuple[bool, str], list[tuple[CueRule, int]]] = field(default_factory=dict)

    def index(self) -> None:
        for rule in self.rules:
            for number, pattern in enumerate(rule.patterns):
                for word in pattern[0] or ():
                    self._index.setdefault((rule.lemma, word), []).append((rule, number))

    def allegations(self, span: Span) -> list[CueMatch]:
        """Every allegation cue in the span, longest first where two start on one word."""
        found: list[CueMatch] = []
        for token in span:
            keys = ((False, token.lower_), (True, token.lemma_.lower()))
            for rule, number in (hit for key in keys for hit in self._index.get(key, ())):
                if rule.pos and token.pos_ not in rule.pos:
                    continue
                for end in _ends(span, token.i + 1, rule.patterns[number][1:], rule.lemma):
                    words = span.doc[token.i : end]
                    found.append(CueMatch(rule.id, token.i, end, words.text,
                                          words.start_char, words.end_char))  # fmt: skip
        return _longest(found)

    def is_title(self, words: str) -> bool:
        return words.lower() in self.titles


def _form(token: Token, lemma: bool) -> str:
    return token.lemma_.lower() if lemma else token.lower_


def _ends(
    span: Span, at: int, slots: tuple[frozenset[str] | None, ...], lemma: bool
) -> Iterator[int]:
    """Token offsets where the rest of a phrase can end, starting at token ``at``."""
    if not slots:
        yield at
        return
    slot, rest = slots[0], slots[1:]
    if slot is None:  # one optional word
        yield from _ends(span, at, rest, lemma)
        if at < span.end:
            yield from _ends(span, at + 1, rest, lemma)
        return
    if at < span.end:
        token = span.doc[at]
        if _form(token, lemma) in slot or token.lower_ in slot:
            yield from _ends(span, at + 1, rest, lemma)


def _longest(found: list[CueMatch]) -> list[CueMatch]:
    kept: list[CueMatch] = []
    for match in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not any(match.start < k.end and k.start < match.end for k in kept):
            kept.append(match)
    return kept


def _pattern(phrase: str, entry_id: str) -> tuple[frozenset[str] | None, ...]:
    words = _BARS.sub("|", phrase.lower()).split()
    if not words or words[0] == WILDCARD:
        raise NewsledgerError(f"claims lexicon entry {entry_id!r}: bad phrase {phrase!r}")
    return tuple(None if w == WILDCARD else frozenset(w.split("|")) for w in words)


def compile_entry(entry: Mapping[str, Any]) -> CueRule:
    """Check one allegation entry and turn it into a rule."""
    entry_id = str(entry.get("id", ""))
    phrases = entry.get("phrases")
    if not entry_id or not phrases:
        raise NewsledgerError(f"claims lexicon entry needs an id and phrases: {dict(entry)}")
    match = entry.get("match", "lemma")
    if match not in ("lemma", "lower"):
        raise NewsledgerError(f"claims lexicon entry {entry_id!r}: bad match {match!r}")
    return CueRule(
        id=entry_id,
        patterns=tuple(_pattern(str(p), entry_id) for p in phrases),
        lemma=match == "lemma",
        pos=frozenset(str(p).upper() for p in entry.get("pos") or ()),
    )


@lru_cache(maxsize=4)
def _build(_dirs: tuple[Path, ...]) -> ClaimLexicon:
    lexicon = ClaimLexicon()
    titles: set[str] = set()
    for entry in load_entries("claims"):
        kind = entry.get("kind")
        if kind == "allegation":
            lexicon.rules.append(compile_entry(entry))
        elif kind == "role":
            titles |= {str(word).lower() for word in entry.get("words") or ()}
        else:
            raise NewsledgerError(f"claims lexicon entry {entry.get('id')!r}: bad kind {kind!r}")
    lexicon.titles = frozenset(titles)
    lexicon.index()
    return lexicon


def claim_lexicon() -> ClaimLexicon:
    """The compiled claim lexicon (cached; rebuilt when the knowledge directories change)."""
    return _build(tuple(kb_dirs()))
