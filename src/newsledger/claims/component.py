"""The spaCy component ``newsledger_claims``: claims on ``doc._``.

    nlp.add_pipe("newsledger_claims")  # after the parser and the NER
    doc._.newsledger_claims  # list[Claim]

The component reads the layers other components left on the Doc (``doc._.newsledger_actors``,
``doc._.newsledger_attributions``) and finds the rest itself: actors, places, times,
attributions and events, with relative times anchored on ``doc.user_data["published"]`` (a
``datetime.date``) when it is set.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.claims.extract import extract_claims
from newsledger.records import Analysis

CLAIMS = "newsledger_claims"
ACTORS = "newsledger_actors"
ATTRIBUTIONS = "newsledger_attributions"

if not Doc.has_extension(CLAIMS):
    Doc.set_extension(CLAIMS, default=None)


def _layer(doc: Doc, name: str) -> list[Any] | None:
    if Doc.has_extension(name):
        found: Any = doc._.get(name)
        if found is not None:
            return list(found)
    return None


def analysis_of(doc: Doc) -> Analysis:
    """The layers claims rest on, taken from the Doc where present, else found now."""
    from newsledger.attribution.extract import extract_attributions
    from newsledger.events import code_events
    from newsledger.resolve.actors import link_actors
    from newsledger.resolve.places import resolve_places
    from newsledger.resolve.times import resolve_times

    published = doc.user_data.get("published")
    day = published if isinstance(published, date) else None
    analysis = Analysis(article_id="")
    times = resolve_times(doc, day)
    analysis.times = [t for t in times if t.granularity != "unknown"]
    analysis.places = resolve_places(doc)
    analysis.actors = _layer(doc, ACTORS) or link_actors(doc, day)
    found = _layer(doc, ATTRIBUTIONS)
    analysis.attributions = (
        found if found is not None else extract_attributions(doc, analysis.actors)
    )
    analysis.events = code_events(doc, analysis.actors, day, times)
    return analysis


class ClaimsComponent:
    """Writes ``doc._.newsledger_claims``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(CLAIMS, extract_claims(doc, analysis_of(doc)) if len(doc) else [])
        return doc


@Language.factory(CLAIMS)
def make_claims(nlp: Language, name: str) -> ClaimsComponent:
    """Factory of ``newsledger_claims``."""
    return ClaimsComponent()
