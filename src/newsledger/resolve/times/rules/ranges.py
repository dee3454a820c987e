"""Rules: ranges ("23-24 January", "Friday and Saturday", "from January to March 2026")."""

from __future__ import annotations

import re

from newsledger.resolve.times.calendar import (
    DAY,
    _infer_day,
    _infer_month_year,
    _safe_date,
    _weekday_date,
)
from newsledger.resolve.times.context import _Context
from newsledger.resolve.times.values import TimeValue, _days, _interval, _month, _unresolved
from newsledger.resolve.times.vocabulary import DD, MON, MONTHS, WD, WEEKDAYS, _full

TO = r" ?(?:-|to|and|through|until|till) ?"
RANGE_PATTERNS = (
    # 23-24 January 2026, between 4 and 5 February
    _full(rf"(?P<d1>{DD}){TO}(?P<d2>{DD}) (?:of )?(?P<m2>{MON})(?:,? (?P<y2>\d{{4}}))?"),
    # Jan. 23-24, January 23 to 24, 2026
    _full(rf"(?P<m2>{MON}) (?P<d1>{DD}){TO}(?P<d2>{DD})(?:,? (?P<y2>\d{{4}}))?"),
    # 23 January to 2 February 2026
    _full(
        rf"(?P<d1>{DD}) (?P<m1>{MON})(?:,? (?P<y1>\d{{4}}))?{TO}(?P<d2>{DD}) (?P<m2>{MON})"
        rf"(?:,? (?P<y2>\d{{4}}))?"
    ),
    # January 23 to February 2, 2026
    _full(
        rf"(?P<m1>{MON}) (?P<d1>{DD})(?:,? (?P<y1>\d{{4}}))?{TO}(?P<m2>{MON}) (?P<d2>{DD})"
        rf"(?:,? (?P<y2>\d{{4}}))?"
    ),
    # January to March 2026, November 2025 to January 2026
    _full(rf"(?P<m1>{MON})(?: (?P<y1>\d{{4}}))?{TO}(?P<m2>{MON})(?:,? (?P<y2>\d{{4}}))?"),
    # 2025-2026, 2025-26, 2022 to 2024
    _full(r"(?P<y1>\d{4})(?:-|/| to | and | through )(?P<y2>\d{2}|\d{4})"),
)
WEEKDAY_PAIR = _full(
    rf"(?:(?P<mod>last|next|this) )?(?P<w1>{WD})(?P<conn> and | to |-| through | until )"
    rf"(?:(?:last|next|this) )?(?P<w2>{WD})"
)


def _range(s: str, ctx: _Context) -> TimeValue | None:
    """Intervals written with two ends."""
    s = re.sub(r"^(?:from|between) ", "", s)
    match = WEEKDAY_PAIR.match(s)
    if match:
        return _weekday_range(match, ctx)
    for pattern in RANGE_PATTERNS:
        match = pattern.match(s)
        if match:
            return _calendar_range(match.groupdict(), ctx)
    return None


def _calendar_range(parts: dict[str, str | None], ctx: _Context) -> TimeValue | None:
    if parts.get("d1") is None and parts.get("m1") is None:
        return _year_range(parts)
    m2 = MONTHS[(parts["m2"] or "").rstrip(".")]
    m1 = MONTHS[(parts.get("m1") or "").rstrip(".")] if parts.get("m1") else m2
    y2, relative = _range_year(parts, m1, ctx)
    if y2 is None:
        return _unresolved("interval")
    y1 = int(parts.get("y1") or 0) or (y2 - 1 if m1 > m2 else y2)
    if parts.get("d1") is None:
        return _interval(_month(y1, m1), _month(y2, m2), relative)
    start = _safe_date(y1, m1, int(re.sub(r"\D", "", parts["d1"] or "")))
    end = _safe_date(y2, m2, int(re.sub(r"\D", "", parts["d2"] or "")))
    if start is None or end is None or end < start:
        return None
    return _days(start, end, relative)


def _range_year(parts: dict[str, str | None], m1: int, ctx: _Context) -> tuple[int | None, bool]:
    """The year of the range's end: written, or inferred from its start and the publication."""
    if parts.get("y2"):
        return int(parts["y2"] or ""), False
    if parts.get("y1"):
        return int(parts["y1"] or ""), False
    m2 = MONTHS[(parts["m2"] or "").rstrip(".")]
    if parts.get("d1"):
        start = _infer_day(m1, int(re.sub(r"\D", "", parts["d1"] or "")), ctx)
        year = None if start is None else start.year
    else:
        year = _infer_month_year(m1, ctx)
    if year is not None and m1 > m2:
        year += 1
    return year, True


def _year_range(parts: dict[str, str | None]) -> TimeValue | None:
    first = int(parts["y1"] or "")
    raw = parts["y2"] or ""
    last = int(raw) if len(raw) == 4 else (first // 100) * 100 + int(raw)
    if not (1800 <= first < last <= 2199):
        return None
    return _interval(str(first), str(last), False)


def _weekday_range(match: re.Match[str], ctx: _Context) -> TimeValue | None:
    """ "Friday and Saturday" (consecutive days) or "from Sunday to Sunday" (one week)."""
    w1, w2 = WEEKDAYS[match.group("w1")], WEEKDAYS[match.group("w2")]
    length = (w2 - w1) % 7 or 7
    if match.group("conn").strip() == "and" and length != 1:
        return None
    if ctx.published is None:
        return _unresolved("interval")
    mod = match.group("mod")
    if (mod is None and ctx.tense == "past") or mod == "last":
        end = _weekday_date(ctx.published, w2, mod, "past")
        return _days(end - length * DAY, end, True)
    start = _weekday_date(ctx.published, w1, mod, ctx.tense)
    return _days(start, start + length * DAY, True)
