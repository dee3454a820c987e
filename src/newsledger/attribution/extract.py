"""``extract_attributions``: the attributions of a parsed article, as typed records.

The rules (``reported``, ``phrases``, ``headlines``, ``nouns``) each propose drafts; quotes are
given to their cues (``attach``); overlaps are settled (``overlaps``); the sources are typed and
resolved (``sources``) and the drafts become ``Attribution`` records.
"""

from __future__ import annotations

import importlib
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsledger.attribution.attach import attach_quotes, reported_in_quotes
from newsledger.attribution.draft import Draft, Range
from newsledger.attribution.headlines import colon_drafts
from newsledger.attribution.lexicon import Lexicon, lexicon
from newsledger.attribution.model import Attribution, SourceLink, TextSpan
from newsledger.attribution.nouns import noun_drafts
from newsledger.attribution.overlaps import (
    content_apart,
    merge_relays,
    one_per_cue,
    outside_markup,
    untangle,
)
from newsledger.attribution.phrases import (
    according_drafts,
    adverb_drafts,
    in_source_drafts,
    raising_drafts,
)
from newsledger.attribution.quotes import Quote, find_quotes, kind_of
from newsledger.attribution.reported import verb_drafts
from newsledger.attribution.sources import SourceResolver
from newsledger.errors import NewsledgerError
from newsledger.records import ActorMention

# ``certainty(span)`` of ``newsledger.attribution.certainty``: a level name, or a record with
# the level in ``level``.
Rater = Callable[[Span], object]


def extract_attributions(
    doc: Doc, actors: list[ActorMention], *, rate_certainty: bool = True
) -> list[Attribution]:
    """Every attribution of a parsed Doc (tagger and parser run), in the order of the cues.

    ``actors`` are the article's actor mentions (``link_actors``); sources are resolved
    against them, pronouns and descriptions to their nearest fitting antecedent. Where
    ``newsledger.attribution.certainty`` is installed and ``rate_certainty`` is true, each
    content is graded with it; otherwise ``certainty`` stays None.
    """
    if len(doc) == 0:
        return []
    if not doc.has_annotation("DEP"):
        raise NewsledgerError(
            "attributions need a dependency parse and the Doc has none",
            hint="run the parser first: add newsledger_attributions after it in the pipeline",
        )
    lex = lexicon()
    text = doc.text  # spaCy joins it anew on every access
    quotes = find_quotes(text)
    drafts = reported_in_quotes(doc, outside_markup(doc, text, _drafts(doc, text, lex)), quotes)
    attach_quotes(doc, text, drafts, quotes, lex)
    for draft in drafts:
        content_apart(doc, text, draft)
    untangle(doc, text, drafts)
    settled = one_per_cue(d for d in drafts if d.content)
    resolver = SourceResolver(doc, text, actors, lex)
    starts = [s.start for s in doc.sents]
    rate = _certainty_rater() if rate_certainty else None
    return [_attribution(doc, text, d, quotes, resolver, starts, rate) for d in settled]


def _drafts(doc: Doc, text: str, lex: Lexicon) -> list[Draft]:
    """The drafts of every rule; a verb's draft goes before a phrase's on the same cue."""
    verbs = verb_drafts(doc, text, lex)
    according = merge_relays(doc, text, according_drafts(doc, text, lex), verbs, lex)
    return [
        *verbs,
        *according,
        *in_source_drafts(doc, text, lex),
        *adverb_drafts(doc, text, lex),
        *raising_drafts(doc, text, lex),
        *colon_drafts(doc, text, lex),
        *noun_drafts(doc, text, lex),
    ]


def _attribution(
    doc: Doc,
    text: str,
    draft: Draft,
    quotes: list[Quote],
    resolver: SourceResolver,
    starts: list[int],
    rate: Rater | None,
) -> Attribution:
    chain = _chain(draft, resolver)
    source = chain[-1] if chain else None
    content = _text_span(text, draft.content)
    return Attribution(
        source=TextSpan(source.text, source.start, source.end) if source else None,
        cue=_text_span(text, _token_pieces(doc, draft.cue)),
        content=content,
        kind=kind_of(text, draft.content, quotes),
        source_actor_id=source.actor_id if source else None,
        source_type=source.type if source else "unknown",
        anonymous=source.anonymous if source else True,
        count=source.count if source else None,
        chain=chain,
        sentence=max(bisect_right(starts, draft.cue_token) - 1, 0),
        certainty=_rated(doc, content, rate),
    )


def _chain(draft: Draft, resolver: SourceResolver) -> tuple[SourceLink, ...]:
    """Outermost relay first, the source last: [FT, "a senior official"]."""
    links: list[SourceLink] = []
    if draft.addressee is not None and draft.source is not None:
        addressee = resolver.link(draft.addressee, None, remember=False)
        if addressee.type == "outlet":
            links.append(addressee)
    links += [resolver.link(relay, None) for relay in draft.relays]
    if draft.source is not None:
        links.append(resolver.link(draft.source, draft.source_head))
    links += [resolver.link(cited, None) for cited in draft.cited]
    return tuple(links)


def _token_pieces(doc: Doc, indices: list[int]) -> list[Range]:
    """Character pieces of some tokens, adjacent tokens in one piece ("according to")."""
    pieces: list[Range] = []
    previous = -2
    for index in sorted(indices):
        token = doc[index]
        end = token.idx + len(token.text)
        if pieces and index == previous + 1:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((token.idx, end))
        previous = index
    return pieces


def _text_span(text: str, pieces: list[Range]) -> TextSpan:
    ordered = sorted(pieces)
    start, end = ordered[0][0], max(e for _, e in ordered)
    if len(ordered) == 1:
        return TextSpan(text[start:end], start, end)
    return TextSpan(" ".join(text[s:e] for s, e in ordered), start, end, tuple(ordered))


@lru_cache(maxsize=1)
def _certainty_rater() -> Rater | None:
    """``certainty(span)`` of ``newsledger.attribution.certainty``, where it is installed."""
    try:
        module = importlib.import_module("newsledger.attribution.certainty")
    except ImportError:
        return None
    rate = getattr(module, "certainty", None)
    return rate if callable(rate) else None


def _rated(doc: Doc, content: TextSpan, rate: Rater | None) -> str | None:
    if rate is None:
        return None
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None:
        return None
    rated = rate(span)
    return str(getattr(rated, "level", rated))
