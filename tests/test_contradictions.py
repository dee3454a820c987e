"""Contradictions among reports of one claim: values, speakers, affirmed against denied."""

from __future__ import annotations

from newsledger.crosscheck import contradictions
from newsledger.crosscheck.reports import Report

from .claim_helpers import claim, report, said, value

HOURS3 = [value("duration", 3, "hour", "three hours")]
HOURS4 = [value("duration", 4, "hour", "four hours")]


def _kinds(reports: list[Report]) -> list[str]:
    return [c.kind for c in contradictions.find(reports)]


def test_durations_that_differ_contradict_with_both_sides() -> None:
    reports = [
        report("a2", "The meeting lasted four hours", "Ridge Daily", "2026-02-02", values=HOURS4),
        report("a1", "The meeting lasted three hours", "Harbor Post", "2026-02-01", values=HOURS3),
        report(
            "a3",
            "They met for 180 minutes",
            "Valley Times",
            "2026-02-03",
            values=[value("duration", 180, "minute")],
        ),
    ]
    (found,) = contradictions.find(reports)
    data = found.to_dict()
    assert data["kind"] == "duration"
    assert data["detail"] == "3 hours against 4 hours"
    assert data["a"]["article_id"] == "a1"  # the earliest report leads its side
    assert data["a"]["voices"] == 2
    assert [r["article_id"] for r in data["a"]["reports"]] == ["a1", "a3"]
    assert data["b"]["article_id"] == "a2"
    assert data["b"]["text"] == "The meeting lasted four hours"
    assert (data["b"]["start"], data["b"]["end"]) == (0, len("The meeting lasted four hours"))
    assert "true" not in str(data).lower()


def test_percentages_and_dates() -> None:
    ninety = report("a1", "90% of the region lost power", "Harbor Post", "2026-02-01",
                    values=[value("percent", 90, "%")])  # fmt: skip
    eighty = report("a2", "80% of the region lost power", "Ridge Daily", "2026-02-01",
                    values=[value("percent", 80, "%")])  # fmt: skip
    assert _kinds([ninety, eighty]) == ["percent"]
    first = report("a1", "The round is set for 1 February", "Harbor Post", "2026-01-28",
                   values=[value("date", "2026-02-01")])  # fmt: skip
    later = report("a2", "The round is set for 4-5 February", "Ridge Daily", "2026-01-29",
                   values=[value("date", "2026-02-04/2026-02-05")])  # fmt: skip
    month = report("a3", "The round is set for February", "Valley Times", "2026-01-29",
                   values=[value("date", "2026-02")])  # fmt: skip
    found = contradictions.find([first, later, month])
    assert [c.kind for c in found] == ["date"]
    # A month is too loose a date to take a side.
    assert [r.article_id for r in found[0].a.reports] == ["a1"]
    assert contradictions.find([first, month]) == []


def test_differing_values_need_otherwise_alike_reports() -> None:
    ninety = report("a1", "90% of the region lost power", "Harbor Post", "2026-02-01",
                    values=[value("percent", 90, "%")])  # fmt: skip
    eighty = report("a2", "Turnout reached 80% in the region", "Ridge Daily", "2026-02-01",
                    values=[value("percent", 80, "%")])  # fmt: skip
    assert len(contradictions.find([ninety, eighty])) == 1
    assert contradictions.find([ninety, eighty], lambda a, b: 0.4) == []
    assert len(contradictions.find([ninety, eighty], lambda a, b: 0.8)) == 1


def test_agreeing_values_are_no_contradiction() -> None:
    reports = [
        report("a1", "The meeting lasted three hours", "Harbor Post", "2026-02-01", values=HOURS3),
        report("a2", "They met for three hours", "Ridge Daily", "2026-02-02", values=HOURS3),
    ]
    assert contradictions.find(reports) == []


def test_the_same_quote_given_to_different_speakers() -> None:
    quote = '"We are closer than ever to an agreement"'
    reports = [
        report("a1", quote, "Harbor Post", "2026-02-01", **said("Dmitry Peskov", "peskov")),
        report("a2", quote, "Ridge Daily", "2026-02-01", **said("Yuri Ushakov", "ushakov")),
        report("a3", quote, "Valley Times", "2026-02-02", **said("Peskov", "peskov")),
    ]
    (found,) = contradictions.find(reports)
    assert found.kind == "speaker"
    assert found.to_dict()["detail"] == "Dmitry Peskov against Yuri Ushakov"
    assert [r.article_id for r in found.a.reports] == ["a1", "a3"]  # one speaker, two names


def test_different_words_from_different_speakers_are_no_contradiction() -> None:
    reports = [
        report("a1", "The talks were useful", "Harbor Post", "2026-02-01", **said("Peskov")),
        report(
            "a2",
            "Nothing was agreed on territory at all",
            "Ridge Daily",
            "2026-02-01",
            **said("Ushakov"),
        ),
    ]
    assert contradictions.find(reports) == []


def test_affirmed_against_denied() -> None:
    reports = [
        report("a1", "The draft includes a ceasefire clause", "Harbor Post", "2026-02-01"),
        report(
            "a2",
            "The draft does not include a ceasefire clause",
            "Ridge Daily",
            "2026-02-02",
            negated=True,
        ),
    ]
    (found,) = contradictions.find(reports)
    assert found.kind == "polarity"
    assert found.to_dict()["detail"] == "affirmed against denied"


def test_a_negation_just_before_the_claim_denies_it() -> None:
    agreed = report("a1", "The sides agreed on a monitoring mechanism", "Harbor Post", "2026-02-05")
    clause = "on a monitoring mechanism"
    denied = Report("a2", claim(clause), "Ridge Daily", "2026-02-06", voice="outlet:ridge daily",
                    lead="The sides did not agree ")  # fmt: skip
    (found,) = contradictions.find([agreed, denied])
    assert found.kind == "polarity"
    assert [r.article_id for r in found.b.reports] == ["a2"]


def test_the_date_someone_spoke_is_no_disputed_date() -> None:
    text = "Peskov said on Thursday the talks were useful"
    said_on = {**value("date", "2026-01-22"), "start": text.index("on Thursday")}
    later = {**value("date", "2026-01-29"), "start": text.index("on Thursday")}
    reports = [
        report("a1", text, "Harbor Post", "2026-01-23", values=[said_on]),
        report("a2", text, "Ridge Daily", "2026-01-30", values=[later]),
    ]
    assert contradictions.find(reports) == []
