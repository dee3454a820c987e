"""Keep an event inside its sentence's paragraph.

Scraped pages put photo captions between paragraphs ("Rustem Umerov ... attend a meeting with
Sheikh Mohamed bin Zayed, January 23"), often without a full stop, so a parse can hang the
blank line and the words after it on a phrase of the caption. A participant, place or trigger
reaching over a blank line is cut back to the paragraph; one lying wholly outside is dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from newsledger.events.model import Event, Participant, TextSpan

BREAK = "\n\n"
S = TypeVar("S", Participant, TextSpan)


def paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the paragraph (text between blank lines) holding ``position``."""
    before = text.rfind(BREAK, 0, position)
    after = text.find(BREAK, position)
    return (0 if before < 0 else before + len(BREAK)), (len(text) if after < 0 else after)


def clip(span: S, text: str, bounds: tuple[int, int]) -> S | None:
    """The span cut to ``bounds`` with the whitespace at its edges trimmed; None when nothing
    of it is left inside."""
    if bounds[0] <= span.start and span.end <= bounds[1]:
        return span
    start, end = max(span.start, bounds[0]), min(span.end, bounds[1])
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if start >= end:
        return None
    return replace(span, text=text[start:end], start=start, end=end)


def keep_in_paragraph(event: Event, text: str, sentence_start: int) -> Event | None:
    """The event with every span inside the paragraph of its sentence; None when not even
    its trigger is there."""
    bounds = paragraph_bounds(text, sentence_start)
    trigger = clip(event.trigger, text, bounds)
    if trigger is None:
        return None
    place = clip(event.place, text, bounds) if event.place else None
    return replace(
        event,
        trigger=trigger,
        place=place,
        actors=_clipped(event.actors, text, bounds),
        recipients=_clipped(event.recipients, text, bounds),
    )


def _clipped(
    group: tuple[Participant, ...], text: str, bounds: tuple[int, int]
) -> tuple[Participant, ...]:
    kept = (clip(p, text, bounds) for p in group)
    return tuple(p for p in kept if p is not None)
