"""Comparing the normalised values of two claims: same slot, same value or a different one.

A *slot* is what a value measures: a duration, a percentage, a date, an amount of money in one
currency, a count of one noun. Two values in the same slot either agree (equal within a
tolerance, overlapping dates, a bound that the other value satisfies) or differ; values in
different slots are not comparable. Nothing here says which value is right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

Value = Mapping[str, Any]

RELATIVE_TOLERANCE = 0.05
"""Numbers within 5% of each other agree ("about 150" and "157")."""

HOURS = {
    "second": 1 / 3600,
    "minute": 1 / 60,
    "hour": 1.0,
    "day": 24.0,
    "week": 168.0,
    "month": 730.0,
    "year": 8760.0,
    "decade": 87600.0,
}
_ISO_DURATION = re.compile(
    r"^P(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<M>\d+(?:\.\d+)?)M)?(?:(?P<W>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<D>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_ISO_PARTS = {"Y": "year", "M": "month", "W": "week", "D": "day", "h": "hour", "m": "minute"}
LOWER_BOUNDS = ("at least", "more than", "over", "well over", "just over", "as many as")
UPPER_BOUNDS = ("at most", "less than", "fewer than", "up to", "under", "just under")


def slot(value: Value) -> tuple[str, str | None]:
    """What the value measures: (kind, unit), with durations in one slot whatever their unit."""
    kind = str(value.get("kind") or "")
    unit = value.get("unit")
    if kind in ("duration", "date", "role"):
        return kind, None
    if kind == "percent":
        return kind, "pp" if unit == "pp" else "%"
    return kind, str(unit).lower() if unit else None


def magnitude(value: Value) -> float | None:
    """The number of a value, durations in hours; None when it has none."""
    raw = value.get("value")
    if value.get("kind") == "duration":
        return _hours(raw, value.get("unit"))
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return None
    return float(raw)


def _hours(raw: object, unit: object) -> float | None:
    if isinstance(raw, str):
        match = _ISO_DURATION.match(raw)
        if not match or not any(match.groupdict().values()):
            return None
        total = sum(
            float(amount) * HOURS[_ISO_PARTS[part]]
            for part, amount in match.groupdict().items()
            if amount and part in _ISO_PARTS
        )
        seconds = match.group("s")
        return total + (float(seconds) / 3600 if seconds else 0.0)
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return None
    factor = HOURS.get(str(unit or "").lower().rstrip("s"))
    return None if factor is None else float(raw) * factor


def date_range(text: object) -> tuple[date, date] | None:
    """The first and last day an ISO value covers: a day, week, month, year or interval."""
    if not isinstance(text, str) or not text:
        return None
    if "/" in text:
        first, _, last = text.partition("/")
        a, b = date_range(first), date_range(last)
        return (a[0], b[1]) if a and b else None
    try:
        return _one_range(text)
    except ValueError:
        return None


def _one_range(text: str) -> tuple[date, date] | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = date.fromisoformat(text)
        return day, day
    if match := re.fullmatch(r"(\d{4})-W(\d{2})", text):
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return monday, monday + timedelta(days=6)
    if match := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(match[1]), int(match[2])
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), following - timedelta(days=1)
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1), date(int(text), 12, 31)
    return None


def agree(a: Value, b: Value) -> bool | None:
    """True when two values of one slot agree, False when they differ, None if incomparable."""
    if slot(a) != slot(b):
        return None
    kind = slot(a)[0]
    if kind == "date":
        ra, rb = date_range(a.get("value")), date_range(b.get("value"))
        if ra is None or rb is None:
            return None
        return ra[0] <= rb[1] and rb[0] <= ra[1]
    if kind == "role":
        if not a.get("actor_id") or a.get("actor_id") != b.get("actor_id"):
            return None
        return _norm(a.get("role")) == _norm(b.get("role"))
    x, y = magnitude(a), magnitude(b)
    if x is None or y is None:
        return None
    return _numbers_agree(x, str(a.get("qualifier") or ""), y, str(b.get("qualifier") or ""))


def _numbers_agree(x: float, qx: str, y: float, qy: str) -> bool:
    if abs(x - y) <= RELATIVE_TOLERANCE * max(abs(x), abs(y)):
        return True
    # "at least 150" is borne out by 170; "up to 200" by 180.
    if (qx in LOWER_BOUNDS and y >= x) or (qy in LOWER_BOUNDS and x >= y):
        return True
    return (qx in UPPER_BOUNDS and y <= x) or (qy in UPPER_BOUNDS and x <= y)


def _norm(text: object) -> str:
    return " ".join(str(text or "").lower().split())


def slots(values: Iterable[Value]) -> dict[tuple[str, str | None], list[Value]]:
    """The values of a claim grouped by slot."""
    grouped: dict[tuple[str, str | None], list[Value]] = {}
    for value in values:
        grouped.setdefault(slot(value), []).append(value)
    return grouped


def differing(a: Iterable[Value], b: Iterable[Value]) -> list[tuple[Value, Value]]:
    """Slots where two claims give values that all differ: one (a, b) pair per such slot.

    A slot where any value of one claim agrees with any of the other is not a disagreement
    ("between 80% and 90%" against "90%").
    """
    found: list[tuple[Value, Value]] = []
    mine, theirs = slots(a), slots(b)
    for key in mine.keys() & theirs.keys():
        verdicts = [agree(x, y) for x in mine[key] for y in theirs[key]]
        if verdicts and all(v is False for v in verdicts):
            found.append((mine[key][0], theirs[key][0]))
    return found


def value_evidence(a: Iterable[Value], b: Iterable[Value]) -> int:
    """How much the values of two claims say they are about one thing.

    An equal number (a count, an amount, a duration, a share) is strong evidence: three. A date
    both give, or a number in one slot that differs, counts one. Dates count only when both
    are precise to the week: sharing "2026" says little.
    """
    mine, theirs = slots(a), slots(b)
    score = 0
    for key in mine.keys() & theirs.keys():
        pairs = [(x, y) for x in mine[key] for y in theirs[key] if precise(x) and precise(y)]
        verdicts = [agree(x, y) for x, y in pairs]
        if key[0] != "date" and any(v is True for v in verdicts):
            score += 3
        elif any(v is not None for v in verdicts):
            score += 1
    return score


def precise(value: Value) -> bool:
    """Any value but a date, and a date that is precise to the week."""
    if value.get("kind") != "date":
        return True
    span = date_range(value.get("value"))
    return span is not None and (span[1] - span[0]).days <= 7


def display(value: Value) -> str:
    """A value as people read it: ``3 hour``, ``90 %``, ``2026-02-01``."""
    raw = value.get("value")
    if value.get("kind") == "role":
        return str(value.get("role") or raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = _number(raw)
    unit = value.get("unit")
    qualifier = value.get("qualifier")
    if value.get("kind") == "date" or not unit:
        text = str(raw)
    elif unit == "%":
        text = f"{raw}%"
    else:
        plural = unit.isalpha() and unit.islower() and raw != "1" and not unit.endswith("s")
        text = f"{raw} {unit}{'s' * plural}"
    return f"{qualifier} {text}" if qualifier else text


def _number(number: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(number) >= size:
            return f"{number / size:g} {word}"
    return f"{number:g}"


def different_happenings(a: Iterable[Value], b: Iterable[Value]) -> bool:
    """Dates (precise to the week) that differ and another value that differs too.

    "375 drones on 23-24 January" and "450 drones on 2-3 February" are two strikes, not one
    strike counted twice; one differing value alone is a disagreement worth showing.
    """
    split = differing([v for v in a if precise(v)], [v for v in b if precise(v)])
    kinds = {x.get("kind") for x, _ in split}
    return "date" in kinds and len(kinds) > 1
