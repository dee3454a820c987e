"""The words that attribute a quote, read from the tokens around it.

The parser often loses its way in long quotes, so the cue of a quote is also looked for by
position: the clause right after it ("“...,” Smith said", "“...,” said Smith, who ..."), a
dash and a name after it ("“...” ― Volodymyr Zelensky") and the clause before a colon that
introduces it ("Smith shot back: “...”", "Clinton: “...”").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsledger.attribution.draft import Draft, Tokens
from newsledger.attribution.lexicon import Lexicon, lemma_in
from newsledger.attribution.quotes import Quote
from newsledger.attribution.subjects import Subject, subject_of

# Tokens read after a quote for its cue, and the longest source before the cue.
TAIL_MAX_TOKENS = 30
SOURCE_MAX_TOKENS = 16
# Words before a colon with no verb that can still name a speaker ("Clinton: “...”").
HEADLINE_MAX_TOKENS = 8
STOPS = frozenset({".", "!", "?", ";"})
# A dash and a capitalised name after a quote, on its line or the next.
DASHED = re.compile(r"[ \t\u00a0]*\n?\n?[ \t\u00a0]*([―—–]|-{1,2})[ \t\u00a0]*(?=[A-Z])")
# Past forms of verbs of saying a tagger may read as nouns or adjectives after a quote.
IRREGULAR_SPEECH = frozenset({"said", "told", "wrote", "read", "spoke", "thought", "says"})
# A verb of any kind after a quote ending in a comma ("“...,” Trump barked") must come
# early, in a main clause ("''Hacked World Order,'' who studies ..." is no attribution),
# after a quote of a few words.
ANY_VERB_MAX_TOKENS = 6
SUBORDINATE = frozenset({"relcl", "acl", "advcl", "amod", "pcomp", "xcomp"})
SAYABLE_MIN_WORDS = 3
# How far before a quote its introducing colon is looked for, in characters.
COLON_WINDOW = 200
# Time words between an inverted verb and its subject: "said Tuesday", "said later".
NOT_A_SOURCE = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class Found:
    """A cue found next to a quote: its tokens, its source tokens and the source's head."""

    cue: list[int]
    source: Tokens | None
    head: int | None


