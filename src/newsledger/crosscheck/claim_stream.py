"""The claim-clusters step in memory that does not grow with the ledger.

The same matching and grouping as ``claims.build``, worked through temporary tables: each
claim is written once as a numbered report (with its vector key and text); vectors are read
from the ledger a block or a window at a time; candidate pairs similar enough to test go to
a table (which removes repeats), are tested against the claims' profiles a batch at a time,
and are joined most similar first by a union-find over a per-claim integer array, with the
groups' summed vectors kept in a table. Each group is then summarised and checked for
contradictions on its own, and the groups are written in the order ``build`` gives them.
Memory holds per-claim integers and floats (the block entries, the signatures of the
neighbour search, the union-find arrays), one batch of pairs and one group of reports.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from array import array
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsledger.crosscheck.claim_pairs import (
    BITS,
    MatchSettings,
    Profile,
    Vectors,
    _cosine,
    accept,
    block_keys,
)
from newsledger.crosscheck.contradictions import Similar
from newsledger.crosscheck.reports import Report
from newsledger.store import Ledger
from newsledger.store import claim_clusters as store

BATCH = 500  # rows per insert and per IN (...) list
PAIRS = 5000  # candidate pairs tested per batch
SEGMENT = 4096  # positions of one neighbour-search window read at a time
PROFILES = 20000  # claim profiles kept between batches
EMBED_BATCH = 256
DIMENSIONS = 384

WORK = "claim_work"
VECTORS = "claim_work_vectors"
MISSING = "claim_work_missing"
CANDIDATES = "claim_work_candidates"
MATCHES = "claim_work_matches"
SUMS = "claim_work_sums"
GROUPS = "claim_work_groups"
OUT = "claim_work_out"
_TABLES = {
    WORK: "n INTEGER PRIMARY KEY, key TEXT NOT NULL, text TEXT NOT NULL, report TEXT NOT NULL",
    VECTORS: "n INTEGER PRIMARY KEY, vector TEXT NOT NULL",
    MISSING: "key TEXT PRIMARY KEY, text TEXT NOT NULL",
    CANDIDATES: "i INTEGER NOT NULL, j INTEGER NOT NULL, sim REAL NOT NULL, PRIMARY KEY (i, j)",
    MATCHES: "i INTEGER NOT NULL, j INTEGER NOT NULL, sim REAL NOT NULL",
    SUMS: "root INTEGER PRIMARY KEY, vector TEXT NOT NULL",
    GROUPS: "root INTEGER NOT NULL, n INTEGER NOT NULL",
    OUT: "root INTEGER PRIMARY KEY, voices INTEGER NOT NULL, reports INTEGER NOT NULL,"
    " published TEXT NOT NULL, article TEXT NOT NULL, start INTEGER NOT NULL,"
    " payload TEXT NOT NULL",
}


def run(ledger: Ledger, embed: Any = None, settings: MatchSettings | None = None) -> dict[str, Any]:
    """Rebuild the claim clusters and contradictions of the whole ledger in one transaction."""
    settings = settings or MatchSettings()
    with ledger.transaction() as db:
        for table, columns in _TABLES.items():
            db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
            db.execute(f"DELETE FROM {table}")
        count, items, blocks = _write_work(ledger, db)
        cached = embed is None
        if cached:
            _embed_missing(db)
        else:
            _embed_given(db, embed)
        vectors = _Reader(db, cached)
        _candidates(db, count, items, blocks, vectors, settings)
        del items, blocks
        best = _accept(db, count, settings)
        parent = _union(db, count, vectors, settings)
        summary = _write_clusters(db, parent, best, vectors)
        if cached:
            db.execute(f"DELETE FROM claim_embeddings WHERE key NOT IN (SELECT key FROM {WORK})")
        for table in _TABLES:
            db.execute(f"DELETE FROM {table}")
    return {"claims": count, **summary}


# -- the claims, numbered ---------------------------------------------------------------------


def _write_work(
    ledger: Ledger, db: sqlite3.Connection
) -> tuple[int, NDArray[np.int64], NDArray[np.int64]]:
    """Every claim as a numbered report row; the (claim, block) entries of the search."""
    from newsledger.crosscheck.claims import _key, load_reports

    ids: dict[str, int] = {}
    items, blocks = array("q"), array("q")
    rows: list[tuple[int, str, str, str]] = []
    count = 0
    for report in load_reports(ledger):
        rows.append((count, _key(report.text), report.text, _encode(report)))
        for key in block_keys(report.claim):
            items.append(count)
            blocks.append(ids.setdefault(key, len(ids)))
        count += 1
        if len(rows) >= BATCH:
            db.executemany(f"INSERT INTO {WORK} VALUES (?, ?, ?, ?)", rows)
            rows = []
    db.executemany(f"INSERT INTO {WORK} VALUES (?, ?, ?, ?)", rows)
    return count, np.asarray(items, dtype=np.int64), np.asarray(blocks, dtype=np.int64)


def _encode(report: Report) -> str:
    return json.dumps(
        {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}, ensure_ascii=False
    )


def _reports(db: sqlite3.Connection, numbers: Sequence[int]) -> dict[int, Report]:
    found: dict[int, Report] = {}
    for part in _parts(sorted(set(numbers))):
        marks = ",".join("?" * len(part))
        for n, text in db.execute(f"SELECT n, report FROM {WORK} WHERE n IN ({marks})", part):
            found[int(n)] = Report(**json.loads(text))
    return found


def _parts(values: Sequence[int], size: int = BATCH) -> Iterator[list[int]]:
    for begin in range(0, len(values), size):
        yield [int(v) for v in values[begin : begin + size]]


# -- vectors ----------------------------------------------------------------------------------


def _embed_missing(db: sqlite3.Connection) -> None:
    """Embed the texts the ledger holds no vector for, in key order and batches as before."""
    from newsledger.crosscheck import claims as step

    db.execute(
        f"INSERT INTO {MISSING} SELECT key, MIN(text) FROM {WORK} w WHERE NOT EXISTS"
        " (SELECT 1 FROM claim_embeddings e WHERE e.key = w.key) GROUP BY key"
    )
    last = ""
    while True:
        rows = db.execute(
            f"SELECT key, text FROM {MISSING} WHERE key > ? ORDER BY key LIMIT {EMBED_BATCH}",
            (last,),
        ).fetchall()
        if not rows:
            return
        keys = [str(r[0]) for r in rows]
        fresh = step.embed_all([str(r[1]) for r in rows])
        db.executemany(
            "INSERT INTO claim_embeddings VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET vector = excluded.vector",
            [(k, v.astype(np.float32).tobytes()) for k, v in zip(keys, fresh, strict=True)],
        )
        last = keys[-1]


def _embed_given(db: sqlite3.Connection, embed: Any) -> None:
    """Vectors from the given embedder, in claim order and batches as before (kept as hex)."""
    from newsledger.crosscheck import claims as step

    last = -1
    while True:
        rows = db.execute(
            f"SELECT n, text FROM {WORK} WHERE n > ? ORDER BY n LIMIT {EMBED_BATCH}", (last,)
        ).fetchall()
        if not rows:
            return
        fresh = step.embed_all([str(r[1]) for r in rows], embed)
        db.executemany(
            f"INSERT INTO {VECTORS} VALUES (?, ?)",
            [
                (int(r[0]), v.astype(np.float32).tobytes().hex())
                for r, v in zip(rows, fresh, strict=True)
            ],
        )
        last = int(rows[-1][0])


class _Reader:
    """Claims' vectors read from the ledger (or the given embedder's table) on demand."""

    def __init__(self, db: sqlite3.Connection, cached: bool) -> None:
        self.db = db
        self.cached = cached

    def rows(self, numbers: Sequence[int]) -> Vectors:
        """The vectors of ``numbers``, one row each in their order."""
        found: dict[int, NDArray[np.float32]] = {}
        for part in _parts(sorted(set(int(n) for n in numbers))):
            marks = ",".join("?" * len(part))
            if self.cached:
                sql = (
                    f"SELECT w.n, e.vector FROM {WORK} w JOIN claim_embeddings e"
                    f" ON e.key = w.key WHERE w.n IN ({marks})"
                )
            else:
                sql = f"SELECT n, vector FROM {VECTORS} WHERE n IN ({marks})"
            for n, blob in self.db.execute(sql, part):
                raw = bytes(blob) if self.cached else bytes.fromhex(blob)
                found[int(n)] = np.frombuffer(raw, dtype=np.float32)
        if not numbers:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([found[int(n)] for n in numbers])

    def one(self, n: int) -> NDArray[np.float32]:
        row: NDArray[np.float32] = self.rows([n])[0]
        return row


# -- candidate pairs --------------------------------------------------------------------------


def _keep(
    db: sqlite3.Connection,
    left: NDArray[np.int64],
    right: NDArray[np.int64],
    a: Vectors,
    b: Vectors,
    settings: MatchSettings,
) -> None:
    """Store the pairs similar enough to test (each once, as i < j)."""
    sims = np.einsum("ij,ij->i", a, b) if len(left) else np.zeros(0, dtype=np.float32)
    good = (sims >= settings.weak) & (left != right)
    low = np.minimum(left, right)[good]
    high = np.maximum(left, right)[good]
    db.executemany(
        f"INSERT INTO {CANDIDATES} VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        zip(low.tolist(), high.tolist(), sims[good].tolist(), strict=True),
    )


def _candidates(
    db: sqlite3.Connection,
    count: int,
    items: NDArray[np.int64],
    blocks: NDArray[np.int64],
    vectors: _Reader,
    settings: MatchSettings,
) -> None:
    """``claim_pairs.candidate_chunks``, block by block and window by window."""
    if count <= settings.exact_ledger:
        _block_pairs(db, np.arange(count, dtype=np.int64), vectors, settings)
        return
    sizes = np.bincount(blocks) if len(blocks) else np.zeros(0, dtype=np.int64)
    small = sizes[blocks] <= settings.exact_block
    order = np.argsort(blocks[small], kind="stable")
    small_items, small_blocks = items[small][order], blocks[small][order]
    for members in np.split(small_items, np.flatnonzero(np.diff(small_blocks)) + 1):
        if len(members) > 1:
            _block_pairs(db, members, vectors, settings)
    if (~small).any():
        _neighbours(db, count, items[~small], blocks[~small], vectors, settings)


def _block_pairs(
    db: sqlite3.Connection, members: NDArray[np.int64], vectors: _Reader, settings: MatchSettings
) -> None:
    rows = vectors.rows(members.tolist())
    left, right = np.triu_indices(len(members), k=1)
    for begin in range(0, len(left), 65536):
        a, b = left[begin : begin + 65536], right[begin : begin + 65536]
        _keep(db, members[a], members[b], rows[a], rows[b], settings)


def _signatures(count: int, vectors: _Reader, settings: MatchSettings) -> NDArray[np.uint64]:
    """Each round's permuted signature of each claim, as one unsigned 64-bit key."""
    planes: NDArray[np.float32] | None = None
    shuffle = np.random.default_rng(settings.seed + 1)
    permutations = [shuffle.permutation(BITS) for _ in range(settings.rounds)]
    keys = np.zeros((settings.rounds, count), dtype=np.uint64)
    for begin in range(0, count, SEGMENT):
        numbers = list(range(begin, min(begin + SEGMENT, count)))
        rows = vectors.rows(numbers)
        if planes is None:
            rng = np.random.default_rng(settings.seed)
            planes = rng.standard_normal((rows.shape[1], BITS)).astype(np.float32)
        bits = np.asarray(rows @ planes > 0)
        for round_, permutation in enumerate(permutations):
            packed = np.packbits(bits[:, permutation], axis=1)
            keys[round_, begin : begin + len(numbers)] = (
                np.ascontiguousarray(packed).view(">u8").ravel()
            )
    return keys


