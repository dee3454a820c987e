"""What readers yield: raw articles (before normalisation) or failures naming where and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as a reader found it; ``where`` names the file (and line or item) it came from."""

    where: str
    format: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: object = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input, or one item of it, that could not be read; the rest of the batch goes on."""

    where: str
    reason: str
