"""What the checks read about one article, as plain mappings.

The same shape comes from a fresh analysis (``Analysis`` records turned into dicts) and from the
ledger (the rows ``Ledger`` returns), so every check works on both.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsledger.findings.model import Evidence
from newsledger.records import Analysis

Row = dict[str, Any]


@dataclass
class ArticleFacts:
    """One article's text and layers, with helpers to cite its words."""

    article_id: str
    text: str
    day: date | None
    sentences: list[Row] = field(default_factory=list)
    actors: list[Row] = field(default_factory=list)
    places: list[Row] = field(default_factory=list)
    times: list[Row] = field(default_factory=list)
    attributions: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    outlet: str | None = None

    def sentence_of(self, offset: int) -> int | None:
        starts = [s["start"] for s in self.sentences]
        if not starts:
            return None
        return int(self.sentences[max(bisect_right(starts, offset) - 1, 0)]["index"])

    def sentence_span(self, index: int | None) -> tuple[int, int]:
        for sentence in self.sentences:
            if sentence["index"] == index:
                return int(sentence["start"]), int(sentence["end"])
        return 0, len(self.text)

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(self.article_id, start, end, self.text[start:end])


def facts_from_analysis(analysis: Analysis, text: str, day: date | None) -> ArticleFacts:
    """The facts of a fresh analysis."""
    return ArticleFacts(
        analysis.article_id,
        text,
        day,
        [{"index": s.index, "start": s.start, "end": s.end} for s in analysis.sentences],
        [m.to_dict() for m in analysis.actors],
        [p.to_dict() for p in analysis.places],
        [t.to_dict() for t in analysis.times],
        [a.to_dict() for a in analysis.attributions],
        [c.to_dict() for c in analysis.claims],
    )


def facts_from_report(report: Row) -> ArticleFacts:
    """The facts of an article in the JSON shape of ``check`` and ``show``."""
    article = report["article"]
    published = article.get("published")
    try:
        day = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        day = None
    return ArticleFacts(
        article["id"],
        article["text"],
        day,
        list(report.get("sentences", [])),
        list(report.get("actors", [])),
        list(report.get("places", [])),
        list(report.get("times", [])),
        list(report.get("attributions", [])),
        list(report.get("claims", [])),
        article.get("outlet"),
    )
