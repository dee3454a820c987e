"""How certain a statement is: hedges, boosters, conditionals, denials and negation.

``certainty(span)`` grades a statement ("certain", "probable", "possible", "doubtful",
"denied") from the cues of the lexicon ``kb/data/hedges.yaml`` (plus the user's own
``hedges*.yaml``) that bear on it, with the negations the dependency parse puts in front of them.
``sentence_is_hedged(span)`` is the yes/no question the evaluation asks of a whole sentence.

Which cues bear on a span: those that overlap it, and those outside it that govern it, so that
the content span of a report ("troops had crossed the border") is graded with the verb that
introduces it ("Moscow denied that ...", "sources suggested that ..."). Outside cues count when
they sit on the chain of heads above the span, or modify a token of the span or of that chain
(an adverb, an auxiliary, a prepositional phrase such as "according to sources", an adverbial
clause such as "if the talks fail").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypedDict, cast, get_args

from spacy.tokens import Span, Token
from spacy.util import filter_spans

from newsledger.errors import NewsledgerError
from newsledger.kb import kb_dirs, load_entries

Kind = Literal["hedge", "booster", "denial", "conditional", "attribution-hedge"]
Level = Literal["certain", "probable", "possible", "doubtful", "denied"]

KINDS: tuple[Kind, ...] = get_args(Kind)
# From most to least certain; the statement takes the least certain level among its cues.
LEVELS: tuple[Level, ...] = get_args(Level)
# Score of a statement at each level, and how far stacked cues ("may possibly") may lower it
# before the score would fall into the next level's band.
LEVEL_SCORES: dict[Level, tuple[float, float]] = {
    "certain": (0.9, 0.85),
    "probable": (0.75, 0.6),
    "possible": (0.5, 0.35),
    "doubtful": (0.25, 0.15),
    "denied": (0.05, 0.0),
}
BOOSTED_SCORE = 1.0
STACKED_CUE_PENALTY = 0.05
# The kinds that make a sentence uncertain, and the summed weight that does.
HEDGING_KINDS: frozenset[str] = frozenset({"hedge", "attribution-hedge"})
HEDGED_THRESHOLD = 1.0

# "a|b" choices in a phrase, with any spaces a wrapped YAML line leaves around the bar.
ALTERNATIVES = re.compile(r"\s*\|\s*")

# Negators beyond spaCy's ``neg`` label: determiners and adverbs that negate what they modify.
NEGATOR_WORDS = frozenset({"not", "n't", "never", "no", "without", "hardly", "scarcely", "barely"})
# A negation on the head of these counts for the cue too: "is not clear" puts "not" on "is".
RAISING_DEPS = frozenset({"acomp", "attr", "xcomp", "oprd", "auxpass", "aux", "ccomp", "amod"})
# How an outside token may hang from the span or its governing chain and still bear on it.
ATTACH_DEPS = frozenset(
    {"advmod", "aux", "auxpass", "neg", "prep", "npadvmod", "advcl", "mark", "nsubj", "nsubjpass"}
)
ATTACH_STEPS = 3
# Labels through which a statement hangs from the words that govern it.
CHAIN_DEPS = frozenset(
    {"ccomp", "xcomp", "csubj", "csubjpass", "pcomp", "pobj", "prep", "dobj", "attr", "oprd"}
) | {"acl"}  # "rejected claims that ...": the clause of a noun of report reaches its verb
# Labels of words whose phrase's role is their head's: modifiers of a noun, auxiliaries of a verb.
PHRASE_DEPS = frozenset(
    {"det", "amod", "nummod", "predet", "quantmod", "advmod", "poss", "aux", "auxpass", "neg"}
)


class Cue(TypedDict):
    """A word or phrase that bears on the certainty of a statement (character offsets)."""

    text: str
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Certainty:
    """How certain a statement is, and the evidence for it.

    ``level`` is the least certain level among the cues (``certain`` without any), ``score``
    a number in 0..1 that agrees with it, ``cues`` the words it rests on, ``negated`` whether
    the statement's own predicate is negated ("troops did not cross").
    """

    level: Level
    score: float
    cues: list[Cue]
    negated: bool

    def __str__(self) -> str:
        """The level alone, for callers that store a plain label."""
        return self.level


@dataclass(frozen=True)
class Shift:
    """What a cue becomes when it is negated ("did not confirm": a booster turned hedge)."""

    kind: Kind
    level: Level
    weight: float


@dataclass(frozen=True)
class CueRule:
    """One lexicon entry, with the constraints its matches must meet."""

    id: str
    kind: Kind
    level: Level
    weight: float
    pos: frozenset[str]
    dep: frozenset[str]
    role: frozenset[str]
    not_role: frozenset[str]
    not_before: frozenset[str]
    not_after: frozenset[str]
    if_negated: Shift | None
    patterns: tuple[tuple[str, ...], ...]
    lemma: bool
    order: int


@dataclass(frozen=True)
class Found:
    """A cue found in a document: token offsets, and its reading after negation."""

    rule: CueRule
    span: Span
    kind: Kind
    level: Level
    weight: float
    negated: bool

    def as_cue(self) -> Cue:
        return Cue(
            text=self.span.text,
            start=self.span.start_char,
            end=self.span.end_char,
            kind=self.kind,
        )


# ---------------------------------------------------------------------------------------------
# The lexicon


def _strings(entry: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(value).lower() for value in entry.get(key) or ())


def _choice(value: Any, allowed: tuple[str, ...], what: str, entry_id: str) -> str:
    if value not in allowed:
        raise NewsledgerError(
            f"hedges lexicon entry {entry_id!r}: {what} {value!r} is not one of {allowed}"
        )
    return str(value)


def _shift(entry: Mapping[str, Any], kind: Kind, level: Level, weight: float) -> Shift | None:
    """The reading of a negated cue: the entry's own ``if_negated``, else the kind's default."""
    value = entry.get("if_negated")
    entry_id = str(entry["id"])
    if value == "keep":
        return Shift(kind, level, weight)
    if value == "drop":
        return None
    if isinstance(value, Mapping):
        return Shift(
            cast(Kind, _choice(value.get("kind", kind), KINDS, "kind", entry_id)),
            cast(Level, _choice(value.get("level", level), LEVELS, "level", entry_id)),
            float(value.get("weight", 1.0)),
        )
    if value is not None:
        raise NewsledgerError(f"hedges lexicon entry {entry_id!r}: bad if_negated {value!r}")
    defaults: dict[str, Shift] = {
        "hedge": Shift("hedge", "doubtful", max(weight, 1.0)),
        "booster": Shift("hedge", "possible", 1.0),
        "denial": Shift("hedge", "probable", 1.0),
    }
    return defaults.get(kind, Shift(kind, level, weight))


def _words(phrase: str) -> tuple[str, ...]:
    """A phrase's words; spaces around ``|`` do not count, so a long list of choices may wrap
    onto the next line of the YAML file."""
    return tuple(ALTERNATIVES.sub("|", phrase.lower()).split())


def compile_rule(entry: Mapping[str, Any], order: int = 0) -> CueRule:
    """Check one YAML entry and turn it into a rule (``order``: its rank in the lexicon)."""
    if "id" not in entry or not entry.get("phrases"):
        raise NewsledgerError(f"hedges lexicon entry needs an id and phrases: {dict(entry)}")
    entry_id = str(entry["id"])
    kind = cast(Kind, _choice(entry.get("kind"), KINDS, "kind", entry_id))
    level = cast(Level, _choice(entry.get("level"), LEVELS, "level", entry_id))
    weight = float(entry.get("weight", 1.0))
    match = _choice(entry.get("match", "lower"), ("lower", "lemma"), "match", entry_id)
    return CueRule(
        id=entry_id,
        kind=kind,
        level=level,
        weight=weight,
        pos=frozenset(str(p).upper() for p in entry.get("pos") or ()),
        dep=frozenset(str(d) for d in entry.get("dep") or ()),
        role=frozenset(str(d) for d in entry.get("role") or ()),
        not_role=frozenset(str(d) for d in entry.get("not_role") or ()),
        not_before=_strings(entry, "not_before"),
        not_after=_strings(entry, "not_after"),
        if_negated=_shift(entry, kind, level, weight),
        patterns=tuple(_words(str(p)) for p in entry["phrases"]),
        lemma=match == "lemma",
        order=order,
    )


Slot = frozenset[str] | None
"""One word position of a phrase: the words it accepts, or None for an optional word."""

WILDCARD = "*"
NUMBER = "#num"


def _slots(phrase: tuple[str, ...], entry_id: str) -> tuple[Slot, ...]:
    """A phrase in the lexicon syntax as word positions: ``a|b``, ``*``, ``#num``."""
    if phrase[0] == WILDCARD:
        raise NewsledgerError(f"hedges lexicon entry {entry_id!r}: a phrase cannot start with *")
    return tuple(None if word == WILDCARD else frozenset(word.split("|")) for word in phrase)


