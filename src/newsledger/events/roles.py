"""What a wrapper word makes of the event it governs.

- ``intent`` ("agreed to", "pledged to", "ready to"): cooperation becomes AGREE, material
  conflict THREATEN, a promise of restraint ("agreed not to fire") AGREE, a negated intention
  ("not willing to") REJECT; a wish about what someone else should do is no event.
- ``threat``: THREATEN ("warned" only when the warned-of act is the speaker's own conflict).
- ``demand``: REQUEST of the addressee; when a leader orders his own side, the ordered act.
- ``refuse``: REJECT of the proposer.
- ``fail``: a failed cooperation is REJECT, anything else a negated event.
- ``prepare``: prepared conflict is MOBILIZE.
- ``propose``: AGREE of one's own act, REQUEST of another's; hypothetical.
- ``cease`` and ``defer``: see ``draft.cease`` and ``draft.defer``.
- ``aspect``, ``schedule`` and ``deny``: the event itself, with the wrapper's markers
  (schedule: future; deny: negated).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.events.draft import (
    OBJECT,
    Draft,
    cease,
    defer,
    disjoint,
    request_mode,
    threat_mode,
    typed,
)
from newsledger.events.lexicon import Lexicon
from newsledger.events.markers import negated_verb
from newsledger.events.model import Participant

TRANSPARENT = frozenset({"aspect", "schedule", "deny"})


@dataclass
class Wrapping:
    """A wrapper over an event: the new reading (``outer``) and what it wraps (``inner``)."""

    role: str
    outer: Draft
    inner: Draft
    objects: list[Participant]  # whom the wrapper addresses: "pressed Kyiv", "the Russian demand"
    asked: list[Participant]  # the subject of its that-clause: "demanded that the US cancel"
    other: bool  # the wrapped clause names its own, different actor
    relation: str
    lex: Lexicon


def transparent(role: str, inner: Draft, verbs: list[Token], sources: list[Participant]) -> Draft:
    """Aspect ("continued to send"), schedule ("is set to meet") and denial ("denied
    pressing"): the event itself, read with the wrapper's verbs too."""
    inner.verbs += verbs
    inner.sources = inner.sources or sources
    inner.future = inner.future or role == "schedule"
    inner.scheduled = inner.scheduled or role == "schedule"
    inner.negated = inner.negated or role == "deny"
    return inner


def wrap(w: Wrapping) -> Draft | None:
    handler = HANDLERS.get(w.role)
    return handler(w) if handler else w.inner


def _intent(w: Wrapping) -> Draft | None:
    lex, outer, inner = w.lex, w.outer, w.inner
    if w.other:
        return None  # a wish about what others should do is an appeal, not an event
    aimed = w.objects or inner.targets
    if any(negated_verb(v) for v in outer.verbs) and lex.cooperative(inner.type):
        outer.refusal = True
        return typed(outer, "REJECT", request_mode(inner), aimed)
    restraint = inner.negated or any(negated_verb(v) for v in inner.verbs)
    conflict = lex.material(inner.type) and not lex.cooperative(inner.type)
    if lex.cooperative(inner.type) or (restraint and conflict):
        return typed(outer, "AGREE", None, aimed)  # "agreed not to fire": a promise of restraint
    if conflict:
        return typed(outer, "THREATEN", threat_mode(inner), aimed)
    return typed(outer, inner.type, inner.mode, aimed)


def _threat(w: Wrapping) -> Draft | None:
    material_conflict = w.lex.material(w.inner.type) and not w.lex.cooperative(w.inner.type)
    if w.outer.anchor.lemma_ == "warn" and (w.other or not material_conflict):
        return w.inner  # a forecast of what someone else will do, not a threat
    return typed(w.outer, "THREATEN", threat_mode(w.inner), w.objects or w.inner.targets)


def _demand(w: Wrapping) -> Draft | None:
    outer, inner = w.outer, w.inner
    if w.objects and _own_side(w.objects, outer.sources):
        # "Putin ordered the army to recruit": a leader acting through his own side
        inner.sources, inner.verbs = outer.sources, inner.verbs + outer.verbs
        return inner
    asked = w.objects or w.asked or (inner.sources if w.other else inner.targets)
    return typed(outer, "REQUEST", request_mode(inner), asked)


def _own_side(objects: list[Participant], sources: list[Participant]) -> bool:
    """Forces or officials of the orderer's own state ("ordered the army", "ordered patrols
    by police"), not another party."""
    state = ("MIL", "GOV", "COP", "SPY")
    return all(o.sector in state for o in objects) and not disjoint(objects, sources, unknown=True)


def _refuse(w: Wrapping) -> Draft | None:
    inner = w.inner
    proposer = inner.sources if w.relation == OBJECT and inner.noun is not None else []
    mode = inner.mode if inner.type in ("REQUEST", "REJECT") else request_mode(inner)
    return typed(w.outer, "REJECT", mode, w.objects or proposer or inner.targets)


def _fail(w: Wrapping) -> Draft | None:
    if w.lex.cooperative(w.inner.type):
        return typed(w.outer, "REJECT", request_mode(w.inner), w.inner.targets)
    w.inner.negated = True
    return w.inner


def _prepare(w: Wrapping) -> Draft | None:
    if w.lex.material(w.inner.type) and not w.lex.cooperative(w.inner.type):
        return typed(w.outer, "MOBILIZE", "weapons", w.inner.targets)
    w.inner.verbs += w.outer.verbs
    return w.inner


def _propose(w: Wrapping) -> Draft | None:
    w.outer.hypothetical = True
    if w.other:
        return typed(w.outer, "REQUEST", request_mode(w.inner), w.inner.sources)
    return typed(w.outer, "AGREE", None, w.objects or w.inner.targets)


def _cease(w: Wrapping) -> Draft | None:
    return cease(w.outer, w.inner)


def _defer(w: Wrapping) -> Draft | None:
    return defer(w.outer, w.inner)


HANDLERS: dict[str, Callable[[Wrapping], Draft | None]] = {
    "intent": _intent,
    "threat": _threat,
    "demand": _demand,
    "refuse": _refuse,
    "fail": _fail,
    "prepare": _prepare,
    "propose": _propose,
    "cease": _cease,
    "defer": _defer,
}
# Wrappers whose reading is itself a material act ("stopped strikes" is a RETREAT done), so
# that will/would still make it a commitment.
MATERIAL = frozenset({"cease", "defer", "prepare"})
