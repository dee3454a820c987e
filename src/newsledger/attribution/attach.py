"""Give each quote its cue: the verb of saying next to it, or the one of the quote before.

A quote belongs to the draft whose content it overlaps (the parser found the quote as the
verb's clause); else to the verb of saying right after it ("“...,” he said") or to the clause
before a colon or comma that introduces it ("He shot back: “...”"); else it continues the quote
before it in the paragraph ("“A,” he said. “B.”") or, for a quote left open at a paragraph's
end, the one that opens the next paragraph.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsledger.attribution.draft import Draft, Range, clean, cut, holds, token_chars
from newsledger.attribution.lexicon import Lexicon
from newsledger.attribution.quote_cues import Found, QuoteCues, draft_for
from newsledger.attribution.quotes import Quote, QuoteSpans

FIRST_AND_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us", "my", "our"})
# Inside a quote, the verbs that report someone else's words ("he told me", "they said").
SPEECH_INSIDE = frozenset(
    {"say", "tell", "claim", "announce", "report", "write", "tweet", "warn", "deny", "insist"}
)
# How a quote ends when the attribution follows in the same sentence: "“...,” he said".
OPEN_ENDINGS = (",", "?", "!", "—", "–", "-", "…")
# Words after a quote closed by a full stop that may still be its attribution: "“...” he
# said on Tuesday." More, and the sentence says something of its own.
CLOSED_TAIL_MAX_WORDS = 4
# Words allowed between a quote and the verb before it: "He said on Tuesday, “...”".
BEFORE_MAX_WORDS = 6
BEFORE_MAX_CHARS = 80
# Words allowed between two quotes of one speaker besides the cue: "“A,” he said later. “B”".
BETWEEN_MAX_WORDS = 2


def attach_quotes(
    doc: Doc, text: str, drafts: list[Draft], quotes: list[Quote], lex: Lexicon
) -> None:
    """Add every quote that has a cue to its draft's content, in place; drafts for cues
    found only by position are appended to ``drafts``.

    ``text`` is ``doc.text``, which spaCy builds anew on every access.
    """
    spans = QuoteSpans(quotes)
    _keep_inside(doc, text, drafts, spans)
    cues = QuoteCues(doc, text, lex)
    owners: dict[int, Draft] = {}
    for index, quote in enumerate(spans.quotes):
        owner = _owner(doc, text, quote, drafts, spans, cues)
        if owner is not None:
            owners[index] = owner
    _continuations(doc, text, spans.quotes, owners)
    _release(doc, text, spans, owners, drafts)
    for index, owner in sorted(owners.items()):
        _give(text, spans.quotes[index], owner)


def _owner(
    doc: Doc, text: str, quote: Quote, drafts: list[Draft], spans: QuoteSpans, cues: QuoteCues
) -> Draft | None:
    owner = _dashed(quote, drafts, cues) or _overlapping(doc, text, quote, drafts, spans)
    if owner is not None:
        _fix_source(doc, quote, owner, cues)
        return owner
    return _after(doc, text, quote, drafts, cues) or _before(doc, text, quote, drafts, spans, cues)


def _give(text: str, quote: Quote, owner: Draft) -> None:
    """The quote joins its owner's content; a topic after the cue gives way to it ("“...,”
    he said of the plan": the quote is what was said, not the plan)."""
    kept = [p for p in owner.content if _overlaps(p, (quote.start, quote.end))]
    if not kept and owner.content and owner.content[0][0] > quote.end:
        owner.content = []
    owner.content = clean(text, [*owner.content, (quote.start, quote.end)])


def _keep_inside(doc: Doc, text: str, drafts: list[Draft], spans: QuoteSpans) -> None:
    """A cue inside a quote attributes words of that quote only ("“Putin told me he wants
    peace,” Trump said"): the parse may run its content past the closing mark."""
    for draft in drafts:
        quote = spans.holding(doc[draft.cue_token].idx)
        if quote is not None:
            inside = [(max(s, quote.start), min(e, quote.end)) for s, e in draft.content]
            draft.content = clean(text, [(s, e) for s, e in inside if s < e])


