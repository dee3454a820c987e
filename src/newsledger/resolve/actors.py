"""Link person, organisation, country and title mentions to actors of the knowledge base.

What resolves, in order of evidence: a full name or alias; a metonym used as an actor ("Moscow
rejected", not "in Moscow"); a demonym ("Ukrainian officials"); a title or description
("the Ukrainian leader", "Kremlin spokesman") by who held the office on the article's date; a
bare surname after a first mention in the same article, or one that only one known person has.
People and groups the knowledge base does not know stay as unresolved mentions with their text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from newsledger.kb.actors import PERSON, Actor, ActorKB, actor_kb
from newsledger.kb.names import name_key, strip_possessive
from newsledger.records import ActorMention

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# A capital in these positions is a place, not its government ("talks in Moscow").
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "to",
        "into",
        "from",
        "outside",
        "inside",
        "across",
        "around",
        "over",
        "toward",
        "towards",
        "via",
        "through",
        "within",
        "of",
        "outskirts",
        "above",
        "beyond",
        "off",
        "throughout",
    }
)
# Countries are actors after "to", "of", "on", "against" ("aid to Ukraine", "invasion of
# Ukraine"); only these make them a place.
COUNTRY_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "across",
        "around",
        "throughout",
        "within",
        "into",
        "through",
        "outside",
        "via",
    }
)
# Heads a demonym or a capital only locates: "the Ukrainian capital", "Moscow time".
PLACE_NOUNS = frozenset(
    {
        "capital",
        "territory",
        "territories",
        "village",
        "city",
        "town",
        "soil",
        "border",
        "region",
        "land",
        "lands",
        "airspace",
        "time",
        "port",
        "coast",
        "waters",
        "language",
        "side",
        "outskirts",
        "street",
        "centre",
        "center",
        "suburb",
        "district",
        "oblast",
        "province",
        "power",
        "grid",
        "system",
        "process",
    }
)
TITLE_POS = {"PROPN", "ADJ", "NOUN", "PART"}
HONORIFICS = {"sheikh", "mr", "mrs", "ms", "dr", "general", "gen", "prince", "emir", "king"}
# Verbs whose object is a destination or origin ("envoys left Moscow").
MOTION = {
    "come",
    "depart",
    "withdraw",
    "evacuate",
    "drive",
    "sail",
    "move",
    "head",
    "leave",
    "visit",
    "reach",
    "enter",
    "arrive",
    "travel",
    "fly",
    "flee",
    "tour",
    "return",
    "strike",
    "hit",
    "attack",
    "shell",
    "bomb",
    "target",
    "capture",
    "encircle",
    "liberate",
}


@dataclass
class _Article:
    """What the linker remembers while reading one article."""

    day: date | None
    seen: dict[str, str] = field(default_factory=dict)  # surname key -> actor id
    unknown: dict[str, str] = field(default_factory=dict)  # surname key -> full unknown name
    mentioned: set[str] = field(default_factory=set)


def link_actors(
    doc: Doc, published: date | None, sentence_days: Mapping[int, date] | None = None
) -> list[ActorMention]:
    """Actor mentions of a parsed Doc, resolved against the knowledge base at ``published``.

    ``sentence_days`` gives the date a sentence is about when it names one ("in 2023 the
    Ukrainian foreign minister..."): titles in that sentence resolve to that day's holder.
    """
    kb = actor_kb()
    state = _Article(published)
    cues = _cue_spans(doc, kb)
    sentence_of = {sent.start: index for index, sent in enumerate(doc.sents)}
    found: list[ActorMention] = []
    for span in _candidates(doc, cues):
        state.day = (sentence_days or {}).get(sentence_of[span.sent.start], published)
        mention = _link(span, kb, state, cues)
        if mention is not None:
            found.append(mention)
            if mention.actor_id:
                state.mentioned.add(mention.actor_id)
    return sorted(found, key=lambda m: m.start)


def _candidates(doc: Doc, cues: list[Span]) -> Iterable[Span]:
    """Entities and title phrases, in text order; a title right before a name is the name's."""
    entities = [e for e in doc.ents if e.label_ in ACTOR_LABELS]
    entities += _missed_names(doc, entities)
    spans = list(entities)
    for cue in cues:
        people = [e for e in entities if e.label_ == "PERSON"]
        if any(_touches(cue, e) for e in people) and not any(_inside(e, cue) for e in people):
            # the title belongs to the name: "Kremlin" in it is not a mention of its own
            spans = [s for s in spans if s.label_ == "PERSON" or not _overlaps(s, cue)]
        elif not any(_overlaps(cue, e) for e in people) or any(_inside(e, cue) for e in people):
            # a title alone, or one that holds a name ("Zelensky's chief of staff")
            spans = [s for s in spans if not _overlaps(s, cue)]
            spans.append(cue)
    return sorted(spans, key=lambda s: s.start)


def _inside(name: Span, cue: Span) -> bool:
    """The name is part of the title phrase and the phrase goes on after it."""
    return cue.start <= name.start and name.end < cue.end


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _touches(cue: Span, person: Span) -> bool:
    """The cue overlaps the name or stands right before it ("Kremlin spokesman Dmitry Peskov",
    "UAE President Sheikh Mohamed")."""
    if _overlaps(cue, person):
        return True
    if person.start < cue.end:
        return False
    between = cue.doc[cue.end : person.start]
    return len(between) <= 2 and all(t.is_punct or t.lower_ in HONORIFICS for t in between)


def _link(span: Span, kb: ActorKB, state: _Article, cues: list[Span]) -> ActorMention | None:
    if span.label_ == "CUE":
        return _by_title(span, kb, state)
    key = strip_possessive(name_key(span.text))
    if key in kb.metonyms and span.label_ != "NORP":  # the NER sometimes calls "Kyiv" a PERSON
        return _metonym(span, key, kb, state) if _acts(span) else None
    if _shadowed(span, key, state):
        return _unresolved(span, "person", state.unknown[key])
    ids = kb.aliases.get(key)
    if ids:
        return _from_ids(span, ids, kb, state, "alias") if _acts_or_person(span, ids, kb) else None
    if span.label_ == "NORP" or _demonym_key(key, kb):  # "Ukrainian" is sometimes a GPE
        return _demonym(span, key, kb, state)
    if span.label_ == "PERSON":
        return _by_surname(span, key, kb, state)
    if span.label_ == "ORG":
        return _unresolved(span, "organisation")
    return None  # an unknown GPE is a place, not an actor: the place layer has it


def _shadowed(span: Span, key: str, state: _Article) -> bool:
    """A bare surname first seen as an unknown person's ("Gordon Brown ... Brown")."""
    return len(span) == 1 and key in state.unknown and key not in state.seen


def _acts_or_person(span: Span, ids: set[str], kb: ActorKB) -> bool:
    """A country named as a place ("peace in Ukraine") is not an actor; anything else is."""
    return any(kb.actors[i].kind != "country" for i in ids) or _acts(span, COUNTRY_LOCATIVE)


def _demonym_key(key: str, kb: ActorKB) -> str | None:
    if key in kb.demonyms:
        return key
    return key[:-1] if key.endswith("s") and key[:-1] in kb.demonyms else None


def _from_ids(span: Span, ids: set[str], kb: ActorKB, state: _Article, method: str) -> ActorMention:
    actors = [kb.actors[i] for i in sorted(ids)]
    if len(actors) > 1:
        actors = _prefer(actors, span, kb, state)
    actor = actors[0]
    confidence = 1.0 if len(actors) == 1 else 0.6
    _remember(actor, state)
    return _mention(span, actor, kb, state, method, confidence)


def _prefer(actors: list[Actor], span: Span, kb: ActorKB, state: _Article) -> list[Actor]:
    """Among namesakes: one already in the article, then one in office, then a person."""

    def score(actor: Actor) -> tuple[bool, bool, bool]:
        return (
            actor.id in state.mentioned,
            bool(kb.roles_on(actor, state.day)),
            (actor.kind == PERSON) == (span.label_ == "PERSON"),
        )

    return sorted(actors, key=score, reverse=True)


def _remember(actor: Actor, state: _Article) -> None:
    if actor.kind == PERSON:
        state.seen[name_key(actor.name).split()[-1]] = actor.id


def _by_surname(span: Span, key: str, kb: ActorKB, state: _Article) -> ActorMention:
    parts = key.split()
    surname = parts[-1] if parts else key
    if surname in state.seen and (len(parts) == 1 or key in kb.aliases):
        actor = kb.actors[state.seen[surname]]
        return _mention(span, actor, kb, state, "surname", 0.9)
    known = kb.surnames.get(surname, set())
    if len(parts) == 1 and len(known) == 1:
        actor = kb.actors[next(iter(known))]
        _remember(actor, state)
        return _mention(span, actor, kb, state, "surname", 0.75)
    if len(parts) > 1:
        state.unknown.setdefault(surname, span.text)
    return _unresolved(span, "person", state.unknown.get(surname))


def _metonym(span: Span, key: str, kb: ActorKB, state: _Article) -> ActorMention:
    actor = kb.actors[kb.metonyms[key]]
    return _mention(span, actor, kb, state, "metonym", 0.85)


def _demonym(span: Span, key: str, kb: ActorKB, state: _Article) -> ActorMention | None:
    """A demonym naming people or an actor ("Ukrainians", "Russian troops"), not a thing."""
    singular = _demonym_key(key, kb)
    if singular is None:
        return _unresolved(span, "group")
    actor = kb.actors[kb.demonyms[singular]]
    sector = _head_sector(span.root, kb)
    if sector is None and not _names_people(span):
        return None  # "the Ukrainian capital", "Russian territory": not an actor
    return _mention(span, actor, kb, state, "demonym", 0.8, sector=sector or actor.sector)


def _names_people(span: Span) -> bool:
    """A demonym stands for its state unless it only locates something ("Russian territory")."""
    root = span.root
    if root.dep_ not in ("amod", "compound", "nmod"):
        return True
    return root.head.lemma_.lower() not in PLACE_NOUNS


def _head_sector(token: Token, kb: ActorKB) -> str | None:
    """The sector of the noun a demonym modifies: "Russian troops" -> MIL."""
    head = token.head if token.dep_ in ("amod", "compound", "nmod") else token
    for text in (head.text, head.lemma_):
        sector = kb.sectors.get(name_key(text))
        if sector:
            return sector
    return None


def _by_title(span: Span, kb: ActorKB, state: _Article) -> ActorMention:
    offices = sorted(kb.cues[name_key(span.text)])
    holders = [a for office in offices for a in kb.holders(office, state.day)]
    holders = _prefer(list(dict.fromkeys(holders)), span, kb, state) if holders else []
    if holders and (len(holders) == 1 or holders[0].id in state.mentioned):
        actor = holders[0]
        _remember(actor, state)
        return _mention(span, actor, kb, state, "title", 0.9 if len(holders) == 1 else 0.7)
    office = kb.offices[offices[0]]
    return ActorMention(
        span.start_char,
        span.end_char,
        span.text,
        None,
        None,
        "person",
        office.country,
        office.sector,
        office.title,
        "unresolved",
        0.0,
    )


def _mention(
    span: Span,
    actor: Actor,
    kb: ActorKB,
    state: _Article,
    method: str,
    confidence: float,
    sector: str | None = None,
) -> ActorMention:
    """A linked mention; ``sector`` overrides the actor's ("Russian troops" -> MIL)."""
    roles = kb.roles_on(actor, state.day)
    return ActorMention(
        span.start_char,
        span.end_char,
        span.text,
        actor.id,
        actor.name,
        actor.kind,
        actor.country,
        sector or actor.sector,
        roles[0].title if roles else None,
        method,
        confidence,
    )


def _unresolved(span: Span, kind: str, name: str | None = None) -> ActorMention:
    """An actor the knowledge base does not know, described by the words around its name."""
    country, sector = _describe(span, actor_kb())
    return ActorMention(
        span.start_char,
        span.end_char,
        span.text,
        None,
        name or span.text,
        kind,
        country,
        sector,
        None,
        "unresolved",
        0.0,
    )


def _describe(span: Span, kb: ActorKB) -> tuple[str | None, str | None]:
    """Country and sector from the title or name words: "French Foreign Minister X" -> FRA, GOV."""
    window = _title_window(span)
    country = sector = None
    for index in range(len(window) - 1, -1, -1):
        key = strip_possessive(name_key(window[index].text))
        if country is None:
            country = _country_of(key, kb)
        if sector is None and index > 0:  # two-word agents first: "central bank", "air force"
            sector = kb.sectors.get(name_key(f"{window[index - 1].text} {window[index].text}"))
        if sector is None:
            sector = kb.sectors.get(key) or kb.sectors.get(name_key(window[index].lemma_))
    return country, sector


def _title_window(span: Span) -> list[Token]:
    """The span's words and the title words right before it (adjectives, nouns, "'s")."""
    doc = span.doc
    start = span.start
    while start > 0 and span.start - start < 5 and doc[start - 1].pos_ in TITLE_POS:
        start -= 1
    return list(doc[start : span.end])


def _country_of(key: str, kb: ActorKB) -> str | None:
    """The country a demonym, country name or capital stands for."""
    actor_id = kb.demonyms.get(key) or kb.demonyms.get(key.rstrip("s")) or kb.metonyms.get(key)
    if actor_id is None:
        ids = [i for i in kb.aliases.get(key, ()) if kb.actors[i].kind == "country"]
        actor_id = ids[0] if ids else None
    return kb.actors[actor_id].country if actor_id else None


def _acts(span: Span, locative: frozenset[str] = LOCATIVE) -> bool:
    """Is a name used for an actor ("Moscow said") rather than a place ("in Moscow")?"""
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "pobj":
        preposition = token.head
        if preposition.lower_ == "from":  # "a readout from Washington" vs "flew from Moscow"
            return preposition.head.lemma_ not in MOTION
        return preposition.lower_ not in locative
    if token.dep_ == "dobj" and token.head.lemma_ in MOTION:
        return False
    if token.dep_ in ("compound", "nmod") and token.head.pos_ == "NOUN":
        return token.head.lemma_.lower() not in PLACE_NOUNS  # "Kyiv police", not "Moscow time"
    return token.dep_ not in ("npadvmod", "appos") or token.head.pos_ == "VERB"


def _missed_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """Known names the NER did not tag ("Zelenskyy later spoke", "the FSB"), as written."""
    kb = actor_kb()
    matcher = _alias_matcher(doc.vocab, id(kb))
    found: list[Span] = []
    for _, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        span = doc[start:end]
        short = len(span.text) <= 4
        if not (span[0].is_upper if short else span[0].is_title or span[0].is_upper):
            continue
        if any(_overlaps(span, other) for other in [*entities, *found]):
            continue
        ids = kb.aliases.get(name_key(span.text), set())
        people = any(kb.actors[i].kind == PERSON for i in ids)
        found.append(Span(doc, start, end, label="PERSON" if people else "ORG"))
    return found


@lru_cache(maxsize=4)
def _alias_matcher(vocab: Any, _kb_id: int) -> PhraseMatcher:
    """Names worth finding when the NER misses them: people, organisations, acronyms."""
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    kb = actor_kb()
    names = {
        alias
        for alias, ids in kb.aliases.items()
        if (len(alias) > 3 or _is_acronym(alias, ids, kb))
        and any(kb.actors[i].kind != "country" for i in ids)
    }
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("ALIAS", [tokenizer(name) for name in sorted(names)])
    return matcher


def _is_acronym(alias: str, ids: set[str], kb: ActorKB) -> bool:
    """A short alias that some actor writes in capitals ("FSB", "SBU", "UN")."""
    return len(alias) >= 2 and alias.isalpha() and any(kb.actors[i].kind != PERSON for i in ids)


def _cue_spans(doc: Doc, kb: ActorKB) -> list[Span]:
    matcher = _cue_matcher(doc.vocab, id(kb))
    spans = [Span(doc, start, end, label="CUE") for _, start, end in matcher(doc)]
    longest: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if not longest or span.start >= longest[-1].end:
            longest.append(span)
    return longest


@lru_cache(maxsize=4)
def _cue_matcher(vocab: Any, _kb_id: int) -> PhraseMatcher:
    """Title phrases as written and in key form: "secretary-general", "U.S. president"."""
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    kb = actor_kb()
    phrases = set(kb.cue_phrases) | set(kb.cues)
    phrases |= {"u.s. " + p[3:] for p in phrases if p.startswith("us ")}
    matcher = PhraseMatcher(vocab, attr="LOWER")
    # Tokenizer exceptions are case-sensitive ("U.S." is one token, "u.s." is not).
    patterns = [tokenizer(p) for p in sorted(phrases)] + [
        tokenizer(p.upper() if len(p) <= 5 else p.title()) for p in sorted(phrases) if "." in p
    ]
    matcher.add("CUE", patterns)
    return matcher


@dataclass(frozen=True)
class ActorCode:
    """Country and sector codes for a short actor description ("Ukrainian farmers")."""

    actor_id: str | None
    country: str | None
    sector: str | None


INTERNATIONAL = {"NATO", "EUR", "UNO", "IGO"}


def code_actor(doc: Doc, published: date | None) -> ActorCode | None:
    """Code a parsed actor description: the head mention's actor, else the head noun's sector.

    None when nothing in the text names an actor (no known name, demonym or agent word).
    """
    kb = actor_kb()
    mentions = link_actors(doc, published)
    resolved = [m for m in mentions if m.actor_id or m.country]
    sector = _head_sector(doc[:].root, kb) if len(doc) else None
    if not resolved:
        return ActorCode(None, None, sector) if sector else None
    main = max(resolved, key=lambda m: (m.kind in ("person", "organisation"), m.end - m.start))
    country = "IGO" if main.sector == "IGO" or main.country in INTERNATIONAL else main.country
    if main.method == "demonym" or main.kind == "country":
        return ActorCode(main.actor_id, country, sector or main.sector)
    return ActorCode(main.actor_id, country, main.sector)
