"""Attributions cued by a noun: "his claim that ...", "Trump's support for the wall"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsledger.attribution.draft import Draft, clean, np_range, subtree_tokens, tokens_to_chars
from newsledger.attribution.lexicon import Lexicon
from newsledger.attribution.subjects import subject_of

# Prepositions introducing what a position is on: "support for", "attacks on".
POSITION_PREPOSITIONS = frozenset({"for", "of", "on", "about", "to", "against", "over"})
# Whose claim: "the claim by the ministry", "criticism from Democrats".
SOURCE_PREPOSITIONS = frozenset({"by", "from"})


def noun_drafts(doc: Doc, text: str, lex: Lexicon) -> list[Draft]:
    """A noun of saying with a "that" clause ("the warning that ..."), the object of a light
    verb ("raised concerns about ...") and a noun of a position with its object and its holder
    ("Trump's support for the wall")."""
    drafts = [_noun_draft(text, token, lex) for token in doc if token.pos_ == "NOUN"]
    return [d for d in drafts if d is not None]


def _noun_draft(text: str, noun: Token, lex: Lexicon) -> Draft | None:
    lemma = noun.lemma_.lower()
    says = lemma in lex.words["cue_noun"]
    position = lemma in lex.words["stance_noun"] or noun.lower_ in lex.words["stance_noun"]
    found = _that_draft(text, noun) if says else None
    if found is None and (says or position) and _light(noun, lex):
        found = _light_draft(text, noun)
    if found is None and position:
        found = _position_draft(text, noun)
    return found


def _light(noun: Token, lex: Lexicon) -> bool:
    """The noun is the object of a light verb: "raised concerns", "made the case"."""
    verb = noun.head
    return noun.dep_ == "dobj" and verb.lemma_.lower() in lex.words["light_verb"]


def _light_draft(text: str, noun: Token) -> Draft | None:
    """ "Trump raised concerns about the deal", "He made the case that ...": the verb's
    subject says the noun's clause or object."""
    verb = noun.head
    source, head = subject_of(verb)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and _that(c)), None)
    topic = clause or _position_object(noun) or _position_object(verb)
    if topic is None:
        return None
    content = clean(text, [tokens_to_chars(subtree_tokens(topic))])
    return Draft([verb.i, noun.i], content, source, head, "noun") if content else None


def _position_object(token: Token) -> Token | None:
    """What a position is on: "concerns about the deal", not "a statement on Sunday"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in POSITION_PREPOSITIONS:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                return pobj
    return None


def _that_draft(text: str, noun: Token) -> Draft | None:
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and _that(c)), None)
    if clause is None:
        return None
    content = clean(text, [tokens_to_chars(subtree_tokens(clause))])
    source, head = _holder(noun)
    return Draft([noun.i], content, source, head, "noun") if content else None


def _that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _position_draft(text: str, noun: Token) -> Draft | None:
    """Only with a holder: "support for the wall" alone says nothing of who supports it."""
    source, head = _holder(noun)
    if source is None:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in POSITION_PREPOSITIONS:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and not _inside(head, pobj):
                content = clean(text, [tokens_to_chars(subtree_tokens(pobj))])
                if content:
                    return Draft([noun.i, child.i], content, source, head, "noun")
    return None


def _inside(head: int | None, phrase: Token) -> bool:
    return head is not None and phrase.left_edge.i <= head <= phrase.right_edge.i


def _holder(noun: Token) -> tuple[tuple[int, int] | None, int | None]:
    """Whose claim: "his claim", "Trump's claim", "Kremlin warnings", "the claim by X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return np_range(child), child.i
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in SOURCE_PREPOSITIONS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "PRON", "NOUN"):
                return np_range(pobj), pobj.i
    for child in noun.children:
        if child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return np_range(child), child.i
    return None, None
