"""Claims across the ledger: ``newsledger claims``."""

from __future__ import annotations

from typing import Any

import click

from newsledger.claims.model import KINDS
from newsledger.cli.options import db_option, open_ledger, output_options
from newsledger.store.claims import claims as query_claims
from newsledger.views.output import render

COLUMNS = ["article_id", "kind", "claimant", "certainty", "flags", "values", "text"]


@click.command("claims")
@db_option
@click.option("--article", help="Only this article (id or unique id prefix).")
@click.option("--kind", type=click.Choice(KINDS), help="Only claims of this kind.")
@click.option("--actor", help="Claimant or actor named: an actor id or words of its name.")
@click.option("--unsourced", is_flag=True, help="Only allegations that rest on no named source.")
@click.option("--anonymous/--named", default=None, help="Only anonymous, or only named sources.")
@click.option("--text", help="Only claims whose text contains this.")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@click.option(
    "--clusters",
    is_flag=True,
    help="The same claim across articles instead: clusters reported more than once, with "
    "independent voices, agreement and rating (--text filters their label).",
)
@output_options
def claims_command(
    db_path: str | None,
    article: str | None,
    kind: str | None,
    actor: str | None,
    unsourced: bool,
    anonymous: bool | None,
    text: str | None,
    limit: int | None,
    fmt: str,
    clusters: bool = False,
) -> None:
    """Checkable statements: who claims them, how certain, and their normalised values."""
    if clusters:
        from newsledger.views.claim_clusters import CLUSTER_COLUMNS, cluster_listing

        with open_ledger(db_path, readonly=True) as ledger:
            found = cluster_listing(ledger, text=text, limit=limit)
        click.echo(render(found, fmt, CLUSTER_COLUMNS))
        return
    with open_ledger(db_path, readonly=True) as ledger:
        article_id = ledger.resolve_article_id(article) if article else None
        rows = query_claims(
            ledger.db,
            article=article_id,
            kind=kind,
            actor=actor,
            unsourced=unsourced,
            anonymous=anonymous,
            text=text,
            limit=limit,
        )
    if fmt in ("table", "csv"):
        rows = [claim_line(r) for r in rows]
    click.echo(render(rows, fmt, COLUMNS))


def claim_line(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim flattened for a table: claimant words, flags and values as short text."""
    claimant = claim["claimant"]["text"] if claim["claimant"] else claim["claimant_type"]
    flags = [f for f in ("unsourced", "anonymous", "negated") if claim[f]]
    return {
        **claim,
        "claimant": claimant,
        "flags": ",".join(flags),
        "values": "; ".join(value_text(v) for v in claim["values"]),
    }


def value_text(value: dict[str, Any]) -> str:
    """ "8 people", "800000000000 USD", "2026-02-04/2026-02-05", "at least 12 drone"."""
    parts = [value.get("qualifier"), str(value["value"]), value.get("unit")]
    return " ".join(str(p) for p in parts if p not in (None, ""))


COMMANDS = [claims_command]
