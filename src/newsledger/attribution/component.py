"""The spaCy component ``newsledger_attributions``: attributions on ``doc._``.

    nlp.add_pipe("newsledger_attributions")  # after the parser (and the NER, for sources)
    doc._.newsledger_attributions  # list[Attribution]

Sources are resolved against the actor mentions another component left on
``doc._.newsledger_actors``, else against the actor linker's mentions (with titles read as of
``doc.user_data["published"]``, a ``datetime.date``, when it is set).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.attribution.extract import extract_attributions
from newsledger.records import ActorMention

ATTRIBUTIONS = "newsledger_attributions"
ACTORS = "newsledger_actors"

if not Doc.has_extension(ATTRIBUTIONS):
    Doc.set_extension(ATTRIBUTIONS, default=None)


class AttributionComponent:
    """Writes ``doc._.newsledger_attributions``."""

    def __init__(self, rate_certainty: bool) -> None:
        self.rate_certainty = rate_certainty

    def __call__(self, doc: Doc) -> Doc:
        actors = _actors(doc)
        doc._.set(
            ATTRIBUTIONS, extract_attributions(doc, actors, rate_certainty=self.rate_certainty)
        )
        return doc


@Language.factory(ATTRIBUTIONS, default_config={"rate_certainty": True})
def make_attributions(nlp: Language, name: str, rate_certainty: bool) -> AttributionComponent:
    """Factory of ``newsledger_attributions`` (``rate_certainty``: grade each content with
    ``newsledger.attribution.certainty`` where it is installed)."""
    return AttributionComponent(rate_certainty)


def _actors(doc: Doc) -> list[ActorMention]:
    if Doc.has_extension(ACTORS):
        found: Any = doc._.get(ACTORS)
        if found is not None:
            return list(found)
    from newsledger.resolve.actors import link_actors

    published = doc.user_data.get("published")
    return link_actors(doc, published if isinstance(published, date) else None)
