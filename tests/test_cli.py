from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from newsledger import Ledger

from .conftest import BAD, GOOD

Run = Callable[..., Result]


def test_help_and_version(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in (
        "ingest",
        "analyze",
        "articles",
        "mentions",
        "show",
        "search",
        "check",
        "demo",
        "stats",
    ):
        assert command in result.output
    assert run("--version").output.startswith("newsledger, version ")


def test_python_dash_m_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsledger", "--help"], capture_output=True, text=True, check=True
    )
    assert "Usage: newsledger" in out.stdout


def test_ingest_reports_and_exit_codes(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    good = run("ingest", str(GOOD), "--db", db)
    assert good.exit_code == 0
    assert "11 stored, 0 copies of stored articles, 0 already in the ledger, 0 failed" in (
        good.stderr
    )
    assert good.stdout == ""  # logs go to stderr
    again = run("ingest", str(GOOD / "single.json"), "--db", db)
    assert again.exit_code == 0 and "exists" in again.stderr and "1 already" in again.stderr
    mixed = run("ingest", str(BAD), str(GOOD / "page.html"), "--db", db, "--json")
    assert mixed.exit_code == 1
    assert f"failed  {BAD / 'report.pdf'}: a PDF document" in mixed.stderr
    report = json.loads(mixed.stdout)
    assert report["counts"] == {"failed": 10, "exists": 1}
    assert {f["where"] for f in report["failures"]} >= {str(BAD / "empty.txt")}


def test_ingest_env_var_database(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    result = run("ingest", str(GOOD / "single.json"), env={"NEWSLEDGER_DB": str(db)})
    assert result.exit_code == 0 and db.exists()


def test_ingest_stdin_with_defaults(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    text = "Ceasefire talk\n\nOfficials in Kyiv said on Monday that a ceasefire was not close."
    result = run(
        "ingest",
        "-",
        "--db",
        db,
        "--outlet",
        "Stdin Times",
        "--published",
        "2026-02-02",
        input=text.encode(),
    )
    assert result.exit_code == 0, result.output
    (row,) = Ledger(db).articles()
    assert (row["outlet"], row["published"], row["title"]) == (
        "Stdin Times",
        "2026-02-02",
        "Ceasefire talk",
    )
    stored = Ledger(db).article(row["id"])
    assert stored["published_source"] == "option"


def test_ingest_stdin_jsonl_streams(run: Run, tmp_path: Path) -> None:
    lines = (GOOD / "wire.jsonl").read_bytes()
    result = run("ingest", "-", "--db", str(tmp_path / "l.db"), input=lines)
    assert result.exit_code == 0 and "2 stored" in result.stderr


def test_metadata_in_the_input_wins_over_options(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    run(
        "ingest",
        str(GOOD / "single.json"),
        "--db",
        db,
        "--outlet",
        "Other",
        "--published",
        "2020-01-01",
    )
    (row,) = Ledger(db).articles()
    assert (row["outlet"], row["published"]) == ("Poll Watch", "2026-01-27")


def test_bad_usage_exits_2(run: Run, tmp_path: Path) -> None:
    assert run("ingest").exit_code == 2
    assert run("ingest", "x", "--published", "soon").exit_code == 2
    assert run("ingest", "x", "--max-size", "lots").exit_code == 2
    assert run("articles", "--limit", "0").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_errors_are_one_line_and_exit_1(run: Run, tmp_path: Path) -> None:
    missing = run("articles", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 1
    assert missing.stderr.startswith(f"Error: no ledger at {tmp_path / 'none.db'}")
    assert "Hint:" in missing.stderr
    assert not (tmp_path / "none.db").exists()


def test_articles_in_every_format(run: Run, analysed_db: Path) -> None:
    db = str(analysed_db)
    table = run("articles", "--db", db)
    assert table.exit_code == 0
    header = table.stdout.splitlines()[0].split()
    assert header == ["id", "published", "outlet", "title", "sightings", "analyzed"]
    rows = json.loads(run("articles", "--db", db, "--json").stdout)
    assert len(rows) == 11 and rows[0]["published"] == "2026-01-22"
    assert [r["published"] for r in rows[:-1]] == sorted(r["published"] for r in rows[:-1])
    assert rows[-1]["published"] is None  # undated last
    lines = run("articles", "--db", db, "--nl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    parsed = list(csv.DictReader(io.StringIO(run("articles", "--db", db, "--csv").stdout)))
    assert [r["id"] for r in parsed] == [r["id"] for r in rows]
    only = json.loads(run("articles", "--db", db, "--json", "--outlet", "tide wire").stdout)
    assert {r["outlet"] for r in only} == {"Tide Wire"} and len(only) == 2


def test_mentions_filters(run: Run, analysed_db: Path) -> None:
    db = str(analysed_db)
    people = json.loads(run("mentions", "--db", db, "--label", "person", "--json").stdout)
    assert people and {m["label"] for m in people} == {"PERSON"}
    peskov = json.loads(run("mentions", "--db", db, "--text", "Peskov", "--json").stdout)
    assert [m["text"] for m in peskov] == ["Dmitry Peskov"]
    article = peskov[0]["article_id"]
    one = json.loads(run("mentions", "--db", db, "--article", article[:6], "--json").stdout)
    assert {m["article_id"] for m in one} == {article}
    assert json.loads(run("mentions", "--db", db, "--text", "100%_", "--json").stdout) == []


def test_show_and_search(run: Run, analysed_db: Path) -> None:
    db = str(analysed_db)
    hits = json.loads(run("search", "guarantees", "--db", db, "--json").stdout)
    assert {h["title"] for h in hits} >= {"Kremlin comments on guarantees"}
    article_id = hits[0]["id"]
    shown = json.loads(run("show", article_id[:8], "--db", db, "--json").stdout)
    assert set(shown) == {
        "article",
        "sentences",
        "mentions",
        "actors",
        "places",
        "times",
        "attributions",
        "events",
        "claims",
        "stances",
        "findings",
        "sightings",
    }
    assert shown["article"]["id"] == article_id
    readable = run("show", article_id, "--db", db).stdout
    assert shown["article"]["title"] in readable and "entity mentions" in readable
    unknown = run("show", "abcdef123", "--db", db)
    assert unknown.exit_code == 1 and unknown.stderr.startswith("Error: no article")


def test_check_json_shape_without_touching_a_ledger(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(
        "check", str(GOOD / "plain.txt"), "--json", "--published", "2026-01-27", "--outlet", "Desk"
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data["article"]) >= {"id", "title", "outlet", "published", "text"}
    assert data["article"]["published"] == "2026-01-27" and data["article"]["outlet"] == "Desk"
    text = data["article"]["text"]
    assert data["mentions"]
    for mention in data["mentions"]:
        assert set(mention) >= {"text", "start", "end", "label"}
        assert text[mention["start"] : mention["end"]] == mention["text"]
    assert list(tmp_path.iterdir()) == []


def test_check_multi_article_files(run: Run) -> None:
    several = run("check", str(GOOD / "wire.jsonl"))
    assert several.exit_code == 1 and "holds 2 articles; pick one with --item N" in several.stderr
    second = json.loads(run("check", str(GOOD / "wire.jsonl"), "--item", "2", "--json").stdout)
    assert second["article"]["title"] == "White House denies report"
    bad = run("check", str(BAD / "report.pdf"))
    assert bad.exit_code == 1 and "Error: " in bad.stderr and "PDF" in bad.stderr


def test_analyze_command(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    run("ingest", str(GOOD / "wire.jsonl"), "--db", db)
    first = run("analyze", "--db", db, "--json")
    assert first.exit_code == 0 and json.loads(first.stdout)["analyzed"] == 2
    assert json.loads(run("analyze", "--db", db, "--json").stdout)["analyzed"] == 0
    redo = json.loads(run("analyze", "--db", db, "--json", "--redo").stdout)
    assert redo["analyzed"] == 2
    assert run("analyze", "--db", str(tmp_path / "none.db")).exit_code == 1


def test_ingest_can_analyze_too(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    result = run("ingest", str(GOOD / "feed.atom"), "--db", db, "--analyze")
    assert result.exit_code == 0 and "1 articles analysed" in result.stderr
    stats = json.loads(run("stats", "--db", db).stdout)
    assert stats["analyzed"] == 1 and stats["mentions"] > 0


def test_demo_builds_ledger_and_summarises(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "19 distinct articles from 8 outlets, plus 1 verbatim republication(s)" in (
        result.stdout
    )
    with Ledger(db, readonly=True) as ledger:
        stats = ledger.stats()
        assert stats["analyzed"] == stats["articles"] == 19
        formats = {r["format"] for r in ledger.db.execute("SELECT format FROM articles")}
        assert formats == {"html", "feed", "jsonl", "json", "text"}
        copy = [r for r in ledger.articles() if r["sightings"] == 2]
        assert [r["outlet"] for r in copy] == ["Meridian Wire"]
        vostok = ledger.search("Lugansk OR Donbass")
        assert {h["outlet"] for h in vostok} == {"Vostok Dispatch"}
    again = run("demo", "--db", str(db), "--json")
    assert json.loads(again.stdout)["ingest"]["counts"] == {"exists": 20}


def test_actors_command_counts(run: Run, analysed_db: Path) -> None:
    db = str(analysed_db)
    rows = json.loads(run("actors", "--db", db, "--json").stdout)
    by_id = {r["id"]: r for r in rows if r["id"]}
    assert by_id["person.peskov-dmitry"]["mentions"] >= 1
    assert by_id["person.zelensky-volodymyr"]["country"] == "UKR"
    assert all(r["mentions"] >= r["articles"] >= 1 for r in rows)
    people = json.loads(run("actors", "--db", db, "--json", "--kind", "person").stdout)
    assert {r["kind"] for r in people} == {"person"}
    unknown = json.loads(run("actors", "--db", db, "--json", "--unresolved").stdout)
    assert all(r["id"] is None for r in unknown)
    table = run("actors", "--db", db, "--limit", "3").stdout.splitlines()
    assert table[0].split()[:2] == ["id", "name"] and len(table) == 5


def test_kb_option_extends_knowledge(run: Run, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "actors-extra.yaml").write_text(
        "- id: person.lindqvist-aren\n  name: Aren Lindqvist\n  kind: person\n"
        "  country: SWE\n  sector: GOV\n  aliases: [Lindqvist]\n",
        encoding="utf-8",
    )
    story = tmp_path / "s.txt"
    story.write_text("Aren Lindqvist said on Monday that talks would go on.", encoding="utf-8")
    data = json.loads(run("--kb", str(kb), "check", str(story), "--json").stdout)
    assert [a["actor_id"] for a in data["actors"]] == ["person.lindqvist-aren"]
    assert run("--kb", str(tmp_path / "none"), "stats").exit_code == 2
