"""Attributions cued by a verb: its subject is the source, its clause or object the content.

"Mukasey said the scandal ...", "Critics argue that ...", "Trump vowed to ...", "She
criticised the plan", "it was reported that ..." (no source named), "The plan, he said, is
dead" (the verb inside its content). A verb of saying with nothing to attribute ("He said:")
waits for its quote (``newsledger.attribution.attach``).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from newsledger.attribution.draft import (
    Draft,
    Range,
    clean,
    subtree_range,
    subtree_tokens,
    tokens_to_chars,
    without,
)
from newsledger.attribution.lexicon import Lexicon, lemma_in
from newsledger.attribution.relays import apply_relays, is_relay
from newsledger.attribution.subjects import (
    PASSIVE_SUBJECTS,
    SUBJECTS,
    addressee_of,
    has_subject,
    is_passive,
    subject_of,
)

# Prepositions whose object is what a verb of speaking is about: "talked about", "spoke of";
# others only in the lexicon's phrases ("comment on"), not in "spoke on condition of ...".
TOPIC_PREPOSITIONS = ("about", "of")
# Dependency labels of a verb standing inside the clause it attributes ("X, he said, is ...").
PARENTHETICAL = ("parataxis", "ccomp", "advcl", "conj")
PARENTHETICAL_MAX_TOKENS = 12
# "values that she cares about": a relative pronoun is no content of its own.
RELATIVE_TAGS = ("WDT", "WP")
# A relative clause with none of these leaves its object out: "a point she acknowledged".
OBJECTS = ("dobj", "ccomp", "xcomp", "dative", "oprd", "prep")

ContentRule = Callable[[str, Token, str, Lexicon], list[Range] | None]


def verb_drafts(doc: Doc, text: str, lex: Lexicon) -> list[Draft]:
    """A draft for every verb of the lexicon with a source or content around it."""
    drafts: list[Draft] = []
    for token in doc:
        phrase = _verb_phrase(token, lex.cue_verbs)
        if phrase is None or is_relay(token, lex):
            continue
        draft = _verb_draft(text, token, phrase, lex)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _verb_phrase(token: Token, verbs: frozenset[str]) -> str | None:
    """The lexicon entry a verb stands for: "point out" for "pointed ... out", "call for"."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass", "amod"):
        return None
    lemma = lemma_in(token.lemma_, token.text, verbs) or token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep", "dobj") and f"{lemma} {child.lower_}" in verbs:
            return f"{lemma} {child.lower_}"
    return lemma if lemma in verbs else None


def _verb_draft(text: str, token: Token, phrase: str, lex: Lexicon) -> Draft | None:
    speech = phrase in lex.words["speech_verb"]
    content = _verb_content(text, token, phrase, lex)
    source, head = subject_of(token)
    if content is None and (not speech or source is None):
        return None
    clause = token.dep_ in ("relcl", "acl")  # "officials who said", "a statement saying"
    if source is None and not speech and not is_passive(token) and not clause:
        return None  # a verb of thinking without a thinker is mostly a misparse
    cue = [token.i, *(c.i for c in token.children if c.dep_ == "prt" or _in_phrase(c, phrase))]
    # a verb of saying with nothing to attribute waits for its quote: "He said:"
    draft = Draft(cue, content or [], source, head, "verb")
    draft.addressee = addressee_of(token, lex)
    apply_relays(text, token, draft, lex)
    return draft


def _in_phrase(child: Token, phrase: str) -> bool:
    """The word is part of the cue phrase: "for" in "call for", "it" in "put it"."""
    return child.dep_ in ("prep", "dobj") and phrase.endswith(" " + child.lower_)


def _verb_content(text: str, token: Token, phrase: str, lex: Lexicon) -> list[Range] | None:
    """What a cue verb attributes, by the first rule that finds something; None if none.

    Any cue verb takes a clause ("said that ..."); a passive its subject ("the price was not
    disclosed"); verbs of wanting and stance an infinitive ("vowed to ...") or an object
    ("criticised the plan"); verbs of speaking a topic ("spoke about X") or the clause they
    stand in ("The plan, he said, is dead").
    """
    rules: tuple[ContentRule, ...] = (
        _clause,
        _passive,
        _inverted_clause,
        _infinitive,
        _object,
        _topic,
        _antecedent,
        _surrounding_clause,
    )
    for rule in rules:
        found = rule(text, token, phrase, lex)
        if found is not None:
            return found or None
        if rule is _passive and is_passive(token):
            return None  # a passive takes nothing else: "was expected to", "is written"
    return None


def _clause(text: str, token: Token, phrase: str, lex: Lexicon) -> list[Range] | None:
    clauses = [c for c in token.children if c.dep_ == "ccomp" or _colon_clause(token, c)]
    if not clauses:
        return None
    return clean(text, [tokens_to_chars(subtree_tokens(c)) for c in clauses])


def _colon_clause(verb: Token, child: Token) -> bool:
    """A clause after a colon that the parser hung off the verb: "He said: the plan is ..."."""
    if child.dep_ != "parataxis" or child.i < verb.i:
        return False
    return any(t.text == ":" for t in verb.doc[verb.i + 1 : child.left_edge.i + 1])


