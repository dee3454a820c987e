"""``newsledger ingest``."""

from __future__ import annotations

import click

from newsledger.cli.options import check_date, db_option, parse_size
from newsledger.ingest import (
    ArticleDefaults,
    IngestOutcome,
    ReadOptions,
    ingest,
)
from newsledger.ingest.sources import FORMATS
from newsledger.store import Ledger
from newsledger.views.output import to_json


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--outlet", help="Outlet name where the input does not give one.")
@click.option(
    "--published",
    callback=check_date,
    help="Publication date (YYYY-MM-DD) where the input does not give one.",
)
@click.option("--language", help="Language code where it cannot be told from the text.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Read every input as this format instead of guessing from name and content.",
)
@click.option("--encoding", help="Text encoding of the inputs (default: declared, else UTF-8).")
@click.option(
    "--max-size",
    default="20MB",
    show_default=True,
    callback=parse_size,
    help="Largest file (or JSON line) accepted.",
)
@click.option(
    "--analyze",
    "then_analyze",
    is_flag=True,
    help="Run the NLP pass on new articles afterwards (same as `newsledger analyze`).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary.")
def ingest_command(
    paths: tuple[str, ...],
    db_path: str | None,
    outlet: str | None,
    published: str | None,
    language: str | None,
    fmt: str | None,
    encoding: str | None,
    max_size: int,
    then_analyze: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Read articles from PATHS (files, directories, or - for stdin) into the ledger.

    Formats: plain text (optional front matter between --- lines), HTML pages, JSON,
    JSON Lines, RSS/Atom feeds. Each article is stored in its own transaction; the same
    text seen again is stored once (a new outlet or URL is kept as a copy). Bad inputs are
    reported with their reason and the rest of the batch is stored. Exit code 1 when any
    input failed. Ingest does not run the NLP pass unless --analyze is given.
    """
    options = ReadOptions(format=fmt, encoding=encoding, max_bytes=max_size)
    defaults = ArticleDefaults(outlet=outlet, published=published, language=language)

    def log(outcome: IngestOutcome) -> None:
        if outcome.status == "failed":
            click.echo(f"failed  {outcome.where}: {outcome.reason}", err=True)
        elif not quiet:
            click.echo(
                f"{outcome.status:<7} {outcome.article_id}  {outcome.title or '(untitled)'}"
                f"  [{outcome.outlet or '?'}]  {outcome.where}",
                err=True,
            )

    with Ledger(db_path) as ledger:
        report = ingest(ledger, list(paths), options, defaults, on_outcome=log)
        counts = report.counts
        click.echo(
            f"{counts['stored']} stored, {counts['copy']} copies of stored articles, "
            f"{counts['exists']} already in the ledger, {counts['failed']} failed "
            f"-> {ledger.name}",
            err=True,
        )
        if as_json:
            click.echo(to_json(report.to_dict()))
        if then_analyze:
            from newsledger.cli.analyze import run_analyze

            run_analyze(ledger, workers=1, batch_size=32, limit=None, quiet=quiet)
    if not report.ok:
        raise SystemExit(1)


COMMANDS = [ingest_command]
