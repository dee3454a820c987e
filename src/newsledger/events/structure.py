"""The tree of trigger candidates in a sentence: which event word governs which.

Each candidate hangs under the nearest candidate above it in the dependency tree, and the path
between them says how: a complement clause ("agreed to meet": clause), an object or a phrase
inside it ("rejected the demand to withdraw", "killed in an air strike": object), the subject
("the strike killed": subject), or anything across a relative, adverbial or coordinated clause
(background: a separate event).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.events.draft import BACKGROUND, CLAUSE, OBJECT, SUBJECT
from newsledger.events.syntax import words
from newsledger.events.triggers import Candidate

BLOCKING = frozenset(
    ["relcl", "advcl", "appos", "conj", "parataxis", "npadvmod", "csubj", "dep", "mark", "cc"]
)
OBJECT_PATH = words(
    "dobj prep pobj pcomp dative attr oprd nsubjpass agent acl compound amod nmod xcomp "
    "ccomp acomp poss iobj advmod"
)
# Beyond this many steps an event is not another's complement ("seeking to mend ties frayed by
# a threat" is not a threat of the seeker's).
MAX_PATH = 4
# Event nouns that take a that-clause through their verb: "repeated its demand that Kyiv
# withdraw", "issued an ultimatum that...".
CLAUSE_NOUNS = frozenset({"REQUEST", "THREATEN", "AGREE", "REJECT"})


@dataclass
class Tree:
    """A sentence's candidates, each one's governor and relation, and each one's children."""

    candidates: dict[int, Candidate]
    governor: dict[int, tuple[int, str] | None]
    children: dict[int, list[tuple[int, str]]]

    def roots(self) -> list[tuple[int, bool]]:
        """Candidates read on their own, with whether they stand in another's background."""
        return [
            (i, gov is not None)
            for i, gov in self.governor.items()
            if gov is None or gov[1] == BACKGROUND
        ]


def build_tree(candidates: dict[int, Candidate]) -> Tree:
    governor = {i: _governor(c, candidates) for i, c in candidates.items()}
    kids: dict[int, list[tuple[int, str]]] = {i: [] for i in candidates}
    for i, gov in governor.items():
        if gov is not None and gov[1] != BACKGROUND:
            kids[gov[0]].append((i, gov[1]))
    return Tree(candidates, governor, kids)


def _governor(candidate: Candidate, candidates: dict[int, Candidate]) -> tuple[int, str] | None:
    own = {t.i for t in candidate.tokens}
    node = candidate.anchor
    path: list[str] = []
    while node.head.i != node.i:
        path.append(node.dep_)
        node = node.head
        if node.i in candidates and node.i not in own:
            if _participle(candidate.anchor):
                return node.i, BACKGROUND  # "demonstrators protesting...": their own event
            return node.i, relation(list(reversed(path)))
        noun = _clause_noun(node, path, candidates)
        if noun is not None:
            return noun, CLAUSE
    return None


def _clause_noun(node: Token, path: list[str], candidates: dict[int, Candidate]) -> int | None:
    """A that-clause on a verb whose object is a demand or threat belongs to that noun."""
    if path[-1] != "ccomp":
        return None
    for child in node.children:
        found = candidates.get(child.i)
        if child.dep_ == "dobj" and found and found.rule and found.rule.type in CLAUSE_NOUNS:
            return child.i
    return None


def _participle(anchor: Token) -> bool:
    """ "demonstrators protesting", "damaged ties": a participle describing a noun."""
    return anchor.dep_ in ("acl", "amod") and anchor.tag_ in ("VBG", "VBN")


def relation(path: list[str]) -> str:
    """Classify the dependency path from the governor down to the candidate."""
    if any(dep in BLOCKING for dep in path) or len(path) > MAX_PATH:
        return BACKGROUND
    first = path[0]
    if first in ("xcomp", "ccomp"):
        return CLAUSE
    if first == "nsubj":
        return SUBJECT if all(d in ("compound", "amod", "nmod") for d in path[1:]) else BACKGROUND
    if all(d in OBJECT_PATH for d in path):
        return OBJECT
    return BACKGROUND