def _passive(text: str, token: Token, phrase: str, lex: Lexicon) -> list[Range] | None:
    """ "The price was not disclosed", "Trump was asked to release ...": the subject and its
    complement; the source is the agent or no one named. Only verbs that take an object."""
    if not is_passive(token) or phrase not in lex.words["stance_verb"]:
        return None
    subject = next((c for c in token.children if c.dep_ in PASSIVE_SUBJECTS), None)
    if subject is None or subject.tag_ in RELATIVE_TAGS or subject.lower_ == "it":
        return None
    pieces = [tokens_to_chars(subtree_tokens(subject))]
    for child in token.children:
        if child.dep_ in ("xcomp", "oprd") or (child.dep_ == "prep" and child.lower_ == "as"):
            pieces.append(tokens_to_chars(subtree_tokens(child)))
    return clean(text, pieces)


def _inverted_clause(text: str, token: Token, phrase: str, lex: Lexicon) -> list[Range] | None:
    """ "Aides believe her efforts will offset ...", parsed with the verb of thinking under the
    verb of its clause: the content is the rest of that clause after the cue."""
    head = token.head
    if token.dep_ != "ccomp" or head.i < token.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if not has_subject(token):
        return None
    return clean(text, [tokens_to_chars(list(token.doc[token.i + 1 : head.right_edge.i + 1]))])


def _infinitive(text: str, token: Token, phrase: str, lex: Lexicon) -> list[Range] | None:
    """ "vowed to fight", "urged Congress to act": the infinitive, with the addressee."""
    if phrase not in lex.words["thought_verb"] | lex.words["stance_verb"]:
        return None
    xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None)
    if xcomp is None:
        return None
    start = xcomp.left_edge.i
    if phrase in lex.words["addressee_verb"]:
        objects = [c.left_edge.i for c in token.children if c.dep_ in ("dobj", "dative")]
        start = min([start, *objects])
    return clean(text, [tokens_to_chars(list(token.doc[start : xcomp.right_edge.i + 1]))])


def _object(text: str, token: Token, phrase: str, lex: Lexicon) -> list[Range] | None:
    """ "criticised the plan", "fears a collapse", "the poll showed a lead": the object."""
    words = lex.words
    takes_object = phrase in words["stance_verb"] | words["thought_verb"] or (
        phrase in words["evidence_verb"] and _finding(token, lex)
    )
    if not takes_object or phrase in words["addressee_verb"]:
        return None
    objects = [
        c
        for c in token.children
        if c.dep_ == "dobj" and c.tag_ not in RELATIVE_TAGS and not _in_phrase(c, phrase)
    ]
    if not objects:
        return None
    return clean(text, [tokens_to_chars(subtree_tokens(o)) for o in objects])


def _finding(token: Token, lex: Lexicon) -> bool:
    """The subject of "shows" or "found" is a poll, study or document."""
    subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
    if subject is None:
        return False
    lemma = subject.lemma_.lower()
    return lemma in lex.words["poll_noun"] or lemma in lex.words["document_noun"]


def _topic(text: str, token: Token, phrase: str, lex: Lexicon) -> list[Range] | None:
    """What a verb of speaking is about: "spoke about X", "called for X", "referred to X"."""
    if phrase not in lex.words["speech_verb"] | lex.words["stance_verb"]:
        return None
    for child in token.children:
        if child.dep_ != "prep":
            continue
        own = phrase.endswith(" " + child.lower_)
        if own or (child.lower_ in TOPIC_PREPOSITIONS and " " not in phrase):
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return clean(text, [tokens_to_chars(subtree_tokens(pobj))])
    return None


def _antecedent(text: str, token: Token, phrase: str, lex: Lexicon) -> list[Range] | None:
    """ "a point Feinstein acknowledged": the noun the relative clause leaves out as its
    object is the content."""
    noun = token.head
    if token.dep_ != "relcl" or any(c.dep_ in OBJECTS for c in token.children):
        return None
    if noun.pos_ not in ("NOUN", "PROPN", "PRON") or not has_subject(token):
        return None
    end = max(noun.i + 1, token.left_edge.i)
    return clean(text, [tokens_to_chars(list(token.doc[noun.left_edge.i : end]))])


def _surrounding_clause(text: str, token: Token, phrase: str, lex: Lexicon) -> list[Range] | None:
    """The clause a short "he said" stands inside or after: "The plan, he said, is dead"."""
    if phrase not in lex.words["speech_verb"] or not _parenthetical(token, lex):
        return None
    doc, head, sentence = token.doc, token.head, token.sent
    start = max(head.left_edge.i, sentence.start)
    end = min(head.right_edge.i + 1, sentence.end)
    own_start, own_end = subtree_range(token)
    outer = tokens_to_chars(list(doc[start:end]))
    hole = tokens_to_chars(list(doc[own_start:own_end]))
    return clean(text, without(outer, [hole]))


def _parenthetical(token: Token, lex: Lexicon) -> bool:
    """A short clause of saying with its own subject, hung off a clause that is not itself a
    cue's ("said and added", "said they would weigh in" are the head's content)."""
    if token.dep_ not in PARENTHETICAL or token.head.i == token.i or token.tag_ == "VBG":
        return False  # "..., speaking to reporters": a participle is no "he said"
    start, end = subtree_range(token)
    if end - start > PARENTHETICAL_MAX_TOKENS or not has_subject(token):
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children):
        return False
    return token.head.lemma_.lower() not in lex.cue_verbs
