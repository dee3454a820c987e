"""PLOVER event coding: one sentence per type, the markers, negotiation news, merging reports,
the lexicon, the scoring rules, and floors on the outside gold sets and the team's own set."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from newsledger.errors import NewsledgerError
from newsledger.evaluation.events import (
    GoldEntity,
    GoldEvent,
    _sides,
    evaluate,
    evaluate_own,
    format_report,
    load_own,
)
from newsledger.events import PLOVER_TYPES, Event, Participant, TextSpan, code_events, merge_reports
from newsledger.events.lexicon import lexicon
from newsledger.kb import loader
from newsledger.nlp.model import load_model
from newsledger.resolve.actors import link_actors

EVENTS_DIR = Path(__file__).parent.parent.parent / "shared/eval/events"
OWN = Path(__file__).parent / "gold" / "events.jsonl"
FLOORS = json.loads((Path(__file__).parent / "floors" / "events.json").read_text())
PUBLISHED = date(2026, 1, 28)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def code(nlp: Language, text: str, published: date | None = PUBLISHED) -> list[Event]:
    doc = nlp(text)
    return code_events(doc, link_actors(doc, published), published)


def only(events: list[Event], event_type: str) -> Event:
    found = [e for e in events if e.type == event_type]
    assert len(found) == 1, f"expected one {event_type} in {[e.type for e in events]}"
    return found[0]


def countries(participants: tuple[Participant, ...]) -> set[str | None]:
    return {p.country for p in participants}


# One sentence per PLOVER type: (text, type, actor countries, recipient countries).
ONE_PER_TYPE = [
    (
        "Ukraine and Russia agreed to extend the energy truce by another week.",
        "AGREE",
        {"UKR", "RUS"},
        set(),
    ),
    ("Witkoff met Putin in the Kremlin on Thursday.", "CONSULT", {"USA"}, {"RUS"}),
    ("Zelensky praised Erdogan for hosting the prisoner exchange.", "SUPPORT", {"UKR"}, None),
    ("Hungary conceded to Polish demands on the transit route.", "CONCEDE", {"HUN"}, {"POL"}),
    (
        "Poland and Ukraine shared intelligence on drone launches.",
        "COOPERATE",
        {"POL", "UKR"},
        None,
    ),
    (
        "Germany delivered two more air defence systems to Ukraine on Monday.",
        "AID",
        {"DEU"},
        {"UKR"},
    ),
    ("Ukraine and Russia exchanged 157 prisoners on Thursday.", "RETREAT", {"UKR", "RUS"}, set()),
    ("Moscow demanded that Kyiv withdraw its forces from Donetsk.", "REQUEST", {"RUS"}, {"UKR"}),
    (
        "Zelensky accused Moscow of deliberately targeting the power grid.",
        "ACCUSE",
        {"UKR"},
        {"RUS"},
    ),
    (
        "Ukraine rejected the Russian demand for a pullback from Donetsk.",
        "REJECT",
        {"UKR"},
        {"RUS"},
    ),
    ("Medvedev threatened to strike Kyiv with new missiles.", "THREATEN", {"RUS"}, {"UKR"}),
    ("Polish farmers blocked the roads to the Ukrainian border.", "PROTEST", {"POL"}, None),
    ("Russia deployed additional troops near the Finnish border.", "MOBILIZE", {"RUS"}, None),
    ("The EU imposed new sanctions on Russian oil traders.", "SANCTION", {"IGO"}, {"RUS"}),
    ("Russian police detained dozens of protesters in Moscow.", "COERCE", {"RUS"}, None),
    ("Russian drones attacked Odesa overnight, the air force said.", "ASSAULT", {"RUS"}, {"UKR"}),
]


@pytest.mark.parametrize(("text", "event_type", "actors", "recipients"), ONE_PER_TYPE)
def test_each_type(
    nlp: Language, text: str, event_type: str, actors: set[str], recipients: set[str] | None
) -> None:
    event = only(code(nlp, text), event_type)
    assert countries(event.actors) == actors
    if recipients is not None:
        assert countries(event.recipients) >= recipients and bool(recipients) == bool(
            event.recipients
        )


def test_every_type_is_covered_by_the_lexicon() -> None:
    assert {t for _, t, _, _ in ONE_PER_TYPE} == set(PLOVER_TYPES)
    lex = lexicon()
    used = {r.type for rules in (*lex.verbs.values(), *lex.nouns.values()) for r in rules}
    assert used == set(PLOVER_TYPES)


def test_modes_and_cameo_roots(nlp: Language) -> None:
    strike = only(code(nlp, "Russian drones attacked Odesa overnight."), "ASSAULT")
    assert (strike.mode, strike.cameo_root) == ("drone", "19")
    swap = only(code(nlp, "Ukraine and Russia exchanged 157 prisoners on Thursday."), "RETREAT")
    assert (swap.mode, swap.cameo_root) == ("release", "08")
    probe = only(
        code(nlp, "Ukrainian prosecutors opened an investigation into the strike."), "ACCUSE"
    )
    assert (probe.mode, probe.cameo_root) == ("investigate", "09")
    talks = only(
        code(nlp, "Russian and Ukrainian delegations met in Istanbul on Friday."), "CONSULT"
    )
    assert (
        talks.mode == "third-party" and talks.place is not None and talks.place.text == "Istanbul"
    )


# ---------------------------------------------------------------- negotiation news
def test_demand(nlp: Language) -> None:
    event = only(
        code(nlp, "Russia demands that Ukraine withdraw its troops from Donbas."), "REQUEST"
    )
    assert countries(event.actors) == {"RUS"} and countries(event.recipients) == {"UKR"}
    assert event.mode == "yield" and not (event.negated or event.hypothetical)


def test_offer_that_would_be_made(nlp: Language) -> None:
    event = only(code(nlp, "The US would offer security guarantees to Ukraine."), "AGREE")
    assert countries(event.actors) == {"USA"} and countries(event.recipients) == {"UKR"}
    assert event.hypothetical and event.date is None


def test_rejection_of_a_demand_is_aimed_at_who_made_it(nlp: Language) -> None:
    events = code(nlp, "Kyiv rejected the Russian demand to withdraw from Donbas, Zelensky said.")
    event = only(events, "REJECT")
    assert countries(event.actors) == {"UKR"} and countries(event.recipients) == {"RUS"}
    assert event.mode == "yield"
    assert "RETREAT" not in {e.type for e in events}  # the demanded pullback did not happen


def test_talks_that_will_resume(nlp: Language) -> None:
    event = only(code(nlp, "Talks will resume on February 1."), "CONSULT")
    assert event.future and event.date == "2026-02-01" and event.date_source == "text"


def test_denied_pressure(nlp: Language) -> None:
    event = only(code(nlp, "The White House denied pressing Kyiv to cede territory."), "REQUEST")
    assert event.negated
    assert countries(event.actors) == {"USA"} and countries(event.recipients) == {"UKR"}


def test_refusal_to_yield(nlp: Language) -> None:
    event = only(code(nlp, "Putin said Russia will not withdraw from Donbas."), "REJECT")
    assert countries(event.actors) == {"RUS"} and event.mode == "yield"
    assert not event.negated and not event.future  # the refusal itself is made now


def test_will_makes_a_commitment(nlp: Language) -> None:
    aid = only(code(nlp, "Germany will send two more Patriot systems to Ukraine."), "AGREE")
    assert aid.future and countries(aid.recipients) == {"UKR"}
    threat = only(code(nlp, "Russia will strike Kyiv again, Medvedev said."), "THREATEN")
    assert threat.mode == "violence" and threat.future


def test_someone_elses_must_is_a_request(nlp: Language) -> None:
    event = only(code(nlp, "Russia says Ukrainian forces must leave Donetsk."), "REQUEST")
    assert countries(event.actors) == {"RUS"} and countries(event.recipients) == {"UKR"}


def test_a_promise_of_restraint_is_agree(nlp: Language) -> None:
    events = code(nlp, "Trump said Putin had agreed not to fire on Kyiv for a week.")
    assert [e.type for e in events] == ["AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky said the talks in Abu Dhabi had been productive.",
        "The EU urged Russia to stop the strikes and to sign the ceasefire.",
        "The Kremlin dismissed the report as false.",
        "Kyiv hoped that Russian commanders would be tried for war crimes.",
    ],
)
def test_statements_appeals_and_denials_are_not_events(nlp: Language, text: str) -> None:
    assert code(nlp, text) == []


# ---------------------------------------------------------------- markers
def test_negation(nlp: Language) -> None:
    event = only(code(nlp, "Russia did not attack Kyiv last night."), "ASSAULT")
    assert event.negated and countries(event.recipients) == {"UKR"}


def test_hypothetical_condition(nlp: Language) -> None:
    events = code(nlp, "Kyiv could withdraw from Donbas if Moscow offered guarantees.")
    assert all(e.hypothetical for e in events)


def test_historical(nlp: Language) -> None:
    event = only(code(nlp, "Russia invaded Ukraine in 2022."), "ASSAULT")
    assert event.historical and event.date == "2022" and not event.future


def test_date_from_the_text_or_the_publication(nlp: Language) -> None:
    dated = only(code(nlp, "Witkoff met Putin on Thursday."), "CONSULT")
    assert (dated.date, dated.date_source) == ("2026-01-22", "text")
    undated = only(code(nlp, "Witkoff met Putin in Moscow."), "CONSULT")
    assert (undated.date, undated.date_source) == ("2026-01-28", "published")
    unknown = only(code(nlp, "Witkoff met Putin in Moscow.", published=None), "CONSULT")
    assert (unknown.date, unknown.date_source) == (None, None)


def test_pronoun_takes_its_antecedent(nlp: Language) -> None:
    event = only(code(nlp, "Israel announced it would free 150 prisoners."), "AGREE")
    assert event.actors[0].text == "it" and countries(event.actors) == {"ISR"}


# ---------------------------------------------------------------- records
def test_event_is_frozen_and_serialises(nlp: Language) -> None:
    event = only(code(nlp, "Witkoff met Putin in the Kremlin on Thursday."), "CONSULT")
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.type = "AGREE"  # type: ignore[misc]
    data = event.to_dict()
    assert data["trigger"] == {"text": "met", "start": 8, "end": 11}
    assert data["actors"][0]["actor_id"] == "person.witkoff-steve"
    assert set(data) >= {"mode", "contexts", "place", "date", "date_source", "cameo_root"}
    json.dumps(data)


def _event(kind: str, actor: str, target: str, day: str, start: int = 0, **flags: bool) -> Event:
    return Event(
        type=kind,
        trigger=TextSpan("x", start, start + 1),
        sentence=start,
        actors=(Participant(actor, 0, 1, f"actor.{actor}", actor[:3].upper()),),
        recipients=(Participant(target, 0, 1, None, "UKR"),),
        date=day,
        confidence=0.6,
        **flags,
    )


def test_merge_reports_groups_one_happening() -> None:
    first = _event("ASSAULT", "russia", "Kharkiv", "2026-02-03")
    again = _event("ASSAULT", "russia", "Kharkiv", "2026-02-04", start=5)
    elsewhere = _event("ASSAULT", "russia", "Kherson", "2026-02-03", start=9)
    denied = _event("ASSAULT", "russia", "Kharkiv", "2026-02-03", start=12, negated=True)
    clusters = merge_reports([first, again, elsewhere, denied])
    assert [len(c.events) for c in clusters] == [2, 1, 1]
    assert clusters[0].first_date == "2026-02-03" and clusters[0].last_date == "2026-02-04"
    assert clusters[0].confidence == 0.84
    far = _event("ASSAULT", "russia", "Kharkiv", "2026-02-20", start=20)
    assert len(merge_reports([first, far])) == 2


def test_merge_reports_over_a_document(nlp: Language) -> None:
    text = (
        "Russia and Ukraine exchanged 157 prisoners of war each on Thursday. "
        "Kyiv said Ukraine and Russia swapped prisoners after talks in Abu Dhabi."
    )
    events = code(nlp, text, date(2026, 2, 5))
    swaps = [c for c in merge_reports(events) if c.type == "RETREAT"]
    assert len(swaps) == 1 and len(swaps[0].events) == 2
    assert {p.country for p in swaps[0].actors} == {"RUS", "UKR"}


# ---------------------------------------------------------------- lexicon
def test_user_lexicon_adds_rules(
    tmp_path: Path, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plover-local.yaml").write_text(
        "verbs:\n  snub: [{type: ACCUSE, mode: disapprove}]\n", encoding="utf-8"
    )
    monkeypatch.setenv(loader.KB_ENV, str(tmp_path))
    event = only(code(nlp, "Hungary snubbed the Ukrainian envoy."), "ACCUSE")
    assert event.mode == "disapprove"


def test_lexicon_refuses_a_key_given_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plover-bad.yaml").write_text(
        "verbs:\n  snub: [{type: REJECT}]\n  snub: [{type: ACCUSE}]\n", encoding="utf-8"
    )
    monkeypatch.setenv(loader.KB_ENV, str(tmp_path))
    with pytest.raises(NewsledgerError, match="given twice"):
        lexicon()


def test_lexicon_reads_on_and_no_as_words() -> None:
    assert "on" in lexicon().preps_for("SANCTION")


# ---------------------------------------------------------------- scoring rules
def _predicted(actors: list[str], recipients: list[str], kind: str = "CONSULT") -> Event:
    def side(codes: list[str]) -> tuple[Participant, ...]:
        return tuple(Participant(c, 0, 1, None, c) for c in codes)

    return Event(kind, TextSpan("met", 0, 3), 0, actors=side(actors), recipients=side(recipients))


def test_joint_meetings_match_dyads() -> None:
    dyad = GoldEvent("CONSULT", None, (GoldEntity("USA", None),), (GoldEntity("RUS", None),))
    assert _sides(dyad, _predicted(["USA", "RUS", "CHE"], [])) == (True, True)
    assert _sides(dyad, _predicted(["USA"], ["CHE"])) == (True, False)
    attack = GoldEvent("ASSAULT", None, (GoldEntity("USA", None),), (GoldEntity("RUS", None),))
    assert _sides(attack, _predicted(["USA", "RUS"], [], "ASSAULT")) == (True, False)


def test_entities_match_by_international_class_and_words() -> None:
    gold = GoldEvent(
        "ACCUSE", None, (GoldEntity("INT", "Amnesty International"),), (GoldEntity(None, None),)
    )
    predicted = Event(
        "ACCUSE",
        TextSpan("accused", 0, 7),
        0,
        actors=(Participant("Amnesty", 0, 7, "org.amnesty", None, "NGO"),),
    )
    assert _sides(gold, predicted) == (True, True)


def test_own_gold_set_is_well_formed() -> None:
    sentences = load_own(OWN)
    events = [e for s in sentences for e in s.events]
    assert len(events) >= 100 and {s.split for s in sentences} == {"dev", "test"}
    assert {e.type for e in events} == set(PLOVER_TYPES)


# ---------------------------------------------------------------- floors
def _check(result: dict[str, object], floors: dict[str, dict[str, float]]) -> None:
    sets = result["sets"]
    assert isinstance(sets, dict)
    for name, metrics in floors.items():
        for metric, floor in metrics.items():
            value = sets[name][metric]
            assert value >= floor, f"{name} {metric} {value:.3f} fell below {floor}"


@pytest.mark.skipif(not EVENTS_DIR.exists(), reason=f"gold sets not present at {EVENTS_DIR}")
def test_outside_gold_sets_stay_above_floors() -> None:
    result = evaluate(EVENTS_DIR)
    print(format_report(result))
    _check(result, FLOORS["outside"])


def test_own_gold_set_stays_above_floors() -> None:
    result = evaluate_own(OWN)
    print(format_report(result))
    _check(result, FLOORS["own"])