def _neighbours(
    db: sqlite3.Connection,
    count: int,
    items: NDArray[np.int64],
    blocks: NDArray[np.int64],
    vectors: _Reader,
    settings: MatchSettings,
) -> None:
    """Each claim with its next ``window`` in each round's order, a segment at a time."""
    signatures = _signatures(count, vectors, settings)
    total = len(items)
    for keys in signatures:
        order = np.lexsort((keys[items], blocks))
        ordered_items, ordered_blocks = items[order], blocks[order]
        for begin in range(0, total, SEGMENT):
            end = min(begin + SEGMENT, total)
            stop = min(end + settings.window, total)
            rows = vectors.rows(ordered_items[begin:stop].tolist())
            for step in range(1, settings.window + 1):
                first = np.arange(begin, min(end, total - step))
                if not len(first):
                    continue
                same = ordered_blocks[first] == ordered_blocks[first + step]
                a, b = first[same], first[same] + step
                _keep(
                    db, ordered_items[a], ordered_items[b], rows[a - begin], rows[b - begin],
                    settings,
                )  # fmt: skip


# -- the test, the union ----------------------------------------------------------------------


def _accept(db: sqlite3.Connection, count: int, settings: MatchSettings) -> NDArray[np.float64]:
    """Test each candidate once; keep the accepted; each claim's best accepted similarity."""
    best = np.full(count, np.nan)
    profiles: OrderedDict[int, Profile] = OrderedDict()
    cursor = db.execute(f"SELECT i, j, sim FROM {CANDIDATES} ORDER BY i, j")
    while rows := cursor.fetchmany(PAIRS):
        need = [n for r in rows for n in (int(r[0]), int(r[1])) if n not in profiles]
        for n, report in _reports(db, need).items():
            profiles[n] = Profile.of(report.claim)
        accepted = []
        for i, j, sim in rows:
            for n in (i, j):
                profiles.move_to_end(n)
            if accept(profiles[i], profiles[j], sim, settings):
                accepted.append((i, j, sim))
                best[i] = sim if np.isnan(best[i]) else max(best[i], sim)
                best[j] = sim if np.isnan(best[j]) else max(best[j], sim)
        while len(profiles) > PROFILES:
            profiles.popitem(last=False)
        db.executemany(f"INSERT INTO {MATCHES} VALUES (?, ?, ?)", accepted)
    return best


