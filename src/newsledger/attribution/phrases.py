"""Attributions cued by a phrase rather than a verb with its subject.

"according to X, ...", "In a new poll, ...", "reportedly", "appeared to", "is said to".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsledger.attribution.draft import (
    Draft,
    clause_without,
    clean,
    np_range,
    subtree_tokens,
    tokens_to_chars,
)
from newsledger.attribution.lexicon import Lexicon
from newsledger.attribution.relays import cite_after

# Sources that are channels, not sources, after "in": "in a statement, X said" has X.
CHANNEL_NOUNS = frozenset(
    {"statement", "interview", "speech", "letter", "address", "remark", "comment", "post"}
)


def according_drafts(doc: Doc, text: str, lex: Lexicon) -> list[Draft]:
    """ "According to X, ..." : X is the source, the rest of the clause the content."""
    drafts: list[Draft] = []
    for token in doc[:-1]:
        if token.lower_ != "according" or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        source = np_range(pobj)
        phrase = (token.i, pobj.right_edge.i + 1)
        content = clause_without(text, token, phrase)
        if source is not None and content:
            draft = Draft([token.i, to.i], content, source, pobj.i, "according")
            cite_after(text, doc[phrase[1] - 1], draft, lex)
            drafts.append(draft)
    return drafts


def in_source_drafts(doc: Doc, text: str, lex: Lexicon) -> list[Draft]:
    """ "In a new poll, 45 percent ...", "In its report, the agency ...": the poll or report is
    the source of the clause."""
    drafts: list[Draft] = []
    sources = lex.words["poll_noun"] | (lex.words["document_noun"] - CHANNEL_NOUNS)
    for token in doc:
        if token.lower_ != "in" or token.dep_ != "prep":
            continue
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in sources or token.head.i < token.i:
            continue
        phrase = (token.i, pobj.right_edge.i + 1)
        source = np_range(pobj)
        content = clause_without(text, token, phrase)
        if source is not None and content:
            drafts.append(Draft([token.i], content, source, pobj.i, "phrase"))
    return drafts


def adverb_drafts(doc: Doc, text: str, lex: Lexicon) -> list[Draft]:
    """ "Russia reportedly moved troops": the clause, from a source left unnamed."""
    drafts: list[Draft] = []
    for token in doc:
        if token.lower_ not in lex.words["cue_adverb"] or token.dep_ != "advmod":
            continue
        if token.head.lemma_.lower() in lex.cue_verbs:
            continue  # "he reportedly argued that ...": the verb's attribution
        content = clause_without(text, token, (token.i, token.i + 1))
        if content:
            drafts.append(Draft([token.i], content, None, None, "phrase"))
    return drafts


def raising_drafts(doc: Doc, text: str, lex: Lexicon) -> list[Draft]:
    """ "Clinton appeared to gain", "the talks are said to be stalled": the subject and the
    complement are the content; whoever perceives or says it is not named."""
    drafts: list[Draft] = []
    for token in doc:
        if not _raising(token, lex):
            continue
        complement = next((c for c in token.children if _complement(c)), None)
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if complement is None or subject is None:
            continue
        pieces = [tokens_to_chars(subtree_tokens(complement))]
        if subject.lower_ != "it":  # "it seems that ...": the clause alone
            pieces.append(tokens_to_chars(subtree_tokens(subject)))
        # the verb first: it is the cue word the draft is known by
        cue = [token.i, *(c.i for c in token.children if c.dep_ in ("auxpass", "neg"))]
        content = clean(text, pieces)
        if content:
            drafts.append(Draft(cue, content, None, None, "phrase"))
    return drafts


def _complement(child: Token) -> bool:
    """ "seemed to win", "appeared poised", "looks like", "it appears that ..."."""
    if child.dep_ in ("xcomp", "acomp", "oprd", "ccomp"):
        return True
    return child.dep_ == "prep" and child.lower_ in ("like", "as")


def _raising(token: Token, lex: Lexicon) -> bool:
    """ "seem", "appear", or a passive that hides who says it ("is said to")."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB":
        return False
    if lemma in lex.words["raising_verb"]:
        return True
    passive = any(c.dep_ == "auxpass" for c in token.children)
    return passive and lemma in lex.words["hearsay_passive"]
