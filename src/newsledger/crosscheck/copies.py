"""Near-verbatim copies, rewrites and reused paragraphs across the ledger (step "copies").

Verbatim copies never get here: ingest stores one text once and records each further outlet as
a sighting. This step finds the rest in three passes that keep memory bounded:

1. Signatures. Articles stream from the database in batches. Each paragraph becomes a set of
   word 4-gram shingles (case and punctuation ignored) and a datasketch MinHash of 32 values;
   the article's MinHash is the union of its paragraphs'. Only band keys are kept (20 uint64
   values per paragraph and per article), never the texts.
2. Candidates (locality-sensitive hashing). The 60 values are cut into 20 bands of 3; two
   paragraphs (or two articles) that agree on a whole band are candidates. Each band is sorted
   once, so the pass is O(n log n); pairs of Jaccard 0.5 collide with probability 0.93, of 0.3
   with 0.42 (an article copy has several paragraphs, each a chance), of 0.1 with 0.02. A band
   value shared by very many paragraphs (boilerplate, a wire story printed everywhere) links
   each of them to the earliest one only instead of to each other.
3. Decision. For each candidate pair the two texts are read back and compared exactly. The
   later article's *containment* is the share of its shingles found in the earlier one: at
   ``NEAR`` (0.8) or more it is a near-verbatim copy, at ``REWRITE`` (0.45) or more a rewrite
   that keeps most sentences; below, it is independent. Paragraphs of the later article whose
   shingles are at least half found in a paragraph of an earlier one are stored as reused
   paragraphs, with both spans, whatever the article-level decision.

The original is the earliest published (ties: the fuller text, then a wire outlet). A copy of a
copy counts as a copy of the first original. ``voices`` maps every article to its original.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

from newsledger.store import Ledger

SHINGLE = 4
NUM_PERM = 60
ROWS = 3
BANDS = NUM_PERM // ROWS
MIN_SHINGLES = 8
"""Paragraphs with fewer shingles (under 11 words) are not compared on their own."""
ALL_PAIRS_UP_TO = 12
"""Band buckets up to this size pair every member; larger ones link members to the earliest."""
NEAR = 0.8
REWRITE = 0.45
PARAGRAPH = 0.5
BATCH = 256

_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_WIRE = re.compile(
    r"\b(wire|agency|press|news service|reuters|associated press|afp|tass|interfax)\b", re.I
)

U32 = npt.NDArray[np.uint32]
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=7).permutations


# -- shingles and signatures ------------------------------------------------------------------


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; ingest separates paragraphs by one blank line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


class _Hasher:
    """Word 4-gram shingles as 32-bit hashes; word hashes are cached (the vocabulary is small)."""

    def __init__(self) -> None:
        self.words: dict[str, int] = {}

    def shingles(self, text: str) -> U32:
        """The distinct shingle hashes of a text."""
        words = _WORD.findall(text.casefold())
        codes = np.fromiter((self._word(w) for w in words), dtype=np.uint64, count=len(words))
        if len(codes) < SHINGLE:
            return codes.astype(np.uint32)  # a few words: the words themselves
        mixed = np.zeros(len(codes) - SHINGLE + 1, dtype=np.uint64)
        for k in range(SHINGLE):
            mixed = mixed * np.uint64(1_000_003) + codes[k : len(codes) - SHINGLE + 1 + k]
        return (mixed ^ (mixed >> np.uint64(29))).astype(np.uint32)

    def _word(self, word: str) -> int:
        code = self.words.get(word)
        if code is None:
            code = self.words[word] = zlib.crc32(word.encode("utf-8"))
        return code


def minhash(shingles: U32) -> U32:
    """The datasketch MinHash (affine32 scheme, 60 permutations) of a shingle set."""
    sketch = MinHash(num_perm=NUM_PERM, permutations=_PERMUTATIONS, scheme="affine32", hashfunc=int)
    sketch.update_batch(np.unique(shingles).tolist())
    return np.asarray(sketch.hashvalues, dtype=np.uint32)


@dataclass
class _Signatures:
    """What pass 1 keeps: per-article metadata and the MinHash arrays, no text."""

    ids: list[str] = field(default_factory=list)
    rank_keys: list[tuple[Any, ...]] = field(default_factory=list)
    articles: list[npt.NDArray[np.uint64]] = field(default_factory=list)
    paragraphs: list[npt.NDArray[np.uint64]] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)

    def add(self, row: sqlite3.Row, hasher: _Hasher) -> None:
        index = len(self.ids)
        self.ids.append(row["id"])
        self.rank_keys.append(_rank_key(row))
        whole = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
        for start, end in paragraph_spans(row["text"]):
            shingles = hasher.shingles(row["text"][start:end])
            if not len(shingles):
                continue
            signature = minhash(shingles)
            whole = np.minimum(whole, signature)
            if len(shingles) >= MIN_SHINGLES:
                self.paragraphs.append(band_keys(signature))
                self.owners.append(index)
        self.articles.append(band_keys(whole))


def band_keys(signature: U32) -> npt.NDArray[np.uint64]:
    """One uint64 per band of ROWS values: equal keys mean (almost surely) an equal band."""
    rows = signature.reshape(BANDS, ROWS).astype(np.uint64)
    keys = np.zeros(BANDS, dtype=np.uint64)
    for k in range(ROWS):
        keys = keys * np.uint64(4_294_967_311) + rows[:, k]
    return keys


def _rank_key(row: sqlite3.Row) -> tuple[Any, ...]:
    """Sorts originals first: dated before undated, earliest, fullest, wire outlets, id."""
    published = row["published"]
    wire = bool(row["outlet"] and _WIRE.search(row["outlet"]))
    return (published is None, published or "", -int(row["chars"]), not wire, row["id"])


def _stream(db: sqlite3.Connection) -> Iterator[sqlite3.Row]:
    cursor = db.execute("SELECT id, published, outlet, chars, text FROM articles ORDER BY rowid")
    while rows := cursor.fetchmany(BATCH):
        yield from rows


# -- candidates -------------------------------------------------------------------------------


def _band_pairs(
    bands: npt.NDArray[np.uint64], owners: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Pairs of owners (as ``low * n + high`` codes) that agree on at least one band."""
    found: list[npt.NDArray[np.int64]] = []
    n = np.int64(int(owners.max()) + 1 if len(owners) else 1)
    for band in range(BANDS):
        keys = bands[:, band]
        order = np.lexsort((owners, keys))
        keys, members = keys[order], owners[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        sizes = np.diff(np.r_[starts, len(keys)])
        twos = starts[sizes == 2]  # the common case, done at once; members are sorted
        distinct = members[twos] != members[twos + 1]
        found.append(members[twos][distinct] * n + members[twos + 1][distinct])
        for start, size in zip(starts[sizes > 2], sizes[sizes > 2], strict=True):
            found.append(_bucket_pairs(members[start : start + size], n))
    if not found:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(np.unique(np.concatenate(found)), dtype=np.int64)


def _bucket_pairs(members: npt.NDArray[np.int64], n: np.int64) -> npt.NDArray[np.int64]:
    members = np.unique(members)  # owners are ranks: the first is the earliest
    if len(members) <= ALL_PAIRS_UP_TO:
        low, high = np.triu_indices(len(members), k=1)
        return np.asarray(members[low] * n + members[high], dtype=np.int64)
    return np.asarray(members[0] * n + members[1:], dtype=np.int64)


# -- decision ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    spans: list[tuple[int, int]]
    paragraphs: list[frozenset[int]]
    shingles: frozenset[int]


class _Texts:
    """Shingle sets of articles read back on demand, a bounded number kept."""

    def __init__(self, db: sqlite3.Connection, hasher: _Hasher, keep: int = 512) -> None:
        self.db, self.hasher, self.keep = db, hasher, keep
        self.cache: OrderedDict[str, _Text] = OrderedDict()

    def get(self, article_id: str) -> _Text:
        if article_id in self.cache:
            self.cache.move_to_end(article_id)
            return self.cache[article_id]
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        spans = paragraph_spans(row["text"])
        paragraphs = [frozenset(self.hasher.shingles(row["text"][s:e]).tolist()) for s, e in spans]
        text = _Text(spans, paragraphs, frozenset().union(*paragraphs))
        self.cache[article_id] = text
        if len(self.cache) > self.keep:
            self.cache.popitem(last=False)
        return text


@dataclass(frozen=True)
class ArticleCopy:
    article_id: str
    source_id: str
    kind: str
    containment: float
    jaccard: float


@dataclass(frozen=True)
class ParagraphCopy:
    article_id: str
    start: int
    end: int
    source_id: str
    source_start: int
    source_end: int
    containment: float


def _compare(
    later: str, earlier: list[str], texts: _Texts
) -> tuple[ArticleCopy | None, list[ParagraphCopy]]:
    """The later article against its earlier candidates (earliest first)."""
    copy = texts.get(later)
    best: ArticleCopy | None = None
    reused: dict[int, ParagraphCopy] = {}
    for source_id in earlier:
        source = texts.get(source_id)
        shared = len(copy.shingles & source.shingles)
        containment = shared / max(len(copy.shingles), 1)
        if containment >= REWRITE and (best is None or containment > best.containment + 0.05):
            jaccard = shared / max(len(copy.shingles | source.shingles), 1)
            kind = "near" if containment >= NEAR else "rewrite"
            best = ArticleCopy(later, source_id, kind, round(containment, 4), round(jaccard, 4))
        for i, paragraph in enumerate(copy.paragraphs):
            if i in reused or len(paragraph) < MIN_SHINGLES:
                continue  # an earlier source already claimed it
            match = _paragraph_match(paragraph, source)
            if match is not None:
                (s, e), (ss, se), score = copy.spans[i], source.spans[match[0]], match[1]
                reused[i] = ParagraphCopy(later, s, e, source_id, ss, se, round(score, 4))
    return best, [reused[i] for i in sorted(reused)]


def _paragraph_match(paragraph: frozenset[int], source: _Text) -> tuple[int, float] | None:
    scores = [len(paragraph & other) / len(paragraph) for other in source.paragraphs]
    if not scores or max(scores) < PARAGRAPH:
        return None
    best = max(range(len(scores)), key=scores.__getitem__)
    return best, scores[best]


# -- the step ---------------------------------------------------------------------------------


@dataclass
class CopyReport:
    articles: int = 0
    candidates: int = 0
    copies: list[ArticleCopy] = field(default_factory=list)
    paragraphs: list[ParagraphCopy] = field(default_factory=list)
    originals: dict[str, str] = field(default_factory=dict)


def find_copies(db: sqlite3.Connection) -> CopyReport:
    """Every near copy, rewrite and reused paragraph in the database (reads only)."""
    hasher = _Hasher()
    signatures = _Signatures()
    for row in _stream(db):
        signatures.add(row, hasher)
    report = CopyReport(articles=len(signatures.ids))
    if not signatures.ids:
        return report
    # Owners are renumbered by rank so that a smaller number is always the likelier original.
    order = sorted(range(len(signatures.ids)), key=signatures.rank_keys.__getitem__)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    ids = [signatures.ids[i] for i in order]
    codes = [_band_pairs(np.stack(signatures.articles), rank)]
    if signatures.paragraphs:
        owners = rank[np.asarray(signatures.owners, dtype=np.int64)]
        codes.append(_band_pairs(np.stack(signatures.paragraphs), owners))
    del signatures
    pairs = np.unique(np.concatenate(codes))
    report.candidates = len(pairs)
    _decide(db, hasher, ids, pairs, report)
    return report


def _decide(
    db: sqlite3.Connection,
    hasher: _Hasher,
    ids: list[str],
    pairs: npt.NDArray[np.int64],
    report: CopyReport,
) -> None:
    n = len(ids)
    if not len(pairs):
        return
    earlier, later = pairs // n, pairs % n
    by_later = np.argsort(later, kind="stable")
    earlier, later = earlier[by_later], later[by_later]
    bounds: list[int] = np.flatnonzero(np.r_[True, later[1:] != later[:-1]]).tolist()
    texts = _Texts(db, hasher)
    parent: dict[int, int] = {}
    for start, end in zip(bounds, [*bounds[1:], len(later)], strict=True):
        j = int(later[start])
        sources = sorted(int(i) for i in earlier[start:end])
        copy, paragraphs = _compare(ids[j], [ids[i] for i in sources], texts)
        report.paragraphs.extend(paragraphs)
        if copy is not None:
            report.copies.append(copy)
            parent[j] = next(i for i in sources if ids[i] == copy.source_id)
    for j in parent:
        root = j
        while root in parent:
            root = parent[root]
        report.originals[ids[j]] = ids[root]


def run(ledger: Ledger) -> dict[str, Any]:
    """The "copies" step: rewrite article_copies and paragraph_copies."""
    report = find_copies(ledger.db)
    with ledger.transaction() as db:
        db.execute("DELETE FROM article_copies")
        db.execute("DELETE FROM paragraph_copies")
        db.executemany(
            "INSERT INTO article_copies (article_id, original_id, kind, containment, jaccard)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (c.article_id, report.originals[c.article_id], c.kind, c.containment, c.jaccard)
                for c in report.copies
            ],
        )
        db.executemany(
            'INSERT INTO paragraph_copies (article_id, start, "end", source_id, source_start,'
            " source_end, containment) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p.article_id,
                    p.start,
                    p.end,
                    p.source_id,
                    p.source_start,
                    p.source_end,
                    p.containment,
                )
                for p in report.paragraphs
            ],
        )
    return {
        "articles": report.articles,
        "candidate_pairs": report.candidates,
        "near": sum(c.kind == "near" for c in report.copies),
        "rewrite": sum(c.kind == "rewrite" for c in report.copies),
        "reused_paragraphs": len(report.paragraphs),
    }


# -- reading ----------------------------------------------------------------------------------


def has_copies_table(db: sqlite3.Connection) -> bool:
    found = db.execute("SELECT name FROM sqlite_master WHERE name = 'article_copies'").fetchone()
    return found is not None


def voices(db: sqlite3.Connection | Ledger) -> dict[str, str]:
    """Every article id mapped to the id of the original it counts as (itself if no copy)."""
    connection = db.db if isinstance(db, Ledger) else db
    mapping = {row[0]: row[0] for row in connection.execute("SELECT id FROM articles")}
    if has_copies_table(connection):
        for article_id, original_id in connection.execute(
            "SELECT article_id, original_id FROM article_copies"
        ):
            mapping[article_id] = original_id
    return mapping
