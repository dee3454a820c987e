"""Who speaks: the subject of a cue verb, found in the parse, and whom the words were told."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.attribution.draft import Tokens, np_range, trim_tokens
from newsledger.attribution.lexicon import Lexicon

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
# Clauses that share the subject of their head: "X said A and added B", "X vowed to ...".
SHARES_SUBJECT = ("conj", "xcomp", "advcl")
# A subject the parser found among these is a misparse ("while discussing", "and promised").
VERBS = ("VERB", "AUX")
NOT_NOMINAL = ("SCONJ", "CCONJ", "ADP", "DET", "ADV", "PART", "PUNCT", *VERBS)

Subject = tuple[Tokens | None, int | None]  # the source tokens and the word that names it


def subject_of(token: Token) -> Subject:
    """The source of a cue verb: its subject, the agent of a passive ("was told by X"), the
    subject it shares with the verb it depends on, or the noun a participle describes ("a
    statement saying ...")."""
    own = _own_subject(token)
    if own is not None:
        return own
    if is_passive(token):
        return None, None
    head = token.head
    if head.i == token.i:
        return None, None
    if token.tag_ == "VBG" and token.dep_ == "advcl":
        return subject_of(_reporting_head(head))
    if token.dep_ in SHARES_SUBJECT and head.pos_ in VERBS:
        return subject_of(head)
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in VERBS:
        return subject_of(head.head)  # "... by pushing for", "... in declaring"
    if token.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        end = max(head.i + 1, min(token.left_edge.i, head.right_edge.i + 1))
        return trim_tokens(token.doc, head.left_edge.i, end), head.i
    return None, None


def _own_subject(token: Token) -> Subject | None:
    for child in token.children:
        if child.dep_ in SUBJECTS and child.pos_ not in NOT_NOMINAL:
            return np_range(child), child.i
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return np_range(pobj), pobj.i
    return None


def is_passive(token: Token) -> bool:
    """The verb is a passive ("was told", "it was reported")."""
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in token.children)


def has_subject(token: Token) -> bool:
    """The verb has a subject of its own."""
    return any(c.dep_ in SUBJECTS for c in token.children)


def _reporting_head(head: Token) -> Token:
    """The verb a participle goes with: its head, or the verb that reports the clause its head
    stands in ("X said Y will choose, saying ..." goes with "said")."""
    while head.dep_ == "ccomp" and head.head.i != head.i and head.head.pos_ in VERBS:
        head = head.head
    return head


def addressee_of(token: Token, lex: Lexicon) -> Tokens | None:
    """Whom the words were told: "told the FT", "said to Reuters", "in an interview with X"."""
    tells = token.lemma_.lower() in lex.words["addressee_verb"]
    for child in token.children:
        if child.dep_ in ("dobj", "dative") and tells:
            return np_range(child)
        if child.dep_ == "prep" and child.lower_ in ("to", "in"):
            found = _interviewer(child)
            if found is not None:
                return found
    return None


def _interviewer(preposition: Token) -> Tokens | None:
    """The X of "to X" or "in an interview with X" under a verb of speaking."""
    pobj = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    if preposition.lower_ == "to":
        return np_range(pobj)
    for child in pobj.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            inner = next((c for c in child.children if c.dep_ == "pobj"), None)
            if inner is not None:
                return np_range(inner)
    return None
