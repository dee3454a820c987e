"""The issue taxonomy (``kb/data/issues.yaml`` and the user's ``issues-*.yaml``) and the matcher
that finds its options' signal phrases in a parsed document."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsledger.errors import NewsledgerError
from newsledger.kb.loader import kb_dirs, load_entries

GAP = "..."
MAX_GAP = 5
_ISE = re.compile(r"is(e|ed|es|ing|ation|ations)$")


@dataclass(frozen=True)
class Option:
    issue: str
    id: str
    name: str
    opposites: tuple[str, ...] = ()  # "issue/option" keys
    generic: bool = False  # gives way to a specific option of its issue in the same sentence


@dataclass(frozen=True)
class Issue:
    id: str
    name: str
    negotiation: str | None
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Match:
    """An option's signal in the text: token range [start, end) and its character span."""

    issue: str
    option: str
    start: int
    end: int
    start_char: int
    end_char: int


@dataclass
class Taxonomy:
    issues: dict[str, Issue] = field(default_factory=dict)
    # first word of a signal -> (words with GAP markers, issue, option)
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def option(self, issue: str, option: str) -> Option | None:
        found = self.issues.get(issue)
        return next((o for o in found.options if o.id == option), None) if found else None

    def is_generic(self, issue: str, option: str) -> bool:
        found = self.option(issue, option)
        return found.generic if found else False

    def opposites(self, issue: str, option: str) -> tuple[str, ...]:
        found = self.option(issue, option)
        return found.opposites if found else ()


def words(text: str) -> list[str]:
    """The matching form of a token or phrase: lowercase, hyphens split, -ise as -ize."""
    return [_ISE.sub(r"iz\1", w) for w in text.lower().split("-") if w]


def taxonomy() -> Taxonomy:
    """The issues of every knowledge directory in use, built once per set of directories."""
    return _build(tuple(kb_dirs()))


@lru_cache(maxsize=4)
def _build(_dirs: tuple[Path, ...]) -> Taxonomy:
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    built = Taxonomy()
    for entry in load_entries("issues"):
        issue = _issue(entry)
        built.issues[issue.id] = issue
        for option_entry in entry.get("options") or []:
            for signal in option_entry.get("signals") or []:
                key = _signal_words(str(signal), tokenizer)
                if key:
                    built.index[key[0]].append((key, issue.id, str(option_entry["id"])))
    return built


def _issue(entry: dict[str, Any]) -> Issue:
    try:
        issue_id = str(entry["id"])
        options = tuple(
            Option(
                issue_id,
                str(o["id"]),
                str(o.get("name") or o["id"]),
                tuple(_opposite(issue_id, str(x)) for x in o.get("opposites") or []),
                bool(o.get("generic", False)),
            )
            for o in entry.get("options") or []
        )
    except (KeyError, TypeError) as error:
        raise NewsledgerError(
            f"issue entry {entry.get('id')!r}: every option needs an id"
        ) from error
    return Issue(issue_id, str(entry.get("name") or issue_id), entry.get("negotiation"), options)


def _opposite(issue: str, ref: str) -> str:
    return ref if "/" in ref else f"{issue}/{ref}"


def _signal_words(signal: str, tokenizer: Any) -> tuple[str, ...]:
    out: list[str] = []
    for part in signal.split(GAP):
        if out:
            out.append(GAP)
        for token in tokenizer(part.strip()):
            out += words(token.text)
    return tuple(out)


def find_options(doc: Any, start: int = 0, end: int | None = None) -> list[Match]:
    """Option signals in tokens [start, end) of a Doc, overlaps resolved to the longest."""
    tax = taxonomy()
    end = len(doc) if end is None else end
    stream: list[tuple[str, set[str], int]] = []  # word, its lemma forms, token index
    for token in doc[start:end]:
        lemmas = set(words(token.lemma_)) if token.lemma_ else set()
        for word in words(token.text):
            stream.append((word, lemmas, token.i))
    found: list[Match] = []
    for position, (word, lemmas, _index) in enumerate(stream):
        for key in {word, *lemmas}:
            for signal, issue, option in tax.index.get(key, ()):
                last = _match(signal, stream, position)
                if last is not None:
                    first_token, last_token = stream[position][2], stream[last][2]
                    found.append(
                        Match(
                            issue, option, first_token, last_token + 1,
                            doc[first_token].idx,
                            doc[last_token].idx + len(doc[last_token].text),
                        )
                    )  # fmt: skip
    return _longest(found)


def _match(signal: tuple[str, ...], stream: list[tuple[str, set[str], int]], at: int) -> int | None:
    """The stream position of the signal's last word when it matches from ``at``, else None."""
    position = at
    index = 0
    while index < len(signal):
        if signal[index] == GAP:
            for skip in range(MAX_GAP + 1):
                tail = _match(signal[index + 1 :], stream, position + skip)
                if tail is not None:
                    return tail
            return None
        if position >= len(stream):
            return None
        word, lemmas, _ = stream[position]
        if signal[index] != word and signal[index] not in lemmas:
            return None
        index += 1
        position += 1
    return position - 1


def _longest(found: list[Match]) -> list[Match]:
    chosen: list[Match] = []
    for match in sorted(found, key=lambda m: (-(m.end_char - m.start_char), m.start_char)):
        if not any(m.start_char < match.end_char and match.start_char < m.end_char for m in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start_char)
