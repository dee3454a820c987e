"""Negotiation stances: extraction on short texts, the taxonomy, the spaCy component, the store,
positions over the demo ledger, the CLI and the floors on the team's gold set."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from spacy.language import Language

from newsledger import Ledger
from newsledger.evaluation.stances import evaluate, format_report, load
from newsledger.kb import loader
from newsledger.nlp.analyze import doc_to_analysis
from newsledger.nlp.model import load_model
from newsledger.stances import KINDS, Stance
from newsledger.stances.positions import Query, positions
from newsledger.stances.taxonomy import find_options, taxonomy

GOLD = Path(__file__).parent / "gold" / "stances.jsonl"
FLOORS = json.loads((Path(__file__).parent / "floors" / "stances.json").read_text())
PUBLISHED = "2026-01-28"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def stances(nlp: Language, text: str) -> list[Stance]:
    return doc_to_analysis(nlp(text), "t", PUBLISHED).stances


def one(nlp: Language, text: str) -> Stance:
    found = stances(nlp, text)
    assert len(found) == 1, [s.to_dict() for s in found]
    return found[0]


# ---------------------------------------------------------------- taxonomy
def test_taxonomy_has_the_issues_of_the_talks() -> None:
    issues = taxonomy().issues
    for name in ("territory", "security-guarantees", "alliance", "ceasefire", "economy",
                 "elections", "sanctions", "prisoners", "zaporizhzhia", "army-size",
                 "peacekeeping"):  # fmt: skip
        assert name in issues and issues[name].options
    assert "alliance/nato-allowed" in taxonomy().opposites("alliance", "renounce-nato")


def test_signals_match_by_lemma_with_gaps_and_longest_wins(nlp: Language) -> None:
    doc = nlp(
        "Moscow wants Kyiv to withdraw its troops from all of Donbas and renounce NATO membership."
    )
    found = [(m.option, doc.text[m.start_char : m.end_char]) for m in find_options(doc)]
    assert found == [
        ("donbas-withdrawal", "withdraw its troops from all of Donbas"),
        ("renounce-nato", "renounce NATO membership"),
    ]


def test_users_extend_the_taxonomy(tmp_path: Path, nlp: Language) -> None:
    (tmp_path / "issues-gaza.yaml").write_text(
        "- id: hostages\n  name: Hostages\n  options:\n"
        "    - id: release\n      name: Release of hostages\n"
        "      signals: [release ... hostages]\n",
        encoding="utf-8",
    )
    loader.add_kb_dir(tmp_path)
    doc = nlp("Israel demands the release of all hostages.")
    assert [(m.issue, m.option) for m in find_options(doc)] == [("hostages", "release")]
    assert "territory" in taxonomy().issues


# ---------------------------------------------------------------- extraction
def test_own_demand(nlp: Language) -> None:
    stance = one(nlp, "Moscow demands that Ukraine withdraw from all of Donbas.")
    assert (stance.party_id, stance.issue, stance.option, stance.kind) == (
        "country.RUS", "territory", "donbas-withdrawal", "demands",
    )  # fmt: skip
    assert stance.own_statement and stance.speaker == "Moscow" and stance.date == PUBLISHED
    assert stance.evidence == "withdraw from all of Donbas" and stance.cue == "demands"


def test_conditional_acceptance_links_the_condition(nlp: Language) -> None:
    stance = one(nlp, "Zelensky said Ukraine would cede land only through a referendum.")
    assert (stance.party_id, stance.option, stance.kind) == (
        "country.UKR", "cede-territory", "accepts-if",
    )  # fmt: skip
    assert stance.condition is not None
    assert stance.condition.text == "only through a referendum"
    assert (stance.condition.issue, stance.condition.option) == ("elections", "referendum")
    assert stance.speaker == "Zelensky" and stance.own_statement


def test_guarantees_tied_to_territory(nlp: Language) -> None:
    stance = one(nlp, "Washington ties security guarantees to Ukraine ceding Donbas.")
    assert (stance.party_id, stance.option, stance.kind) == (
        "country.USA", "us-guarantee", "accepts-if",
    )  # fmt: skip
    assert stance.condition is not None and stance.condition.option == "donbas-withdrawal"


def test_denial_of_having_proposed(nlp: Language) -> None:
    stance = one(
        nlp, "The White House denied that it had proposed a demilitarised zone in Donetsk."
    )
    assert (stance.party_id, stance.option, stance.kind) == (
        "country.USA", "demilitarised-zone", "denies",
    )  # fmt: skip


def test_reported_position_keeps_its_chain(nlp: Language) -> None:
    stance = one(
        nlp,
        "The Financial Times reported that Washington is pushing Kyiv to accept a freeze along"
        " the current front line, citing three officials.",
    )
    assert (stance.party_id, stance.option, stance.kind) == (
        "country.USA", "freeze-line", "demands",
    )  # fmt: skip
    assert not stance.own_statement
    assert stance.reported_by == "The Financial Times"
    assert [link["text"] for link in stance.chain] == ["The Financial Times", "three officials"]


def test_rejections_and_red_line_words(nlp: Language) -> None:
    assert one(nlp, "Moscow has ruled out any European force.").kind == "rejects"
    stance = one(nlp, "A freeze along the current line is unacceptable to Moscow, Peskov said.")
    assert (stance.party_id, stance.kind, stance.cue) == ("country.RUS", "rejects", "unacceptable")
    stance = one(nlp, '"We will never recognise Crimea as Russian," Zelensky said.')
    assert (stance.party_id, stance.kind) == ("country.UKR", "rejects")


def test_must_is_the_speakers_demand(nlp: Language) -> None:
    stance = one(nlp, "Ukraine must give up its NATO aspirations, Lavrov told reporters.")
    assert (stance.party_id, stance.option, stance.kind) == (
        "country.RUS", "renounce-nato", "demands",
    )  # fmt: skip


def test_option_in_a_time_phrase_is_no_stance(nlp: Language) -> None:
    found = stances(
        nlp, "Moscow demands that Ukraine withdraw from all of Donbas before any ceasefire."
    )
    assert [s.option for s in found] == ["donbas-withdrawal"]


def test_no_party_no_stance(nlp: Language) -> None:
    assert stances(nlp, "The ceasefire held overnight along most of the front.") == []


def test_stance_serialises(nlp: Language) -> None:
    data = one(nlp, "Kyiv rejected the idea of a buffer zone.").to_dict()
    assert data["kind"] in KINDS
    assert set(data) >= {"party_id", "party", "issue", "option", "kind", "condition", "date",
                         "speaker", "certainty", "chain", "reported_by", "own_statement",
                         "evidence", "sentence"}  # fmt: skip
    assert data["evidence"]["text"] == "buffer zone"


# ---------------------------------------------------------------- component
@pytest.fixture(scope="module")
def plain() -> Language:
    """A pipeline of its own (not the shared cached one) with the component added by name."""
    pipeline: Language = load_model.__wrapped__()
    pipeline.add_pipe("newsledger_stances")
    return pipeline


def test_component_in_a_plain_pipeline(plain: Language) -> None:
    doc = plain("Russia insists Ukraine must renounce NATO membership.")
    found = doc._.newsledger_stances
    assert [(s.party_id, s.option, s.kind) for s in found] == [
        ("country.RUS", "renounce-nato", "demands"),
    ]


def test_component_reads_the_publication_date(plain: Language) -> None:
    doc = plain.make_doc("Kyiv rejected a freeze along the current front line.")
    doc.user_data["published"] = date(2026, 2, 1)
    for _name, pipe in plain.pipeline:
        doc = pipe(doc)
    assert [s.date for s in doc._.newsledger_stances] == ["2026-02-01"]


# ---------------------------------------------------------------- ledger
def test_stances_are_stored_and_shown(demo_db: Path) -> None:
    from newsledger.api import show_article

    with Ledger(demo_db, readonly=True) as ledger:
        article_id = ledger.db.execute("SELECT article_id FROM stances LIMIT 1").fetchone()[0]
        shown = show_article(ledger, article_id)
    assert shown["stances"]
    text = shown["article"]["text"]
    for stance in shown["stances"]:
        evidence = stance["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
        assert stance["kind"] in KINDS


def test_demo_map(demo_db: Path) -> None:
    with Ledger(demo_db, readonly=True) as ledger:
        cells = positions(ledger, "matrix")
        lines = positions(ledger, "redlines")
        linked = positions(ledger, "links")
        early = positions(ledger, "matrix", Query(as_of="2026-01-20"))
        history = positions(ledger, "history", Query(party="Ukraine"))
        open_ = positions(ledger, "open")
    table = {(c["party_id"], c["issue"], c["option"]): c["kind"] for c in cells}
    assert table[("country.RUS", "territory", "donbas-withdrawal")] == "demands"
    assert table[("country.UKR", "territory", "donbas-withdrawal")] == "rejects"
    assert ("country.UKR", "donbas-withdrawal") in {(r["party_id"], r["option"]) for r in lines}
    assert any(r["conditional_on"] == "territory/donbas-withdrawal" for r in linked)
    assert len(early) < len(cells)
    assert history and {r["party_id"] for r in history} == {"country.UKR"}
    rejected = {(c["issue"], c["option"]) for c in cells if c["kind"] == "rejects"}
    assert open_ and not {(o["issue"], o["option"]) for o in open_} & rejected


def test_copies_count_once(tmp_path: Path, nlp: Language) -> None:
    from newsledger.stances.positions import matrix

    row = {"party_id": "country.RUS", "party": "Russia", "issue": "territory",
           "option": "donbas-withdrawal", "kind": "demands", "day": "2026-01-20",
           "own_statement": True, "condition_option": None, "condition_text": None,
           "evidence_text": "withdraw from Donbas", "speaker": "Peskov",
           "reported_by": None}  # fmt: skip
    rows = [
        {**row, "article_id": "a", "voice": "a"},
        {**row, "article_id": "b", "voice": "a"},  # a copy of a
        {**row, "article_id": "c", "voice": "c"},
    ]
    assert [c["voices"] for c in matrix(rows)] == [2]


# ---------------------------------------------------------------- CLI
def test_positions_command(demo_db: Path, run: Callable[..., Result]) -> None:
    result = run("positions", "--db", str(demo_db), "--json")
    assert result.exit_code == 0
    rows: list[dict[str, Any]] = json.loads(result.output)
    assert rows and {"party", "issue", "option", "kind", "voices"} <= set(rows[0])
    table = run(
        "positions", "--db", str(demo_db), "--view", "links", "--issue", "security-guarantees"
    )
    assert table.exit_code == 0 and "conditional_on" in table.output
    bad = run("positions", "--db", str(demo_db), "--issue", "nothing")
    assert bad.exit_code == 1


# ---------------------------------------------------------------- gold and floors
def test_gold_set_is_well_formed() -> None:
    passages = load(GOLD)
    gold = [s for p in passages for s in p.stances]
    assert len(gold) >= 80 and {p.split for p in passages} == {"dev", "test"}
    assert {s["kind"] for s in gold} == set(KINDS)
    for stance in gold:
        assert taxonomy().option(stance["issue"], stance["option"]) is not None, stance


def test_gold_set_stays_above_floors() -> None:
    result = evaluate(GOLD)
    print(format_report(result))
    for name, metrics in FLOORS["sets"].items():
        for metric, floor in metrics.items():
            value = result["sets"][name][metric]
            assert value >= floor, f"{name} {metric} {value:.3f} fell below {floor}"
    for kind, metrics in FLOORS["per_kind"].items():
        for metric, floor in metrics.items():
            value = result["sets"]["all"]["per_kind"][kind][metric]
            assert value >= floor, f"{kind} {metric} {value:.3f} fell below {floor}"
