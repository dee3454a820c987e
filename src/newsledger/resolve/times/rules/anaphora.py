"""Rules: anaphora ("the same day", "that evening", "later in the day", "the following week").

Also "the week of February 23", which ``cascade`` tries right after the anaphora.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsledger.resolve.times.calendar import DAY
from newsledger.resolve.times.context import Normalizer, _Context
from newsledger.resolve.times.values import (
    TimeValue,
    _day,
    _days,
    _iso_week,
    _point,
    _single_day,
    _unresolved,
)
from newsledger.resolve.times.vocabulary import _full, _words

ANAPHORIC_DAYS = {
    **dict.fromkeys(_words("the same day|that same day|that day|the day"), 0),
    **dict.fromkeys(_words("the next day|the following day|the day after"), 1),
    **dict.fromkeys(_words("the previous day|the day before|the preceding day"), -1),
}
ANAPHORIC_PART = _full(
    r"(?P<which>that|the same|the next|the following|the previous) (?P<part>morning|afternoon"
    r"|evening|night)"
)
PART_STEPS = {"next": 1, "following": 1, "previous": -1}
IN_THE_DAY = _full(r"(?:earlier|later) (?:in|on) the day|(?:earlier|later) that day")
ANAPHORIC_WEEK = _full(r"the (?P<which>following|previous|preceding) week")
WEEK_OF = _full(r"the week (?:of|starting|beginning) (?P<rest>.+)")


def _anaphoric(s: str, ctx: _Context) -> TimeValue | None:
    """Expressions that point at a day named before them in the text."""
    if s in ANAPHORIC_DAYS:
        if ctx.anchor is None:
            return _unresolved("day")
        return _day(ctx.anchor + ANAPHORIC_DAYS[s] * DAY, True)
    if IN_THE_DAY.match(s):
        day = ctx.anchor or ctx.sentence_day or ctx.published
        return _day(day, True, "time") if day else _unresolved("time")
    for pattern, handler in ANAPHORIC_HANDLERS:
        match = pattern.match(s)
        if match:
            return handler(match, ctx)
    return None


def _anaphoric_part(match: re.Match[str], ctx: _Context) -> TimeValue | None:
    """ "that evening", "the next morning", "the same night": a part of the day named before."""
    night = match.group("part") == "night"
    if ctx.anchor is None:
        return _unresolved("interval" if night else "time")
    day = ctx.anchor + PART_STEPS.get(match.group("which").split()[-1], 0) * DAY
    return _days(day, day + DAY, True) if night else _day(day, True, "time")


def _week_of(s: str, ctx: _Context, *, normalize: Normalizer) -> TimeValue | None:
    """ "the week of February 23": the ISO week of that day."""
    match = WEEK_OF.match(s)
    if match is None:
        return None
    found = normalize(match.group("rest"), ctx)
    day = _single_day(found)
    if day is None:
        return _unresolved("week") if found.kind == "unresolved" else None
    return _point(_iso_week(day), "week", found.relative)


def _anaphoric_week(match: re.Match[str], ctx: _Context) -> TimeValue | None:
    """ "the following week": the ISO week after the one of the day named before."""
    if ctx.anchor is None:
        return _unresolved("week")
    step = 7 if match.group("which") == "following" else -7
    return _point(_iso_week(ctx.anchor + step * DAY), "week", True)


ANAPHORIC_HANDLERS: tuple[tuple[re.Pattern[str], Callable[..., TimeValue | None]], ...] = (
    (ANAPHORIC_PART, _anaphoric_part),
    (ANAPHORIC_WEEK, _anaphoric_week),
)
