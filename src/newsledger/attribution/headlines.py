"""Speakers named before a colon: headlines and transcripts ("Clinton: I support statehood",
"FALLIN: I think ...").
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsledger.attribution.draft import Draft, Tokens, clean, trim_tokens
from newsledger.attribution.lexicon import Lexicon

# The longest name before a colon that can be a speaker; names the tagger took for common
# nouns ("Cruz: Trump Would ...") only this long.
SPEAKER_MAX_TOKENS = 8
TITLED_MAX_TOKENS = 3
# Labels before a colon that are no speakers.
NOT_SPEAKERS = frozenset(
    {
        "update",
        "updated",
        "note",
        "editor",
        "watch",
        "read",
        "photo",
        "photos",
        "video",
        "related",
        "source",
        "sources",
        "advertisement",
        "credit",
        "correction",
        "q",
        "a",
        "sign",
        "more",
        "ap",
        "breaking",
        "latest",
        "follow",
        "spoiler",
        "h",
        "via",
        "see",
        "also",
        "listen",
        "subscribe",
        "contact",
        "email",
        "reporting",
        "editing",
        "the",
    }
)


def colon_drafts(doc: Doc, text: str, lex: Lexicon) -> list[Draft]:
    """ "Clinton: I support statehood", "FALLIN: I think ...": a name before a colon at the
    start of a line speaks the rest of it."""
    drafts: list[Draft] = []
    for sentence in doc.sents:
        words = [t for t in sentence if not t.is_space]
        colon = next((t for t in words[: SPEAKER_MAX_TOKENS + 1] if t.text == ":"), None)
        if colon is None or not _line_start(text, words[0].idx):
            continue
        speaker = trim_tokens(doc, words[0].i, colon.i)
        if speaker is None or not _speaker(doc, speaker):
            continue
        end = _line_end(text, colon.idx)
        if _reports_itself(doc, colon.i + 1, end, lex):
            continue  # "Voter participation: Sanders said ...": a label, not a speaker
        content = clean(text, [(colon.idx + 1, end)])
        if content and len(text[content[0][0] : content[-1][1]].split()) >= 2:
            head = doc[speaker[0] : speaker[1]].root.i
            drafts.append(Draft([colon.i], content, speaker, head, "colon"))
    return drafts


def _line_start(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] == "\n"


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _speaker(doc: Doc, span: Tokens) -> bool:
    """Names, not labels: a proper noun, no verb, not "UPDATE:" or "Photo:"."""
    tokens = doc[span[0] : span[1]]
    if any(t.pos_ in ("VERB", "AUX") for t in tokens) or tokens[0].lower_ in NOT_SPEAKERS:
        return False
    if any(not (t.is_alpha or t.text in ".-'’") for t in tokens):
        return False  # "@media screen and (max-width:", "h/t/:"
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in tokens):
        return True
    # the tagger reads a surname in a headline as a noun: "Reid: '...'", "Cruz: Trump Would"
    return len(tokens) <= TITLED_MAX_TOKENS and all(t.is_title or t.is_upper for t in tokens)


def _reports_itself(doc: Doc, start: int, end_char: int, lex: Lexicon) -> bool:
    """The words after the colon hold a verb of saying with its own subject."""
    speech = lex.words["speech_verb"]
    for token in doc[start:]:
        if token.idx >= end_char:
            return False
        if token.lemma_.lower() in speech and any(c.dep_ == "nsubj" for c in token.children):
            return True
    return False
