"""Finding the expressions in a Doc.

The candidates are spaCy's DATE and TIME entities, repaired (trimmed, split at commas, the two
ends of a range joined), and a few patterns the small model misses; they never overlap.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Span

from newsledger.resolve.times.cascade import _apply_rules, _clean, _normalize
from newsledger.resolve.times.context import _Context
from newsledger.resolve.times.span_context import _span_context
from newsledger.resolve.times.vocabulary import ORD, SMALL_NUMBERS

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
