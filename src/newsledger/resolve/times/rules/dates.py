"""Rules: calendar dates, months, years and decades.

Dates named by the calendar rather than by the publication date: "22 January 2026", "Jan. 22",
"last February", "mid-January", "the 1990s". dateparser comes last, for absolute dates in forms
the patterns do not know.
"""

from __future__ import annotations

import re
from typing import Any

from newsledger.resolve.times.calendar import (
    _infer_day,
    _infer_month_year,
    _month_third,
    _safe_date,
    _year_third,
)
from newsledger.resolve.times.context import _Context
from newsledger.resolve.times.values import (
    NOT_A_TIME,
    TimeValue,
    _day,
    _interval,
    _month,
    _point,
    _unresolved,
)
from newsledger.resolve.times.vocabulary import DD, MON, MONTHS, THIRDS, WD, _full

FULL_DATES = (
    _full(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    _full(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
)
NUMERIC_DATE = _full(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})")
PREFIX = rf"(?:{WD},? )?(?:the )?"
DAY_MONTH = _full(rf"{PREFIX}(?P<d>{DD}) (?:of )?(?P<m>{MON})(?:,? (?P<y>\d{{4}}))?")
MONTH_DAY = _full(rf"{PREFIX}(?P<m>{MON}) (?:the )?(?P<d>{DD})(?:,? (?P<y>\d{{4}}))?")
MONTH_YEAR = _full(rf"(?:the month of )?(?P<m>{MON})(?:,? | of )?(?P<y>\d{{4}})?")
ISO_MONTH = _full(r"(?P<y>\d{4})-(?P<m>\d{2})")
MODIFIED_MONTH = _full(rf"(?P<mod>last|next|this|this past|this coming) (?P<m>{MON})")
THIRD_MONTH = _full(
    rf"(?:the )?(?P<third>early|mid|late|start of|beginning of|end of|middle of)"
    rf"(?:-| |- )(?P<m>{MON})(?:,? (?P<y>\d{{4}}))?"
)
THIRD_YEAR = _full(
    r"(?:the )?(?P<third>early|mid|late|start of|beginning of|end of|middle of)"
    r"(?:-| |- )(?P<y>\d{4})"
)
YEAR = _full(r"(?:the year )?(?P<y>1[89]\d\d|2[01]\d\d)")
DECADE = _full(r"(?:the )?(?:(?P<third>early|mid|late)(?:-| ))?(?P<d>1[89]\d|20\d)0'?s")
SHORT_DECADE = _full(r"(?:the )?(?:(?P<third>early|mid|late)(?:-| ))?'?(?P<d>\d)0s")


def _full_date(s: str, ctx: _Context) -> TimeValue | None:
    for pattern in FULL_DATES:
        match = pattern.match(s)
        if match:
            day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
            return _day(day, False) if day else NOT_A_TIME
    match = ISO_MONTH.match(s)
    if match and 1 <= int(match["m"]) <= 12:
        return _point(_month(int(match["y"]), int(match["m"])), "month", False)
    return None


def _numeric_date(s: str, ctx: _Context) -> TimeValue | None:
    """22/01/2026: day first, as in the outlets we read, unless only month first fits."""
    match = NUMERIC_DATE.match(s)
    if match is None:
        return None
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    year += 2000 if year < 100 else 0
    day, month = (b, a) if b > 12 >= a else (a, b)
    found = _safe_date(year, month, day)
    return _day(found, False) if found else NOT_A_TIME


def _day_and_month(s: str, ctx: _Context) -> TimeValue | None:
    match = DAY_MONTH.match(s) or MONTH_DAY.match(s)
    if match is None:
        return None
    month, day = MONTHS[match["m"].rstrip(".")], int(re.sub(r"\D", "", match["d"]))
    if match["y"]:
        found = _safe_date(int(match["y"]), month, day)
        return _day(found, False) if found else NOT_A_TIME
    if ctx.published is None:
        return _unresolved("day")
    inferred = _infer_day(month, day, ctx)
    return _day(inferred, True) if inferred else NOT_A_TIME


def _month_and_year(s: str, ctx: _Context) -> TimeValue | None:
    match = MONTH_YEAR.match(s)
    if match is None:
        return None
    month = MONTHS[match["m"].rstrip(".")]
    if match["y"]:
        return _point(_month(int(match["y"]), month), "month", False)
    year = _infer_month_year(month, ctx)
    return _point(_month(year, month), "month", True) if year else _unresolved("month")


def _modified_month(s: str, ctx: _Context) -> TimeValue | None:
    """ "last February" is the latest February before this month, "next March" the first after."""
    match = MODIFIED_MONTH.match(s)
    if match is None:
        return None
    if ctx.published is None:
        return _unresolved("month")
    month, year = MONTHS[match["m"].rstrip(".")], ctx.published.year
    if match["mod"] in ("last", "this past"):
        year -= 1 if month >= ctx.published.month else 0
    elif match["mod"] in ("next", "this coming"):
        year += 1 if month <= ctx.published.month else 0
    return _point(_month(year, month), "month", True)


def _third_index(word: str) -> int:
    return THIRDS[word.split()[0]]


def _month_third_rule(s: str, ctx: _Context) -> TimeValue | None:
    match = THIRD_MONTH.match(s)
    if match is None:
        return None
    month = MONTHS[match["m"].rstrip(".")]
    year = int(match["y"]) if match["y"] else _infer_month_year(month, ctx)
    if year is None:
        return _unresolved("interval")
    return _month_third(year, month, _third_index(match["third"]), not match["y"])


def _year_third_rule(s: str, ctx: _Context) -> TimeValue | None:
    match = THIRD_YEAR.match(s)
    if match is None:
        return None
    return _year_third(int(match["y"]), _third_index(match["third"]), False)


def _year(s: str, ctx: _Context) -> TimeValue | None:
    match = YEAR.match(s)
    return _point(match["y"], "year", False) if match else None


def _decade(s: str, ctx: _Context) -> TimeValue | None:
    """The 1990s is ``199``; early/mid/late decades are year intervals (1990/1993)."""
    match = DECADE.match(s) or SHORT_DECADE.match(s)
    if match is None:
        return None
    stem = match["d"]
    if len(stem) == 1:  # "the '90s"
        stem = ("19" if int(stem) >= 3 else "20") + stem
    if match["third"] is None:
        return _point(stem, "decade", False)
    first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[match["third"]]
    return _interval(f"{stem}{first}", f"{stem}{last}", False)


# ---------------------------------------------------------------------------------------------
# Rule: dateparser, for absolute dates in forms the patterns above do not know

ABSOLUTE_HINT = re.compile(r"\b\d{4}\b|'\d\d\b")
RELATIVE_WORDS = re.compile(
    r"\b(?:ago|last|next|this|coming|past|today|yesterday|tomorrow|tonight|later|earlier|in)\b"
)


def _dateparser_absolute(s: str, ctx: _Context) -> TimeValue | None:
    """A complete day, month and year written some other way ("22-Jan-2026")."""
    if not ABSOLUTE_HINT.search(s) or RELATIVE_WORDS.search(s):
        return None
    if not re.search(MON, s) and not re.search(r"\d[-/.]\d", s):
        return None
    import dateparser

    settings = {"STRICT_PARSING": True, "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
    parsed: Any = dateparser.parse(s, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return _day(parsed.date(), False)