def _form(token: Token, lemma: bool) -> str:
    return token.lemma_.lower() if lemma else token.lower_


def _fills(token: Token, slot: frozenset[str], lemma: bool) -> bool:
    return _form(token, lemma) in slot or (NUMBER in slot and token.like_num)


@dataclass(frozen=True)
class _Phrase:
    rule: CueRule
    slots: tuple[Slot, ...]


class Lexicon:
    """The certainty cues, indexed by the first word of each phrase.

    Matching looks up each token's word (and lemma) in the index and follows only the phrases
    that start there, which keeps a sentence to a few dictionary look-ups. ``plain`` drops every
    constraint (part of speech, context words, negation, weights): the word-list baseline the
    evaluation compares the rules with.
    """

    def __init__(self, rules: Iterable[CueRule], plain: bool = False) -> None:
        self.rules = tuple(rules)
        self.plain = plain
        self._index: dict[tuple[bool, str], list[_Phrase]] = {}
        for rule in self.rules:
            for phrase in rule.patterns:
                slots = _slots(phrase, rule.id)
                for word in slots[0] or ():
                    self._index.setdefault((rule.lemma, word), []).append(_Phrase(rule, slots))

    def _starting_at(self, token: Token) -> list[_Phrase]:
        keys = {(False, token.lower_), (True, token.lemma_.lower())}
        if token.like_num:
            keys |= {(False, NUMBER), (True, NUMBER)}
        return [phrase for key in keys for phrase in self._index.get(key, ())]

    def _matches(self, region: Span) -> Iterator[tuple[CueRule, Span]]:
        doc = region.doc
        for token in region:
            for phrase in self._starting_at(token):
                for end in _ends(region, token.i + 1, phrase.slots[1:], phrase.rule.lemma):
                    yield phrase.rule, doc[token.i : end]

    def find(self, region: Span) -> list[Found]:
        """Every cue in the region, negation applied.

        Where matches overlap the longest wins; for exactly the same words, the entry listed
        first in the lexicon.
        """
        rules: dict[tuple[int, int], CueRule] = {}
        for rule, cue in self._matches(region):
            key = (cue.start, cue.end)
            if (self.plain or _fits(rule, cue)) and (
                key not in rules or rule.order < rules[key].order
            ):
                rules[key] = rule
        candidates = [region.doc[start:end] for start, end in rules]
        kept = sorted(filter_spans(candidates), key=lambda s: s.start)
        return self._read(kept, rules)

    def _read(self, spans: list[Span], rules: dict[tuple[int, int], CueRule]) -> list[Found]:
        found: list[Found] = []
        used_negators: set[int] = set()
        for cue in spans:
            rule = rules[(cue.start, cue.end)]
            negator = None if self.plain else _negator(cue)
            if negator is None:
                found.append(Found(rule, cue, rule.kind, rule.level, rule.weight, False))
                continue
            used_negators.add(negator.i)
            if rule.if_negated is not None:
                shift = rule.if_negated
                found.append(Found(rule, cue, shift.kind, shift.level, shift.weight, True))
        # "never confirmed": the negator was read as negating the booster, not as a denial.
        return [f for f in found if not all(t.i in used_negators for t in f.span)]


