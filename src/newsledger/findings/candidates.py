"""The other articles an article's outlet checks must read, found through the full-text index.

The checks against other outlets (``findings.ledger``) ask two questions of the rest of the
ledger: does another outlet carry this quote (its first ten words, in order), and do other
outlets carry this anonymous claim (three or more of its content words, see ``_similar``).
Instead of holding every article's text and attributions in memory, the step asks the
article index for the articles that can answer yes, and reads only those: a phrase query for a
quote, an OR of word triples for a claim. The index gives a superset (it matches whole tokens;
the checks then run on the normalised text exactly as before), so the findings are the same;
memory holds, for one article at a time, the first carrier of each quote and the attributions
like each anonymous claim (those the finding lists).

What the step still needs over the whole ledger is small and kept per outlet, not per
article: for each outlet, how many originals it carries and which one when it is one, so the
"N other outlets" count of a finding is computed without a list of every article.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from newsledger.findings.facts import ArticleFacts, Row
from newsledger.findings.ledger import (
    _MIN_WORDS,
    _QUOTED,
    Voice,
    _anonymous,
    _content,
    _other_outlet,
    _similar,
    normalise,
)
from newsledger.store import Ledger

MAX_TRIPLES = 300
CACHE = 4096  # articles whose attributions are kept between checks
_TOKEN = re.compile(r"\w+")

VOICE_SQL = (
    "SELECT a.id, a.outlet, coalesce(c.original_id, a.id) AS voice FROM articles a"
    " JOIN analyses an ON an.article_id = a.id LEFT JOIN article_copies c ON c.article_id = a.id"
)
PLAIN_VOICE_SQL = (
    "SELECT a.id, a.outlet, a.id AS voice FROM articles a JOIN analyses an ON an.article_id = a.id"
)


@dataclass(frozen=True)
class OutletVoices:
    """One outlet of the ledger: how many originals it carries, and which when only one."""

    outlet: str | None
    voices: int
    only: str | None


class Candidates:
    """The ledger's other articles, read on demand (one article's candidates at a time)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.copies = ledger.has_table("article_copies")
        self.outlets = self._outlets()
        self.cache: OrderedDict[str, list[tuple[Row, set[str]]]] = OrderedDict()

    def articles(self, batch: int = 500) -> Iterator[tuple[str, str | None, str]]:
        """Every analysed article: id, outlet and the original it counts as, streamed."""
        cursor = self.ledger.db.execute(
            (VOICE_SQL if self.copies else PLAIN_VOICE_SQL) + " ORDER BY a.id"
        )
        while rows := cursor.fetchmany(batch):
            yield from ((r["id"], r["outlet"], r["voice"]) for r in rows)

    def _outlets(self) -> list[OutletVoices]:
        sql = VOICE_SQL if self.copies else PLAIN_VOICE_SQL
        rows = self.ledger.db.execute(
            f"SELECT outlet, count(DISTINCT voice) AS n, min(voice) AS one FROM ({sql}) v"
            " GROUP BY outlet"
        )
        return [OutletVoices(r["outlet"], r["n"], r["one"] if r["n"] == 1 else None) for r in rows]

    def outlets_checked(self, voice: str, outlet: str | None) -> int:
        """How many outlets carry an article of another original, other than ``outlet``."""
        own = outlet.casefold() if outlet else None
        return sum(
            1
            for o in self.outlets
            if (not own or not o.outlet or o.outlet.casefold() != own)
            and (o.voices > 1 or o.only != voice)
        )

    def for_article(self, facts: ArticleFacts, voice: str) -> list[Voice]:
        """What the checks need of the other articles for this one: per quote, the first
        other article (of another original and outlet) that carries it; per anonymous claim,
        the other articles' attributions that are like it. Never less than the checks would
        find among all articles, and no more than that."""
        kept: dict[str, Voice] = {}
        for probe, query in self._quotes(facts):
            for other in self._matching(query, facts, voice):
                text = normalise(other.text)
                if probe in text:
                    kept.setdefault(other.article_id, Voice(*other.key(), text, []))
                    break
        claims = [_content(item) for item in facts.attributions if self._claim(item)]
        for query in self._claim_queries(facts):
            for other in self._matching(query, facts, voice, text=False):
                like = [
                    a for a, theirs in self._contents(other.article_id)
                    if any(_similar(words, theirs) for words in claims)
                ]  # fmt: skip
                if like:
                    held = kept.setdefault(other.article_id, Voice(*other.key(), "", []))
                    held.attributions.extend(a for a in like if a not in held.attributions)
        return list(kept.values())

    def _quotes(self, facts: ArticleFacts) -> Iterator[tuple[str, str | None]]:
        """Each quote the quote check reads: its probe and the index query for it."""
        for item in facts.attributions:
            if item["kind"] not in ("direct", "mixed"):
                continue
            content = item["content"]
            shortest = 2 if item.get("source_actor_id") else _MIN_WORDS
            for match in _QUOTED.finditer(facts.text, content["start"], content["end"]):
                quote = match.group(1) or match.group(2)
                probe = normalise(quote).split()
                if len(probe) < shortest:
                    continue
                words = _safe(quote, probe[:10])
                yield " ".join(probe[:10]), " AND ".join(f'"{w}"' for w in words) or None

    @staticmethod
    def _claim(item: Row) -> bool:
        return _anonymous(item) and len(_content(item)) >= _MIN_WORDS

    def _claim_queries(self, facts: ArticleFacts) -> Iterator[str | None]:
        for item in facts.attributions:
            if not self._claim(item):
                continue
            words = _safe(item["content"]["text"], sorted(_content(item)))
            triples = list(combinations(words, 3))
            if len(words) < 3:
                yield None
            elif len(triples) > MAX_TRIPLES:
                yield " OR ".join(f'"{w}"' for w in words)
            else:
                yield " OR ".join("(" + " AND ".join(f'"{w}"' for w in t) + ")" for t in triples)

    def _contents(self, article_id: str) -> list[tuple[Row, set[str]]]:
        """An article's attributions with their content words, from a bounded cache (the
        articles that share words with anonymous claims come back again and again)."""
        found = self.cache.get(article_id)
        if found is None:
            found = [(a, _content(a)) for a in self.ledger.attributions(article_id)]
            found = [(a, words) for a, words in found if len(words) >= _MIN_WORDS]
            self.cache[article_id] = found
            if len(self.cache) > CACHE:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(article_id)
        return found

    def _matching(
        self, query: str | None, facts: ArticleFacts, voice: str, *, text: bool = True
    ) -> Iterator[_Other]:
        """The other articles (of another original and outlet) the index matches; ``None``
        matches every article."""
        sql = (
            "SELECT a.id, a.outlet, " + ("a.text" if text else "''") + " AS text,"
            " coalesce(c.original_id, a.id) AS voice FROM articles a"
            " JOIN analyses an ON an.article_id = a.id"
            + (" LEFT JOIN article_copies c ON c.article_id = a.id" if self.copies else "")
        )
        if not self.copies:
            sql = sql.replace("coalesce(c.original_id, a.id)", "a.id")
        params: tuple[str, ...] = ()
        if query is not None:
            sql += " WHERE a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            params = (query,)
        for row in self.ledger.db.execute(sql, params):
            if row["voice"] != voice and _other_outlet(row["outlet"], facts.outlet):
                yield _Other(row["id"], row["outlet"], row["voice"], row["text"])


@dataclass(frozen=True)
class _Other:
    article_id: str
    outlet: str | None
    voice: str
    text: str

    def key(self) -> tuple[str, str | None, str]:
        return self.article_id, self.outlet, self.voice


def _safe(raw: str, words: list[str]) -> list[str]:
    """The words the index holds as they are: whole tokens of the raw text (the normaliser
    keeps only a-z and 0-9, so "café" gives "caf", which the index does not hold)."""
    tokens = set(_TOKEN.findall(raw.lower().replace("’", "'")))
    return [w for w in dict.fromkeys(words) if w in tokens]
