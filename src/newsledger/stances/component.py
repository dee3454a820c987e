"""The spaCy component ``newsledger_stances``: negotiation stances on ``doc._``.

    nlp.add_pipe("newsledger_stances")  # after the parser and the NER
    doc._.newsledger_stances  # list[Stance]

It reads the actors, attributions and events other components left on ``doc._``
(``newsledger_actors``, ``newsledger_attributions``, ``newsledger_events``) and makes what is
missing itself: actors with the linker (titles as of ``doc.user_data["published"]``, a
``datetime.date``, when set), attributions with the attribution extractor, events with the coder.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.records import Analysis
from newsledger.stances.extract import extract_stances

STANCES = "newsledger_stances"

if not Doc.has_extension(STANCES):
    Doc.set_extension(STANCES, default=None)


class StanceComponent:
    """Writes ``doc._.newsledger_stances``."""

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get("published")
        day = published if isinstance(published, date) else None
        doc._.set(STANCES, extract_stances(doc, _analysis(doc, day), day))
        return doc


@Language.factory(STANCES)
def make_stances(nlp: Language, name: str) -> StanceComponent:
    """Factory of ``newsledger_stances``."""
    return StanceComponent()


def _analysis(doc: Doc, day: date | None) -> Analysis:
    from newsledger.attribution import extract_attributions
    from newsledger.events import code_events
    from newsledger.resolve.actors import link_actors

    analysis = Analysis(str(doc.user_data.get("article_id", "")))
    analysis.actors = _given(doc, "newsledger_actors") or link_actors(doc, day)
    analysis.attributions = _given(doc, "newsledger_attributions") or extract_attributions(
        doc, analysis.actors
    )
    analysis.events = _given(doc, "newsledger_events") or code_events(doc, analysis.actors, day)
    return analysis


def _given(doc: Doc, name: str) -> list[Any] | None:
    if Doc.has_extension(name):
        found = doc._.get(name)
        if found is not None:
            return list(found)
    return None
