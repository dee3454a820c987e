"""HTML pages (main text and metadata through trafilatura) and HTML fragments (feed content)."""

from __future__ import annotations

import logging
import warnings
from typing import Any

import lxml.html
import trafilatura

from newsledger.errors import InputError
from newsledger.ingest.normalize import blocks_to_paragraphs

_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "td",
    "th",
    "div",
    "section",
    "article",
    "br",
}


def extract_page(html: str, where: str) -> dict[str, Any]:
    """Main text and metadata of a full HTML page: text, title, url, outlet, published, language."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        logging.getLogger("htmldate").setLevel(logging.CRITICAL)
        try:
            document = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=False
            )
        except (ValueError, TypeError) as error:  # lxml refuses some inputs outright
            raise InputError(where, f"broken HTML ({error})") from error
    if document is None:
        raise InputError(where, "no article text found in the HTML")
    fields = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = blocks_to_paragraphs(fields.get("text") or "")
    head = _page_head(html)
    if not text.strip():
        raise InputError(where, "no article text found in the HTML")
    return {
        "text": text,
        "title": fields.get("title"),
        "url": fields.get("url"),
        "outlet": fields.get("sitename"),
        "published": head.get("published") or fields.get("date"),
        "language": head.get("language"),
    }


_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date.issued",
    "dc.date",
)


def _page_head(html: str) -> dict[str, str]:
    """The page language and the full publication timestamp, which extractors cut to a day."""
    found: dict[str, str] = {}
    try:
        root = lxml.html.document_fromstring(html[:200_000])
    except (ValueError, lxml.etree.ParserError):
        return found
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        found["language"] = lang.split("-")[0].lower()
    metas = {
        (m.get("property") or m.get("name") or m.get("itemprop") or "").lower(): m.get("content")
        for m in root.iter("meta")
    }
    for key in _PUBLISHED_META:
        value = metas.get(key.lower())
        if value and "T" in value:
            found["published"] = value
            break
    return found


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    parts: list[str] = []
    _collect(root, parts)
    return "\n\n".join(p for p in (" ".join(x.split()) for x in "".join(parts).split("\n")) if p)


def _collect(element: Any, parts: list[str]) -> None:
    block = isinstance(element.tag, str) and element.tag.lower() in _BLOCKS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")
