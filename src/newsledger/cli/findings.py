"""``newsledger findings``: what does not hold up, across the ledger."""

from __future__ import annotations

import click

from newsledger.cli.options import db_option, open_ledger, output_options
from newsledger.findings.model import BASES, KINDS, SEVERITIES
from newsledger.store.findings import list_findings
from newsledger.views.output import render


@click.command("findings")
@db_option
@click.option("--kind", type=click.Choice(sorted(KINDS)), help="Only findings of this kind.")
@click.option("--severity", type=click.Choice(SEVERITIES), help="info, warning or error.")
@click.option(
    "--basis", type=click.Choice(BASES), help="What the finding rests on: article, knowledge, "
    "outlets."
)  # fmt: skip
@click.option("--article", help="Only this article (id or unique id prefix).")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@output_options
def findings_command(
    db_path: str | None,
    kind: str | None,
    severity: str | None,
    basis: str | None,
    article: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Findings across the ledger: contradictions inside an article, titles, dates and places
    wrong against the knowledge base, weak sourcing, quotes no other outlet carries."""
    with open_ledger(db_path, readonly=True) as ledger:
        article_id = ledger.resolve_article_id(article) if article else None
        rows = list_findings(
            ledger.db,
            kind=kind,
            severity=severity,
            basis=basis,
            article=article_id,
            limit=limit,
        )
    if fmt == "table":
        for row in rows:
            row["article_id"] = row["article_id"][:12]
    columns = ["article_id", "outlet", "severity", "kind", "basis", "message"]
    click.echo(render(rows, fmt, columns))


COMMANDS = [findings_command]
