"""Rules: nights and times of day.

A night is the interval of the two days it spans ("last night", "overnight into Saturday",
"Friday night"); a time of day is its day with granularity ``time`` ("midnight", "09:30",
"early on Friday", "Thursday evening").
"""

from __future__ import annotations

import re

from newsledger.resolve.times.calendar import DAY
from newsledger.resolve.times.context import Normalizer, _Context
from newsledger.resolve.times.values import Date, TimeValue, _day, _days, _unresolved
from newsledger.resolve.times.vocabulary import _full

# ---------------------------------------------------------------------------------------------
# Nights ("last night", "overnight into Saturday", "Friday night")

LAST_NIGHT = ("last night", "overnight", "another night", "the overnight")
NIGHT_INTO = _full(r"overnight (?:into|to) (?P<rest>.+)")
NIGHT_OF = _full(r"(?:the )?night of (?P<rest>.+)")
DAY_NIGHT = _full(r"(?:late |early )?(?:on )?(?P<rest>.+?) night")


def _night(s: str, ctx: _Context, *, normalize: Normalizer) -> TimeValue | None:
    """A night is the interval of the two days it spans."""
    if s in LAST_NIGHT or s == "tonight":
        if ctx.published is None:
            return _unresolved("interval")
        first = ctx.published - DAY if s != "tonight" else ctx.published
        return _days(first, first + DAY, True)
    if s == "the night":
        day = ctx.sentence_day or ctx.anchor
        return _days(day, day + DAY, True) if day else _unresolved("interval")
    for pattern, shift in ((NIGHT_INTO, -1), (NIGHT_OF, 0), (DAY_NIGHT, 0)):
        match = pattern.match(s)
        if match:
            return _night_of(normalize(match.group("rest"), ctx), shift)
    return None


def _night_of(found: TimeValue, shift: int) -> TimeValue | None:
    if found.kind == "unresolved" and found.granularity != "unknown":
        return _unresolved("interval")
    if found.value is None:
        return None
    if found.granularity in ("day", "time"):
        first = Date.fromisoformat(found.value[:10]) + shift * DAY
        return _days(first, first + DAY, found.relative)
    if found.kind == "interval" and re.fullmatch(r"[\d-]{10}/[\d-]{10}", found.value):
        return found  # "the night of 23-24 January"
    return None


# ---------------------------------------------------------------------------------------------
# Times of day ("midnight", "09:30", "early on Friday", "Thursday evening")

CLOCK = (
    r"(?:\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?|\d{1,2} ?[ap]\.?m\.?|midnight|noon|midday"
    r"|late-night|early-morning|dawn|dusk|daybreak|nightfall)"
)
ZONE = r"(?: (?:gmt|utc|cet|eet|msk|bst|est|edt|[a-z]+ time))?"
CLOCK_FIRST = _full(rf"(?:before |after |around )?{CLOCK}{ZONE}(?:,? (?:on |of )?(?P<rest>.+))?")
CLOCK_LAST = _full(rf"(?P<rest>.+?),? (?:at |around |before |after )?{CLOCK}{ZONE}")
EARLY_LATE = _full(r"(?:early|late|later|earlier) (?:on |in )?(?P<rest>.+)")
PART_AFTER = _full(r"(?P<rest>.+?) (?:morning|afternoon|evening)")
PART_OF = _full(
    r"(?:the )?(?:morning|afternoon|evening|early hours|small hours)(?: of (?P<rest>.+))?"
)
THIS_PART = _full(r"this (?:morning|afternoon|evening)")


def _time_of_day(s: str, ctx: _Context, *, normalize: Normalizer) -> TimeValue | None:
    """A time of day is its day, with granularity ``time``."""
    if THIS_PART.match(s):
        return _day(ctx.published, True, "time") if ctx.published else _unresolved("time")
    for pattern in (CLOCK_FIRST, CLOCK_LAST, PART_OF, EARLY_LATE, PART_AFTER):
        match = pattern.match(s)
        if match is None:
            continue
        rest = match.groupdict().get("rest")
        if rest is None:
            return _day_of_sentence(ctx)
        found = _on_day(normalize(rest, ctx))
        if found is not None:
            return found
    return None


def _on_day(found: TimeValue) -> TimeValue | None:
    if found.granularity in ("day", "time"):
        if found.value is None:
            return _unresolved("time")
        return _day(Date.fromisoformat(found.value[:10]), found.relative, "time")
    return None


def _day_of_sentence(ctx: _Context) -> TimeValue:
    """A bare clock time: the day named in its sentence, before it, or the publication day."""
    for day in (ctx.sentence_day, ctx.anchor):
        if day is not None:
            return _day(day, True, "time")
    if ctx.published is None:
        return _unresolved("time")
    return _day(ctx.published, True, "time")
