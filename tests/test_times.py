"""Time expressions: golden checks of the normaliser, the resolver on parsed text, the floors."""

from __future__ import annotations

import datetime
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from newsledger.evaluation.times import evaluate, format_report, load_gold
from newsledger.nlp.model import load_model
from newsledger.resolve.times import TimeValue, normalize_time, resolve_times

GOLD = Path(__file__).parent / "gold" / "times.jsonl"
FLOORS = Path(__file__).parent / "floors" / "times.json"

WED = datetime.date(2026, 1, 28)  # a Wednesday, in ISO week 2026-W05


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def check(found: TimeValue, value: str | None, granularity: str, kind: str | None = None) -> None:
    assert (found.value, found.granularity) == (value, granularity)
    if kind is not None:
        assert found.kind == kind


FULL_DATES = [
    ("22 January 2026", "2026-01-22"),
    ("January 22, 2026", "2026-01-22"),
    ("Jan. 22, 2026", "2026-01-22"),
    ("Thursday, January 22, 2026", "2026-01-22"),
    ("the 22nd of January 2026", "2026-01-22"),
    ("2026-01-22", "2026-01-22"),
    ("22/01/2026", "2026-01-22"),
    ("22.01.2026", "2026-01-22"),
    ("05/02/2026", "2026-02-05"),  # day first when both readings fit
    ("01/22/2026", "2026-01-22"),  # month first when only that fits
    ("22-Jan-2026", "2026-01-22"),  # dateparser, as a helper for absolute dates
]


@pytest.mark.parametrize(("text", "value"), FULL_DATES)
def test_full_dates_need_no_publication_date(text: str, value: str) -> None:
    found = normalize_time(text, None)
    check(found, value, "day", "point")
    assert found.relative is False


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Jan. 22", "2026-01-28", "2026-01-22"),
        ("December 30", "2026-01-02", "2025-12-30"),  # closest: last year's
        ("Jan. 3", "2025-12-29", "2026-01-03"),  # closest: next year's
        ("2 October", "2026-02-05", "2025-10-02"),
        ("Sunday 1 February", "2026-02-03", "2026-02-01"),
    ],
)
def test_dates_without_a_year_take_the_closest_year(text: str, published: str, value: str) -> None:
    found = normalize_time(text, day(published))
    check(found, value, "day")
    assert found.relative is True


WEEKDAYS = [
    ("on Thursday", "past", "2026-01-22"),
    ("on Thursday", "future", "2026-01-29"),
    ("on Thursday", "present", "2026-01-29"),  # the present of schedules
    ("Thursday", None, "2026-01-22"),  # nothing says: the nearest past one
    ("on Wednesday", "past", "2026-01-28"),  # the publication weekday is the publication day
    ("on Wednesday", "future", "2026-01-28"),
    ("last Tuesday", None, "2026-01-27"),
    ("last Wednesday", None, "2026-01-21"),
    ("next Sunday", None, "2026-02-08"),  # the Sunday of next week
    ("this Friday", None, "2026-01-30"),
    ("this coming Monday", None, "2026-02-02"),
]


@pytest.mark.parametrize(("text", "tense", "value"), WEEKDAYS)
def test_weekdays_follow_the_tense_and_modifiers(text: str, tense: str | None, value: str) -> None:
    check(normalize_time(text, WED, tense), value, "day", "point")


def test_next_sunday_on_a_saturday_is_eight_days_on() -> None:
    check(normalize_time("next Sunday", day("2026-01-24")), "2026-02-01", "day")
    check(normalize_time("next Sunday", day("2026-01-25")), "2026-02-01", "day")


