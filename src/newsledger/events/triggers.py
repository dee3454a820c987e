"""Trigger candidates of a sentence: the words of the lexicon, read in their syntax.

A candidate is a word (with its particle or compound: "pull out", "air strike") that either
names an event itself (a ``rule`` applies) or governs another event (a wrapper ``role``:
"agreed to", "threatened to", "refused"), or both ("rejected the plan" is an event alone,
"rejected a demand to withdraw" wraps the demand).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsledger.events.lexicon import ACTOR, ANY, PLACE, Lexicon, Phrase, Rule
from newsledger.events.syntax import is_passive, is_verb, passive_subjects, words

OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "iobj"})
# Prepositions that say where or when, not what is acted on ("surrendered in the town").
CIRCUMSTANCE = words(
    "in during after before since until near inside outside around throughout despite amid "
    "over within across by"
)
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# Role words that only govern with a clause after them ("want to", not "want peace").
CLAUSE_ONLY = frozenset({"aspect", "schedule", "prepare", "fail", "propose", "appeal"})

Predicate = Callable[[Token], bool]
# Past forms the small lemmatizer sometimes leaves alone.
IRREGULAR: dict[str, str] = dict(
    pair.split("=")
    for pair in words(
        "sworn=swear swore=swear fought=fight struck=strike stricken=strike shot=shoot "
        "sent=send met=meet held=hold sought=seek withdrew=withdraw withdrawn=withdraw "
        "overran=overrun undertook=undertake beaten=beat frozen=freeze froze=freeze "
        "given=give gave=give taken=take took=take forbade=forbid forbidden=forbid "
        "spoke=speak spoken=speak began=begin begun=begin flew=fly flown=fly broke=break "
        "broken=break led=lead laid=lay slain=slay slew=slay bombed=bomb blew=blow blown=blow "
        "hit=hit fled=flee sank=sink sunk=sink stole=steal stolen=steal bought=buy"
    )
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger word: the event it names on its own and the role it plays over others."""

    anchor: Token
    tokens: tuple[Token, ...]
    rule: Rule | None
    role: str | None
    kind: str  # verb | noun | phrase | adjective


def find_candidates(
    sent: Span, lex: Lexicon, is_actor: Predicate, is_place: Predicate
) -> dict[int, Candidate]:
    """Candidates of one sentence, by the token index of their anchor word."""
    found: dict[int, Candidate] = {}
    used: set[int] = set()
    for candidate in _phrases(sent, lex.phrases):
        found[candidate.anchor.i] = candidate
        used.update(t.i for t in candidate.tokens)
    for token in sent:
        if token.i in used:
            continue
        word = _word(token, lex, is_actor, is_place)
        if word is not None:
            found[token.i] = word
    return found


def _word(token: Token, lex: Lexicon, is_actor: Predicate, is_place: Predicate) -> Candidate | None:
    if is_verb(token):
        return _verb(token, lex, is_actor, is_place)
    if token.pos_ in ("NOUN", "PROPN"):
        if token.dep_ == "compound" and is_actor(token.head):
            return None  # "riot police", "protest leaders": the noun only describes an actor
        return _noun(token, lex)
    if token.pos_ == "ADJ" or token.tag_ == "VBN":
        return _adjective(token, lex)
    return None


def lemmas(token: Token) -> list[str]:
    """The token's lemma, then forms the small model's lemmatizer sometimes misses
    ("staged" -> "stag" but also "stage"; "shelled" -> "shell")."""
    text = token.lower_
    found = [token.lemma_.lower(), IRREGULAR.get(text, text)]
    if token.tag_ in ("VBD", "VBN") and text.endswith("ed"):
        found += [text[:-1], text[:-2]]
        if len(text) > 4 and text[-3] == text[-4]:
            found.append(text[:-3])
        if text.endswith("ied"):
            found.append(text[:-3] + "y")
    elif token.tag_ == "VBG" and text.endswith("ing"):
        found += [text[:-3], text[:-3] + "e"]
    elif token.tag_ == "VBZ" and text.endswith("s"):
        found += [text[:-1], text[:-2]]
    found.append(text)
    if len(text) > 6 and text.startswith("re"):  # "reimposed", "redeployed"
        found += [form[2:] for form in list(found) if form.startswith("re")]
    return list(dict.fromkeys(found))


def lemma_in(token: Token, words: Mapping[str, object] | frozenset[str]) -> str | None:
    """The first of the token's lemmas that the word list has."""
    return next((form for form in lemmas(token) if form in words), None)


def _verb(token: Token, lex: Lexicon, is_actor: Predicate, is_place: Predicate) -> Candidate | None:
    base = lemma_in(token, lex.verbs) or lemma_in(token, lex.wrappers) or token.lemma_.lower()
    keys = [*_phrasal_keys(token, base), base]
    if base not in lex.schedule_adjectives and not any(
        k in lex.verbs or k in lex.wrappers for k in keys
    ):
        return None  # no rule or role can apply: spare the argument search
    objects = object_words(token, is_actor, is_place)
    subjects = subject_words(token, is_actor)
    rule, key = _first_rule(keys, lex.verbs, objects, subjects)
    role = next((lex.wrappers[k] for k in keys if k in lex.wrappers), None)
    if role in CLAUSE_ONLY and not clause_complements(token):
        role = None
    if role is None and base in lex.schedule_adjectives and is_passive(token):
        role = "schedule"
    if rule is None and role is None:
        return None
    tokens = _key_tokens(token, key)
    return Candidate(token, tokens, rule, role, "verb")


