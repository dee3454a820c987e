"""The ``newsledger`` command: thin handlers over the library, errors printed once at the edge."""

from __future__ import annotations

import sys
from typing import Any

import click

from newsledger import __version__
from newsledger.errors import NewsledgerError


class LedgerGroup(click.Group):
    """Turns library errors into ``Error: ...`` on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsledgerError as error:
            click.echo(f"Error: {error}", err=True)
            if error.hint:
                click.echo(f"Hint: {error.hint}", err=True)
            sys.exit(1)


@click.group(cls=LedgerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsledger")
@click.option(
    "--kb",
    "kb_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="A directory of extra knowledge files (actors.yaml, places-*.yaml...); repeatable. "
    "Also $NEWSLEDGER_KB.",
)
def cli(kb_dirs: tuple[str, ...]) -> None:
    """newsledger: a sourced ledger of news on conflict and diplomacy.

    Data goes to stdout, progress and logs to stderr. The ledger is an SQLite file:
    --db PATH, else $NEWSLEDGER_DB, else ./newsledger.db.
    """
    from newsledger.kb.loader import add_kb_dir

    for folder in kb_dirs:
        add_kb_dir(folder)


def main() -> None:
    cli(prog_name="newsledger")


def _register() -> None:
    from newsledger.cli import analyze, check, demo, evaluate, ingest, layers, read, resolved

    for module in (ingest, analyze, read, resolved, layers, check, evaluate, demo):
        for command in module.COMMANDS:
            cli.add_command(command)
    from newsledger.cli import crosscheck

    for command in crosscheck.COMMANDS:
        cli.add_command(command)
    from newsledger.cli import web

    for command in web.COMMANDS:
        cli.add_command(command)
    from newsledger.cli import claims

    for command in claims.COMMANDS:
        cli.add_command(command)
    from newsledger.cli import findings

    for command in findings.COMMANDS:
        cli.add_command(command)
    from newsledger.cli import contradictions

    for command in contradictions.COMMANDS:
        cli.add_command(command)

    from newsledger.cli import positions

    for command in positions.COMMANDS:
        cli.add_command(command)


_register()
