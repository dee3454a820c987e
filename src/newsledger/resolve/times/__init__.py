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

from newsledger.resolve.times.api import normalize_time, resolve_times
from newsledger.resolve.times.cascade import _normalize as _normalize
from newsledger.resolve.times.context import DEFAULT_PERIOD_STARTS
from newsledger.resolve.times.context import _Context as _Context
from newsledger.resolve.times.context import _lower_keys as _lower_keys
from newsledger.resolve.times.values import TimeValue

# The public API. ``_normalize``, ``_Context`` and ``_lower_keys`` are imported as themselves for
# the test that runs the cascade on a context of its own.
__all__ = ["DEFAULT_PERIOD_STARTS", "TimeValue", "normalize_time", "resolve_times"]
