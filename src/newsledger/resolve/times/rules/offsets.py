"""Rules: counts of units away from a date, and spans reaching the publication date.

Offsets: "two days ago", "in two weeks", "a week earlier". Spans to now: "the past three weeks",
"the coming days".
"""

from __future__ import annotations

import datetime
import re

from newsledger.resolve.times.calendar import DAY, _add_months
from newsledger.resolve.times.context import _Context
from newsledger.resolve.times.rules.durations import DURATION, _duration_from
from newsledger.resolve.times.values import (
    Date,
    TimeValue,
    _day,
    _days,
    _iso_week,
    _month,
    _point,
    _unresolved,
)
from newsledger.resolve.times.vocabulary import FEW, NUM, UNIT, UNITS, _full, _number, _unit_name

# ---------------------------------------------------------------------------------------------
# Offsets from the publication date ("two days ago", "in two weeks", "a week earlier")

OFFSET = _full(
    rf"(?P<n>{NUM})?(?P<half> and a half)? ?{UNIT}(?P<dir> ago| earlier| later| from now| hence"
    r"| previously| before| after|'?s? time)"
)


def _offset(s: str, ctx: _Context) -> TimeValue | None:
    """A count of units before or after a date, at the unit's granularity.

    "ago", "from now" and "in two weeks" count from the publication date; "earlier" and "later"
    are anaphoric and count from the last day named before them, or from the publication date
    when the text has named none ("the demand it had made a week earlier").
    """
    found = _offset_match(s, ctx)
    if found is None or isinstance(found, TimeValue):
        return found
    match, direction = found
    unit = _unit_name(match.group("unit"))
    count = _number(match.group("n") or "a")
    anaphoric = (match.groupdict().get("dir") or "").strip() in ("earlier", "later")
    base = (ctx.anchor if anaphoric else None) or ctx.published
    if count is None or base is None:
        return _unresolved(_offset_granularity(unit))
    return _shift(base, direction * count, unit)


def _offset_match(s: str, ctx: _Context) -> tuple[re.Match[str], int] | TimeValue | None:
    """The count and direction of an offset; a duration when it is a gap between two events."""
    match = OFFSET.match(s)
    if match is None:
        ahead = ctx.after_in and ctx.tense != "past"  # "will meet in two weeks"
        match = DURATION.match(s) if ahead else None
        return (match, 1) if match and _number(match.group("n")) is not None else None
    direction = match.group("dir").strip()
    if direction in ("before", "after") or ctx.before_than:
        return _duration_from(match)  # "three days after the talks": a gap, not a date
    return match, -1 if direction in ("ago", "earlier", "previously") else 1


def _offset_granularity(unit: str) -> str:
    return {"second": "time", "minute": "time", "hour": "time", "night": "day"}.get(
        unit, "year" if unit in ("decade", "century") else unit
    )


def _shift(published: Date, count: float, unit: str) -> TimeValue:
    amount = round(count)
    if unit in ("second", "minute", "hour"):  # the time of publication is unknown: whole days
        days = int(count / (24 if unit == "hour" else 24 * 60 * (60 if unit == "second" else 1)))
        return _day(published + days * DAY, True, "time")
    if unit in ("day", "night"):
        return _day(published + amount * DAY, True)
    if unit in ("week", "fortnight"):
        weeks = amount * (2 if unit == "fortnight" else 1)
        return _point(_iso_week(published + 7 * weeks * DAY), "week", True)
    if unit == "month":
        moved = _add_months(published, amount)
        return _point(_month(moved.year, moved.month), "month", True)
    years = amount * UNITS[unit][1]
    return _point(str(published.year + years), "year", True)


# ---------------------------------------------------------------------------------------------
# Spans reaching the publication date ("the past three weeks", "the coming days")

SPAN_TO_NOW = _full(
    rf"(?P<the>the )?(?P<dir>past|last|next|coming|upcoming|recent)"
    rf"(?: (?P<n>{NUM}))? {UNIT}"
)
RECENT = _full(rf"recent {UNIT}")


def _span_to_now(s: str, ctx: _Context) -> TimeValue | None:
    """An interval with one end at the publication date."""
    match = SPAN_TO_NOW.match(s) or RECENT.match(s)
    if match is None:
        return None
    parts = match.groupdict()
    raw_count = parts.get("n")
    plural = s.endswith("s") and not s.endswith("ss")
    if parts.get("the") is None and raw_count is None and not plural and "dir" in parts:
        return None  # "last week" is a calendar week, see _deictic
    count = _span_count(raw_count, plural)
    if count is None:
        return None
    if ctx.published is None:
        return _unresolved("interval")
    past = parts.get("dir", "recent") in ("past", "last", "recent")
    other = _move(ctx.published, -count if past else count, _unit_name(match.group("unit")))
    if past:
        return _days(other, ctx.published, True)
    return _days(ctx.published, other, True)


def _span_count(raw: str | None, plural: bool) -> float | None:
    if raw is None:
        return float(FEW) if plural else 1.0
    if raw in ("few", "a few", "several", "couple of", "a couple of"):
        return 2.0 if "couple" in raw else float(FEW)
    return _number(raw)


def _move(day: Date, count: float, unit: str) -> Date:
    amount = round(count)
    if unit in ("second", "minute", "hour"):
        return day + datetime.timedelta(hours=amount if unit == "hour" else 0)
    if unit in ("day", "night"):
        return day + amount * DAY
    if unit in ("week", "fortnight"):
        return day + amount * 7 * (2 if unit == "fortnight" else 1) * DAY
    return _add_months(day, amount * (1 if unit == "month" else 12 * UNITS[unit][1]))
