"""RSS and Atom feeds saved as files, read with feedparser; one article per entry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from newsledger.ingest.html import fragment_text
from newsledger.ingest.items import RawArticle, ReadFailure


def read_feed(data: bytes, where: str) -> Iterator[RawArticle | ReadFailure]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable RSS/Atom feed ({problem})" if problem else "feed has no entries"
        yield ReadFailure(where, reason)
        return
    channel = parsed.feed
    outlet = channel.get("title")
    language = (channel.get("language") or "").split("-")[0].lower() or None
    for index, entry in enumerate(parsed.entries):
        here = f"{where}#{entry.get('id') or entry.get('link') or index + 1}"
        text = fragment_text(_entry_html(entry))
        if not text.strip():
            yield ReadFailure(here, "feed entry has no text (no content or summary)")
            continue
        yield RawArticle(
            where=here,
            format="feed",
            text=text,
            title=entry.get("title"),
            url=entry.get("link"),
            outlet=outlet,
            published=_entry_date(entry),
            language=language,
        )


def _entry_html(entry: Any) -> str:
    """The fullest body an entry carries: content:encoded / Atom content, else the summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return str(max(contents, key=len))
    return str(entry.get("summary", ""))


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return str(entry[key])
    return None
