"""``newsledger demo``: build a ledger from the bundled corpus and summarise it."""

from __future__ import annotations

import click

from newsledger.cli.analyze import run_analyze
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
    corpus = corpus_path()
    with Ledger(db_path) as ledger:
        report = ingest(ledger, [str(corpus)])
        for failure in report.failures:
            click.echo(f"failed  {failure.where}: {failure.reason}", err=True)
        run_analyze(ledger, workers=workers, batch_size=32, limit=None, quiet=False)
        stats = ledger.stats()
        rows = ledger.articles()
    if as_json:
        click.echo(to_json({"ingest": report.to_dict(), "ledger": stats}))
        return
    click.echo(summary(stats, rows, str(ledger.path)))


def summary(stats: dict[str, object], rows: list[dict[str, object]], path: str) -> str:
    labels = stats["mentions_by_label"]
    outlets = stats["sightings_by_outlet"]
    assert isinstance(labels, dict) and isinstance(outlets, dict)
    copies = int(stats["sightings"]) - int(stats["articles"])  # type: ignore[call-overload]
    lines = [
        f"Demo ledger: {path}",
        f"  {stats['articles']} distinct articles from {len(outlets)} outlets, plus {copies} "
        "verbatim republication(s) recorded as sightings of the same text",
        f"  {stats['sentences']} sentences, {stats['mentions']} entity mentions: "
        + ", ".join(f"{k} {v}" for k, v in list(labels.items())[:8]),
        "",
        render_table(rows, ["id", "published", "outlet", "title", "sightings"], 120),
        "",
        "Next: newsledger articles --db " + path,
        "      newsledger show ID --db " + path,
        "      newsledger search 'Abu Dhabi' --db " + path,
    ]
    return "\n".join(lines)


COMMANDS = [demo_command]