def _phrasal_keys(token: Token, lemma: str) -> list[str]:
    keys = [f"{lemma} {c.lemma_.lower()}" for c in token.children if c.dep_ == "prt"]
    keys += [f"{lemma} {c.lemma_.lower()}" for c in token.children if c.dep_ == "prep"]
    keys += [f"{lemma} {c.lemma_.lower()}" for c in token.children if c.dep_ == "dobj"]
    return keys


def _key_tokens(token: Token, key: str | None) -> tuple[Token, ...]:
    """The trigger words: the verb and the particle or preposition its rule names."""
    if key is None or " " not in key:
        return (token,)
    second = key.split(" ", 1)[1]
    extra = [c for c in token.children if c.lemma_.lower() == second and c.dep_ in ("prt", "prep")]
    return (token, *extra[:1])


def _first_rule(
    keys: Iterable[str],
    table: Mapping[str, tuple[Rule, ...]],
    objects: frozenset[str],
    subjects: frozenset[str],
) -> tuple[Rule | None, str | None]:
    for key in keys:
        for rule in table.get(key, ()):
            if applies(rule, objects, subjects):
                return rule, key
    return None, None


def applies(rule: Rule, objects: frozenset[str], subjects: frozenset[str]) -> bool:
    """Whether a rule's conditions on the object and subject hold."""
    if rule.objects and not rule.objects & objects:
        return False
    if rule.unless & objects:
        return False
    return not rule.subjects or bool(rule.subjects & subjects)


def object_heads(verb: Token) -> list[Token]:
    """The heads of what a verb acts on: objects, a passive subject, prepositional objects."""
    heads = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if is_passive(verb):
        heads += passive_subjects(verb)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ not in CIRCUMSTANCE):
        heads += [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    clauses = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    heads += clauses
    heads += [
        s for c in clauses for s in c.children if c.dep_ == "ccomp" and s.dep_ == "nsubj"
    ]  # "allow X to"
    heads += [c for h in heads for c in h.conjuncts]
    # "700 kg of medicine", "part of a programme": the measured thing is the object
    return heads + [
        o
        for h in heads
        for p in h.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]


def object_words(verb: Token, is_actor: Predicate, is_place: Predicate) -> frozenset[str]:
    """Lemmas of the objects and their modifiers, the prepositions, and @actor/@place/@any."""
    heads = object_heads(verb)
    words = {h.lemma_.lower() for h in heads}
    words |= {c.lemma_.lower() for h in heads for c in h.children if c.dep_ in MODIFIER_DEPS}
    words |= {
        c.lemma_.lower() for c in verb.children if c.dep_ == "prep" and c.lower_ not in CIRCUMSTANCE
    }
    nouns = [h for h in heads if h.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
    if any(is_actor(h) for h in nouns):
        words.add(ACTOR)
    if any(is_place(h) for h in nouns):
        words.add(PLACE)
    if heads:
        words.add(ANY)
    return frozenset(words)


def subject_words(verb: Token, is_actor: Predicate) -> frozenset[str]:
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    words = {h.lemma_.lower() for h in heads}
    if any(is_actor(h) for h in heads):
        words.add(ACTOR)
    return frozenset(words)


def clause_complements(token: Token) -> list[Token]:
    """Verbs a word governs as its complement clause: "agreed to meet", "ready to talk"."""
    found = [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and is_verb(c)]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lemma_ == "to"):
        found += [c for c in prep.children if c.dep_ == "pcomp" and is_verb(c)]
    return found


def _noun(token: Token, lex: Lexicon) -> Candidate | None:
    for key, extra in _noun_keys(token):
        rules = lex.nouns.get(key)
        if rules:
            tokens = tuple(sorted((token, *extra), key=lambda t: t.i))
            return Candidate(token, tokens, rules[0], None, "noun")
    return None


def _noun_keys(token: Token) -> list[tuple[str, tuple[Token, ...]]]:
    """Two-word names first ("air strike", "state of emergency", "cease-fire"), then the word."""
    lemma = token.lemma_.lower()
    keys: list[tuple[str, tuple[Token, ...]]] = []
    for left in token.lefts:
        if left.dep_ in ("compound", "amod", "nmod"):
            keys.append((f"{left.lemma_.lower()} {lemma}", (left,)))
            keys.append((f"{left.text.lower()} {lemma}", (left,)))
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-":
        before = doc[token.i - 2]
        keys.append((f"{before.lemma_.lower()}-{lemma}", (before, doc[token.i - 1])))
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lemma_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            keys.append((f"{lemma} of {pobj.lemma_.lower()}", (prep, pobj)))
    keys.append((lemma, ()))
    return keys


def _adjective(token: Token, lex: Lexicon) -> Candidate | None:
    """ "ready to meet", "unwilling to withdraw", "scheduled to attend"."""
    lemma = token.lemma_.lower()
    if not clause_complements(token):
        return None
    if lemma in lex.schedule_adjectives:
        return Candidate(token, (token,), None, "schedule", "adjective")
    if lemma in lex.intent_adjectives:
        return Candidate(token, (token,), None, "intent", "adjective")
    if lemma in lex.refusal_adjectives:
        return Candidate(token, (token,), None, "refuse", "adjective")
    return None


def _phrases(sent: Span, phrases: tuple[Phrase, ...]) -> list[Candidate]:
    lemmas = [t.lemma_.lower() for t in sent]
    found = []
    for phrase in phrases:
        size = len(phrase.words)
        for offset in range(len(lemmas) - size + 1):
            if tuple(lemmas[offset : offset + size]) == phrase.words:
                words = sent[offset : offset + size]
                anchor = next((t for t in words if is_verb(t)), None)
                if anchor is None:  # "remained on alert": the phrase hangs from its verb
                    root = words.root
                    anchor = root.head if is_verb(root.head) else root
                found.append(Candidate(anchor, tuple(words), phrase.rule, None, "phrase"))
    return found
