"""Certainty of statements: each kind of cue, negation, scope, the lexicon, the evaluation.

The sentences are the team's own, in the style of reporting on the 2026 talks. The floor test
reads the Wikipedia weasel sentences from ../shared/eval and skips where they are absent.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from newsledger.attribution.certainty import (
    LEVEL_SCORES,
    LEVELS,
    Certainty,
    certainty,
    compile_rule,
    lexicon,
    sentence_is_hedged,
)
from newsledger.errors import NewsledgerError
from newsledger.evaluation.hedges import evaluate, format_report, load_gold, unescape
from newsledger.kb import loader

WEASEL_TEST = Path(__file__).parent.parent.parent / "shared/eval/hedges/weasel_test.csv"
FLOORS = Path(__file__).parent / "floors" / "hedges.json"


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsledger.nlp.model import load_model

    return load_model()


def rate(nlp: Any, text: str, part: str | None = None) -> Certainty:
    """The certainty of the whole text, or of ``part`` of it."""
    doc = nlp(text)
    if part is None:
        return certainty(doc[:])
    start = text.index(part)
    span = doc.char_span(start, start + len(part))
    assert span is not None, f"{part!r} is not on token boundaries"
    return certainty(span)


def kinds(result: Certainty) -> dict[str, str]:
    """Cue text (lower case) -> kind."""
    return {cue["text"].lower(): cue["kind"] for cue in result.cues}


# ---------------------------------------------------------------------------------------------
# Each kind of cue

HEDGED = [
    ("Russian troops reportedly crossed the border near Kharkiv.", "reportedly", "probable"),
    ("The drone strike was allegedly ordered from Sevastopol.", "allegedly", "probable"),
    ("Ukrainian units appeared to have left the village.", "appeared to", "probable"),
    ("The envoy is believed to have met Dmitriev in Miami.", "is believed to", "probable"),
    ("A second round of talks could open in Abu Dhabi.", "could", "possible"),
    ("The prisoner exchange may take place on Friday.", "may", "possible"),
    ("Washington might ease sanctions on Russian banks.", "might", "possible"),
    ("The delegations will possibly meet again in Geneva.", "possibly", "possible"),
    ("The Kremlin will likely reject the proposal.", "likely", "probable"),
    ("The memorandum was purportedly drafted in Moscow.", "purportedly", "probable"),
    ("An unconfirmed video shows a strike on the port.", "unconfirmed", "possible"),
    ("The general is said to be recovering in Rostov.", "is said to", "probable"),
    ("It is understood that the plan covers Zaporizhzhia.", "it is understood", "probable"),
]


@pytest.mark.parametrize(("text", "cue", "level"), HEDGED)
def test_hedges_lower_the_level_and_mark_the_sentence(
    nlp: Any, text: str, cue: str, level: str
) -> None:
    result = rate(nlp, text)
    assert kinds(result).get(cue) == "hedge"
    assert result.level == level
    assert sentence_is_hedged(nlp(text)[:])


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Sources suggest the talks could resume next week.", "sources suggest"),
        ("According to sources, the plan includes a ceasefire line.", "according to sources"),
        ("Some analysts say the deal favours Moscow.", "some analysts"),
        ("Two officials, speaking on condition of anonymity, described the draft.", None),
        ("The proposal is seen by many as a concession to Moscow.", "is seen by many"),
    ],
)
def test_vague_and_unnamed_sources_are_attribution_hedges(
    nlp: Any, text: str, cue: str | None
) -> None:
    result = rate(nlp, text)
    found = kinds(result)
    assert "attribution-hedge" in found.values()
    if cue is not None:
        assert found.get(cue) == "attribution-hedge"
    assert result.level in ("probable", "possible")
    assert sentence_is_hedged(nlp(text)[:])


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The Pentagon confirmed that the missiles were delivered.", "confirmed"),
        ("The strike was clearly aimed at the power grid.", "clearly"),
        ("Kyiv will certainly demand guarantees.", "certainly"),
        ("The attack was undoubtedly the heaviest this winter.", "undoubtedly"),
    ],
)
def test_boosters_make_a_statement_certain(nlp: Any, text: str, cue: str) -> None:
    result = rate(nlp, text)
    assert kinds(result) == {cue: "booster"}
    assert (result.level, result.score) == ("certain", 1.0)
    assert not sentence_is_hedged(nlp(text)[:])


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Kyiv will sign if Moscow withdraws its troops.", "if"),
        ("Kyiv would accept monitors from neutral states.", "would"),
        ("No deal will be signed unless the strikes stop.", "unless"),
        ("Moscow will sign only after sanctions are lifted.", "only after"),
        ("Ukraine will hold elections provided that a ceasefire holds.", "provided that"),
    ],
)
def test_conditionals_make_a_statement_possible(nlp: Any, text: str, cue: str) -> None:
    result = rate(nlp, text)
    assert kinds(result).get(cue) == "conditional"
    assert result.level == "possible"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The Kremlin denied that troops had crossed the border.", "denied"),
        ("The ministry rejected the report as a provocation.", "rejected the report"),
        ("Peskov called the report false.", "called the report false"),
        ("Kyiv dismissed the claims as fake.", "dismissed the claims as fake"),
        ("There is no such agreement, the envoy said.", "no such"),
        ("Moscow never received the letter.", "never"),
    ],
)
def test_denials(nlp: Any, text: str, cue: str) -> None:
    result = rate(nlp, text)
    assert kinds(result).get(cue) == "denial"
    assert result.level == "denied"
    assert result.score < LEVEL_SCORES["doubtful"][1]


def test_a_plain_report_is_certain_and_unhedged(nlp: Any) -> None:
    text = "The delegations met in Abu Dhabi on Friday and exchanged 157 prisoners."
    result = rate(nlp, text)
    assert result == Certainty(level="certain", score=0.9, cues=[], negated=False)
    assert not sentence_is_hedged(nlp(text)[:])


# ---------------------------------------------------------------------------------------------
# Words that look like cues and are not


@pytest.mark.parametrize(
    "text",
    [
        "Witkoff met Putin in May.",  # the month
        "Russian forces could not take the town.",  # inability, not possibility
        "Even if the talks fail, the exchange will go ahead.",  # concession
        "The border guards denied entry to the journalists.",  # a refusal, not a denial
        "The minister appeared on state television on Sunday.",  # "appear" with no complement
        "The envoy flew on to Riyadh as if nothing had happened.",  # comparison
    ],
)
def test_look_alikes_are_not_cues(nlp: Any, text: str) -> None:
    result = rate(nlp, text)
    assert result.level == "certain", result.cues
    assert not sentence_is_hedged(nlp(text)[:])


# ---------------------------------------------------------------------------------------------
# Negation


def test_a_negated_booster_becomes_a_hedge(nlp: Any) -> None:
    result = rate(nlp, "The Pentagon did not confirm the report.")
    assert kinds(result) == {"confirm": "hedge"}
    assert (result.level, result.negated) == ("possible", True)


def test_a_negated_hedge_becomes_doubtful(nlp: Any) -> None:
    result = rate(nlp, "A ceasefire is not likely before the spring.")
    assert result.level == "doubtful"
    assert rate(nlp, "A ceasefire is unlikely before the spring.").level == "doubtful"


def test_a_negated_denial_leans_towards_the_claim(nlp: Any) -> None:
    result = rate(nlp, "The Kremlin did not deny the report.")
    assert kinds(result) == {"deny": "hedge"}
    assert result.level == "probable"


def test_negation_reaches_rightwards_only(nlp: Any) -> None:
    # "not" after the modal leaves the possibility; after the booster it leaves the booster.
    assert rate(nlp, "The talks may not resume this month.").level == "possible"
    result = rate(nlp, "Officials clearly did not confirm the report.")
    assert kinds(result) == {"clearly": "booster", "confirm": "hedge"}


def test_never_negating_a_cue_is_not_a_denial_too(nlp: Any) -> None:
    result = rate(nlp, "The ministry never confirmed the casualty figures.")
    assert kinds(result) == {"confirmed": "hedge"}
    assert result.level == "possible"


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Russian troops did not cross the border.", True),
        ("No agreement was reached in Abu Dhabi.", True),
        ("Nothing was signed in Geneva.", True),
        ("Russian troops crossed the border.", False),
    ],
)
def test_the_statement_itself_may_be_negated(nlp: Any, text: str, negated: bool) -> None:
    result = rate(nlp, text)
    assert result.negated is negated
    assert result.level == "certain"


# ---------------------------------------------------------------------------------------------
# Scope: cues outside a content span


def test_a_governing_denial_grades_the_content(nlp: Any) -> None:
    text = "The Kremlin denied that Russian troops had crossed the border."
    result = rate(nlp, text, "Russian troops had crossed the border")
    assert result.level == "denied"
    assert result.cues[0]["text"] == "denied"


def test_a_plain_reporting_verb_leaves_the_content_certain(nlp: Any) -> None:
    text = "Officials said Russian troops had crossed the border."
    assert rate(nlp, text, "Russian troops had crossed the border").level == "certain"


def test_a_coordinated_clause_does_not_govern(nlp: Any) -> None:
    text = "Peskov denied the report, but officials said troops had crossed the border."
    assert rate(nlp, text, "troops had crossed the border").level == "certain"


def test_outside_hedges_and_conditions_bear_on_the_content(nlp: Any) -> None:
    text = "Sources suggested that the envoy had met Dmitriev."
    assert rate(nlp, text, "the envoy had met Dmitriev").level == "probable"
    text = "According to sources, the plan includes a ceasefire line."
    assert rate(nlp, text, "the plan includes a ceasefire line").level == "probable"
    text = "If the talks fail, Russia will resume strikes, officials said."
    assert rate(nlp, text, "Russia will resume strikes").level == "possible"


def test_reported_would_is_not_a_condition(nlp: Any) -> None:
    result = rate(nlp, "Moscow said it would withdraw from the island.")
    assert result.level == "certain"


# ---------------------------------------------------------------------------------------------
# The record


def test_cues_point_at_their_characters(nlp: Any) -> None:
    text = "Kyiv said that Russian troops reportedly crossed the border if the report holds."
    result = rate(nlp, text)
    assert [cue["kind"] for cue in result.cues] == ["hedge", "conditional"]
    for cue in result.cues:
        assert text[cue["start"] : cue["end"]] == cue["text"]
        assert set(cue) == {"text", "start", "end", "kind"}


def test_stacked_hedges_lower_the_score_within_the_level(nlp: Any) -> None:
    one = rate(nlp, "The talks may resume in March.")
    two = rate(nlp, "The talks may possibly resume in March.")
    assert one.level == two.level == "possible"
    assert LEVEL_SCORES["possible"][1] <= two.score < one.score


def test_scores_fall_with_the_levels() -> None:
    scores = [LEVEL_SCORES[level][0] for level in LEVELS]
    assert scores == sorted(scores, reverse=True)


def test_certainty_is_frozen_and_prints_as_its_level(nlp: Any) -> None:
    result = rate(nlp, "The strike was reportedly aimed at the port.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = "certain"  # type: ignore[misc]
    assert str(result) == "probable"


def test_an_empty_span_is_certain(nlp: Any) -> None:
    doc = nlp("The talks may resume.")
    assert certainty(doc[1:1]) == Certainty("certain", 0.9, [], False)


# ---------------------------------------------------------------------------------------------
# The lexicon


def test_every_packaged_entry_compiles() -> None:
    rules = lexicon().rules
    assert len(rules) >= 30
    assert {rule.kind for rule in rules} == {
        "hedge",
        "booster",
        "denial",
        "conditional",
        "attribution-hedge",
    }
    assert len({rule.id for rule in rules}) == len(rules)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "x", "kind": "maybe", "level": "possible", "phrases": ["y"]}, "kind"),
        ({"id": "x", "kind": "hedge", "level": "sure", "phrases": ["y"]}, "level"),
        ({"id": "x", "kind": "hedge", "level": "possible"}, "phrases"),
        ({"id": "x", "kind": "hedge", "level": "possible", "phrases": ["* y"]}, "start"),
        (
            {"id": "x", "kind": "hedge", "level": "possible", "phrases": ["y"], "if_negated": 3},
            "if_negated",
        ),
    ],
)
def test_bad_entries_are_refused(entry: dict[str, Any], message: str) -> None:
    from newsledger.attribution.certainty import Lexicon

    with pytest.raises(NewsledgerError, match=message):
        Lexicon([compile_rule(entry)])


def test_a_user_file_adds_cues(nlp: Any, tmp_path: Path) -> None:
    (tmp_path / "hedges-local.yaml").write_text(
        "- id: hedge.local-rumour-mill\n"
        "  kind: hedge\n"
        "  level: possible\n"
        "  weight: 1.0\n"
        '  phrases: ["the rumour mill has it"]\n',
        encoding="utf-8",
    )
    text = "The rumour mill has it that the envoy resigned."
    assert rate(nlp, text).level == "certain"
    loader.add_kb_dir(tmp_path)
    assert rate(nlp, text).level == "possible"


# ---------------------------------------------------------------------------------------------
# The evaluation


def test_treebank_escapes_are_undone() -> None:
    assert unescape(" -LRB- 2003 -RRB- `` yes '' \n") == '( 2003 ) " yes "'


def test_evaluate_on_a_small_set_of_our_own(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text(
        "text,label\n"
        '"Russian troops reportedly crossed the border.",1\n'
        '"Some analysts say the deal favours Moscow.",1\n'
        '"The delegations met in Abu Dhabi on Friday.",0\n'
        '"The talks ended on Saturday.",1\n',
        encoding="utf-8",
    )
    assert len(load_gold(gold)) == 4
    result = evaluate(gold)
    assert result["counts"] == {"tp": 2, "fp": 0, "fn": 1, "tn": 1}
    assert (result["precision"], result["recall"], result["accuracy"]) == (1.0, 0.6667, 0.75)
    assert set(result["baseline"]) == {"precision", "recall", "f1", "accuracy", "counts"}
    report = format_report(result)
    assert "F1 0.800" in report
    assert "missed" in report


def test_a_gold_file_without_labels_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text("sentence\nThe talks ended.\n", encoding="utf-8")
    with pytest.raises(NewsledgerError, match="text,label"):
        load_gold(gold)


@pytest.mark.skipif(
    not WEASEL_TEST.exists(),
    reason=f"weasel test set not present at {WEASEL_TEST} (../shared/eval is not checked out)",
)
def test_weasel_scores_stay_above_the_floors() -> None:
    result = evaluate(WEASEL_TEST)
    report = format_report(result)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    for name, floor in floors.items():
        assert result[name] >= floor, f"{name} {result[name]} fell below {floor}\n{report}"
