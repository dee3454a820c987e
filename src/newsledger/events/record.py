"""From a finished draft to the ``Event`` record: markers, time, place, mode, contexts, CAMEO.

Modes the lexicon does not fix are read here: an ASSAULT's from the weapon its clause names
(drones, aircraft, missiles and artillery, guns...), a CONSULT's from how it is held (by phone;
multilateral with three or more countries or a "trilateral" summit; otherwise from the place:
a third country's, the host's or the guest's).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Token

from newsledger.events.draft import Draft
from newsledger.events.lexicon import Lexicon
from newsledger.events.markers import (
    is_ahead,
    is_historical,
    place_of,
    read_markers,
    time_for,
)
from newsledger.events.model import Event, Participant, TextSpan
from newsledger.records import TimeRef
from newsledger.resolve.places import resolve_place

MIN_CONFIDENCE = 0.05
# Types aimed at the place they happen in when the text names no one ("a curfew in Cizre").
PLACE_AIMED = frozenset({"COERCE", "CONCEDE", "PROTEST", "MOBILIZE", "THREATEN", "AID"})


class Recorder:
    """Turns drafts of one document into events."""

    def __init__(
        self, lex: Lexicon, times: dict[int, list[TimeRef]], published: date | None
    ) -> None:
        self.lex = lex
        self.times = times
        self.published = published

    def event(self, draft: Draft, sentence: int) -> Event:
        marks = read_markers(draft.verbs, draft.noun, self.lex)
        anchors = [draft.anchor, *draft.verbs]
        ref = time_for(anchors, self.times)
        historical = ref is not None and is_historical(ref, self.published)
        ahead = ref is not None and is_ahead(ref, self.published)
        future = (draft.future or marks.future or ahead) and not draft.refusal
        hypothetical = draft.hypothetical or marks.hypothetical
        negated = (draft.negated or marks.negated) and not draft.refusal
        place = place_of(anchors, {(p.start, p.end) for p in draft.sources + draft.targets})
        mode = self._mode(draft, place)
        targets = _located(draft.targets or self._visited(draft, place), draft, place)
        day, source = self._date(ref, future or hypothetical or historical)
        return Event(
            type=draft.type,
            trigger=trigger_span(draft.trigger, draft.anchor),
            sentence=sentence,
            mode=mode,
            contexts=tuple(sorted(draft.contexts | self._contexts(draft))),
            actors=tuple(draft.sources),
            recipients=tuple(targets),
            place=place,
            date=day,
            date_source=source,
            negated=negated,
            hypothetical=hypothetical,
            future=future,
            historical=historical,
            cameo_root=self.lex.cameo_root(draft.type, mode, draft.cameo),
            confidence=confidence(draft),
        )

    def _mode(self, draft: Draft, place: TextSpan | None) -> str | None:
        if draft.type == "CONSULT":
            return self._consult_mode(draft, place)
        if draft.type == "ASSAULT" and draft.mode is None:
            return self._cue_mode(draft)
        return draft.mode

    def _cue_mode(self, draft: Draft) -> str | None:
        """The weapon the clause names: drones, aircraft, missiles and artillery, guns..."""
        lemmas, text = _clause_words(draft)
        for mode, cues in self.lex.assault_modes:
            if any((cue in text) if " " in cue else (cue in lemmas) for cue in cues):
                return mode
        return None

    def _consult_mode(self, draft: Draft, place: TextSpan | None) -> str | None:
        lemmas = {t.lemma_.lower() for t in draft.anchor.subtree} | {
            t.lemma_.lower() for t in draft.trigger
        }
        words = self.lex.consult_words
        if draft.mode == "phone" or lemmas & words.get("phone", frozenset()):
            return "phone"
        parties = {p.country for p in draft.sources + draft.targets if p.country}
        if len(parties) >= 3 or lemmas & words.get("multilateral", frozenset()):
            return "multilateral"
        country = resolve_place(place.text).country if place else None
        if country and parties and country not in parties:
            return "third-party"
        if country and any(p.country == country for p in draft.targets):
            return "visit"
        if country and draft.targets and any(p.country == country for p in draft.sources):
            return "host"
        return draft.mode

    def _visited(self, draft: Draft, place: TextSpan | None) -> list[Participant]:
        """A visit with no host named is a visit to the place's country; a curfew, a protest or
        a blockade with no one named is aimed at the place where it is."""
        visit = draft.type == "CONSULT" and draft.mode == "visit"
        if place is None or not (visit or draft.type in PLACE_AIMED):
            return []
        country = resolve_place(place.text).country
        if not country or (visit and any(p.country == country for p in draft.sources)):
            return []
        return [Participant(place.text, place.start, place.end, None, country, None)]

    def _contexts(self, draft: Draft) -> set[str]:
        """PLOVER contexts the words of the event's clause name ("sanctions": economic)."""
        lemmas, text = _clause_words(draft)
        return {
            context
            for context, cues in self.lex.contexts.items()
            if any((cue in text) if " " in cue else (cue in lemmas) for cue in cues)
        }

    def _date(self, ref: TimeRef | None, not_done: bool) -> tuple[str | None, str | None]:
        if ref is not None and ref.value:
            return ref.value, "text"
        if self.published is not None and not not_done:
            return self.published.isoformat(), "published"
        return None, None


def _located(targets: list[Participant], draft: Draft, place: TextSpan | None) -> list[Participant]:
    """People attacked or held where the text says they were: "killed 23 people in Tel Aviv"."""
    if draft.type not in ("ASSAULT", "COERCE") or place is None or all(t.country for t in targets):
        return targets
    country = resolve_place(place.text).country
    return [t if t.country or not country else replace(t, country=country) for t in targets]


def _clause_words(draft: Draft) -> tuple[set[str], str]:
    root: Token = draft.verbs[-1] if draft.verbs else draft.anchor
    lemmas = [t.lemma_.lower() for t in root.subtree]
    return set(lemmas), " ".join(lemmas)


def trigger_span(tokens: tuple[Token, ...], anchor: Token) -> TextSpan:
    """The trigger words as one span; the anchor alone when they lie far apart."""
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    if last - first > 3:
        first = last = anchor.i
    span = anchor.doc[first : last + 1]
    return TextSpan(span.text, span.start_char, span.end_char)


def confidence(draft: Draft) -> float:
    """How sure the reading is: a main-clause verb with both sides coded scores highest."""
    score = 0.9 if draft.noun is None else 0.75
    if draft.background:
        score -= 0.25
    if not draft.sources:
        score -= 0.15
    if not draft.targets:
        score -= 0.05
    if draft.weak:
        score -= 0.1
    if draft.wrapped:
        score += 0.05
    return round(max(MIN_CONFIDENCE, min(0.99, score)), 2)


def dedupe(events: list[Event]) -> list[Event]:
    """One event per type and trigger; the same type with the same parties is told once."""
    kept: list[Event] = []
    for event in sorted(events, key=lambda e: -e.confidence):
        if not any(_same(event, other) for other in kept):
            kept.append(event)
    return sorted(kept, key=lambda e: (e.trigger.start, e.type))


def _same(a: Event, b: Event) -> bool:
    if a.type != b.type:
        return False
    if a.trigger.start < b.trigger.end and b.trigger.start < a.trigger.end:
        return True
    recipients = _keys(a.recipients)
    return (
        bool(recipients)
        and _keys(a.actors) == _keys(b.actors)
        and recipients == _keys(b.recipients)
    )


def _keys(participants: tuple[Participant, ...]) -> set[str]:
    return {p.actor_id or p.country or p.text for p in participants}
