"""Plain text, with an optional front-matter block of ``key: value`` lines between ``---`` lines."""

from __future__ import annotations

import re

from newsledger.ingest.items import RawArticle

FRONT_MATTER_KEYS = {"title", "outlet", "url", "published", "date", "language", "lang"}
_KEY_VALUE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
MAX_TITLE_CHARS = 200


def read_text(text: str, where: str) -> RawArticle:
    meta, body = split_front_matter(text)
    title = meta.get("title") or guess_title(body)
    return RawArticle(
        where=where,
        format="text",
        text=body,
        title=title,
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published") or meta.get("date"),
        language=meta.get("language") or meta.get("lang"),
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` block off the text; keys outside the known set are ignored."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---"):
        return {}, text
    lines = stripped.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return meta, "\n".join(lines[number + 1 :])
        match = _KEY_VALUE.match(line.strip())
        if match is None:
            return {}, text  # not front matter after all: keep the text whole
        key, value = match.group(1).lower(), match.group(2).strip().strip("\"'")
        if key in FRONT_MATTER_KEYS and value:
            meta[key] = value
    return {}, text


def guess_title(body: str) -> str | None:
    """The first line when it stands alone as a short paragraph before more text."""
    head, sep, rest = body.strip().partition("\n")
    if not sep or not rest.startswith("\n") or not rest.strip():
        return None
    head = head.strip()
    if len(head) > MAX_TITLE_CHARS or head.endswith((".", ":", ";", ",")):
        return None
    return head or None