class QuoteCues:
    """Finds cues around quotes in one parsed article."""

    def __init__(self, doc: Doc, text: str, lex: Lexicon) -> None:
        self.doc = doc
        self.text = text
        self.lex = lex
        self.starts = [t.idx for t in doc]

    def after(self, quote: Quote, any_verb: bool = False) -> Found | None:
        """ "“...,” Smith said" or "“...,” said Smith": a verb of saying in the clause after.

        ``any_verb``: the quote ends with a comma or question mark, so the clause after it is
        its attribution whatever the verb ("“...,” Trump barked").
        """
        tail = self._tail(quote)
        words = [t for t in tail if not (t.is_punct or t.is_space)]
        verb = next((t for i, t in enumerate(words) if self._speech(t, words[i + 1 :])), None)
        if verb is None and any_verb and self._sayable(quote):
            verb = next((t for t in words[:ANY_VERB_MAX_TOKENS] if t.pos_ == "VERB"), None)
            if verb is not None and verb.dep_ in SUBORDINATE:
                return None
        if verb is None:
            return None
        cue = [verb.i, *(c.i for c in verb.children if c.dep_ == "prt")]
        if verb.i == words[0].i:
            return Found(cue, *self._inverted_source(verb, tail))
        before = [t for t in tail if t.i < verb.i]
        source = _trimmed(before)
        if source is None or source[1] - source[0] > SOURCE_MAX_TOKENS:
            return None
        if any(self._speech(t) or t.pos_ == "VERB" for t in self.doc[source[0] : source[1]]):
            return None
        return Found(cue, source, self.doc[source[0] : source[1]].root.i)

    def _sayable(self, quote: Quote) -> bool:
        """Words someone said, not a title: "“Go back to Univision,”" but not "''Hacked
        World Order,''" (a title is all capitalised words)."""
        words = quote.inner(self.text).split()
        if len(words) < SAYABLE_MIN_WORDS:
            return False
        return not all(w[:1].isupper() or not w[:1].isalpha() for w in words)

    def _tail(self, quote: Quote) -> list[Token]:
        doc = self.doc
        index = bisect_left(self.starts, quote.end)
        tail: list[Token] = []
        while index < len(doc) and len(tail) < TAIL_MAX_TOKENS:
            token = doc[index]
            if (token.is_space and "\n" in token.text) or token.text in STOPS or token.is_quote:
                break
            tail.append(token)
            index += 1
        return tail

    def _speech(self, token: Token, rest: list[Token] | None = None) -> bool:
        """A verb of saying, also when the tagger took it for a noun at the end of the clause
        ("the ad states.", "the email read simply.")."""
        if token.pos_ in ("ADP", "DET", "PRON", "PUNCT") or token.dep_ in ("aux", "auxpass"):
            return False
        if token.pos_ not in ("VERB", "AUX") and rest and rest[0].pos_ not in ("ADV", "ADP"):
            return False
        if token.lower_ in IRREGULAR_SPEECH:
            return True
        return lemma_in(token.lemma_, token.text, self.lex.words["speech_verb"]) is not None

    def _inverted_source(self, verb: Token, tail: list[Token]) -> Subject:
        """ "said Smith, who ...": the words after the verb, not a time ("said Tuesday")."""
        after = [t for t in tail if t.i > verb.i]
        while after and (after[0].is_punct or after[0].ent_type_ in NOT_A_SOURCE):
            after = after[1:]
        if after and after[0].pos_ == "ADP":
            return None, None  # "said in a statement": no subject named after the verb
        source = _trimmed(after)
        if source is None:
            return None, None
        names = self.doc[source[0] : source[1]]
        head = next((t for t in names if t.pos_ in ("PROPN", "NOUN", "PRON")), names.root)
        return source, head.i

    def dash_after(self, quote: Quote) -> Found | None:
        """ "“...” ― Hillary Clinton", "“...”\n\n- Michelle Marks, Philadelphia": a dash and a
        name, on the quote's line or the next."""
        found = DASHED.match(self.text, quote.end)
        if found is None:
            return None
        index = bisect_left(self.starts, found.start(1))
        if index >= len(self.doc) or self.doc[index].idx > found.start(1):
            index -= 1
        dash = self.doc[index]
        end = self.text.find("\n", dash.idx)
        end = len(self.text) if end < 0 else end
        following = self.doc[dash.i + 1 : dash.i + 1 + HEADLINE_MAX_TOKENS]
        names = [t for t in following if t.idx < end]
        source = _trimmed(names)
        if source is None or not any(t.pos_ == "PROPN" for t in names):
            return None
        people = [t for t in names if t.ent_type_ == "PERSON"] or names
        return Found([dash.i], source, people[0].i)

    def before(self, quote: Quote) -> Found | None:
        """ "Smith shot back: “...”", "the ministry said: “...”", "Clinton: “...”": the clause
        before a colon that introduces the quote."""
        colon = self._colon_before(quote)
        if colon is None:
            return None
        sentence = colon.sent
        clause = [t for t in self.doc[sentence.start : colon.i] if not t.is_space]
        verbs = [t for t in clause if t.pos_ == "VERB" and t.dep_ not in ("amod", "aux", "auxpass")]
        named = self._name_before(colon)
        if named is not None and not any(self._speech(v) for v in verbs):
            # "doesn't surprise pollster Daron Shaw: “...”": the name is the speaker
            return Found([colon.i], named, colon.i - 1)
        if verbs:
            verb = next((v for v in verbs if v.i == colon.head.i), verbs[-1])
            source, head = subject_of(verb)
            cue = [verb.i, *(c.i for c in verb.children if c.dep_ == "prt")]
            return Found(cue, source, head)
        named = _trimmed(clause)
        if named is None or named[1] - named[0] > HEADLINE_MAX_TOKENS:
            return None
        if not any(t.pos_ == "PROPN" for t in self.doc[named[0] : named[1]]):
            return None
        return Found([colon.i], named, self.doc[named[0] : named[1]].root.i)

    def _name_before(self, colon: Token) -> Tokens | None:
        """The name of a person or organisation that ends right at the colon."""
        last = self.doc[colon.i - 1] if colon.i > 0 else None
        if last is None or last.ent_type_ not in ("PERSON", "ORG"):
            return None
        start = last.i
        while start > 0 and self.doc[start - 1].ent_type_ == last.ent_type_:
            start -= 1
        while start > 0 and self.doc[start - 1].dep_ in ("compound", "amod", "nmod"):
            start -= 1  # "Republican pollster Daron Shaw"
        return start, last.i + 1

    def _colon_before(self, quote: Quote) -> Token | None:
        """The colon right before the quote, on its line or the line before."""
        window = max(quote.start - COLON_WINDOW, 0)
        before = self.text[window : quote.start].rstrip()
        if (
            not before.endswith(":")
            or self.text[window + len(before) : quote.start].count("\n") > 2
        ):
            return None
        index = bisect_left(self.starts, window + len(before) - 1)
        if index >= len(self.doc) or self.doc[index].text != ":":
            return None
        return self.doc[index]


def _trimmed(tokens: list[Token]) -> Tokens | None:
    """The range of some tokens without punctuation and spaces at either end."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return (tokens[0].i, tokens[-1].i + 1) if tokens else None


def draft_for(found: Found, drafts: list[Draft]) -> Draft:
    """The draft of a cue found by position: the parser's own for the verb, its source
    corrected, or a new one."""
    for draft in drafts:
        if draft.cue_token == found.cue[0] or found.cue[0] in draft.cue:
            if found.source is not None:
                draft.source, draft.source_head = found.source, found.head
            return draft
    draft = Draft(list(found.cue), [], found.source, found.head, "quote")
    drafts.append(draft)
    return draft
