"""Findings: what in an article does not hold up, checked against the article itself, the
knowledge base and the other outlets of the ledger."""

from __future__ import annotations

from datetime import date

from newsledger.findings.facts import ArticleFacts, facts_from_analysis, facts_from_report
from newsledger.findings.knowledge import knowledge_findings
from newsledger.findings.model import BASES, KINDS, SEVERITIES, Evidence, Finding
from newsledger.findings.within import within_findings
from newsledger.records import Analysis

__all__ = [
    "BASES",
    "KINDS",
    "SEVERITIES",
    "ArticleFacts",
    "Evidence",
    "Finding",
    "article_findings",
    "facts_findings",
    "facts_from_report",
]


def facts_findings(facts: ArticleFacts) -> list[Finding]:
    """The article and knowledge-base findings of one article, in text order."""
    found = [*within_findings(facts), *knowledge_findings(facts)]
    return sorted(found, key=lambda f: (f.start, f.kind))


def article_findings(analysis: Analysis, text: str, day: date | None) -> list[Finding]:
    """The findings of a fresh analysis (what ``analyze`` and ``check`` store and print)."""
    return facts_findings(facts_from_analysis(analysis, text, day))
