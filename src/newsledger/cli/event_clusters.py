"""The cluster side of ``newsledger events --clusters`` and ``newsledger export``."""

from __future__ import annotations

import sys
from typing import TextIO

import click

from newsledger.cli.options import open_ledger
from newsledger.store import event_clusters, queries
from newsledger.views.event_clusters import TABLE_COLUMNS, cluster_line, write_clusters
from newsledger.views.exports import write_events
from newsledger.views.output import render


def show_clusters(
    db_path: str | None,
    actor: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    place: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """One row per cluster; JSON formats keep the parties and reports as lists."""
    with open_ledger(db_path, readonly=True) as ledger:
        rows = event_clusters.clusters(
            ledger.db, actor=actor, type_=type_, since=since, until=until, place=place, limit=limit
        )
    if fmt in ("table", "csv"):
        rows = [cluster_line(r) for r in rows]
    click.echo(render(rows, fmt, TABLE_COLUMNS))


def export_plover(db_path: str | None, fmt: str, output: TextIO, *, clusters: bool) -> None:
    """Events with their cluster id and independent reports, or one record per cluster."""
    if fmt != "plover":
        raise click.UsageError("--clusters goes with --format plover")
    with open_ledger(db_path, readonly=True) as ledger:
        if clusters:
            count = write_clusters(event_clusters.iter_clusters(ledger.db), output)
            noun = "event clusters"
        else:
            events = event_clusters.with_clusters(ledger.db, queries.iter_events(ledger.db))
            count = write_events(events, fmt, output)
            noun = "events"
    click.echo(f"{count} {noun} written", err=True)
    sys.stdout.flush()