def reported_in_quotes(doc: Doc, drafts: list[Draft], quotes: list[Quote]) -> list[Draft]:
    """Drafts without the speaker's own opinions inside a quote ("“I think we can win”").

    Inside a quote only a report of someone else's words is an attribution of its own; "I
    think", "we want", "you know" are part of what the quoted speaker says.
    """
    spans = QuoteSpans(quotes)
    kept = []
    for draft in drafts:
        if _in_quote(doc, draft, spans) and not _reports_another(doc, draft):
            continue
        kept.append(draft)
    return kept


def _reports_another(doc: Doc, draft: Draft) -> bool:
    if draft.origin == "according":
        return True
    if draft.origin != "verb" or doc[draft.cue_token].lemma_.lower() not in SPEECH_INSIDE:
        return False
    if draft.source is None:
        return False
    return doc[draft.source_head or draft.source[0]].lower_ not in FIRST_AND_SECOND_PERSON


def _in_quote(doc: Doc, draft: Draft, quotes: QuoteSpans) -> bool:
    return quotes.holding(doc[draft.cue_token].idx) is not None


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inner(text: str, quote: Quote) -> Range:
    """The quote from its first to its last letter or digit."""
    start, end = quote.start, quote.end
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _overlapping(
    doc: Doc, text: str, quote: Quote, drafts: list[Draft], spans: QuoteSpans
) -> Draft | None:
    """The draft, cued outside the quote, whose content takes in words of the quote (not
    only its mark: a sentence break may leave an opening mark with the sentence before)."""
    inner = _inner(text, quote)
    found = [
        d
        for d in drafts
        if not _in_quote(doc, d, spans) and any(_overlaps(p, inner) for p in d.content)
    ]
    # "She said she thinks they “are going ...”": the outer cue, whose content holds the other
    outer = [
        d
        for d in found
        if _goes_on(doc, d)
        or not any(holds(doc, o, d) for o in found if o.origin == "verb" and o.source)
    ]
    return min(outer, key=lambda d: abs(doc[d.cue_token].idx - quote.start), default=None)


def _goes_on(doc: Doc, draft: Draft) -> bool:
    """ "..., adding, “...”": a participle of saying goes on with its own words."""
    cue = doc[draft.cue_token]
    return cue.tag_ == "VBG" and cue.dep_ in ("advcl", "conj", "xcomp")


def _release(
    doc: Doc, text: str, spans: QuoteSpans, owners: dict[int, Draft], drafts: list[Draft]
) -> None:
    """A quote given to its own cue leaves the content of any other draft the parser let run
    into it ("“A,” she said, but “B,” said Kunin": Kunin's clause took in both), with the
    words of its cue."""
    for index, owner in owners.items():
        quote = spans.quotes[index]
        holes = [(quote.start, quote.end), *cue_and_source(doc, owner)]
        for draft in drafts:
            touched = any(_overlaps(p, h) for p in draft.content for h in holes)
            if not touched or _keeps(doc, draft, owner, spans):
                continue
            for hole in holes:
                draft.content = clean(text, cut(draft.content, hole))


def _keeps(doc: Doc, draft: Draft, owner: Draft, spans: QuoteSpans) -> bool:
    """The owner, drafts cued inside quotes and drafts whose content holds the owner (it
    reports the quote's speaker: "she said he told them “...”") keep their words; a cue after
    the owner's that the parser ran back over it does not."""
    if draft is owner or _in_quote(doc, draft, spans):
        return True
    return holds(doc, draft, owner) and draft.cue_token < owner.cue_token


def cue_and_source(doc: Doc, draft: Draft) -> list[Range]:
    """The character ranges of a draft's cue words and of its source."""
    spans = [token_chars(doc, (t, t + 1)) for t in draft.cue]
    if draft.source is not None:
        spans.append(token_chars(doc, draft.source))
    return spans


def _dashed(quote: Quote, drafts: list[Draft], cues: QuoteCues) -> Draft | None:
    """ "“...” ― Hillary Clinton": a dash and a name after the quote."""
    found = cues.dash_after(quote)
    return draft_for(found, drafts) if found is not None else None


def _fix_source(doc: Doc, quote: Quote, owner: Draft, cues: QuoteCues) -> None:
    """The parser's subject of a quote's verb is lost or inside the quote ("“...,” said
    Brock" read with "Brock" under another verb): take the one found by position."""
    if owner.source is not None and not quote.start <= doc[owner.source[0]].idx < quote.end:
        return
    found = cues.after(quote) or cues.before(quote)
    if found is not None and found.source is not None and owner.cue_token in found.cue:
        owner.source, owner.source_head = found.source, found.head


