"""Copies: the step on hand-made ledgers and the demo corpus, voices, the CLI, the gold floors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from newsledger import Ledger
from newsledger.crosscheck import copies
from newsledger.evaluation.copies import evaluate, format_report, load_gold
from newsledger.ingest import to_article
from newsledger.ingest.items import RawArticle

HERE = Path(__file__).parent
GOLD = HERE / "gold" / "copies" / "articles.jsonl"
FLOORS = HERE / "floors" / "copies.json"

ORIGINAL = [
    "Negotiators from the three delegations left the Emirati capital on Saturday evening with no"
    " signed text, but they promised to meet again within a week, officials said.",
    "The future of the eastern region was the point on which every draft stalled, according to"
    " two diplomats who followed the sessions and asked not to be named.",
    "Moscow wants the other side's troops to leave the towns they still hold, and Kyiv says it"
    " will not hand over land its soldiers defend.",
]
OWN = [
    "Families gathered at the border crossing on Thursday to wait for buses carrying soldiers"
    " released in the exchange agreed during the week.",
    "Local volunteers handed out tea and blankets while officials read out names from a list"
    " that had been kept secret until the last minute.",
]


def store(ledger: Ledger, text: str, outlet: str, published: str) -> str:
    raw = RawArticle(where=outlet, format="text", text=text, outlet=outlet, published=published)
    article = to_article(raw)
    ledger.add_article(article)
    return article.id


def test_near_copy_rewrite_reuse_and_independent(ledger: Ledger) -> None:
    original = store(ledger, "\n\n".join(ORIGINAL), "Wire One", "2026-01-24T10:00:00Z")
    near = store(
        ledger,
        "\n\n".join([*ORIGINAL, "This report first appeared on Wire One."]),
        "Paper Two",
        "2026-01-24T12:00:00Z",
    )
    # Copy of the copy: still one voice, that of the first original.
    second = store(
        ledger, "\n\n".join([*ORIGINAL[:2], ORIGINAL[2]]) + " Updated.", "Three", "2026-01-25"
    )
    reuse = store(ledger, "\n\n".join([*OWN, ORIGINAL[1]]), "Review Four", "2026-01-26")
    alone = store(
        ledger,
        "The delegations met for a second day on Saturday. No text was signed, and the region"
        " remains the main obstacle, a diplomat said. Kyiv will not give up land it holds.",
        "Five",
        "2026-01-23",
    )
    summary = copies.run(ledger)
    assert summary["articles"] == 5
    rows = {r["article_id"]: dict(r) for r in ledger.db.execute("SELECT * FROM article_copies")}
    assert rows[near]["original_id"] == original and rows[near]["kind"] == "near"
    assert rows[second]["original_id"] == original
    assert reuse not in rows and alone not in rows and original not in rows
    reused = [dict(r) for r in ledger.db.execute("SELECT * FROM paragraph_copies")]
    lifted = [r for r in reused if r["article_id"] == reuse]
    assert len(lifted) == 1
    text = ledger.article(reuse)["text"]
    source = ledger.article(lifted[0]["source_id"])["text"]
    assert text[lifted[0]["start"] : lifted[0]["end"]] == ORIGINAL[1]
    assert source[lifted[0]["source_start"] : lifted[0]["source_end"]] == ORIGINAL[1]
    assert lifted[0]["source_id"] == original  # the earliest source, not a later copy
    mapping = copies.voices(ledger.db)
    assert mapping[near] == mapping[second] == mapping[original] == original
    assert mapping[reuse] == reuse and mapping[alone] == alone
    assert copies.voices(ledger) == mapping


def test_rerun_replaces_rows_and_deleting_an_article_cascades(ledger: Ledger) -> None:
    original = store(ledger, "\n\n".join(ORIGINAL), "Wire One", "2026-01-24")
    near = store(ledger, "\n\n".join(ORIGINAL) + " More.", "Paper Two", "2026-01-25")
    copies.run(ledger)
    copies.run(ledger)
    assert ledger.db.execute("SELECT count(*) FROM article_copies").fetchone()[0] == 1
    with ledger.transaction() as db:
        db.execute("DELETE FROM articles WHERE id = ?", (original,))
    assert copies.voices(ledger.db) == {near: near}


def test_ties_go_to_the_fuller_text_then_the_wire(ledger: Ledger) -> None:
    short = store(ledger, "\n\n".join(ORIGINAL), "Daily Paper", "2026-01-24")
    longer = store(ledger, "\n\n".join([*ORIGINAL, OWN[0]]), "Daily Other", "2026-01-24")
    copies.run(ledger)
    assert copies.voices(ledger.db)[short] == longer


def test_voices_without_the_table_count_every_article_once(ledger: Ledger) -> None:
    first = store(ledger, "\n\n".join(ORIGINAL), "Wire One", "2026-01-24")
    ledger.db.execute("DROP TABLE paragraph_copies")
    ledger.db.execute("DROP TABLE article_copies")
    assert copies.voices(ledger.db) == {first: first}


def test_empty_ledger_and_no_candidates(ledger: Ledger) -> None:
    assert copies.run(ledger)["articles"] == 0
    assert copies.voices(ledger.db) == {}
    one = store(ledger, "\n\n".join(ORIGINAL), "Wire One", "2026-01-24")
    other = store(ledger, "\n\n".join(OWN), "Paper Two", "2026-01-25")
    assert copies.run(ledger)["candidate_pairs"] == 0
    assert copies.voices(ledger.db) == {one: one, other: other}


def test_demo_corpus_finds_the_planted_copies(demo_db: Path) -> None:
    with Ledger(demo_db, readonly=True) as ledger:
        rows = [dict(r) for r in ledger.db.execute("SELECT * FROM article_copies")]
        outlets = {r["id"]: r["outlet"] for r in ledger.articles()}
        sightings = {s["outlet"] for s in ledger.sightings(rows[0]["original_id"])}
    # Capital Post's near copy of the Meridian Wire report, and nothing else (the NewsFlash
    # rewrite of the FT story is written anew, not copied).
    assert [(outlets[r["article_id"]], outlets[r["original_id"]], r["kind"]) for r in rows] == [
        ("Capital Post Online", "Meridian Wire", "near")
    ]
    assert "Gulf Times Daily" in sightings  # the verbatim copy, merged at ingest


def test_copies_command(demo_db: Path, run: Callable[..., Result]) -> None:
    result = run("copies", "--db", str(demo_db), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {(r["outlet"], r["kind"]) for r in rows} == {
        ("Gulf Times Daily", "verbatim"),
        ("Capital Post Online", "near"),
    }
    table = run("copies", "--db", str(demo_db))
    assert "Capital Post" in table.output and "containment" in table.output
    paragraphs = json.loads(run("copies", "--db", str(demo_db), "--paragraphs", "--json").output)
    assert len(paragraphs) >= 8
    assert all(p["text"] and p["source_outlet"] == "Meridian Wire" for p in paragraphs)


def test_gold_set_is_well_formed() -> None:
    items = load_gold(GOLD)
    kinds = [item["kind"] for item in items]
    assert len(items) >= 20
    assert {"verbatim", "near", "rewrite"} <= set(kinds)
    assert sum(isinstance(p, dict) for i in items if not i["kind"] for p in i["paragraphs"]) >= 5


@pytest.fixture(scope="module")
def result() -> dict[str, object]:
    return evaluate(GOLD)


def test_scores_stay_above_the_floors(result: dict[str, object]) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    report = format_report(result)  # type: ignore[arg-type]
    for name, floor in floors.items():
        assert result[name] >= floor, f"{name} {result[name]} fell below {floor}\n{report}"  # type: ignore[operator]


def test_eval_command(run: Callable[..., Result]) -> None:
    result = run("eval", "copies", "--gold", str(GOLD))
    assert result.exit_code == 0
    assert "articles    P" in result.output and "paragraphs  P" in result.output
