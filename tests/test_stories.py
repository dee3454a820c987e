"""Stories over the demo ledger: groupings, copies as one voice, labels, the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from click.testing import Result

from newsledger import Ledger
from newsledger.crosscheck.stories import _span, story_id


def _stories(demo_db: Path) -> dict[str, dict[str, object]]:
    """Story id -> row with the titles and outlets of its articles."""
    with Ledger(demo_db, readonly=True) as ledger:
        stories = {r["id"]: dict(r) for r in ledger.db.execute("SELECT * FROM stories")}
        for row in ledger.db.execute(
            "SELECT m.story_id, a.title, a.outlet FROM story_articles m"
            " JOIN articles a ON a.id = m.article_id"
        ):
            stories[row["story_id"]].setdefault("titles", []).append(row["title"])  # type: ignore[union-attr]
    return stories


def _story_of(stories: dict[str, dict[str, object]], words: str) -> dict[str, object]:
    return next(s for s in stories.values() if any(words in t for t in s["titles"]))  # type: ignore[attr-defined]


def test_every_article_is_in_exactly_one_story(demo_db: Path) -> None:
    with Ledger(demo_db, readonly=True) as ledger:
        articles = {r["id"] for r in ledger.articles()}
        members = [r[0] for r in ledger.db.execute("SELECT article_id FROM story_articles")]
    assert sorted(members) == sorted(articles)


def test_the_same_happening_is_one_story(demo_db: Path) -> None:
    stories = _stories(demo_db)
    exchange = _story_of(stories, "swap 157 prisoners")
    assert any("157 defenders home" in t for t in exchange["titles"])  # type: ignore[attr-defined]
    assert any("157 Russian servicemen" in t for t in exchange["titles"])  # type: ignore[attr-defined]
    kremlin = _story_of(stories, "Putin receives Witkoff")
    assert any("Ushakov" in t for t in kremlin["titles"])  # type: ignore[attr-defined]
    guarantees = _story_of(stories, "White House denies report")
    assert any("Donbas for guarantees" in t for t in guarantees["titles"])  # type: ignore[attr-defined]
    assert len({id(exchange), id(kremlin), id(guarantees)}) == 3


def test_copies_are_one_voice_and_the_label_names_place_event_and_date(demo_db: Path) -> None:
    first_round = _story_of(_stories(demo_db), "talks in Abu Dhabi end without")
    assert first_round["articles"] == 2  # Meridian and Capital Post's near copy
    assert first_round["voices"] == 1
    assert first_round["outlets"] == 3  # Gulf Times Daily's verbatim copy is a sighting
    assert first_round["label"] == "Abu Dhabi talks, 24 January 2026"


def test_date_spans_and_ids() -> None:
    assert _span(date(2026, 1, 23), date(2026, 1, 24)) == "23-24 January 2026"
    assert _span(date(2026, 1, 31), date(2026, 2, 1)) == "31 January - 1 February 2026"
    assert _span(date(2026, 2, 5), date(2026, 2, 5)) == "5 February 2026"
    assert story_id("abc") == story_id("abc") != story_id("abd")


def test_stories_command(demo_db: Path, run: Callable[..., Result]) -> None:
    result = run("stories", "--db", str(demo_db), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {"id", "label", "first_date", "last_date", "voices", "places"} <= rows[0].keys()
    exchange = next(r for r in rows if r["articles"] >= 4)
    members = json.loads(
        run("stories", "--db", str(demo_db), "--story", exchange["id"][:6], "--json").output
    )
    assert len(members) == exchange["articles"]
    assert "label" in run("stories", "--db", str(demo_db)).output
    missing = run("stories", "--db", str(demo_db), "--story", "zzz")
    assert missing.exit_code == 1 and "no story" in missing.output
