"""The words of attribution, read once from ``kb/data/attribution.yaml`` and users' additions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from newsledger.errors import NewsledgerError
from newsledger.kb.loader import load_entries

ROLES = (
    "speech_verb",
    "addressee_verb",
    "thought_verb",
    "stance_verb",
    "evidence_verb",
    "cue_noun",
    "light_verb",
    "stance_noun",
    "raising_verb",
    "hearsay_passive",
    "cue_adverb",
    "relay_verb",
    "outlet_name",
    "outlet_noun",
    "document_noun",
    "social_noun",
    "poll_noun",
    "anonymous_noun",
    "anonymity_word",
    "group_noun",
    "official_title",
    "organisation_noun",
)


CUE_VERB_ROLES = ("speech_verb", "thought_verb", "stance_verb", "evidence_verb")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every role's words as a frozen set of lower-case lemmas or phrases, and number words."""

    words: dict[str, frozenset[str]]
    numbers: dict[str, int]
    cue_verbs: frozenset[str]  # every verb that can introduce attributed content


def lemma_in(lemma: str, word: str, words: frozenset[str]) -> str | None:
    """The lexicon entry a verb form stands for: the tagger's lemma, or the form with its
    ending taken off, since the lemmatiser gets some wrong ("hoping" -> "hop")."""
    word = word.lower()
    candidates = [lemma.lower(), word]
    for ending, replacement in (("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("es", "")):
        if word.endswith(ending):
            candidates.append(word[: -len(ending)] + replacement)
    if word.endswith("s"):
        candidates.append(word[:-1])
    return next((c for c in candidates if c in words), None)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The attribution lexicon of the package's and the user's knowledge files."""
    words: dict[str, set[str]] = defaultdict(set)
    numbers: dict[str, int] = {}
    for entry in load_entries("attribution"):
        role = str(entry.get("role", ""))
        if role == "number_word":
            numbers.update({str(k).lower(): int(v) for k, v in dict(entry["values"]).items()})
        elif role in ROLES:
            words[role].update(str(word).lower() for word in entry.get("words") or ())
        else:
            raise NewsledgerError(f"attribution knowledge entry {entry.get('id')!r}: bad role")
    frozen = {role: frozenset(words[role]) for role in ROLES}
    verbs = frozenset().union(*(frozen[role] for role in CUE_VERB_ROLES))
    return Lexicon(frozen, numbers, verbs)