RELATIVE = [
    ("today", "2026-01-28", "day"),
    ("yesterday", "2026-01-27", "day"),
    ("tomorrow", "2026-01-29", "day"),
    ("tonight", "2026-01-28/2026-01-29", "interval"),
    ("last night", "2026-01-27/2026-01-28", "interval"),
    ("this week", "2026-W05", "week"),
    ("last week", "2026-W04", "week"),
    ("next week", "2026-W06", "week"),
    ("this month", "2026-01", "month"),
    ("last month", "2025-12", "month"),
    ("next month", "2026-02", "month"),
    ("this year", "2026", "year"),
    ("earlier this year", "2026-01", "month"),
    ("late last year", "2025-09/2025-12", "interval"),
    ("early next year", "2027-01/2027-04", "interval"),
    ("earlier this week", "2026-01-26/2026-01-27", "interval"),
    ("later this month", "2026-01-29/2026-01-31", "interval"),
    ("the start of the month", "2026-01-01/2026-01-10", "interval"),
    ("in two weeks", "2026-W07", "week"),
    ("two days ago", "2026-01-26", "day"),
    ("three years ago", "2023", "year"),
    ("a week earlier", "2026-W04", "week"),
    ("a month ago", "2025-12", "month"),
    ("the past three weeks", "2026-01-07/2026-01-28", "interval"),
    ("the past month", "2025-12-28/2026-01-28", "interval"),
    ("the coming days", "2026-01-28/2026-01-31", "interval"),
    ("the next few weeks", "2026-01-28/2026-02-18", "interval"),
    ("last weekend", "2026-01-24/2026-01-25", "interval"),
    ("this weekend", "2026-01-24/2026-01-25", "interval"),
    ("the year", "2026", "year"),
]


@pytest.mark.parametrize(("text", "value", "granularity"), RELATIVE)
def test_relative_expressions(text: str, value: str, granularity: str) -> None:
    found = normalize_time(text, WED)
    check(found, value, granularity)
    assert found.relative is True


def test_the_weekend_looks_ahead_in_future_tense() -> None:
    check(normalize_time("this weekend", WED, "future"), "2026-01-31/2026-02-01", "interval")


def test_iso_weeks_cross_the_year_boundary() -> None:
    check(normalize_time("this week", day("2025-12-30")), "2026-W01", "week")
    check(normalize_time("last week", day("2026-01-02")), "2025-W52", "week")
    check(normalize_time("next week", day("2025-12-24")), "2026-W01", "week")


def test_in_n_units_in_past_tense_is_a_length() -> None:
    check(normalize_time("in about five months", WED, "past"), "P5M", "duration", "duration")


RANGES = [
    ("23-24 January", "2026-01-23/2026-01-24"),
    ("23\u201324 January", "2026-01-23/2026-01-24"),
    ("January 23 to 24", "2026-01-23/2026-01-24"),
    ("Jan. 23-24", "2026-01-23/2026-01-24"),
    ("Feb. 4-5", "2026-02-04/2026-02-05"),
    ("between 4 and 5 February", "2026-02-04/2026-02-05"),
    ("from January 9 to January 14", "2026-01-09/2026-01-14"),
    ("23 January to 2 February", "2026-01-23/2026-02-02"),
    ("from January to March 2026", "2026-01/2026-03"),
    ("November 2025 to January 2026", "2025-11/2026-01"),
    ("2022-2025", "2022/2025"),
    ("2025-26", "2025/2026"),
    ("last Friday and Saturday", "2026-01-23/2026-01-24"),
    ("May and June last year", "2025-05/2025-06"),
]


@pytest.mark.parametrize(("text", "value"), RANGES)
def test_ranges_are_intervals(text: str, value: str) -> None:
    check(normalize_time(text, WED), value, "interval", "interval")


def test_weekday_ranges_follow_the_tense() -> None:
    tuesday = day("2026-02-03")
    past = normalize_time("from Sunday to Sunday", tuesday, "past")
    future = normalize_time("Wednesday and Thursday", tuesday, "future")
    assert (past.value, future.value) == ("2026-01-25/2026-02-01", "2026-02-04/2026-02-05")
    assert normalize_time("Monday and Thursday", tuesday).granularity == "unknown"


