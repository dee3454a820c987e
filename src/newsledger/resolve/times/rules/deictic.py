"""Rules: words that point at the publication date, and weekdays.

"yesterday", "last week", "earlier this year", "late last month"; "on Thursday", "next Sunday",
"last Tuesday", "this Friday".
"""

from __future__ import annotations

import re

from newsledger.resolve.times.calendar import (
    DAY,
    _add_months,
    _month_end,
    _month_third,
    _weekday_date,
    _year_third,
)
from newsledger.resolve.times.context import _Context
from newsledger.resolve.times.values import (
    Date,
    TimeValue,
    _day,
    _days,
    _interval,
    _iso_week,
    _month,
    _point,
    _unresolved,
)
from newsledger.resolve.times.vocabulary import THIRDS, WD, WEEKDAYS, _full, _words

# ---------------------------------------------------------------------------------------------
# Words that point at the publication date ("yesterday", "last week", "earlier this year")

DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
DAY_WORDS |= {"the day before yesterday": -2, "the day after tomorrow": 2}
UNIT_STEPS: dict[str | None, int] = {
    None: 0,
    **dict.fromkeys(_words("this|the|all|current|the current"), 0),
    **dict.fromkeys(_words("last|previous|the previous|this past"), -1),
    **dict.fromkeys(_words("next|the next|coming|this coming"), 1),
}
CALENDAR_UNIT = _full(
    r"(?:(?P<mod>this past|this coming|this|the current|current|the previous|previous|the next"
    r"|last|next|coming|the|all) )?(?P<unit>week|weekend|month|year|quarter)"
)
PART_OF_PERIOD = _full(r"(?P<part>earlier|later) (?:this|in the) (?P<unit>week|month|year)")
THIRD_OF_PERIOD = _full(
    r"(?P<third>early|mid|late)(?:-| |- )(?:in )?(?P<mod>this|last|next|the) (?P<unit>month|year)"
)
EDGE_OF_PERIOD = _full(
    r"(?:the )?(?P<third>start|beginning|middle|end) of (?P<mod>this|last|next|the)"
    r" (?P<unit>week|month|year)"
)


def _deictic(s: str, ctx: _Context) -> TimeValue | None:
    """today, yesterday, this week, last month, next year, earlier this year, late last year."""
    if s in DAY_WORDS:
        if ctx.published is None:
            return _unresolved("day")
        return _day(ctx.published + DAY_WORDS[s] * DAY, True)
    for pattern, handler in (
        (CALENDAR_UNIT, _calendar_unit),
        (PART_OF_PERIOD, _part_of_period),
        (THIRD_OF_PERIOD, _third_of_period),
        (EDGE_OF_PERIOD, _third_of_period),
    ):
        match = pattern.match(s)
        if match:
            if ctx.published is None:
                whole = handler is _calendar_unit
                return _unresolved(_unit_granularity(match.group("unit")) if whole else "interval")
            return handler(match, ctx.published, ctx.tense)
    return None


def _unit_granularity(unit: str) -> str:
    return "interval" if unit == "weekend" else unit


def _calendar_unit(match: re.Match[str], published: Date, tense: str | None) -> TimeValue:
    step = UNIT_STEPS.get(match.group("mod"), 0)
    unit = match.group("unit")
    if unit == "week":
        return _point(_iso_week(published + 7 * step * DAY), "week", True)
    if unit == "weekend":
        return _weekend(published, step, match.group("mod"), tense)
    if unit == "month":
        moved = _add_months(published, step)
        return _point(_month(moved.year, moved.month), "month", True)
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + step
        return _point(f"{index // 4}-Q{index % 4 + 1}", "quarter", True)
    return _point(str(published.year + step), "year", True)


def _weekend(published: Date, step: int, mod: str | None, tense: str | None) -> TimeValue:
    """Saturday and Sunday; "the weekend" in past tense is the one just gone."""
    saturday = published - published.weekday() * DAY + 5 * DAY
    if step == 0 and tense in ("past", None) and saturday > published:
        step = -1
    if step == -1 and published.weekday() == 6 and mod != "last":
        step = 0
    saturday += 7 * step * DAY
    return _days(saturday, saturday + DAY, True)


def _part_of_period(match: re.Match[str], published: Date, tense: str | None) -> TimeValue:
    """ "earlier this week": from the start of the week to the day before publication."""
    start, end = _period_bounds(published, match.group("unit"), 0)
    later = match.group("part") == "later"
    if match.group("unit") == "year":
        if later:
            return _interval(_month(published.year, published.month), _month(end.year, 12), True)
        return _interval(_month(start.year, 1), _month(published.year, published.month), True)
    first, last = (published + DAY, end) if later else (start, published - DAY)
    if last < first:
        unit = match.group("unit")
        value = _iso_week(published) if unit == "week" else _month(published.year, published.month)
        return _point(value, unit, True)
    return _days(first, last, True)


def _third_of_period(match: re.Match[str], published: Date, tense: str | None) -> TimeValue:
    """early/mid/late (or the start/end of) this, last or next month or year."""
    step = UNIT_STEPS.get(match.group("mod"), 0)
    start, end = _period_bounds(published, match.group("unit"), step)
    third = THIRDS.get(match.group("third"), 2)
    if match.group("unit") == "year":
        return _year_third(start.year, third, True)
    if match.group("unit") == "month":
        return _month_third(start.year, start.month, third, True)
    first = start + 2 * third * DAY  # a week: Monday-Tuesday, Wednesday-Thursday, Friday-Sunday
    return _days(first, first + DAY if third < 2 else end, True)


def _period_bounds(published: Date, unit: str, step: int) -> tuple[Date, Date]:
    if unit == "week":
        monday = published - published.weekday() * DAY + 7 * step * DAY
        return monday, monday + 6 * DAY
    if unit == "month":
        first = _add_months(published.replace(day=1), step)
        return first, _month_end(first.year, first.month)
    year = published.year + step
    return Date(year, 1, 1), Date(year, 12, 31)


# ---------------------------------------------------------------------------------------------
# Weekdays ("on Thursday", "next Sunday", "last Tuesday", "this Friday")

WEEKDAY = _full(rf"(?:(?P<mod>last|next|this|coming|this coming|this past|past) )?(?P<wd>{WD})")


def _weekday(s: str, ctx: _Context) -> TimeValue | None:
    """A weekday, in the direction its modifier or the tense gives."""
    match = WEEKDAY.match(s)
    if match is None:
        return None
    if ctx.published is None:
        return _unresolved("day")
    day = _weekday_date(ctx.published, WEEKDAYS[match.group("wd")], match.group("mod"), ctx.tense)
    return _day(day, True)
