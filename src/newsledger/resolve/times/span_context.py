"""Normalising spans in their context.

A span is read in the tense of its sentence and with the period the sentence names; a second pass
normalises every span again with the day of its sentence and the last day named before it as
anchors.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from newsledger.records import TimeRef
from newsledger.resolve.times.cascade import _normalize
from newsledger.resolve.times.context import NEAREST, _Context
from newsledger.resolve.times.tense import _tense
from newsledger.resolve.times.values import Date, TimeValue, _single_day


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


def _sentence_index(doc: Doc) -> dict[int, int]:
    return {token.i: index for index, sent in enumerate(doc.sents) for token in sent}


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
