"""Quote-mark pairing: the quoted stretches of an article, with their nesting.

Marks handled: curly double quotes (“ ”), low and angle quotes („ « »), straight double quotes
("), two apostrophes or backticks used as a double quote ('' ``), and single quotes (‘ ’ ')
inside a double quote or, in a paragraph without double quotes, around a headline phrase. A
quote left open at the end of its paragraph ends there and is marked ``runs_on``: news style
reopens a quote that goes on into the next paragraph without closing the first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

OPENERS = "“„«‟"
CLOSERS = "”»"
STRAIGHT = ('"', "''", "``")
SINGLES = "‘’'"
# A content this share of whose letters lie inside quote marks is a direct quote.
DIRECT_SHARE = 0.98
# Every mark, the two-character ones first.
_MARKS = re.compile(r"''|``|[\"“”„«»‟‘’']")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted stretch: ``start`` at its opening mark, ``end`` after its closing mark."""

    start: int
    end: int
    depth: int  # 0 for a quote in running text, 1 for a quote inside a quote
    runs_on: bool = False  # left open at the end of its paragraph

    def inner(self, text: str) -> str:
        """The quoted words without the marks."""
        return text[self.start : self.end].strip("\"“”„«»‟‘’'` \n")


def find_quotes(text: str) -> list[Quote]:
    """Every quote of ``text``, outer quotes and nested ones, in text order."""
    quotes: list[Quote] = []
    offset = 0
    for paragraph in text.split("\n"):
        quotes += _paragraph_quotes(paragraph, offset)
        offset += len(paragraph) + 1
    return sorted(quotes, key=lambda q: (q.start, q.depth))


def top_level(quotes: list[Quote]) -> list[Quote]:
    """The quotes not inside another quote."""
    return [q for q in quotes if q.depth == 0]


class QuoteSpans:
    """The top-level quotes of an article, to ask which one holds an offset."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = top_level(quotes)
        self.starts = [q.start for q in self.quotes]

    def holding(self, at: int) -> Quote | None:
        """The top-level quote an offset falls in, if any."""
        index = bisect_right(self.starts, at) - 1
        if index >= 0 and at < self.quotes[index].end:
            return self.quotes[index]
        return None


def quoted_letters(text: str, start: int, end: int, quotes: list[Quote]) -> tuple[int, int]:
    """How many letters and digits lie between ``start`` and ``end``, and how many of them
    inside a top-level quote (``quotes`` in text order)."""
    spans = QuoteSpans(quotes)
    letters = inside = 0
    for at in range(start, end):
        if text[at].isalnum():
            letters += 1
            inside += spans.holding(at) is not None
    return letters, inside


def kind_of(text: str, pieces: list[tuple[int, int]], quotes: list[Quote]) -> str:
    """``direct`` when the pieces are (all but a trace) inside quote marks, ``mixed`` when
    partly, ``reported`` when not at all."""
    letters = inside = 0
    for start, end in pieces:
        found, quoted = quoted_letters(text, start, end, quotes)
        letters += found
        inside += quoted
    if not letters or not inside:
        return "reported"
    return "direct" if inside / letters >= DIRECT_SHARE else "mixed"


def _paragraph_quotes(paragraph: str, offset: int) -> list[Quote]:
    outer = [Quote(offset + s, offset + e, 0, runs_on) for s, e, runs_on in _doubles(paragraph)]
    if not outer:
        return _singles(paragraph, offset, 0, len(paragraph), depth=0)
    nested = [q for quote in outer for q in _nested(paragraph, offset, quote)]
    return outer + nested


def _doubles(paragraph: str) -> list[tuple[int, int, bool]]:
    """(start, end, runs_on) of the double-quoted stretches of one paragraph."""
    found: list[tuple[int, int, bool]] = []
    opened: int | None = None
    for match in _MARKS.finditer(paragraph):
        mark, at = match.group(), match.start()
        if mark in SINGLES:
            continue
        if opened is None:
            if mark in OPENERS or (mark in STRAIGHT and _may_open(paragraph, at)):
                opened = at
        elif mark in CLOSERS or mark in STRAIGHT or _closes(paragraph, match.end()):
            # a closing mark, or an opening one typed for it ("that?“ he asked")
            found.append((opened, match.end(), False))
            opened = None
        else:
            # a quote reopened without closing: the first ends where the second begins
            found.append((opened, _trim_end(paragraph, at), True))
            opened = at
    if opened is not None and _trim_end(paragraph, len(paragraph)) - opened > 1:
        found.append((opened, _trim_end(paragraph, len(paragraph)), True))
    return found


def _may_open(paragraph: str, at: int) -> bool:
    """A straight quote opens when it stands before a word, not right after one."""
    before = paragraph[at - 1] if at > 0 else " "
    return not before.isalnum() and before not in ".,;:!?"


def _closes(paragraph: str, after: int) -> bool:
    """A mark followed by a space, punctuation or the paragraph's end closes a quote."""
    return after >= len(paragraph) or not (
        paragraph[after].isalnum() or paragraph[after] in SINGLES
    )


def _trim_end(paragraph: str, end: int) -> int:
    while end > 0 and paragraph[end - 1].isspace():
        end -= 1
    return end


def _nested(paragraph: str, offset: int, quote: Quote) -> list[Quote]:
    return _singles(paragraph, offset, quote.start - offset + 1, quote.end - offset - 1, depth=1)


def _singles(paragraph: str, offset: int, start: int, end: int, depth: int) -> list[Quote]:
    """Single-quoted stretches between ``start`` and ``end``; apostrophes are not quotes."""
    found: list[Quote] = []
    opened: int | None = None
    for at in range(start, end):
        char = paragraph[at]
        if char not in SINGLES or _doubled(paragraph, at):
            continue
        before = paragraph[at - 1] if at > 0 else " "
        after = paragraph[at + 1] if at + 1 < len(paragraph) else " "
        if opened is None and char in "‘'" and not before.isalnum() and after.isalnum():
            opened = at
        elif opened is not None and char in "’'" and not after.isalnum() and before != " ":
            found.append(Quote(offset + opened, offset + at + 1, depth))
            opened = None
    return found


def _doubled(paragraph: str, at: int) -> bool:
    """The mark is half of a two-apostrophe double quote ('')."""
    return paragraph[at : at + 2] == "''" or (at > 0 and paragraph[at - 1 : at + 1] == "''")
