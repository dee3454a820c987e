"""schema.org ClaimReview JSON-LD for the ledger's claim clusters.

One ClaimReview per cluster: the claim as first reported, its claimant, every appearance
(article, outlet, date and the sentence), and a rating that says what the evidence in the
ledger shows, never whether the claim is true: ``corroborated`` (independent voices agree),
``contradicted`` (reports disagree; both sides are named), ``single-source`` (one voice),
``unsourced`` (no report names a source).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, TextIO

from newsledger.store import Ledger
from newsledger.store import claim_clusters as store
from newsledger.views.claim_clusters import require_tables

Row = dict[str, Any]
PERSON_TYPES = ("named official", "named person")
REVIEWER = {"@type": "Organization", "name": "newsledger"}


def claim_reviews(
    ledger: Ledger, *, today: str | None = None, min_reports: int = 1
) -> list[dict[str, Any]]:
    """A ClaimReview object for each cluster with at least ``min_reports`` reports."""
    require_tables(ledger)
    today = today or datetime.now(UTC).date().isoformat()
    members = store.all_members(ledger.db)
    conflicts: dict[int, list[Row]] = {}
    for conflict in store.contradictions(ledger.db):
        conflicts.setdefault(conflict["cluster_id"], []).append(conflict)
    return [
        review(cluster, members.get(cluster["id"], []), conflicts.get(cluster["id"], []), today)
        for cluster in store.clusters(ledger.db, min_reports=min_reports)
    ]


def review(cluster: Row, members: Sequence[Row], conflicts: Sequence[Row], today: str) -> Row:
    """One ClaimReview: the claim, where it appeared, and what the ledger's evidence shows."""
    first = members[0]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": f"{first['article_id']}:{first['start']}-{first['end']}",
        "claimReviewed": first["text"],
        "datePublished": today,
        "author": REVIEWER,
        "itemReviewed": {
            "@type": "Claim",
            "author": _claimant(cluster, first),
            "datePublished": cluster["earliest_published"],
            "firstAppearance": _appearance(first),
            "appearance": [_appearance(m) for m in members],
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": cluster["rating"],
            "ratingExplanation": explanation(cluster, conflicts),
        },
    }


def _claimant(cluster: Row, first: Row) -> Row:
    name = first["claimant"] or cluster["original_source"] or first["outlet"]
    kind = "Person" if cluster["original_source_type"] in PERSON_TYPES else "Organization"
    return {"@type": kind, "name": name}


def _appearance(member: Row) -> Row:
    """Where the claim appeared: the article (its URL, else its ledger id) and the sentence."""
    work: Row = {
        "@type": "CreativeWork",
        "url": member["url"] or f"newsledger:article/{member['article_id']}",
        "identifier": member["article_id"],
        "datePublished": member["published"],
        "text": member["sentence"] or member["text"],
    }
    if member["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": member["outlet"]}
    return work


def explanation(cluster: Row, conflicts: Sequence[Row]) -> str:
    """The evidence in words: voices, reports, outlets, the earliest report, the other side."""
    voices, reports, outlets = cluster["voices"], cluster["reports"], cluster["outlets"]
    counted = (
        f"{reports} report{'s' * (reports != 1)} in {outlets} outlet{'s' * (outlets != 1)},"
        f" {voices} independent voice{'s' * (voices != 1)}"
    )
    first = f"earliest: {cluster['earliest_outlet'] or 'unknown outlet'}"
    if cluster["earliest_published"]:
        first += f", {cluster['earliest_published']}"
    parts = [f"{counted}; {first}."]
    if cluster["rating"] == "contradicted":
        parts += [_disagreement(c) for c in conflicts]
    elif cluster["rating"] == "unsourced":
        parts.append("No report names a source for it.")
    elif cluster["rating"] == "single-source":
        parts.append("No other independent outlet reports it, for or against.")
    else:
        parts.append("The independent reports agree; none contradicts it.")
    parts.append("This rates the reporting, not the truth of the claim.")
    return " ".join(parts)


def _disagreement(conflict: Row) -> str:
    a, b = conflict["a"], conflict["b"]
    return f"Reports disagree ({conflict['kind']}): {_side(a)} against {_side(b)}."


def _side(side: Row) -> str:
    voices = side["voices"]
    others = f" and {voices - 1} more voice{'s' * (voices != 2)}" if voices > 1 else ""
    return f'{side["value"]} ({side["outlet"] or side["article_id"]}{others}: "{side["text"]}")'


def write_claimreview(ledger: Ledger, output: TextIO, *, today: str | None = None) -> int:
    """Write the reviews as one JSON-LD array; returns how many."""
    reviews = claim_reviews(ledger, today=today)
    output.write(json.dumps(reviews, ensure_ascii=False, indent=2) + "\n")
    return len(reviews)
