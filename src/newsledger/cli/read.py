"""Reading the ledger: ``articles``, ``mentions``, ``show``, ``search``, ``stats``."""

from __future__ import annotations

import click

from newsledger.api import show_article
from newsledger.cli.options import db_option, open_ledger, output_options
from newsledger.views.article import describe
from newsledger.views.output import render, to_json


@click.command("articles")
@db_option
@click.option("--outlet", help="Only articles from this outlet.")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@output_options
def articles_command(db_path: str | None, outlet: str | None, limit: int | None, fmt: str) -> None:
    """List the articles in the ledger, oldest first."""
    with open_ledger(db_path, readonly=True) as ledger:
        rows = ledger.articles(outlet=outlet, limit=limit)
    click.echo(render(rows, fmt, ["id", "published", "outlet", "title", "sightings", "analyzed"]))


@click.command("mentions")
@db_option
@click.option("--article", help="Only this article (id or unique id prefix).")
@click.option("--label", help="Only this entity label (PERSON, GPE, ORG, DATE...).")
@click.option("--text", help="Only mentions whose text contains this.")
@click.option("--limit", type=click.IntRange(1), help="At most this many rows.")
@output_options
def mentions_command(
    db_path: str | None,
    article: str | None,
    label: str | None,
    text: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List entity mentions with their character spans."""
    with open_ledger(db_path, readonly=True) as ledger:
        rows = ledger.mentions(article=article, label=label, text=text, limit=limit)
    click.echo(render(rows, fmt, ["article_id", "start", "end", "label", "text"]))


@click.command("show")
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The same JSON object as `check --json`.")
def show_command(article_id: str, db_path: str | None, as_json: bool) -> None:
    """Show one article (id or unique id prefix) with everything found in it."""
    with open_ledger(db_path, readonly=True) as ledger:
        result = show_article(ledger, article_id)
    click.echo(to_json(result) if as_json else describe(result))


@click.command("search")
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1))
@output_options
def search_command(query: str, db_path: str | None, limit: int, fmt: str) -> None:
    """Full-text search over titles and text (FTS5 syntax: "exact phrase", OR, NOT, prefix*)."""
    with open_ledger(db_path, readonly=True) as ledger:
        rows = ledger.search(query, limit=limit)
    click.echo(render(rows, fmt, ["id", "published", "outlet", "title", "snippet"]))


@click.command("stats")
@db_option
def stats_command(db_path: str | None) -> None:
    """Counts of what the ledger holds, as JSON."""
    with open_ledger(db_path, readonly=True) as ledger:
        click.echo(to_json(ledger.stats()))


COMMANDS = [articles_command, mentions_command, show_command, search_command, stats_command]
