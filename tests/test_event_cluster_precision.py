"""Event clusters: the precision rules (average link, people who did not meet), the streaming
sweep that keeps only open windows in memory, and the held-out part of the team's gold."""

from __future__ import annotations

import json
from pathlib import Path

from newsledger.evaluation.event_clusters import held_out, load_gold, score
from newsledger.events.clusters import Clusterer, Report, cluster_reports, sort_key
from newsledger.events.model import Event, Participant, TextSpan
from newsledger.store import Ledger
from newsledger.store.event_clusters import load_reports
from newsledger.store.event_reports import iter_reports

GOLD = Path(__file__).parent / "gold" / "event-clusters.json"
FLOORS = json.loads((Path(__file__).parent / "floors" / "event-clusters-held-out.json").read_text())

PUTIN = Participant("Putin", 0, 5, "person.putin-vladimir", "RUS", "GOV")
WITKOFF = Participant("Witkoff", 10, 17, "person.witkoff-steve", "USA", "GOV")
KUSHNER = Participant("Kushner", 20, 27, "person.kushner-jared", "USA", "GOV")
DMITRIEV = Participant("Dmitriev", 0, 8, "person.dmitriev-kirill", "RUS", "GOV")
MOSCOW = Participant("Moscow", 30, 36, "gov.RUS", "RUS", "GOV")
RUSSIA = Participant("Russia", 0, 6, "country.RUS", "RUS", "GOV")
KOSTYUKOV = Participant("Kostyukov", 20, 29, "person.kostyukov-igor", "RUS", "MIL")


def meeting(number: int, article: str, *parties: Participant, day: str = "2026-01-23") -> Report:
    event = Event(
        type="CONSULT",
        trigger=TextSpan("met", 0, 3),
        sentence=0,
        actors=parties,
        date=day,
        date_source="text",
        confidence=0.7,
    )
    return Report(number, article, event, f"{day}T12:00:00Z", (f"outlet-{article}",), article)


def groups(reports: list[Report]) -> set[tuple[int, ...]]:
    return {tuple(sorted(r.event_id for r in c.reports)) for c in cluster_reports(reports)}


def test_different_people_meeting_stay_apart() -> None:
    kremlin = meeting(1, "a", PUTIN, WITKOFF, KUSHNER)
    track = meeting(2, "b", DMITRIEV, WITKOFF)
    retold = meeting(3, "c", PUTIN, WITKOFF)
    assert groups([kremlin, track, retold]) == {(1, 3), (2,)}


def test_one_shared_country_does_not_chain_into_a_group() -> None:
    # "Witkoff and Kushner flew to Moscow" and "Putin met Witkoff and Kushner" are one
    # meeting; "Russia sent a delegation led by Kostyukov" shares only Russia with one of them.
    flew = meeting(1, "a", WITKOFF, KUSHNER, MOSCOW)
    met = meeting(2, "b", PUTIN, WITKOFF, KUSHNER)
    sent = meeting(3, "c", RUSSIA, KOSTYUKOV)
    assert groups([flew, met, sent]) == {(1, 2), (3,)}
    # Alone, the same shared country is enough.
    assert groups([flew, sent]) == {(1, 3)}


def test_the_sweep_holds_only_open_windows() -> None:
    reports = [
        meeting(
            n, f"art{n}", PUTIN, WITKOFF, day=f"2026-{1 + n // 280:02d}-{1 + (n // 10) % 28:02d}"
        )
        for n in range(1400)
    ]
    reports.sort(key=sort_key)
    clusterer = Clusterer(window_days=2)
    held = released = 0
    for report in reports:
        released += sum(len(group) for group in clusterer.add(report))
        held = max(held, len(clusterer.reports), sum(map(len, clusterer.active.values())) // 3)
    released += sum(len(group) for group in clusterer.flush())
    assert released == 1400
    assert not clusterer.reports and not clusterer.active and not clusterer.by_article
    assert held <= 10 * 6  # a day's reports times the days a window stays open


def test_the_step_streams_what_a_list_gives(demo_db: Path) -> None:
    with Ledger(demo_db, readonly=True) as ledger:
        stored: dict[str, set[int]] = {}
        for event_id, cluster_id in ledger.db.execute(
            "SELECT event_id, cluster_id FROM event_cluster_reports"
        ):
            stored.setdefault(cluster_id, set()).add(event_id)
        listed = {
            frozenset(r.event_id for r in c.reports)
            for c in cluster_reports(load_reports(ledger.db))
        }
        assert {frozenset(v) for v in stored.values()} == listed
        keys = [sort_key(r) for r in iter_reports(ledger, 2, batch=7)]
        assert keys == sorted(keys) and len(keys) == sum(map(len, listed))


def test_held_out_gold_meets_its_floor(demo_db: Path) -> None:
    with Ledger(demo_db, readonly=True) as ledger:
        result = score(ledger, load_gold(GOLD), held_out(GOLD))
    assert len(held_out(GOLD)) == 12
    for measure, floor in FLOORS.items():
        assert result["held_out"][measure] >= floor, (measure, result["held_out"], floor)


def test_findings_read_per_article_give_what_the_whole_list_gave(demo_db: Path) -> None:
    from newsledger.findings.candidates import Candidates
    from newsledger.findings.ledger import outlet_findings
    from newsledger.findings.step import facts_of, ledger_voices

    with Ledger(demo_db, readonly=True) as ledger:
        everyone = ledger_voices(ledger)
        whole = {
            v.article_id: [
                f.to_dict()
                for f in outlet_findings(facts_of(ledger, v.article_id), v.voice, everyone)
            ]
            for v in everyone
        }
        candidates = Candidates(ledger)
        streamed = {}
        for article_id, outlet, voice in candidates.articles():
            facts = facts_of(ledger, article_id)
            others = candidates.for_article(facts, voice)
            assert len(others) < len(everyone)
            checked = candidates.outlets_checked(voice, outlet)
            streamed[article_id] = [
                f.to_dict() for f in outlet_findings(facts, voice, others, checked)
            ]
    assert streamed == whole
    assert sum(map(len, whole.values())) >= 5
