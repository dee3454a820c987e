"""Disagreements inside a cluster of reports of one claim, each with both sides' evidence.

Four kinds: different values in one slot (a duration, a percentage, a date, a count, money,
a role: the contradiction's ``kind`` is the slot's kind), the same words quoted from
different speakers (``speaker``), and the claim affirmed in one report and denied in another
(``polarity``). Reports that agree form one side; each side lists every report on it and how
many independent voices it has. No side is called right: that takes evidence the ledger
does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsledger.crosscheck.claim_values import (
    agree,
    different_happenings,
    display,
    precise,
    slots,
)
from newsledger.crosscheck.reports import Report

Similar = Callable[[Report, Report], float]

QUOTE_OVERLAP = 0.75
"""Word overlap (Jaccard) from which two quotes count as the same words."""

CONFLICT_SIMILARITY = 0.75
"""How alike two reports' texts must be for a differing value between them to count."""
LEAD_WORDS = 3
"""Words before a claim in its sentence that can negate it ("did not agree" + "on a plan")."""
SUBJECT_OVERLAP = 0.4
"""Content-word overlap from which an affirmed and a denied report are about the same thing."""

_WORD = re.compile(r"\w+")
_SPEECH = re.compile(r"\b(?:said|says|told|stated|added|announced|wrote|posted|declared)\b")
_NEGATION = {"not", "no", "never", "without", "neither", "nor", "none", "nothing", "nobody"}
_FUNCTION = {"the", "a", "an", "of", "on", "in", "at", "to", "for", "and", "or", "was", "were",
             "is", "are", "be", "been", "has", "have", "had", "did", "do", "does", "that",
             "this", "it", "its", "by", "with", "from", "as", "said", "says"}  # fmt: skip


@dataclass
class Side:
    """Reports that agree with each other; the first is the earliest."""

    reports: list[Report] = field(default_factory=list)
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        first = self.reports[0]
        return {
            **first.side(),
            "value": self.value,
            "voices": len({r.voice for r in self.reports}),
            "reports": [
                {"article_id": r.article_id, "outlet": r.outlet, "start": r.start, "end": r.end}
                for r in self.reports
            ],
        }


@dataclass
class Contradiction:
    kind: str
    a: Side
    b: Side

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "detail": f"{self.a.value} against {self.b.value}",
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
        }


def find(reports: Sequence[Report], similar: Similar | None = None) -> list[Contradiction]:
    """Every disagreement among the reports of one cluster, earliest reports first.

    With ``similar`` (the cosine similarity of two reports' texts), two sides that differ in a
    value must also hold a pair of reports that say nearly the same thing otherwise
    (``CONFLICT_SIMILARITY``): in a cluster of loosely related reports, the date a minister
    spoke and the date of a meeting are not a disagreement.
    """
    ordered = sorted(reports, key=Report.sort_key)
    found: list[Contradiction] = []
    for key in sorted({k for r in ordered for k in slots(r.claim.get("values") or ())}, key=str):
        for conflict in _value_conflicts(ordered, key):
            if (similar is None or _close(conflict, similar)) and not _apart(conflict):
                found.append(conflict)
    found += _split(ordered, "polarity", _polarity, _same_subject)
    quoted = [r for r in ordered if _speaker(r)]
    for conflict in _split(quoted, "speaker", _speaker, _same_words):
        for side in (conflict.a, conflict.b):
            side.value = side.reports[0].claimant or side.value
        found.append(conflict)
    return found


def _apart(conflict: Contradiction) -> bool:
    """Sides holding reports of two different happenings (another date, another count)."""
    return any(
        different_happenings(a.claim.get("values") or (), b.claim.get("values") or ())
        for a in conflict.a.reports
        for b in conflict.b.reports
    )


def _close(conflict: Contradiction, similar: Similar) -> bool:
    return any(
        similar(a, b) >= CONFLICT_SIMILARITY for a in conflict.a.reports for b in conflict.b.reports
    )


def _value_conflicts(reports: Sequence[Report], key: tuple[str, str | None]) -> list[Contradiction]:
    groups: list[tuple[list[dict[str, Any]], Side]] = []
    for report in reports:
        values = slots(report.claim.get("values") or ()).get(key)
        if key[0] == "date":  # "2022" against "24 January" is no disagreement worth a line
            values = [v for v in values or () if precise(v) and not _speech_date(report, v)]
        if not values:
            continue
        for held, side in groups:
            if any(agree(x, y) for x in held for y in values):
                side.reports.append(report)
                break
        else:
            groups.append(([dict(v) for v in values], Side([report], display(values[0]))))
    return [
        Contradiction(key[0], a, b)
        for n, (held_a, a) in enumerate(groups)
        for held_b, b in groups[n + 1 :]
        if all(agree(x, y) is False for x in held_a for y in held_b)
    ]


def _speech_date(report: Report, value: Mapping[str, Any]) -> bool:
    """The date someone spoke ("Peskov said on Thursday"), not a date the claim is about."""
    offset = int(value.get("start") or 0) - report.start
    before = report.text[: max(offset, 0)].lower()
    return bool(_SPEECH.search(" ".join(_WORD.findall(before)[-3:])))


def _polarity(report: Report) -> str:
    """Denied when the claim layer says its predicate is negated or its words negate it."""
    lead = _WORD.findall(report.lead.lower().replace("n't", " not"))[-LEAD_WORDS:]
    words = set(_WORD.findall(report.text.lower().replace("n't", " not")))
    negated = report.claim.get("negated") or _NEGATION & (words | set(lead))
    return "denied" if negated else "affirmed"


def _stems(text: str) -> set[str]:
    words = _WORD.findall(text.lower().replace("n't", " not"))
    return {w[:5] for w in words if w not in _NEGATION and w not in _FUNCTION}


def _same_subject(a: Report, b: Report) -> bool:
    """Most content words shared once negations are set aside ("hit" / "was not hit")."""
    mine, theirs = _stems(a.text), _stems(b.text)
    return bool(mine and theirs) and len(mine & theirs) / len(mine | theirs) >= SUBJECT_OVERLAP


def _speaker(report: Report) -> str:
    """Who a quote is given to: the actor id, else the surname as written; '' for none."""
    if report.claim.get("claimant_type") in (None, "article"):
        return ""
    actor = report.claim.get("claimant_actor_id")
    if actor:
        return str(actor)
    words = _WORD.findall(report.claimant or "")
    return words[-1].lower() if words and words[0][:1].isupper() else ""


def _same_words(a: Report, b: Report) -> bool:
    mine, theirs = set(_WORD.findall(a.text.lower())), set(_WORD.findall(b.text.lower()))
    return bool(mine) and len(mine & theirs) / len(mine | theirs) >= QUOTE_OVERLAP


def _split(
    reports: Sequence[Report],
    kind: str,
    label: Callable[[Report], str],
    related: Callable[[Report, Report], bool],
) -> list[Contradiction]:
    """Reports grouped by ``label``; groups whose reports are ``related`` across disagree."""
    sides: dict[str, Side] = {}
    for report in reports:
        sides.setdefault(label(report), Side(value=label(report))).reports.append(report)
    keys = list(sides)
    return [
        Contradiction(kind, sides[x], sides[y])
        for n, x in enumerate(keys)
        for y in keys[n + 1 :]
        if any(related(a, b) for a in sides[x].reports for b in sides[y].reports)
    ]
