"""A claim as one report of it: the claim dict with its article, outlet, date and voice."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Report:
    """One claim of one article. ``voice`` is who it counts as when reports are counted.

    Copies of an article speak with their original's voice; an article relaying another
    outlet's report ("Reuters reported...") speaks with that outlet's voice.
    """

    article_id: str
    claim: Mapping[str, Any]
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    voice: str = ""
    index: int = 0  # the claim's position among its article's claims
    sentence: str = ""  # the sentence the claim is in
    lead: str = ""  # the words of that sentence before the claim ("did not agree" + claim)

    @property
    def start(self) -> int:
        return int(self.claim["start"])

    @property
    def end(self) -> int:
        return int(self.claim["end"])

    @property
    def text(self) -> str:
        return str(self.claim["text"])

    @property
    def claimant(self) -> str | None:
        """Who the claim is attributed to, as written; None for the article's own voice."""
        span = self.claim.get("claimant")
        return str(span["text"]) if isinstance(span, Mapping) and span.get("text") else None

    def sort_key(self) -> tuple[str, str, int]:
        """Earliest publication first; undated reports last."""
        return (self.published or "9999", self.article_id, self.start)

    def side(self) -> dict[str, Any]:
        """The report as evidence: where it is, what it says, who says it."""
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "claimant": self.claimant,
            "sentence": self.sentence or self.text,
        }


def relay_link(chain: object) -> Mapping[str, Any] | None:
    """The first outlet in a claim's chain of attribution ("according to Reuters"), if any."""
    if not isinstance(chain, list):
        return None
    for link in chain:
        if isinstance(link, Mapping) and link.get("type") == "outlet" and link.get("text"):
            return link
    return None


def relay_voice(chain: object) -> str | None:
    """The voice of a claim relayed from another outlet: that outlet's."""
    link = relay_link(chain)
    if link is None:
        return None
    return "relay:" + str(link.get("actor_id") or " ".join(str(link["text"]).lower().split()))
