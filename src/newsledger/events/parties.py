"""Source and target of an event, found from its trigger in the parse.

Verbs: the source is the subject (a passive's agent; the controller of an infinitive, "pressed
Kyiv to cede"; the subject shared with a coordinated verb); targets are the object, a passive
subject, the object of a preposition the type takes ("sanctions on", "talks with", "aid to"),
and for RETREAT a country it withdraws "from". An object that names no actor passes on its owner
("rejected the Russian demand": Russia) or the party its "in"/"of" phrase names ("a curfew in
Montenegro"); weapons are never targets. Nouns: the owner ("Russia's offensive", "a strike by
X"), else the subject of the light verb that carries them ("launched an offensive").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.events.arguments import PRONOUNS, Arguments
from newsledger.events.draft import without
from newsledger.events.lexicon import Lexicon
from newsledger.events.model import Participant
from newsledger.events.syntax import (
    STATIVE,
    carrier,
    children,
    explicit_subject,
    is_passive,
    is_verb,
    passive_subjects,
    prep_objects,
    subject_heads,
    words,
)
from newsledger.events.triggers import lemma_in

# Prepositions on an object that say whose it is or where it is ("offices of X", "curfew in Y").
LOCATING = frozenset({"of", "in", "near", "at"})
# Types whose target may sit in the clause they govern ("threatened to deliver blows to X").
VERBAL = frozenset({"THREATEN", "REQUEST", "REJECT", "AGREE", "ACCUSE"})
# Nouns that make their verb a statement: "issued a reminder to Iraq that it must...".
STATEMENTS = words(
    "reminder warning statement declaration message letter note appeal call ultimatum "
    "demand communique assurance notice"
)
# Types whose that-clause subject is the party acted on: "demanded that Kyiv withdraw",
# "allowed Ouattara to run".
ASKING = frozenset({"REQUEST", "CONCEDE", "RETREAT"})
REFUGE = frozenset({"refuge", "asylum", "shelter", "protection"})
# Types whose object is a thing handed over, not something of the target's.
GIVING = frozenset({"AID", "COOPERATE", "AGREE"})
# Types that take "of" on their noun ("invasion of X", "release of prisoners").
OF_TARGETS = frozenset({"ASSAULT", "COERCE"})


class Parties:
    """Finds and codes the participants of events in one document."""

    def __init__(self, args: Arguments, lex: Lexicon) -> None:
        self.args = args
        self.lex = lex

    def code_all(self, heads: list[Token]) -> list[Participant]:
        """The participants the heads name; a named entity the linker could not code still
        counts, by its words ("the European proposal": European)."""
        found: list[Participant] = []
        for head in heads:
            named = head.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
            coded = self.args.code_or_words(head) if named else self.args.code(head)
            found += [p for p in coded if p not in found]
        return found

    def subjects(self, verb: Token) -> tuple[list[Participant], bool]:
        """Who acts, and whether the verb names them itself; an unknown subject still counts."""
        heads = subject_heads(verb)
        found: list[Participant] = []
        for head in heads:
            coded = self.args.code(head) if self._thing(head) else self.args.code_or_words(head)
            found += [p for p in coded if p not in found]
        return found, explicit_subject(verb, heads, PRONOUNS)

    def _thing(self, head: Token) -> bool:
        """An event or a weapon in subject position ("the bombing killed"), not an actor."""
        lemma = head.lemma_.lower()
        return lemma in self.lex.nouns or lemma in self.lex.instruments

    def verb_targets(self, verb: Token, event_type: str, depth: int = 0) -> list[Participant]:
        preps = self.lex.preps_for(event_type)
        heads: list[Token] = []
        if is_passive(verb) and verb.lemma_.lower() not in STATIVE:
            heads += [x for s in passive_subjects(verb) for x in (s, *s.conjuncts)]
        for child in verb.children:
            heads += self._child_targets(verb, child, event_type, preps)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            heads.append(verb.head)  # "diplomats accused of spying": the diplomats
        if event_type == "RETREAT":  # "withdraw its troops from Lebanon"; a village is a place
            heads += [o for o in prep_objects(verb, ("from",)) if self.args.is_actor(o)]
        found = self._no_weapons(self.code_all(heads))
        if not found and event_type in VERBAL and depth < 2:
            for clause in children(verb, ("xcomp", "ccomp")):
                found += self.verb_targets(clause, event_type, depth + 1)
        return found

    def _child_targets(
        self, verb: Token, child: Token, event_type: str, preps: frozenset[str]
    ) -> list[Token]:
        if child.dep_ in ("dative", "iobj") and child.pos_ == "ADP":
            return [o for c in children(child, ("pobj",)) for o in self.object_targets(c, preps)]
        if child.dep_ in ("dobj", "dative", "iobj"):
            return self.object_targets(child, preps, given=event_type in GIVING)
        counted = child.lower_ == "to" and any(
            c.lower_ == "up" for c in verb.children
        )  # "up to 16"
        if child.dep_ == "prep" and (child.lower_ in preps or counted):
            return [o for c in children(child, ("pobj",)) for o in self.object_targets(c, preps)]
        if child.dep_ == "ccomp" and event_type in ASKING:  # "demanded that Kyiv", "allowed X to"
            return children(child, ("nsubj", "nsubjpass"))
        if child.dep_ == "prep" and child.lower_ == "in" and event_type == "REQUEST":
            sought = {o.lemma_.lower() for o in children(verb, ("dobj",))}
            return children(child, ("pobj",)) if sought & REFUGE else []  # "sought refuge in"
        return []

    def object_targets(self, obj: Token, preps: frozenset[str], given: bool = False) -> list[Token]:
        """An object that names an actor is the target; a proposal stands for its owner, and so
        does a thing attacked or seized ("hit Ukraine's grid") but not a thing ``given`` ("sent
        Patriot systems"); an object like "sanctions" passes on its own "on"/"against" or "in"
        phrase; weapons are what is used, never the target. Coordinated objects are read one
        by one."""
        return [t for each in (obj, *obj.conjuncts) for t in self._one_object(each, preps, given)]

    def _one_object(self, obj: Token, preps: frozenset[str], given: bool) -> list[Token]:
        lemma = obj.lemma_.lower()
        if lemma in self.lex.instruments:
            return []  # "launched drones at Ukraine": the drones are what is used
        if self.args.is_actor(obj):  # "strengthened its forces in Lebanon": Lebanon too
            return [obj, *(o for o in prep_objects(obj, ("in", "into")) if self._names_party(o))]
        content = lemma in self.lex.content_nouns or lemma in self.lex.nouns
        asked = lemma in self.lex.content_nouns and "from" in preps and "of" in preps
        owned = not asked and (content or not given)  # "demands from X": X is asked
        heads = self.args.owners(obj) if owned else []
        for prep in children(obj, ("prep",)):
            if prep.lower_ in preps or prep.lower_ in LOCATING:
                heads += [c for c in children(prep, ("pobj",)) if self._names_party(c)]
        if heads:
            return heads
        return [] if content or given or not self.args.code(obj) else [obj]

    def _names_party(self, token: Token) -> bool:
        """An actor or a place that stands for its people ("curfew in Montenegro")."""
        return self.args.is_actor(token) or self.args.is_place(token) or bool(self.args.code(token))

    def wrapper_objects(self, anchor: Token) -> list[Participant]:
        """Whom a wrapper addresses: "pressed Kyiv", "offered Ukraine", "the Russian demand"."""
        preps = self.lex.preps_for("*")
        heads: list[Token] = []
        for child in anchor.children:
            if child.dep_ in ("dative", "iobj") and child.pos_ == "ADP":
                heads += children(child, ("pobj",))
            elif child.dep_ in ("dobj", "dative", "iobj"):
                heads += self.object_targets(child, preps)
        return self.code_all(heads)

    def noun_sources(self, noun: Token, verb: Token | None) -> tuple[list[Participant], bool]:
        """The owner of an event noun ("Russia's offensive"), else the subject of the light verb
        that carries it ("Russia launched an offensive"), else a passive's agent."""
        found = self.code_all(self.args.owners(noun))
        if found or verb is None:
            return found, bool(found)
        held = carrier(noun)
        if held.dep_ in ("dobj", "attr", "oprd") and held.head.i == verb.i and self.carries(verb):
            return self.subjects(verb)
        if noun.dep_ == "nsubjpass":
            agents = [p for c in children(verb, ("agent",)) for p in c.children]
            return self.code_all(agents), bool(agents)
        return [], False

    def protested(self, anchor: Token, verbs: list[Token]) -> list[Participant]:
        """ "in protest against X" / "over X": what a protest is aimed at."""
        preps = self.lex.preps_for("PROTEST") | {"of"}
        heads: list[Token] = []
        for token in (anchor, *verbs):
            for noun in prep_objects(token, ("in",)):
                if noun.lemma_.lower() == "protest":
                    heads += [
                        o for c in prep_objects(noun, preps) for o in self.object_targets(c, preps)
                    ]
            heads += [
                o for c in prep_objects(token, ("over",)) for o in self.object_targets(c, preps)
            ]
        return self.code_all(heads)

    def noun_targets(self, noun: Token, verb: Token | None, event_type: str) -> list[Participant]:
        preps = (self.lex.preps_for(event_type) - {"between"}) | {"of"}
        heads = [o for c in prep_objects(noun, preps) for o in self.object_targets(c, preps)]
        if verb is not None and noun.dep_ in ("dobj", "attr") and noun.head.i == verb.i:
            heads += [o for c in prep_objects(verb, preps) for o in self.object_targets(c, preps)]
        if event_type == "RETREAT":
            heads += [o for o in prep_objects(noun, ("from",)) if self.args.is_actor(o)]
        return self._no_weapons(self.code_all(heads))

    def _no_weapons(self, found: list[Participant]) -> list[Participant]:
        """Coordinated objects may mix a weapon in ("artillery, mortar and rocket fire")."""

        def weapon(participant: Participant) -> bool:
            last = participant.text.lower().split()[-1] if participant.text.strip() else ""
            return last in self.lex.instruments or last.removesuffix("s") in self.lex.instruments

        return [p for p in found if not weapon(p)]

    def co_actors(self, anchor: Token, sources: list[Participant]) -> list[Participant]:
        """Meetings name their parties together: "talks between X and Y", "US-Russia talks"."""
        heads = [] if sources else prep_objects(self.stand_in(anchor), ("between",))
        if not is_verb(anchor):
            heads += [
                c
                for c in anchor.lefts
                if c.dep_ in ("compound", "amod", "nmod") and self.args.is_actor(c)
            ]
        return without(self.code_all(heads), sources)

    def mediated(self, anchor: Token, sources: list[Participant]) -> list[Participant]:
        """ "launched a mediation between X and Y": with a mediator named, X and Y are whom
        the meeting is held with."""
        return (
            without(self.code_all(prep_objects(self.stand_in(anchor), ("between",))), sources)
            if sources
            else []
        )

    def origin(self, anchor: Token) -> list[Participant]:
        """Who an attack came from when no subject says: "fired at it from the Gaza Strip",
        "killed in Israeli tank fire", "killed by a Russian drone"."""
        found = self.code_all(prep_objects(anchor, ("from",)))
        for means in prep_objects(anchor, ("in", "by", "with")):
            lemma = means.lemma_.lower()
            if lemma in self.lex.instruments or lemma in self.lex.nouns:
                found += [p for p in self.code_all(self.args.owners(means)) if p not in found]
        return found

    def givers(self, anchor: Token) -> list[Participant]:
        """Who gave what the subject "received": the "from" phrase."""
        return self.code_all(prep_objects(anchor, ("from",)))

    def stand_in(self, noun: Token) -> Token:
        """ "a mediation effort between X and Y": the arguments hang on the noun it modifies."""
        head = noun.head
        if (
            noun.dep_ == "compound"
            and head.pos_ == "NOUN"
            and head.lemma_.lower() not in self.lex.nouns
        ):
            return head
        return noun

    def carries(self, verb: Token) -> bool:
        """A light verb, or one that only says the event goes on or is done ("resumed")."""
        if lemma_in(verb, self.lex.light):
            return True
        return self.lex.wrappers.get(lemma_in(verb, self.lex.wrappers) or "") in (
            "aspect",
            "schedule",
        )

    def reporter(self, token: Token) -> list[Participant]:
        """Who reports the clause a word is in: the subject of the reporting verb above it
        ("Moscow said it would..."), or of the verb carrying a statement noun ("issued a
        reminder to Iraq that it must...")."""
        while token.head.i != token.i and token.dep_ in ("ccomp", "conj", "acl"):
            token = token.head
            stated = any(o.lemma_.lower() in STATEMENTS for o in children(token, ("dobj",)))
            if is_verb(token) and (lemma_in(token, self.lex.reporting) or stated):
                return self._speakers(subject_heads(token))
            if token.pos_ == "NOUN" and token.dep_ == "dobj":
                return self._speakers(subject_heads(token.head))
        return []

    def _speakers(self, heads: list[Token]) -> list[Participant]:
        found: list[Participant] = []
        for head in heads:
            found += [p for p in self.args.code_or_words(head) if p not in found]
        return found
