"""Attribution: who said what, according to whom, in an article.

``extract_attributions(doc, actors)`` reads a parsed Doc and its actor mentions and returns
``Attribution`` records; the spaCy component ``newsledger_attributions`` (registered on import
and through the ``spacy_factories`` entry point) writes them to ``doc._.newsledger_attributions``.
"""

from newsledger.attribution.component import ATTRIBUTIONS, make_attributions
from newsledger.attribution.extract import extract_attributions
from newsledger.attribution.model import Attribution, SourceLink, TextSpan

__all__ = [
    "ATTRIBUTIONS",
    "Attribution",
    "SourceLink",
    "TextSpan",
    "extract_attributions",
    "make_attributions",
]
