"""The stance record: where a party stands on an option of a negotiation issue, and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("demands", "proposes", "accepts", "accepts-if", "rejects", "denies")
"""Position kinds. ``denies``: the party denies having proposed or pushed for the option."""


@dataclass(frozen=True, slots=True)
class Condition:
    """What an ``accepts-if`` position depends on: the words, and the option they name if any."""

    text: str
    start: int
    end: int
    issue: str | None = None
    option: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "issue": self.issue,
            "option": self.option,
        }


@dataclass(frozen=True, slots=True)
class Stance:
    """A party's position on an option, as one sentence of one article gives it.

    ``party_id`` is the negotiating party (``country.RUS``, ``org.eu``...) that the speaker or
    the grammatical subject belongs to; ``speaker`` the words of the person or body quoted, with
    ``speaker_id``. ``chain`` is the attribution chain (outermost relay first) as
    ``SourceLink.to_dict`` gives it; ``reported_by`` the outermost relay that is not the party
    (an outlet, anonymous officials, another government) and ``own_statement`` true only when a
    named speaker of the party itself gives the position. ``date`` is the day the sentence dates
    the position to, else the publication date. ``evidence`` is the option's words, ``cue`` the
    words that carry the position ("rejected", "only if", "must").
    """

    article_id: str
    party_id: str
    party: str
    issue: str
    option: str
    kind: str
    evidence_start: int
    evidence_end: int
    evidence: str
    sentence: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    condition: Condition | None = None
    date: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    certainty: str | None = None
    chain: tuple[dict[str, Any], ...] = ()
    reported_by: str | None = None
    own_statement: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (the same shape the store gives back)."""
        return {
            "party_id": self.party_id,
            "party": self.party,
            "issue": self.issue,
            "option": self.option,
            "kind": self.kind,
            "condition": self.condition.to_dict() if self.condition else None,
            "date": self.date,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "certainty": self.certainty,
            "chain": [dict(link) for link in self.chain],
            "reported_by": self.reported_by,
            "own_statement": self.own_statement,
            "cue": (
                {"text": self.cue, "start": self.cue_start, "end": self.cue_end}
                if self.cue is not None
                else None
            ),
            "evidence": {
                "text": self.evidence,
                "start": self.evidence_start,
                "end": self.evidence_end,
            },
            "sentence": self.sentence,
        }
