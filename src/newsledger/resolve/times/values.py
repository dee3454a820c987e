"""Normalised times: ``TimeValue``, the ISO 8601 strings it holds and the helpers that build it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

Date = datetime.date


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised time: ISO 8601 ``value`` (None when unresolved) and how to read it."""

    value: str | None
    granularity: str
    kind: str
    relative: bool = False


NOT_A_TIME = TimeValue(None, "unknown", "unresolved", False)


# ---------------------------------------------------------------------------------------------
# ISO 8601 strings


def _iso_week(day: Date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _granularity_of(value: str) -> str:
    patterns = (
        (r"\d{4}-\d{2}-\d{2}", "day"),
        (r"\d{4}-W\d{2}", "week"),
        (r"\d{4}-\d{2}", "month"),
        (r"\d{4}-Q\d", "quarter"),
        (r"\d{4}-H\d", "half"),
        (r"\d{4}", "year"),
        (r"\d{3}", "decade"),
    )
    return next((name for pattern, name in patterns if re.fullmatch(pattern, value)), "unknown")


# ---------------------------------------------------------------------------------------------
# Building values


def _point(value: str, granularity: str, relative: bool) -> TimeValue:
    return TimeValue(value, granularity, "point", relative)


def _day(day: Date, relative: bool, granularity: str = "day") -> TimeValue:
    return TimeValue(day.isoformat(), granularity, "point", relative)


def _interval(start: str, end: str, relative: bool) -> TimeValue:
    """An interval; one that starts and ends on the same value is that value."""
    if start == end:
        return _point(start, _granularity_of(start), relative)
    return TimeValue(f"{start}/{end}", "interval", "interval", relative)


def _days(start: Date, end: Date, relative: bool) -> TimeValue:
    return _interval(start.isoformat(), end.isoformat(), relative)


def _unresolved(granularity: str) -> TimeValue:
    return TimeValue(None, granularity, "unresolved", True)


# ---------------------------------------------------------------------------------------------
# Reading values


def _single_day(found: TimeValue) -> Date | None:
    if found.value is None or found.granularity not in ("day", "time"):
        return None
    return Date.fromisoformat(found.value[:10])
