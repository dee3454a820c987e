"""Stories: articles about the same happening, grouped (step "stories").

Copies join the story of their original, so only originals are compared. Two originals are
alike when they were published within ``WINDOW`` days of each other and share what they are
about; the score adds, with fixed weights:

- the cosine similarity of the sentence embeddings of their headline and lead (all-MiniLM-L6-v2);
- the overlap of the resolved actors and of the resolved places they name, each weighted by
  rarity in the ledger (every article names Ukraine; few name Davos);
- the overlap of the days they mention (times layer and event dates), also weighted by rarity.

Articles are taken in order of publication. Each joins the open story it is most alike (the best
score against any of its members) when that score reaches ``JOIN``, else it starts a new one.
Only stories with a member inside the window are open, so the work grows with the corpus times
the number of stories in a window, not with the square of the corpus.

A story's label names its most telling place, event and dates, such as "Abu Dhabi talks,
23-24 January 2026": the place and the PLOVER event type mentioned most often in the story,
weighed against how common they are in the whole ledger, and the day (with its neighbours)
the story's articles mention most.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from newsledger.crosscheck.copies import paragraph_spans, voices
from newsledger.crosscheck.embed import Vectors, embedder
from newsledger.store import Ledger

WINDOW = 3
"""Days between publications of two articles of one story, at most."""
JOIN = 0.55
WEIGHTS = {"embedding": 0.7, "actors": 0.1, "places": 0.1, "days": 0.1}
LEAD_CHARS = 600
EVENT_NOUNS = {
    "AGREE": "agreement",
    "CONSULT": "talks",
    "SUPPORT": "support",
    "CONCEDE": "concessions",
    "COOPERATE": "cooperation",
    "AID": "aid",
    "RETREAT": "withdrawal",
    "REQUEST": "request",
    "ACCUSE": "accusations",
    "REJECT": "rejection",
    "THREATEN": "threats",
    "PROTEST": "protests",
    "SANCTION": "sanctions",
    "MOBILIZE": "mobilisation",
    "COERCE": "coercion",
    "ASSAULT": "strikes",
}


@dataclass
class _Article:
    id: str
    published: date | None
    outlet: str | None
    actors: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)


@dataclass
class Story:
    members: list[int]
    scores: list[float]
    last: date | None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _load(db: sqlite3.Connection, originals: set[str]) -> tuple[list[_Article], list[str]]:
    """The originals with their layers, in order of publication, and their headline + lead."""
    articles: list[_Article] = []
    texts: list[str] = []
    rows = db.execute(
        "SELECT id, published, outlet, title, substr(text, 1, ?) AS head FROM articles"
        " ORDER BY published IS NULL, published, id",
        (LEAD_CHARS * 2,),
    )
    for row in rows:
        if row["id"] not in originals:
            continue
        articles.append(_Article(row["id"], _day(row["published"]), row["outlet"]))
        texts.append(_headline_and_lead(row["title"], row["head"]))
    index = {a.id: a for a in articles}
    queries = {
        "actors": "SELECT article_id, actor_id FROM actor_mentions WHERE actor_id IS NOT NULL"
        " ORDER BY id",
        "places": "SELECT article_id, place_id FROM place_mentions WHERE place_id IS NOT NULL"
        " ORDER BY id",
        "days": "SELECT article_id, value FROM times WHERE granularity = 'day' AND value <> ''"
        " ORDER BY id",
        "events": "SELECT article_id, type FROM events WHERE negated = 0 AND hypothetical = 0"
        " ORDER BY id",
    }
    for name, sql in queries.items():
        for article_id, value in db.execute(sql):
            if article_id in index:
                getattr(index[article_id], name)[value] += 1
    for article_id, value in db.execute(
        "SELECT article_id, date FROM events WHERE date <> '' ORDER BY id"
    ):
        if article_id in index and len(value) == 10:
            index[article_id].days[value] += 1
    return articles, texts


def _headline_and_lead(title: str | None, head: str) -> str:
    paragraphs = [head[s:e] for s, e in paragraph_spans(head)]
    if title and paragraphs and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]  # some readers keep the headline as the first paragraph
    lead = " ".join(paragraphs)[:LEAD_CHARS]
    return f"{title}. {lead}" if title else lead


class _Rarity:
    """Inverse document frequency of actors, places and days over the originals."""

    def __init__(self, articles: list[_Article]) -> None:
        self.n = max(len(articles), 1)
        self.df: dict[str, Counter[str]] = {
            name: Counter(v for a in articles for v in getattr(a, name))
            for name in ("actors", "places", "days", "events")
        }

    def weight(self, name: str, value: str) -> float:
        return math.log((self.n + 1) / (self.df[name][value] + 0.5))

    def overlap(self, name: str, a: Counter[str], b: Counter[str]) -> float:
        """Rarity-weighted Jaccard of two sets of values."""
        union = a.keys() | b.keys()
        whole = sum(self.weight(name, v) for v in union)
        shared = sum(self.weight(name, v) for v in a.keys() & b.keys())
        return shared / whole if whole > 0 else 0.0


def _score(i: int, j: int, articles: list[_Article], vectors: Vectors, rarity: _Rarity) -> float:
    a, b = articles[i], articles[j]
    parts = {
        "embedding": float(vectors[i] @ vectors[j]),
        "actors": rarity.overlap("actors", a.actors, b.actors),
        "places": rarity.overlap("places", a.places, b.places),
        "days": rarity.overlap("days", a.days, b.days),
    }
    return sum(WEIGHTS[name] * value for name, value in parts.items())


def group(articles: list[_Article], vectors: Vectors) -> list[Story]:
    """Greedy grouping in publication order against the stories open in the window."""
    rarity = _Rarity(articles)
    stories: list[Story] = []
    open_stories: list[Story] = []
    for i, article in enumerate(articles):
        day = article.published
        if day is not None:
            open_stories = [s for s in open_stories if s.last is None or _within(s.last, day)]
        best, best_score = None, JOIN
        for story in open_stories:
            score = max(_score(i, m, articles, vectors, rarity) for m in story.members[-50:])
            if score >= best_score:
                best, best_score = story, score
        if best is None:
            best = Story([], [], day)
            stories.append(best)
            open_stories.append(best)
            best_score = 1.0
        best.members.append(i)
        best.scores.append(round(best_score, 4))
        best.last = max(filter(None, [best.last, day]), default=None)
    return stories


def _within(last: date, day: date) -> bool:
    return (day - last).days <= WINDOW


# -- labels -----------------------------------------------------------------------------------


def _telling(
    name: str, members: list[_Article], rarity: _Rarity, skip: set[str] | None = None
) -> str | None:
    """The value of a layer mentioned most in the story, weighed against the whole ledger."""
    counts: Counter[str] = Counter()
    for article in members:
        counts.update(getattr(article, name))
    if skip and counts.keys() - skip:
        counts = Counter({v: c for v, c in counts.items() if v not in skip})
    if not counts:
        return None
    spread = {v: sum(1 for a in members if v in getattr(a, name)) for v in counts}
    return max(
        counts,
        key=lambda v: (counts[v] * (1 + rarity.weight(name, v) / 2) * spread[v], v),
    )


def _days_label(members: list[_Article]) -> str | None:
    published = [a.published for a in members if a.published]
    counts: Counter[date] = Counter()
    for article in members:
        for value, count in article.days.items():
            day = _day(value)
            if day and published and min(published) - timedelta(14) <= day <= max(published):
                counts[day] += count
    if not counts:
        if not published:
            return None
        return _span(min(published), max(published))
    top, most = counts.most_common(1)[0]
    first = last = top
    while counts.get(first - timedelta(1), 0) * 2 >= most:
        first -= timedelta(1)
    while counts.get(last + timedelta(1), 0) * 2 >= most:
        last += timedelta(1)
    return _span(first, last)


def _span(first: date, last: date) -> str:
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {last:%B %Y}"
    return f"{first.day} {first:%B} - {last.day} {last:%B %Y}"


def label(
    members: list[_Article], rarity: _Rarity, names: dict[str, str], countries: set[str]
) -> str:
    """A story's name: its most telling place and event, and its main dates."""
    place = _telling("places", members, rarity, skip=countries)
    event = _telling("events", members, rarity)
    what = " ".join(
        part for part in (names.get(place or "", ""), EVENT_NOUNS.get(event or "", "")) if part
    )
    if not what:
        actor = _telling("actors", members, rarity)
        what = names.get(actor or "", "") or "Story"
    when = _days_label(members)
    return f"{what}, {when}" if when else what


