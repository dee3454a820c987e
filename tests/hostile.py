"""An article written to attack the pages that show it: every part of it must render as text."""

from __future__ import annotations

import json
from pathlib import Path

from newsledger import Ledger, analyze_ledger, ingest

FLAG = "window.__pwned = 1; document.title = 'pwned'"
HOSTILE = {
    "title": f"<script>{FLAG}</script>Talks <b>resume</b>",
    "outlet": '<img src=x onerror="window.__pwned = 1">Evil Outlet',
    "url": "javascript:window.__pwned=1",
    "published": "2026-01-28",
    "text": (
        "Vladimir Putin met Volodymyr Zelensky in Kyiv on Monday, officials said."
        f" <script>{FLAG}</script>\n\n"
        "A spokesman said: \"<img src=x onerror='window.__pwned = 1'> is not a picture\"."
        ' Click <a href="javascript:window.__pwned=1">here</a> or'
        ' <svg onload="window.__pwned = 1"></svg> in Moscow.\n\n'
        "The end of the text </mark></span><script>window.__pwned = 1</script>"
        " with 100% & 'quotes'."
    ),
}


def hostile_ledger(folder: Path) -> tuple[Path, str]:
    """A ledger holding the hostile article, analysed; returns its path and the article id."""
    source = folder / "hostile.json"
    source.write_text(json.dumps(HOSTILE), encoding="utf-8")
    path = folder / "hostile.db"
    with Ledger(path) as ledger:
        ingest(ledger, [str(source)])
        analyze_ledger(ledger)
        article_id = str(ledger.articles()[0]["id"])
    return path, article_id
