"""The claims of an article: its checkable statements, each with claimant and values.

``extract_claims(doc, analysis)`` reads the parsed Doc with the layers the analysis already
holds (actors, places, times, attributions, events). A claim is made of one *unit*:

- the content of an attribution (overlapping contents keep one: a named source over an
  implicit one, the shorter over the longer), claimed by its source; always a claim, of kind
  ``statement`` when nothing more specific applies;
- the rest of a sentence, in the article's own voice: a claim only when it holds a value, an
  event or an allegation cue. Values inside a source ("two officials") are the attribution's,
  except a title, which the article states itself ("Foreign Minister Sergei Lavrov said").

Its kind is the first that applies: ``allegation`` (a cue of ``kb/data/claims.yaml``),
``quantity`` (money, percentage, measure, count, duration), ``event`` (a PLOVER event), ``date``,
``quantity`` again for an ordinal alone, ``role``, ``statement``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from newsledger.attribution.certainty import certainty
from newsledger.attribution.model import Attribution
from newsledger.claims.lexicon import CueMatch, claim_lexicon
from newsledger.claims.model import ARTICLE, Claim, ClaimValue
from newsledger.claims.values import sentence_values
from newsledger.kb.actors import actor_kb
from newsledger.records import Analysis

QUANTITY_VALUES = frozenset({"money", "percent", "quantity", "count", "duration"})
# Attribution source types under the names the claim record uses.
CLAIMANT_TYPES = {
    "document or report": "document",
    "unnamed critics or observers": "critics/observers",
}


@dataclass
class Unit:
    """A stretch of text one claimant stands behind (character offsets)."""

    start: int
    end: int
    sentence: int
    attribution: int | None = None
    values: list[ClaimValue] = field(default_factory=list)
    clause: bool = True  # it has a verb: a bare noun phrase ("denies a charge") states nothing

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def extract_claims(doc: Doc, analysis: Analysis) -> list[Claim]:
    """Every claim of a parsed Doc, in text order, from the layers of its analysis."""
    if len(doc) == 0:
        return []
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    units = _attributed_units(doc, analysis.attributions, starts)
    taken = _attribution_spans(analysis.attributions, units)
    lexicon, kb = claim_lexicon(), actor_kb()
    own: dict[int, Unit] = {}
    for index, sent in enumerate(sents):
        for value in sentence_values(sent, analysis.times, analysis.actors, lexicon, kb):
            _place_value(value, index, units, taken, own)
    for index, sent in enumerate(sents):
        _own_unit(doc, sent, index, taken, own)
    claims = [_claim(doc, unit, analysis) for unit in [*units, *own.values()]]
    return sorted((c for c in claims if c is not None), key=lambda c: (c.start, c.end))


def _sentence_of(char: int, starts: list[int]) -> int:
    return max(bisect_right(starts, char) - 1, 0)


def _attributed_units(
    doc: Doc, attributions: Sequence[Attribution], starts: list[int]
) -> list[Unit]:
    """One unit per attribution content, keeping one of any overlapping pair: a named source
    over an implicit one, then the longer content (the report over a report inside it)."""
    order = sorted(
        range(len(attributions)),
        key=lambda i: (
            attributions[i].source is None,
            attributions[i].content.start - attributions[i].content.end,
        ),
    )
    units: list[Unit] = []
    for i in order:
        start, end = _content_extent(doc, attributions[i])
        if any(start < u.end and u.start < end for u in units):
            continue
        units.append(Unit(start, end, _sentence_of(start, starts), i))
    return sorted(units, key=lambda u: u.start)


def _content_extent(doc: Doc, item: Attribution) -> tuple[int, int]:
    """The content's span; a content without a verb ("accused Moscow") takes in the phrases
    the cue governs after it ("... of deporting children")."""
    start, end = item.content.start, item.content.end
    content = doc.char_span(start, end, alignment_mode="expand")
    cue = doc.char_span(item.cue.start, item.cue.end, alignment_mode="expand")
    if content is None or cue is None or any(t.pos_ in ("VERB", "AUX") for t in content):
        return start, end
    for child in cue.root.children:
        if child.dep_ in ("prep", "advcl", "xcomp", "ccomp") and child.idx >= end:
            right = child.right_edge
            end = max(end, right.idx + len(right.text))
    return start, end


def _attribution_spans(
    attributions: Sequence[Attribution], units: list[Unit]
) -> list[tuple[int, int, str]]:
    """Character ranges the attributions take: each kept unit, and every source and cue."""
    spans: list[tuple[int, int, str]] = [(u.start, u.end, "content") for u in units]
    for item in attributions:
        spans.append((item.cue.start, item.cue.end, "cue"))
        if item.source is not None:
            spans.append((item.source.start, item.source.end, "source"))
    return spans


def _place_value(
    value: ClaimValue,
    sentence: int,
    units: list[Unit],
    taken: list[tuple[int, int, str]],
    own: dict[int, Unit],
) -> None:
    for unit in units:
        if unit.holds(value.start, value.end):
            unit.values.append(value)
            return
    inside = [kind for start, end, kind in taken if start < value.end and value.start < end]
    if inside and value.kind != "role":
        return  # "two officials": the count of a source, kept on the attribution
    unit = own.setdefault(sentence, Unit(value.start, value.end, sentence))
    unit.values.append(value)
    unit.start, unit.end = min(unit.start, value.start), max(unit.end, value.end)


def _own_unit(
    doc: Doc, sent: Span, index: int, taken: list[tuple[int, int, str]], own: dict[int, Unit]
) -> None:
    """Widen (or make) the sentence's own-voice unit to its words outside any attribution."""
    free = [
        t
        for t in sent
        if not t.is_punct
        and not t.is_space
        and not any(start <= t.idx < end for start, end, _ in taken)
    ]
    if not free:
        return
    start, end = free[0].idx, free[-1].idx + len(free[-1].text)
    unit = own.setdefault(index, Unit(start, end, index))
    unit.start, unit.end = min(unit.start, start), max(unit.end, end)


