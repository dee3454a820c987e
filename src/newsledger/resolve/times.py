"""DATE and TIME expressions normalised against the publication date.

``normalize_time`` turns one expression into an ISO 8601 value; ``resolve_times`` finds the
expressions of a parsed Doc (spaCy's DATE and TIME entities, repaired, plus a few patterns the
small model misses), reads the tense each one sits in and normalises it. dateparser is used only
as a last resort for absolute dates; every relative rule is ours. Conventions (the annotation
guidelines in ``tests/gold/README-times.md`` say the same):

- weeks are ISO weeks (``2026-W04``, Monday first);
- a bare weekday is the one before the publication date in past tense and the one after it in
  future or present tense (the present of schedules: "talks open on Monday"); when nothing says,
  the nearest past one, because news mostly reports what happened. The publication weekday
  itself is the publication day, whatever the tense. "last X" is the latest X strictly before,
  "next X" the X of the following week ("next Sunday" on a Saturday is eight days on);
- a date without a year takes the year that puts it closest to the publication date, unless it is
  more than a month away and the tense says which side it is on; a month alone follows the tense;
- a decade is its three leading digits, TimeML style: ``199`` for the 1990s;
- "ago" and "in two weeks" count from the publication date; "a week earlier", "the same day",
  "that evening" count from the last day named before them. With nothing named before, "earlier"
  and "later" count from the publication date and "the same day" stays unresolved;
- a time of day resolves to its day with granularity ``time``: the day named with it, else a day
  named elsewhere in the sentence, else the last day mentioned, else the publication day; a night
  is the interval of the two days it spans ("last night" on 3 Feb is ``2026-02-02/2026-02-03``);
- early/mid/late cut a month into days 1-10, 11-20, 21-end and a year into months 1-4, 5-8, 9-12;
- "few" and bare plurals in spans to now count as three ("the coming days": publication day to
  three days on); vague durations use TimeML's X ("for years" is ``PXY``);
- a season is three months (winter is December to February); an ordinal period counts from the
  start ``period_starts`` gives ("the war's fourth year" is ``2025-02-24/2026-02-23``);
- things that are not times (ages, counts, "every day") come back unresolved with granularity
  ``unknown``.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span

from newsledger.records import TimeRef

DEFAULT_PERIOD_STARTS: Mapping[str, datetime.date] = {
    "war": datetime.date(2022, 2, 24),
    "full-scale war": datetime.date(2022, 2, 24),
    "invasion": datetime.date(2022, 2, 24),
    "full-scale invasion": datetime.date(2022, 2, 24),
}

Date = datetime.date
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised time: ISO 8601 ``value`` (None when unresolved) and how to read it."""

    value: str | None
    granularity: str
    kind: str
    relative: bool = False


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

# A tense of our own: the expression may point either way ("a pause until Sunday", "talks to be
# held on Thursday"), so a weekday takes the nearer of its two occurrences.
NEAREST = "nearest"

NOT_A_TIME = TimeValue(None, "unknown", "unresolved", False)

# ---------------------------------------------------------------------------------------------
# Vocabulary


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
# Public API


def normalize_time(
    text: str,
    published: datetime.date | None,
    tense: str | None = None,
    period_starts: Mapping[str, datetime.date] | None = None,
) -> TimeValue:
    """Normalise one time expression against the publication date.

    ``tense`` ("past", "future", "present" or None) decides which way a bare weekday or a date
    without a year points. ``period_starts`` maps period names ("war", "full-scale invasion")
    to their first day, for ordinal periods such as "the war's fourth year".
    """
    periods = DEFAULT_PERIOD_STARTS if period_starts is None else period_starts
    return _normalize(text, _Context(published, tense, _lower_keys(periods)))


def resolve_times(
    doc: Doc,
    published: datetime.date | None,
    period_starts: Mapping[str, datetime.date] | None = None,
) -> list[TimeRef]:
    """Every time expression of ``doc``, normalised, in text order and never overlapping.

    The candidates are the DATE and TIME entities (repaired: "later on Thursday", "this week's",
    "between 9 and 14 January") and a few patterns the small model misses ("last night",
    "09:30"). Each is read in the tense of its sentence; a time of day or an anaphoric "the same
    day" takes its day from the sentence or from the last day named before it.
    """
    periods = _lower_keys(DEFAULT_PERIOD_STARTS if period_starts is None else period_starts)
    base = _Context(published, None, periods)
    spans = _candidate_spans(doc, base)
    sentence_of = _sentence_index(doc)
    first = [_normalize_span(span, base) for span in spans]
    return _second_pass(spans, first, base, sentence_of)


def _lower_keys(periods: Mapping[str, Date]) -> dict[str, Date]:
    return {key.lower().strip(): value for key, value in periods.items()}


