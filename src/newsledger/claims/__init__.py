"""Claims: the checkable statements of an article, with claimant, certainty and values.

``extract_claims(doc, analysis)`` reads a parsed Doc and the analysis layers already found for
it (actors, places, times, attributions, events) and returns ``Claim`` records; the spaCy
component ``newsledger_claims`` (registered on import of ``newsledger.claims.component`` and
through the ``spacy_factories`` entry point) writes them to ``doc._.newsledger_claims``.
"""

from newsledger.claims.extract import extract_claims
from newsledger.claims.model import Claim, ClaimValue

__all__ = ["Claim", "ClaimValue", "extract_claims"]
