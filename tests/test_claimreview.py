"""The claim-clusters step end to end, its listings, and the ClaimReview export."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from newsledger import Analysis, Article, Ledger
from newsledger.claims.model import Claim, ClaimValue
from newsledger.crosscheck import claims as step
from newsledger.records import Sentence
from newsledger.store import claim_clusters
from newsledger.views.claimreview import claim_reviews, review

from .claim_helpers import fake_embed
from .conftest import check_golden

RATINGS = {"corroborated", "contradicted", "single-source", "unsourced"}
WIRE = {"text": "Northern Wire", "start": 0, "end": 13, "actor_id": None, "type": "outlet",
        "anonymous": False, "count": None}  # fmt: skip
# (article id, outlet, published, text, duration in hours or None, relayed from the wire)
ARTICLES = [
    ("a1", "Harbor Post", "2026-02-05", "The talks in Abu Dhabi lasted three hours.", 3, False),
    ("b2", "Ridge Daily", "2026-02-04", "The talks in Abu Dhabi lasted four hours.", 4, True),
    ("c3", "Valley Times", "2026-02-06", "The talks in Abu Dhabi lasted four hours.", 4, True),
    ("d4", "Coastline Herald", "2026-02-06", "Grain exports through the port rose sharply.", None,
     False),
]  # fmt: skip


def _analysis(article_id: str, text: str, hours: int | None, relayed: bool) -> Analysis:
    body = text.rstrip(".")
    values = ()
    if hours:
        words = "three hours" if hours == 3 else "four hours"
        at = text.index(words)
        values = (ClaimValue("duration", words, at, at + len(words), hours, "hour"),)
    claim = Claim(
        kind="quantity" if hours else "statement", text=body, start=0, end=len(body), sentence=0,
        claimant=None, claimant_actor_id=None, claimant_type="article", attribution=None,
        chain=(WIRE,) if relayed else (), anonymous=False, unsourced=False,
        certainty="asserted", negated=False, values=values, places=("kb:place.abu-dhabi",),
    )  # fmt: skip
    sentence = Sentence(article_id, 0, 0, len(text), text)
    return Analysis(article_id, sentences=[sentence], claims=[claim])


@pytest.fixture
def clustered(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "ledger.db"
    with Ledger(path) as ledger:
        for aid, outlet, published, text, hours, relayed in ARTICLES:
            ledger.add_article(
                Article(aid, text, outlet=outlet, published=published,
                        url=f"https://{outlet.replace(' ', '').lower()}.example/{aid}")
            )  # fmt: skip
            ledger.save_analysis(_analysis(aid, text, hours, relayed), model="m", pipeline="p")
        summary = step.run(ledger, embed=fake_embed)
    assert summary == {"claims": 4, "clusters": 2, "matched": 1, "corroborated": 0,
                       "contradictions": 1}  # fmt: skip
    yield path


def test_the_step_stores_clusters_members_and_contradictions(clustered: Path) -> None:
    with Ledger(clustered, readonly=True) as ledger:
        (cluster,) = claim_clusters.clusters(ledger.db, min_reports=2)
        members = claim_clusters.members(ledger.db, cluster["id"])
        (conflict,) = claim_clusters.contradictions(ledger.db)
        texts = {a: ledger.article(a)["text"] for a in ("a1", "b2", "c3")}
    # Two outlets relaying the wire count as one voice; the earliest report leads.
    assert (cluster["reports"], cluster["outlets"], cluster["voices"]) == (3, 3, 2)
    assert cluster["earliest_article_id"] == "b2"
    assert cluster["original_source"] == "Northern Wire"
    assert cluster["rating"] == "contradicted"
    assert {m["article_id"]: m["agrees"] for m in members} == {"b2": True, "c3": True, "a1": False}
    for member in members:  # provenance: every span is the article's own words
        assert texts[member["article_id"]][member["start"] : member["end"]] == member["text"]
    assert conflict["kind"] == "duration"
    assert conflict["detail"] == "4 hours against 3 hours"
    assert conflict["a"]["voices"] == 1 and len(conflict["a"]["reports"]) == 2


def test_listings_through_the_command_line(clustered: Path, run: Callable[..., Result]) -> None:
    table = run("contradictions", "--db", str(clustered))
    assert "duration" in table.output and "Harbor Post" in table.output
    rows = json.loads(run("contradictions", "--db", str(clustered), "--json").output)
    assert [(r["a"]["article_id"], r["b"]["article_id"]) for r in rows] == [("b2", "a1")]
    assert run("contradictions", "--db", str(clustered), "--kind", "date").output == "(no rows)\n"
    only = json.loads(run("contradictions", "--db", str(clustered), "--article", "a1",
                          "--json").output)  # fmt: skip
    assert len(only) == 1
    clusters = json.loads(run("claims", "--clusters", "--db", str(clustered), "--json").output)
    assert [(c["reports"], c["voices"], c["agreement"]) for c in clusters] == [(3, 2, "disagree")]
    assert len(clusters[0]["members"]) == 3 and len(clusters[0]["contradictions"]) == 1
    csv = run("contradictions", "--db", str(clustered), "--csv").output
    assert csv.splitlines()[0].startswith("id,cluster_id,claim,kind,detail,a_article_id")


def test_claimreview_export(clustered: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "reviews.json"
    result = run("export", "--format", "claimreview", "--db", str(clustered), "-o", str(out))
    assert result.exit_code == 0
    reviews = json.loads(out.read_text())
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [
        "contradicted",
        "single-source",
    ]
    first = reviews[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["claimReviewed"] == "The talks in Abu Dhabi lasted four hours"
    item = first["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2026-02-04"
    assert item["firstAppearance"]["url"] == "https://ridgedaily.example/b2"
    assert [a["identifier"] for a in item["appearance"]] == ["b2", "a1", "c3"]
    explanation = first["reviewRating"]["ratingExplanation"]
    assert "3 reports in 3 outlets, 2 independent voices" in explanation
    assert '4 hours (Ridge Daily: "The talks in Abu Dhabi lasted four hours")' in explanation
    assert "against 3 hours (Harbor Post" in explanation
    assert "not the truth" in explanation


def test_claimreview_is_stable() -> None:
    """One review built from rows is the same JSON-LD every time (golden file)."""
    cluster = {
        "rating": "corroborated",
        "voices": 2,
        "reports": 2,
        "outlets": 2,
        "earliest_outlet": "Harbor Post",
        "earliest_published": "2026-02-05",
        "original_source": "Rustem Umerov",
        "original_source_type": "named official",
    }
    members = [
        {"article_id": "a1", "start": 0, "end": 30, "text": "We made progress on prisoners",
         "url": None, "published": "2026-02-05", "outlet": "Harbor Post",
         "sentence": "Umerov said: \"We made progress on prisoners.\"", "claimant": "Umerov"},
        {"article_id": "b2", "start": 10, "end": 40, "text": "We made progress on prisoners",
         "url": "https://ridgedaily.example/b2", "published": "2026-02-06",
         "outlet": "Ridge Daily", "sentence": None, "claimant": "Rustem Umerov"},
    ]  # fmt: skip
    check_golden("claimreview.json", review(cluster, members, [], "2026-02-07"))


def test_every_review_of_the_demo_rests_on_stored_words(demo_db: Path) -> None:
    with Ledger(demo_db, readonly=True) as ledger:
        reviews = claim_reviews(ledger, today="2026-02-07")
        texts = {r["id"]: r["text"] for r in ledger.db.execute("SELECT id, text FROM articles")}
        conflicts = claim_clusters.contradictions(ledger.db)
    assert reviews
    for item in reviews:
        assert item["reviewRating"]["alternateName"] in RATINGS
        for appearance in item["itemReviewed"]["appearance"]:
            assert appearance["identifier"] in texts
    for conflict in conflicts:
        for side in _sides(conflict):
            assert texts[side["article_id"]][side["start"] : side["end"]] == side["text"]


def _sides(conflict: dict[str, Any]) -> list[dict[str, Any]]:
    return [conflict["a"], conflict["b"]]


def test_the_model_vectors_are_kept_for_the_next_run(
    clustered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Ledger(clustered) as ledger:
        first = step.run(ledger)
        stored = ledger.db.execute("SELECT count(*) FROM claim_embeddings").fetchone()[0]
        assert stored == 3  # three distinct claim texts

        def no_embedding(texts: list[str], *args: object) -> object:
            assert not texts, "a rerun embedded claims it had seen"
            return step.np.zeros((0, step.DIMENSIONS), dtype=step.np.float32)

        monkeypatch.setattr(step, "embed_all", no_embedding)
        assert step.run(ledger) == first
