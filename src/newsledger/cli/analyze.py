"""``newsledger analyze``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import click
from tqdm import tqdm

from newsledger.cli.options import db_option
from newsledger.crosscheck import run_crosschecks
from newsledger.errors import NewsledgerError
from newsledger.nlp.analyze import DEFAULT_BATCH, AnalyzeReport, analyze_ledger
from newsledger.store import Ledger
from newsledger.views.output import to_json


def run_analyze(
    ledger: Ledger,
    *,
    workers: int,
    batch_size: int,
    limit: int | None,
    quiet: bool,
    crosscheck: bool = True,
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
    if report.analyzed and crosscheck:
        run_ledger_steps(ledger, quiet=quiet)
    return report


def run_dask_analyze(
    ledger: Ledger,
    address: str,
    *,
    workers: int,
    batch_size: int,
    limit: int | None,
    quiet: bool,
    crosscheck: bool = True,
) -> AnalyzeReport:
    """``analyze --dask``: partitions on a Dask cluster, this process the one writer."""
    from newsledger.distributed import analyze_with_dask

    total = ledger.count_pending() if limit is None else min(ledger.count_pending(), limit)
    with tqdm(
        total=total, unit="article", desc="analyze", disable=quiet or total == 0, leave=False
    ) as bar:
        report = analyze_with_dask(
            ledger,
            address,
            workers=workers,
            batch_size=batch_size,
            limit=limit,
            progress=bar.update,
        )
    click.echo(
        f"{report.analyzed} articles analysed on {report.workers} Dask workers: "
        f"{report.sentences} sentences, {report.mentions} entity mentions",
        err=True,
    )
    for error in report.errors:
        click.echo(f"failed partition: {error}", err=True)
    if report.analyzed and crosscheck:
        run_ledger_steps(ledger, quiet=quiet)
    if report.failed:
        raise NewsledgerError(
            f"{len(report.failed)} articles not analysed: their partitions failed",
            hint="they stay pending; run `newsledger analyze` again to retry them",
        )
    return AnalyzeReport(report.analyzed, report.sentences, report.mentions)


def run_ledger_steps(
    ledger: Ledger, *, only: set[str] | None = None, quiet: bool = False
) -> dict[str, dict[str, Any]]:
    """The ledger-wide steps (copies, event clusters, stories...), progress on stderr."""

    def say(name: str) -> None:
        if not quiet:
            click.echo(f"cross-check: {name}", err=True)

    return run_crosschecks(ledger, only=only, progress=say)


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
@click.option(
    "--crosscheck/--no-crosscheck",
    default=True,
    show_default=True,
    help="Rerun the ledger-wide steps (copies, event clusters, stories...) after analysing.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Run on the Dask scheduler at ADDRESS (tcp://HOST:PORT), or 'local' for a local "
    "cluster of --workers processes; this process stays the one writer.",
)
def analyze_command(
    db_path: str | None,
    workers: int,
    batch_size: int,
    limit: int | None,
    redo: bool,
    as_json: bool,
    crosscheck: bool,
    quiet: bool,
    dask_address: str | None = None,
) -> None:
    """Analyse the articles not analysed yet, then rerun the ledger-wide steps."""
    with Ledger(db_path, create=False) as ledger:
        if redo:
            ledger.forget_analyses()
        run: Callable[..., AnalyzeReport] = run_analyze
        if dask_address:
            run = partial(run_dask_analyze, address=dask_address)
        report = run(
            ledger,
            workers=workers,
            batch_size=batch_size,
            limit=limit,
            quiet=quiet,
            crosscheck=crosscheck,
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


@click.command("crosscheck")
@db_option
@click.option(
    "--only",
    multiple=True,
    help="Run only this step (repeatable); the steps are listed by --list.",
)
@click.option("--list", "list_steps", is_flag=True, help="List the steps and exit.")
@click.option("--json", "as_json", is_flag=True, help="Print each step's summary as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def crosscheck_command(
    db_path: str | None, only: tuple[str, ...], list_steps: bool, as_json: bool, quiet: bool
) -> None:
    """Rerun the ledger-wide steps over every analysed article (analyze runs them too)."""
    from newsledger.crosscheck import step_names

    names = step_names()
    if list_steps:
        click.echo("\n".join(names))
        return
    unknown = sorted(set(only) - set(names))
    if unknown:
        raise click.BadParameter(
            f"no step {', '.join(unknown)}; the steps are: {', '.join(names)}", param_hint="--only"
        )
    with Ledger(db_path, create=False) as ledger:
        results = run_ledger_steps(ledger, only=set(only) or None, quiet=quiet)
    if as_json:
        click.echo(to_json(results))
    elif not quiet:
        for name, summary in results.items():
            parts = ", ".join(f"{k} {v}" for k, v in summary.items())
            click.echo(f"{name}: {parts}", err=True)


COMMANDS = [analyze_command, crosscheck_command]
