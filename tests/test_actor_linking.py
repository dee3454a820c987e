"""The actor linker on parsed sentences, and its accuracy on the gold set against pinned floors.

The unit tests run the real pipeline (the pinned en_core_web_sm), so they are deterministic.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsledger.evaluation.actors import TYPES, evaluate, format_report, load_gold
from newsledger.kb import load_entries
from newsledger.nlp.model import load_model
from newsledger.records import ActorMention
from newsledger.resolve.actors import link_actors

HERE = Path(__file__).parent
GOLD = HERE / "gold" / "actors.jsonl"
FLOORS = HERE / "floors" / "actors.json"


def link(text: str, day: str) -> list[ActorMention]:
    return link_actors(load_model()(text), date.fromisoformat(day))


def one(mentions: list[ActorMention], text: str, nth: int = 0) -> ActorMention:
    found = [m for m in mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} (#{nth}) in {[m.text for m in mentions]}"
    return found[nth]


# --- names, transliterations, surnames -----------------------------------------------------


def test_title_before_a_name_belongs_to_the_name() -> None:
    found = link(
        "Kremlin spokesman Dmitry Peskov said Moscow had not seen the document.", "2026-01-28"
    )
    assert [(m.text, m.actor_id) for m in found] == [
        ("Dmitry Peskov", "person.peskov-dmitry"),
        ("Moscow", "gov.RUS"),
    ]
    assert one(found, "Dmitry Peskov").role is not None


ZELENSKY = "person.zelensky-volodymyr"


@pytest.mark.parametrize(
    ("text", "name", "actor_id"),
    [
        ("Volodymyr Zelenskyy said the offensive would begin.", "Volodymyr Zelenskyy", ZELENSKY),
        ("President Volodymyr Zelenskiy thanked Ankara.", "Volodymyr Zelenskiy", ZELENSKY),
        ("In a message posted in German, Selenskyj thanked the government.", "Selenskyj", ZELENSKY),
        (
            "Foreign Minister Andrei Sibiga said Moscow was stalling.",
            "Andrei Sibiga",
            "person.sybiha-andrii",
        ),
        (
            "Defence Minister Sergey Shoygu arrived in Pyongyang.",
            "Sergey Shoygu",
            "person.shoigu-sergei",
        ),
        (
            "Erdoğan said the grain deal had been extended.",
            "Erdoğan",
            "person.erdogan-recep-tayyip",
        ),
    ],
)
def test_transliterations_link_to_one_actor(text: str, name: str, actor_id: str) -> None:
    assert one(link(text, "2025-04-01"), name).actor_id == actor_id


def test_surname_after_a_first_mention_follows_the_article() -> None:
    speaker = "Speaker Mike Johnson brought the package to a vote. Johnson had delayed the bill."
    premier = "Boris Johnson walked through central Kyiv on Saturday. Johnson promised armour."
    assert one(link(speaker, "2024-04-21"), "Johnson").actor_id == "person.johnson-mike"
    assert one(link(premier, "2022-04-09"), "Johnson").actor_id == "person.johnson-boris"
    alone = one(link("Johnson promised armoured vehicles.", "2022-04-09"), "Johnson")
    assert alone.actor_id is None  # two known Johnsons and no first mention: left open


def test_surname_of_a_single_known_person() -> None:
    found = link(
        "General Charles Q. Brown spoke on Thursday. Brown urged Congress to pass the bill.",
        "2024-02-15",
    )
    assert one(found, "Brown").actor_id == "person.brown-charles"
    assert one(found, "Brown").method == "surname"


# --- titles resolved by the article's date ------------------------------------------------


@pytest.mark.parametrize(
    ("title", "day", "holder"),
    [
        ("Ukraine's defence minister", "2023-05-05", "person.reznikov-oleksii"),
        ("Ukraine's defence minister", "2024-06-01", "person.umerov-rustem"),
        ("Ukraine's defence minister", "2025-10-22", "person.shmyhal-denys"),
        ("Ukraine's defence minister", "2026-02-10", "person.fedorov-mykhailo"),
        ("The NATO secretary general", "2023-10-05", "person.stoltenberg-jens"),
        ("The NATO secretary general", "2025-06-05", "person.rutte-mark"),
        ("The head of the presidential office", "2025-03-12", "person.yermak-andriy"),
        ("The head of the presidential office", "2026-01-20", "person.budanov-kyrylo"),
        ("The Ukrainian leader", "2026-01-28", "person.zelensky-volodymyr"),
        ("The US special envoy", "2025-04-12", "person.witkoff-steve"),
    ],
)
def test_title_resolves_to_the_holder_on_the_date(title: str, day: str, holder: str) -> None:
    found = link(f"{title} said the talks had gone well.", day)
    assert len(found) == 1
    assert found[0].actor_id == holder
    assert found[0].method == "title"
    assert title.endswith(found[0].text) and not found[0].text.startswith("The ")


def test_title_with_no_holder_on_the_date_stays_unresolved() -> None:
    # Nobody held the post between Yermak's resignation and Budanov's appointment.
    found = link("The head of the presidential office said the talks had gone well.", "2025-12-15")
    assert [(m.actor_id, m.role) for m in found] == [
        (None, "Head of the Office of the President of Ukraine")
    ]


# --- metonyms and places, demonyms ---------------------------------------------------------


def test_capital_as_actor_but_not_as_place() -> None:
    found = link("Moscow rejected the plan. Envoys held talks in Moscow on Thursday.", "2026-01-28")
    assert [(m.text, m.start, m.actor_id, m.method) for m in found] == [
        ("Moscow", 0, "gov.RUS", "metonym")
    ]


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Russian troops advanced near Pokrovsk.", "MIL"),
        ("Russian officials said the talks were useful.", "GOV"),
    ],
)
def test_demonym_takes_the_sector_of_its_head_noun(text: str, sector: str) -> None:
    russian = one(link(text, "2026-01-28"), "Russian")
    assert (russian.actor_id, russian.method, russian.sector) == ("country.RUS", "demonym", sector)


def test_possessive_name_is_the_person() -> None:
    found = link("Zelensky's remarks angered Moscow.", "2026-01-28")
    assert one(found, "Zelensky").actor_id == "person.zelensky-volodymyr"


# --- people the knowledge base does not know ------------------------------------------------


def test_unknown_person_stays_unresolved_and_carries_the_full_name() -> None:
    text = (
        "Iryna Sokolenko, an analyst in Kyiv, said the strikes had hardened opinion. "
        "Sokolenko said most people still rejected the trade."
    )
    found = link(text, "2026-02-03")
    first, later = one(found, "Iryna Sokolenko"), one(found, "Sokolenko")
    assert (first.actor_id, first.kind) == (None, "person")
    assert (later.actor_id, later.name) == (None, "Iryna Sokolenko")


# --- hard cases: namesakes, possessive titles, dotted titles, labels, sources ----------------


def test_unknown_namesake_keeps_the_surname() -> None:
    found = link(
        "Gordon Brown called for a tribunal. Brown said the court lacked jurisdiction.",
        "2023-03-01",
    )
    assert (one(found, "Brown").actor_id, one(found, "Brown").name) == (None, "Gordon Brown")


def test_possessive_title_is_the_office_holder() -> None:
    found = link("Zelensky's chief of staff said the talks had gone well.", "2024-10-15")
    assert [m.actor_id for m in found] == ["person.yermak-andriy"]


def test_hyphenated_and_dotted_titles() -> None:
    assert [m.actor_id for m in link("The UN secretary-general spoke.", "2022-07-23")] == [
        "person.guterres-antonio"
    ]
    found = link("He met U.S. President Donald Trump in Davos.", "2026-01-22")
    assert [m.text for m in found] == ["Donald Trump"]


def test_demonym_labelled_as_a_place() -> None:
    found = link("Ukrainian officials said the line held.", "2026-01-28")
    assert [m.actor_id for m in found] == ["country.UKR"]


def test_capital_after_from_as_a_source() -> None:
    found = link("Kyiv awaited a readout from Washington.", "2025-12-03")
    assert one(found, "Washington").actor_id == "gov.USA"


# --- the gold set and the floors -----------------------------------------------------------


def test_gold_set_is_well_formed() -> None:
    passages = load_gold(GOLD)  # checks that every span matches its text
    known = {str(entry["id"]) for entry in load_entries("actors")}
    mentions = [m for p in passages for m in p.mentions]
    assert len(mentions) >= 220
    assert {m.type for m in mentions} <= set(TYPES)
    assert all(m.actor_id is None or m.actor_id in known for m in mentions)
    assert all((m.actor_id is None) == (m.type == "unknown") for m in mentions)
    assert len({p.id for p in passages}) == len(passages)
    years = Counter(p.published.year for p in passages)
    assert set(years) >= {2022, 2023, 2024, 2025, 2026}


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return evaluate(GOLD)


def test_scores_stay_above_the_floors(result: dict[str, Any]) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    report = format_report(result)
    assert result["linking"]["f1"] >= floors["link_f1"], report
    assert result["detection"]["recall"] >= floors["detection_recall"], report


def test_report_lists_scores_types_and_errors(result: dict[str, Any]) -> None:
    report = format_report(result, max_errors=3)
    assert "linking" in report and "detection" in report
    assert all(name in report for name in TYPES)
    assert sum(result["error_kinds"].values()) == len(result["errors"])
    assert result["unknown"]["total"] == result["per_type"]["unknown"]["total"]
