"""PLOVER's auxiliary markers, the event's time and its place, read from the parse.

- negated: a negation on the event's verbs ("did not attack", "never met"), "no" on an event
  noun ("no talks"), an event noun after "without";
- hypothetical: would/could/might/may/should, an "if"/"unless" clause in or on the event's
  clause, a proposal; "would" in
  the complement of a past reporting verb is a future seen from the past ("Israel announced it
  would free"), so it marks future, not hypothetical;
- future: will/shall/'ll, "going to", "is to", scheduled ("is set to"), a time after the
  publication date, "upcoming"/"next" on an event noun;
- historical: a time named in the event's clause that is a year (or decade) before the
  publication year, or that ended more than a year before publication ("in 2022", "last year",
  "in the 1990s").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from newsledger.events.lexicon import Lexicon
from newsledger.events.model import TextSpan
from newsledger.events.triggers import lemma_in
from newsledger.records import TimeRef

NEGATIONS = frozenset({"not", "n't", "never", "no"})
CONDITIONS = frozenset({"if", "unless", "whether"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "over"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
YEAR = re.compile(r"^(\d{3,4})")
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
LONG_AGO = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class Markers:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    committed: bool = False  # will/shall/going to, or "would" reported: a stated intention


def read_markers(verbs: Sequence[Token], noun: Token | None, lex: Lexicon) -> Markers:
    """Markers of an event whose clause is headed by ``verbs`` (innermost first)."""
    negated = any(negated_verb(v) for v in verbs)
    hypothetical = any(_conditional(v) or has_condition(v) for v in verbs[:1])
    future = committed = False
    for verb in verbs:
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxes & lex.future_verbs or _going_to(verb):
            future = committed = True
        if "would" in auxes and _reported_past(verb, lex):
            future = committed = True
        elif auxes & lex.hypothetical_verbs:
            hypothetical = True
            committed = committed or "would" in auxes
    if noun is not None:
        negated = negated or _negated_noun(noun)
        future = future or any(c.lemma_.lower() in lex.future_words for c in noun.lefts)
    return Markers(negated, hypothetical, future, committed)


def negated_verb(verb: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in verb.children
    )


def _negated_noun(noun: Token) -> bool:
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "without"


def _conditional(verb: Token) -> bool:
    """The verb sits in an "if"/"unless" clause."""
    token: Token = verb
    for _ in range(6):
        if token.dep_ == "advcl" and any(
            c.lower_ in CONDITIONS for c in token.children if c.dep_ == "mark"
        ):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def has_condition(verb: Token) -> bool:
    """The verb's clause carries an "if"/"unless" condition ("will withdraw unless...")."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
        for c in verb.children
    )


def _going_to(verb: Token) -> bool:
    """ "is going to strike": the verb is the xcomp of a progressive "go"."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"


def _reported_past(verb: Token, lex: Lexicon) -> bool:
    token = verb
    while token.dep_ in ("ccomp", "conj", "xcomp") and token.head.i != token.i:
        token = token.head
        if lemma_in(token, lex.reporting) and token.tag_ in ("VBD", "VBN"):
            return True
    return False


def attach_times(doc: Doc, times: Iterable[TimeRef]) -> dict[int, list[TimeRef]]:
    """The times of a document by the token they attach to (their verb or event noun)."""
    attached: dict[int, list[TimeRef]] = {}
    for ref in times:
        span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None:
            continue
        holder = _holder(span.root)
        attached.setdefault(holder.i, []).append(ref)
    return attached


def _holder(token: Token) -> Token:
    """The nearest verb or noun above a time expression's head ("talks on Sunday": talks)."""
    node = token.head
    while node.i != node.head.i and node.pos_ not in ("VERB", "NOUN", "PROPN"):
        node = node.head
    return node


def time_for(anchors: Sequence[Token], attached: dict[int, list[TimeRef]]) -> TimeRef | None:
    for anchor in anchors:
        for ref in attached.get(anchor.i, []):
            if ref.value and ref.granularity != "unknown" and ref.kind != "duration":
                return ref
    return None


def is_historical(ref: TimeRef, published: date | None) -> bool:
    if published is None or not ref.value:
        return False
    match = YEAR.match(ref.value)
    if ref.granularity in ("year", "decade", "century") and match:
        digits = match.group(1)
        year = int(digits) * (10 if len(digits) == 3 else 1)
        return year < published.year
    last = _last_day(ref.value)
    return last is not None and published - last > LONG_AGO


def is_ahead(ref: TimeRef, published: date | None) -> bool:
    if published is None or not ref.value:
        return False
    first = _first_day(ref.value)
    return first is not None and first > published


def _first_day(value: str) -> date | None:
    match = DAY.search(value)
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def _last_day(value: str) -> date | None:
    matches = list(DAY.finditer(value))
    if not matches:
        return None
    last = matches[-1]
    return date(int(last.group(1)), int(last.group(2)), int(last.group(3)))


def place_of(anchors: Sequence[Token], taken: set[tuple[int, int]]) -> TextSpan | None:
    """A place named by a locative phrase on the event's words ("talks in Abu Dhabi"), unless
    the phrase already names a participant ("fired at Ukraine")."""
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                span = _place_span(pobj)
                if span is not None and (span.start_char, span.end_char) not in taken:
                    return TextSpan(span.text, span.start_char, span.end_char)
    return None


def _place_span(token: Token) -> Span | None:
    """The place entity a locative object is or names ("Kirkuk", "the city of Kirkuk",
    "Montenegro province")."""
    for candidate in (token, *(c for c in token.lefts if c.dep_ == "compound")):
        for ent in token.doc.ents:
            if ent.start <= candidate.i < ent.end and ent.label_ in PLACE_LABELS:
                return ent
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                found = _place_span(pobj)
                if found is not None:
                    return found
    return None
