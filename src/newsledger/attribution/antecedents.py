"""The nearest fitting antecedent of a pronoun or description that names a source.

"he" / "she": the last person named in the sentences before, a subject preferred; "it", "the
ministry": the last organisation, one whose name holds the noun preferred ("the ministry" ->
"Russian Defence Ministry"); "they": the last plural source of an earlier attribution.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from newsledger.attribution.model import SourceLink
from newsledger.kb.names import name_key
from newsledger.records import ActorMention

ORGANISATION_KINDS = frozenset({"organisation", "government", "military", "country", "group"})
# How far back an antecedent may be, in sentences, and a plural source, in tokens.
PERSON_WINDOW = 6
ORGANISATION_WINDOW = 10
PLURAL_WINDOW = 120
# Among the last few people, one in subject position wins ("Zelensky met Trump. He said").
SUBJECT_PREFERENCE = 4


class Antecedents:
    """The actor mentions and earlier sources of one article, searchable backwards."""

    def __init__(self, doc: Doc, actors: list[ActorMention]) -> None:
        self.doc = doc
        self.actors = sorted(actors, key=lambda m: m.start)
        self.starts = [m.start for m in self.actors]
        self.sentence_starts = [s.start_char for s in doc.sents]
        self.sources: list[tuple[int, SourceLink]] = []  # (head token, link), in text order

    def within(self, start: int, end: int) -> list[ActorMention]:
        """The mentions that start between two character offsets."""
        found = []
        for mention in self.actors[bisect_left(self.starts, start) :]:
            if mention.start >= end:
                break
            found.append(mention)
        return found

    def person(self, head: Token) -> ActorMention | None:
        """The person "he" or "she" stands for."""
        candidates = [
            m for m in self._before(head, PERSON_WINDOW) if m.kind == "person" and named(m)
        ]
        subjects = [m for m in candidates[-SUBJECT_PREFERENCE:] if self._is_subject(m)]
        preferred = subjects or candidates
        return preferred[-1] if preferred else None

    def organisation(self, head: Token, pronoun: bool) -> ActorMention | None:
        """The organisation "it" or "the ministry" stands for."""
        candidates = [
            m for m in self._before(head, ORGANISATION_WINDOW) if m.kind in ORGANISATION_KINDS
        ]
        if not pronoun:
            noun = head.lemma_.lower()
            holding = [m for m in candidates if noun in name_key(f"{m.text} {m.name or ''}")]
            candidates = holding or [m for m in candidates if m.kind != "country"]
        return candidates[-1] if candidates else None

    def plural_source(self, head: Token) -> SourceLink | None:
        """The last plural source before "they" ("two officials ... they said")."""
        for index, link in reversed(self.sources):
            if index >= head.i:
                continue
            if head.i - index > PLURAL_WINDOW:
                return None
            token = self.doc[index]
            if token.tag_ in ("NNS", "NNPS") or token.lower_ == "they":
                return link
        return None

    def _before(self, head: Token, window: int) -> list[ActorMention]:
        sentence = bisect_left(self.sentence_starts, head.idx + 1) - 1
        floor = self.sentence_starts[max(sentence - window, 0)]
        last = bisect_left(self.starts, head.idx)
        return [m for m in self.actors[:last] if m.start >= floor and m.end <= head.idx]

    def _is_subject(self, mention: ActorMention) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def named(mention: ActorMention) -> bool:
    """A mention with a resolved actor or a capitalised name, not a bare title."""
    return mention.actor_id is not None or any(c.isupper() for c in mention.text)
