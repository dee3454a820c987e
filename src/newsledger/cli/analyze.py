"""``newsledger analyze``."""

from __future__ import annotations

import click
from tqdm import tqdm

from newsledger.cli.options import db_option
from newsledger.nlp.analyze import DEFAULT_BATCH, AnalyzeReport, analyze_ledger
from newsledger.store import Ledger
from newsledger.views.output import to_json


def run_analyze(
    ledger: Ledger, *, workers: int, batch_size: int, limit: int | None, quiet: bool
) -> AnalyzeReport:
    total = ledger.count_pending()
    if limit is not None:
        total = min(total, limit)
    with tqdm(
        total=total, unit="article", desc="analyze", disable=quiet or total == 0, leave=False
    ) as bar:
        report = analyze_ledger(
            ledger, workers=workers, batch_size=batch_size, limit=limit, progress=bar.update
        )
    click.echo(
        f"{report.analyzed} articles analysed: {report.sentences} sentences, "
        f"{report.mentions} entity mentions",
        err=True,
    )
    return report


@click.command("analyze")
@db_option
@click.option(
    "--workers",
    "-w",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes to run the model in.",
)
@click.option(
    "--batch-size",
    default=DEFAULT_BATCH,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Articles per nlp.pipe batch.",
)
@click.option("--limit", type=click.IntRange(1), help="Analyse at most this many articles.")
@click.option("--redo", is_flag=True, help="Forget earlier analyses and analyse every article.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def analyze_command(
    db_path: str | None,
    workers: int,
    batch_size: int,
    limit: int | None,
    redo: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Run the NLP pass (sentences, entity mentions) on articles not analysed yet."""
    with Ledger(db_path, create=False) as ledger:
        if redo:
            ledger.forget_analyses()
        report = run_analyze(
            ledger, workers=workers, batch_size=batch_size, limit=limit, quiet=quiet
        )
    if as_json:
        click.echo(
            to_json(
                {
                    "analyzed": report.analyzed,
                    "sentences": report.sentences,
                    "mentions": report.mentions,
                }
            )
        )


COMMANDS = [analyze_command]
