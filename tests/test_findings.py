"""Findings: checks inside an article, against the knowledge base and against other outlets."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from newsledger import Ledger, analyze_texts
from newsledger.demo import corpus_path
from newsledger.evaluation.findings import evaluate, format_report
from newsledger.findings import article_findings
from newsledger.findings.facts import ArticleFacts
from newsledger.findings.keyevents import find_event_mentions
from newsledger.findings.ledger import Voice, normalise, outlet_findings
from newsledger.findings.model import KINDS
from newsledger.findings.ordinals import ordinal_for
from newsledger.findings.titles import offices_for
from newsledger.store.findings import list_findings
from tests.conftest import check_golden

GOLD = Path(__file__).parent / "gold" / "findings"
FLOORS = Path(__file__).parent / "floors" / "findings.json"

TEXTS = {
    "former": ("Former president Volodymyr Zelensky opened the bridge on Monday.", "2026-02-10"),
    "wrong": ("Russian Prime Minister Sergei Lavrov met the Turkish envoy.", "2026-01-14"),
    "outdated": ("Ukrainian Defence Minister Oleksii Reznikov visited Odesa.", "2025-03-18"),
    "right": ("Ukrainian President Volodymyr Zelensky visited Odesa.", "2026-03-18"),
    "year": ("Envoys revisited the Alaska summit in August 2023 on Tuesday.", "2026-01-20"),
    "place": ("The plan was drafted at the Jeddah talks in Riyadh last year.", "2025-12-01"),
    "ordinals": (
        "As the war enters its sixth year, shops share generators. They bought them in the "
        "war's fourth year.",
        "2026-01-26",
    ),
    "spelling": ("Trains left Kyiv on time. The trip from Kiev takes ten hours.", "2025-11-05"),
    "anonymous": ("Insiders say the map is nearly finished.", "2026-02-12"),
    "unsourced": ("Local officials have allegedly diverted the school funds.", "2025-10-21"),
    "clean": ("Engineers restored heat to most of Dnipro on Sunday.", "2026-02-09"),
}


@pytest.fixture(scope="module")
def found() -> dict[str, list[dict[str, Any]]]:
    """The findings of each short text, analysed in one batch."""
    items = [(name, text, day) for name, (text, day) in TEXTS.items()]
    return {a.article_id: [f.to_dict() for f in a.findings] for a in analyze_texts(items)}


def kinds(items: list[dict[str, Any]]) -> set[str]:
    return {item["kind"] for item in items}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("former", "title-date"),
        ("wrong", "title-wrong"),
        ("outdated", "title-date"),
        ("year", "event-date"),
        ("place", "event-place"),
        ("ordinals", "ordinal-conflict"),
        ("ordinals", "ordinal-date"),
        ("spelling", "spelling-variants"),
        ("anonymous", "anonymous-source"),
        ("unsourced", "unsourced-allegation"),
    ],
)
def test_each_check_fires(found: dict[str, list[dict[str, Any]]], name: str, kind: str) -> None:
    assert kind in kinds(found[name])


@pytest.mark.parametrize("name", ["right", "clean"])
def test_clean_text_gives_nothing(found: dict[str, list[dict[str, Any]]], name: str) -> None:
    assert found[name] == []


def test_finding_shape_and_provenance(found: dict[str, list[dict[str, Any]]]) -> None:
    text = TEXTS["year"][0]
    (item,) = [f for f in found["year"] if f["kind"] == "event-date"]
    assert item["severity"] == "error" and item["basis"] == "knowledge"
    assert item["details"]["event_id"] == "event.alaska-summit-2025-08-15"
    for span in item["evidence"]:
        assert span["article_id"] == "year"
        assert text[span["start"] : span["end"]] == span["text"]
    assert [e["text"] for e in item["evidence"]] == ["Alaska summit", "August 2023"]


def test_former_severity_and_message(found: dict[str, list[dict[str, Any]]]) -> None:
    (item,) = found["former"]
    assert item["severity"] == "error"
    assert "2019-05-20" in item["message"]
    assert item["evidence"][0]["text"] == "Former president Volodymyr Zelensky"


def test_offices_for_generic_and_exact_titles() -> None:
    assert offices_for("Russian prime minister") == {"rus.prime-minister"}
    assert "usa.secretary-of-defense" in offices_for("defence secretary")
    assert offices_for("Ukrainian defence minister") == {"ukr.defence-minister"}
    assert offices_for("weather presenter") == frozenset()


def test_ordinal_for_counts_from_the_period_start() -> None:
    start = date(2022, 2, 24)
    assert ordinal_for(start, "year", date(2026, 1, 26)) == 4
    assert ordinal_for(start, "year", date(2026, 2, 24)) == 5
    assert ordinal_for(start, "day", date(2022, 2, 25)) == 2
    assert ordinal_for(start, "year", date(2021, 1, 1)) is None


def test_event_mentions_by_alias_and_venue() -> None:
    mentions = find_event_mentions("They met at the summit in Alaska and later the Jeddah talks.")
    ids = [[e.id for e in m.events] for m in mentions]
    assert ["event.alaska-summit-2025-08-15"] in ids
    assert any(m.by_alias and m.text == "Jeddah talks" for m in mentions)
    assert find_event_mentions("A quiet day in Kharkiv.") == []


def _facts(text: str, attributions: list[dict[str, Any]], outlet: str) -> ArticleFacts:
    return ArticleFacts("a1", text, None, [{"index": 0, "start": 0, "end": len(text)}],
                        attributions=attributions, outlet=outlet)  # fmt: skip


def test_quote_no_other_outlet_carries() -> None:
    text = 'Peskov said the talks were "useful and businesslike in every respect".'
    quote = {"kind": "direct", "content": {"text": text[27:], "start": 27, "end": len(text)},
             "source": {"text": "Peskov", "start": 0, "end": 6},
             "source_actor_id": "person.peskov-dmitry", "anonymous": False,
             "source_type": "named official", "sentence": 0}  # fmt: skip
    facts = _facts(text, [quote], "Harbour Gazette")
    other = Voice("b1", "Eastern Courier", "b1", normalise("Nothing like it here."))
    (item,) = outlet_findings(facts, "a1", [other])
    assert item.kind == "quote-uncorroborated" and item.basis == "outlets"
    assert item.severity == "warning"  # a known official: others would carry it
    carried = Voice("b1", "Eastern Courier", "b1", normalise(text))
    assert outlet_findings(facts, "a1", [carried]) == []
    copy = Voice("c1", "Copy Post", "a1", normalise("Nothing like it here."))
    assert outlet_findings(facts, "a1", [copy]) == []  # a copy is the same voice
    same_outlet = Voice("d1", "Harbour Gazette", "d1", normalise("Nothing."))
    assert outlet_findings(facts, "a1", [same_outlet]) == []


def test_article_findings_runs_without_claims() -> None:
    (analysis,) = analyze_texts([("x", TEXTS["wrong"][0], TEXTS["wrong"][1])])
    analysis.claims = []
    items = article_findings(analysis, TEXTS["wrong"][0], date(2026, 1, 14))
    assert "title-wrong" in {f.kind for f in items}


def test_check_json_findings_golden(run: Callable[..., Result]) -> None:
    result = run("check", str(GOLD / "articles" / "02-lavrov-defence.txt"), "--json")
    assert result.exit_code == 0, result.output
    check_golden("check-findings.json", json.loads(result.output)["findings"])


def test_check_prints_findings(run: Callable[..., Result]) -> None:
    result = run("check", str(GOLD / "articles" / "07-war-years.txt"))
    assert result.exit_code == 0
    assert "ordinal-date [knowledge]" in result.output
    assert "@" in result.output and "its sixth year" in result.output


def test_check_against_ledger_adds_outlet_findings(
    run: Callable[..., Result], demo_db: Path
) -> None:
    page = corpus_path() / "html" / "dnipro-evening-review-prisoners-home-2026-02-05.html"
    alone = json.loads(run("check", str(page), "--json").output)["findings"]
    against = json.loads(run("check", str(page), "--json", "--db", str(demo_db)).output)
    assert not any(f["basis"] == "outlets" for f in alone)
    assert any(f["kind"] == "quote-uncorroborated" for f in against["findings"])


def test_demo_planted_knowledge_errors(demo_db: Path) -> None:
    with Ledger(demo_db, readonly=True) as ledger:
        rows = list_findings(ledger.db, basis="knowledge")
    assert {r["outlet"] for r in rows} == {"NewsFlash Hub 24"}
    assert sorted(r["kind"] for r in rows) == [
        "event-date", "event-date", "title-date", "title-wrong", "title-wrong"
    ]  # fmt: skip


def test_findings_command(run: Callable[..., Result], demo_db: Path) -> None:
    result = run("findings", "--db", str(demo_db), "--kind", "title-wrong", "--json")
    rows = json.loads(result.output)
    assert result.exit_code == 0 and len(rows) == 2
    assert {r["evidence"][0]["text"] for r in rows} == {
        "Russian Prime Minister Sergei Lavrov", "Defence Secretary Marco Rubio"
    }  # fmt: skip
    table = run("findings", "--db", str(demo_db), "--severity", "error")
    assert "title-wrong" in table.output and "NewsFlash Hub 24" in table.output
    outlets = json.loads(
        run("findings", "--db", str(demo_db), "--basis", "outlets", "--json").output
    )
    assert outlets and {r["basis"] for r in outlets} == {"outlets"}
    article = rows[0]["article_id"]
    shown = json.loads(run("show", article[:10], "--db", str(demo_db), "--json").output)
    assert {"title-wrong", "event-date"} <= {f["kind"] for f in shown["findings"]}


def test_every_kind_has_a_basis() -> None:
    assert set(KINDS.values()) == {"article", "knowledge", "outlets"}


def test_gold_floor() -> None:
    result = evaluate(GOLD / "labels.jsonl")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    report = format_report(result)
    knowledge = [k for k, basis in KINDS.items() if basis == "knowledge"]
    rows = [result["kinds"][k] for k in knowledge if k in result["kinds"]]
    figures = {
        "precision": result["precision"],
        "recall": result["recall"],
        "knowledge_recall": min(r["recall"] for r in rows if r["recall"] is not None),
        "knowledge_precision": min(r["precision"] for r in rows if r["precision"] is not None),
    }
    for name, floor in floors.items():
        assert figures[name] >= floor, f"{name} fell below {floor}\n{report}"
