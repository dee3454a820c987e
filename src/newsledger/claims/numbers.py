"""Numbers and measured quantities as news text writes them, normalised.

``parse_number`` reads a number in figures or words ("800", "1,200", "1.5 million", "800bn",
"eight", "twenty-five", "three hundred", "a dozen", "half a million"). ``find_quantities``
finds money ("$800bn", "800 billion dollars", "€50m"), percentages ("90%", "12 per cent",
"three percentage points"), measures ("40 km", "20 miles": kilometres) and durations ("three
hours", "a 12-day truce") in a piece of text, each with its character span, value and unit.
Counts and ordinals need the parse and are read in ``newsledger.claims.extract``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
}  # fmt: skip

_WORD = "|".join(sorted([*ONES, "hundred", "thousand", "million", "billion", "trillion"],
                        key=len, reverse=True))  # fmt: skip
_FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = rf"(?:{_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_WORD}))*"
_ARTICLE = r"(?:a|an)\s+(?:dozen|hundred|thousand|million|billion|trillion)"
_HALF = r"half\s+a\s+(?:dozen|million|billion|trillion)"
NUMBER = rf"(?:{_FIGURE}|{_HALF}|{_ARTICLE}|{_WORDS}|dozen)"
_SCALE = r"(?:\s*(?:bn|tn|mn|m|k)\b|\s+(?:thousand|million|billion|trillion)\b)"
QUALIFIERS = (
    "at least", "at most", "more than", "less than", "fewer than", "up to", "just over",
    "just under", "well over", "nearly", "almost", "about", "around", "roughly",
    "approximately", "some", "over", "under", "an estimated", "as many as", "close to",
)  # fmt: skip
_QUAL = "|".join(q.replace(" ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True))
_LEAD = rf"(?<![\w.,])(?:(?P<qual>{_QUAL})\s+)?"

CURRENCY_SIGNS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB"}
CURRENCY_CODES = ("USD", "EUR", "GBP", "UAH", "RUB", "CNY")
CURRENCY_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "rouble": "RUB", "ruble": "RUB",
    "hryvnia": "UAH", "yuan": "CNY",
}  # fmt: skip
_SIGN = r"US\$|\$|€|£|₴|₽"
_CODE = "|".join(CURRENCY_CODES)
_CURWORD = r"(?:dollar|euro|pound|rouble|ruble|hryvnia|yuan)s?(?:\s+sterling)?"

# Units of measure: the unit the value is given in, and the factor to it.
MEASURES: dict[str, tuple[str, float]] = {
    "km": ("km", 1.0), "kilometre": ("km", 1.0), "kilometer": ("km", 1.0),
    "mile": ("km", 1.609344), "metre": ("m", 1.0), "meter": ("m", 1.0),
    "km2": ("km2", 1.0), "km²": ("km2", 1.0), "sq km": ("km2", 1.0),
    "square kilometre": ("km2", 1.0), "square kilometer": ("km2", 1.0),
    "square mile": ("km2", 2.589988), "hectare": ("ha", 1.0), "tonne": ("t", 1.0),
    "ton": ("t", 1.0), "barrel": ("barrel", 1.0),
}  # fmt: skip
_MEASURE = (
    r"square\s+(?:kilomet(?:re|er)|mile)s?|sq\s?km|km2|km²|kilomet(?:re|er)s?|km|miles?"
    r"|met(?:re|er)s|tonnes?|tons?|hectares?|barrels?"
)
DURATION_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")
_DURATION = r"(?:second|minute|hour|day|week|month|year|decade)s?"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("money", re.compile(
        rf"{_LEAD}(?P<cur>{_SIGN}|(?:{_CODE})\s?)(?P<num>{_FIGURE}|{_WORDS})(?P<scale>{_SCALE})?",
        re.IGNORECASE)),
    ("money", re.compile(
        rf"{_LEAD}(?P<num>{NUMBER})(?P<scale>{_SCALE})?\s+(?P<cur>{_CURWORD}|{_CODE})\b",
        re.IGNORECASE)),
    ("percent", re.compile(
        rf"{_LEAD}(?P<num>{NUMBER})\s?(?P<unit>%|percent\b|per\s+cent\b|percentage\s+points?\b)",
        re.IGNORECASE)),
    ("quantity", re.compile(
        rf"{_LEAD}(?P<num>{NUMBER})(?P<scale>{_SCALE})?(?:\s+|-)?(?P<unit>{_MEASURE})\b",
        re.IGNORECASE)),
    ("duration", re.compile(
        rf"{_LEAD}(?P<num>{NUMBER})(?:\s+|-)(?P<unit>{_DURATION})\b(?!-old|\s+old\b)"
        r"(?!\s+(?:ago|earlier|later|before|after|from\s+now)\b)",
        re.IGNORECASE)),
    # "for an hour", "for about a week": a bare article counts only after "for".
    ("duration", re.compile(
        rf"(?<=\bfor\s)(?:(?P<qual>{_QUAL})\s+)?(?P<num>an?)\s+(?P<unit>(?:minute|hour|day|week|month|year|decade)s?)\b"
        r"(?!\s+(?:ago|earlier|later|before|after)\b)",
        re.IGNORECASE)),
)  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    """A value found in text: ``kind`` money | percent | quantity | duration."""

    kind: str
    text: str
    start: int
    end: int
    value: float | int
    unit: str
    qualifier: str | None = None


def tidy(number: float) -> float | int:
    """An integer when the value is whole, else the float rounded to 6 places."""
    rounded = round(number, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def parse_number(text: str) -> float | int | None:
    """The value of a number in figures or words, with any scale word; None if it is not one."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    head = re.fullmatch(r"(\d+(?:\.\d+)?)(bn|tn|mn|m|k)?", words[0])
    if head:
        value = float(head.group(1)) * SCALES.get(head.group(2) or "", 1)
        return _scaled(value, words[1:])
    return _words_value(words)