# -- the step ---------------------------------------------------------------------------------


def story_id(seed: str) -> str:
    return "s" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:9]


def run(ledger: Ledger) -> dict[str, Any]:
    """The "stories" step: rewrite stories and story_articles."""
    db = ledger.db
    voice = voices(db)
    articles, texts = _load(db, set(voice.values()))
    vectors = embedder().embed(texts) if texts else np.zeros((0, 384), dtype=np.float32)
    stories = group(articles, vectors)
    rarity = _Rarity(articles)
    names = dict(db.execute("SELECT id, name FROM places").fetchall())
    countries = {row[0] for row in db.execute("SELECT id FROM places WHERE kind = 'country'")}
    names.update(db.execute("SELECT id, name FROM actors").fetchall())
    copies_of: dict[str, list[str]] = defaultdict(list)
    for article_id, original in voice.items():
        if article_id != original:
            copies_of[original].append(article_id)
    outlets: dict[str, set[str]] = defaultdict(set)
    for article_id, outlet in db.execute(
        "SELECT id, outlet FROM articles UNION SELECT article_id, outlet FROM sightings"
    ):
        if outlet:
            outlets[article_id].add(outlet)
    story_rows, member_rows = [], []
    for story in stories:
        members = [articles[i] for i in story.members]
        sid = story_id(members[0].id)
        ids = [(a.id, a.id, s) for a, s in zip(members, story.scores, strict=True)]
        ids += [(c, a.id, 1.0) for a in members for c in copies_of.get(a.id, [])]
        days = [a.published.isoformat() for a in members if a.published]
        story_rows.append(
            (
                sid,
                label(members, rarity, names, countries),
                min(days, default=None),
                max(days, default=None),
                len(ids),
                len(set().union(*(outlets[i] for i, _, _ in ids))),
                len(members),
                _top_names("places", members, names),
                _top_names("actors", members, names),
            )
        )
        member_rows += [(sid, article_id, original, score) for article_id, original, score in ids]
    with ledger.transaction() as tx:
        tx.execute("DELETE FROM story_articles")
        tx.execute("DELETE FROM stories")
        tx.executemany("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", story_rows)
        tx.executemany("INSERT INTO story_articles VALUES (?, ?, ?, ?)", member_rows)
    return {
        "stories": len(story_rows),
        "articles": len(member_rows),
        "largest": max((row[4] for row in story_rows), default=0),
    }


def _top_names(name: str, members: list[_Article], names: dict[str, str], k: int = 3) -> str:
    counts: Counter[str] = Counter()
    for article in members:
        counts.update(set(getattr(article, name)))
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:k]  # ties by id: stable
    return json.dumps([names.get(v, v) for v, _ in top], ensure_ascii=False)