DURATIONS = [
    ("three hours", "PT3H"),
    ("four-hour", "PT4H"),
    ("for two days", "P2D"),
    ("nearly four years", "P4Y"),
    ("about an hour", "PT1H"),
    ("90 minutes", "PT90M"),
    ("a 30-day", "P30D"),
    ("week-long", "P1W"),
    ("two weeks", "P2W"),
    ("a decade", "P10Y"),
    ("half an hour", "PT30M"),
    ("three and a half hours", "PT3H30M"),
    ("two and a half years", "P2Y6M"),
    ("for years", "PXY"),
    ("within hours", "PTXH"),
    ("three days after", "P3D"),
]


@pytest.mark.parametrize(("text", "value"), DURATIONS)
def test_durations(text: str, value: str) -> None:
    found = normalize_time(text, WED)
    check(found, value, "duration", "duration")
    assert found.relative is False


def test_a_shift_is_a_duration_not_a_date() -> None:
    from newsledger.resolve.times import _Context, _lower_keys, _normalize

    ctx = _Context(WED, "past", _lower_keys({}), before_than=True)
    check(_normalize("three days later", ctx), "P3D", "duration")


GRANULARITIES = [
    ("in January", "2026-02-05", "past", "2026-01", "month"),
    ("in November", "2026-02-05", "future", "2026-11", "month"),
    ("in November", "2026-02-05", "past", "2025-11", "month"),
    ("December", "2026-01-29", None, "2025-12", "month"),
    ("last February", "2026-01-28", None, "2025-02", "month"),
    ("August 2025", "2026-01-28", None, "2025-08", "month"),
    ("mid-January", "2026-02-02", None, "2026-01-11/2026-01-20", "interval"),
    ("early October", "2026-02-07", None, "2025-10-01/2025-10-10", "interval"),
    ("the first quarter of 2026", "2026-01-28", None, "2026-Q1", "quarter"),
    ("the third quarter", "2026-01-28", None, "2026-Q3", "quarter"),
    ("Q4 2025", "2026-01-28", None, "2025-Q4", "quarter"),
    ("the first half of 2026", "2026-01-28", None, "2026-H1", "half"),
    ("the second half of next year", "2026-01-28", None, "2027-H2", "half"),
    ("2022", "2026-01-28", None, "2022", "year"),
    ("late 2025", "2026-01-28", None, "2025-09/2025-12", "interval"),
    ("the 1990s", "2026-01-28", None, "199", "decade"),
    ("the '90s", "2026-01-28", None, "199", "decade"),
    ("the early 2010s", "2026-01-28", None, "2010/2013", "interval"),
    ("the winter", "2026-02-05", None, "2025-12/2026-02", "interval"),
    ("the summer of 2025", "2026-02-05", None, "2025-06/2025-08", "interval"),
    ("last autumn", "2025-11-03", None, "2024-09/2024-11", "interval"),
    ("the final days of 2025", "2026-01-10", None, "2025-12-29/2025-12-31", "interval"),
    ("the first two weeks of January", "2026-01-28", None, "2026-01-01/2026-01-14", "interval"),
    ("the week of February 23", "2026-02-12", None, "2026-W09", "week"),
]


@pytest.mark.parametrize(("text", "published", "tense", "value", "granularity"), GRANULARITIES)
def test_granularity(
    text: str, published: str, tense: str | None, value: str, granularity: str
) -> None:
    check(normalize_time(text, day(published), tense), value, granularity)


ORDINAL_PERIODS = [
    ("the war's fourth year", "2025-02-24/2026-02-23", "interval"),
    ("the fourth year of the full-scale war", "2025-02-24/2026-02-23", "interval"),
    ("the first year of Russia's full-scale invasion", "2022-02-24/2023-02-23", "interval"),
    ("the first week of the invasion", "2022-02-24/2022-03-02", "interval"),
    ("the war's second month", "2022-03-24/2022-04-23", "interval"),
    ("the 1,000th day of the war", "2024-11-19", "day"),
    ("day 100 of the invasion", "2022-06-03", "day"),
    ("the third anniversary of the invasion", "2025-02-24", "day"),
    ("the fourth winter of the war", "2025-12/2026-02", "interval"),
]


