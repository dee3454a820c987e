"""Who acts and who is acted on: noun phrases of the parse, coded to participants.

A participant is coded from the actor mentions the linker found inside its noun phrase (the
head's own words, its modifiers and "of" phrases): a mention on the head gives the actor; a
demonym or possessor before it gives the country, the head noun the sector ("Israeli soldiers":
ISR, MIL). Coordinated names give one participant each ("Hungarian and Romanian officials").
Where no mention covers the phrase, ``code_actor`` codes its words, and a place name gives its
country. Pronouns take the participants of their antecedent: the subject of the clause that
reports or governs them ("Moscow said it would respond"), else the last subject before them,
else the subject of the previous sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsledger.events.model import Participant
from newsledger.events.syntax import children, quantity_head
from newsledger.kb.actors import Actor, actor_kb
from newsledger.kb.names import name_key
from newsledger.records import ActorMention
from newsledger.resolve.actors import code_actor
from newsledger.resolve.places import resolve_place

PRONOUNS = frozenset(
    ["he", "she", "it", "they", "we", "him", "her", "them", "us", "its", "their", "his", "our"]
)
RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
# Children that are not part of the phrase that names an actor.
OUTSIDE = frozenset(
    ["relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "prep", "parataxis", "dep"]
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
INTERNATIONAL = frozenset({"NATO", "EUR", "UNO", "IGO"})
# Prepositional phrases that may place or qualify an actor: "rebels in the Ivory Coast".
WIDE = ("of", "in", "from", "at", "for", "with", "to")


@dataclass
class Arguments:
    """Codes the noun phrases of one document; remembers the last subject for pronouns."""

    doc: Doc
    mentions: list[ActorMention]
    published: date | None
    memory: list[Participant] = field(default_factory=list)
    _by_token: dict[int, ActorMention] = field(default_factory=dict)
    _cache: dict[int, list[Participant]] = field(default_factory=dict)
    _busy: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        for mention in self.mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                self._by_token.setdefault(token.i, mention)

    def code(self, head: Token) -> list[Participant]:
        """The participants a phrase names: its head and every head coordinated with it."""
        found: list[Participant] = []
        for token in (head, *head.conjuncts, *_listed(head)):
            found += [p for p in self._code_one(token) if p not in found]
        return found

    def is_actor(self, head: Token) -> bool:
        """The head word itself names an actor: a linked name, an agent noun ("officials"),
        a pronoun standing for one; not "the Russian demand", which only has an owner."""
        mention = self._by_token.get(head.i)
        if mention is not None and _usable(mention):
            return True
        if head.pos_ == "PRON" or head_sector(head) is not None:
            return bool(self._code_one(head))
        return head.pos_ == "PROPN" and any(p.country or p.actor_id for p in self._code_one(head))

    def is_place(self, head: Token) -> bool:
        return head.ent_type_ in PLACE_LABELS and head.i not in self._by_token

    def _code_one(self, head: Token) -> list[Participant]:
        if head.i in self._cache:
            return self._cache[head.i]
        if head.i in self._busy:  # a pronoun chain that loops
            return []
        self._busy.add(head.i)
        try:
            coded = self._code_uncached(head)
        finally:
            self._busy.discard(head.i)
        self._cache[head.i] = coded
        return coded

    def _code_uncached(self, head: Token) -> list[Participant]:
        lower = head.lower_
        if lower in RELATIVES and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "relcl":
            return self._code_one(head.head.head)
        if lower in PRONOUNS and head.pos_ == "PRON":
            return [_as_pronoun(p, head) for p in self.antecedent(head)]
        if head.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ", "X"):
            return []
        return self._phrase(head)

    def _phrase(self, head: Token) -> list[Participant]:
        span = phrase_span(head, keep=("of",))
        counted = quantity_head(head)
        if counted.i != head.i:  # "thousands of students": the students, in the whole phrase
            return [_respan(p, span) for p in self._code_one(counted)]
        found = self._from_mentions(head, span)
        if found:
            return found
        wide = phrase_span(head, keep=WIDE)
        found = self._from_mentions(head, wide, head_only=False)
        found = found or self._from_known(head, span)
        found = found or self._from_appositive(head)
        found = found or self._from_words(head, span)
        return self._pronoun_owner(head, found) or self._place_country(head, span, wide, found)

    def _place_country(
        self, head: Token, span: Span, wide: Span, found: list[Participant]
    ) -> list[Participant]:
        """A phrase with no country takes the country of a place it names: "rebels in the
        Ivory Coast" (CIV, REB), "targets in Jericho"."""
        located = None if any(p.country for p in found) else self._located(head, wide)
        if located and found:
            return [replace(p, country=located) for p in found]
        if located and head.pos_ in ("NOUN", "PROPN"):
            return [_on(span, None, located, head_sector(head))]
        return found

    def _pronoun_owner(self, head: Token, found: list[Participant]) -> list[Participant]:
        if any(p.country for p in found):
            return []
        for poss in children(head, ("poss",)):
            if poss.lower_ in PRONOUNS:
                owners = [p for p in self.antecedent(poss) if p.country]
                if owners:
                    span = phrase_span(head, keep=("of",))
                    sector = head_sector(head) or owners[0].sector
                    return [
                        _on(
                            span,
                            None,
                            owners[0].country,
                            sector,
                        )
                    ]
        return []

    def _located(self, head: Token, wide: Span) -> str | None:
        """The country of a place named in a phrase's "in"/"from" part."""
        for ent in wide.ents:
            if ent.label_ in PLACE_LABELS and not (ent.start <= head.i < ent.end):
                country = resolve_place(ent.text).country
                if country:
                    return country
        return None

    def _from_mentions(self, head: Token, span: Span, head_only: bool = True) -> list[Participant]:
        mentions = self._mentions_in(span)
        if not mentions:
            return []
        on_head = self._by_token.get(head.i)
        if on_head is not None and head_only:
            return [_as_place(_participant(span, on_head, None), on_head)]
        sector = head_sector(head)
        chosen = _coordinated(mentions, self.doc) if len(mentions) > 1 else mentions
        if len(chosen) == 1:
            return [_participant(span, chosen[0], sector)]
        return [_participant(_mention_span(self.doc, m), m, sector) for m in chosen]

    def _from_known(self, head: Token, span: Span) -> list[Participant]:
        """A name the linker left alone inside the phrase ("US Predator attacks")."""
        for token in span:
            known = _known_name(token) if token.i != head.i else None
            if known is not None:
                country = "IGO" if known.country in INTERNATIONAL else known.country
                return [
                    _on(
                        span,
                        known.id,
                        country,
                        head_sector(head) or known.sector,
                    )
                ]
        return []

    def _from_appositive(self, head: Token) -> list[Participant]:
        for child in head.children:
            if child.dep_ == "appos":
                mentions = self._mentions_in(phrase_span(child, keep=("of",)))
                if mentions:
                    return [
                        _participant(
                            phrase_span(head, keep=("of",)), mentions[0], head_sector(head)
                        )
                    ]
        return []

    def _from_words(self, head: Token, span: Span) -> list[Participant]:
        known = _known_name(head)
        if known is not None:
            country = "IGO" if known.country in INTERNATIONAL else known.country
            return [_on(span, known.id, country, known.sector)]
        code = code_actor(span.as_doc(), self.published)
        if code is not None:
            country = code.country
            return [_on(span, code.actor_id, country, code.sector)]
        if head.ent_type_ in PLACE_LABELS:
            # "South Lebanon", "the Gaza Strip": the whole name, else its head word
            country = resolve_place(span.text).country or resolve_place(head.text).country
            if country:
                return [_on(span, None, country, "CVL")]
        return []

    def _mentions_in(self, span: Span) -> list[ActorMention]:
        seen: list[ActorMention] = []
        for token in span:
            mention = self._by_token.get(token.i)
            if (
                mention is not None
                and mention not in seen
                and _usable(mention)
                and not _against(token)
            ):
                seen.append(mention)
        return seen

    def owners(self, noun: Token) -> list[Token]:
        """Whose event or proposal a noun is: "Russia's demand", "the US offer", "a strike by
        X", "crimes committed by X"."""
        heads = children(noun, ("poss",))
        modifiers = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod")]
        modifiers += [
            m
            for c in modifiers
            if c.dep_ == "compound"
            for m in c.lefts
            if m.dep_ in ("amod", "compound")
        ]
        heads += [c for c in modifiers if self._names_actor(c)]
        heads += [
            o
            for p in noun.children
            if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from")
            for o in children(p, ("pobj",))
        ]
        for participle in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            heads += [o for a in children(participle, ("agent",)) for o in children(a, ("pobj",))]
        return heads

    def _names_actor(self, token: Token) -> bool:
        mention = self._by_token.get(token.i)
        if mention is not None:
            return _usable(mention) and not _against(token)
        known = (
            token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or _known_name(token) is not None
        )
        return known and not _against(token)

    def code_or_words(self, head: Token) -> list[Participant]:
        """The participants a phrase codes to, else the phrase itself as an uncoded actor
        ("university students", "the delegations"): who acted, even when unknown."""
        coded = self.code(head)
        entity = head.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
        if (
            coded
            or head.ent_type_ in ("DATE", "TIME")
            or not (head.pos_ in ("NOUN", "PROPN") or entity)
        ):
            return coded
        if not head.is_alpha or (head.pos_ == "PROPN" and head.dep_ != "nsubj" and len(head) < 3):
            return []  # pieces of a name the parser split ("al", "-")
        span = phrase_span(head, keep=("of",))
        return [Participant(span.text, span.start_char, span.end_char)]

    def antecedent(self, pronoun: Token) -> list[Participant]:
        """Who a pronoun stands for: a governing subject, a subject before it, or memory."""
        governing = _governing_subject(pronoun)
        if governing is not None:
            coded = self.code(governing)
            if coded:
                return coded
        for token in reversed(list(pronoun.sent[: pronoun.i - pronoun.sent.start])):
            if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in PRONOUNS:
                coded = self.code(token)
                if coded:
                    return coded
        return list(self.memory)

    def remember(self, sent: Span) -> None:
        """Keep the sentence's first coded subject for the pronouns of the next one."""
        for token in sent:
            if token.dep_ == "nsubj" and token.lower_ not in PRONOUNS:
                coded = self.code(token)
                if any(p.country or p.actor_id for p in coded):
                    self.memory = coded
                    return


