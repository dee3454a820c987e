"""The records newsledger stores. One dataclass each; each maps to one table."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """One article: normalised text plus the metadata read with it.

    ``id`` is the content hash of ``text``; the same text read twice is the same article.
    ``published_source`` says where the date came from: ``metadata`` (the file itself),
    ``option`` (given by the user) or ``none``.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_source: str = "none"
    language: str | None = None
    source_path: str | None = None
    format: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, as character offsets into the stored text."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention with its label and character span in the stored text."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "sentence": self.sentence,
        }


@dataclass(slots=True)
class Analysis:
    """What the NLP pass found in one article."""

    article_id: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
