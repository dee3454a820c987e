"""Code PLOVER v2.0 events from a parsed document: who did what to whom, when and where.

How a sentence is read:

1. **Triggers** (``triggers``). Verbs, nouns and fixed phrases of the lexicon
   (``kb/data/plover.yaml``) are the candidates; a verb's rule may depend on its object ("lift
   sanctions" is RETREAT, "lift a curfew" CONCEDE, "withdraw troops" RETREAT, "withdraw an
   ambassador" SANCTION) or its subject ("workers strike" is PROTEST, "missiles strike" ASSAULT).
2. **Structure** (``structure``, ``roles``). Each candidate hangs under the nearest candidate
   above it. A wrapper reads the event it governs: "agreed to / promised to" make cooperation
   AGREE and conflict THREATEN; "demanded that" is REQUEST, "refused to" and "rejected the
   demand" REJECT, "denied pressing" negates, "failed to reach agreement" is REJECT, "stopped
   strikes" RETREAT, "continued to send" is the sending. An event verb absorbs the event nouns
   of its object or subject ("killed in an air strike": one ASSAULT, aerial). Candidates in a
   relative or adverbial clause stand alone, with lower confidence; an event noun no event word
   takes up inside a prepositional phrase is only mentioned, and is not coded.
3. **Participants** (``parties``, ``arguments``): subject and object of the parse, coded through
   the linker's actor mentions, else ``code_actor``.
4. **Commitments.** An event its own actor states with will/shall/"going to", or with "would"
   in reported speech, is a commitment: material cooperation and support become AGREE, material
   conflict THREATEN ("Israel will evacuate" is AGREE, "will strike" THREATEN); "will not accept"
   is REJECT. So is an act offered or threatened on a condition ("would allow monitors if",
   "may halt mediation if"). "X said Y must do Z" is X's REQUEST to Y. A protest's purpose clause
   ("staged rallies to demand reforms") belongs to the protest.
5. **Markers, time, place, modes** (``markers``, ``record``).

CAMEO 01 and 02 (statements and appeals: "said", "urged", "called on", "asked") have no PLOVER
type and are not coded; the attribution layer records them. Nor is a denial of a report
("rejected the report").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsledger.events.arguments import Arguments
from newsledger.events.draft import (
    CLAUSE,
    SUBJECT,
    Draft,
    absorb,
    different,
    disjoint,
    request_mode,
    same_party,
    threat_mode,
    without,
)
from newsledger.events.lexicon import Lexicon, lexicon
from newsledger.events.markers import attach_times, has_condition, read_markers
from newsledger.events.model import Event, Participant
from newsledger.events.paragraphs import keep_in_paragraph
from newsledger.events.parties import Parties
from newsledger.events.record import Recorder, dedupe
from newsledger.events.roles import MATERIAL, TRANSPARENT, Wrapping, transparent, wrap
from newsledger.events.structure import Tree, build_tree
from newsledger.events.syntax import (
    buried,
    carrier,
    children,
    condition_subjects,
    governing_verb,
    has_aux,
    is_passive,
    is_verb,
    passive_subjects,
    subordinate,
    words,
)
from newsledger.events.triggers import Candidate, clause_complements, find_candidates, lemma_in
from newsledger.records import ActorMention, TimeRef
from newsledger.resolve.times import resolve_times

MUST = frozenset({"must", "should", "ought"})
JOINT = frozenset({"CONSULT", "AGREE", "COOPERATE"})
CONDITIONS = frozenset({"if", "unless"})
PURPOSES = frozenset({"REQUEST", "ACCUSE", "PROTEST"})
# Words of promise: with a clause the lexicon has no event for, still an AGREE.
PROMISES = words(
    "agree promise pledge commit offer consent undertake volunteer ready willing prepared "
    "committed open"
)
# Verbs whose subject undergoes the event noun they take: "Obama faces pressure from Congress".
RECEIVING = frozenset({"face", "suffer", "endure", "undergo"})
# Verbs that say talks happen: "talks resumed", "the round opened", "talks were held".
HAPPENING = words(
    "resume begin start open continue end conclude close take hold last collapse stall break "
    "restart reconvene convene run proceed follow go"
)
# Wishes about others' acts are appeals at most ("hoped officials would be indicted").
WISHES = frozenset({"want", "wish", "hope", "expect", "like", "prefer"})


def code_events(
    doc: Doc,
    actors: list[ActorMention],
    published: date | None,
    times: Sequence[TimeRef] | None = None,
) -> list[Event]:
    """The PLOVER events of a parsed document, in text order.

    ``actors`` are the document's actor mentions (``link_actors``); ``published`` anchors
    relative times and decides what is future or historical. ``times`` are the document's
    time expressions when the caller has resolved them already (``resolve_times``).
    """
    lex, args = lexicon(), Arguments(doc, actors, published)
    if times is None:
        times = resolve_times(doc, published)
    attached = attach_times(doc, times)
    coder = _Coder(lex, args, Recorder(lex, attached, published))
    events: list[Event] = []
    for index, sent in enumerate(doc.sents):
        for event in coder.sentence(sent, index):
            kept = keep_in_paragraph(event, doc.text, sent.start_char)
            events += [kept] if kept is not None else []
        args.remember(sent)
    return events


class _Coder:
    """Reads the sentences of one document."""

    def __init__(self, lex: Lexicon, args: Arguments, recorder: Recorder) -> None:
        self.lex = lex
        self.args = args
        self.parties = Parties(args, lex)
        self.recorder = recorder
        self.extra: list[Draft] = []  # events found inside a wrapper that are not its content
        self.consumed: set[int] = set()  # candidates already read as part of another

    def sentence(self, sent: Span, index: int) -> list[Event]:
        candidates = find_candidates(sent, self.lex, self.args.is_actor, self.args.is_place)
        tree = build_tree(candidates)
        self.extra, self.consumed = [], set()
        drafts: list[Draft] = []
        for i, in_background in tree.roots():
            draft = self._resolve(i, tree)
            if draft is not None:
                draft.background = in_background or subordinate(draft.anchor)
                drafts.append(draft)
        drafts += self.extra
        drafts += self._must_requests(sent, drafts)
        drafts = _merge_purposes(drafts)
        events = [self.recorder.event(d, index) for d in drafts if self._keep(d)]
        return dedupe(events)

    # ------------------------------------------------------------------ structure
    def _resolve(self, i: int, tree: Tree) -> Draft | None:
        if i in self.consumed:
            return None
        self.consumed.add(i)
        candidate = tree.candidates[i]
        kids = sorted(tree.children[i], key=lambda k: abs(k[0] - i))
        if candidate.role == "appeal":
            # "urged Kyiv to sign and ratify": an appeal (CAMEO 02), nothing under it is coded
            self.consumed |= {t.i for t in candidate.anchor.subtree}
            return None
        if self._denies_statement(candidate):
            return None  # "rejected the report": a denial, left to attribution
        specific = candidate.rule is not None and bool(candidate.rule.objects)
        if candidate.role and not specific:
            wrapped = self._wrap_first(candidate, kids, tree)
            if wrapped is not None:
                return wrapped
        if candidate.rule is None:
            return self._bare_promise(candidate)
        draft = self._base(candidate)
        for k, relation in kids:
            inner = self._resolve(k, tree)
            if inner is not None:
                absorb(draft, inner, relation)
        return draft

    def _bare_promise(self, candidate: Candidate) -> Draft | None:
        """ "is committed to opening up the economy": a promise of something the lexicon has
        no event for is still an AGREE."""
        anchor = candidate.anchor
        if (
            candidate.role != "intent"
            or not lemma_in(anchor, PROMISES)
            or not clause_complements(anchor)
        ):
            return None
        verbs = [anchor, anchor.head] if candidate.kind == "adjective" else [anchor]
        draft = Draft("AGREE", anchor, candidate.tokens, verbs, wrapped=True)
        draft.sources, draft.explicit_source = self._wrapper_subjects(candidate)
        draft.targets = without(self.parties.verb_targets(anchor, "AGREE"), draft.sources)
        return draft

    def _wrap_first(
        self, candidate: Candidate, kids: list[tuple[int, str]], tree: Tree
    ) -> Draft | None:
        for k, relation in kids:
            if relation == SUBJECT:
                continue
            if candidate.role == "cease" and _without(candidate.anchor, tree.candidates[k].anchor):
                continue  # "talks ended without a deal": no deal was stopped
            inner = self._resolve(k, tree)
            if inner is None:
                continue
            if relation == CLAUSE and self._own_clause(candidate, inner):
                self.extra.append(inner)  # "Ukraine rejected... Moscow demanded": two events
                continue
            return self._wrap(candidate, inner, relation)
        return None

    def _denies_statement(self, candidate: Candidate) -> bool:
        """ "rejected the report", "dismissed the claims": a denial, left to attribution."""
        rejects = candidate.rule is not None and candidate.rule.type == "REJECT"
        if candidate.role not in ("refuse", "deny") and not rejects:
            return False
        objects = children(candidate.anchor, ("dobj", "nsubjpass"))
        return any(o.lemma_.lower() in self.lex.statement_objects for o in objects)

    def _own_clause(self, candidate: Candidate, inner: Draft) -> bool:
        """A clause with its own, different subject under a refusal or promise is a second
        event the parser hung there, not the thing refused or promised."""
        if candidate.role in ("demand", "propose", "deny", "threat", "schedule"):
            return False
        if lemma_in(candidate.anchor, WISHES):
            return False  # "Obama wants Putin to attack": a wish, no event at all
        sources, _ = self._wrapper_subjects(candidate)
        return inner.explicit_source and different(inner.sources, sources)

    def _wrapper_subjects(self, candidate: Candidate) -> tuple[list[Participant], bool]:
        anchor = candidate.anchor
        if candidate.role == "schedule" and is_passive(anchor):
            return self.parties.code_all(passive_subjects(anchor)), True
        return self.parties.subjects(anchor.head if candidate.kind == "adjective" else anchor)

    def _wrap(self, candidate: Candidate, inner: Draft, relation: str) -> Draft | None:
        anchor = candidate.anchor
        role = candidate.role or ""
        verbs = [anchor, anchor.head] if candidate.kind == "adjective" else [anchor]
        sources, _ = self._wrapper_subjects(candidate)
        if role == "intent" and lemma_in(anchor, WISHES) and inner.anchor.dep_ == "ccomp":
            self.consumed |= {t.i for t in anchor.subtree}
            return None  # "hoped that officials would be indicted": a wish
        if role in TRANSPARENT:
            return transparent(role, inner, verbs, sources)
        outer = Draft(inner.type, anchor, candidate.tokens, verbs, wrapped=role not in MATERIAL)
        outer.contexts = set(inner.contexts) | set(
            candidate.rule.contexts if candidate.rule else ()
        )
        outer.sources = sources or (inner.sources if relation == CLAUSE else [])
        outer.explicit_source = bool(sources)
        asked = self.parties.code_all(
            [s for c in children(anchor, ("ccomp",)) for s in children(c, ("nsubj", "nsubjpass"))]
        )
        other = relation == CLAUSE and inner.explicit_source and different(inner.sources, sources)
        objects = self.parties.wrapper_objects(anchor)
        result = wrap(Wrapping(role, outer, inner, objects, asked, other, relation, self.lex))
        if result is outer and not outer.targets:  # "refused to allow UN planes to land"
            outer.targets = without(self.parties.verb_targets(anchor, outer.type), outer.sources)
        return result

    # ------------------------------------------------------------------ one trigger
    def _base(self, candidate: Candidate) -> Draft:
        rule = candidate.rule
        assert rule is not None  # only called for candidates with a rule
        anchor, parties = candidate.anchor, self.parties
        if is_verb(anchor):
            draft = Draft(rule.type, anchor, candidate.tokens, [anchor])
            sources, explicit = parties.subjects(anchor)
            targets = parties.verb_targets(anchor, rule.type)
        else:
            head = parties.stand_in(anchor)
            verb = governing_verb(head)
            draft = Draft(rule.type, anchor, candidate.tokens, [verb] if verb else [], noun=anchor)
            sources, explicit = parties.noun_sources(head, verb)
            targets = parties.noun_targets(head, verb, rule.type)
            if verb is not None and lemma_in(
                verb, RECEIVING
            ):  # "faces sanctions", "came under fire"
                sources, explicit = parties.code_all(parties.args.owners(head)), True
                targets = targets or parties.subjects(verb)[0]
        if rule.reverse:  # "received weapons from the government"
            sources, targets = parties.givers(anchor) or targets, sources
        draft.mode, draft.cameo, draft.weak = rule.mode, rule.cameo, rule.weak
        draft.contexts = set(rule.contexts)
        draft.sources, draft.explicit_source = sources, explicit
        draft.targets = _not_own_forces(without(targets, sources), sources, rule.type)
        if rule.type == "CONSULT":
            draft.targets = draft.targets or parties.mediated(anchor, draft.sources)
        if rule.type in JOINT:  # "talks between X and Y", "an agreement between X and Y"
            draft.sources += parties.co_actors(anchor, draft.sources)
        if rule.type == "ASSAULT" and not draft.sources and is_verb(anchor):
            draft.sources = parties.origin(anchor)
        if rule.type == "PROTEST" and not draft.targets:
            draft.targets = without(parties.protested(anchor, draft.verbs), draft.sources)
        return draft

    # ------------------------------------------------------------------ what is kept
    def _keep(self, draft: Draft) -> bool:
        if draft.noun is not None and draft.anchor.i == draft.noun.i and buried(draft.noun):
            return False  # "appreciation for China's assistance": a mention, not a report
        self._commitments(draft)
        if draft.type == "THREATEN" and not draft.targets and draft.verbs:
            # "threatened a strike unless Israel rescinded": Israel is threatened
            clauses = [t for t in draft.anchor.subtree if is_verb(t)]
            heads = [s for v in clauses for s in condition_subjects(v, CONDITIONS)]
            draft.targets = without(self.parties.code_all(heads), draft.sources)
        if not (draft.sources or draft.targets) and not _topic(draft):
            return False
        return not draft.weak or any(p.country or p.actor_id for p in draft.sources + draft.targets)

    def _commitments(self, draft: Draft) -> None:
        """Will/would of the actor's own, conditions, and "must" in someone else's mouth."""
        speaker = self.parties.reporter(draft.verbs[-1] if draft.verbs else draft.anchor)
        if (
            any(has_aux(v, MUST) for v in draft.verbs)
            and speaker
            and not same_party(speaker, draft.sources)
        ):
            draft.type, draft.mode = "REQUEST", request_mode(draft)
            draft.sources, draft.targets = speaker, draft.sources
            return
        if draft.wrapped or draft.scheduled:
            return
        marks = read_markers(draft.verbs, draft.noun, self.lex)
        conditional = bool(draft.verbs) and has_condition(draft.verbs[0])
        if not (marks.committed or conditional):
            return
        if not conditional and speaker and disjoint(speaker, draft.sources):
            return  # someone else's forecast, not the actor's commitment
        if marks.negated and self.lex.cooperative(draft.type):
            draft.type, draft.mode, draft.refusal = "REJECT", request_mode(draft), True
            return
        if not marks.negated and draft.mode != "resign":
            self._commit(draft, conditional)

    def _commit(self, draft: Draft, conditional: bool) -> None:
        lex = self.lex
        if draft.type in ("AID", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT") or (
            conditional and draft.type == "CONSULT"
        ):
            draft.type, draft.mode, draft.cameo = "AGREE", None, None
        elif (
            lex.material(draft.type)
            and not lex.cooperative(draft.type)
            and draft.type != "MOBILIZE"
        ):
            draft.type, draft.mode, draft.cameo = "THREATEN", threat_mode(draft), None
        draft.future = draft.future or not conditional

    def _must_requests(self, sent: Span, drafts: list[Draft]) -> list[Draft]:
        """ "X said Y must do Z" where Z is no event of the lexicon: still X's REQUEST to Y."""
        used = {t.i for d in drafts for t in (d.anchor, *d.verbs)}
        found = []
        for verb in sent:
            if verb.i in used or not is_verb(verb) or not has_aux(verb, MUST):
                continue
            speaker = self.parties.reporter(verb)
            asked, _ = self.parties.subjects(verb)
            if speaker and asked and not same_party(speaker, asked):
                draft = Draft("REQUEST", verb, (verb,), [verb], mode="change", wrapped=True)
                draft.sources, draft.targets = speaker, asked
                found.append(draft)
        return found