def _ends(region: Span, i: int, slots: tuple[Slot, ...], lemma: bool) -> Iterator[int]:
    """Where a phrase that has matched up to token ``i`` can end (an optional word may or may
    not be there, so there can be two ends)."""
    if not slots:
        yield i
        return
    slot, rest = slots[0], slots[1:]
    if slot is None:
        yield from _ends(region, i, rest, lemma)
    if i < region.end and (slot is None or _fills(region.doc[i], slot, lemma)):
        yield from _ends(region, i + 1, rest, lemma)


def _fits(rule: CueRule, cue: Span) -> bool:
    """Whether a match meets its entry's part-of-speech, dependency and context constraints."""
    first = cue[0]
    doc = cue.doc
    if rule.pos and first.pos_ not in rule.pos:
        return False
    if rule.dep and first.dep_ not in rule.dep:
        return False
    if (rule.role or rule.not_role) and not _role_fits(rule, _role(first)):
        return False
    if cue.end < len(doc) and _listed(doc[cue.end], rule.not_before):
        return False
    return not (cue.start > 0 and _listed(doc[cue.start - 1], rule.not_after))


def _role_fits(rule: CueRule, role: str) -> bool:
    return (not rule.role or role in rule.role) and role not in rule.not_role


def _listed(token: Token, words: frozenset[str]) -> bool:
    """Whether the token is one of the words (``#num`` stands for any number)."""
    return token.lower_ in words or ("#num" in words and token.like_num)


def _role(token: Token) -> str:
    """The dependency label of the phrase a word belongs to ("some" in "some officials said"
    -> nsubj; "many" in "many of the delegates said" -> nsubj; "would" in "said it would"
    -> ccomp)."""
    if token.dep_ in PHRASE_DEPS and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i != token.i:
        token = token.head.head
    return str(token.dep_)


