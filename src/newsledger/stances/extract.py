"""Stances from one analysed document: who takes which position on which option, and on what
condition, read from the option's words up the dependency tree to the word that carries the
position, with the party from its subject, the event coder's actors or the speaker.

How a position is read (details in docs/negotiation.md):

1. each option signal of the taxonomy found in a sentence (``taxonomy.find_options``);
2. an option inside a condition ("only if the US gives guarantees") is that condition, not a
   position of its own;
3. from the option up its heads to the first speech verb: the first cue word (reject, demand,
   propose, accept...), then one wrapper above it ("pushing Kyiv to accept" demands, "refused to
   accept" rejects, "denied proposing" denies); a negated cue turns round; a copula's adjective
   ("is unacceptable to Moscow") counts; without any cue, the option's own verb with a modal
   ("must leave" demands, "would cede" accepts, "will never recognise" rejects);
4. the party: the event whose trigger is the cue (its actors), else the cue's subject, else the
   speaker for "we", "I" and for demands put as "must";
5. the speaker and chain: the innermost attribution whose content holds the option;
6. a condition in the same clause makes an acceptance or offer ``accepts-if``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsledger.attribution.model import Attribution
from newsledger.events.model import Event
from newsledger.kb.actors import actor_kb
from newsledger.kb.names import name_key
from newsledger.records import ActorMention, Analysis
from newsledger.stances import cues
from newsledger.stances.model import Condition, Stance
from newsledger.stances.taxonomy import Match, find_options, taxonomy

PARTY_OF_BODY = {"EUR": "org.eu", "NATO": "org.nato", "UNO": "org.un"}
NOT_PARTIES = frozenset({"MED"})
POSITION_EVENTS = {"REQUEST": "demands", "REJECT": "rejects", "AGREE": "accepts"}
SPEAKER_PRONOUNS = frozenset({"we", "i", "us", "our", "my"})
PRONOUNS = frozenset({"he", "she", "it", "they", "his", "her", "its", "their", "them"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True)
class Cue:
    kind: str
    token: Any  # the spaCy token that carries the position
    party_token: Any | None = None  # where to look for the party ("unacceptable to Moscow")
    speaker_party: bool = False  # the position is the speaker's ("must", "we")


@dataclass(frozen=True)
class Party:
    id: str
    name: str


def extract_stances(doc: Any, analysis: Analysis, published: date | None = None) -> list[Stance]:
    """Every stance the document's sentences give, in text order, one per party, option, kind
    and sentence."""
    reader = _Reader(doc, analysis, published)
    found: dict[tuple[str, str, str, str, int], Stance] = {}
    for index, sent in enumerate(doc.sents):
        matches = find_options(doc, sent.start, sent.end)
        conditions = reader.conditions(sent, matches)
        aside = [(c.start, c.end) for c in conditions] + timing_spans(sent)
        for match in matches:
            if any(s <= match.start_char and match.end_char <= e for s, e in aside):
                continue
            stance = reader.stance(match, index, sent, conditions)
            if stance is not None:
                key = (stance.party_id, stance.issue, stance.option, stance.kind, index)
                found.setdefault(key, stance)
    return _without_generic(list(found.values()))


def _without_generic(found: list[Stance]) -> list[Stance]:
    """A generic option ("the Zaporizhzhia plant") gives way to a specific one the same party
    takes on the same issue in the same sentence ("run by the United States")."""
    tax = taxonomy()
    specific = {
        (s.party_id, s.issue, s.sentence) for s in found if not tax.is_generic(s.issue, s.option)
    }
    return [
        s
        for s in found
        if not (tax.is_generic(s.issue, s.option) and (s.party_id, s.issue, s.sentence) in specific)
    ]


class _Reader:
    def __init__(self, doc: Any, analysis: Analysis, published: date | None) -> None:
        self.doc = doc
        self.analysis = analysis
        self.published = published
        self.triggers: dict[int, Event] = {}
        for event in analysis.events:
            for token in doc.char_span(event.trigger.start, event.trigger.end, "expand") or ():
                self.triggers[token.i] = event

    # -- one stance --------------------------------------------------------------------------

    def stance(
        self, match: Match, index: int, sent: Any, conditions: list[Condition]
    ) -> Stance | None:
        root = self.doc[match.start : match.end].root
        cue = find_cue(root)
        if cue is None:
            return None
        cue = _denial_of_report(cue, root)
        frame = self.speaker_frame(match)
        if frame is not None and frame.source_type == "poll":
            return None
        speaker = self.party_of_speaker(frame)
        party = self.party(cue, frame, speaker)
        if party is None:
            return None
        kind, condition = _conditioned(cue.kind, _bearing(conditions, cue.token))
        own = frame is not None and speaker == party and not frame.anonymous
        chain = tuple(link.to_dict() for link in frame.chain) if frame else ()
        return Stance(
            article_id=self.analysis.article_id,
            party_id=party.id,
            party=party.name,
            issue=match.issue,
            option=match.option,
            kind=kind,
            evidence_start=match.start_char,
            evidence_end=match.end_char,
            evidence=self.doc.text[match.start_char : match.end_char],
            sentence=index,
            cue=cue.token.text,
            cue_start=cue.token.idx,
            cue_end=cue.token.idx + len(cue.token.text),
            condition=condition,
            date=self.date(cue.token, sent),
            speaker=frame.source.text if frame and frame.source else None,
            speaker_id=frame.source_actor_id if frame else None,
            certainty=frame.certainty if frame else None,
            chain=chain,
            reported_by=None if own else _relay(frame, party, self),
            own_statement=own,
        )

    def speaker_frame(self, match: Match) -> Attribution | None:
        """The innermost attribution whose content holds the option and whose cue is speech."""
        holding = [
            a
            for a in self.analysis.attributions
            if _holds(a, match.start_char, match.end_char) and not self._is_action(a)
        ]
        return min(holding, key=lambda a: a.content.end - a.content.start, default=None)

    def _is_action(self, attribution: Attribution) -> bool:
        span = self.doc.char_span(attribution.cue.start, attribution.cue.end, "expand")
        return span is not None and any(t.lemma_.lower() in cues.ACTIONS for t in span)

    # -- parties -----------------------------------------------------------------------------

    def party(self, cue: Cue, frame: Attribution | None, speaker: Party | None) -> Party | None:
        if cue.speaker_party:
            return speaker
        subject = cue.party_token if cue.party_token is not None else subject_of(cue.token)
        if subject is not None and any(t.text in ("%", "percent") for t in subject.subtree):
            return None  # "54% of Ukrainians reject ...": opinion, not a party
        if subject is not None and subject.lower_ in SPEAKER_PRONOUNS:
            return speaker
        if subject is not None and subject.lower_ in PRONOUNS:
            return self.pronoun_party(subject, frame) or speaker
        if subject is not None:
            span = _subtree_span(subject)
            found = self.party_in(span[0], span[1]) or party_named(subject)
            if found is not None:
                return found
        return self.event_party(cue) or (speaker if subject is None else None)

    def event_party(self, cue: Cue) -> Party | None:
        event = self.triggers.get(cue.token.i)
        if event is None or event.type not in POSITION_EVENTS:
            return None
        for participant in event.actors:
            found = self.party_in(participant.start, participant.end)
            if found is not None:
                return found
        return None

    def party_in(self, start: int, end: int) -> Party | None:
        for mention in self.analysis.actors:
            if mention.start < end and start < mention.end:
                found = party_of_mention(mention)
                if found is not None:
                    return found
        return None

    def pronoun_party(self, token: Any, frame: Attribution | None) -> Party | None:
        """A pronoun's party: the subject of the speech verb above it ("Kyiv has said it"), an
        attribution that resolved it, else the last actor before."""
        for head in token.ancestors:
            if head.lemma_.lower() in cues.SPEECH:
                said = next((c for c in head.children if c.dep_ == "nsubj"), None)
                if said is not None and said.lower_ not in PRONOUNS and said != token:
                    span = _subtree_span(said)
                    found = self.party_in(span[0], span[1]) or party_named(said)
                    if found is not None:
                        return found
                break
        for attribution in self.analysis.attributions:
            source = attribution.source
            if source and source.start <= token.idx < source.end and attribution.source_actor_id:
                return party_of_id(attribution.source_actor_id)
        before = [m for m in self.analysis.actors if m.end <= token.idx and m.country]
        for mention in reversed(before[-6:]):
            found = party_of_mention(mention)
            if found is not None:
                return found
        return None

    def party_of_speaker(self, frame: Attribution | None) -> Party | None:
        if frame is None:
            return None
        if frame.source_actor_id:
            found = party_of_id(frame.source_actor_id)
            if found is not None:
                return found
        if frame.source is not None:
            return self.party_in(frame.source.start, frame.source.end)
        return None

    # -- conditions and dates ----------------------------------------------------------------

    def conditions(self, sent: Any, matches: list[Match]) -> list[Condition]:
        """The conditions a sentence sets, each with the option it names when it names one."""
        found: list[Condition] = []
        for start, end in condition_spans(sent):
            inside = [m for m in matches if start <= m.start_char and m.end_char <= end]
            named = max(inside, key=lambda m: m.end_char - m.start_char, default=None)
            found.append(
                Condition(
                    self.doc.text[start:end],
                    start,
                    end,
                    named.issue if named else None,
                    named.option if named else None,
                )
            )
        return found

    def date(self, token: Any, sent: Any) -> str | None:
        event = self.triggers.get(token.i)
        if event is not None and event.date and event.date_source == "text":
            return event.date
        for ref in self.analysis.times:
            inside = sent.start_char <= ref.start < sent.end_char
            if inside and ref.value and ref.granularity == "day" and ref.kind == "point":
                return ref.value[:10]
        return self.published.isoformat() if self.published else None


# -- cues -------------------------------------------------------------------------------------


def find_cue(root: Any) -> Cue | None:
    """The position over the option's words, read up the tree (see the module docstring)."""
    first: Cue | None = None
    for token in _path(root):
        found = _cue_at(token, root)
        if found is None:
            continue
        if first is None:
            first = found
            continue
        if first.token.head == found.token and first.token != found.token:
            return _wrapped(first, found)
        return first
    if first is not None:
        return first
    return _modal_cue(root)


