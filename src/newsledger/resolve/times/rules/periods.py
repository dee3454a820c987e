"""Rules: calendar periods longer than a day.

Ordinal periods ("the war's fourth year"), days at a period's edge ("the final days of 2025"),
quarters, halves and seasons.
"""

from __future__ import annotations

import re

from newsledger.resolve.times.calendar import DAY, _add_months, _month_end
from newsledger.resolve.times.context import NEAREST, Normalizer, _Context
from newsledger.resolve.times.values import (
    Date,
    TimeValue,
    _day,
    _days,
    _interval,
    _month,
    _point,
    _unresolved,
)
from newsledger.resolve.times.vocabulary import FEW, NUM, ORD, _full, _index, _number, _ordinal

# ---------------------------------------------------------------------------------------------
# Ordinal periods ("the war's fourth year")

PERIOD_UNIT = r"(?P<unit>day|week|month|year|winter|anniversary)"
PERIOD_OF = _full(rf"(?:the |its |a )?(?P<ord>{ORD}) {PERIOD_UNIT}(?: (?:of|since) (?P<key>.+))?")
PERIOD_POSSESSIVE = _full(rf"(?:the )?(?P<key>[a-z' -]+?)'s? (?P<ord>{ORD}) {PERIOD_UNIT}")
DAY_NUMBER = _full(r"day (?P<ord>[\d,]+) of (?P<key>.+)")


def _ordinal_period(s: str, ctx: _Context) -> TimeValue | None:
    """The Nth day/week/month/year/winter/anniversary of a period whose start is known."""
    match = DAY_NUMBER.match(s) or PERIOD_POSSESSIVE.match(s) or PERIOD_OF.match(s)
    if match is None:
        return None
    unit = match.groupdict().get("unit") or "day"
    raw = match.group("ord")
    index = int(raw.replace(",", "")) if raw.replace(",", "").isdigit() else _ordinal(raw)
    key = match.group("key")
    start = _period_start(key, ctx) if key else _hinted_start(s, ctx)
    if index is None or index < 1:
        return None
    if start is None:
        if key is None and unit == "day" and ctx.sentence_day is not None:
            return _day(ctx.sentence_day, True)  # "for a second day on Saturday"
        return _unresolved("day" if unit in ("day", "anniversary") else "interval")
    return _nth_period(start, index, unit)


def _hinted_start(s: str, ctx: _Context) -> Date | None:
    """ "its fourth year" in a sentence about the war: the period the sentence names."""
    if s.startswith("its ") and ctx.period_hint is not None:
        return ctx.periods.get(ctx.period_hint)
    return None


def _period_start(key: str, ctx: _Context) -> Date | None:
    key = re.sub(r"^the ", "", key.strip())
    key = re.sub(r"^(?:[a-z]+'s )+", "", key).replace("full scale", "full-scale")
    for candidate in (key, re.sub(r" (?:in|on|against|of|with) .+$", "", key)):
        if candidate in ctx.periods:
            return ctx.periods[candidate]
    return None


def _nth_period(start: Date, index: int, unit: str) -> TimeValue:
    if unit == "day":
        return _day(start + (index - 1) * DAY, False)
    if unit == "anniversary":
        return _day(_add_months(start, 12 * index), False)
    if unit == "week":
        first = start + 7 * (index - 1) * DAY
        return _days(first, first + 6 * DAY, False)
    if unit == "winter":  # the first winter is the first to begin after the start
        year = (start.year if start < Date(start.year, 12, 1) else start.year + 1) + index - 1
        return _interval(_month(year, 12), _month(year + 1, 2), False)
    months = 12 if unit == "year" else 1
    first = _add_months(start, months * (index - 1))
    return _days(first, _add_months(start, months * index) - DAY, False)


# ---------------------------------------------------------------------------------------------
# Days at the edge of a period ("the final days of 2025", "the first two weeks of January")

EDGE_DAYS = _full(
    rf"(?:the )?(?P<edge>first|opening|early|last|final|closing) (?:(?P<n>{NUM}) )?"
    r"(?P<unit>days|weeks) of (?P<rest>.+)"
)


