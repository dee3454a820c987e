"""Checks against the other outlets of the ledger: quotes nobody else carries, and claims that
rest on unnamed sources wherever they appear.

A copy of an article (verbatim, near-verbatim or a rewrite, see ``crosscheck.copies``) is the
same voice as its original and never counts as another outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsledger.findings.facts import ArticleFacts, Row
from newsledger.findings.model import Finding, finding

_QUOTED = re.compile(r"[\"“]([^\"“”]{4,}?)[\"”]|‘([^‘’]{4,}?)’(?!\w)")
_WORDS = re.compile(r"[a-z0-9]+")
_MIN_WORDS = 4
_ANONYMOUS_TYPES = ("anonymous official", "unnamed critics or observers")


@dataclass
class Voice:
    """Another article of the ledger, as the ledger checks need it."""

    article_id: str
    outlet: str | None
    voice: str
    text: str  # normalised words, for finding quotes
    attributions: list[Row] = field(default_factory=list)


def normalise(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower().replace("’", "'")))


def outlet_findings(
    facts: ArticleFacts, voice: str, others: list[Voice], outlets: int | None = None
) -> list[Finding]:
    """Findings for one article against the articles of other voices and outlets. With
    ``outlets`` (how many other outlets the ledger has), ``others`` may be only the articles
    that can carry the article's quotes and claims (``findings.candidates``)."""
    others = [o for o in others if o.voice != voice and _other_outlet(o.outlet, facts.outlet)]
    if not (others if outlets is None else outlets):
        return []
    return [*uncorroborated_quotes(facts, others, outlets), *anonymous_everywhere(facts, others)]


def _other_outlet(one: str | None, two: str | None) -> bool:
    return not one or not two or one.casefold() != two.casefold()


def uncorroborated_quotes(
    facts: ArticleFacts, others: list[Voice], outlets: int | None = None
) -> list[Finding]:
    """Direct quotes that no other outlet in the ledger carries."""
    checked = len({o.outlet for o in others}) if outlets is None else outlets
    found = []
    seen: set[int] = set()
    for item in facts.attributions:
        if item["kind"] not in ("direct", "mixed"):
            continue
        content = item["content"]
        for match in _QUOTED.finditer(facts.text, content["start"], content["end"]):
            words = normalise(match.group(1) or match.group(2)).split()
            named = bool(item.get("source_actor_id"))
            if len(words) < (2 if named else _MIN_WORDS) or match.start() in seen:
                continue
            seen.add(match.start())
            probe = " ".join(words[:10])
            if any(probe in other.text for other in others):
                continue
            source = (item.get("source") or {}).get("text") or "an unnamed speaker"
            message = (
                f"quote attributed to {source!r} appears in no other outlet of the ledger "
                f"({checked} other outlets)"
            )
            found.append(
                finding(
                    "quote-uncorroborated",
                    "warning" if named else "info",
                    message,
                    [facts.evidence(match.start(), match.end())],
                    item.get("sentence"),
                    source=source,
                    outlets_checked=checked,
                )
            )
    return found


def anonymous_everywhere(facts: ArticleFacts, others: list[Voice]) -> list[Finding]:
    """Anonymous claims that other outlets carry too, but only on unnamed sources as well."""
    found = []
    for item in facts.attributions:
        if not _anonymous(item):
            continue
        words = _content(item)
        if len(words) < _MIN_WORDS:
            continue
        matches = [
            (other, theirs)
            for other in others
            for theirs in other.attributions
            if _similar(words, _content(theirs))
        ]
        if not matches or any(not _anonymous(theirs) for _, theirs in matches):
            continue
        outlets = sorted({o.outlet or "?" for o, _ in matches})
        content = item["content"]
        message = (
            f"carried by {len(outlets)} other outlet(s) ({', '.join(outlets)}), "
            "always on unnamed sources"
        )
        found.append(
            finding(
                "anonymous-across-outlets",
                "warning",
                message,
                [facts.evidence(content["start"], content["end"])],
                item.get("sentence"),
                articles=sorted({o.article_id for o, _ in matches}),
            )
        )
    return found


def _anonymous(item: Row) -> bool:
    return bool(item["anonymous"]) and item["source_type"] in _ANONYMOUS_TYPES


def _content(item: Row) -> set[str]:
    return {w for w in normalise(item["content"]["text"]).split() if len(w) > 3}


def _similar(one: set[str], two: set[str]) -> bool:
    if len(two) < _MIN_WORDS:
        return False
    return len(one & two) / min(len(one), len(two)) >= 0.6
