"""Which claims say the same thing: candidate pairs without comparing all pairs, then a test.

Candidates come from blocks (claims giving a value of the same slot, or of the same claim
kind). A small block is compared in full; a large one through random-hyperplane signatures
of the embeddings, sorted under several bit permutations with each claim compared to its
next ``window`` neighbours (Charikar's sorted-signature scheme), so the work grows with
``claims x rounds x window`` rather than with the square of the ledger. A candidate is
accepted when its cosine similarity is high enough for the evidence the values, actors and
places add, and when nothing in them says the two claims are about different things.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsledger.crosscheck.claim_values import different_happenings, slot, value_evidence

Claim = Mapping[str, Any]
Vectors = NDArray[np.float32]
Pairs = NDArray[np.int64]
BITS = 64  # one unsigned 64-bit sort key per claim and round


@dataclass(frozen=True)
class MatchSettings:
    """The thresholds and the candidate scheme; defaults measured on the gold set."""

    strong: float = 0.8  # similar enough on its own (subject permitting)
    supported: float = 0.72  # with evidence 2 (a shared party and a slot, say)
    weak: float = 0.5  # with evidence 3 or more (an equal value, say)
    exact_ledger: int = 2000  # up to this many claims, every pair is compared
    exact_block: int = 128  # in a larger ledger, blocks up to this size are compared in full
    rounds: int = 6
    window: int = 8
    seed: int = 2026
    cohesion: float = 0.65  # mean-vector similarity two groups need to join


def block_keys(claim: Claim) -> list[str]:
    """The blocks a claim is compared in: all claims, and each party, place and slot it names.

    The smaller blocks give claims with something in common more chances to meet in a large
    ledger, where the block of all claims is searched by signature neighbours only.
    """
    keys = {"all"}
    parties, places = subject_ids(claim)
    keys.update(f"party:{p}" for p in parties)
    keys.update(f"place:{p}" for p in places)
    keys.update(f"slot:{kind}:{unit}" for kind, unit in map(slot, claim.get("values") or ()))
    return sorted(keys)


def candidate_chunks(
    keys: Sequence[Sequence[str]], vectors: Vectors, settings: MatchSettings | None = None
) -> Iterator[Pairs]:
    """Pairs (i, j) worth testing, chunk by chunk (with repeats across chunks).

    Every pair in a small ledger. Else all pairs of each small block, and in large blocks each
    claim with its next ``window`` neighbours in ``rounds`` orders of permuted signature bits.
    """
    settings = settings or MatchSettings()
    if len(keys) <= settings.exact_ledger:
        yield from _all_pairs(np.arange(len(keys), dtype=np.int64), np.zeros(len(keys), np.int64))
        return
    items, blocks = _entries(keys)
    sizes = np.bincount(blocks) if len(blocks) else np.zeros(0, dtype=np.int64)
    small = sizes[blocks] <= settings.exact_block
    yield from _all_pairs(items[small], blocks[small])
    if (~small).any():
        yield from _neighbour_pairs(items[~small], blocks[~small], vectors, settings)


def candidate_pairs(
    keys: Sequence[Sequence[str]], vectors: Vectors, settings: MatchSettings | None = None
) -> Pairs:
    """Every candidate pair once, as (i, j) with i < j."""
    chunks = list(candidate_chunks(keys, vectors, settings))
    return _unique(np.concatenate(chunks) if chunks else np.zeros((0, 2), np.int64), len(keys))


def _entries(keys: Sequence[Sequence[str]]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    ids: dict[str, int] = {}
    items: list[int] = []
    blocks: list[int] = []
    for index, claim_keys in enumerate(keys):
        for key in claim_keys:
            items.append(index)
            blocks.append(ids.setdefault(key, len(ids)))
    return np.asarray(items, dtype=np.int64), np.asarray(blocks, dtype=np.int64)


def _all_pairs(items: NDArray[np.int64], blocks: NDArray[np.int64]) -> Iterator[Pairs]:
    order = np.argsort(blocks, kind="stable")
    items, blocks = items[order], blocks[order]
    bounds = np.flatnonzero(np.diff(blocks)) + 1
    for members in np.split(items, bounds):
        if len(members) > 1:
            left, right = np.triu_indices(len(members), k=1)
            yield np.stack([members[left], members[right]], axis=1)


def signatures(vectors: Vectors, settings: MatchSettings) -> NDArray[np.bool_]:
    """One bit per random hyperplane: which side of it each vector lies on."""
    rng = np.random.default_rng(settings.seed)
    planes = rng.standard_normal((vectors.shape[1], BITS)).astype(np.float32)
    return np.asarray(vectors @ planes > 0)


def _neighbour_pairs(
    items: NDArray[np.int64], blocks: NDArray[np.int64], vectors: Vectors, settings: MatchSettings
) -> Iterator[Pairs]:
    bits = signatures(vectors, settings)
    rng = np.random.default_rng(settings.seed + 1)
    for _ in range(settings.rounds):
        permuted = np.packbits(bits[:, rng.permutation(BITS)], axis=1)
        keys = np.ascontiguousarray(permuted).view(">u8").ravel()[items]
        order = np.lexsort((keys, blocks))
        ordered_items, ordered_blocks = items[order], blocks[order]
        for step in range(1, settings.window + 1):
            same = ordered_blocks[:-step] == ordered_blocks[step:]
            yield np.stack([ordered_items[:-step][same], ordered_items[step:][same]], axis=1)


def _unique(pairs: Pairs, count: int) -> Pairs:
    if not len(pairs):
        return np.zeros((0, 2), dtype=np.int64)
    low, high = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    codes = np.unique((low * count + high)[low != high])
    return np.stack([codes // count, codes % count], axis=1)


def similarities(pairs: Pairs, vectors: Vectors, chunk: int = 8192) -> NDArray[np.float32]:
    """Cosine similarity of each pair (the vectors are L2-normalised)."""
    out = np.empty(len(pairs), dtype=np.float32)
    for begin in range(0, len(pairs), chunk):
        part = pairs[begin : begin + chunk]
        out[begin : begin + chunk] = np.einsum("ij,ij->i", vectors[part[:, 0]], vectors[part[:, 1]])
    return out


_STATE = re.compile(r"^(?:country|gov|mil|state)[.:]([A-Z]{3})$")


def _canonical(identifier: str) -> str:
    """A country, its government and its forces are one party here: ``gov.RUS`` -> ``RUS``."""
    match = _STATE.match(identifier)
    return match[1] if match else identifier


def subject_ids(claim: Claim) -> tuple[set[str], set[str]]:
    """Parties (actors and countries) and places (below country) the claim is about.

    Its own claimant is who speaks, not what it is about.
    """
    speaker = str(claim.get("claimant_actor_id") or "")
    parties = {_canonical(str(i)) for i in claim.get("actors") or () if i and i != speaker}
    places: set[str] = set()
    for place in claim.get("places") or ():
        canonical = _canonical(str(place))
        (places if canonical == str(place) else parties).add(canonical)
    return parties, places


@dataclass(frozen=True, slots=True)
class Profile:
    """What the acceptance test reads of a claim, worked out once per claim."""

    role: bool
    substantive: bool
    parties: frozenset[str]
    places: frozenset[str]
    values: tuple[Mapping[str, Any], ...]

    @classmethod
    def of(cls, claim: Claim) -> Profile:
        parties, places = subject_ids(claim)
        return cls(
            role=claim.get("kind") == "role",
            substantive=substantive(claim),
            parties=frozenset(parties),
            places=frozenset(places),
            values=tuple(claim.get("values") or ()),
        )


def evidence(a: Claim | Profile, b: Claim | Profile) -> int | None:
    """Shared evidence that two claims are about one thing; None when something rules it out.

    Parties or places named on both sides with nothing in common rule a match out; so do a
    role claim ("US envoy Steve Witkoff") against any other kind, and a different date with
    another different value (``different_happenings``). A shared party or place
    counts one; values count as ``value_evidence`` says.
    """
    pa = a if isinstance(a, Profile) else Profile.of(a)
    pb = b if isinstance(b, Profile) else Profile.of(b)
    if pa.role != pb.role or different_happenings(pa.values, pb.values):
        return None
    score = 0
    for mine, theirs in ((pa.parties, pb.parties), (pa.places, pb.places)):
        if mine and theirs:
            if not mine & theirs:
                return None
            score += 1
    return score + value_evidence(pa.values, pb.values)


_WORD = re.compile(r"\w+")
_FUNCTION = {
    "a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "but", "is", "are",
    "was", "were", "be", "been", "has", "have", "had", "will", "would", "that", "this", "it",
    "its", "by", "with", "from", "as",
}  # fmt: skip
MIN_WORDS = 3


def substantive(claim: Claim) -> bool:
    """At least three content words: "on Wednesday" alone says nothing to match on."""
    words = _WORD.findall(str(claim.get("text") or "").lower())
    return sum(1 for w in words if w not in _FUNCTION) >= MIN_WORDS


def accept(
    a: Claim | Profile,
    b: Claim | Profile,
    similarity: float,
    settings: MatchSettings | None = None,
) -> bool:
    """Whether two claims say the same thing (possibly with different values)."""
    settings = settings or MatchSettings()
    pa = a if isinstance(a, Profile) else Profile.of(a)
    pb = b if isinstance(b, Profile) else Profile.of(b)
    if similarity < settings.weak or not (pa.substantive and pb.substantive):
        return False
    shared = evidence(pa, pb)
    if shared is None:
        return False
    if similarity >= settings.strong:
        return True
    return shared >= 3 or (shared >= 2 and similarity >= settings.supported)


def match(
    claims: Sequence[Claim], vectors: Vectors, settings: MatchSettings | None = None
) -> list[tuple[int, int, float]]:
    """Accepted pairs (i, j, similarity) among ``claims``, whose rows in ``vectors`` align.

    Candidates are filtered by similarity chunk by chunk, so memory holds only the pairs
    similar enough to test, not every candidate.
    """
    settings = settings or MatchSettings()
    kept: list[Pairs] = [np.zeros((0, 2), dtype=np.int64)]
    for chunk in candidate_chunks([block_keys(c) for c in claims], vectors, settings):
        sims = similarities(chunk, vectors)
        kept.append(chunk[sims >= settings.weak])
    pairs = _unique(np.concatenate(kept), len(claims))
    sims = similarities(pairs, vectors)
    profiles: dict[int, Profile] = {}

    def profile(i: int) -> Profile:
        if i not in profiles:
            profiles[i] = Profile.of(claims[i])
        return profiles[i]

    return [
        (i, j, s)
        for i, j, s in zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), sims.tolist(), strict=True)
        if accept(profile(i), profile(j), s, settings)
    ]


def clusters(
    count: int,
    pairs: Iterable[tuple[int, int, float]],
    vectors: Vectors | None = None,
    cohesion: float = 0.65,
) -> list[list[int]]:
    """Connected groups of ``count`` items (union-find); singletons included, in index order.

    Pairs join groups most similar first. With ``vectors``, two groups of more than two items
    together join only when their mean vectors are similar too (``cohesion``, or the pair's
    own similarity if lower): one chain of pairs, each a little off the last, cannot pull
    different claims into one group.
    """
    parent = list(range(count))
    sums: dict[int, NDArray[np.float32]] = {}
    sizes = [1] * count

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, similarity in sorted(pairs, key=lambda p: -p[2]):
        ri, rj = root(i), root(j)
        if ri == rj:
            continue
        if vectors is not None:
            a, b = sums.get(ri, vectors[ri]), sums.get(rj, vectors[rj])
            if sizes[ri] + sizes[rj] > 2 and _cosine(a, b) < min(similarity, cohesion):
                continue
            sums[min(ri, rj)] = a + b
        parent[max(ri, rj)] = min(ri, rj)
        sizes[min(ri, rj)] = sizes[ri] + sizes[rj]
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _cosine(a: NDArray[np.float32], b: NDArray[np.float32]) -> float:
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0
