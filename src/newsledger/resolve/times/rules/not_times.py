"""Rules: things that are not times (ages, counts, "every day", "the coldest days")."""

from __future__ import annotations

import re

from newsledger.resolve.times.context import _Context
from newsledger.resolve.times.values import NOT_A_TIME, TimeValue
from newsledger.resolve.times.vocabulary import WD, _full, _number

AGE = _full(r"\d{1,3}(?:-| )years?(?:-| )old|aged? \d{1,3}|\d{1,3}-year-olds?")
SET = _full(
    r"(?:nearly |almost )?(?:every|each) (?:other |single )?\w+|daily|weekly|monthly|annually"
    r"|yearly|nightly|" + WD[3:-1].replace("day", "days")
)
GENERIC = _full(r"(?:the |some of the )?\w+est (?:day|night|week|month|year|winter|summer)s?.*")


def _not_time(s: str, ctx: _Context) -> TimeValue | None:
    """Ages, counts the NER calls DATE, recurring sets and superlatives ("the coldest days")."""
    if AGE.match(s) or SET.match(s) or GENERIC.match(s):
        return NOT_A_TIME
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", s) and not re.fullmatch(r"1[89]\d\d|2[01]\d\d", s):
        return NOT_A_TIME
    if _number(s) is not None and not s.isdigit():
        return NOT_A_TIME
    return None