def _against(token: Token) -> bool:
    """ "anti-Syria", "pro-Iranian": the name says what someone is for or against, not who."""
    if token.lower_.startswith(("anti-", "pro-")):
        return True
    doc, i = token.doc, token.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "pro")


def _as_place(participant: Participant, mention: ActorMention) -> Participant:
    """An unknown "person" the knowledge base knows as a place ("attacked Odesa", which the
    small model may tag PERSON) stands for that place's people."""
    if mention.actor_id or mention.country:
        return participant
    place = resolve_place(mention.text)
    if place.place_id and place.place_id.startswith("kb:") and place.country:
        return replace(participant, country=place.country, sector="CVL")
    return participant


def _on(span: Span, actor_id: str | None, country: str | None, sector: str | None) -> Participant:
    """A participant named by these words."""
    return Participant(span.text, span.start_char, span.end_char, actor_id, country, sector)


def _respan(participant: Participant, span: Span) -> Participant:
    return replace(participant, text=span.text, start=span.start_char, end=span.end_char)


def _listed(head: Token) -> list[Token]:
    """Names the parser hung as an apposition of a list: "the US, Russia, and Switzerland"."""
    found: list[Token] = []
    for child in head.children:
        if (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and head.pos_ == "PROPN"
            and child.conjuncts
        ):
            found += [child, *child.conjuncts]
    return found