def _union(
    db: sqlite3.Connection, count: int, vectors: _Reader, settings: MatchSettings
) -> NDArray[np.int64]:
    """``claim_pairs.clusters``: pairs join groups most similar first, cohesion permitting."""
    parent = np.arange(count, dtype=np.int64)
    sizes = np.ones(count, dtype=np.int64)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    def total(r: int) -> NDArray[np.float32]:
        row = db.execute(f"SELECT vector FROM {SUMS} WHERE root = ?", (r,)).fetchone()
        return np.frombuffer(bytes.fromhex(row[0]), dtype=np.float32) if row else vectors.one(r)

    cursor = db.execute(f"SELECT i, j, sim FROM {MATCHES} ORDER BY sim DESC, i, j")
    while rows := cursor.fetchmany(PAIRS):
        for i, j, similarity in rows:
            ri, rj = root(int(i)), root(int(j))
            if ri == rj:
                continue
            a, b = total(ri), total(rj)
            if sizes[ri] + sizes[rj] > 2 and _cosine(a, b) < min(similarity, settings.cohesion):
                continue
            low, high = min(ri, rj), max(ri, rj)
            db.execute(
                f"INSERT INTO {SUMS} VALUES (?, ?)"
                " ON CONFLICT(root) DO UPDATE SET vector = excluded.vector",
                (low, (a + b).astype(np.float32).tobytes().hex()),
            )
            parent[high] = low
            sizes[low] = sizes[ri] + sizes[rj]
    for i in range(count):
        parent[i] = root(i)
    return parent