def _kind(unit: Unit, cues: list[CueMatch], events: list[int]) -> str | None:
    kinds = {v.kind for v in unit.values}
    if cues:
        return "allegation"
    if kinds & QUANTITY_VALUES:
        return "quantity"
    if events:
        return "event"
    if "date" in kinds:
        return "date"
    if "ordinal" in kinds:
        return "quantity"
    if "role" in kinds:
        return "role"
    return "statement" if unit.attribution is not None and unit.clause else None


def _claim(doc: Doc, unit: Unit, analysis: Analysis) -> Claim | None:
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    cues = claim_lexicon().allegations(span)
    events = [
        i for i, e in enumerate(analysis.events) if unit.holds(e.trigger.start, e.trigger.end)
    ]
    unit.clause = any(t.pos_ in ("VERB", "AUX") for t in span)
    kind = _kind(unit, cues, events)
    if kind is None:
        return None
    graded = certainty(span)
    item = analysis.attributions[unit.attribution] if unit.attribution is not None else None
    level = (item.certainty if item is not None else None) or graded.level
    dates = [v.value for v in unit.values if v.kind == "date"]
    date = str(dates[0]) if dates else (analysis.events[events[0]].date if events else None)
    return Claim(
        kind=kind,
        text=doc.text[unit.start : unit.end],
        start=unit.start,
        end=unit.end,
        sentence=unit.sentence,
        claimant=_claimant(item),
        claimant_actor_id=item.source_actor_id if item else None,
        claimant_type=CLAIMANT_TYPES.get(item.source_type, item.source_type) if item else ARTICLE,
        attribution=unit.attribution,
        chain=tuple(link.to_dict() for link in item.chain) if item else (),
        anonymous=item.anonymous if item else False,
        unsourced=kind == "allegation" and (item is None or item.source is None),
        certainty=level,
        negated=graded.negated,
        values=tuple(sorted(unit.values, key=lambda v: v.start)),
        actors=_ids(a.actor_id for a in analysis.actors if unit.holds(a.start, a.end)),
        places=_ids(p.place_id for p in analysis.places if unit.holds(p.start, p.end)),
        date=date,
        event=events[0] if events else None,
        cues=tuple(
            [
                {"text": c.text, "start": c.start_char, "end": c.end_char, "kind": "allegation"}
                for c in cues
            ]
            + [dict(c) for c in graded.cues]
        ),
    )


def _claimant(item: Attribution | None) -> dict[str, Any] | None:
    if item is None or item.source is None:
        return None
    return {"text": item.source.text, "start": item.source.start, "end": item.source.end}


def _ids(ids: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in ids if i))