# ---------------------------------------------------------------------------------------------
# The rule cascade


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


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def _iso_week(day: Date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(day: Date, months: int) -> Date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return Date(year, month + 1, min(day.day, last))


def _month_end(year: int, month: int) -> Date:
    return Date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> Date | None:
    try:
        return Date(year, month, day)
    except ValueError:
        return None


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


# ---------------------------------------------------------------------------------------------
# Rules: things that are not times


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


# ---------------------------------------------------------------------------------------------
# Rules: ordinal periods ("the war's fourth year")

PERIOD_UNIT = r"(?P<unit>day|week|month|year|winter|anniversary)"
PERIOD_OF = _full(rf"(?:the |its |a )?(?P<ord>{ORD}) {PERIOD_UNIT}(?: (?:of|since) (?P<key>.+))?")
PERIOD_POSSESSIVE = _full(rf"(?:the )?(?P<key>[a-z' -]+?)'s? (?P<ord>{ORD}) {PERIOD_UNIT}")
DAY_NUMBER = _full(r"day (?P<ord>[\d,]+) of (?P<key>.+)")


def _ordinal_period(s: str, ctx: _Context) -> TimeValue | None:
    """The Nth day/week/month/year/winter/anniversary of a period whose start is known."""
    match = DAY_NUMBER.match(s) or PERIOD_POSSESSIVE.match(s) or PERIOD_OF.match(s)
    if match is None:
        return None
    unit = match.groupdict().get("unit") or "day"
    raw = match.group("ord")
    index = int(raw.replace(",", "")) if raw.replace(",", "").isdigit() else _ordinal(raw)
    key = match.group("key")
    start = _period_start(key, ctx) if key else _hinted_start(s, ctx)
    if index is None or index < 1:
        return None
    if start is None:
        if key is None and unit == "day" and ctx.sentence_day is not None:
            return _day(ctx.sentence_day, True)  # "for a second day on Saturday"
        return _unresolved("day" if unit in ("day", "anniversary") else "interval")
    return _nth_period(start, index, unit)


def _hinted_start(s: str, ctx: _Context) -> Date | None:
    """ "its fourth year" in a sentence about the war: the period the sentence names."""
    if s.startswith("its ") and ctx.period_hint is not None:
        return ctx.periods.get(ctx.period_hint)
    return None


def _period_start(key: str, ctx: _Context) -> Date | None:
    key = re.sub(r"^the ", "", key.strip())
    key = re.sub(r"^(?:[a-z]+'s )+", "", key).replace("full scale", "full-scale")
    for candidate in (key, re.sub(r" (?:in|on|against|of|with) .+$", "", key)):
        if candidate in ctx.periods:
            return ctx.periods[candidate]
    return None


def _nth_period(start: Date, index: int, unit: str) -> TimeValue:
    if unit == "day":
        return _day(start + (index - 1) * DAY, False)
    if unit == "anniversary":
        return _day(_add_months(start, 12 * index), False)
    if unit == "week":
        first = start + 7 * (index - 1) * DAY
        return _days(first, first + 6 * DAY, False)
    if unit == "winter":  # the first winter is the first to begin after the start
        year = (start.year if start < Date(start.year, 12, 1) else start.year + 1) + index - 1
        return _interval(_month(year, 12), _month(year + 1, 2), False)
    months = 12 if unit == "year" else 1
    first = _add_months(start, months * (index - 1))
    return _days(first, _add_months(start, months * index) - DAY, False)


# ---------------------------------------------------------------------------------------------
# Rules: anaphora ("the same day", "that evening", "later in the day")

ANAPHORIC_DAYS = {
    **dict.fromkeys(_words("the same day|that same day|that day|the day"), 0),
    **dict.fromkeys(_words("the next day|the following day|the day after"), 1),
    **dict.fromkeys(_words("the previous day|the day before|the preceding day"), -1),
}
ANAPHORIC_PART = _full(
    r"(?P<which>that|the same|the next|the following|the previous) (?P<part>morning|afternoon"
    r"|evening|night)"
)
PART_STEPS = {"next": 1, "following": 1, "previous": -1}
IN_THE_DAY = _full(r"(?:earlier|later) (?:in|on) the day|(?:earlier|later) that day")
ANAPHORIC_WEEK = _full(r"the (?P<which>following|previous|preceding) week")
WEEK_OF = _full(r"the week (?:of|starting|beginning) (?P<rest>.+)")


def _anaphoric(s: str, ctx: _Context) -> TimeValue | None:
    """Expressions that point at a day named before them in the text."""
    if s in ANAPHORIC_DAYS:
        if ctx.anchor is None:
            return _unresolved("day")
        return _day(ctx.anchor + ANAPHORIC_DAYS[s] * DAY, True)
    if IN_THE_DAY.match(s):
        day = ctx.anchor or ctx.sentence_day or ctx.published
        return _day(day, True, "time") if day else _unresolved("time")
    for pattern, handler in ANAPHORIC_HANDLERS:
        match = pattern.match(s)
        if match:
            return handler(match, ctx)
    return None


def _anaphoric_part(match: re.Match[str], ctx: _Context) -> TimeValue | None:
    """ "that evening", "the next morning", "the same night": a part of the day named before."""
    night = match.group("part") == "night"
    if ctx.anchor is None:
        return _unresolved("interval" if night else "time")
    day = ctx.anchor + PART_STEPS.get(match.group("which").split()[-1], 0) * DAY
    return _days(day, day + DAY, True) if night else _day(day, True, "time")


def _week_of(match: re.Match[str], ctx: _Context) -> TimeValue | None:
    """ "the week of February 23": the ISO week of that day."""
    found = _normalize(match.group("rest"), ctx)
    day = _single_day(found)
    if day is None:
        return _unresolved("week") if found.kind == "unresolved" else None
    return _point(_iso_week(day), "week", found.relative)


def _anaphoric_week(match: re.Match[str], ctx: _Context) -> TimeValue | None:
    """ "the following week": the ISO week after the one of the day named before."""
    if ctx.anchor is None:
        return _unresolved("week")
    step = 7 if match.group("which") == "following" else -7
    return _point(_iso_week(ctx.anchor + step * DAY), "week", True)


ANAPHORIC_HANDLERS: tuple[tuple[re.Pattern[str], Callable[..., TimeValue | None]], ...] = (
    (ANAPHORIC_PART, _anaphoric_part),
    (WEEK_OF, _week_of),
    (ANAPHORIC_WEEK, _anaphoric_week),
)


# ---------------------------------------------------------------------------------------------
# Rules: nights ("last night", "overnight into Saturday", "Friday night")

LAST_NIGHT = ("last night", "overnight", "another night", "the overnight")
NIGHT_INTO = _full(r"overnight (?:into|to) (?P<rest>.+)")
NIGHT_OF = _full(r"(?:the )?night of (?P<rest>.+)")
DAY_NIGHT = _full(r"(?:late |early )?(?:on )?(?P<rest>.+?) night")


def _night(s: str, ctx: _Context) -> TimeValue | None:
    """A night is the interval of the two days it spans."""
    if s in LAST_NIGHT or s == "tonight":
        if ctx.published is None:
            return _unresolved("interval")
        first = ctx.published - DAY if s != "tonight" else ctx.published
        return _days(first, first + DAY, True)
    if s == "the night":
        day = ctx.sentence_day or ctx.anchor
        return _days(day, day + DAY, True) if day else _unresolved("interval")
    for pattern, shift in ((NIGHT_INTO, -1), (NIGHT_OF, 0), (DAY_NIGHT, 0)):
        match = pattern.match(s)
        if match:
            return _night_of(_normalize(match.group("rest"), ctx), shift)
    return None


def _night_of(found: TimeValue, shift: int) -> TimeValue | None:
    if found.kind == "unresolved" and found.granularity != "unknown":
        return _unresolved("interval")
    if found.value is None:
        return None
    if found.granularity in ("day", "time"):
        first = Date.fromisoformat(found.value[:10]) + shift * DAY
        return _days(first, first + DAY, found.relative)
    if found.kind == "interval" and re.fullmatch(r"[\d-]{10}/[\d-]{10}", found.value):
        return found  # "the night of 23-24 January"
    return None


# ---------------------------------------------------------------------------------------------
# Rules: times of day ("midnight", "09:30", "early on Friday", "Thursday evening")

CLOCK = (
    r"(?:\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?|\d{1,2} ?[ap]\.?m\.?|midnight|noon|midday"
    r"|late-night|early-morning|dawn|dusk|daybreak|nightfall)"
)
ZONE = r"(?: (?:gmt|utc|cet|eet|msk|bst|est|edt|[a-z]+ time))?"
CLOCK_FIRST = _full(rf"(?:before |after |around )?{CLOCK}{ZONE}(?:,? (?:on |of )?(?P<rest>.+))?")
CLOCK_LAST = _full(rf"(?P<rest>.+?),? (?:at |around |before |after )?{CLOCK}{ZONE}")
EARLY_LATE = _full(r"(?:early|late|later|earlier) (?:on |in )?(?P<rest>.+)")
PART_AFTER = _full(r"(?P<rest>.+?) (?:morning|afternoon|evening)")
PART_OF = _full(
    r"(?:the )?(?:morning|afternoon|evening|early hours|small hours)(?: of (?P<rest>.+))?"
)
THIS_PART = _full(r"this (?:morning|afternoon|evening)")


def _time_of_day(s: str, ctx: _Context) -> TimeValue | None:
    """A time of day is its day, with granularity ``time``."""
    if THIS_PART.match(s):
        return _day(ctx.published, True, "time") if ctx.published else _unresolved("time")
    for pattern in (CLOCK_FIRST, CLOCK_LAST, PART_OF, EARLY_LATE, PART_AFTER):
        match = pattern.match(s)
        if match is None:
            continue
        rest = match.groupdict().get("rest")
        if rest is None:
            return _day_of_sentence(ctx)
        found = _on_day(_normalize(rest, ctx))
        if found is not None:
            return found
    return None


def _on_day(found: TimeValue) -> TimeValue | None:
    if found.granularity in ("day", "time"):
        if found.value is None:
            return _unresolved("time")
        return _day(Date.fromisoformat(found.value[:10]), found.relative, "time")
    return None


def _day_of_sentence(ctx: _Context) -> TimeValue:
    """A bare clock time: the day named in its sentence, before it, or the publication day."""
    for day in (ctx.sentence_day, ctx.anchor):
        if day is not None:
            return _day(day, True, "time")
    if ctx.published is None:
        return _unresolved("time")
    return _day(ctx.published, True, "time")


# ---------------------------------------------------------------------------------------------
# Rules: ranges ("23-24 January", "Friday and Saturday", "from January to March 2026")

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


# ---------------------------------------------------------------------------------------------
# Rules: offsets from the publication date ("two days ago", "in two weeks", "a week earlier")

OFFSET = _full(
    rf"(?P<n>{NUM})?(?P<half> and a half)? ?{UNIT}(?P<dir> ago| earlier| later| from now| hence"
    r"| previously| before| after|'?s? time)"
)


def _offset(s: str, ctx: _Context) -> TimeValue | None:
    """A count of units before or after a date, at the unit's granularity.

    "ago", "from now" and "in two weeks" count from the publication date; "earlier" and "later"
    are anaphoric and count from the last day named before them, or from the publication date
    when the text has named none ("the demand it had made a week earlier").
    """
    found = _offset_match(s, ctx)
    if found is None or isinstance(found, TimeValue):
        return found
    match, direction = found
    unit = _unit_name(match.group("unit"))
    count = _number(match.group("n") or "a")
    anaphoric = (match.groupdict().get("dir") or "").strip() in ("earlier", "later")
    base = (ctx.anchor if anaphoric else None) or ctx.published
    if count is None or base is None:
        return _unresolved(_offset_granularity(unit))
    return _shift(base, direction * count, unit)


def _offset_match(s: str, ctx: _Context) -> tuple[re.Match[str], int] | TimeValue | None:
    """The count and direction of an offset; a duration when it is a gap between two events."""
    match = OFFSET.match(s)
    if match is None:
        ahead = ctx.after_in and ctx.tense != "past"  # "will meet in two weeks"
        match = DURATION.match(s) if ahead else None
        return (match, 1) if match and _number(match.group("n")) is not None else None
    direction = match.group("dir").strip()
    if direction in ("before", "after") or ctx.before_than:
        return _duration_from(match)  # "three days after the talks": a gap, not a date
    return match, -1 if direction in ("ago", "earlier", "previously") else 1


def _offset_granularity(unit: str) -> str:
    return {"second": "time", "minute": "time", "hour": "time", "night": "day"}.get(
        unit, "year" if unit in ("decade", "century") else unit
    )


def _shift(published: Date, count: float, unit: str) -> TimeValue:
    amount = round(count)
    if unit in ("second", "minute", "hour"):  # the time of publication is unknown: whole days
        days = int(count / (24 if unit == "hour" else 24 * 60 * (60 if unit == "second" else 1)))
        return _day(published + days * DAY, True, "time")
    if unit in ("day", "night"):
        return _day(published + amount * DAY, True)
    if unit in ("week", "fortnight"):
        weeks = amount * (2 if unit == "fortnight" else 1)
        return _point(_iso_week(published + 7 * weeks * DAY), "week", True)
    if unit == "month":
        moved = _add_months(published, amount)
        return _point(_month(moved.year, moved.month), "month", True)
    years = amount * UNITS[unit][1]
    return _point(str(published.year + years), "year", True)


# ---------------------------------------------------------------------------------------------
# Rules: spans reaching the publication date ("the past three weeks", "the coming days")

SPAN_TO_NOW = _full(
    rf"(?P<the>the )?(?P<dir>past|last|next|coming|upcoming|recent)"
    rf"(?: (?P<n>{NUM}))? {UNIT}"
)
RECENT = _full(rf"recent {UNIT}")


def _span_to_now(s: str, ctx: _Context) -> TimeValue | None:
    """An interval with one end at the publication date."""
    match = SPAN_TO_NOW.match(s) or RECENT.match(s)
    if match is None:
        return None
    parts = match.groupdict()
    raw_count = parts.get("n")
    plural = s.endswith("s") and not s.endswith("ss")
    if parts.get("the") is None and raw_count is None and not plural and "dir" in parts:
        return None  # "last week" is a calendar week, see _deictic
    count = _span_count(raw_count, plural)
    if count is None:
        return None
    if ctx.published is None:
        return _unresolved("interval")
    past = parts.get("dir", "recent") in ("past", "last", "recent")
    other = _move(ctx.published, -count if past else count, _unit_name(match.group("unit")))
    if past:
        return _days(other, ctx.published, True)
    return _days(ctx.published, other, True)


def _span_count(raw: str | None, plural: bool) -> float | None:
    if raw is None:
        return float(FEW) if plural else 1.0
    if raw in ("few", "a few", "several", "couple of", "a couple of"):
        return 2.0 if "couple" in raw else float(FEW)
    return _number(raw)


def _move(day: Date, count: float, unit: str) -> Date:
    amount = round(count)
    if unit in ("second", "minute", "hour"):
        return day + datetime.timedelta(hours=amount if unit == "hour" else 0)
    if unit in ("day", "night"):
        return day + amount * DAY
    if unit in ("week", "fortnight"):
        return day + amount * 7 * (2 if unit == "fortnight" else 1) * DAY
    return _add_months(day, amount * (1 if unit == "month" else 12 * UNITS[unit][1]))


# ---------------------------------------------------------------------------------------------
# Rules: durations ("three hours", "four-hour", "a week-long pause", "for years")

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


# ---------------------------------------------------------------------------------------------
# Rules: words that point at the publication date ("yesterday", "last week", "earlier this year")

DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
DAY_WORDS |= {"the day before yesterday": -2, "the day after tomorrow": 2}
UNIT_STEPS: dict[str | None, int] = {
    None: 0,
    **dict.fromkeys(_words("this|the|all|current|the current"), 0),
    **dict.fromkeys(_words("last|previous|the previous|this past"), -1),
    **dict.fromkeys(_words("next|the next|coming|this coming"), 1),
}
CALENDAR_UNIT = _full(
    r"(?:(?P<mod>this past|this coming|this|the current|current|the previous|previous|the next"
    r"|last|next|coming|the|all) )?(?P<unit>week|weekend|month|year|quarter)"
)
PART_OF_PERIOD = _full(r"(?P<part>earlier|later) (?:this|in the) (?P<unit>week|month|year)")
THIRD_OF_PERIOD = _full(
    r"(?P<third>early|mid|late)(?:-| |- )(?:in )?(?P<mod>this|last|next|the) (?P<unit>month|year)"
)
EDGE_OF_PERIOD = _full(
    r"(?:the )?(?P<third>start|beginning|middle|end) of (?P<mod>this|last|next|the)"
    r" (?P<unit>week|month|year)"
)
THIRDS = {"early": 0, "start": 0, "beginning": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}


def _deictic(s: str, ctx: _Context) -> TimeValue | None:
    """today, yesterday, this week, last month, next year, earlier this year, late last year."""
    if s in DAY_WORDS:
        if ctx.published is None:
            return _unresolved("day")
        return _day(ctx.published + DAY_WORDS[s] * DAY, True)
    for pattern, handler in (
        (CALENDAR_UNIT, _calendar_unit),
        (PART_OF_PERIOD, _part_of_period),
        (THIRD_OF_PERIOD, _third_of_period),
        (EDGE_OF_PERIOD, _third_of_period),
    ):
        match = pattern.match(s)
        if match:
            if ctx.published is None:
                whole = handler is _calendar_unit
                return _unresolved(_unit_granularity(match.group("unit")) if whole else "interval")
            return handler(match, ctx.published, ctx.tense)
    return None


def _unit_granularity(unit: str) -> str:
    return "interval" if unit == "weekend" else unit


def _calendar_unit(match: re.Match[str], published: Date, tense: str | None) -> TimeValue:
    step = UNIT_STEPS.get(match.group("mod"), 0)
    unit = match.group("unit")
    if unit == "week":
        return _point(_iso_week(published + 7 * step * DAY), "week", True)
    if unit == "weekend":
        return _weekend(published, step, match.group("mod"), tense)
    if unit == "month":
        moved = _add_months(published, step)
        return _point(_month(moved.year, moved.month), "month", True)
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + step
        return _point(f"{index // 4}-Q{index % 4 + 1}", "quarter", True)
    return _point(str(published.year + step), "year", True)


def _weekend(published: Date, step: int, mod: str | None, tense: str | None) -> TimeValue:
    """Saturday and Sunday; "the weekend" in past tense is the one just gone."""
    saturday = published - published.weekday() * DAY + 5 * DAY
    if step == 0 and tense in ("past", None) and saturday > published:
        step = -1
    if step == -1 and published.weekday() == 6 and mod != "last":
        step = 0
    saturday += 7 * step * DAY
    return _days(saturday, saturday + DAY, True)


def _part_of_period(match: re.Match[str], published: Date, tense: str | None) -> TimeValue:
    """ "earlier this week": from the start of the week to the day before publication."""
    start, end = _period_bounds(published, match.group("unit"), 0)
    later = match.group("part") == "later"
    if match.group("unit") == "year":
        if later:
            return _interval(_month(published.year, published.month), _month(end.year, 12), True)
        return _interval(_month(start.year, 1), _month(published.year, published.month), True)
    first, last = (published + DAY, end) if later else (start, published - DAY)
    if last < first:
        unit = match.group("unit")
        value = _iso_week(published) if unit == "week" else _month(published.year, published.month)
        return _point(value, unit, True)
    return _days(first, last, True)


def _third_of_period(match: re.Match[str], published: Date, tense: str | None) -> TimeValue:
    """early/mid/late (or the start/end of) this, last or next month or year."""
    step = UNIT_STEPS.get(match.group("mod"), 0)
    start, end = _period_bounds(published, match.group("unit"), step)
    third = THIRDS.get(match.group("third"), 2)
    if match.group("unit") == "year":
        return _year_third(start.year, third, True)
    if match.group("unit") == "month":
        return _month_third(start.year, start.month, third, True)
    first = start + 2 * third * DAY  # a week: Monday-Tuesday, Wednesday-Thursday, Friday-Sunday
    return _days(first, first + DAY if third < 2 else end, True)


def _period_bounds(published: Date, unit: str, step: int) -> tuple[Date, Date]:
    if unit == "week":
        monday = published - published.weekday() * DAY + 7 * step * DAY
        return monday, monday + 6 * DAY
    if unit == "month":
        first = _add_months(published.replace(day=1), step)
        return first, _month_end(first.year, first.month)
    year = published.year + step
    return Date(year, 1, 1), Date(year, 12, 31)


def _year_third(year: int, third: int, relative: bool) -> TimeValue:
    first = 1 + 4 * third
    return _interval(_month(year, first), _month(year, first + 3), relative)


def _month_third(year: int, month: int, third: int, relative: bool) -> TimeValue:
    start = Date(year, month, 1 + 10 * third)
    end = _month_end(year, month) if third == 2 else Date(year, month, 10 + 10 * third)
    return _days(start, end, relative)


# ---------------------------------------------------------------------------------------------
# Rules: weekdays ("on Thursday", "next Sunday", "last Tuesday", "this Friday")

WEEKDAY = _full(rf"(?:(?P<mod>last|next|this|coming|this coming|this past|past) )?(?P<wd>{WD})")


def _weekday(s: str, ctx: _Context) -> TimeValue | None:
    """A weekday, in the direction its modifier or the tense gives."""
    match = WEEKDAY.match(s)
    if match is None:
        return None
    if ctx.published is None:
        return _unresolved("day")
    day = _weekday_date(ctx.published, WEEKDAYS[match.group("wd")], match.group("mod"), ctx.tense)
    return _day(day, True)


def _weekday_date(published: Date, weekday: int, mod: str | None, tense: str | None) -> Date:
    today = published.weekday()
    if mod in ("last", "past", "this past"):
        return published - ((today - weekday) % 7 or 7) * DAY
    if mod == "next":
        return published + (7 - today + weekday) * DAY
    if mod in ("coming", "this coming"):
        return published + ((weekday - today) % 7 or 7) * DAY
    if mod == "this":
        return published + (weekday - today) * DAY
    ahead, back = (weekday - today) % 7, (today - weekday) % 7
    if tense in ("future", "present") or (tense == NEAREST and ahead < back):
        return published + ahead * DAY
    return published - back * DAY


# ---------------------------------------------------------------------------------------------
# Rules: calendar dates, months, years, decades, quarters, halves and seasons

FULL_DATES = (
    _full(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    _full(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
)
NUMERIC_DATE = _full(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})")
PREFIX = rf"(?:{WD},? )?(?:the )?"
DAY_MONTH = _full(rf"{PREFIX}(?P<d>{DD}) (?:of )?(?P<m>{MON})(?:,? (?P<y>\d{{4}}))?")
MONTH_DAY = _full(rf"{PREFIX}(?P<m>{MON}) (?:the )?(?P<d>{DD})(?:,? (?P<y>\d{{4}}))?")
MONTH_YEAR = _full(rf"(?:the month of )?(?P<m>{MON})(?:,? | of )?(?P<y>\d{{4}})?")
ISO_MONTH = _full(r"(?P<y>\d{4})-(?P<m>\d{2})")
MODIFIED_MONTH = _full(rf"(?P<mod>last|next|this|this past|this coming) (?P<m>{MON})")
THIRD_MONTH = _full(
    rf"(?:the )?(?P<third>early|mid|late|start of|beginning of|end of|middle of)"
    rf"(?:-| |- )(?P<m>{MON})(?:,? (?P<y>\d{{4}}))?"
)
THIRD_YEAR = _full(
    r"(?:the )?(?P<third>early|mid|late|start of|beginning of|end of|middle of)"
    r"(?:-| |- )(?P<y>\d{4})"
)
YEAR = _full(r"(?:the year )?(?P<y>1[89]\d\d|2[01]\d\d)")
DECADE = _full(r"(?:the )?(?:(?P<third>early|mid|late)(?:-| ))?(?P<d>1[89]\d|20\d)0'?s")
SHORT_DECADE = _full(r"(?:the )?(?:(?P<third>early|mid|late)(?:-| ))?'?(?P<d>\d)0s")
QUARTER = _full(
    r"(?:the )?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th) quarter"
    r"(?: of (?P<rest>.+))?"
)
SHORT_QUARTER = _full(r"q(?P<q>[1-4])(?: (?P<rest>\d{4}))?")
YEAR_QUARTER = _full(r"(?P<rest>\d{4}) q(?P<q>[1-4])")
HALF = _full(r"(?:the )?(?P<h>first|second|1st|2nd|latter) half(?: of (?P<rest>.+))?")
SHORT_HALF = _full(r"h(?P<h>[12])(?: (?P<rest>\d{4}))?")
SEASON = _full(
    r"(?:(?P<mod>this past|this coming|the previous|previous|the following|this|last|next|the"
    r"|early|late|mid)(?:-| ))?"
    r"(?P<s>winter|spring|summer|autumn|fall)(?: (?:of )?(?P<y>\d{4})(?:[-/]\d{2,4})?)?"
)
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
PART_NUMBERS = _index("first 1st 1|second 2nd 2 latter|third 3rd 3", 1)


def _calendar(s: str, ctx: _Context) -> TimeValue | None:
    """Dates and calendar periods named by the calendar rather than by the publication date."""
    for rule in CALENDAR_RULES:
        found = rule(s, ctx)
        if found is not None:
            return found
    return None


def _full_date(s: str, ctx: _Context) -> TimeValue | None:
    for pattern in FULL_DATES:
        match = pattern.match(s)
        if match:
            day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
            return _day(day, False) if day else NOT_A_TIME
    match = ISO_MONTH.match(s)
    if match and 1 <= int(match["m"]) <= 12:
        return _point(_month(int(match["y"]), int(match["m"])), "month", False)
    return None


def _numeric_date(s: str, ctx: _Context) -> TimeValue | None:
    """22/01/2026: day first, as in the outlets we read, unless only month first fits."""
    match = NUMERIC_DATE.match(s)
    if match is None:
        return None
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    year += 2000 if year < 100 else 0
    day, month = (b, a) if b > 12 >= a else (a, b)
    found = _safe_date(year, month, day)
    return _day(found, False) if found else NOT_A_TIME


def _day_and_month(s: str, ctx: _Context) -> TimeValue | None:
    match = DAY_MONTH.match(s) or MONTH_DAY.match(s)
    if match is None:
        return None
    month, day = MONTHS[match["m"].rstrip(".")], int(re.sub(r"\D", "", match["d"]))
    if match["y"]:
        found = _safe_date(int(match["y"]), month, day)
        return _day(found, False) if found else NOT_A_TIME
    if ctx.published is None:
        return _unresolved("day")
    inferred = _infer_day(month, day, ctx)
    return _day(inferred, True) if inferred else NOT_A_TIME


def _infer_day(month: int, day: int, ctx: _Context) -> Date | None:
    """The year that puts the date closest to publication; the tense decides beyond a month."""
    if ctx.published is None:
        return None
    published = ctx.published
    years = (published.year - 1, published.year, published.year + 1)
    candidates = [c for c in (_safe_date(y, month, day) for y in years) if c is not None]
    if not candidates:
        return None
    closest = min(candidates, key=lambda c: (abs((c - published).days), c > published))
    if abs((closest - published).days) <= 31 or ctx.tense not in ("past", "future"):
        return closest
    if ctx.tense == "past":
        return max((c for c in candidates if c <= published), default=closest)
    return min((c for c in candidates if c >= published), default=closest)


def _infer_month_year(month: int, ctx: _Context) -> int | None:
    """A month alone: this year's if it is the publication month, else as the tense says."""
    if ctx.published is None:
        return None
    now = ctx.published.year * 12 + ctx.published.month - 1
    options = [
        (year, year * 12 + month - 1)
        for year in range(ctx.published.year - 1, ctx.published.year + 2)
    ]
    if ctx.tense == "past":
        return max(year for year, index in options if index <= now)
    if ctx.tense in ("future", "present"):
        return min(year for year, index in options if index >= now)
    return min(options, key=lambda option: (abs(option[1] - now), option[1] > now))[0]


def _month_and_year(s: str, ctx: _Context) -> TimeValue | None:
    match = MONTH_YEAR.match(s)
    if match is None:
        return None
    month = MONTHS[match["m"].rstrip(".")]
    if match["y"]:
        return _point(_month(int(match["y"]), month), "month", False)
    year = _infer_month_year(month, ctx)
    return _point(_month(year, month), "month", True) if year else _unresolved("month")


def _modified_month(s: str, ctx: _Context) -> TimeValue | None:
    """ "last February" is the latest February before this month, "next March" the first after."""
    match = MODIFIED_MONTH.match(s)
    if match is None:
        return None
    if ctx.published is None:
        return _unresolved("month")
    month, year = MONTHS[match["m"].rstrip(".")], ctx.published.year
    if match["mod"] in ("last", "this past"):
        year -= 1 if month >= ctx.published.month else 0
    elif match["mod"] in ("next", "this coming"):
        year += 1 if month <= ctx.published.month else 0
    return _point(_month(year, month), "month", True)


EDGE_DAYS = _full(
    rf"(?:the )?(?P<edge>first|opening|early|last|final|closing) (?:(?P<n>{NUM}) )?"
    r"(?P<unit>days|weeks) of (?P<rest>.+)"
)


def _edge_days(s: str, ctx: _Context) -> TimeValue | None:
    """ "the final days of 2025", "the first two weeks of January": days at a period's edge."""
    match = EDGE_DAYS.match(s)
    if match is None:
        return None
    period = _normalize(match["rest"], ctx)
    if period.value is None or period.granularity not in ("month", "year"):
        return _unresolved("interval") if period.granularity in ("month", "year") else None
    first, last = _bounds_of(period.value)
    count = _number(match["n"]) if match["n"] else float(FEW)
    if count is None:
        return None
    length = round(count) * (7 if match["unit"] == "weeks" else 1)
    if match["edge"] in ("first", "opening", "early"):
        return _days(first, min(first + (length - 1) * DAY, last), period.relative)
    return _days(max(last - (length - 1) * DAY, first), last, period.relative)


def _bounds_of(value: str) -> tuple[Date, Date]:
    if len(value) == 4:
        return Date(int(value), 1, 1), Date(int(value), 12, 31)
    year, month = int(value[:4]), int(value[5:7])
    return Date(year, month, 1), _month_end(year, month)


def _third_index(word: str) -> int:
    return THIRDS[word.split()[0]]


def _month_third_rule(s: str, ctx: _Context) -> TimeValue | None:
    match = THIRD_MONTH.match(s)
    if match is None:
        return None
    month = MONTHS[match["m"].rstrip(".")]
    year = int(match["y"]) if match["y"] else _infer_month_year(month, ctx)
    if year is None:
        return _unresolved("interval")
    return _month_third(year, month, _third_index(match["third"]), not match["y"])


def _year_third_rule(s: str, ctx: _Context) -> TimeValue | None:
    match = THIRD_YEAR.match(s)
    if match is None:
        return None
    return _year_third(int(match["y"]), _third_index(match["third"]), False)


def _year(s: str, ctx: _Context) -> TimeValue | None:
    match = YEAR.match(s)
    return _point(match["y"], "year", False) if match else None


def _decade(s: str, ctx: _Context) -> TimeValue | None:
    """The 1990s is ``199``; early/mid/late decades are year intervals (1990/1993)."""
    match = DECADE.match(s) or SHORT_DECADE.match(s)
    if match is None:
        return None
    stem = match["d"]
    if len(stem) == 1:  # "the '90s"
        stem = ("19" if int(stem) >= 3 else "20") + stem
    if match["third"] is None:
        return _point(stem, "decade", False)
    first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[match["third"]]
    return _interval(f"{stem}{first}", f"{stem}{last}", False)


def _year_reference(rest: str | None, ctx: _Context) -> tuple[int, bool] | None:
    """The year of "the first quarter of 2026 / of this year / of next year"."""
    if rest is not None and re.fullmatch(r"\d{4}", rest):
        return int(rest), False
    if ctx.published is None:
        return None
    steps = {None: 0, "the year": 0, "this year": 0, "last year": -1, "next year": 1}
    if rest not in steps:
        return None
    return ctx.published.year + steps[rest], True


def _quarter(s: str, ctx: _Context) -> TimeValue | None:
    match = QUARTER.match(s) or SHORT_QUARTER.match(s) or YEAR_QUARTER.match(s)
    if match is None:
        return None
    year = _year_reference(match["rest"], ctx)
    if year is None:
        return _unresolved("quarter") if ctx.published is None else None
    return _point(f"{year[0]}-Q{PART_NUMBERS.get(match['q'], 4)}", "quarter", year[1])


def _half(s: str, ctx: _Context) -> TimeValue | None:
    match = HALF.match(s) or SHORT_HALF.match(s)
    if match is None:
        return None
    index = PART_NUMBERS[match["h"]]
    year = _year_reference(match["rest"], ctx)
    if year is None:
        return _unresolved("half") if ctx.published is None else None
    return _point(f"{year[0]}-H{index}", "half", year[1])


def _season(s: str, ctx: _Context) -> TimeValue | None:
    """A season is its three months (meteorological); winter runs December to February."""
    match = SEASON.match(s)
    if match is None:
        return None
    start_month = SEASON_START[match["s"]]
    if match["y"]:
        return _season_interval(int(match["y"]), start_month, False)
    if ctx.published is None:
        return _unresolved("interval")
    year = _season_year(ctx.published, start_month, match["mod"], ctx.tense)
    return _season_interval(year, start_month, True)


def _season_year(published: Date, start_month: int, mod: str | None, tense: str | None) -> int:
    """The year the season starts in: the current one, or the one the modifier points at."""
    latest = published.year if published.month >= start_month else published.year - 1
    current = _add_months(Date(latest, start_month, 1), 3) > published
    if mod in ("last", "this past", "previous", "the previous"):
        return latest - 1 if current else latest
    if mod in ("next", "this coming", "the following"):
        return latest + 1
    if current or tense in ("past", None, NEAREST):
        return latest
    return latest + 1


def _season_interval(year: int, start_month: int, relative: bool) -> TimeValue:
    start = Date(year, start_month, 1)
    end = _add_months(start, 2)
    return _interval(_month(start.year, start.month), _month(end.year, end.month), relative)


# ---------------------------------------------------------------------------------------------
# Rule: dateparser, for absolute dates in forms the patterns above do not know

ABSOLUTE_HINT = re.compile(r"\b\d{4}\b|'\d\d\b")
RELATIVE_WORDS = re.compile(
    r"\b(?:ago|last|next|this|coming|past|today|yesterday|tomorrow|tonight|later|earlier|in)\b"
)


def _dateparser_absolute(s: str, ctx: _Context) -> TimeValue | None:
    """A complete day, month and year written some other way ("22-Jan-2026")."""
    if not ABSOLUTE_HINT.search(s) or RELATIVE_WORDS.search(s):
        return None
    if not re.search(MON, s) and not re.search(r"\d[-/.]\d", s):
        return None
    import dateparser

    settings = {"STRICT_PARSING": True, "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
    parsed: Any = dateparser.parse(s, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return _day(parsed.date(), False)


CALENDAR_RULES: tuple[Rule, ...] = (
    _full_date,
    _numeric_date,
    _day_and_month,
    _edge_days,
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
    _night,
    _range,
    _offset,
    _span_to_now,
    _duration,
    _deictic,
    _weekday,
    _calendar,
    _time_of_day,
    _dateparser_absolute,
)


# ---------------------------------------------------------------------------------------------
# Finding the expressions in a Doc

TIME_LABELS = ("DATE", "TIME")
EDGE_JUNK = {"and", "to", "or", "-", "\u2013", ",", "from", "between", "until", "through"}
PAIR_GAP = re.compile(r"\s*(?:and|to|-|\u2013|through|until|till|into)\s*", re.IGNORECASE)
DAY_GAP = re.compile(r",?\s+(?:on|of)\s+|\s+(?:Moscow|Kyiv|Kiev|local|[A-Z]{3,4})\s+time\s+on\s+")
RANGE_OPENER = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
WEEKDAY_NAMES = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
FULL_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
COUNT_WORDS = "(?i:" + "|".join(w for w in SMALL_NUMBERS if w != "zero") + ")"
MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
EXTRA_PATTERNS = (
    rf"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+)?{WEEKDAY_NAMES}(?:['’]s)?"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b",
    rf"\b(?:[Ee]arly|[Ll]ate|[Ll]ater|[Ee]arlier)\s+on\s+{WEEKDAY_NAMES}\b",
    rf"\b[Oo]vernight\s+(?:into|to)\s+{WEEKDAY_NAMES}\b",
    rf"\b{MONTH_NAMES}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:,\s+\d{{4}})?\b",
    rf"\b\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{MONTH_NAMES}(?:\s+\d{{4}})?\b",
    r"\b(?:[Tt]his|[Ll]ast|[Nn]ext)\s+(?:week|month|year|weekend)(?:['’]s)?(?=\W|$)",
    r"\b(?:day|week|month|year)-long\b",
    r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night|[Oo]vernight)\b",
    r"\b(?:midnight|noon|midday)\b",
    r"\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?(?:\s+(?:GMT|UTC|[A-Z][a-z]+\s+time))?",
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    r"\b(?:[Ee]arlier|[Ll]ater)\s+(?:in|on)\s+the\s+day\b",
    r"\b(?:[Tt]hat|[Tt]he\s+same)\s+(?:morning|afternoon|evening|night|day)\b",
    r"\b[Tt]he\s+(?:next|following|previous)\s+(?:day|morning|afternoon|evening|night)\b",
    rf"\b[Tt]he\s+week\s+(?:of|starting|beginning)\s+(?:{MONTH_NAMES}\s+\d{{1,2}}"
    rf"|\d{{1,2}}\s+{MONTH_NAMES})\b",
    rf"\b[Tt]he\s+night\s+of\s+(?:{WEEKDAY_NAMES}|{MONTH_NAMES}\s+\d{{1,2}}"
    rf"|\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{MONTH_NAMES})",
    rf"\b[Tt]he\s+(?:first|opening|last|final|closing)\s+(?:\w+\s+)?(?:days|weeks)\s+of\s+"
    rf"(?:{FULL_MONTHS}(?:\s+\d{{4}})?|\d{{4}})\b",
    r"\b(?:[Tt]his|[Ll]ast|[Nn]ext|[Tt]he(?:\s+previous)?)\s+(?:winter|spring|summer|autumn)\b",
    rf"\b(?:[Ll]ast|[Nn]ext|[Tt]his)\s+{FULL_MONTHS}\b",
    rf"\b(?:{COUNT_WORDS}|\d+)(?:\s+and\s+a\s+half)?[\s-]+(?:hour|day|week|month|year|decade)s?"
    r"(?:-long)?\b(?![-\s]+old)",
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?:day|week|fortnight|month|year)\s+(?:before|after|later|earlier|ago)\b",
)
ORDINAL_UNIT = rf"(?:{ORD})\s+(?:day|week|month|year|winter|anniversary)"


def _period_patterns(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Ordinal periods of the known periods: "the war's fourth year", "its third winter"."""
    names = "|".join(re.escape(key).replace(r"\-", "[- ]") for key in keys)
    owner = r"(?:[A-Z][\w-]*['’]s\s+)?"
    return (
        rf"(?i:\b(?:the\s+)?{owner}(?:{names})['’]s\s+{ORDINAL_UNIT})\b",
        rf"(?i:\b(?:the\s+)?{ORDINAL_UNIT}\s+(?:of|since)\s+(?:the\s+)?{owner}(?:{names}))\b",
        rf"(?i:\bits\s+{ORDINAL_UNIT})\b",
    )


def _candidate_spans(doc: Doc, ctx: _Context) -> list[Span]:
    entities = [_trim(doc, e) for e in doc.ents if e.label_ in TIME_LABELS]
    spans = [piece for e in entities if e is not None for piece in _split(doc, e, ctx)]
    keys = tuple(sorted(ctx.periods, key=len, reverse=True))
    text = doc.text  # Doc.text joins every token on each call
    for pattern in (*_period_patterns(keys), *EXTRA_PATTERNS):
        for match in re.finditer(pattern, text):
            extra = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if extra is not None:
                spans = _absorb(spans, extra, ctx)
    return _no_overlaps(_merge_pairs(doc, text, sorted(spans, key=lambda s: s.start_char), ctx))


def _no_overlaps(spans: list[Span]) -> list[Span]:
    """A last guard: the records never overlap, the earlier span wins."""
    kept: list[Span] = []
    for span in spans:
        if not kept or kept[-1].end <= span.start:
            kept.append(span)
    return kept


def _trim(doc: Doc, span: Span) -> Span | None:
    """Drop the connectors and punctuation the NER leaves at an entity's edges."""
    start, end = span.start, span.end
    while end > start and (doc[end - 1].lower_ in EDGE_JUNK or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return Span(doc, start, end, label=span.label_) if end > start else None


def _split(doc: Doc, span: Span, ctx: _Context) -> list[Span]:
    """An entity that swallowed two expressions at a comma ("Aug. 8, a week") becomes two."""
    commas = [t.i for t in span if t.text == ","]
    if not commas or _apply_rules(_clean(span.text)[0], ctx) is not None:
        return [span]
    bounds = [span.start, *commas, span.end]
    pieces = [
        _trim(doc, Span(doc, a + (a != span.start), b)) for a, b in itertools.pairwise(bounds)
    ]
    return [piece for piece in pieces if piece is not None]


def _absorb(spans: list[Span], extra: Span, ctx: _Context) -> list[Span]:
    """Add a pattern match that overlaps nothing, or replace the entities it covers."""
    overlapping = [s for s in spans if s.start < extra.end and extra.start < s.end]
    if any(s.start < extra.start or s.end > extra.end for s in overlapping):
        return spans
    if [(s.start, s.end) for s in overlapping] == [(extra.start, extra.end)]:
        return spans
    if not overlapping and _normalize(extra.text, ctx).granularity == "unknown":
        return spans
    kept = [s for s in spans if s not in overlapping]
    return [*kept, Span(extra.doc, extra.start, extra.end, label="DATE")]


def _merge_pairs(doc: Doc, text: str, spans: list[Span], ctx: _Context) -> list[Span]:
    """Join "Friday" and "Saturday", "between 9" and "14 January" into one interval."""
    merged: list[Span] = []
    for span in spans:
        if merged and _joins(text, merged[-1], span, ctx):
            first = merged.pop()
            start = first.start_char
            opener = RANGE_OPENER.search(text, max(0, start - 20), start)
            start = opener.start() if opener else start
            joined = doc.char_span(start, span.end_char, alignment_mode="expand")
            merged.append(joined if joined is not None else first)
        else:
            merged.append(span)
    return merged


def _joins(text: str, first: Span, second: Span, ctx: _Context) -> bool:
    """Two ends of one range, or a time of day and its day ("2 a.m. on Sunday")."""
    gap = text[first.end_char : second.start_char]
    ranged = PAIR_GAP.fullmatch(gap) is not None
    if not ranged and DAY_GAP.fullmatch(gap) is None:
        return False
    found = _normalize(text[first.start_char : second.end_char], _span_context(first, ctx))
    if not ranged:
        return found.granularity == "time"
    return found.kind == "interval" or (found.kind == "unresolved" and found.relative)


def _sentence_index(doc: Doc) -> dict[int, int]:
    return {token.i: index for index, sent in enumerate(doc.sents) for token in sent}


# ---------------------------------------------------------------------------------------------
# Tense: which way a weekday or a date without a year points

FUTURE_AUX = {"will", "shall", "'ll", "ll", "wo"}
MODALS = {"would", "could", "may", "might", "should", "can", "must", "'d"}
PERFECT = {"has", "have", "had", "'ve", "'s"}
EXPECTATION = {
    *("expect", "schedule", "plan", "set", "pencil", "slate", "intend", "due", "aim"),
    *("forecast", "predict", "project"),
}
FORWARD = {"next", "upcoming", "coming", "forthcoming", "future"}
BACKWARD = {"last", "previous", "past", "former"}
CLIMB = "climb"


def _tense(span: Span) -> str | None:
    """The tense the expression is read in: its governing verb, or a next/last on its noun."""
    token = span.root
    for _ in range(12):
        if token.pos_ in ("NOUN", "PROPN") and not _inside(token, span):
            cue = _noun_cue(token)
            if cue is not None:
                return cue
        if token.pos_ in ("VERB", "AUX"):
            verdict = _verb_tense(token)
            if verdict != CLIMB:
                return verdict
        if token.head is token:
            return None
        token = token.head
    return None


def _inside(token: Any, span: Span) -> bool:
    return bool(span.start <= token.i < span.end)


def _noun_cue(noun: Any) -> str | None:
    for child in noun.children:
        word = child.lower_
        if child.dep_ in ("amod", "det", "compound") and word in FORWARD:
            return "future"
        if child.dep_ in ("amod", "det", "compound") and word in BACKWARD:
            return "past"
    return None


def _verb_tense(verb: Any) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries} | ({verb.lower_} if verb.pos_ == "AUX" else set())
    if words & FUTURE_AUX or _going_to(verb):
        return "future"
    if "to" in words and not _expecting(_governor(verb)):
        return NEAREST  # an infinitive points away from its clause's time, either way
    if verb.lemma_ in EXPECTATION or any(c.lower_ == "due" for c in verb.children):
        if "had" in words:
            return "past"
        return CLIMB if verb.dep_ in ("acl", "amod") and not auxiliaries else "future"
    if words & MODALS:
        return "future"
    if words & PERFECT or any(t.morph.get("Tense") == ["Past"] for t in [verb, *auxiliaries]):
        if verb.morph.get("VerbForm") == ["Part"] and not auxiliaries and verb.dep_ != "ROOT":
            return _participle_tense(verb)
        return "past"
    if verb.morph.get("VerbForm") in (["Inf"], ["Part"], ["Ger"]) and verb.dep_ != "ROOT":
        return CLIMB
    return "present" if verb.tag_ in ("VBZ", "VBP") else None


def _participle_tense(verb: Any) -> str | None:
    """A bare past participle ("the idea floated in December") is a reduced past passive;
    one that is the complement of another verb ("got elected") reads in that verb's tense."""
    return CLIMB if verb.dep_ in ("xcomp", "conj") else "past"


def _governor(verb: Any) -> Any:
    """The verb an infinitive depends on, past coordinated infinitives ("to drop and to stay")."""
    head = verb.head
    for _ in range(4):
        if head.dep_ not in ("conj", "xcomp") or head.head is head:
            break
        head = head.head
    return head


def _expecting(verb: Any) -> bool:
    """ "due to fly", "expected to meet", "going to sign": the governing verb has the say."""
    children = {c.lower_ for c in verb.children}
    return bool(verb.lemma_ in EXPECTATION or "due" in children or verb.lower_ == "going")


def _going_to(verb: Any) -> bool:
    head = verb.head
    return bool(verb.dep_ == "xcomp" and head.lower_ == "going" and head.tag_ == "VBG")


# ---------------------------------------------------------------------------------------------
# Normalising spans in their context


def _span_context(span: Span, ctx: _Context) -> _Context:
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    sentence = doc[_sentence_start(doc, span.start) : span.start].text.lower()
    hint = next((key for key in ctx.periods if re.search(rf"\b{re.escape(key)}\b", sentence)), None)
    tense = _tense(span)
    if before in ("until", "till", "by", "to") and tense in ("past", None):
        tense = NEAREST  # "agreed to a pause until Sunday": the end may lie ahead
    return replace(
        ctx,
        tense=tense,
        after_in=before == "in",
        before_than=after == "than",
        period_hint=hint,
    )


def _sentence_start(doc: Doc, token: int) -> int:
    """The first token of the token's sentence (walking back: ``Span.sent`` scans the Doc)."""
    while token > 0 and not doc[token].is_sent_start:
        token -= 1
    return token


def _normalize_span(span: Span, ctx: _Context) -> TimeValue:
    return _normalize(span.text, _span_context(span, ctx))


def _single_day(found: TimeValue) -> Date | None:
    if found.value is None or found.granularity not in ("day", "time"):
        return None
    return Date.fromisoformat(found.value[:10])


def _second_pass(
    spans: list[Span], first: list[TimeValue], base: _Context, sentence_of: dict[int, int]
) -> list[TimeRef]:
    """Normalise again with the day of the sentence and the last day named as anchors."""
    refs: list[TimeRef] = []
    anchor: Date | None = None
    for index, span in enumerate(spans):
        sentence_day = _sentence_day(index, spans, first, sentence_of)
        found = _normalize_span(span, replace(base, anchor=anchor, sentence_day=sentence_day))
        refs.append(_time_ref(span, found, sentence_of.get(span.start)))
        anchor = _single_day(found) or anchor
    return refs


def _sentence_day(
    index: int, spans: list[Span], first: list[TimeValue], sentence_of: dict[int, int]
) -> Date | None:
    """The day named nearest to span ``index`` in its sentence, by the first pass."""
    sentence = sentence_of.get(spans[index].start)
    days = [
        (abs(other.start - spans[index].start), day)
        for j, other in enumerate(spans)
        if j != index
        and sentence_of.get(other.start) == sentence
        and (day := _single_day(first[j])) is not None
    ]
    return min(days, key=lambda pair: pair[0])[1] if days else None


def _time_ref(span: Span, found: TimeValue, sentence: int | None) -> TimeRef:
    return TimeRef(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        value=found.value,
        granularity=found.granularity,
        kind=found.kind,
        relative=found.relative,
        sentence=sentence,
    )
