"""Relays: an outlet that passes on what others said ("Reuters, citing two officials, ...",
"the paper quoted a senior official as saying ...").

A relay is no attribution of its own: the relayed words belong to the cited source, and the
outlet stands before it in the chain.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.attribution.draft import (
    Draft,
    clean,
    cut,
    np_range,
    subtree_tokens,
    tokens_to_chars,
)
from newsledger.attribution.lexicon import Lexicon

# How far below the cue verb a closing "citing ..." phrase may hang ("reported that X would
# meet, citing two sources").
RELAY_DEPTH = 2


def is_relay(token: Token, lex: Lexicon) -> bool:
    """ "citing two officials", "quoting a source", "quoted X as saying": a verb that names
    whom a report rests on."""
    if token.lemma_.lower() not in lex.words["relay_verb"]:
        return False
    return token.tag_ == "VBG" or _quoted_as_saying(token)


def apply_relays(text: str, verb: Token, draft: Draft, lex: Lexicon) -> None:
    """Take the relay phrase of a verb of saying into its draft, in place.

    "Reuters reported, citing two officials, that ...": the officials are cited and their
    phrase leaves the content. "The paper quoted an official as saying ...": the official is
    the source and the paper relays.
    """
    quoting = _quoting_verb(verb, lex)
    if quoting is not None:
        quoted = next((c for c in quoting.children if c.dep_ == "dobj"), None)
        if quoted is not None:
            outlet = draft.source
            draft.source, draft.source_head = np_range(quoted), quoted.i
            draft.relays = [outlet] if outlet is not None else []
        return
    relay = _citing(verb, lex)
    cited = next((c for c in relay.children if c.dep_ in ("dobj", "pobj")), None) if relay else None
    if relay is None or cited is None:
        return
    if not draft.content:
        clause = next((c for c in relay.children if c.dep_ == "ccomp"), None)
        if clause is not None:
            draft.content = clean(text, [tokens_to_chars(subtree_tokens(clause))])
    phrase = sorted([relay, *subtree_tokens(cited)], key=lambda t: t.i)
    draft.content = clean(text, cut(draft.content, tokens_to_chars(phrase)))
    cited_range = np_range(cited)
    draft.cited = [cited_range] if cited_range else []


def _citing(verb: Token, lex: Lexicon) -> Token | None:
    """The "citing ..." participle that goes with a verb of saying: hung off the verb, or
    closing its sentence, not inside what is reported ("said Russia, citing security, ...")."""
    for token in verb.subtree:
        if token.tag_ != "VBG" or token.lemma_.lower() not in lex.words["relay_verb"]:
            continue
        depth = _depth(token, verb)
        if depth == 1 or (depth <= RELAY_DEPTH and _ends_sentence(token)):
            return token
    return None


def _ends_sentence(token: Token) -> bool:
    after = token.doc[token.right_edge.i + 1 : token.sent.end]
    return all(t.is_punct or t.is_space for t in after)


def _quoted_as_saying(verb: Token) -> bool:
    """ "The paper quoted a senior official as saying ...": "saying" under "quoted as"."""
    return any(
        child.dep_ == "prep"
        and child.lower_ == "as"
        and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in child.children)
        for child in verb.children
    )


def _quoting_verb(saying: Token, lex: Lexicon) -> Token | None:
    """For "saying" in "quoted X as saying", the verb "quoted"."""
    preposition = saying.head
    if saying.dep_ != "pcomp" or preposition.lower_ != "as":
        return None
    verb = preposition.head
    return verb if verb.lemma_.lower() in lex.words["relay_verb"] else None


def _depth(token: Token, ancestor: Token) -> int:
    depth = 0
    while token.i != ancestor.i and token.head.i != token.i:
        token = token.head
        depth += 1
    return depth if token.i == ancestor.i else RELAY_DEPTH + 1


def cite_after(text: str, last: Token, draft: Draft, lex: Lexicon) -> None:
    """ "According to the FT, citing eight sources, ...": the sources cited right after the
    phrase that ends with ``last`` join the draft, and their phrase leaves the content."""
    doc = last.doc
    for token in doc[last.i + 1 : min(last.i + 4, last.sent.end)]:
        if token.tag_ != "VBG" or token.lemma_.lower() not in lex.words["relay_verb"]:
            continue
        cited = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
        if cited is not None:
            draft.content = clean(text, cut(draft.content, tokens_to_chars(subtree_tokens(token))))
            cited_range = np_range(cited)
            draft.cited = [cited_range] if cited_range else []
        return
