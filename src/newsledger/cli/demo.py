"""``newsledger demo``: build a ledger from the bundled corpus and summarise it."""

from __future__ import annotations

from typing import Any

import click

from newsledger.cli.analyze import run_analyze
from newsledger.cli.web import write_demo_report
from newsledger.demo import corpus_path
from newsledger.ingest import ingest
from newsledger.store import Ledger
from newsledger.views.output import render_table, to_json

DEMO_DB = "newsledger-demo.db"


@click.command("demo")
@click.option(
    "--db",
    "db_path",
    default=DEMO_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where to build the demo ledger.",
)
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def demo_command(db_path: str, workers: int, as_json: bool) -> None:
    """Ingest and analyse the bundled demo corpus, then print a summary."""
    with Ledger(db_path) as ledger:
        report = ingest(ledger, [str(corpus_path())])
        for failure in report.failures:
            click.echo(f"failed  {failure.where}: {failure.reason}", err=True)
        run_analyze(ledger, workers=workers, batch_size=32, limit=None, quiet=False)
        stats = ledger.stats()
        report_note = write_demo_report(ledger)
        if as_json:
            click.echo(report_note, err=True)
            click.echo(to_json({"ingest": report.to_dict(), "ledger": stats}))
            return
        click.echo(summary(ledger, stats))
        click.echo(report_note)


def summary(ledger: Ledger, stats: dict[str, Any]) -> str:
    """What the demo ledger holds, and what to try next."""
    path = str(ledger.path)
    labels = stats["mentions_by_label"]
    copies = stats["sightings"] - stats["articles"]
    actors = ledger.actor_counts(limit=8)
    places = ledger.place_counts(limit=8)
    lines = [
        f"Demo ledger: {path}",
        f"  {stats['articles']} distinct articles from {len(stats['sightings_by_outlet'])} "
        f"outlets, plus {copies} verbatim republication(s) recorded as sightings of the same text",
        f"  {stats['sentences']} sentences, {stats['mentions']} entity mentions: "
        + ", ".join(f"{k} {v}" for k, v in list(labels.items())[:8]),
        f"  {stats['actor_mentions']} actor mentions ({stats['actors_resolved']} linked to the "
        f"knowledge base), {stats['place_mentions']} place mentions, {stats['times']} time "
        "expressions",
        f"  {stats['attributions']} attributions ({stats['anonymous_attributions']} to anonymous"
        f" or implicit sources), {stats['events']} PLOVER events",
        *ledger_lines(ledger),
        "  most named: " + ", ".join(f"{a['name']} ({a['mentions']})" for a in actors),
        "  places: " + ", ".join(f"{p['name']} ({p['mentions']})" for p in places),
        "",
        render_table(ledger.articles(), ["id", "published", "outlet", "title", "sightings"], 120),
        "",
        f"Next: newsledger articles --db {path}",
        f"      newsledger actors --db {path}",
        f"      newsledger quotes --db {path}",
        f"      newsledger events --clusters --db {path}",
        f"      newsledger claims --clusters --db {path}",
        f"      newsledger contradictions --db {path}",
        f"      newsledger findings --db {path}",
        f"      newsledger positions --db {path}",
        f"      newsledger stories --db {path}",
        f"      newsledger copies --db {path}",
        f"      newsledger show ID --db {path}",
        f"      newsledger search 'Abu Dhabi' --db {path}",
    ]
    return "\n".join(lines)


def ledger_lines(ledger: Ledger) -> list[str]:
    """The layers beyond events and the ledger-wide results, one line each."""

    def count(sql: str) -> int:
        return int(ledger.db.execute(sql).fetchone()[0])

    claims = count("SELECT count(*) FROM claims")
    unsourced = count("SELECT count(*) FROM claims WHERE unsourced <> 0")
    clusters = count("SELECT count(*) FROM claim_clusters")
    several = count("SELECT count(*) FROM claim_clusters WHERE voices > 1")
    contradictions = count("SELECT count(*) FROM contradictions")
    events = count("SELECT count(*) FROM events")
    event_clusters = count("SELECT count(*) FROM event_clusters")
    findings = {
        row[0]: row[1]
        for row in ledger.db.execute(
            "SELECT basis, count(*) FROM findings GROUP BY basis ORDER BY basis"
        ).fetchall()
    }
    return [
        f"  {claims} claims ({unsourced} unsourced allegation(s)) in {clusters} claim clusters "
        f"({several} told by more than one independent voice), {contradictions} contradictions",
        f"  {events} events told as {event_clusters} distinct happenings; "
        f"{count('SELECT count(*) FROM stories')} stories; "
        f"{count('SELECT count(*) FROM article_copies')} near copies or rewrites",
        f"  {count('SELECT count(*) FROM stances')} negotiating stances; findings: "
        + (", ".join(f"{n} from {basis}" for basis, n in findings.items()) or "none"),
    ]


COMMANDS = [demo_command]