def _is_negator(token: Token) -> bool:
    return token.dep_ == "neg" or token.lower_ in NEGATOR_WORDS


def _negator(cue: Span) -> Token | None:
    """The negation that scopes over the cue, if any.

    English negation reaches rightwards, so only a negator before the cue's head word counts
    ("did not confirm", "is not likely"; not "may not attack" or "clearly did not"). It must hang
    from that head word, or from the word the head is a complement or auxiliary of.
    """
    root = cue.root
    heads = {root.i}
    if root.dep_ in RAISING_DEPS and root.head.i != root.i:
        heads.add(root.head.i)
    for i in heads:
        for child in cue.doc[i].children:
            if child.i < root.i and _is_negator(child) and child.sent == root.sent:
                return child
    return None


def _rules() -> tuple[CueRule, ...]:
    return tuple(compile_rule(entry, i) for i, entry in enumerate(load_entries("hedges")))


@lru_cache(maxsize=8)
def _lexicon(plain: bool, dirs: tuple[Path, ...]) -> Lexicon:
    return Lexicon(_rules(), plain)


def lexicon(plain: bool = False) -> Lexicon:
    """The compiled lexicon (cached; compiled again when the knowledge directories change)."""
    return _lexicon(plain, tuple(kb_dirs()))


# ---------------------------------------------------------------------------------------------
# Scope: which cues bear on a span


def _region(span: Span) -> Span:
    """The whole sentences the span lies in: cues outside the span may still govern it."""
    doc = span.doc
    if not doc.has_annotation("SENT_START"):
        return doc[:]
    last = doc[max(span.end - 1, span.start)]
    return doc[span[0].sent.start if len(span) else span.start : last.sent.end]


def _chain(span: Span) -> set[int]:
    """The heads above the span that govern it: the verb that reports it, and that verb's own
    governors while each is a complement ("officials said Moscow denied that ..."). The climb
    stops at a coordinated or loosely attached clause: in "Peskov denied the report, but
    officials said troops had crossed", "denied" does not govern "troops had crossed".
    """
    chain: set[int] = set()
    token = span.root
    while token.dep_ in CHAIN_DEPS and token.head.i != token.i:
        token = token.head
        if not span.start <= token.i < span.end:
            chain.add(token.i)
    return chain


def _bears_on(cue: Span, span: Span, chain: set[int]) -> bool:
    if cue.start < span.end and span.start < cue.end:
        return True
    token = cue.root
    for _ in range(ATTACH_STEPS):
        if token.i in chain:
            return True
        head = token.head
        inside = span.start <= head.i < span.end or head.i in chain
        if inside and token.dep_ in ATTACH_DEPS and head.i != token.i:
            return True
        if head.i == token.i:
            return False
        token = head
    return False


def cues_for(span: Span, plain: bool = False) -> list[Found]:
    """The cues that bear on the span, in text order."""
    if not len(span):
        return []
    region = _region(span)
    chain = _chain(span)
    found = lexicon(plain).find(region)
    return [f for f in found if _bears_on(f.span, span, chain)]


# ---------------------------------------------------------------------------------------------
# Grading


def _statement_negated(span: Span) -> bool:
    """Whether the span's own predicate is negated: "did not cross", "no troops crossed"."""
    if not len(span):
        return False
    root = span.root
    for child in root.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and _has_no(child):
            return True
    return False


def _has_no(token: Token) -> bool:
    if token.lower_ in ("nobody", "nothing", "none", "no-one"):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _grade(found: list[Found]) -> tuple[Level, float]:
    """The least certain level among the cues, and a score inside that level's band."""
    if not found:
        return "certain", LEVEL_SCORES["certain"][0]
    level = max((f.level for f in found), key=LEVELS.index)
    base, floor = LEVEL_SCORES[level]
    if level == "certain":
        return level, BOOSTED_SCORE
    stacked = sum(1 for f in found if f.level == level) - 1
    return level, round(max(floor, base - STACKED_CUE_PENALTY * stacked), 3)


def certainty(span: Span) -> Certainty:
    """How certain the statement in ``span`` is, with the cues it rests on."""
    found = cues_for(span)
    level, score = _grade(found)
    return Certainty(
        level=level,
        score=score,
        cues=[f.as_cue() for f in found],
        negated=_statement_negated(span),
    )


def hedge_weight(found: Iterable[Found]) -> float:
    """The summed weight of the hedging cues (hedges and attribution hedges)."""
    return sum(f.weight for f in found if f.kind in HEDGING_KINDS)


def sentence_is_hedged(span: Span) -> bool:
    """Whether a sentence is uncertain: its hedging cues weigh at least ``HEDGED_THRESHOLD``."""
    return hedge_weight(cues_for(span)) >= HEDGED_THRESHOLD
