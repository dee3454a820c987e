"""The titles an article gives a person: "Russian Prime Minister Sergei Lavrov", "Zelensky, the
Ukrainian leader", "former president Volodymyr Zelensky".

A title is read from the words right before a linked person's name or from an appositive right
after it, and mapped to offices of the knowledge base: the exact cue phrases of ``offices.yaml``
first, else a generic title ("defence secretary") narrowed by a country word ("Russian").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsledger.findings.facts import ArticleFacts, Row
from newsledger.kb.actors import ActorKB, actor_kb
from newsledger.kb.names import name_key, strip_possessive

# Generic titles and the office-id endings they stand for.
_PRESIDENT = ("president",)
_PM = ("prime-minister", "premier")
_FOREIGN = ("foreign-minister", "secretary-of-state")
_DEFENCE = ("defence-minister", "secretary-of-defense", "defence-secretary")
GENERIC: dict[str, tuple[str, ...]] = {
    "president": _PRESIDENT,
    "head of state": _PRESIDENT,
    "prime minister": _PM,
    "premier": _PM,
    "pm": _PM,
    "foreign minister": _FOREIGN,
    "foreign secretary": _FOREIGN,
    "secretary of state": _FOREIGN,
    "top diplomat": _FOREIGN,
    "defence minister": _DEFENCE,
    "defense minister": _DEFENCE,
    "defence secretary": _DEFENCE,
    "defense secretary": _DEFENCE,
    "secretary of defense": _DEFENCE,
    "secretary of war": _DEFENCE,
    "war secretary": _DEFENCE,
    "press secretary": ("press-secretary", "presidential-spokesperson"),
    "national security adviser": ("national-security-adviser",),
    "national security advisor": ("national-security-adviser",),
    "vice president": ("vice-president",),
}
FORMER = {"former", "ex", "ex-"}
SKIP = {"then", "then-", "deputy", "vice", "acting", "interim", "late", "would-be", "future"}
HONORIFICS = {"sheikh", "mr", "mrs", "ms", "dr", "general", "gen", "prince"}
_WORD = re.compile(r"[\w'’.-]+|,")
_MAX_WORDS = 9
# Where a sentence or clause ends before a name; "U.S." is not such an end.
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?;:]\s|[\"”)\]]\s")


@dataclass(frozen=True, slots=True)
class TitleUse:
    """A title the article gives a linked person, with the offices it can mean."""

    actor_id: str
    name: str
    title: str
    offices: frozenset[str]
    former: bool
    start: int  # the title and the name together
    end: int
    sentence: int | None


def title_uses(facts: ArticleFacts) -> list[TitleUse]:
    """Every titled mention of a known person in the article."""
    kb = actor_kb()
    uses = []
    for mention in facts.actors:
        if mention.get("kind") != "person" or not mention.get("actor_id"):
            continue
        if mention.get("method") == "title":
            continue
        for found in (_before(facts.text, mention, kb), _after(facts.text, mention, kb)):
            if found is not None:
                uses.append(_with(found, facts))
    return uses


def _with(use: TitleUse, facts: ArticleFacts) -> TitleUse:
    return TitleUse(
        use.actor_id,
        use.name,
        use.title,
        use.offices,
        use.former,
        use.start,
        use.end,
        facts.sentence_of(use.start),
    )


def _before(text: str, mention: Row, kb: ActorKB) -> TitleUse | None:
    start = int(mention["start"])
    offset = max(0, start - 120)
    window = text[offset:start]
    cut = list(_SENTENCE_END.finditer(window))
    if cut:
        offset += cut[-1].end()
        window = window[cut[-1].end() :]
    matches = list(_WORD.finditer(window))
    while matches and name_key(matches[-1].group()) in HONORIFICS:
        matches.pop()
    if matches and matches[-1].group() == ",":
        matches.pop()  # "The foreign minister, Andrii Sybiha"
    words = matches[-_MAX_WORDS:]
    best = _longest([m.group() for m in words], kb, from_end=True)
    if best is None:
        return None
    count, offices = best
    first = words[len(words) - count]
    before = words[len(words) - count - 1].group().lower() if len(words) > count else ""
    if before.rstrip("-") in {s.rstrip("-") for s in SKIP}:
        return None
    former = before in FORMER or first.group().lower().startswith("ex-")
    title_start = offset + first.start()
    if former and len(words) > count:
        title_start = offset + words[len(words) - count - 1].start()
    title = " ".join(w.group() for w in words[len(words) - count :])
    return TitleUse(
        mention["actor_id"],
        mention.get("name") or mention["text"],
        title,
        offices,
        former,
        title_start,
        int(mention["end"]),
        None,
    )


def _after(text: str, mention: Row, kb: ActorKB) -> TitleUse | None:
    end = int(mention["end"])
    window = text[end : end + 120]
    head = re.match(r"\s*,\s*(?:(the|a)\s+)?", window)
    if head is None:
        return None
    rest = window[head.end() :]
    stop = re.search(r"[,.;:()\n]|\s(said|says|told|who)\b", rest)
    rest = rest[: stop.start()] if stop else rest
    words = [m.group() for m in _WORD.finditer(rest)][:_MAX_WORDS]
    former = bool(words) and words[0].lower() in FORMER
    if words and (words[0].lower() in FORMER or words[0].lower() in SKIP):
        if words[0].lower() in SKIP:
            return None
        words = words[1:]
    best = _longest(words, kb, from_end=False)
    if best is None or best[0] != len(words):
        return None  # the appositive must be the title and nothing else
    title = " ".join(words)
    title_end = end + head.end() + rest.find(words[-1]) + len(words[-1])
    return TitleUse(
        mention["actor_id"],
        mention.get("name") or mention["text"],
        title,
        best[1],
        former,
        int(mention["start"]),
        title_end,
        None,
    )


def _longest(words: list[str], kb: ActorKB, *, from_end: bool) -> tuple[int, frozenset[str]] | None:
    """The most words at the end (or start) of ``words`` that name offices."""
    for count in range(len(words), 0, -1):
        part = words[-count:] if from_end else words[:count]
        if part[0] == "," or part[-1] == ",":
            continue
        offices = offices_for(" ".join(part), kb)
        if offices:
            return count, offices
    return None


def offices_for(phrase: str, kb: ActorKB | None = None) -> frozenset[str]:
    """The offices a title phrase can mean: "Russian prime minister" -> {rus.prime-minister}."""
    kb = kb or actor_kb()
    key = strip_possessive(name_key(phrase))
    if key in kb.cues:  # a bare generic cue ("defence secretary") may mean any country's
        return frozenset(kb.cues[key]) | _offices_ending(kb, GENERIC.get(key, ()), None)
    for generic, endings in GENERIC.items():
        if key == generic:
            return _offices_ending(kb, endings, None)
        if key.endswith(" " + generic):
            country = _country(key[: -len(generic) - 1], kb)
            if country is not None:
                return _offices_ending(kb, endings, country)
    return frozenset()


def _offices_ending(kb: ActorKB, endings: tuple[str, ...], country: str | None) -> frozenset[str]:
    return frozenset(
        office.id
        for office in kb.offices.values()
        if office.id.split(".", 1)[-1] in endings and (country is None or office.country == country)
    )


def _country(words: str, kb: ActorKB) -> str | None:
    """The country a word before a title names: "Russian", "U.S.", "Ukraine's"."""
    return _countries(id(kb)).get(strip_possessive(words))


@lru_cache(maxsize=2)
def _countries(_kb_id: int) -> dict[str, str]:
    kb = actor_kb()
    found: dict[str, str] = {}
    for key, actor_id in list(kb.demonyms.items()) + list(kb.metonyms.items()):
        country = kb.actors[actor_id].country if actor_id in kb.actors else None
        if country:
            found[key] = country
    for actor in kb.actors.values():
        if actor.kind == "country" and actor.country:
            found[name_key(actor.name)] = actor.country
    for key in kb.aliases:
        ids = kb.aliases[key]
        countries = {kb.actors[i].country for i in ids if kb.actors[i].kind == "country"}
        if len(countries) == 1:
            found.setdefault(key, str(next(iter(countries))))
    found.update({"us": "USA", "u s": "USA", "american": "USA", "uk": "GBR", "british": "GBR"})
    return found
