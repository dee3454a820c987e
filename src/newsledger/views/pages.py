"""What each page of the report and the web app shows, as plain data; HTML comes from the
templates in ``templates/`` and JSON is this data itself (the web app's ``/api/`` twins)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newsledger.api import show_article
from newsledger.errors import StoreError
from newsledger.store import Ledger
from newsledger.store.schema import SCHEMA_VERSION
from newsledger.views.figures import FIGURES
from newsledger.views.highlight import highlighted, legend
from newsledger.views.links import Links, row_link
from newsledger.views.listings import BY_NAME, LISTINGS, Listing, has_table, shown_columns

Row = dict[str, Any]
SEARCH_LIMIT = 50


def require_current_schema(ledger: Ledger) -> None:
    """The views read every layer: a ledger written by an older newsledger must be brought up
    to date first (opening it for writing does that), since a read-only open cannot."""
    if ledger.schema_version < SCHEMA_VERSION:
        raise StoreError(
            f"{ledger.name} has schema version {ledger.schema_version}; this newsledger reads"
            f" version {SCHEMA_VERSION}",
            hint=f"bring it up to date with `newsledger analyze --db {ledger.name}`",
        )


def overview(ledger: Ledger) -> dict[str, Any]:
    """The front page: what the ledger holds, its stories when known, else outlets and dates."""
    stats = ledger.stats()
    stories = BY_NAME["stories"].fetch(ledger) if has_table(ledger.db, "stories") else []
    days = ledger.db.execute(
        "SELECT day, count(*) AS articles FROM (SELECT substr(published, 1, 10) AS day"
        " FROM articles) d GROUP BY day ORDER BY day IS NULL, day"
    ).fetchall()
    return {
        "title": "Overview",
        "stats": {k: v for k, v in stats.items() if not isinstance(v, dict)},
        "outlets": [{"outlet": k, "sightings": v} for k, v in stats["sightings_by_outlet"].items()],
        "days": [dict(r) for r in days],
        "stories": stories,
        "sections": [
            {"name": x.name, "title": x.title, "available": x.available(ledger)} for x in LISTINGS
        ],
    }


def listing_page(
    ledger: Ledger, listing: Listing, params: Mapping[str, str], links: Links
) -> dict[str, Any]:
    """One listing with its rows, the columns to show, each row's link and its drawing."""
    rows = listing.fetch(ledger, params)
    figure = FIGURES[listing.figure](ledger, rows, links) if listing.figure else Markup("")
    return {
        "name": listing.name,
        "title": listing.title,
        "available": listing.available(ledger),
        "columns": shown_columns(listing, rows),
        "filters": [
            {"name": f.name, "label": f.label, "kind": f.kind, "value": params.get(f.name, "")}
            for f in listing.filters
        ],
        "rows": rows,
        "links": [row_link(links, r) for r in rows],
        "empty": listing.empty,
        "figure": figure,
    }


def listing_json(page: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "title", "available", "columns", "rows", "links")
    data = {k: page[k] for k in keys}
    data["filters"] = {f["name"]: f["value"] for f in page["filters"] if f["value"]}
    if not page["rows"]:
        data["empty"] = page["empty"]
    return data


def article_page(ledger: Ledger, article_id: str, links: Links) -> dict[str, Any]:
    """One article: every layer (as ``show --json``), its highlighted text and the legend."""
    report = show_article(ledger, article_id)
    aid = report["article"]["id"]
    return {
        "title": report["article"].get("title") or aid,
        "report": report,
        "legend": legend(report),
        "body": highlighted(report, lambda index: links.anchor(aid, index)),
    }


def search_page(ledger: Ledger, params: Mapping[str, str]) -> dict[str, Any]:
    """Full-text search (FTS5, parameterised) with optional outlet and date filters."""
    query = params.get("q", "").strip()
    rows = ledger.search(query, limit=SEARCH_LIMIT) if query else []
    outlet = params.get("outlet", "").strip().casefold()
    since, until = params.get("since", "").strip(), params.get("until", "").strip()
    rows = [
        r
        for r in rows
        if (not outlet or outlet in str(r["outlet"] or "").casefold())
        and (not since or str(r["published"] or "") >= since)
        and (not until or str(r["published"] or "")[:10] <= until)
    ]
    return {
        "title": "Search",
        "query": query,
        "filters": {"outlet": params.get("outlet", ""), "since": since, "until": until},
        "rows": rows,
    }


# -- HTML ------------------------------------------------------------------------------------


@cache
def environment() -> Environment:
    """Templates with autoescaping on for everything: article text is untrusted."""
    env = Environment(
        loader=PackageLoader("newsledger.views", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = cell
    env.filters["snippet"] = snippet
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def static_text(name: str) -> str:
    return resources.files("newsledger.views").joinpath("static", name).read_text("utf-8")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def snippet(text: str | None) -> Markup:
    """An FTS snippet with its ``[``/``]`` match markers turned into ``<mark>``, text escaped."""
    escaped = str(Markup.escape(text or ""))
    return Markup(escaped.replace("[", "<mark>").replace("]", "</mark>"))
