"""The normalised values of a sentence: quantities, counts, ordinals, dates, durations, roles.

Money, percentages, measures and durations come from ``numbers.find_quantities`` over the
sentence text; counts ("eight people", "20,000 children") and ordinals ("the second round")
from the parse (a number that modifies a noun); dates and the durations the regular expressions
missed from the time layer; roles from titles next to a person's name ("Foreign Minister
Sergei Lavrov", "Kirill Dmitriev, the Kremlin's special envoy", "Umerov is Ukraine's chief
negotiator"), matched to the knowledge base's offices where it knows the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Span, Token

from newsledger.claims.lexicon import ClaimLexicon
from newsledger.claims.model import ClaimValue
from newsledger.claims.numbers import (
    ONES,
    QUALIFIERS,
    SCALES,
    find_quantities,
    ordinal_value,
    parse_number,
    tidy,
)
from newsledger.kb.actors import ActorKB
from newsledger.kb.names import name_key, strip_possessive
from newsledger.records import ActorMention, TimeRef

# Entities whose numbers are not counts (years, clock times) or are read by the patterns.
NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "advmod"})
TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART"})
TITLE_WINDOW = 6
ISO_DURATION = re.compile(r"P(T?)(\d+(?:\.\d+)?)([YMWDHS])")
ISO_UNITS = {
    ("", "Y"): "year", ("", "M"): "month", ("", "W"): "week", ("", "D"): "day",
    ("T", "H"): "hour", ("T", "M"): "minute", ("T", "S"): "second",
}  # fmt: skip
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|\s)(" + "|".join(q.replace(" ", r"\s+") for q in QUALIFIERS) + r")\s+$", re.I
)


def sentence_values(
    sent: Span,
    times: Sequence[TimeRef],
    actors: Sequence[ActorMention],
    lexicon: ClaimLexicon,
    kb: ActorKB,
) -> list[ClaimValue]:
    """Every value of the sentence, in text order, no two overlapping."""
    start = sent.start_char
    found = [
        ClaimValue(q.kind, q.text, q.start, q.end, q.value, q.unit, q.qualifier)
        for q in find_quantities(sent.text, start)
    ]
    found += _time_values(sent, times)
    found += _counts(sent)
    found += _ordinals(sent)
    found += _roles(sent, actors, lexicon, kb)
    return _without_overlaps(found)


def _without_overlaps(values: Iterable[ClaimValue]) -> list[ClaimValue]:
    kept: list[ClaimValue] = []
    for value in values:  # earlier kinds win: patterns, times, counts, ordinals, roles
        if not any(value.start < k.end and k.start < value.end for k in kept):
            kept.append(value)
    return sorted(kept, key=lambda v: v.start)


# ---------------------------------------------------------------------------------------------
# Times


def _time_values(sent: Span, times: Sequence[TimeRef]) -> list[ClaimValue]:
    values: list[ClaimValue] = []
    for ref in times:
        if not (sent.start_char <= ref.start < sent.end_char) or ref.value is None:
            continue
        if ref.kind == "duration":
            duration = iso_duration(ref.value)
            if duration is not None:
                values.append(ClaimValue("duration", ref.text, ref.start, ref.end, *duration))
        elif ref.kind in ("point", "interval"):
            values.append(ClaimValue("date", ref.text, ref.start, ref.end, ref.value))
    return values


def iso_duration(value: str) -> tuple[float | int, str] | None:
    """(3, "hour") for "PT3H"; None for durations of several parts or none."""
    match = ISO_DURATION.fullmatch(value)
    if match is None:
        return None
    unit = ISO_UNITS.get((match.group(1), match.group(3)))
    return (tidy(float(match.group(2))), unit) if unit else None


# ---------------------------------------------------------------------------------------------
# Counts and ordinals


def _is_number_word(token: Token) -> bool:
    word = token.lower_
    return token.like_num or word in ONES or word in SCALES or word in ("dozen", "hundred")


def _number_run(token: Token) -> tuple[int, int]:
    """The token range of the whole number a number token belongs to ("1.5 million")."""
    doc = token.doc
    start = end = token.i
    while start > token.sent.start and (
        _is_number_word(doc[start - 1])
        or (doc[start - 1].lower_ in ("-", "and") and start - 2 >= 0 and
            _is_number_word(doc[start - 2]))
    ):  # fmt: skip
        start -= 1
    while end + 1 < token.sent.end and _is_number_word(doc[end + 1]):
        end += 1
    return start, end + 1


def _counts(sent: Span) -> list[ClaimValue]:
    values: list[ClaimValue] = []
    seen: set[int] = set()
    for token in sent:
        if token.i in seen or not _is_number_word(token) or token.ent_type_ in NOT_COUNTS:
            continue
        start, end = _number_run(token)
        seen.update(range(start, end))
        head = sent.doc[end - 1].head
        if head.pos_ not in ("NOUN", "PROPN") or not (end <= head.i <= end + 3):
            continue
        if sent.doc[end - 1].dep_ not in NUMBER_DEPS or head.ent_type_ in NOT_COUNTS:
            continue
        number = parse_number(sent.doc[start:end].text)
        if number is None:
            continue
        values.append(_with_qualifier(sent, start, head.i + 1, number, "count", _unit(head)))
    return values


def _unit(noun: Token) -> str:
    lemma = noun.lemma_.lower()
    return "people" if lemma in ("person", "people") else lemma


def _with_qualifier(
    sent: Span, start: int, end: int, value: float | int, kind: str, unit: str
) -> ClaimValue:
    doc = sent.doc
    begin = doc[start].idx
    before = doc.text[sent.start_char : begin]
    match = _QUALIFIER_BEFORE.search(before)
    qualifier = None
    if match:
        qualifier = re.sub(r"\s+", " ", match.group(1).lower())
        begin = sent.start_char + match.start(1)
    finish = doc[end - 1].idx + len(doc[end - 1].text)
    return ClaimValue(kind, doc.text[begin:finish], begin, finish, value, unit, qualifier)


def _ordinals(sent: Span) -> list[ClaimValue]:
    values: list[ClaimValue] = []
    for token in sent:
        number = ordinal_value(token.lower_)
        head = token.head
        if number is None or token.dep_ != "amod" or head.pos_ != "NOUN" or head.i < token.i:
            continue
        if head.i - token.i > 3:
            continue
        end = head.idx + len(head.text)
        text = sent.doc.text[token.idx : end]
        values.append(ClaimValue("ordinal", text, token.idx, end, number, _unit(head)))
    return values


# ---------------------------------------------------------------------------------------------
# Roles


def _roles(
    sent: Span, actors: Sequence[ActorMention], lexicon: ClaimLexicon, kb: ActorKB
) -> list[ClaimValue]:
    doc = sent.doc
    values: list[ClaimValue] = []
    for actor in actors:
        if not (sent.start_char <= actor.start < sent.end_char) or actor.kind not in (
            "person",
            None,
        ):
            continue
        name = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if name is None or (actor.kind is None and name.root.ent_type_ != "PERSON"):
            continue
        title = _title_before(name, lexicon) or _title_beside(name, lexicon)
        if title is not None:
            values.append(_role_value(title, actor, kb))
    return values


def _ends_with_title(words: list[Token], lexicon: ClaimLexicon) -> bool:
    lowered = [w.lower_ for w in words]
    return any(lexicon.is_title(" ".join(lowered[-n:])) for n in (1, 2, 3) if len(lowered) >= n)


def _title_before(name: Span, lexicon: ClaimLexicon) -> Span | None:
    """ "Foreign Minister" in "Foreign Minister Sergei Lavrov"."""
    doc = name.doc
    start = name.start
    while (
        start > name.sent.start
        and name.start - start < TITLE_WINDOW
        and (doc[start - 1].pos_ in TITLE_POS or doc[start - 1].lower_ in ("'s", "’s"))
        and doc[start - 1].ent_type_ not in ("PERSON", "DATE", "CARDINAL")
    ):
        start -= 1
    if start == name.start or not _ends_with_title(list(doc[start : name.start]), lexicon):
        return None
    return doc[start : name.start]


def _title_beside(name: Span, lexicon: ClaimLexicon) -> Span | None:
    """The title in an apposition or after "is": "Dmitriev, the Kremlin's special envoy"."""
    root = name.root
    candidates = [c for c in root.children if c.dep_ == "appos" and c.i >= name.end]
    if root.dep_ == "appos" and root.head.i < name.start:
        candidates.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        candidates += [c for c in root.head.children if c.dep_ == "attr"]
    for noun in candidates:
        words = [t for t in noun.doc[noun.left_edge.i : noun.i + 1] if t.dep_ != "det"]
        words = [t for t in words if not (name.start <= t.i < name.end) and not t.is_punct]
        if noun.pos_ == "NOUN" and words and _ends_with_title(words, lexicon):
            return noun.doc[words[0].i : noun.i + 1]
    return None


def _role_value(title: Span, actor: ActorMention, kb: ActorKB) -> ClaimValue:
    """The role, spanning the title and the name; the office where the knowledge base has it."""
    key = strip_possessive(name_key(title.text))
    office = _office(key, actor, kb)
    value = kb.offices[office].title if office else " ".join(key.split())
    start, end = min(title.start_char, actor.start), max(title.end_char, actor.end)
    text = title.doc.text[start:end]
    return ClaimValue("role", text, start, end, value, actor_id=actor.actor_id, role=office)


def _office(key: str, actor: ActorMention, kb: ActorKB) -> str | None:
    """The office a title names: one the person held whose cue is the title or ends with it
    ("foreign minister" in "russian foreign minister"), else any office with that cue."""
    person = kb.actors.get(actor.actor_id) if actor.actor_id else None
    held = {r.office for r in person.roles} if person is not None else set()
    exact = sorted(kb.cues.get(key, ()))
    for office in exact:
        if office in held:
            return office
    if held:
        for cue, offices in kb.cues.items():
            if cue.endswith(" " + key) and offices & held:
                return sorted(offices & held)[0]
    return exact[0] if exact else None
