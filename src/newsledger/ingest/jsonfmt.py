"""JSON (one object, a list, or ``{"articles": [...]}``) and JSON Lines (one object per line)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsledger.errors import InputError
from newsledger.ingest.html import extract_page
from newsledger.ingest.items import RawArticle, ReadFailure

TEXT_KEYS = ("text", "body", "content")
PUBLISHED_KEYS = ("published", "date", "published_at", "datePublished")


def read_json(text: str, where: str) -> Iterator[RawArticle | ReadFailure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield ReadFailure(
            where, f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        )
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        yield object_to_article(data, where, "json")
        return
    if not isinstance(data, list):
        yield ReadFailure(where, "JSON must be an object or a list of objects")
        return
    if not data:
        yield ReadFailure(where, "empty JSON list: no articles")
    for index, item in enumerate(data):
        yield object_to_article(item, f"{where}[{index}]", "json")


def read_jsonl(
    lines: Iterable[bytes | ReadFailure], where: str, encoding: str | None
) -> Iterator[RawArticle | ReadFailure]:
    """One article per line; a bad line is a failure of its own and the next line goes on."""
    seen = 0
    for number, line in enumerate(lines, start=1):
        here = f"{where}:{number}"
        if isinstance(line, ReadFailure):
            yield ReadFailure(here, line.reason)
            continue
        if not line.strip():
            continue
        seen += 1
        try:
            data = json.loads(line.decode(encoding or "utf-8-sig"))
        except UnicodeDecodeError as error:
            yield ReadFailure(here, f"not valid {error.encoding} text")
            continue
        except json.JSONDecodeError as error:
            yield ReadFailure(here, f"invalid JSON at column {error.colno}: {error.msg}")
            continue
        yield object_to_article(data, here, "jsonl")
    if seen == 0:
        yield ReadFailure(where, "no articles (the file holds no JSON lines)")


def object_to_article(data: Any, where: str, fmt: str) -> RawArticle | ReadFailure:
    """Map one JSON object to a raw article; ``html`` may stand in for ``text``."""
    if not isinstance(data, dict):
        return ReadFailure(where, f"expected a JSON object, found {type(data).__name__}")
    text = next((data[k] for k in TEXT_KEYS if isinstance(data.get(k), str)), None)
    extracted: dict[str, Any] = {}
    if text is None and isinstance(data.get("html"), str):
        try:
            extracted = extract_page(data["html"], where)
        except InputError as error:
            return ReadFailure(where, error.reason)
        text = extracted["text"]
    if text is None:
        return ReadFailure(where, "no text: the object needs a string field 'text'")
    published = next((data[k] for k in PUBLISHED_KEYS if data.get(k)), None)
    return RawArticle(
        where=where,
        format=fmt,
        text=text,
        title=_str(data.get("title")) or extracted.get("title"),
        url=_str(data.get("url")) or extracted.get("url"),
        outlet=_str(data.get("outlet") or data.get("source")) or extracted.get("outlet"),
        published=published or extracted.get("published"),
        language=_str(data.get("language")) or extracted.get("language"),
    )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
