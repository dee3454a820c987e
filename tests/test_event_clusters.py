"""One event, many reports: clustering rules on hand-built reports, the ledger step over the
demo corpus, the CLI views and exports, the paragraph rule, and the floor on the team's gold."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from newsledger.evaluation.event_clusters import load_gold, score
from newsledger.events.clusters import Clusterer, Report, cluster_reports, date_span
from newsledger.events.model import Event, Participant, TextSpan
from newsledger.events.paragraphs import keep_in_paragraph
from newsledger.store import Ledger

GOLD = Path(__file__).parent / "gold" / "event-clusters.json"
FLOORS = json.loads((Path(__file__).parent / "floors" / "event-clusters.json").read_text())

RUSSIA = Participant("Russia", 0, 6, "country.RUS", "RUS", "GOV")
MOSCOW = Participant("Moscow", 0, 6, "gov.RUS", "RUS", "GOV")
UKRAINE = Participant("Ukraine", 20, 27, "country.UKR", "UKR", "GOV")
KHARKIV = Participant("Kharkiv", 20, 27, None, "UKR", "CVL")
ODESA = Participant("Odesa", 20, 25, None, "UKR", "CVL")
PUTIN = Participant("Putin", 0, 5, "person.putin-vladimir", "RUS", "GOV")
TRUMP = Participant("Trump", 10, 15, "person.trump-donald", "USA", "GOV")
ZELENSKY = Participant("Zelensky", 0, 8, "person.zelensky-volodymyr", "UKR", "GOV")
AMERICANS = Participant("the American delegation", 10, 33, "country.USA", "USA", "GOV")


def report(
    number: int,
    article: str,
    event_type: str = "ASSAULT",
    *,
    actors: tuple[Participant, ...] = (RUSSIA,),
    recipients: tuple[Participant, ...] = (KHARKIV,),
    day: str | None = "2026-02-03",
    published: str = "2026-02-03T10:00:00Z",
    voice: str = "",
    start: int = 0,
    **markers: Any,
) -> Report:
    event = Event(
        type=event_type,
        trigger=TextSpan("struck", start, start + 6),
        sentence=start,
        actors=actors,
        recipients=recipients,
        date=day,
        date_source="text" if day else None,
        confidence=0.8,
        **markers,
    )
    return Report(number, article, event, published, (f"outlet-{article}",), voice or article)


def sizes(reports: list[Report]) -> list[int]:
    return sorted((len(c.reports) for c in cluster_reports(reports)), reverse=True)


# ---------------------------------------------------------------- rules
def test_copies_count_once_but_independent_reports_count_each() -> None:
    original = report(1, "a")
    copy = report(2, "b", voice="a")
    other = report(3, "c", actors=(MOSCOW,))
    (cluster,) = cluster_reports([original, copy, other])
    assert len(cluster.reports) == 3 and len(cluster.articles) == 3
    assert cluster.voices == 2
    assert cluster.outlets == ("outlet-a", "outlet-b", "outlet-c")
    assert cluster.first.event_id == 1


def test_a_denial_does_not_merge_with_the_deed() -> None:
    deed = report(1, "a")
    denial = report(2, "b", negated=True)
    plan = report(3, "c", future=True)
    assert sizes([deed, denial, plan]) == [1, 1, 1]
    assert sizes([denial, report(4, "d", negated=True)]) == [2]


def test_date_window() -> None:
    night = report(1, "a", day="2026-02-02/2026-02-03")
    next_day = report(2, "b", day="2026-02-03")
    weeks_later = report(3, "c", day="2026-02-20")
    # Dated by its article only: the event may lie up to two days before publication.
    undated = report(4, "d", day=None, published="2026-02-05T08:00:00Z")
    too_late = report(5, "e", day=None, published="2026-02-09T08:00:00Z")
    clusters = cluster_reports([night, next_day, weeks_later, undated, too_late])
    grouped = {tuple(sorted(r.event_id for r in c.reports)) for c in clusters}
    assert grouped == {(1, 2, 4), (3,), (5,)}
    assert date_span("2026-W05") == date_span("2026-01-26/2026-02-01")


def test_daily_strikes_do_not_chain_into_one_event() -> None:
    days = [report(i, f"a{i}", day=f"2026-02-{i:02d}") for i in range(1, 11)]
    assert max(sizes(days)) <= 2


def test_parties_must_agree_and_tie() -> None:
    elsewhere = report(2, "b", recipients=(ODESA,))
    assert sizes([report(1, "a"), elsewhere]) == [1, 1]
    # The whole country ties with the country, and a person of it is compatible, not a tie.
    kremlin = report(3, "a", "CONSULT", actors=(PUTIN, AMERICANS), recipients=())
    davos = report(4, "b", "CONSULT", actors=(ZELENSKY,), recipients=(TRUMP,))
    assert sizes([kremlin, davos]) == [1, 1]
    # Meetings are told either way round.
    again = report(5, "c", "CONSULT", actors=(TRUMP,), recipients=(ZELENSKY,))
    assert sizes([davos, again]) == [2]


def test_a_vague_report_joins_its_article_without_bridging() -> None:
    first = report(1, "a", "CONSULT", actors=(PUTIN,), recipients=(AMERICANS,), start=0)
    vague = report(2, "a", "CONSULT", actors=(), recipients=(), start=50)
    second = report(3, "a", "CONSULT", actors=(ZELENSKY,), recipients=(TRUMP,), start=100)
    clusters = cluster_reports([first, vague, second])
    grouped = {tuple(sorted(r.event_id for r in c.reports)) for c in clusters}
    assert grouped == {(1, 2), (3,)}


def test_blocking_compares_far_fewer_than_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    tied = Clusterer._tied

    def counting(self: Clusterer, i: int, j: int) -> bool:
        nonlocal calls
        calls += 1
        return tied(self, i, j)

    monkeypatch.setattr(Clusterer, "_tied", counting)
    places = [Participant(f"Town {n}", 20, 26, None, None, None) for n in range(50)]
    reports = [
        report(i, f"art{i}", actors=(places[i % 50],), recipients=(),
               day=f"2026-{1 + i // 560:02d}-{1 + (i // 20) % 28:02d}")
        for i in range(2000)
    ]  # fmt: skip
    clusters = cluster_reports(reports)
    assert sum(len(c.reports) for c in clusters) == 2000
    assert calls < 2000 * 1999 // 2 // 50


# ---------------------------------------------------------------- paragraphs
def test_spans_stay_in_the_paragraph_of_their_sentence() -> None:
    text = "Umerov and Witkoff attend a meeting with the Sheikh, January 23\n\nThe next story."
    crossing = Participant(text[41:70], 41, 70)
    event = Event(
        type="CONSULT",
        trigger=TextSpan("attend", 19, 25),
        sentence=0,
        actors=(Participant("Umerov", 0, 6),),
        recipients=(crossing, Participant("The next", 65, 73)),
    )
    kept = keep_in_paragraph(event, text, 0)
    assert kept is not None
    assert [p.text for p in kept.recipients] == ["the Sheikh, January 23"]
    assert kept.actors == event.actors


# ---------------------------------------------------------------- the step over the demo corpus
@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Ledger:
    return Ledger(demo_db, readonly=True)


def test_step_clusters_every_event_once(demo: Ledger) -> None:
    db = demo.db
    events = db.execute("SELECT count(*) FROM events").fetchone()[0]
    assigned = db.execute("SELECT count(DISTINCT event_id) FROM event_cluster_reports").fetchone()
    clusters = db.execute("SELECT count(*), sum(reports) FROM event_clusters").fetchone()
    assert assigned[0] == events == clusters[1]
    assert events * 0.4 < clusters[0] < events * 0.8
    bad = db.execute(
        "SELECT count(*) FROM event_clusters WHERE voices > articles OR articles > reports"
    ).fetchone()[0]
    assert bad == 0


def test_the_republished_report_counts_its_outlets(demo: Ledger) -> None:
    # The first Abu Dhabi round: Meridian Wire's report, its verbatim copy at Gulf Times Daily
    # (one article, two sightings), Capital Post's near copy, and Dnipro Evening Review's own.
    row = demo.db.execute(
        "SELECT c.* FROM event_clusters c JOIN event_cluster_reports r ON r.cluster_id = c.id"
        " JOIN events e ON e.id = r.event_id JOIN sentences s"
        " ON s.article_id = e.article_id AND s.idx = e.sentence"
        " WHERE c.type = 'CONSULT' AND e.trigger_text = 'talks'"
        " AND s.text LIKE 'Two days of talks%'"
        " ORDER BY c.first_date LIMIT 1"
    ).fetchone()
    assert row["articles"] == 3 and row["outlets"] == 4
    assert row["voices"] == 2  # the wire story and its copies count once


def test_clusters_meet_the_floor(demo: Ledger) -> None:
    result = score(demo, load_gold(GOLD))
    assert not result["missing"], result["missing"]
    for measure, floor in FLOORS.items():
        assert result[measure] >= floor, (measure, result[measure], floor)


# ---------------------------------------------------------------- CLI
def test_events_clusters_view(run: Callable[..., Result], demo_db: Path) -> None:
    result = run("events", "--clusters", "--type", "RETREAT", "--json", "--db", str(demo_db))
    rows = json.loads(result.stdout)
    assert rows and all(r["type"] == "RETREAT" for r in rows)
    swap = max(rows, key=lambda r: r["reports"])
    assert swap["reports"] >= 2 and swap["report_list"][0]["trigger_text"]
    table = run("events", "--clusters", "--actor", "Putin", "--db", str(demo_db)).stdout
    assert "voices" in table.splitlines()[0]


def test_plover_export_carries_clusters(run: Callable[..., Result], demo_db: Path) -> None:
    events = json.loads(run("export", "--format", "plover", "--db", str(demo_db)).stdout)
    assert all(e["cluster_id"] and e["independent_reports"] >= 1 for e in events)
    clusters = json.loads(run("export", "--clusters", "--db", str(demo_db)).stdout)
    assert len(clusters) < len(events)
    assert sum(c["num_reports"] for c in clusters) == len(events)
    ids = {e["cluster_id"] for e in events}
    assert ids == {c["id"] for c in clusters}
    first = clusters[0]["reports"][0]
    assert {"article_id", "trigger", "outlet"} <= set(first)


def test_clusters_export_needs_plover(run: Callable[..., Result], demo_db: Path) -> None:
    result = run("export", "--format", "csv", "--clusters", "--db", str(demo_db))
    assert result.exit_code == 2
