"""The records newsledger stores. One dataclass each; each maps to one table."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the layers' own records live with their stages
    from newsledger.attribution.model import Attribution
    from newsledger.events.model import Event


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


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A DATE or TIME expression normalised against the publication date.

    ``value`` is ISO 8601: a day ``2026-01-22``, a week ``2026-W04``, a month ``2026-01``, a
    quarter ``2026-Q1``, a half-year ``2026-H1``, a year ``2026``, an interval
    ``2026-01-23/2026-01-24``, a duration ``P3D``; None when it cannot be resolved (for example a
    relative expression in an article whose publication date is unknown).
    """

    start: int
    end: int
    text: str
    value: str | None
    granularity: str
    kind: str = "point"  # point | interval | duration | unresolved
    relative: bool = False  # the value depends on the publication date
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place mention resolved to a gazetteer entry, with the alternatives considered."""

    start: int
    end: int
    text: str
    place_id: str | None
    name: str | None = None
    kind: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    confidence: float = 0.0
    alternatives: tuple[dict[str, Any], ...] = ()
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["alternatives"] = list(self.alternatives)
        return data


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention of a person, organisation, government or country, linked where possible.

    ``actor_id`` is None for actors the knowledge base does not know; they keep their text.
    ``role`` is the office the actor held on the article's date, when one is known.
    """

    start: int
    end: int
    text: str
    actor_id: str | None
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    method: str = "unresolved"  # alias | surname | title | demonym | metonym | unresolved
    confidence: float = 0.0
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Analysis:
    """What the NLP pass found in one article."""

    article_id: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Any] = field(default_factory=list)
    stances: list[Any] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)
