"""The rule cascade: clean an expression, then try the rules in order until one answers."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from newsledger.resolve.times.context import Rule, _Context
from newsledger.resolve.times.rules.anaphora import _anaphoric, _week_of
from newsledger.resolve.times.rules.dates import (
    _dateparser_absolute,
    _day_and_month,
    _decade,
    _full_date,
    _modified_month,
    _month_and_year,
    _month_third_rule,
    _numeric_date,
    _year,
    _year_third_rule,
)
from newsledger.resolve.times.rules.daytime import _night, _time_of_day
from newsledger.resolve.times.rules.deictic import _deictic, _weekday
from newsledger.resolve.times.rules.durations import _duration
from newsledger.resolve.times.rules.not_times import _not_time
from newsledger.resolve.times.rules.offsets import _offset, _span_to_now
from newsledger.resolve.times.rules.periods import (
    _edge_days,
    _half,
    _ordinal_period,
    _quarter,
    _season,
)
from newsledger.resolve.times.rules.ranges import _range
from newsledger.resolve.times.values import NOT_A_TIME, Date, TimeValue
from newsledger.resolve.times.vocabulary import MON, _words


def _normalize(text: str, ctx: _Context) -> TimeValue:
    cleaned, after_in = _clean(text)
    if after_in:
        ctx = replace(ctx, after_in=True)
    written = _write_year(cleaned, ctx.published)
    found = _apply_rules(written, ctx) if written != cleaned else None
    if found is not None:
        return replace(found, relative=True)
    found = _apply_rules(cleaned, ctx)
    return found if found is not None else _split_at_commas(cleaned, ctx)


def _write_year(cleaned: str, published: Date | None) -> str:
    """ "May and June last year" becomes "May and June 2025" when the publication date is known."""
    match = re.search(rf"(?:{MON}|\d) (?P<which>last|this|next) year$", cleaned)
    if match is None or published is None:
        return cleaned
    year = published.year + {"last": -1, "this": 0, "next": 1}[match.group("which")]
    return cleaned[: match.start("which")] + str(year)


def _apply_rules(cleaned: str, ctx: _Context) -> TimeValue | None:
    for rule in RULES:
        found = rule(cleaned, ctx)
        if found is not None:
            return found
    return None


def _split_at_commas(cleaned: str, ctx: _Context) -> TimeValue:
    """An entity that swallowed two expressions ("the summer, a year"): keep the first."""
    if "," not in cleaned:
        return NOT_A_TIME
    head = cleaned.split(",", 1)[0]
    return _normalize(head, ctx)


HEDGES = _words(
    "as early as|as late as|as soon as|as of|shortly before|shortly after|just before|just after"
    "|soon after|close to|more than|less than|fewer than|at least|at most|up to|no later than"
    "|no earlier than|deep into|about|around|roughly|nearly|almost|approximately|some|only"
    "|exactly|barely|over|within|for|on|at|since|until|till|by|during|throughout|into|of"
)
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-", "\u2019": "'"})


def _clean(text: str) -> tuple[str, bool]:
    """Lower case, plain dashes and quotes, no leading preposition or hedge, no trailing 's."""
    s = " ".join(text.translate(DASHES).lower().split()).strip(" ,;:()\"'")
    s = re.sub(r"'s?$", "", s).rstrip(" .,")
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r" in a row$", "", s)
    s = re.sub(r"^an? (?=\d)", "", s)  # "a 30-day truce"
    after_in = False
    changed = True
    while changed:
        changed = False
        if s.startswith("in ") and len(s) > 3:
            s, after_in, changed = s[3:], True, True
        for hedge in HEDGES:
            if s.startswith(hedge + " ") and len(s) > len(hedge) + 1:
                s, changed = s[len(hedge) + 1 :], True
    return s, after_in


def _calendar(s: str, ctx: _Context) -> TimeValue | None:
    """Dates and calendar periods named by the calendar rather than by the publication date."""
    for rule in CALENDAR_RULES:
        found = rule(s, ctx)
        if found is not None:
            return found
    return None


# The first rule to answer wins. The rules that normalise an expression inside their own ("the
# week of ...", "the night of ...", "... at 09:30", "the final days of ...") are handed this
# cascade as ``normalize``. "The week of" comes right after the anaphora, none of whose patterns
# matches it.
CALENDAR_RULES: tuple[Rule, ...] = (
    _full_date,
    _numeric_date,
    _day_and_month,
    partial(_edge_days, normalize=_normalize),
    _month_third_rule,
    _year_third_rule,
    _month_and_year,
    _modified_month,
    _year,
    _decade,
    _quarter,
    _half,
    _season,
)
RULES: tuple[Rule, ...] = (
    _not_time,
    _ordinal_period,
    _anaphoric,
    partial(_week_of, normalize=_normalize),
    partial(_night, normalize=_normalize),
    _range,
    _offset,
    _span_to_now,
    _duration,
    _deictic,
    _weekday,
    _calendar,
    partial(_time_of_day, normalize=_normalize),
    _dateparser_absolute,
)
