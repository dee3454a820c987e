"""Words and regular-expression pieces shared by the rules, and reading numbers written in words."""

from __future__ import annotations

import re


def _index(spec: str, start: int = 0) -> dict[str, int]:
    """A word table written on a line: "a b|c" gives a and b the number start, c start + 1."""
    return {word: n for n, group in enumerate(spec.split("|"), start) for word in group.split()}


def _words(spec: str) -> tuple[str, ...]:
    return tuple(spec.split("|"))


WEEKDAYS = _index("monday|tuesday|wednesday|thursday|friday|saturday|sunday")
MONTHS = _index(
    "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug"
    "|september sep sept|october oct|november nov|december dec",
    1,
)
SMALL_NUMBERS = _index(
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    "|fifteen|sixteen|seventeen|eighteen|nineteen"
)
TENS = {
    word: 10 * n
    for word, n in _index("twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety", 2).items()
}
ORDINAL_WORDS = _index(
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    "|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth",
    1,
)
# unit -> (ISO designator, multiplier, time part)
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True),
    "minute": ("M", 1, True),
    "hour": ("H", 1, True),
    "day": ("D", 1, False),
    "night": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "year": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}
FEW = 3  # what "the coming days" and "the past few weeks" count as
THIRDS = {"early": 0, "start": 0, "beginning": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
WD = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DD = r"\d{1,2}(?:st|nd|rd|th)?"
ORD = r"(?:" + "|".join(ORDINAL_WORDS) + r"|\d[\d,]*(?:st|nd|rd|th))"
NUM = r"(?:\d[\d,]*(?:\.\d+)?|an?|a couple of|[a-z]+(?:[- ][a-z]+)?)"
UNIT = r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie))s?"


def _full(pattern: str) -> re.Pattern[str]:
    return re.compile("^(?:" + pattern + ")$")


# ---------------------------------------------------------------------------------------------
# Numbers and units


def _number(word: str) -> float | None:
    """The value of a count written in digits or words ("three", "twenty-five", "a")."""
    word = word.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", word):
        return float(word.replace(",", ""))
    if word in ("a", "an", "one", "another"):
        return 1.0
    if word in ("a couple of", "couple of", "a pair of"):
        return 2.0
    if word in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[word])
    if word in TENS:
        return float(TENS[word])
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in SMALL_NUMBERS:
        return float(TENS[parts[0]] + SMALL_NUMBERS[parts[1]])
    return None


def _ordinal(word: str) -> int | None:
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    match = re.fullmatch(r"(\d[\d,]*)(?:st|nd|rd|th)", word)
    return int(match.group(1).replace(",", "")) if match else None


def _unit_name(raw: str) -> str:
    return "century" if raw.startswith("centur") else raw
