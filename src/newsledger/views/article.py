"""A readable terminal view of one analysed article (the JSON twin is the report dict itself)."""

from __future__ import annotations

import textwrap
from typing import Any

from newsledger.views.output import render_table

TEXT_WIDTH = 96


def describe(report: dict[str, Any], width: int = 120) -> str:
    article = report["article"]
    lines = [
        article.get("title") or "(untitled)",
        f"id {article['id']} · {article.get('outlet') or 'unknown outlet'} · "
        f"{article.get('published') or 'date unknown'} · {article.get('language') or '?'}",
    ]
    if article.get("url"):
        lines.append(article["url"])
    for sighting in report.get("sightings", [])[1:]:
        lines.append(
            f"also published by {sighting.get('outlet') or '?'}"
            f" {sighting.get('url') or sighting.get('source_path') or ''}".rstrip()
        )
    lines.append("")
    for paragraph in article["text"].split("\n\n"):
        lines.extend(textwrap.wrap(paragraph, TEXT_WIDTH) or [""])
        lines.append("")
    mentions = report.get("mentions", [])
    lines.append(f"{len(report.get('sentences', []))} sentences, {len(mentions)} entity mentions")
    if mentions:
        lines.append(render_table(mentions, ["start", "end", "label", "text"], width))
    return "\n".join(lines)
