"""The finding record: something in an article that does not hold up, and what shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
BASES = ("article", "knowledge", "outlets")
KINDS = {
    "title-conflict": "article",
    "ordinal-conflict": "article",
    "spelling-variants": "article",
    "anonymous-source": "article",
    "unsourced-allegation": "article",
    "title-wrong": "knowledge",
    "title-date": "knowledge",
    "ordinal-date": "knowledge",
    "event-date": "knowledge",
    "event-place": "knowledge",
    "quote-uncorroborated": "outlets",
    "anonymous-across-outlets": "outlets",
}
"""Every finding kind and the kind of evidence it rests on."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words of an article that a finding rests on."""

    article_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: ``kind`` (see KINDS), ``severity`` (info, warning, error), a readable
    ``message``, the ``basis`` it rests on (the article itself, the knowledge base, other
    outlets), the ``evidence`` spans, the ``sentence`` of the first span, and ``details`` such
    as the knowledge-base entry or the other articles consulted."""

    kind: str
    severity: str
    message: str
    basis: str
    evidence: tuple[Evidence, ...]
    sentence: int | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.evidence[0].start if self.evidence else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "basis": self.basis,
            "message": self.message,
            "sentence": self.sentence,
            "evidence": [e.to_dict() for e in self.evidence],
            "details": dict(self.details),
        }


def finding(
    kind: str,
    severity: str,
    message: str,
    evidence: list[Evidence],
    sentence: int | None = None,
    **details: Any,
) -> Finding:
    """A finding of a known kind; the basis follows from the kind."""
    return Finding(kind, severity, message, KINDS[kind], tuple(evidence), sentence, details)
