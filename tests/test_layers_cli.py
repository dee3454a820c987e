"""Attributions and events through the ledger and the CLI: quotes, sources, events, export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from newsledger import Ledger, check_file, show_article

from .conftest import GOOD

Run = Callable[..., Result]


def test_check_and_show_carry_attributions_and_events(analysed_db: Path) -> None:
    checked = check_file(str(GOOD / "front-matter.txt"))
    text = checked["article"]["text"]
    (quote,) = [a for a in checked["attributions"] if "useful" in a["content"]["text"]]
    assert quote["source_actor_id"] == "person.ushakov-yuri"
    assert quote["kind"] in ("mixed", "direct")
    for part in ("source", "cue", "content"):
        span = quote[part]
        assert text[span["start"] : span["end"]] == span["text"]
    with Ledger(analysed_db, readonly=True) as ledger:
        shown = show_article(ledger, checked["article"]["id"])
    assert shown["attributions"] == checked["attributions"]
    assert shown["events"] == checked["events"]


def test_events_point_into_the_text(analysed_db: Path) -> None:
    with Ledger(analysed_db, readonly=True) as ledger:
        found = 0
        for row in ledger.articles():
            text = ledger.article(row["id"])["text"]
            for event in ledger.events(row["id"]):
                found += 1
                trigger = event["trigger"]
                assert text[trigger["start"] : trigger["end"]] == trigger["text"]
                for person in event["actors"] + event["recipients"]:
                    assert text[person["start"] : person["end"]] == person["text"]
    assert found > 0


def test_quotes_and_sources_commands(run: Run, analysed_db: Path) -> None:
    db = str(analysed_db)
    rows = json.loads(run("quotes", "--db", db, "--json").stdout)
    assert rows and {r["kind"] for r in rows} <= {"direct", "mixed", "reported"}
    ushakov = json.loads(run("quotes", "--db", db, "--json", "--source", "Ushakov").stdout)
    assert {r["source_actor_id"] for r in ushakov} == {"person.ushakov-yuri"}
    anonymous = json.loads(run("quotes", "--db", db, "--json", "--anonymous").stdout)
    assert all(r["anonymous"] for r in anonymous)
    cited = json.loads(run("sources", "--db", db, "--json").stdout)
    assert sum(r["attributions"] for r in cited) == len(rows)
    outlets = json.loads(run("sources", "--db", db, "--json", "--outlets").stdout)
    for outlet in outlets:
        assert outlet["named"] + outlet["anonymous"] == outlet["attributions"]
        assert 0 <= outlet["anonymous_share"] <= 1


def test_events_command_and_filters(run: Run, analysed_db: Path) -> None:
    db = str(analysed_db)
    rows = json.loads(run("events", "--db", db, "--json").stdout)
    assert rows
    first = rows[0]
    assert {"type", "actors", "recipients", "trigger", "date", "article_id"} <= set(first)
    typed = json.loads(run("events", "--db", db, "--json", "--type", first["type"]).stdout)
    assert typed and {r["type"] for r in typed} == {first["type"]}
    table = run("events", "--db", db).stdout.splitlines()
    assert table[0].split()[:3] == ["date", "type", "mode"]
    assert '{"text"' not in "\n".join(table)  # participants and triggers shown as words
    early = json.loads(run("events", "--db", db, "--json", "--until", "2000-01-01").stdout)
    assert early == [] or all((r["date"] or "") <= "2000-01-01" for r in early)


def test_export_formats(run: Run, analysed_db: Path, tmp_path: Path) -> None:
    db = str(analysed_db)
    plover = json.loads(run("export", "--db", db).stdout)
    count = len(json.loads(run("events", "--db", db, "--json").stdout))
    assert len(plover) == count > 0
    assert {"event_type", "actor", "recipient", "provenance"} <= set(plover[0])
    assert plover[0]["provenance"]["trigger"]["text"]
    lines = run("export", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert len(lines) == count and json.loads(lines[0])["type"]
    out = tmp_path / "events.csv"
    result = run("export", "--db", db, "--format", "csv", "-o", str(out))
    assert f"{count} events written" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == count and rows[0]["trigger"]
