"""What an expression is read against: ``_Context``, the known periods and the rule types.

The context holds the publication date, the tense, the periods whose start is known and the days
named around the expression.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from newsledger.resolve.times.values import Date, TimeValue

DEFAULT_PERIOD_STARTS: Mapping[str, datetime.date] = {
    "war": datetime.date(2022, 2, 24),
    "full-scale war": datetime.date(2022, 2, 24),
    "invasion": datetime.date(2022, 2, 24),
    "full-scale invasion": datetime.date(2022, 2, 24),
}


@dataclass(frozen=True, slots=True)
class _Context:
    published: Date | None
    tense: str | None
    periods: Mapping[str, Date]
    anchor: Date | None = None  # the last day named before: "the same day", "that evening"
    sentence_day: Date | None = None  # a day named in the same sentence: "at midnight"
    period_hint: str | None = None  # a period named in the sentence: "its fourth year"
    after_in: bool = False  # "in two weeks" is a date ahead, "two weeks" a duration
    before_than: bool = False  # "three days later than planned" is a shift, not a date


Rule = Callable[[str, _Context], "TimeValue | None"]


# A rule that normalises an expression inside its own ("the night of ...", "... at 09:30")
# is handed the whole cascade as ``normalize``.
Normalizer = Callable[[str, _Context], TimeValue]


# A tense of our own: the expression may point either way ("a pause until Sunday", "talks to be
# held on Thursday"), so a weekday takes the nearer of its two occurrences.
NEAREST = "nearest"


def _lower_keys(periods: Mapping[str, Date]) -> dict[str, Date]:
    return {key.lower().strip(): value for key, value in periods.items()}
