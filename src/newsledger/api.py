"""The Python API. The CLI and the tests call these same functions.

>>> from newsledger import Ledger, ingest, analyze_ledger, check_file
"""

from __future__ import annotations

from typing import Any

from newsledger.errors import InputError
from newsledger.ingest import ArticleDefaults, ReadOptions, read_articles
from newsledger.ingest.items import ReadFailure
from newsledger.nlp.analyze import analyze_texts
from newsledger.records import Analysis, Article
from newsledger.store import Ledger

ARTICLE_FIELDS = (
    "id",
    "title",
    "outlet",
    "url",
    "published",
    "published_source",
    "language",
    "text",
)


def article_view(article: Article | dict[str, Any]) -> dict[str, Any]:
    data = article.to_dict() if isinstance(article, Article) else article
    return {key: data.get(key) for key in ARTICLE_FIELDS}


LAYERS = (
    "sentences",
    "mentions",
    "actors",
    "places",
    "times",
    "attributions",
    "events",
    "claims",
    "stances",
    "findings",
)


def report(
    article: Article | dict[str, Any],
    analysis: Analysis | None = None,
    **layers: list[dict[str, Any]],
) -> dict[str, Any]:
    """The one JSON shape of an analysed article, shared by ``check`` and ``show``."""
    if analysis is not None:
        layers = {
            "sentences": [
                {"index": s.index, "start": s.start, "end": s.end, "text": s.text}
                for s in analysis.sentences
            ],
            "mentions": [m.to_dict() for m in analysis.mentions],
            "actors": [m.to_dict() for m in analysis.actors],
            "places": [m.to_dict() for m in analysis.places],
            "times": [m.to_dict() for m in analysis.times],
            "attributions": [a.to_dict() for a in analysis.attributions],
            "events": [e.to_dict() for e in analysis.events],
            "claims": [c.to_dict() for c in analysis.claims],
            "stances": [s.to_dict() for s in analysis.stances],
            "findings": [f.to_dict() for f in analysis.findings],
        }
    return {"article": article_view(article), **{k: layers.get(k, []) for k in LAYERS}}


def load_one(
    path: str,
    *,
    outlet: str | None = None,
    published: str | None = None,
    item: int | None = None,
    options: ReadOptions | None = None,
) -> Article:
    """Read exactly one article from a file (or ``-``); ``item`` picks one of several (1-based)."""
    defaults = ArticleDefaults(outlet=outlet, published=published)
    found: list[Article] = []
    for entry in read_articles([path], options, defaults):
        if isinstance(entry, ReadFailure):
            if item is None or len(found) + 1 == item:
                raise InputError(entry.where, entry.reason)
            continue
        found.append(entry)
        if item is not None and len(found) == item:
            return entry
    if item is not None:
        raise InputError(path, f"holds {len(found)} article(s); there is no item {item}")
    if len(found) != 1:
        raise InputError(
            path,
            f"holds {len(found)} articles; pick one with --item N "
            "or store them all with `newsledger ingest`",
        )
    return found[0]


def check_article(article: Article) -> dict[str, Any]:
    """Analyse one article without any ledger and return what the pipeline found."""
    analysis = next(analyze_texts([(article.id, article.text, article.published)]))
    return report(article, analysis)


def check_file(path: str, **kwargs: Any) -> dict[str, Any]:
    return check_article(load_one(path, **kwargs))


def show_article(ledger: Ledger, article_id: str) -> dict[str, Any]:
    """Everything the ledger holds about one article, in the same shape as ``check``."""
    row = ledger.article(article_id)
    aid = row["id"]
    result = report(
        row,
        sentences=ledger.sentences(aid),
        mentions=[_mention(m) for m in ledger.mentions(article=aid)],
        actors=ledger.actor_mentions(aid),
        places=ledger.place_mentions(aid),
        times=ledger.times(aid),
        attributions=ledger.attributions(aid),
        events=ledger.events(aid),
        claims=ledger.claims(aid),
        stances=ledger.stances(aid),
        findings=ledger.findings(aid),
    )
    result["sightings"] = ledger.sightings(row["id"])
    return result


def _mention(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": row["text"],
        "start": row["start"],
        "end": row["end"],
        "label": row["label"],
        "sentence": row["sentence"],
    }
