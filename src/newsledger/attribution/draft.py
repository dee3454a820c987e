"""The working form of an attribution while it is being found, and span arithmetic for it.

Sources and cues are token ranges; contents are character ranges (a quote split by "he said"
is two pieces, and quote marks need not fall on token edges).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

Range = tuple[int, int]  # character offsets, end exclusive
Tokens = tuple[int, int]  # token indices, end exclusive

# Trimmed from the edges of a content; quote marks stay, they belong to the quote.
EDGE_CHARS = " \t\n\u00a0,;:.!?-–—()[]…"


@dataclass(slots=True)
class Draft:
    """An attribution in the making.

    ``cue`` holds token indices, the cue word first; ``content`` character pieces;
    ``source`` a token range and ``source_head`` the word that names the source. ``relays``
    are outlets that pass the source's words on ("Putin said ..., according to TASS"),
    outermost first; ``cited`` the people the source cites ("Reuters, citing two officials");
    ``addressee`` whom the source spoke to ("told the FT"), a relay when it is an outlet.
    ``origin`` names the rule that found the draft.
    """

    cue: list[int]
    content: list[Range]
    source: Tokens | None
    source_head: int | None
    origin: str
    relays: list[Tokens] = field(default_factory=list)
    cited: list[Tokens] = field(default_factory=list)
    addressee: Tokens | None = None

    @property
    def cue_token(self) -> int:
        """The cue word the draft is known by."""
        return self.cue[0]

    def content_end(self) -> int:
        """Where the last piece of the content ends."""
        return max(end for _, end in self.content)


def subtree_range(token: Token) -> Tokens:
    """The token range a token's subtree covers."""
    return token.left_edge.i, token.right_edge.i + 1


def subtree_tokens(token: Token) -> list[Token]:
    """The tokens of a token's subtree, in text order."""
    start, end = subtree_range(token)
    return list(token.doc[start:end])


def tokens_to_chars(tokens: list[Token]) -> Range:
    """The character range from the first to the last of some tokens in text order."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def token_chars(doc: Doc, span: Tokens) -> Range:
    """The character range of a token range."""
    last = doc[span[1] - 1]
    return doc[span[0]].idx, last.idx + len(last.text)


def np_range(token: Token) -> Tokens | None:
    """The token range of the phrase a token heads, without edge punctuation."""
    start, end = subtree_range(token)
    return trim_tokens(token.doc, start, end)


def trim_tokens(doc: Doc, start: int, end: int) -> Tokens | None:
    """A token range without punctuation, quote marks or spaces at its edges."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if start < end else None


def trim(text: str, piece: Range) -> Range | None:
    """A character range without edge punctuation and spaces; None when nothing is left."""
    start, end = piece
    while start < end and text[start] in EDGE_CHARS:
        start += 1
    while end > start and text[end - 1] in EDGE_CHARS:
        end -= 1
    return (start, end) if start < end else None


def without(outer: Range, holes: list[Range]) -> list[Range]:
    """The pieces of ``outer`` outside every hole."""
    pieces = [outer]
    for hole_start, hole_end in sorted(holes):
        remaining: list[Range] = []
        for start, end in pieces:
            if hole_end <= start or hole_start >= end:
                remaining.append((start, end))
                continue
            if start < hole_start:
                remaining.append((start, hole_start))
            if hole_end < end:
                remaining.append((hole_end, end))
        pieces = remaining
    return pieces


def cut(pieces: list[Range], hole: Range) -> list[Range]:
    """The pieces without the hole."""
    return [part for piece in pieces for part in without(piece, [hole])]


def clean(text: str, pieces: list[Range]) -> list[Range]:
    """Trimmed pieces in text order, merged where only spaces part them; pieces without a
    letter or digit are dropped."""
    kept: list[Range] = []
    for piece in sorted(pieces):
        trimmed = trim(text, piece)
        if trimmed is None or not any(c.isalnum() for c in text[trimmed[0] : trimmed[1]]):
            continue
        if kept and not text[kept[-1][1] : trimmed[0]].strip():
            kept[-1] = (kept[-1][0], max(kept[-1][1], trimmed[1]))
        else:
            kept.append(trimmed)
    return kept


def clause_without(text: str, token: Token, phrase: Tokens) -> list[Range]:
    """The clause a phrase modifies ("according to X", "reportedly"), without the phrase.

    The clause is the subtree of the phrase's head, or the whole sentence when the head is
    outside it or its subtree is little more than the phrase.
    """
    doc = token.doc
    sentence = token.sent
    head = token.head
    if head.i == token.i or not sentence.start <= head.i < sentence.end:
        start, end = sentence.start, sentence.end
    else:
        start, end = subtree_range(head)
        if end - start <= phrase[1] - phrase[0] + 1:
            start, end = sentence.start, sentence.end
    outer = tokens_to_chars(list(doc[start:end]))
    return clean(text, without(outer, [token_chars(doc, phrase)]))


def holds(doc: Doc, outer: Draft, inner: Draft) -> bool:
    """The outer draft's content takes in the inner draft's cue."""
    if outer is inner:
        return False
    return inside(doc[inner.cue_token].idx, outer.content)


def inside(at: int, pieces: list[Range]) -> bool:
    """The offset falls in one of the pieces."""
    return any(start <= at < end for start, end in pieces)
