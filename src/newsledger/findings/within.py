"""Checks inside one article: conflicting titles, ordinals and spellings, and weak sourcing."""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher
from itertools import combinations

from newsledger.findings.facts import ArticleFacts, Row
from newsledger.findings.model import Finding, finding
from newsledger.findings.ordinals import ordinal_periods
from newsledger.findings.titles import TitleUse, title_uses
from newsledger.kb.actors import actor_kb
from newsledger.kb.loader import load_entries
from newsledger.kb.names import name_key, strip_possessive

# Words around a place name that do not change which place it is ("Donetsk region").
_PLACE_WORDS = re.compile(r"\b(region|oblast|province|krai|city|district|the)\b")
_PRONOUNS = {"he", "she", "they", "it", "who", "which", "that", "this", "we", "i", "its", "his"}
_ALLEGATION = re.compile(
    r"\b(accused of|accusations? of|allegedly|siphon\w*|embezzl\w*|corrupt\w*|brib\w+|"
    r"kickbacks?|stole|stolen|launder\w*|rigged|fabricat\w+|secretly|secret deal|cover-up|"
    r"war crimes?|genocide|puppet|forced out|misappropriat\w*|plotting)\b",
    re.I,
)
_VAGUE_TYPES = ("document or report", "unknown")
_UNNAMED_TYPES = ("anonymous official", "unnamed critics or observers")
_CLAIMANT_TYPES = {"critics/observers": "unnamed critics or observers"}
_NOBODY = {
    "nobody",
    "everybody",
    "everyone",
    "no one",
    "anyone",
    "someone",
    "most people",
    "most of them",
    "many",
    "some",
    "all",
    "people",
}
_HEARSAY = re.compile(r"\b(reportedly|rumou?red|is said to|are said to|supposedly)\b", re.I)


def within_findings(facts: ArticleFacts) -> list[Finding]:
    """Every check that needs nothing but the article itself."""
    return [
        *title_conflicts(facts),
        *ordinal_conflicts(facts),
        *spelling_variants(facts),
        *anonymous_sources(facts),
        *unsourced_allegations(facts),
    ]


# -- titles -----------------------------------------------------------------------------------


def title_conflicts(facts: ArticleFacts, uses: list[TitleUse] | None = None) -> list[Finding]:
    """One person given two titles that cannot both be theirs at once."""
    kb = actor_kb()
    by_actor: dict[str, list[TitleUse]] = defaultdict(list)
    for use in uses if uses is not None else title_uses(facts):
        if not use.former:
            by_actor[use.actor_id].append(use)
    found = []
    for actor_id, items in by_actor.items():
        actor = kb.actors.get(actor_id)
        held = {o.id for o in kb.roles_on(actor, facts.day)} if actor else set()
        for one, other in combinations(items, 2):
            if one.offices & other.offices or (one.offices | other.offices) <= held:
                continue
            message = (
                f"{one.name} is called {one.title!r} and also {other.title!r}: "
                "two different offices"
            )
            evidence = [facts.evidence(one.start, one.end), facts.evidence(other.start, other.end)]
            found.append(
                finding(
                    "title-conflict",
                    "warning",
                    message,
                    evidence,
                    one.sentence,
                    actor_id=actor_id,
                    titles=[one.title, other.title],
                )
            )
            break
    return found


# -- ordinals ---------------------------------------------------------------------------------


def ordinal_conflicts(facts: ArticleFacts) -> list[Finding]:
    """Two different ordinals for the same period ("its fifth year" ... "its sixth year")."""
    groups: dict[tuple[str, object], dict[int, list[int]]] = defaultdict(dict)
    periods = ordinal_periods(facts)
    for index, period in enumerate(periods):
        groups[(period.unit, period.base)].setdefault(period.ordinal, []).append(index)
    found = []
    for (unit, base), by_ordinal in groups.items():
        if len(by_ordinal) < 2:
            continue
        firsts = [periods[indexes[0]] for indexes in by_ordinal.values()]
        names = " and ".join(repr(p.text) for p in firsts)
        message = f"the same period (from {base}) is called {names}: different ordinals"
        evidence = [facts.evidence(p.start, p.end) for p in firsts]
        found.append(
            finding(
                "ordinal-conflict",
                "warning",
                message,
                evidence,
                firsts[0].sentence,
                unit=unit,
                base=str(base),
                ordinals=sorted(by_ordinal),
            )
        )
    return found


