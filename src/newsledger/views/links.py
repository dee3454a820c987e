"""Where an item's link leads: a page of the web app, or an anchor inside the report file."""

from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import quote


class Links(Protocol):
    def article(self, article_id: str) -> str: ...

    def sentence(self, article_id: str, index: int | None) -> str: ...

    def anchor(self, article_id: str, index: int) -> str: ...


class WebLinks:
    """Links between the pages of ``newsledger serve``."""

    def article(self, article_id: str) -> str:
        return f"/articles/{quote(article_id)}"

    def sentence(self, article_id: str, index: int | None) -> str:
        base = self.article(article_id)
        return base if index is None else f"{base}#{self.anchor(article_id, index)}"

    def anchor(self, article_id: str, index: int) -> str:
        return f"s{int(index)}"


class ReportLinks:
    """Anchors inside the one report file: an article section, a sentence of it."""

    def article(self, article_id: str) -> str:
        return f"#article-{quote(article_id)}"

    def sentence(self, article_id: str, index: int | None) -> str:
        if index is None:
            return self.article(article_id)
        return f"#{self.anchor(article_id, index)}"

    def anchor(self, article_id: str, index: int) -> str:
        return f"s-{quote(article_id)}-{int(index)}"


def row_link(links: Links, row: dict[str, Any]) -> str | None:
    """The sentence (or at least the article) a listing row rests on."""
    article_id = row.get("article_id")
    if not isinstance(article_id, str) or not article_id:
        return None
    sentence = row.get("sentence")
    return links.sentence(article_id, sentence if isinstance(sentence, int) else None)
