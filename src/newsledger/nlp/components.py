"""spaCy components newsledger adds to the model: usable in anyone's pipeline.

``newsledger_paragraphs`` (before the parser): a blank line always starts a new sentence, so a
headline without a full stop does not run into the first paragraph.
``newsledger_entity_cleanup`` (after the NER): entity spans never cross a line break and never
start or end on whitespace; a piece left without a proper noun or number is dropped.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

PARAGRAPHS = "newsledger_paragraphs"
ENTITY_CLEANUP = "newsledger_entity_cleanup"


@Language.component(PARAGRAPHS)
def mark_paragraphs(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component(ENTITY_CLEANUP)
def clean_entities(doc: Doc) -> Doc:
    cleaned: list[Span] = []
    for entity in doc.ents:
        cleaned.extend(_pieces(doc, entity))
    doc.set_ents(cleaned, default="outside")
    return doc


def _pieces(doc: Doc, entity: Span) -> list[Span]:
    if not any(t.is_space for t in entity):
        return [entity]
    pieces: list[Span] = []
    start = entity.start
    for token in [*entity, None]:
        if token is None or (token.is_space and "\n" in token.text):
            end = token.i if token is not None else entity.end
            piece = _trim(doc, start, end, entity.label_)
            if piece is not None and (len(pieces) == 0 or _is_named(piece)):
                pieces.append(piece)
            start = end + 1
    return [p for p in pieces if _is_named(p) or len(pieces) == 1]


def _trim(doc: Doc, start: int, end: int, label: str) -> Span | None:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return Span(doc, start, end, label=label) if end > start else None


def _is_named(span: Span) -> bool:
    return any(t.pos_ in ("PROPN", "NUM") or t.like_num for t in span)


def add_components(nlp: Any) -> Any:
    """Put the newsledger components into a loaded English pipeline (idempotent)."""
    if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if ENTITY_CLEANUP not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe(ENTITY_CLEANUP, after="ner")
    return nlp