def _usable(mention: ActorMention) -> bool:
    """A mention that names an actor: linked, coded, or an unknown person or organisation."""
    return bool(mention.actor_id or mention.country or mention.sector) or mention.kind in (
        "person",
        "organisation",
    )


def _known_name(head: Token) -> Actor | None:
    """A proper name the linker left alone that the knowledge base knows as a name or as a
    stand-in for a government ("Kyiv rejected")."""
    if head.pos_ != "PROPN":
        return None
    words = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
    key = name_key(" ".join(t.text for t in words))
    kb = actor_kb()
    if key in kb.metonyms:
        return kb.actors.get(kb.metonyms[key])
    ids = kb.aliases.get(key, set())
    return kb.actors.get(next(iter(ids))) if len(ids) == 1 else None


def _governing_subject(pronoun: Token) -> Token | None:
    """The subject of the clause that reports or governs the pronoun's clause."""
    verb = pronoun.head
    while verb.dep_ in ("ccomp", "xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "dobj"):
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects = [s for s in subjects if s.lower_ not in PRONOUNS and s.i != pronoun.i]
        if subjects:
            return subjects[0]
    return None


def _coordinated(mentions: list[ActorMention], doc: Doc) -> list[ActorMention]:
    """Mentions joined by "and" or a comma stand for several actors; otherwise the first one
    is the owner of the rest ("Russia's defence ministry")."""
    first = mentions[0]
    joined = [first]
    for mention in mentions[1:]:
        between = doc.text[joined[-1].end : mention.start].strip().lower()
        if between in ("and", ",", ", and", "or", "-", "/"):
            joined.append(mention)
    return joined if len(joined) > 1 else [first]


def _participant(span: Span, mention: ActorMention, sector: str | None) -> Participant:
    country = (
        "IGO" if mention.sector == "IGO" or mention.country in INTERNATIONAL else mention.country
    )
    own = mention.kind not in ("country",) and mention.method not in ("demonym",)
    return Participant(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        actor_id=mention.actor_id,
        country=country,
        sector=mention.sector if own or sector is None else sector,
    )


def _mention_span(doc: Doc, mention: ActorMention) -> Span:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    assert span is not None  # the mention came from this document
    return span


def _as_pronoun(participant: Participant, pronoun: Token) -> Participant:
    """The antecedent's actor, on the pronoun's own words (provenance stays in the sentence)."""
    return replace(
        participant, text=pronoun.text, start=pronoun.idx, end=pronoun.idx + len(pronoun)
    )


def phrase_span(head: Token, keep: tuple[str, ...]) -> Span:
    """The words of a noun phrase: the head, its modifiers, and prepositional phrases in
    ``keep``; relative clauses, appositions and coordinated phrases are left out."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in OUTSIDE and not (child.dep_ == "prep" and child.lemma_.lower() in keep):
            continue
        if child.dep_ == "det" and child.lower_ in ("the", "a", "an"):
            continue
        tokens += list(child.subtree)
    tokens = [
        t
        for t in tokens
        if not (t.is_punct and t.i in (min(x.i for x in tokens), max(x.i for x in tokens)))
    ] or [head]
    return head.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]


def head_sector(head: Token) -> str | None:
    """The sector a head noun gives ("soldiers": MIL, "officials": GOV)."""
    sectors = actor_kb().sectors
    return sectors.get(name_key(head.text)) or sectors.get(name_key(head.lemma_))
