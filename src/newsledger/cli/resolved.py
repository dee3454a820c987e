"""Canonical entities across the ledger: ``actors`` and ``places``."""

from __future__ import annotations

import click

from newsledger.cli.options import db_option, open_ledger, output_options
from newsledger.views.output import render


@click.command("actors")
@db_option
@click.option("--kind", help="person, organisation, government, military, country or group.")
@click.option("--country", help="ISO 3166-1 alpha-3 code, e.g. UKR.")
@click.option("--unresolved", is_flag=True, help="Only actors the knowledge base does not know.")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@output_options
def actors_command(
    db_path: str | None,
    kind: str | None,
    country: str | None,
    unresolved: bool,
    limit: int | None,
    fmt: str,
) -> None:
    """Actors named in the ledger with mention and article counts, most mentioned first."""
    with open_ledger(db_path, readonly=True) as ledger:
        rows = ledger.actor_counts(kind=kind, country=country, unresolved=unresolved, limit=limit)
    columns = ["id", "name", "kind", "country", "sector", "mentions", "articles"]
    click.echo(render(rows, fmt, columns))


@click.command("places")
@db_option
@click.option("--country", help="ISO 3166-1 alpha-3 code, e.g. UKR.")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@output_options
def places_command(db_path: str | None, country: str | None, limit: int | None, fmt: str) -> None:
    """Resolved places with mention counts and the spellings the articles used."""
    with open_ledger(db_path, readonly=True) as ledger:
        rows = ledger.place_counts(country=country, limit=limit)
    columns = ["id", "name", "kind", "country", "mentions", "articles", "spellings"]
    click.echo(render(rows, fmt, columns))


COMMANDS = [actors_command, places_command]