# -- the clusters -----------------------------------------------------------------------------


def _groups(db: sqlite3.Connection, parent: NDArray[np.int64]) -> Iterator[list[int]]:
    """Each group's claim numbers, groups in the order of their first claim."""
    for begin in range(0, len(parent), BATCH * 10):
        numbers = range(begin, min(begin + BATCH * 10, len(parent)))
        db.executemany(
            f"INSERT INTO {GROUPS} VALUES (?, ?)", [(int(parent[n]), n) for n in numbers]
        )
    cursor = db.execute(f"SELECT root, n FROM {GROUPS} ORDER BY root, n")
    group: list[int] = []
    current = -1
    while rows := cursor.fetchmany(BATCH * 10):
        for r, n in rows:
            if r != current and group:
                yield group
                group = []
            current = r
            group.append(int(n))
    if group:
        yield group


def _write_clusters(
    db: sqlite3.Connection, parent: NDArray[np.int64], best: NDArray[np.float64], vectors: _Reader
) -> dict[str, int]:
    """Summarise each group on its own, then write them all in ``build``'s order."""
    from newsledger.crosscheck.claims import ClaimCluster

    counts = {"clusters": 0, "matched": 0, "corroborated": 0, "contradictions": 0}
    for group in _groups(db, parent):
        reports = _reports(db, group)
        members = sorted(group, key=lambda i: reports[i].sort_key())
        cluster = ClaimCluster(
            [reports[i] for i in members],
            {n: float(best[i]) for n, i in enumerate(members) if not np.isnan(best[i])},
            similar=_similar(members, reports, vectors),
        )
        first = cluster.earliest
        payload = [cluster.summary(), cluster.members(), [c.to_dict() for c in cluster.conflicts]]
        published, article, start = first.sort_key()
        db.execute(
            f"INSERT INTO {OUT} VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                group[0], cluster.voices, len(cluster.reports), published.encode().hex(),
                article.encode().hex(), start, json.dumps(payload, ensure_ascii=False),
            ),
        )  # fmt: skip
        counts["clusters"] += 1
        counts["matched"] += len(cluster.reports) > 1
        counts["corroborated"] += cluster.rating == "corroborated"
        counts["contradictions"] += len(cluster.conflicts)
    store.replace(db, _ordered(db))
    return counts


def _similar(members: list[int], reports: dict[int, Report], vectors: _Reader) -> Similar:
    """The cosine similarity of two reports of one group, its vectors read on first use."""
    rows: dict[int, NDArray[np.float32]] = {}
    number = {id(reports[i]): i for i in members}

    def similar(a: Report, b: Report) -> float:
        if not rows:
            rows.update(zip(members, vectors.rows(members), strict=True))
        return float(rows[number[id(a)]] @ rows[number[id(b)]])

    return similar


def _ordered(db: sqlite3.Connection) -> Iterator[store.Cluster]:
    cursor = db.execute(
        f"SELECT payload FROM {OUT}"
        " ORDER BY voices DESC, reports DESC, published, article, start, root"
    )
    while rows := cursor.fetchmany(BATCH):
        for (payload,) in rows:
            summary, members, conflicts = json.loads(payload)
            yield summary, members, conflicts