def _merge_purposes(drafts: list[Draft]) -> list[Draft]:
    """ "staged rallies to demand reforms": the demand is the protest's, one event; "opened
    fire to disperse demonstrators": the fire is aimed at the demonstrators."""
    kept = list(drafts)
    for draft in drafts:
        heads = {draft.anchor.i, *(v.i for v in draft.verbs)}
        for other in list(kept):
            purpose = (
                other.anchor.dep_ in ("advcl", "xcomp", "acl") and other.anchor.head.i in heads
            )
            if other is draft or not purpose:
                continue
            draft.sources = draft.sources or other.sources
            draft.targets = draft.targets or without(other.targets, draft.sources)
            if draft.type == "PROTEST" and other.type in PURPOSES:
                kept.remove(other)
    return kept


def _not_own_forces(
    targets: list[Participant], sources: list[Participant], event_type: str
) -> list[Participant]:
    """ "withdrew its troops", "deployed its forces": one's own forces are not a target."""
    if event_type not in ("RETREAT", "MOBILIZE"):
        return targets
    countries = {s.country for s in sources if s.country}
    return [t for t in targets if not _own_forces(t, countries)]


def _own_forces(target: Participant, countries: set[str]) -> bool:
    return target.sector in ("MIL", "GOV") and (not target.country or target.country in countries)


def _topic(draft: Draft) -> bool:
    """Talks that are themselves the subject of their happening: "talks will resume on
    February 1", "the second round opened in Abu Dhabi" (not "the talks were productive")."""
    if draft.noun is None or draft.type != "CONSULT":
        return False
    noun = carrier(draft.noun)  # "a second round of talks would be held"
    return noun.dep_ in ("nsubj", "nsubjpass") and lemma_in(noun.head, HAPPENING) is not None


def _without(verb: Token, token: Token) -> bool:
    """Whether ``token`` hangs from the verb through "without" ("ended without a deal")."""
    while token.head.i != token.i and token.head.i != verb.i:
        token = token.head
    return token.head.i == verb.i and token.dep_ == "prep" and token.lower_ == "without"