def _scaled(value: float, rest: list[str]) -> float | int | None:
    for word in rest:
        if word not in SCALES:
            return None
        value *= SCALES[word]
    return tidy(value)


def _words_value(words: list[str]) -> float | int | None:
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word == "and":
            continue
        if word in ("a", "an"):
            current, seen = current or 1.0, True
            continue
        if word == "half":
            current, seen = 0.5, True
        elif word == "dozen":
            current, seen = (current or 1.0) * 12, True
        elif word in ONES:
            current, seen = current + ONES[word], True
        elif word == "hundred":
            current, seen = (current or 1.0) * 100, True
        elif word in SCALES and len(word) > 2:
            total, current, seen = total + (current or 1.0) * SCALES[word], 0.0, True
        else:
            return None
    return tidy(total + current) if seen else None


def _currency(text: str) -> str:
    key = text.strip().lower()
    if key in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[key]
    if key.upper() in CURRENCY_CODES:
        return key.upper()
    return CURRENCY_WORDS.get(key.split()[0].rstrip("s"), key.upper())


def _unit(kind: str, unit: str, value: float) -> tuple[float, str]:
    key = re.sub(r"\s+", " ", unit.lower())
    if kind == "percent":
        return value, "pp" if key.startswith("percentage") else "%"
    if kind == "duration":
        return value, key.rstrip("s")
    base = MEASURES.get(key) or MEASURES.get(key.rstrip("s"))
    if base is None:
        return value, key
    return value * base[1], base[0]


def _quantity(kind: str, match: re.Match[str], offset: int) -> Quantity | None:
    groups = match.groupdict()
    number = parse_number(
        groups["num"] + (" " + groups["scale"].strip() if groups.get("scale") else "")
    )
    if number is None:
        return None
    value: float = number
    if kind == "money":
        unit = _currency(groups["cur"])
    else:
        value, unit = _unit(kind, groups["unit"], value)
    qualifier = re.sub(r"\s+", " ", groups["qual"].lower()) if groups.get("qual") else None
    start, end = match.span()
    return Quantity(kind, match.group(0), start + offset, end + offset, tidy(value), unit,
                    qualifier)  # fmt: skip


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Money, percentages, measures and durations in ``text`` (spans shifted by ``offset``),
    in text order; where two readings overlap the one found first in ``PATTERNS`` wins."""
    found: list[Quantity] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            item = _quantity(kind, match, offset)
            if item is not None and not any(
                item.start < other.end and other.start < item.end for other in found
            ):
                found.append(item)
    return sorted(found, key=lambda q: q.start)


def ordinal_value(text: str) -> int | None:
    """1 for "first" or "1st", 2 for "second" ..., None for anything else."""
    key = text.lower()
    if key in ORDINALS:
        return ORDINALS[key]
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", key)
    return int(match.group(1)) if match else None