@pytest.mark.parametrize(("text", "value", "granularity"), ORDINAL_PERIODS)
def test_ordinal_periods(text: str, value: str, granularity: str) -> None:
    found = normalize_time(text, None)
    check(found, value, granularity)
    assert found.relative is False


def test_period_starts_are_overridable() -> None:
    talks = {"talks": datetime.date(2026, 1, 23)}
    check(normalize_time("the second day of the talks", WED, None, talks), "2026-01-24", "day")
    check(normalize_time("the war's fourth year", WED, None, talks), None, "interval")


NO_PUBLICATION_DATE = [
    ("on Thursday", "day"),
    ("yesterday", "day"),
    ("next week", "week"),
    ("two days ago", "day"),
    ("the past three weeks", "interval"),
    ("Jan. 22", "day"),
    ("in January", "month"),
    ("last night", "interval"),
    ("earlier this year", "interval"),
]


@pytest.mark.parametrize(("text", "granularity"), NO_PUBLICATION_DATE)
def test_relative_expressions_stay_unresolved_without_a_publication_date(
    text: str, granularity: str
) -> None:
    found = normalize_time(text, None, "past")
    check(found, None, granularity, "unresolved")
    assert found.relative is True


def test_absolute_expressions_resolve_without_a_publication_date() -> None:
    check(normalize_time("23-24 January 2026", None), "2026-01-23/2026-01-24", "interval")
    check(normalize_time("August 2025", None), "2025-08", "month")
    check(normalize_time("nearly four years", None), "P4Y", "duration")


TIMES_OF_DAY = [
    ("midnight", None, "2026-01-28"),  # nothing else named: the publication day
    ("09:30", None, "2026-01-28"),
    ("7 p.m. Moscow time", None, "2026-01-28"),
    ("late on Thursday", "past", "2026-01-22"),
    ("early on Friday", "future", "2026-01-30"),
    ("Thursday evening", "past", "2026-01-22"),
    ("midnight on Thursday", "past", "2026-01-22"),
    ("the early hours of Saturday", "past", "2026-01-24"),
    ("this morning", None, "2026-01-28"),
]


@pytest.mark.parametrize(("text", "tense", "value"), TIMES_OF_DAY)
def test_times_of_day_resolve_to_their_day(text: str, tense: str | None, value: str) -> None:
    check(normalize_time(text, WED, tense), value, "time", "point")


def test_nights_span_two_days() -> None:
    saturday = day("2026-01-24")
    check(
        normalize_time("overnight into Saturday", saturday, "past"),
        "2026-01-23/2026-01-24",
        "interval",
    )
    check(normalize_time("Friday night", saturday, "past"), "2026-01-23/2026-01-24", "interval")
    check(
        normalize_time("the night of 23-24 January", saturday), "2026-01-23/2026-01-24", "interval"
    )


NOT_TIMES = [
    "61-year-old",
    "61",
    "157",
    "48",
    "1,003",
    "every day",
    "daily",
    "Sundays",
    "the coldest days",
]


@pytest.mark.parametrize("text", NOT_TIMES)
def test_things_that_are_not_times_stay_unresolved(text: str) -> None:
    found = normalize_time(text, WED)
    check(found, None, "unknown", "unresolved")


# ---------------------------------------------------------------------------------------------
# The resolver on parsed text


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def resolved(nlp: Any, text: str, published: str | None) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    refs = resolve_times(doc, day(published) if published else None)
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text
    ends = [(ref.start, ref.end) for ref in refs]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends)), "spans overlap"
    return [(ref.text, ref.value) for ref in refs]


def test_tense_decides_the_direction_of_a_weekday(nlp: Any) -> None:
    text = "The envoys met Putin on Thursday and will return to Abu Dhabi on Thursday."
    assert resolved(nlp, text, "2026-01-28") == [
        ("Thursday", "2026-01-22"),
        ("Thursday", "2026-01-29"),
    ]


def test_expected_and_scheduled_point_ahead(nlp: Any) -> None:
    text = "Zelensky said on Monday that a second round was expected in Abu Dhabi on Sunday."
    assert resolved(nlp, text, "2026-01-27") == [("Monday", "2026-01-26"), ("Sunday", "2026-02-01")]


