"""Tense: which way a weekday or a date without a year points."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from newsledger.resolve.times.context import NEAREST

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
