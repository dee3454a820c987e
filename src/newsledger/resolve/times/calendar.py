"""Calendar arithmetic, and the year or weekday an incomplete date points at.

Month arithmetic, month ends and impossible dates; which weekday "Thursday" or "last Thursday" is;
which year a date or a month without one falls in; and early/mid/late thirds of a month or year.
"""

from __future__ import annotations

import calendar
import datetime

from newsledger.resolve.times.context import NEAREST, _Context
from newsledger.resolve.times.values import Date, TimeValue, _days, _interval, _month

DAY = datetime.timedelta(days=1)


def _add_months(day: Date, months: int) -> Date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return Date(year, month + 1, min(day.day, last))


def _month_end(year: int, month: int) -> Date:
    return Date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> Date | None:
    try:
        return Date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Which day, which year


def _weekday_date(published: Date, weekday: int, mod: str | None, tense: str | None) -> Date:
    today = published.weekday()
    if mod in ("last", "past", "this past"):
        return published - ((today - weekday) % 7 or 7) * DAY
    if mod == "next":
        return published + (7 - today + weekday) * DAY
    if mod in ("coming", "this coming"):
        return published + ((weekday - today) % 7 or 7) * DAY
    if mod == "this":
        return published + (weekday - today) * DAY
    ahead, back = (weekday - today) % 7, (today - weekday) % 7
    if tense in ("future", "present") or (tense == NEAREST and ahead < back):
        return published + ahead * DAY
    return published - back * DAY


def _infer_day(month: int, day: int, ctx: _Context) -> Date | None:
    """The year that puts the date closest to publication; the tense decides beyond a month."""
    if ctx.published is None:
        return None
    published = ctx.published
    years = (published.year - 1, published.year, published.year + 1)
    candidates = [c for c in (_safe_date(y, month, day) for y in years) if c is not None]
    if not candidates:
        return None
    closest = min(candidates, key=lambda c: (abs((c - published).days), c > published))
    if abs((closest - published).days) <= 31 or ctx.tense not in ("past", "future"):
        return closest
    if ctx.tense == "past":
        return max((c for c in candidates if c <= published), default=closest)
    return min((c for c in candidates if c >= published), default=closest)


def _infer_month_year(month: int, ctx: _Context) -> int | None:
    """A month alone: this year's if it is the publication month, else as the tense says."""
    if ctx.published is None:
        return None
    now = ctx.published.year * 12 + ctx.published.month - 1
    options = [
        (year, year * 12 + month - 1)
        for year in range(ctx.published.year - 1, ctx.published.year + 2)
    ]
    if ctx.tense == "past":
        return max(year for year, index in options if index <= now)
    if ctx.tense in ("future", "present"):
        return min(year for year, index in options if index >= now)
    return min(options, key=lambda option: (abs(option[1] - now), option[1] > now))[0]


# ---------------------------------------------------------------------------------------------
# Thirds: early/mid/late


def _year_third(year: int, third: int, relative: bool) -> TimeValue:
    first = 1 + 4 * third
    return _interval(_month(year, first), _month(year, first + 3), relative)


def _month_third(year: int, month: int, third: int, relative: bool) -> TimeValue:
    start = Date(year, month, 1 + 10 * third)
    end = _month_end(year, month) if third == 2 else Date(year, month, 10 + 10 * third)
    return _days(start, end, relative)
