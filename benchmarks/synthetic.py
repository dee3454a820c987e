"""Synthetic news articles of the domain, for scale runs: talks, strikes, exchanges, aid, quotes.

Every article is built from sentence templates filled with varied actors, places, dates and
numbers, drawn from a generator seeded with the article's number: the same number always gives
the same article, and no two numbers give the same text. The texts are written for this
benchmark; they describe no real event.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SPEAKERS = [
    ("Volodymyr Zelensky", "the Ukrainian president"),
    ("Dmitry Peskov", "the Kremlin spokesman"),
    ("Sergei Lavrov", "Russia's foreign minister"),
    ("Andrii Sybiha", "Ukraine's foreign minister"),
    ("Marco Rubio", "the US secretary of state"),
    ("Steve Witkoff", "the US special envoy"),
    ("Kaja Kallas", "the EU's foreign policy chief"),
    ("Emmanuel Macron", "the French president"),
    ("Keir Starmer", "the British prime minister"),
    ("Recep Tayyip Erdogan", "the Turkish president"),
    ("Rustem Umerov", "the head of Ukraine's delegation"),
    ("Mark Rutte", "NATO's secretary general"),
]
STATES = ["Russia", "Ukraine", "the United States", "Turkey", "France", "Germany", "Poland"]
CAPITALS = ["Moscow", "Kyiv", "Washington", "Ankara", "Paris", "Berlin", "Warsaw"]
VENUES = ["Abu Dhabi", "Istanbul", "Geneva", "Riyadh", "Doha", "Vienna", "Jeddah", "Minsk"]
FRONT = [
    "Kharkiv",
    "Zaporizhzhia",
    "Odesa",
    "Dnipro",
    "Kherson",
    "Sumy",
    "Pokrovsk",
    "Kramatorsk",
    "Belgorod",
    "Kursk",
    "Mykolaiv",
    "Chernihiv",
]
ISSUES = [
    "security guarantees",
    "a ceasefire along the current front line",
    "the exchange of prisoners",
    "the future of the Zaporizhzhia nuclear plant",
    "sanctions relief",
    "a reconstruction fund",
    "monitoring of a truce",
    "the status of the Donbas",
]
OUTLETS = [
    "Harbour Wire",
    "The Meridian Post",
    "Eastbridge Daily",
    "Northline News",
    "The Civic Ledger",
    "Danube Courier",
    "Steppe Report",
    "Baltic Evening Star",
]
TITLES = [
    "{venue} talks end without a deal on {issue}",
    "Strikes hit {city} as envoys meet in {venue}",
    "{state} and {state2} swap {n} prisoners",
    "{speaker} says {issue} must come first",
    "Night attack on {city} leaves {n} injured",
]
SENTENCES = [
    "Delegations from {state} and {state2} met in {venue} on {weekday}, {when}, for talks on "
    "{issue}.",
    "{speaker}, {role}, said the talks had been {mood} but that no agreement had been reached.",
    '"We are ready to discuss {issue}, but not under pressure," {speaker} told reporters in '
    "{capital}.",
    "According to two officials familiar with the talks, {state} proposed {issue} in exchange "
    "for {issue2}.",
    "{state2} rejected the proposal, {role} said on {weekday}.",
    "Russian drones and missiles struck {city} overnight, injuring {n} people and damaging "
    "{m} buildings, the regional governor said.",
    "Ukraine's air force said it had shot down {n} of {total} drones launched overnight.",
    "{state} and {state2} exchanged {n} prisoners of war on {when}, with mediation by the "
    "United Arab Emirates.",
    "The next round is expected in {venue} {next}, a spokesperson for {speaker} said.",
    "{speaker} accused {state2} of stalling and said {issue} could not wait until {month}.",
    "The European Union announced {n} million euros in new aid for {city} and the surrounding "
    "region.",
    "Officials in {capital} declined to comment on reports that {issue} had been dropped from "
    "the draft.",
    "An unnamed diplomat said the sides remained far apart on {issue}.",
    "Fighting continued near {city}, where {state} claimed to have captured a village on "
    "{weekday}.",
    "{speaker} is due to travel to {capital} {next} to brief allies on {issue}.",
]
MOODS = ["constructive", "difficult", "frank", "useful", "tense", "substantive"]
NEXTS = ["next week", "later this month", "in early {month}", "after the weekend"]
MONTHS = ["January", "February", "March", "April", "May", "June", "September", "October"]


def article(number: int, start: date = date(2025, 9, 1)) -> dict[str, Any]:
    """One synthetic article as an ingestible JSON object."""
    rng = random.Random(number)
    published = start + timedelta(days=rng.randrange(240))
    paragraphs = []
    for _ in range(rng.randint(3, 5)):
        count = rng.randint(1, 3)
        paragraphs.append(
            " ".join(_fill(rng, rng.choice(SENTENCES), published) for _ in range(count))
        )
    paragraphs.append(f"Report number {number}.")  # every text distinct, so every id too
    return {
        "title": _fill(rng, rng.choice(TITLES), published),
        "text": "\n\n".join(paragraphs),
        "outlet": rng.choice(OUTLETS),
        "url": f"https://example.org/{number}",
        "published": published.isoformat(),
        "language": "en",
    }


def _fill(rng: random.Random, template: str, published: date) -> str:
    speaker, role = rng.choice(SPEAKERS)
    state, state2 = rng.sample(STATES, 2)
    day = published - timedelta(days=rng.randrange(6))
    month = rng.choice(MONTHS)
    shot = rng.randint(2, 390)
    values: dict[str, object] = {
        "speaker": speaker,
        "role": role,
        "state": state,
        "state2": state2,
        "capital": rng.choice(CAPITALS),
        "venue": rng.choice(VENUES),
        "city": rng.choice(FRONT),
        "issue": rng.choice(ISSUES),
        "issue2": rng.choice(ISSUES),
        "weekday": day.strftime("%A"),
        "when": f"{day.day} {day.strftime('%B')}",
        "month": month,
        "next": rng.choice(NEXTS).format(month=month),
        "mood": rng.choice(MOODS),
        "n": shot,
        "m": rng.randint(3, 120),
        "total": shot + rng.randint(0, 40),
    }
    text = template.format(**values)
    return text[0].upper() + text[1:]


def articles(count: int, first: int = 0) -> Iterator[dict[str, Any]]:
    for number in range(first, first + count):
        yield article(number)


def write_jsonl(path: Path, count: int, first: int = 0) -> Path:
    """Write ``count`` articles as JSON Lines, one at a time."""
    with path.open("w", encoding="utf-8") as out:
        for item in articles(count, first):
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path
