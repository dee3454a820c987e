"""Rules: durations ("three hours", "four-hour", "a week-long pause", "for years")."""

from __future__ import annotations

import re

from newsledger.resolve.times.context import _Context
from newsledger.resolve.times.values import TimeValue
from newsledger.resolve.times.vocabulary import NUM, UNIT, UNITS, _full, _number, _unit_name

DURATION = _full(rf"(?P<n>{NUM})(?P<half> and a half)?[- ]{UNIT}(?:-long| long| old)?")
UNIT_LONG = _full(rf"{UNIT}-long")
EDGE_LENGTH = _full(
    rf"the (?:first|final|opening|closing) (?P<n>{NUM})(?P<half> and a half)? {UNIT}"
)
HALF_FIRST = _full(rf"(?:a|an|one) {UNIT} and a half|half an? {UNIT.replace('unit', 'unit2')}")
VAGUE = _full(
    rf"(?:(?:a few|few|several|some|many|a number of|just|mere|all (?:these|those)|these|those)"
    rf" )?{UNIT}"
)


def _duration(s: str, ctx: _Context) -> TimeValue | None:
    """Lengths of time: ISO 8601 durations, with TimeML's X for an unknown count."""
    match = DURATION.match(s) or EDGE_LENGTH.match(s)
    if match and _number(match.group("n")) is not None:
        return _duration_from(match)
    match = UNIT_LONG.match(s)
    if match:
        return _length(1.0, match.group("unit"))
    match = HALF_FIRST.match(s)
    if match:
        count = 0.5 if s.startswith("half") else 1.5
        return _length(count, match.group("unit") or match.group("unit2"))
    match = VAGUE.match(s)
    if match and (s.endswith("s") or " " in s):
        return _length(None, match.group("unit"))
    return None


def _duration_from(match: re.Match[str]) -> TimeValue:
    count = _number(match.group("n") or "a")
    if count is not None and match.groupdict().get("half"):
        count += 0.5
    return _length(count, match.group("unit"))


def _length(count: float | None, raw_unit: str) -> TimeValue:
    """A duration of ``count`` units; None for an unknown count ("for years": PXY)."""
    unit = _unit_name(raw_unit)
    if count is not None:
        return TimeValue(_iso_duration(count, unit), "duration", "duration")
    letter, _, is_time = UNITS[unit]
    return TimeValue(f"PTX{letter}" if is_time else f"PX{letter}", "duration", "duration")


def _iso_duration(count: float, unit: str) -> str:
    """ISO 8601: P3D, PT4H, P2W; a half goes to the next smaller unit (PT3H30M, P1Y6M)."""
    letter, multiplier, is_time = UNITS[unit]
    amount = count * multiplier
    prefix = "PT" if is_time else "P"
    whole = int(amount)
    if amount == whole:
        return f"{prefix}{whole}{letter}"
    smaller = {"H": ("M", 60, True), "Y": ("M", 12, False), "D": ("H", 24, True)}
    if letter in smaller:
        sub_letter, per, sub_time = smaller[letter]
        rest = round((amount - whole) * per)
        joint = "T" if sub_time and not is_time else ""
        head = f"{prefix}{whole}{letter}" if whole else prefix
        return f"{head}{joint}{rest}{sub_letter}"
    return f"{prefix}{amount:g}{letter}"
