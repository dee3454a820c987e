"""Ledger-wide listings of the copies and stories steps: ``copies`` and ``stories``."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import click

from newsledger.cli.options import db_option, open_ledger, output_options
from newsledger.errors import NotFoundError
from newsledger.views.output import render

COPY_COLUMNS = [
    "article_id",
    "outlet",
    "published",
    "kind",
    "original_id",
    "original_outlet",
    "containment",
    "jaccard",
    "title",
]
PARAGRAPH_COLUMNS = [
    "article_id",
    "outlet",
    "start",
    "end",
    "source_id",
    "source_outlet",
    "source_start",
    "source_end",
    "containment",
    "text",
]
STORY_COLUMNS = ["id", "label", "first_date", "last_date", "articles", "outlets", "voices"]
MEMBER_COLUMNS = ["article_id", "published", "outlet", "original_id", "score", "title"]


def _has(db: sqlite3.Connection, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None


def copy_rows(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Near copies and rewrites (article_copies) and verbatim copies (further sightings)."""
    rows = (
        [
            dict(row)
            for row in db.execute(
                "SELECT c.article_id, a.outlet, a.published, c.kind, c.original_id,"
                " o.outlet AS original_outlet, c.containment, c.jaccard, a.title"
                " FROM article_copies c JOIN articles a ON a.id = c.article_id"
                " JOIN articles o ON o.id = c.original_id"
            )
        ]
        if _has(db, "article_copies")
        else []
    )
    rows += [
        dict(row)
        for row in db.execute(
            "SELECT s.article_id, s.outlet, s.published, 'verbatim' AS kind,"
            " a.id AS original_id, a.outlet AS original_outlet, 1.0 AS containment,"
            " 1.0 AS jaccard, s.title FROM sightings s JOIN articles a ON a.id = s.article_id"
            " WHERE coalesce(s.outlet, '') <> coalesce(a.outlet, '')"
            " OR coalesce(s.url, '') <> coalesce(a.url, '')"
        )
    ]
    return sorted(rows, key=lambda r: (r["original_id"], r["published"] or "", r["article_id"]))


def paragraph_rows(db: sqlite3.Connection) -> list[dict[str, Any]]:
    if not _has(db, "paragraph_copies"):
        return []
    return [
        dict(row)
        for row in db.execute(
            'SELECT p.article_id, a.outlet, p.start, p."end", p.source_id,'
            " s.outlet AS source_outlet, p.source_start, p.source_end, p.containment,"
            ' substr(a.text, p.start + 1, p."end" - p.start) AS text'
            " FROM paragraph_copies p JOIN articles a ON a.id = p.article_id"
            " JOIN articles s ON s.id = p.source_id ORDER BY p.article_id, p.start"
        )
    ]


@click.command("copies")
@db_option
@click.option(
    "--paragraphs", is_flag=True, help="Reused paragraphs with both spans instead of articles."
)
@output_options
def copies_command(db_path: str | None, paragraphs: bool, fmt: str) -> None:
    """Copies across outlets: verbatim, near-verbatim and rewrites, each with its original.

    Verbatim copies are merged at ingest (one text, several sightings); near copies and
    rewrites come from the "copies" cross-check step. Containment is the share of the copy's
    word 4-grams found in its source.
    """
    with open_ledger(db_path, readonly=True) as ledger:
        if paragraphs:
            click.echo(render(paragraph_rows(ledger.db), fmt, PARAGRAPH_COLUMNS))
        else:
            click.echo(render(copy_rows(ledger.db), fmt, COPY_COLUMNS))


def story_rows(db: sqlite3.Connection) -> list[dict[str, Any]]:
    if not _has(db, "stories"):
        return []
    rows = [dict(r) for r in db.execute("SELECT * FROM stories ORDER BY first_date, id")]
    for row in rows:
        row["places"] = json.loads(row["places"])
        row["actors"] = json.loads(row["actors"])
    return rows


def story_members(db: sqlite3.Connection, story: str) -> list[dict[str, Any]]:
    """The articles of the one story whose id starts with ``story``."""
    found = (
        db.execute(
            "SELECT id FROM stories WHERE id >= ? AND id < ? LIMIT 2", (story, story + "~")
        ).fetchall()
        if _has(db, "stories")
        else []
    )
    if len(found) != 1:
        raise NotFoundError(
            f"no story with id {story}" if not found else f"id prefix {story} is ambiguous",
            hint="list them with `newsledger stories`",
        )
    return [
        dict(row)
        for row in db.execute(
            "SELECT m.article_id, a.published, a.outlet, m.original_id, m.score, a.title"
            " FROM story_articles m JOIN articles a ON a.id = m.article_id"
            " WHERE m.story_id = ? ORDER BY a.published, m.article_id",
            (found[0][0],),
        )
    ]


@click.command("stories")
@db_option
@click.option("--story", "story", help="List the articles of this story (id or id prefix).")
@output_options
def stories_command(db_path: str | None, story: str | None, fmt: str) -> None:
    """Stories: articles about the same happening, with dates, outlets and independent voices.

    Voices count copies once. With --story, the story's articles; original_id names the
    article a copy counts as.
    """
    with open_ledger(db_path, readonly=True) as ledger:
        if story:
            click.echo(render(story_members(ledger.db, story), fmt, MEMBER_COLUMNS))
        else:
            click.echo(render(story_rows(ledger.db), fmt, STORY_COLUMNS))


COMMANDS = [copies_command, stories_command]