# -- spellings --------------------------------------------------------------------------------


def spelling_variants(facts: ArticleFacts) -> list[Finding]:
    """One place spelt several ways ("Donbas" and "Donbass"; "Abu Dhabi" and "Abu Dabi")."""
    spellings: dict[str, dict[str, Row]] = defaultdict(dict)
    for place in facts.places:
        key = _spelling_key(place["text"])
        if place.get("place_id") and key:
            spellings[place["place_id"]].setdefault(key, place)
    found = [_known_variants(facts, pid, forms) for pid, forms in spellings.items()]
    found += _misspellings(facts, spellings)
    return [f for f in found if f is not None]


def _spelling_key(text: str) -> str:
    key = strip_possessive(name_key(text))
    return _PLACE_WORDS.sub(" ", key).strip()


def _known_variants(facts: ArticleFacts, place_id: str, forms: dict[str, Row]) -> Finding | None:
    keys = sorted(forms, key=lambda k: forms[k]["start"])
    similar = [(a, b) for a, b in combinations(keys, 2) if _similar(a, b)]
    if not similar:
        return None
    shown = [forms[k] for k in keys if any(k in pair for pair in similar)]
    name = shown[0].get("name") or shown[0]["text"]
    texts = ", ".join(repr(p["text"]) for p in shown)
    message = f"{name} is spelt {len(shown)} ways in the article: {texts}"
    evidence = [facts.evidence(p["start"], p["end"]) for p in shown]
    return finding(
        "spelling-variants",
        "info",
        message,
        evidence,
        facts.sentence_of(shown[0]["start"]),
        place_id=place_id,
        spellings=[p["text"] for p in shown],
    )


def _misspellings(facts: ArticleFacts, spellings: dict[str, dict[str, Row]]) -> list[Finding]:
    """An unresolved place name within a letter or two of a resolved one in the same article."""
    known = {key: (pid, row) for pid, forms in spellings.items() for key, row in forms.items()}
    found = []
    seen: set[str] = set()
    for place in facts.places:
        key = _spelling_key(place["text"])
        if place.get("place_id") or len(key) < 5 or key in seen or key in _known_names():
            continue
        for other, (pid, row) in known.items():
            if SequenceMatcher(None, key, other).ratio() >= 0.85 and key != other:
                seen.add(key)
                message = f"{place['text']!r} looks like a misspelling of {row['text']!r}"
                evidence = [
                    facts.evidence(row["start"], row["end"]),
                    facts.evidence(place["start"], place["end"]),
                ]
                found.append(
                    finding(
                        "spelling-variants",
                        "warning",
                        message,
                        evidence,
                        facts.sentence_of(place["start"]),
                        place_id=pid,
                        spellings=[row["text"], place["text"]],
                    )
                )
                break
    return found


def _similar(a: str, b: str) -> bool:
    return a != b and SequenceMatcher(None, a, b).ratio() >= 0.7


def _known_names() -> frozenset[str]:
    return _place_names(tuple(id(e) for e in load_entries("places")[:1]))


_NAMES: dict[tuple[int, ...], frozenset[str]] = {}


def _place_names(key: tuple[int, ...]) -> frozenset[str]:
    if key not in _NAMES:
        names = set()
        for entry in load_entries("places"):
            for name in [entry.get("name"), *(entry.get("aliases") or [])]:
                if name:
                    names.add(_spelling_key(str(name)))
        _NAMES.clear()
        _NAMES[key] = frozenset(names)
    return _NAMES[key]


# -- sourcing ---------------------------------------------------------------------------------