def _path(root: Any) -> Iterable[Any]:
    """The option's head and its ancestors, up to (not into) a speech verb's clause."""
    token = root
    while True:
        speech = token.lemma_.lower() in cues.SPEECH and token.pos_ == "VERB"
        if token != root and speech and _kind_of(token) is None:
            return
        yield token
        if token.head == token or token.dep_ == "relcl":
            return
        token = token.head


def _cue_at(token: Any, root: Any) -> Cue | None:
    kind = _kind_of(token)
    if kind is not None and token != root:
        return Cue(_negated(kind, token), token)
    for child in token.children:  # "X is unacceptable (to Moscow)", "X is a red line"
        if child.dep_ in ("acomp", "attr") and child != root:
            kind = _kind_of(child)
            if kind is not None:
                return Cue(
                    _negated(kind, token), child, _object_of(child), _object_of(child) is None
                )
    return None


def _kind_of(token: Any) -> str | None:
    lemma = token.lemma_.lower()
    if lemma in cues.DENY:
        return "denies"
    if lemma in cues.PARTICLES and not any(
        c.lower_ in cues.PARTICLES[lemma] for c in token.children
    ):
        return None
    for kind, lemmas in cues.CUES.items():
        if lemma in lemmas:
            return kind
    return None


def _negated(kind: str, token: Any) -> str:
    objects = [c for c in token.children if c.dep_ == "dobj"]
    no_object = any(d.lower_ == "no" for o in objects for d in o.children)  # "accept no troops"
    if not no_object and not any(
        c.dep_ == "neg" or c.lower_ in cues.NEGATIONS for c in token.children
    ):
        return kind
    return {"accepts": "rejects", "rejects": "accepts", "proposes": "denies",
            "demands": "denies", "denies": "accepts"}[kind]  # fmt: skip


