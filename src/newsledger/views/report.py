"""``write_report``: the whole ledger as one self-contained HTML file.

CSS, script and drawings are inline; the base map is drawn from data shipped in the package;
nothing is fetched when the file is opened, so it reads the same on a machine that is offline.
Every listed item links to an anchor on its sentence in the article sections at the end.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from newsledger import __version__
from newsledger.store import Ledger
from newsledger.views.links import ReportLinks
from newsledger.views.listings import BY_NAME
from newsledger.views.pages import (
    article_page,
    listing_page,
    overview,
    render,
    require_current_schema,
    static_text,
)

SECTIONS = (
    "events", "claims", "findings", "positions", "places", "actors", "quotes", "sources",
    "stories",
)  # fmt: skip
"""The report's sections in order; titles, rows and drawings come from the listing registry."""


def report_context(ledger: Ledger) -> dict[str, Any]:
    require_current_schema(ledger)
    links = ReportLinks()
    ids = [r["id"] for r in ledger.articles()]
    return {
        "ledger_name": Path(ledger.path).name if ledger.url is None else ledger.name,
        "written": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "version": __version__,
        "css": Markup(static_text("app.css")),
        "js": Markup(static_text("app.js")),
        "overview": overview(ledger),
        "sections": [listing_page(ledger, BY_NAME[name], {}, links) for name in SECTIONS],
        "articles": [article_page(ledger, aid, links) for aid in ids],
    }


def write_report(ledger: Ledger, path: str | os.PathLike[str]) -> dict[str, Any]:
    """Write the report to ``path``; returns what it holds (articles, rows per section, bytes)."""
    context = report_context(ledger)
    html = render("report.html", **context)
    target = Path(path)
    target.write_text(html, encoding="utf-8")
    return {
        "path": str(target),
        "articles": len(context["articles"]),
        "sections": {s["name"]: len(s["rows"]) for s in context["sections"]},
        "bytes": target.stat().st_size,
    }