def anonymous_sources(facts: ArticleFacts) -> list[Finding]:
    """Claims that rest only on anonymous or unnamed sources."""
    if facts.claims:
        items = [_from_claim(c) for c in facts.claims if _anonymous(c)]
    else:
        items = [a for a in facts.attributions if a["anonymous"]]
    named = [
        a
        for a in facts.attributions
        if not a["anonymous"] and a.get("source") and a["source_type"] not in _VAGUE_TYPES
    ]
    found = []
    seen: set[tuple[int, int]] = set()
    for item in items:
        source = item.get("source")
        if source is None or _not_a_source(source["text"]):
            continue
        if item["source_type"] not in _UNNAMED_TYPES:
            continue
        content = item["content"]
        if (source["start"], content["start"]) in seen:
            continue
        seen.add((source["start"], content["start"]))
        if any(_overlap(content["text"], n["content"]["text"]) >= 0.5 for n in named):
            continue  # a named source in the same article says the same
        severity = "info" if _described(source["text"], item) else "warning"
        message = f"rests only on an unnamed source: {source['text']!r}"
        evidence = [
            facts.evidence(source["start"], source["end"]),
            facts.evidence(content["start"], content["end"]),
        ]
        evidence.sort(key=lambda e: e.start)
        found.append(
            finding(
                "anonymous-source",
                severity,
                message,
                evidence,
                item.get("sentence"),
                source=source["text"],
                source_type=item["source_type"],
            )
        )
    return found


def _anonymous(claim: Row) -> bool:
    return bool(claim.get("anonymous")) and not claim.get("unsourced")


def _from_claim(claim: Row) -> Row:
    """A claim in the shape of an attribution, for the checks above."""
    kind = str(claim.get("claimant_type") or "unknown")
    return {
        "source": claim.get("claimant"),
        "content": {"text": claim["text"], "start": claim["start"], "end": claim["end"]},
        "source_type": _CLAIMANT_TYPES.get(kind, kind),
        "anonymous": True,
        "chain": claim.get("chain") or [],
        "sentence": claim.get("sentence"),
    }


def _not_a_source(text: str) -> bool:
    key = name_key(text)
    return key in _PRONOUNS or key in _NOBODY or key.startswith(("not ", "no "))


def _described(source: str, item: Row) -> bool:
    """An unnamed source placed somewhere ("a senior Ukrainian official", "a Kremlin source",
    eight sources relayed by a named outlet) rather than bare ("sources", "insiders")."""
    words = source.split()
    if any(w[:1].isupper() for w in words[1:]):
        return True
    if any(
        link.get("type") == "outlet" and not link.get("anonymous")
        for link in item.get("chain") or []
    ):
        return True
    return any(name_key(w) in actor_kb().demonyms for w in words)


def _overlap(a: str, b: str) -> float:
    one, two = _content_words(a), _content_words(b)
    return len(one & two) / max(len(one), 1) if one and two else 0.0


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3}


def unsourced_allegations(facts: ArticleFacts) -> list[Finding]:
    """Allegations in the article's own voice with no source at all."""
    found = [_unsourced_claim(facts, c) for c in facts.claims if c.get("unsourced")]
    flagged = {f.sentence for f in found}
    for sentence in facts.sentences:
        if sentence["index"] in flagged:
            continue
        text = facts.text[sentence["start"] : sentence["end"]]
        for pattern, severity in ((_ALLEGATION, "warning"), (_HEARSAY, "info")):
            match = pattern.search(text)
            if match is None:
                continue
            cue = sentence["start"] + match.start()
            if _sourced(facts, cue):
                continue
            start, end = sentence["start"], sentence["end"]
            message = f"an allegation with no source ({match.group()!r})"
            found.append(
                finding(
                    "unsourced-allegation",
                    severity,
                    message,
                    [facts.evidence(start, end)],
                    sentence["index"],
                    cue=match.group(),
                )
            )
            break
    return found


def _unsourced_claim(facts: ArticleFacts, claim: Row) -> Finding:
    evidence = [facts.evidence(claim["start"], claim["end"])]
    return finding(
        "unsourced-allegation",
        "warning",
        "an allegation in the article's own voice, with no source",
        evidence,
        claim.get("sentence", facts.sentence_of(claim["start"])),
    )


def _sourced(facts: ArticleFacts, offset: int) -> bool:
    """Some source stands behind the words at ``offset``: a named one, or an anonymous one
    (which the anonymous-source check reports instead)."""
    for item in facts.attributions:
        spans = [item["content"], item["cue"]]
        if not any(s["start"] <= offset < s["end"] for s in spans):
            continue
        source = item.get("source")
        if source is None or name_key(source["text"]) in _PRONOUNS:
            continue
        if item["source_type"] == "document or report" and not _described(source["text"], item):
            continue  # "investigative reports revealed": no one to check with
        return True
    return False
