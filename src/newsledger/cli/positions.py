"""``newsledger positions``: where each party stands on each negotiation option."""

from __future__ import annotations

from typing import Any

import click

from newsledger.cli.options import check_date, db_option, open_ledger, output_options
from newsledger.errors import NewsledgerError
from newsledger.stances.positions import VIEWS, Query, positions
from newsledger.stances.taxonomy import taxonomy
from newsledger.views.output import render

COLUMNS = {
    "matrix": ["issue", "option", "party", "kind", "since", "own_statement", "voices",
               "condition"],
    "history": ["party", "issue", "option", "date", "kind", "moved_from", "own_statement",
                "reported_by", "condition", "article_id"],
    "open": ["issue", "option", "name", "supported_by", "conditions"],
    "redlines": ["party", "issue", "option", "since", "own_statement", "voices", "evidence"],
    "links": ["party", "option", "kind", "conditional_on", "voices", "since", "condition"],
}  # fmt: skip


@click.command("positions")
@db_option
@click.option("--as-of", "as_of", callback=check_date, help="Positions as they stood on this day.")
@click.option("--issue", help="Only this issue (territory, security-guarantees, alliance...).")
@click.option("--party", help="Only this party: an id (country.RUS) or words of its name.")
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default="matrix",
    show_default=True,
    help="matrix: each party's latest position per option; history: how positions moved; "
    "open: options no party rejects; redlines: what each party rejects; links: options "
    "accepted only on a condition that names another.",
)
@output_options
def positions_command(
    db_path: str | None,
    as_of: str | None,
    issue: str | None,
    party: str | None,
    view: str,
    fmt: str,
) -> None:
    """Where each party stands on each option of the negotiation, from the stored stances.

    Copies of an article count once; a party's own statements outrank positions others report
    for it (own_statement says which one a row rests on).
    """
    if issue is not None and issue not in taxonomy().issues:
        known = ", ".join(sorted(taxonomy().issues))
        raise NewsledgerError(f"no issue {issue!r}", hint=f"issues: {known}")
    with open_ledger(db_path, readonly=True) as ledger:
        rows = positions(ledger, view, Query(as_of=as_of, issue=issue, party=party))
    if fmt in ("table", "csv"):
        rows = [_flat(r) for r in rows]
    click.echo(render(rows, fmt, COLUMNS[view]))


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()}


COMMANDS = [positions_command]
