"""Dependency-parse helpers the event coder reads sentences with (spaCy English labels)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token


def words(text: str) -> frozenset[str]:
    """A word list written as one string: ``words("a b c")``."""
    return frozenset(text.split())


VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
# Passives that describe a state rather than something done by someone ("were engaged in",
# "is opposed to"): their grammatical subject is the actor.
STATIVE = frozenset({"engage", "involve", "oppose"})
# Quantity and group words whose "of" phrase names the people: "thousands of students".
QUANTITY = words(
    "group member thousand hundred dozen million ten some many number band crowd score "
    "handful majority part most all one two few several lot batch contingent unit"
)


def is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.tag_ in VERB_TAGS and token.pos_ != "AUX")


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [c for c in token.children if c.dep_ in wanted]


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the token's prepositions in ``preps`` ("talks with X": X)."""
    wanted = set(preps)
    return [
        o
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in wanted
        for o in children(p, ("pobj",))
    ]


def passive_subjects(verb: Token) -> list[Token]:
    """What a passive verb acts on: its own subject, or the one it shares with the verb it is
    coordinated with ("civilians ... were released")."""
    own = children(verb, ("nsubjpass",))
    if own or verb.dep_ != "conj":
        return own
    return children(verb.head, ("nsubj", "nsubjpass"))


def has_aux(verb: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words for c in verb.children)


def subject_heads(verb: Token) -> list[Token]:
    """Who does what a verb says: its subject, a passive's agent, or the controller of an
    infinitive, a coordinated verb or a participle."""
    heads = [c for c in children(verb, ("nsubj", "csubj")) if c.lower_ != "there"]
    if verb.lemma_.lower() in STATIVE:
        heads += children(verb, ("nsubjpass",))
    elif is_passive(verb):
        heads = [p for a in children(verb, ("agent",)) for p in children(a, ("pobj",))]
    if heads or verb.head.i == verb.i:
        return heads
    return _inherited_subject(verb)


def _inherited_subject(verb: Token) -> list[Token]:
    head = verb.head
    if verb.dep_ == "xcomp" and is_passive(head):
        return passive_subjects(head)  # "Obama is scheduled to attend", "was forced to"
    if verb.dep_ == "xcomp":
        controller = children(head, ("dobj", "dative"))
        return controller if controller and head.lemma_ != "promise" else subject_heads(head)
    if verb.dep_ == "conj" and is_passive(head):
        return children(head, ("nsubjpass",))  # "was indicted ... and will resign"
    if verb.dep_ in ("conj", "advcl", "acomp") and (is_verb(head) or head.pos_ == "AUX"):
        return subject_heads(head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [head]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [p for a in children(verb, ("agent",)) for p in children(a, ("pobj",))]
    if verb.dep_ == "pcomp" and head.head.i != head.i:
        governor = head.head
        return children(governor, ("dobj",)) or subject_heads(governor)
    if verb.dep_ == "relcl":
        return [head]
    return []


def explicit_subject(verb: Token, heads: list[Token], pronouns: frozenset[str]) -> bool:
    """The verb names its own actor (its subject, or the object that controls it: "pressed
    Kyiv to cede") rather than inheriting one."""
    return any(
        (h.head.i == verb.i or h.dep_ in ("dobj", "dative")) and h.lower_ not in pronouns
        for h in heads
    )


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun trigger hangs from through its object or subject ("held talks")."""
    token = noun
    while token.dep_ in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "compound", "oprd"):
        token = token.head
        if is_verb(token) or token.pos_ == "AUX":
            return token
    return None


def carrier(noun: Token) -> Token:
    """The noun in the verb's object slot for an event noun inside it: "a package of
    sanctions", "a wave of strikes", "a round of talks"."""
    token = noun
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        token = token.head.head
    return token


def buried(noun: Token) -> bool:
    """An event noun inside a prepositional phrase ("appreciation for China's assistance")."""
    token = noun
    while token.dep_ in ("compound", "conj", "appos") and token.head.i != token.i:
        token = token.head
    return carrier(token).dep_ == "pobj"


def subordinate(anchor: Token) -> bool:
    """The word sits in a relative, adverbial or appositive clause."""
    token = anchor
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "acl", "advcl", "appos"):
            return True
        token = token.head
    return False


def condition_subjects(verb: Token, marks: frozenset[str]) -> list[Token]:
    """Subjects of the "if"/"unless" clauses on a verb ("unless Israel rescinded": Israel)."""
    found = []
    for clause in children(verb, ("advcl",)):
        if any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
            found += children(clause, ("nsubj", "nsubjpass"))
    return found


def quantity_head(head: Token) -> Token:
    """The people a quantity phrase counts: "tens of thousands of students" -> students."""
    token = head
    for _ in range(4):
        if token.lemma_.lower() not in QUANTITY and token.pos_ != "NUM":
            return token
        inner = prep_objects(token, ("of",))
        if not inner:
            return token
        token = inner[0]
    return token
