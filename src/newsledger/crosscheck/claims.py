"""The ledger-wide step "claim-clusters": the same claim across articles, counted by voice.

Claims are read article by article, embedded in batches, matched (``claim_pairs``) and
grouped; each group is summarised (reports, articles, outlets, independent voices, the
earliest report, the original source) and checked for disagreements (``contradictions``).
Copies of an article and outlets relaying one original report count as one voice.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsledger.crosscheck import contradictions
from newsledger.crosscheck.claim_pairs import MatchSettings, Vectors, clusters, match
from newsledger.crosscheck.claim_values import display
from newsledger.crosscheck.copies import voices
from newsledger.crosscheck.reports import Report, relay_link, relay_voice
from newsledger.store import Ledger
from newsledger.store import claim_clusters as store

NAME = "claim-clusters"
RATINGS = ("corroborated", "contradicted", "single-source", "unsourced")
LABEL_CHARS = 160
DIMENSIONS = 384
MODEL_KEY = "all-MiniLM-L6-v2-int8"  # part of each stored vector's key: a new model, new keys

Embed = Callable[[list[str]], Vectors]


@dataclass
class ClaimCluster:
    """Reports of one claim, with what they add up to."""

    reports: list[Report]
    similarity: dict[int, float] = field(default_factory=dict)
    similar: contradictions.Similar | None = None
    conflicts: list[contradictions.Contradiction] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.reports.sort(key=Report.sort_key)
        self.conflicts = contradictions.find(self.reports, self.similar)

    @property
    def earliest(self) -> Report:
        return self.reports[0]

    @property
    def voices(self) -> int:
        return len({r.voice for r in self.reports})

    @property
    def agreement(self) -> str:
        if self.conflicts:
            return "disagree"
        return "single" if self.voices == 1 else "agree"

    @property
    def rating(self) -> str:
        """What the evidence shows; never whether the claim is true."""
        if self.conflicts:
            return "contradicted"
        if all(r.claim.get("unsourced") for r in self.reports):
            return "unsourced"
        return "corroborated" if self.voices > 1 else "single-source"

    def original_source(self) -> tuple[str | None, str]:
        """Who first put the claim out: a relayed outlet, the claimant, or the first outlet."""
        first = self.earliest
        relay = relay_link(first.claim.get("chain"))
        if relay:
            return str(relay["text"]), "outlet"
        if first.claimant:
            return first.claimant, str(first.claim.get("claimant_type") or "unknown")
        return first.outlet, "article"

    def dissenters(self) -> set[tuple[str, int]]:
        """Reports on the smaller side of a disagreement (ties: the later side)."""
        found: set[tuple[str, int]] = set()
        for conflict in self.conflicts:
            a, b = conflict.a, conflict.b
            minority = b if len({r.voice for r in a.reports}) >= len(
                {r.voice for r in b.reports}
            ) else a  # fmt: skip
            found.update((r.article_id, r.start) for r in minority.reports)
        return found

    def summary(self) -> dict[str, Any]:
        first = self.earliest
        source, source_type = self.original_source()
        kinds = Counter(str(r.claim.get("kind")) for r in self.reports)
        return {
            "label": _label(first.text),
            "kind": kinds.most_common(1)[0][0],
            "reports": len(self.reports),
            "articles": len({r.article_id for r in self.reports}),
            "outlets": len({r.outlet or r.article_id for r in self.reports}),
            "voices": self.voices,
            "agreement": self.agreement,
            "rating": self.rating,
            "earliest_article_id": first.article_id,
            "earliest_published": first.published,
            "earliest_outlet": first.outlet,
            "original_source": source,
            "original_source_type": source_type,
            "claimant": first.claimant,
        }

    def members(self) -> list[dict[str, Any]]:
        dissent = self.dissenters()
        return [
            {
                **r.side(),
                "claim_index": r.index,
                "kind": r.claim.get("kind"),
                "value": _first_value(r),
                "agrees": (r.article_id, r.start) not in dissent,
                "voice": r.voice,
                "similarity": self.similarity.get(n),
            }
            for n, r in enumerate(self.reports)
        ]


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _first_value(report: Report) -> str | None:
    """The value the claim is about: its first that is not a date, else its date."""
    values = sorted(report.claim.get("values") or (), key=lambda v: v.get("kind") == "date")
    return display(values[0]) if values else None


def build(
    reports: Sequence[Report], vectors: Vectors, settings: MatchSettings | None = None
) -> list[ClaimCluster]:
    """Group reports of the same claim; ``vectors`` are their L2-normalised text embeddings."""
    claims = [r.claim for r in reports]
    pairs = match(claims, vectors, settings)
    best: dict[int, float] = {}
    for i, j, sim in pairs:
        best[i] = max(best.get(i, 0.0), sim)
        best[j] = max(best.get(j, 0.0), sim)
    row = {id(r): n for n, r in enumerate(reports)}

    def similar(a: Report, b: Report) -> float:
        return float(vectors[row[id(a)]] @ vectors[row[id(b)]])

    settings = settings or MatchSettings()
    result = []
    for group in clusters(len(reports), pairs, vectors, settings.cohesion):
        members = sorted(group, key=lambda i: reports[i].sort_key())
        result.append(
            ClaimCluster(
                [reports[i] for i in members],
                {n: best[i] for n, i in enumerate(members) if i in best},
                similar=similar,
            )
        )
    result.sort(key=lambda c: (-c.voices, -len(c.reports), c.earliest.sort_key()))
    return result


# -- the ledger -------------------------------------------------------------------------------


def load_reports(ledger: Ledger) -> Iterator[Report]:
    """Every stored claim as a report, article by article in publication order."""
    db = ledger.db
    originals = voices(db)  # each article's original: itself unless the copies step says
    outlets = {
        r["id"]: r["outlet"] for r in db.execute("SELECT id, outlet FROM articles").fetchall()
    }
    rows = db.execute(
        "SELECT a.id, a.outlet, a.published, a.url, a.title FROM articles a"
        " JOIN analyses an ON an.article_id = a.id ORDER BY a.published IS NULL, a.published, a.id"
    ).fetchall()
    for row in rows:
        original = originals.get(row["id"], row["id"])
        outlet_voice = outlets.get(original) or f"article:{original}"
        sentences = {s["index"]: s for s in ledger.sentences(row["id"])}
        for index, claim in enumerate(ledger.claims(row["id"])):
            voice = relay_voice(claim.get("chain")) or f"outlet:{outlet_voice}".lower()
            sentence = sentences.get(claim.get("sentence"))
            lead = ""
            if sentence is not None:
                lead = sentence["text"][: max(0, int(claim["start"]) - sentence["start"])]
            yield Report(
                article_id=row["id"],
                claim=claim,
                outlet=row["outlet"],
                published=row["published"],
                url=row["url"],
                title=row["title"],
                voice=voice,
                index=index,
                sentence=sentence["text"] if sentence else "",
                lead=lead,
            )


def default_embed(texts: list[str]) -> Vectors:
    """The shared sentence embedder, loaded on first use."""
    from newsledger.crosscheck.embed import embedder

    return np.asarray(embedder().embed(texts), dtype=np.float32)


def embed_all(texts: Sequence[str], embed: Embed | None = None, batch: int = 256) -> Vectors:
    """Embeddings of ``texts`` in batches, one row each."""
    embed = embed or default_embed
    parts = [embed(list(texts[i : i + batch])) for i in range(0, len(texts), batch)]
    return np.concatenate(parts) if parts else np.zeros((0, DIMENSIONS), dtype=np.float32)


def _key(text: str) -> str:
    return hashlib.sha1(f"{MODEL_KEY}\n{text}".encode()).hexdigest()


def cached_vectors(ledger: Ledger, texts: Sequence[str]) -> tuple[Vectors, dict[str, bytes]]:
    """Embeddings of ``texts``: stored ones reused, the others computed (and returned to store)."""
    keys = [_key(t) for t in texts]
    known = store.load_vectors(ledger.db, set(keys))
    missing = dict(
        sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    )
    fresh = embed_all(list(missing.values()))
    new = {k: row.astype(np.float32).tobytes() for k, row in zip(missing, fresh, strict=True)}
    known.update(new)
    if not keys:
        return np.zeros((0, DIMENSIONS), dtype=np.float32), new
    return np.stack([np.frombuffer(known[k], dtype=np.float32) for k in keys]), new


def run(ledger: Ledger, embed: Embed | None = None) -> dict[str, Any]:
    """Rebuild the claim clusters and contradictions of the whole ledger in one transaction.

    With the shared model (``embed`` None) the vectors are kept in the ledger, so a rerun
    embeds only claims it has not seen. Memory does not grow with the ledger
    (``claim_stream``); ``run_whole`` is the same step over lists of every claim.
    """
    from newsledger.crosscheck.claim_stream import run as run_streamed

    return run_streamed(ledger, embed)


def run_whole(
    ledger: Ledger, embed: Embed | None = None, settings: MatchSettings | None = None
) -> dict[str, Any]:
    """The step as it ran before it streamed: every claim and vector held at once."""
    reports = list(load_reports(ledger))
    texts = [r.text for r in reports]
    fresh: dict[str, bytes] | None = None
    if embed is None:
        vectors, fresh = cached_vectors(ledger, texts)
    else:
        vectors = embed_all(texts, embed)
    found = build(reports, vectors, settings)
    with ledger.transaction() as db:
        store.replace(db, [(c.summary(), c.members(), _conflicts(c)) for c in found])
        if fresh is not None:
            store.keep_vectors(db, fresh, {_key(t) for t in texts})
    return {
        "claims": len(reports),
        "clusters": len(found),
        "matched": sum(1 for c in found if len(c.reports) > 1),
        "corroborated": sum(1 for c in found if c.rating == "corroborated"),
        "contradictions": sum(len(c.conflicts) for c in found),
    }


def _conflicts(cluster: ClaimCluster) -> list[dict[str, Any]]:
    return [c.to_dict() for c in cluster.conflicts]
