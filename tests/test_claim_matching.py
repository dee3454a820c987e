"""Claim matching: values, candidate pairs, acceptance, clusters and their counts of voices."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.crosscheck.claim_pairs import (
    MatchSettings,
    accept,
    block_keys,
    candidate_pairs,
    clusters,
    match,
)
from newsledger.crosscheck.claim_values import agree, date_range, differing, magnitude
from newsledger.crosscheck.claims import build
from newsledger.crosscheck.reports import Report, relay_voice
from newsledger.evaluation import claim_matching

from .claim_helpers import claim, fake_embed, report, said, value

GOLD = Path(__file__).parent / "gold" / "claim-matching"
FLOORS = json.loads((Path(__file__).parent / "floors" / "claim-matching.json").read_text())


# ---------------------------------------------------------------- values
def test_durations_compare_across_units_and_iso_forms() -> None:
    assert magnitude(value("duration", 3, "hour")) == 3.0
    assert magnitude(value("duration", 180, "minute")) == 3.0
    assert magnitude(value("duration", "PT3H")) == 3.0
    assert agree(value("duration", 3, "hour"), value("duration", 180, "minute")) is True
    assert agree(value("duration", 3, "hour"), value("duration", 4, "hour")) is False


def test_numbers_agree_within_tolerance_and_bounds() -> None:
    assert agree(value("count", 150, "people"), value("count", 153, "people")) is True
    assert agree(value("count", 150, "people"), value("count", 175, "people")) is False
    at_least = {**value("count", 150, "people"), "qualifier": "at least"}
    assert agree(at_least, value("count", 175, "people")) is True
    # Different counted nouns are different slots: nothing to compare.
    assert agree(value("count", 150, "people"), value("count", 175, "drone")) is None


def test_dates_overlap_or_differ() -> None:
    assert date_range("2026-02") == date_range("2026-02-01/2026-02-28")
    assert date_range("2026-W05") is not None
    assert date_range("next week") is None
    day, span = value("date", "2026-02-01"), value("date", "2026-02-04/2026-02-05")
    assert agree(day, span) is False
    assert agree(value("date", "2026-02"), value("date", "2026-02-04")) is True


def test_a_range_that_contains_the_other_value_is_no_disagreement() -> None:
    both = [value("percent", 80, "%"), value("percent", 90, "%")]
    assert differing(both, [value("percent", 90, "%")]) == []
    assert len(differing([value("percent", 80, "%")], [value("percent", 90, "%")])) == 1


def test_roles_differ_only_for_the_same_actor() -> None:
    envoy = value("role", "special envoy", actor_id="Q1", role="special envoy")
    adviser = value("role", "adviser", actor_id="Q1", role="adviser")
    other = value("role", "adviser", actor_id="Q2", role="adviser")
    assert agree(envoy, adviser) is False
    assert agree(envoy, other) is None


# ---------------------------------------------------------------- candidates
def test_block_keys_cover_all_claims_and_slots() -> None:
    keys = block_keys(claim("x", kind="quantity", values=[value("duration", 3, "hour")]))
    assert keys == ["all", "slot:duration:None"]


def test_small_blocks_are_compared_in_full() -> None:
    vectors = fake_embed(["a b", "c d", "e f", "g h"])
    pairs = candidate_pairs([["k"], ["k"], ["k"], ["j"]], vectors, MatchSettings(exact_ledger=0))
    assert sorted(map(tuple, pairs.tolist())) == [(0, 1), (0, 2), (1, 2)]


def test_large_blocks_find_near_duplicates_without_all_pairs() -> None:
    rng = np.random.default_rng(1)
    base = rng.standard_normal((2000, 64)).astype(np.float32)
    twins = base[:200] + 0.15 * rng.standard_normal((200, 64)).astype(np.float32)
    vectors = np.concatenate([base, twins])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    settings = MatchSettings(exact_ledger=0, exact_block=100)
    pairs = candidate_pairs([["k"]] * len(vectors), vectors, settings)
    found = {tuple(p) for p in pairs.tolist()}
    recall = sum((i, 2000 + i) in found for i in range(200)) / 200
    assert recall >= 0.9
    bound = len(vectors) * settings.rounds * settings.window
    assert len(pairs) <= bound < len(vectors) * (len(vectors) - 1) // 2


# ---------------------------------------------------------------- acceptance
def test_different_named_actors_rule_a_match_out() -> None:
    a = claim("Witkoff met Umerov in Miami", actors=["witkoff", "umerov"])
    b = claim("Witkoff met Dmitriev in Miami", actors=["witkoff", "dmitriev"])
    c = claim("Kushner met Dmitriev in Miami", actors=["kushner", "dmitriev"])
    assert accept(a, b, 0.8)
    assert not accept(a, c, 0.95)


def test_the_claimant_is_not_the_subject() -> None:
    text = "the talks in Abu Dhabi were constructive"
    a = claim(text, actors=["peskov"], **said("Peskov", "peskov"))
    b = claim(text, actors=["ushakov"], **said("Ushakov", "ushakov"))
    assert accept(a, b, 0.99)


def test_shared_evidence_lowers_the_bar() -> None:
    hours = [value("duration", 3, "hour")]
    a = claim("the meeting lasted three hours", actors=["x"], values=hours)
    b = claim("they talked for three hours", actors=["x"], values=hours)
    assert accept(a, b, 0.55)  # an actor and an equal value shared
    plain_a, plain_b = claim("the meeting ended late at night"), claim("talks went on until late")
    assert not accept(plain_a, plain_b, 0.75)
    assert accept(plain_a, plain_b, 0.85)


def test_fragments_do_not_match() -> None:
    assert not accept(claim("on Wednesday"), claim("on Wednesday"), 1.0)


def test_match_and_cluster_paraphrases() -> None:
    texts = [
        "The delegations met for three hours in Abu Dhabi",
        "Delegations met in Abu Dhabi for three hours",
        "Grain exports through the Black Sea rose sharply",
    ]
    claims = [claim(t, places=["abu-dhabi"] if "Abu" in t else []) for t in texts]
    pairs = match(claims, fake_embed(texts))
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]
    assert clusters(3, pairs) == [[0, 1], [2]]


# ---------------------------------------------------------------- clusters
def test_copies_and_relays_count_as_one_voice() -> None:
    text = "The exchange freed 157 prisoners on each side"
    values = [value("count", 157, "prisoners")]
    reports = [
        report("a1", text, "Harbor Post", "2026-02-05T10:00:00Z", values=values),
        report("a2", text, "Harbor Post", "2026-02-05T12:00:00Z", values=values),
        Report(
            "a3",
            claim(text, values=values),
            "Valley Times",
            "2026-02-05T09:00:00Z",
            voice="relay:wire",
        ),
        Report(
            "a4",
            claim(text, values=values),
            "Ridge Daily",
            "2026-02-06T09:00:00Z",
            voice="relay:wire",
        ),
    ]
    (cluster,) = build(reports, fake_embed([r.claim["text"] for r in reports]))
    summary = cluster.summary()
    assert summary["reports"] == 4
    assert summary["outlets"] == 3
    assert summary["voices"] == 2
    assert summary["earliest_article_id"] == "a3"
    assert summary["agreement"] == "agree"
    assert summary["rating"] == "corroborated"


def test_relay_voice_reads_the_chain() -> None:
    chain = [{"text": "Reuters", "type": "outlet", "actor_id": None},
             {"text": "two officials", "type": "anonymous official", "actor_id": None}]  # fmt: skip
    assert relay_voice(chain) == "relay:reuters"
    assert relay_voice([{"text": "Peskov", "type": "named official"}]) is None


def test_ratings_say_what_the_evidence_shows() -> None:
    lone = build([report("a1", "The plant was hit", "Harbor Post", "2026-02-01")],
                 fake_embed(["The plant was hit"]))  # fmt: skip
    assert lone[0].rating == "single-source"
    alleged = build(
        [report("a1", "The plant was hit", "Harbor Post", "2026-02-01", unsourced=True)],
        fake_embed(["The plant was hit"]),
    )
    assert alleged[0].rating == "unsourced"
    texts = ["The talks lasted three hours", "The talks lasted four hours"]
    reports = [
        report(
            "a1",
            texts[0],
            "Harbor Post",
            "2026-02-01",
            values=[value("duration", 3, "hour")],
            places=["abu-dhabi"],
        ),
        report(
            "a2",
            texts[1],
            "Ridge Daily",
            "2026-02-02",
            values=[value("duration", 4, "hour")],
            places=["abu-dhabi"],
        ),
    ]
    (cluster,) = build(reports, fake_embed(texts))
    assert cluster.rating == "contradicted"
    assert cluster.agreement == "disagree"
    assert [m["agrees"] for m in cluster.members()] == [True, False]


# ---------------------------------------------------------------- floors
def _check(result: dict[str, Any], floors: dict[str, dict[str, float]]) -> None:
    for name, metrics in floors.items():
        for metric, floor in metrics.items():
            value = result["sets"][name][metric]
            assert value >= floor, f"{name} {metric} {value:.3f} fell below {floor}"


def test_matching_on_the_planted_gold_set_stays_above_floors() -> None:
    result = claim_matching.evaluate(GOLD)
    print(claim_matching.format_report(result))
    _check(result, FLOORS["claim-matching"])


def test_contradictions_on_the_planted_gold_set_stay_above_floors() -> None:
    result = claim_matching.evaluate_contradictions(GOLD)
    print(claim_matching.format_report(result))
    _check(result, FLOORS["contradictions"])


def test_a_small_ledger_is_compared_in_full() -> None:
    vectors = fake_embed(["a b", "c d", "e f"])
    assert len(candidate_pairs([["k"], ["j"], ["i"]], vectors)) == 3


def test_another_date_and_another_count_are_another_happening() -> None:
    january = [value("count", 375, "drone"), value("date", "2026-01-23/2026-01-24")]
    february = [value("count", 450, "drone"), value("date", "2026-02-02/2026-02-03")]
    a = claim("Russia launched 375 drones overnight", values=january)
    b = claim("Russia launched 450 drones overnight", values=february)
    assert not accept(a, b, 0.95)
    # One differing value alone is a disagreement to show, so the claims still match.
    assert accept(a, claim("Russia launched 450 drones overnight", values=february[:1]), 0.9)


def test_groups_join_only_when_their_means_are_alike() -> None:
    rng = np.random.default_rng(5)
    left, right = rng.standard_normal(16), rng.standard_normal(16)
    middle = left + right
    vectors = np.stack([left, left + 0.1, middle, right + 0.1, right]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chain = [(0, 1, 0.99), (3, 4, 0.99), (1, 2, 0.7), (2, 3, 0.7)]
    assert clusters(5, chain) == [[0, 1, 2, 3, 4]]
    assert clusters(5, chain, vectors) == [[0, 1, 2], [3, 4]]
