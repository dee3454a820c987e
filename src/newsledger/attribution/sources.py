"""What a source is: its type, whether it is named, how many people it stands for, its actor.

Types: named official, named person, anonymous official, unnamed critics or observers,
outlet, document or report, social-media post, poll, organisation, unknown. A pronoun or a
description ("he", "it", "the ministry", "who") takes the type and actor of its antecedent
(``newsledger.attribution.antecedents``). Anonymous sources get no actor id: "a Kremlin
source" is not the Kremlin speaking; its affiliation stays in the source's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsledger.attribution.antecedents import ORGANISATION_KINDS, Antecedents, named
from newsledger.attribution.draft import Tokens, token_chars
from newsledger.attribution.lexicon import Lexicon
from newsledger.attribution.model import SourceLink
from newsledger.kb.names import name_key
from newsledger.records import ActorMention

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Plural heads that never count people one by one: "some", "many".
UNCOUNTED = frozenset({"people", "some", "many", "others"})


@dataclass(frozen=True, slots=True)
class Typed:
    """A source's actor, type, anonymity and head count."""

    actor_id: str | None
    type: str
    anonymous: bool = False
    count: int | None = None


UNKNOWN = Typed(None, "unknown")


class SourceResolver:
    """Types sources and resolves their actors, reading one article in text order."""

    def __init__(self, doc: Doc, text: str, actors: list[ActorMention], lex: Lexicon) -> None:
        self.doc = doc
        self.text = text
        self.lex = lex
        self.antecedents = Antecedents(doc, actors)

    def link(self, span: Tokens, head: int | None, remember: bool = True) -> SourceLink:
        """The typed source of the tokens ``span`` whose head word is ``head``.

        ``remember``: a later "they" may stand for this source.
        """
        doc = self.doc
        head_token = doc[span[0] : span[1]].root
        if head is not None and span[0] <= head < span[1]:
            head_token = doc[head]
        start, end = token_chars(doc, span)
        typed = self._typed(head_token, span)
        link = SourceLink(
            self.text[start:end],
            start,
            end,
            typed.actor_id,
            typed.type,
            typed.anonymous,
            typed.count,
        )
        if remember:
            self.antecedents.sources.append((head_token.i, link))
        return link

    def _typed(self, head: Token, span: Tokens) -> Typed:
        word = head.lower_
        if word in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            noun = head.head.head
            return self._typed(noun, (noun.left_edge.i, noun.i + 1))
        if word in PERSON_PRONOUNS:
            return self._of_actor(self.antecedents.person(head), span)
        if word in THING_PRONOUNS or self._description(head, span):
            found = self.antecedents.organisation(head, pronoun=word in THING_PRONOUNS)
            if found is None and word not in THING_PRONOUNS:
                return Typed(None, "organisation")  # "the ministry", named before or not
            return self._of_actor(found, span)
        if word == "they":
            earlier = self.antecedents.plural_source(head)
            if earlier is None:
                return UNKNOWN
            return Typed(earlier.actor_id, earlier.type, earlier.anonymous, earlier.count)
        return self._classify(head, span)

    def _classify(self, head: Token, span: Tokens) -> Typed:
        start, end = token_chars(self.doc, span)
        mentions = self.antecedents.within(start, end)
        person = next((m for m in mentions if m.kind == "person" and named(m)), None)
        group = self._group_type(head, name_key(self.text[start:end]), person)
        if group is not None:
            return Typed(None, group, True, _count(head, self.lex))
        thing = self._thing_type(head, name_key(self.text[start:end]), mentions)
        if thing is not None:
            organisation = next((m for m in mentions if m.kind in ORGANISATION_KINDS), None)
            return Typed(organisation.actor_id if organisation else None, thing)
        actor = person or _main_actor(mentions, head)
        if actor is not None:
            return self._of_actor(actor, span)
        return self._by_word(head)

    def _by_word(self, head: Token) -> Typed:
        """A source no actor mention covers, typed by its head word."""
        lemma = head.lemma_.lower()
        if lemma in self.lex.words["official_title"]:
            return Typed(None, "named official")
        if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and not head.ent_type_):
            return Typed(None, "named person")
        if head.ent_type_ in ("ORG", "GPE", "NORP") or lemma in self.lex.words["organisation_noun"]:
            return Typed(None, "organisation")
        return UNKNOWN

    def _group_type(self, head: Token, text_key: str, person: ActorMention | None) -> str | None:
        """Anonymous officials and unnamed critics: a head noun that names no one."""
        words = self.lex.words
        if person is not None or head.pos_ == "PROPN":
            return None
        marked = any(marker in text_key for marker in words["anonymity_word"])
        lemma = head.lemma_.lower()
        anonymous = lemma in words["anonymous_noun"] or head.lower_ in words["anonymous_noun"]
        if anonymous and (marked or not _definite(head) or lemma in ("source", "insider")):
            return "anonymous official"
        if head.lower_ in words["group_noun"] or lemma in words["group_noun"]:
            return "unnamed critics or observers"
        return "anonymous official" if marked else None

    def _thing_type(self, head: Token, text_key: str, mentions: list[ActorMention]) -> str | None:
        """Outlet, poll, social-media post, document: sources that are not people."""
        words = self.lex.words
        lemma = head.lemma_.lower()
        if lemma in words["poll_noun"]:
            return "poll"
        if lemma in words["social_noun"] and head.pos_ == "NOUN":
            return "social-media post"
        if self._outlet(head, text_key, mentions):
            return "outlet"
        if lemma in words["document_noun"] and head.pos_ == "NOUN":
            return "document or report"
        return None

    def _outlet(self, head: Token, text_key: str, mentions: list[ActorMention]) -> bool:
        names = self.lex.words["outlet_name"]
        if text_key in names or any(name_key(m.text) in names for m in mentions):
            return True
        if head.ent_type_ == "ORG" and name_key(head.text) in names:
            return True
        nouns = self.lex.words["outlet_noun"]
        if text_key in nouns:  # "state media"
            return True
        return head.pos_ == "NOUN" and (head.lemma_.lower() in nouns or head.lower_ in nouns)

    def _of_actor(self, actor: ActorMention | None, span: Tokens) -> Typed:
        if actor is None:
            return UNKNOWN
        if actor.kind == "person":
            titled = actor.role is not None or self._has_title(span, actor)
            return Typed(actor.actor_id, "named official" if titled else "named person")
        if actor.kind in ORGANISATION_KINDS or actor.kind is None:
            outlet = name_key(actor.text) in self.lex.words["outlet_name"]
            return Typed(actor.actor_id, "outlet" if outlet else "organisation")
        return Typed(actor.actor_id, "unknown")

    def _has_title(self, span: Tokens, actor: ActorMention) -> bool:
        """ "Kremlin spokesman Dmitry Peskov", "Sen. Rubio": an office named with the person."""
        titles = self.lex.words["official_title"]
        words = [t.lemma_.lower() for t in self.doc[span[0] : span[1]]]
        words += [t.lower_ for t in self.doc[span[0] : span[1]]]
        words += name_key(actor.text).split()
        return any(word in titles for word in words)

    def _description(self, head: Token, span: Tokens) -> bool:
        """ "the ministry", "the campaign": a definite organisation noun with no name in it."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in self.lex.words["organisation_noun"]:
            return False
        tokens = self.doc[span[0] : span[1]]
        return _definite(head) and not any(t.pos_ == "PROPN" or t.ent_type_ for t in tokens)


def _main_actor(mentions: list[ActorMention], head: Token) -> ActorMention | None:
    """The mention holding the head word, else the first resolved one."""
    for mention in mentions:
        if mention.start <= head.idx < mention.end:
            return mention
    return next((m for m in mentions if m.actor_id), None)


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)


def _count(head: Token, lex: Lexicon) -> int | None:
    """How many people: "eight anonymous sources" -> 8, "a source" -> 1, "officials" -> None."""
    for child in head.children:
        if child.dep_ == "nummod":
            value = _number(child.text, lex)
            if value is not None:
                return value
    singular = head.tag_ == "NN"
    for child in head.children:
        if child.dep_ == "det" and child.lower_ in lex.numbers:
            return lex.numbers[child.lower_] if singular else None
    return 1 if singular and head.lower_ not in UNCOUNTED else None


def _number(text: str, lex: Lexicon) -> int | None:
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else lex.numbers.get(text.lower())