def _after(doc: Doc, text: str, quote: Quote, drafts: list[Draft], cues: QuoteCues) -> Draft | None:
    """ "“...,” he said" / "“...,” said Smith, who ...": the clause right after the quote.

    A quote closed by a full stop is followed by a new sentence, which may report something
    else ("“...” He said the plan failed"): only a short one that says nothing more takes it.
    """
    open_ended = text[quote.start : quote.end].rstrip("\"”»'’` ")[-1:] in OPEN_ENDINGS
    found = cues.after(quote, any_verb=open_ended)
    if found is None:
        return None
    if not open_ended and _words_after(doc, found) > CLOSED_TAIL_MAX_WORDS:
        return None
    if not open_ended and _introduces_next(doc, text, found):
        return None  # "“...” He added, “...”": the verb is the next quote's
    draft = draft_for(found, drafts)
    if draft.content and not open_ended:
        return None
    return draft


def _introduces_next(doc: Doc, text: str, found: Found) -> bool:
    """The cue runs up to the opening mark of another quote: "He added, “"."""
    last = doc[max([*found.cue, *((found.source[1] - 1,) if found.source else ())])]
    rest = text[last.idx + len(last.text) : last.idx + len(last.text) + 40]
    stripped = rest.lstrip(" ,:\u00a0")
    return bool(stripped) and stripped[0] in "\"“'‘«„"


def _words_after(doc: Doc, found: Found) -> int:
    """Words in the sentence after the cue and its source."""
    last = max([*found.cue, *(range(*found.source) if found.source else ())])
    sentence = doc[last].sent
    return sum(1 for t in doc[last + 1 : sentence.end] if not (t.is_punct or t.is_space))


def _before(
    doc: Doc, text: str, quote: Quote, drafts: list[Draft], spans: QuoteSpans, cues: QuoteCues
) -> Draft | None:
    """ "He said: “...”", "He told reporters, “...”": a verb of saying just before."""
    found = cues.before(quote)
    if found is not None:
        draft = draft_for(found, drafts)
        return draft if not draft.content or found.cue[0] == draft.cue_token else None
    last = None
    for draft in drafts:
        cue = doc[draft.cue[-1]]
        end = cue.idx + len(cue.text)
        if end > quote.start or quote.start - end > BEFORE_MAX_CHARS:
            continue
        if draft.content or draft.origin != "verb" or _in_quote(doc, draft, spans):
            continue
        between = text[end : quote.start]
        words = len([w for w in between.split() if any(c.isalnum() for c in w)])
        if words <= BEFORE_MAX_WORDS and "\n" not in between:
            last = draft  # the last one before the quote wins
    return last


def _continuations(doc: Doc, text: str, top: list[Quote], owners: dict[int, Draft]) -> None:
    """Quotes without a cue of their own that go on from the speaker's quote before."""
    for index in range(1, len(top)):
        previous = owners.get(index - 1)
        if index in owners or previous is None:
            continue
        if _continues(doc, text, top[index - 1], top[index], previous):
            owners[index] = previous
    for index in range(len(top) - 2, -1, -1):
        following = owners.get(index + 1)
        if index in owners or following is None or not top[index].runs_on:
            continue
        if _next_paragraph(text, top[index], top[index + 1]):
            owners[index] = following


def _continues(doc: Doc, text: str, previous: Quote, quote: Quote, draft: Draft) -> bool:
    between = text[previous.end : quote.start]
    if "\n" in between and not (previous.runs_on and _next_paragraph(text, previous, quote)):
        return False
    cue = doc[draft.cue_token]
    source = range(*draft.source) if draft.source is not None else range(0)
    others = [
        t
        for t in doc.char_span(previous.end, quote.start, alignment_mode="expand") or ()
        if not (t.is_punct or t.is_space or t.i in source or t.i == cue.i)
    ]
    # "“A,” Klein told POLITICO in an email. “B”": the words between are the cue's clause
    return len(others) <= BETWEEN_MAX_WORDS or all(cue.is_ancestor(t) for t in others)


def _next_paragraph(text: str, previous: Quote, quote: Quote) -> bool:
    between = text[previous.end : quote.start]
    return between.count("\n") >= 1 and not between.strip()