def _edge_days(s: str, ctx: _Context, *, normalize: Normalizer) -> TimeValue | None:
    """ "the final days of 2025", "the first two weeks of January": days at a period's edge."""
    match = EDGE_DAYS.match(s)
    if match is None:
        return None
    period = normalize(match["rest"], ctx)
    if period.value is None or period.granularity not in ("month", "year"):
        return _unresolved("interval") if period.granularity in ("month", "year") else None
    first, last = _bounds_of(period.value)
    count = _number(match["n"]) if match["n"] else float(FEW)
    if count is None:
        return None
    length = round(count) * (7 if match["unit"] == "weeks" else 1)
    if match["edge"] in ("first", "opening", "early"):
        return _days(first, min(first + (length - 1) * DAY, last), period.relative)
    return _days(max(last - (length - 1) * DAY, first), last, period.relative)


def _bounds_of(value: str) -> tuple[Date, Date]:
    if len(value) == 4:
        return Date(int(value), 1, 1), Date(int(value), 12, 31)
    year, month = int(value[:4]), int(value[5:7])
    return Date(year, month, 1), _month_end(year, month)


# ---------------------------------------------------------------------------------------------
# Quarters and halves

QUARTER = _full(
    r"(?:the )?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th) quarter"
    r"(?: of (?P<rest>.+))?"
)
SHORT_QUARTER = _full(r"q(?P<q>[1-4])(?: (?P<rest>\d{4}))?")
YEAR_QUARTER = _full(r"(?P<rest>\d{4}) q(?P<q>[1-4])")
HALF = _full(r"(?:the )?(?P<h>first|second|1st|2nd|latter) half(?: of (?P<rest>.+))?")
SHORT_HALF = _full(r"h(?P<h>[12])(?: (?P<rest>\d{4}))?")
PART_NUMBERS = _index("first 1st 1|second 2nd 2 latter|third 3rd 3", 1)


def _year_reference(rest: str | None, ctx: _Context) -> tuple[int, bool] | None:
    """The year of "the first quarter of 2026 / of this year / of next year"."""
    if rest is not None and re.fullmatch(r"\d{4}", rest):
        return int(rest), False
    if ctx.published is None:
        return None
    steps = {None: 0, "the year": 0, "this year": 0, "last year": -1, "next year": 1}
    if rest not in steps:
        return None
    return ctx.published.year + steps[rest], True


def _quarter(s: str, ctx: _Context) -> TimeValue | None:
    match = QUARTER.match(s) or SHORT_QUARTER.match(s) or YEAR_QUARTER.match(s)
    if match is None:
        return None
    year = _year_reference(match["rest"], ctx)
    if year is None:
        return _unresolved("quarter") if ctx.published is None else None
    return _point(f"{year[0]}-Q{PART_NUMBERS.get(match['q'], 4)}", "quarter", year[1])


def _half(s: str, ctx: _Context) -> TimeValue | None:
    match = HALF.match(s) or SHORT_HALF.match(s)
    if match is None:
        return None
    index = PART_NUMBERS[match["h"]]
    year = _year_reference(match["rest"], ctx)
    if year is None:
        return _unresolved("half") if ctx.published is None else None
    return _point(f"{year[0]}-H{index}", "half", year[1])


# ---------------------------------------------------------------------------------------------
# Seasons

SEASON = _full(
    r"(?:(?P<mod>this past|this coming|the previous|previous|the following|this|last|next|the"
    r"|early|late|mid)(?:-| ))?"
    r"(?P<s>winter|spring|summer|autumn|fall)(?: (?:of )?(?P<y>\d{4})(?:[-/]\d{2,4})?)?"
)
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season(s: str, ctx: _Context) -> TimeValue | None:
    """A season is its three months (meteorological); winter runs December to February."""
    match = SEASON.match(s)
    if match is None:
        return None
    start_month = SEASON_START[match["s"]]
    if match["y"]:
        return _season_interval(int(match["y"]), start_month, False)
    if ctx.published is None:
        return _unresolved("interval")
    year = _season_year(ctx.published, start_month, match["mod"], ctx.tense)
    return _season_interval(year, start_month, True)


def _season_year(published: Date, start_month: int, mod: str | None, tense: str | None) -> int:
    """The year the season starts in: the current one, or the one the modifier points at."""
    latest = published.year if published.month >= start_month else published.year - 1
    current = _add_months(Date(latest, start_month, 1), 3) > published
    if mod in ("last", "this past", "previous", "the previous"):
        return latest - 1 if current else latest
    if mod in ("next", "this coming", "the following"):
        return latest + 1
    if current or tense in ("past", None, NEAREST):
        return latest
    return latest + 1


def _season_interval(year: int, start_month: int, relative: bool) -> TimeValue:
    start = Date(year, start_month, 1)
    end = _add_months(start, 2)
    return _interval(_month(start.year, start.month), _month(end.year, end.month), relative)
