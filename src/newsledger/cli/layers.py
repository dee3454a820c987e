"""Attributions and events across the ledger: ``quotes``, ``sources``, ``events``, ``export``."""

from __future__ import annotations

import sys
from typing import TextIO

import click

from newsledger.cli import event_clusters as cluster_view
from newsledger.cli.options import check_date, db_option, open_ledger, output_options
from newsledger.store import queries
from newsledger.views.exports import write_events
from newsledger.views.output import render

KINDS = ("direct", "mixed", "reported")


@click.command("quotes")
@db_option
@click.option("--article", help="Only this article (id or unique id prefix).")
@click.option("--source", help="Source actor id, or words of the source's name.")
@click.option("--kind", type=click.Choice(KINDS), help="direct, mixed or reported.")
@click.option("--anonymous/--named", default=None, help="Only anonymous, or only named sources.")
@click.option("--text", help="Only attributions whose content contains this.")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@output_options
def quotes_command(
    db_path: str | None,
    article: str | None,
    source: str | None,
    kind: str | None,
    anonymous: bool | None,
    text: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Who said what, according to whom: attributions with source, cue and content."""
    with open_ledger(db_path, readonly=True) as ledger:
        article_id = ledger.resolve_article_id(article) if article else None
        rows = queries.quotes(
            ledger.db,
            article=article_id,
            source=source,
            kind=kind,
            anonymous=anonymous,
            text=text,
            limit=limit,
        )
    columns = ["article_id", "kind", "source", "source_type", "cue", "content", "certainty"]
    click.echo(render(rows, fmt, columns))


@click.command("sources")
@db_option
@click.option(
    "--outlets",
    is_flag=True,
    help="Per outlet: named against anonymous sourcing instead of per source.",
)
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@output_options
def sources_command(db_path: str | None, outlets: bool, limit: int | None, fmt: str) -> None:
    """Who is cited how often; with --outlets, each outlet's share of anonymous sourcing."""
    with open_ledger(db_path, readonly=True) as ledger:
        if outlets:
            rows = queries.outlet_sourcing(ledger.db)
            columns = ["outlet", "attributions", "named", "anonymous", "anonymous_share"]
        else:
            rows = queries.sources(ledger.db, limit=limit)
            columns = [
                "source",
                "id",
                "source_type",
                "attributions",
                "articles",
                "outlets",
                "direct",
                "reported",
            ]
    click.echo(render(rows, fmt, columns))


@click.command("events")
@db_option
@click.option("--actor", help="Actor or recipient: an actor id or words of its name.")
@click.option("--type", "type_", help="PLOVER type (ASSAULT, CONSULT, REQUEST...).")
@click.option("--since", callback=check_date, help="Events dated on or after this day.")
@click.option("--until", callback=check_date, help="Events dated on or before this day.")
@click.option("--place", help="Words of the place as written.")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@click.option(
    "--clusters",
    is_flag=True,
    help="One row per event told in several reports, with report, article, outlet and "
    "independent-report counts.",
)
@output_options
def events_command(
    db_path: str | None,
    actor: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    place: str | None,
    limit: int | None,
    clusters: bool,
    fmt: str,
) -> None:
    """PLOVER events: who did what to whom, when and where."""
    if clusters:
        cluster_view.show_clusters(db_path, actor, type_, since, until, place, limit, fmt)
        return
    with open_ledger(db_path, readonly=True) as ledger:
        rows = queries.events(
            ledger.db, actor=actor, type_=type_, since=since, until=until, place=place, limit=limit
        )
    if fmt in ("table", "csv"):
        rows = [_event_line(r) for r in rows]
    columns = ["date", "type", "mode", "actors", "recipients", "trigger", "flags", "article_id"]
    click.echo(render(rows, fmt, columns))


def _event_line(event: dict[str, object]) -> dict[str, object]:
    def names(group: object) -> str:
        return ", ".join(str(p["text"]) for p in group)  # type: ignore[attr-defined]

    flags = [f for f in ("negated", "hypothetical", "future", "historical") if event[f]]
    trigger = event["trigger"]
    return {
        **event,
        "actors": names(event["actors"]),
        "recipients": names(event["recipients"]),
        "trigger": trigger["text"] if isinstance(trigger, dict) else trigger,
        "flags": ",".join(flags),
    }


@click.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plover", "jsonl", "csv", "parquet", "claimreview"]),
    default="plover",
    show_default=True,
    help="PLOVER/POLECAT-style JSON, or the flat form; parquet: every table into directory -o.",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="File to write (default stdout).",
)
@click.option(
    "--clusters",
    is_flag=True,
    help="plover only: one record per event cluster (one happening, its reports) instead.",
)
def export_command(db_path: str | None, fmt: str, output: TextIO, clusters: bool) -> None:
    """Export the ledger's events, each with provenance back to its article and span.

    claimreview: schema.org ClaimReview JSON-LD, one per claim cluster, rated by what the
    reporting shows (corroborated, contradicted, single-source, unsourced).
    """
    if fmt == "claimreview":
        from newsledger.views.claimreview import write_claimreview

        with open_ledger(db_path, readonly=True) as ledger:
            count = write_claimreview(ledger, output)
        click.echo(f"{count} claim reviews written", err=True)
        return
    if clusters or fmt == "plover":
        cluster_view.export_plover(db_path, fmt, output, clusters=clusters)
        return
    if fmt == "parquet":  # every table, one file each, into the directory -o names
        from newsledger.views.parquet import export_parquet

        with open_ledger(db_path, readonly=True) as ledger:
            # stdout is "-" or "<stdout>"; export_parquet refuses "-" with a hint
            written = export_parquet(ledger, "-" if output.name.startswith("<") else output.name)
        for table in written:
            click.echo(f"{table.rows:>9} rows  {table.path}", err=True)
        click.echo(f"{len(written)} tables written as Parquet to {output.name}", err=True)
        return
    with open_ledger(db_path, readonly=True) as ledger:
        count = write_events(queries.iter_events(ledger.db), fmt, output)
    click.echo(f"{count} events written", err=True)
    sys.stdout.flush()


COMMANDS = [quotes_command, sources_command, events_command, export_command]