def _denial_of_report(cue: Cue, root: Any) -> Cue:
    """ "rejected a report that ...": a denial, not a rejection of the option."""
    if cue.kind != "rejects":
        return cue
    between = [t for t in root.ancestors if cue.token in t.ancestors or t == cue.token]
    if any(t.lemma_.lower() in cues.REPORT_NOUNS for t in [root, *between]):
        return Cue("denies", cue.token, cue.party_token, cue.speaker_party)
    return cue


def _wrapped(inner: Cue, outer: Cue) -> Cue:
    """A cue over a cue: "pushing Kyiv to accept" demands, "refused to accept" rejects."""
    pair = (outer.kind, inner.kind)
    if outer.kind == "demands" and inner.kind in ("accepts", "proposes"):
        return outer
    if outer.kind == "rejects" and inner.kind in ("accepts", "proposes", "demands"):
        return outer
    if outer.kind == "denies":
        return Cue("denies" if inner.kind in ("proposes", "demands") else "rejects", outer.token)
    if pair == ("accepts", "demands") or pair == ("accepts", "proposes"):
        return Cue("accepts", outer.token, outer.party_token)
    return inner


def _modal_cue(root: Any) -> Cue | None:
    """No cue word: the option's own verb with a modal ("must leave", "would cede")."""
    verb = next((t for t in _path(root) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or any(t.dep_ in ("relcl", "acl") for t in [verb, *verb.ancestors]):
        return None
    modals = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    negated = any(c.dep_ == "neg" or c.lower_ in cues.NEGATIONS for c in verb.children)
    if modals & cues.MUST or _has_to(verb):
        return Cue("rejects" if negated else "demands", verb, speaker_party=True)
    if modals & cues.WOULD:
        if negated:
            return Cue("rejects", verb)
        subject = subject_of(verb)
        offer = verb.lemma_.lower() in cues.OFFER_VERBS or (
            subject is not None and subject.lemma_.lower() in cues.PLAN_NOUNS
        )
        return Cue("proposes" if offer else "accepts", verb)
    return None


def _has_to(verb: Any) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in ("have", "need") and head != verb


def _object_of(adjective: Any) -> Any | None:
    for prep in adjective.children:
        if prep.lower_ in ("to", "for"):
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def subject_of(token: Any) -> Any | None:
    """The subject of a cue: its own, that of the verb it completes, or a noun's owner."""
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECTS:
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if current.pos_ in ("NOUN", "PROPN"):
            owner = [c for c in current.children if c.dep_ in ("poss", "compound", "amod")]
            if owner:
                return owner[0]
        if current.dep_ not in ("xcomp", "acomp", "conj", "advcl") or current.head == current:
            return None
        current = current.head
    return None


# -- conditions --------------------------------------------------------------------------------


def condition_spans(sent: Any) -> list[tuple[int, int]]:
    """Character spans of the conditions a sentence sets ("only if ...", "in exchange for ...")."""
    spans: list[tuple[int, int]] = []
    tokens = list(sent)
    for position in range(len(tokens)):
        opener = _condition_opener(tokens, position)
        if opener is None:
            continue
        first, head = opener
        subtree = [t for t in head.subtree if t.i >= first.i]
        while len(subtree) > 1 and subtree[-1].is_punct:
            subtree.pop()
        start = first.idx
        last = subtree[-1]
        end = last.idx + len(last.text)
        if not any(s <= start < e for s, e in spans):
            spans.append((start, min(end, sent.end_char)))
    return spans


def _condition_opener(tokens: list[Any], position: int) -> tuple[Any, Any] | None:
    """(first token, token whose subtree is the condition) when a condition starts here."""
    token = tokens[position]
    word = token.lower_
    previous = tokens[position - 1].lower_ if position else ""
    if word in cues.CONDITION_WORDS or (word in cues.ONLY_WORDS and previous == "only"):
        first = tokens[position - 1] if previous == "only" else token
        head = token.head if token.dep_ == "mark" else token
        return first, head
    for phrase in cues.CONDITION_PHRASES:
        words = [t.lower_ for t in tokens[position : position + len(phrase)]]
        if tuple(words) == phrase:
            return token, token if token.dep_ == "prep" else token.head
    if word in ("to", "on") and token.dep_ == "prep":
        heads = (token.head, token.head.head)
        tying = next((h for h in heads if h.lemma_.lower() in cues.TYING_VERBS), None)
        if tying is not None:  # "ties X to Y": Y and what hangs on X after it
            return token, tying
    return None


def timing_spans(sent: Any) -> list[tuple[int, int]]:
    """Spans of "before any ceasefire", "until a deal": an option there is a time, not a stance."""
    spans = []
    for token in sent:
        if token.lower_ in cues.TIMING_WORDS and token.dep_ in ("prep", "mark"):
            head = token.head if token.dep_ == "mark" else token
            spans.append(_subtree_span(head))
    return spans


def _bearing(conditions: list[Condition], cue: Any) -> list[Condition]:
    """The conditions attached to the cue's clause: on the cue, above it or below it."""
    related = {cue.i, *(t.i for t in cue.ancestors), *(t.i for t in cue.subtree)}
    doc = cue.doc
    found = []
    for condition in conditions:
        span = doc.char_span(condition.start, condition.end, "expand")
        if span is None:
            continue
        attached = span.root.head
        if attached.i in related or span.root.i in related:
            found.append(condition)
    return found


def _conditioned(kind: str, conditions: list[Condition]) -> tuple[str, Condition | None]:
    if not conditions:
        return kind, None
    condition = conditions[0]
    if kind in ("accepts", "proposes"):
        return "accepts-if", condition
    if kind == "rejects" and condition.text.lower().startswith("unless"):
        return "accepts-if", condition
    return kind, condition


# -- parties ------------------------------------------------------------------------------------


def party_named(token: Any) -> Party | None:
    """A party the linker left out, by the knowledge base's names ("Kyiv", "Moscow")."""
    kb = actor_kb()
    key = name_key(token.text)
    actor_id = kb.metonyms.get(key) or kb.demonyms.get(key)
    if actor_id is None:
        found = kb.aliases.get(key, set())
        actor_id = next(iter(found)) if len(found) == 1 else None
    return party_of_id(actor_id) if actor_id else None


def party_of_mention(mention: ActorMention) -> Party | None:
    if mention.sector in NOT_PARTIES:
        return None
    if mention.country:
        return _party_of_country(mention.country)
    return party_of_id(mention.actor_id) if mention.actor_id else None


def party_of_id(actor_id: str) -> Party | None:
    """The negotiating party an actor belongs to: its country, or the body itself."""
    actor = actor_kb().actors.get(actor_id)
    if actor is None or actor.sector in NOT_PARTIES:
        return None
    if actor.country:
        return _party_of_country(actor.country)
    return Party(actor.id, actor.name)


def _party_of_country(code: str) -> Party | None:
    party_id = PARTY_OF_BODY.get(code, f"country.{code}")
    actor = actor_kb().actors.get(party_id)
    return Party(party_id, actor.name) if actor else None


def _relay(frame: Attribution | None, party: Party, reader: _Reader) -> str | None:
    """The outermost link of the chain that is not the party: who reports the position."""
    if frame is None:
        return None
    for link in frame.chain:
        linked = party_of_id(link.actor_id) if link.actor_id else None
        if linked != party:
            return link.text
    return None


def _holds(attribution: Attribution, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in attribution.content.pieces())


def _subtree_span(token: Any) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)
