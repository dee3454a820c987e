"""Where drafts meet: one attribution per cue, sources and cues out of contents, relays merged.

The rules find drafts independently; misparses make them overlap in ways no reading of the
sentence allows ("said" hung under the clause it attributes). These passes settle that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from newsledger.attribution.draft import Draft, clean, cut, holds, inside, token_chars
from newsledger.attribution.lexicon import Lexicon

# Tags left in a text by its source: "<tweet pic=... author=...>".
MARKUP = re.compile(r"<[^<>\n]{1,300}>")


def outside_markup(doc: Doc, text: str, drafts: list[Draft]) -> list[Draft]:
    """Drafts whose cue is not inside markup left in the text (``<tweet author="...">``)."""
    spans = [m.span() for m in MARKUP.finditer(text)]
    if not spans:
        return drafts
    return [d for d in drafts if not inside(doc[d.cue_token].idx, spans)]


def one_per_cue(drafts: Iterable[Draft]) -> list[Draft]:
    """One draft per cue word, the first rule's, in text order."""
    kept: dict[int, Draft] = {}
    for draft in drafts:
        kept.setdefault(draft.cue_token, draft)
    return sorted(kept.values(), key=lambda d: d.cue_token)


def content_apart(doc: Doc, text: str, draft: Draft) -> None:
    """The content holds neither the source nor the cue: a misparse may hang the subject of
    "said" under a clause of its content."""
    holes = [token_chars(doc, (t, t + 1)) for t in draft.cue]
    if draft.source is not None:
        holes.append(token_chars(doc, draft.source))
    pieces = draft.content
    for hole in holes:
        pieces = cut(pieces, hole)
    draft.content = clean(text, pieces)


def untangle(doc: Doc, text: str, drafts: list[Draft]) -> None:
    """ "Voters did not recognize X, journalist Raddatz said": the parser may hang "said"
    under the clause it attributes, so each draft's content holds the other's cue. The words
    from the later source to the end of its clause leave the inner draft's content."""
    for inner in drafts:
        for outer in drafts:
            if not (holds(doc, inner, outer) and holds(doc, outer, inner)):
                continue
            cue = doc[outer.cue_token]
            if outer.content and outer.content_end() <= cue.idx:
                first = doc[outer.source[0]].idx if outer.source else cue.idx
                last = cue.right_edge
                hole = (min(first, cue.idx), last.idx + len(last))
                inner.content = clean(text, cut(inner.content, hole))


def merge_relays(
    doc: Doc, text: str, according: list[Draft], verbs: list[Draft], lex: Lexicon
) -> list[Draft]:
    """The "according to" drafts that are attributions of their own.

    "Putin said the war would end, according to TASS": TASS relays Putin's words, so the
    verb's draft takes TASS as its relay and the phrase leaves its content. A poll or report
    after "according to" is the source itself ("according to a poll, 59 percent ...").
    """
    return [a for a in according if not _relays_a_verb(doc, text, a, verbs, lex)]


def _relays_a_verb(doc: Doc, text: str, according: Draft, verbs: list[Draft], lex: Lexicon) -> bool:
    if according.source is None:
        return False
    relay = doc[according.source_head or according.source[0]].lemma_.lower()
    if relay in lex.words["poll_noun"] or relay in lex.words["document_noun"]:
        return False
    phrase = token_chars(doc, (according.cue[0], according.source[1]))
    for verb in verbs:
        cue = doc[verb.cue_token]
        if cue.lemma_.lower() not in lex.words["speech_verb"] or verb.source is None:
            continue
        if not verb.content:
            continue
        if inside(cue.idx, according.content) or inside(phrase[0], verb.content):
            verb.content = clean(text, cut(verb.content, phrase))
            verb.relays = [according.source, *verb.relays]
            return True
    return False
