"""``newsledger check``: one article through the pipeline, no ledger touched."""

from __future__ import annotations

import click

from newsledger.api import check_file
from newsledger.cli.options import check_date, db_option, open_ledger
from newsledger.findings.step import against_ledger
from newsledger.ingest import ReadOptions
from newsledger.ingest.sources import FORMATS
from newsledger.views.article import describe
from newsledger.views.findings import describe_findings
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
@db_option
def check_command(
    file: str,
    published: str | None,
    outlet: str | None,
    item: int | None,
    fmt: str | None,
    as_json: bool,
    db_path: str | None = None,
) -> None:
    """Analyse one article FILE (or - for stdin) and print what the pipeline found."""
    result = check_file(
        file, outlet=outlet, published=published, item=item, options=ReadOptions(format=fmt)
    )
    if db_path is not None:  # against a ledger: add what the other outlets show
        with open_ledger(db_path, readonly=True) as ledger:
            result["findings"] = result["findings"] + against_ledger(ledger, result)
    click.echo(to_json(result) if as_json else describe(result))
    if not as_json:
        click.echo("\n" + describe_findings(result["findings"]))


COMMANDS = [check_command]
