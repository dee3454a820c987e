"""``newsledger check``: one article through the pipeline, no ledger touched."""

from __future__ import annotations

import click

from newsledger.api import check_file
from newsledger.cli.options import check_date
from newsledger.ingest import ReadOptions
from newsledger.ingest.sources import FORMATS
from newsledger.views.article import describe
from newsledger.views.output import to_json


@click.command("check")
@click.argument("file")
@click.option(
    "--published",
    callback=check_date,
    help="Publication date (YYYY-MM-DD) if the file does not give one.",
)
@click.option("--outlet", help="Outlet name if the file does not give one.")
@click.option("--item", type=click.IntRange(1), help="Which article of a multi-article file.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Force the input format.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")
def check_command(
    file: str,
    published: str | None,
    outlet: str | None,
    item: int | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Analyse one article FILE (or - for stdin) and print what the pipeline found."""
    result = check_file(
        file, outlet=outlet, published=published, item=item, options=ReadOptions(format=fmt)
    )
    click.echo(to_json(result) if as_json else describe(result))


COMMANDS = [check_command]
