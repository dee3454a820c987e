"""The attribution records: who said what, through which words, according to whom."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("direct", "mixed", "reported")
SOURCE_TYPES = (
    "named official",
    "anonymous official",
    "outlet",
    "document or report",
    "social-media post",
    "poll",
    "unnamed critics or observers",
    "named person",
    "organisation",
    "unknown",
)


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Words of the article by character offsets into ``doc.text``.

    ``parts`` lists the pieces of a discontinuous span (a quote split by "he said"); it is empty
    when the span is one piece. ``text`` is then the pieces joined by a space.
    """

    text: str
    start: int
    end: int
    parts: tuple[tuple[int, int], ...] = ()

    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The (start, end) pieces of the span, one piece when it is contiguous."""
        return self.parts or ((self.start, self.end),)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping; ``parts`` only when the span is discontinuous."""
        data: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.parts:
            data["parts"] = [list(part) for part in self.parts]
        return data


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One link of a chain of attribution: a relay (an outlet citing) or the source itself.

    ``count`` is how many unnamed people a group source stands for ("two officials" -> 2,
    "a Kremlin source" -> 1); None for named and organisational sources and for plurals
    without a number.
    """

    text: str
    start: int
    end: int
    actor_id: str | None
    type: str
    anonymous: bool
    count: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "actor_id": self.actor_id,
            "type": self.type,
            "anonymous": self.anonymous,
            "count": self.count,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    """Content attributed to a source through a cue, with the chain that relays it.

    ``source`` is the innermost source, the one whose words or thoughts the content gives ("a
    senior official" in "a senior official told the FT"); ``chain`` runs from the outermost
    relay to that source ([FT, official]) and is empty when the source is implicit ("it was
    reported that ..."). ``source_actor_id`` is the knowledge-base actor of the source, after
    pronouns and descriptions ("he", "the ministry") are resolved to their antecedent.
    ``kind`` is ``direct`` (the content is all inside quote marks), ``mixed`` (partly quoted)
    or ``reported`` (no quote marks). ``sentence`` is the index of the cue's sentence.
    ``anonymous`` is true when no one is named as the source: anonymous officials, unnamed
    critics, or an implicit source. ``certainty`` is the level ``newsledger.attribution.
    certainty`` gives the content ("certain", "probable", "possible", "doubtful", "denied"),
    None where that module is absent or was not asked for.
    """

    source: TextSpan | None
    cue: TextSpan
    content: TextSpan
    kind: str
    source_actor_id: str | None
    source_type: str
    anonymous: bool
    count: int | None
    chain: tuple[SourceLink, ...]
    sentence: int
    certainty: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping, the chain as a list."""
        return {
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "kind": self.kind,
            "source_actor_id": self.source_actor_id,
            "source_type": self.source_type,
            "anonymous": self.anonymous,
            "count": self.count,
            "chain": [link.to_dict() for link in self.chain],
            "sentence": self.sentence,
            "certainty": self.certainty,
        }
