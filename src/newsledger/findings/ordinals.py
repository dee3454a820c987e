"""Ordinal periods in an article ("the war's fourth year") and the period each counts from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsledger.findings.facts import ArticleFacts

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
    "hundredth": 100,
    "thousandth": 1000,
}
_ORDINAL = re.compile(
    r"\b(?P<n>\d+(?:st|nd|rd|th)|[a-z]+)\s+(?P<unit>day|week|month|year|anniversary)\b", re.I
)


@dataclass(frozen=True, slots=True)
class OrdinalPeriod:
    """ "its sixth year": ordinal 6, unit year, counted from ``base`` (the period's start)."""

    text: str
    start: int
    end: int
    ordinal: int
    unit: str
    base: date
    first_day: date
    last_day: date
    sentence: int | None


def ordinal_periods(facts: ArticleFacts) -> list[OrdinalPeriod]:
    """The ordinal periods the time layer resolved to an interval."""
    found = []
    for ref in facts.times:
        match = _ORDINAL.search(ref["text"])
        value = ref.get("value") or ""
        if match is None or "/" not in value:
            continue
        ordinal = _number(match["n"])
        try:
            first, last = (date.fromisoformat(part[:10]) for part in value.split("/"))
        except ValueError:
            continue
        if ordinal is None:
            continue
        unit = match["unit"].lower()
        base = _base(first, ordinal, unit)
        found.append(
            OrdinalPeriod(
                ref["text"],
                ref["start"],
                ref["end"],
                ordinal,
                unit,
                base,
                first,
                last,
                facts.sentence_of(ref["start"]),
            )
        )
    return found


def _number(word: str) -> int | None:
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else ORDINALS.get(word.lower())


def _base(first: date, ordinal: int, unit: str) -> date:
    """The day the period counts from."""
    if unit == "day":
        return first - timedelta(days=ordinal - 1)
    if unit == "week":
        return first - timedelta(weeks=ordinal - 1)
    if unit == "month":
        months = first.year * 12 + first.month - 1 - (ordinal - 1)
        return _safe(months // 12, months % 12 + 1, first.day)
    years = ordinal if unit == "anniversary" else ordinal - 1
    return _safe(first.year - years, first.month, first.day)


def _safe(year: int, month: int, day: int) -> date:
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def ordinal_for(base: date, unit: str, day: date) -> int | None:
    """Which year (month, week, day) of a period starting on ``base`` ``day`` falls in."""
    if day < base:
        return None
    if unit == "day":
        return (day - base).days + 1
    if unit == "week":
        return (day - base).days // 7 + 1
    months = (day.year - base.year) * 12 + day.month - base.month - (day.day < base.day)
    if unit == "month":
        return months + 1
    return months // 12 + (0 if unit == "anniversary" else 1)
