"""The public API: ``normalize_time`` for one expression, ``resolve_times`` for a whole Doc."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from spacy.tokens import Doc

from newsledger.records import TimeRef
from newsledger.resolve.times.cascade import _normalize
from newsledger.resolve.times.context import DEFAULT_PERIOD_STARTS, _Context, _lower_keys
from newsledger.resolve.times.span_context import _normalize_span, _second_pass, _sentence_index
from newsledger.resolve.times.spans import _candidate_spans
from newsledger.resolve.times.values import TimeValue


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