def test_a_past_participle_reads_in_the_past(nlp: Any) -> None:
    text = "The talks had been moved after a meeting planned for Sunday was postponed."
    assert resolved(nlp, text, "2026-02-03") == [("Sunday", "2026-02-01")]


def test_entities_are_repaired_and_merged(nlp: Any) -> None:
    text = (
        "The survey was carried out between 9 and 14 January. Russia fired drones overnight "
        "into Tuesday, and Witkoff flew to Moscow later on Thursday for a week-long visit."
    )
    assert resolved(nlp, text, "2026-02-05") == [
        ("between 9 and 14 January", "2026-01-09/2026-01-14"),
        ("overnight into Tuesday", "2026-02-02/2026-02-03"),
        ("later on Thursday", "2026-02-05"),
        ("week-long", "P1W"),
    ]


def test_missed_expressions_are_found_by_patterns(nlp: Any) -> None:
    text = "Two days of talks ended last night. The ceasefire starts at 00:00 Kyiv time on Monday."
    assert resolved(nlp, text, "2026-02-13") == [
        ("Two days", "P2D"),
        ("last night", "2026-02-12/2026-02-13"),
        ("00:00 Kyiv time on Monday", "2026-02-16"),
    ]


def test_anaphora_takes_the_day_named_before(nlp: Any) -> None:
    text = "The sequence began on Thursday in Davos. That evening the envoys flew to Moscow."
    assert resolved(nlp, text, "2026-01-25") == [
        ("Thursday", "2026-01-22"),
        ("That evening", "2026-01-22"),
    ]


def test_sentence_indexes_and_ordinal_periods(nlp: Any) -> None:
    doc = nlp("Talks resumed on Monday. The war entered its fourth year in February 2025.")
    refs = resolve_times(doc, day("2026-01-28"))
    assert [(r.text, r.value, r.sentence) for r in refs] == [
        ("Monday", "2026-01-26", 0),
        ("its fourth year", "2025-02-24/2026-02-23", 1),
        ("February 2025", "2025-02", 1),
    ]


def test_without_a_publication_date_relative_values_are_none(nlp: Any) -> None:
    text = "Zelensky said on Sunday that talks held on 23-24 January 2026 were useful."
    assert resolved(nlp, text, None) == [
        ("Sunday", None),
        ("23-24 January 2026", "2026-01-23/2026-01-24"),
    ]


def test_ages_come_back_unresolved(nlp: Any) -> None:
    doc = nlp("Olena Kravets, 61, said her radiators had been cold since Tuesday.")
    refs = {ref.text: ref for ref in resolve_times(doc, day("2026-02-04"))}
    assert refs["Tuesday"].value == "2026-02-03"
    assert all(
        ref.value is None and ref.granularity == "unknown"
        for ref in refs.values()
        if ref.text != "Tuesday"
    )


# ---------------------------------------------------------------------------------------------
# The gold set and the score floor


def test_gold_set_is_well_formed() -> None:
    items = load_gold(GOLD)
    expressions = [e for item in items for e in item["expressions"]]
    assert len(expressions) >= 150
    assert len({item["id"] for item in items}) == len(items)
    assert any(item["published"] is None for item in items)
    assert {e["granularity"] for e in expressions} >= {
        "day",
        "week",
        "month",
        "quarter",
        "half",
        "year",
        "decade",
        "time",
        "interval",
        "duration",
    }


def test_load_gold_rejects_a_span_that_does_not_match(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    item = {
        "id": "x",
        "published": None,
        "text": "on Friday",
        "expressions": [
            {"text": "Friday", "start": 0, "end": 6, "value": None, "granularity": "day"}
        ],
    }
    bad.write_text(json.dumps(item) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="is not 'Friday'"):
        load_gold(bad)


def test_scores_stay_above_the_floors() -> None:
    result = evaluate(GOLD)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    report = format_report(result)
    for name, floor in floors.items():
        assert result[name] >= floor, f"{name} {result[name]} fell below {floor}\n{report}"
