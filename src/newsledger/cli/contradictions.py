"""Disagreements between reports of one claim: ``newsledger contradictions``."""

from __future__ import annotations

import click

from newsledger.cli.options import db_option, open_ledger, output_options
from newsledger.views.claim_clusters import (
    CONTRADICTION_COLUMNS,
    contradiction_line,
    contradiction_listing,
)
from newsledger.views.output import render

KINDS = (
    "count",
    "date",
    "duration",
    "money",
    "ordinal",
    "percent",
    "polarity",
    "quantity",
    "role",
    "speaker",
)


@click.command("contradictions")
@db_option
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="Only this kind: a value slot (count, date, duration, money, percent...), speaker "
    "(one quote, different speakers) or polarity (affirmed against denied).",
)
@click.option("--article", help="Only contradictions with this article on one side.")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@output_options
def contradictions_command(
    db_path: str | None, kind: str | None, article: str | None, limit: int | None, fmt: str
) -> None:
    """Reports of one claim that disagree, each side with its article, span and value.

    Neither side is declared right: the sides show what each report says and how many
    independent voices stand behind it. Built by the claim-clusters cross-check step.
    """
    with open_ledger(db_path, readonly=True) as ledger:
        rows = contradiction_listing(ledger, kind=kind, article=article, limit=limit)
    if fmt in ("table", "csv"):
        rows = [contradiction_line(r) for r in rows]
    click.echo(render(rows, fmt, CONTRADICTION_COLUMNS if fmt == "table" else None))


COMMANDS = [contradictions_command]
