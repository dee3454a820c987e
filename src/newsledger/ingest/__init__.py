"""Ingestion: read inputs, normalise them into articles, store each in its own transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from newsledger.errors import InputError
from newsledger.ingest.dispatch import DEFAULT_MAX_BYTES, ReadOptions, read_paths
from newsledger.ingest.items import RawArticle, ReadFailure
from newsledger.ingest.normalize import (
    article_id,
    clean_field,
    detect_language,
    normalize_text,
    outlet_from_url,
    parse_published,
)
from newsledger.records import Article
from newsledger.store import Ledger

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ArticleDefaults",
    "IngestOutcome",
    "IngestReport",
    "ReadOptions",
    "ingest",
    "read_articles",
    "to_article",
]


@dataclass(frozen=True)
class ArticleDefaults:
    """Metadata given by the user, used where the input itself does not say."""

    outlet: str | None = None
    published: str | None = None
    language: str | None = None


def to_article(raw: RawArticle, defaults: ArticleDefaults | None = None) -> Article:
    """Normalise a raw article and fill in its metadata; raises InputError when it has no text."""
    defaults = defaults or ArticleDefaults()
    text = normalize_text(raw.text)
    if not text:
        raise InputError(raw.where, "no text after normalisation (empty article)")
    url = clean_field(raw.url)
    published = parse_published(raw.published)
    published_source = "metadata" if published else "none"
    if published is None and defaults.published:
        published, published_source = parse_published(defaults.published), "option"
    return Article(
        id=article_id(text),
        text=text,
        title=clean_field(raw.title),
        url=url,
        outlet=clean_field(raw.outlet) or defaults.outlet or outlet_from_url(url),
        published=published,
        published_source=published_source,
        language=clean_field(raw.language) or defaults.language or detect_language(text),
        source_path=raw.where,
        format=raw.format,
    )


def read_articles(
    paths: list[str], options: ReadOptions | None = None, defaults: ArticleDefaults | None = None
) -> Iterator[Article | ReadFailure]:
    """Articles ready to store, or failures, one at a time in input order."""
    for raw in read_paths(paths, options):
        if isinstance(raw, ReadFailure):
            yield raw
            continue
        try:
            yield to_article(raw, defaults)
        except InputError as error:
            yield ReadFailure(error.source, error.reason)


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input item: stored, copy (same text, new outlet/url), exists, failed."""

    status: str
    where: str
    article_id: str | None = None
    title: str | None = None
    outlet: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "status": self.status,
            "where": self.where,
            "article_id": self.article_id,
            "title": self.title,
            "outlet": self.outlet,
            "reason": self.reason,
        }


@dataclass
class IngestReport:
    """Counts per status, and every failure with its reason."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[IngestOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, object]:
        return {"counts": dict(self.counts), "failures": [f.to_dict() for f in self.failures]}


def ingest(
    ledger: Ledger,
    paths: list[str],
    options: ReadOptions | None = None,
    defaults: ArticleDefaults | None = None,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
) -> IngestReport:
    """Read and store; each article in its own transaction, failures reported and skipped."""
    report = IngestReport()
    for item in read_articles(paths, options, defaults):
        if isinstance(item, ReadFailure):
            outcome = IngestOutcome("failed", item.where, reason=item.reason)
        else:
            status = ledger.add_article(item)
            outcome = IngestOutcome(
                status, item.source_path or "", item.id, item.title, item.outlet
            )
        report.counts[outcome.status] += 1
        if outcome.status == "failed":
            report.failures.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return report
