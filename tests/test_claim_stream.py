"""The claim-clusters step in bounded memory gives exactly what the whole-ledger version gives."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from newsledger.crosscheck import claim_stream, claims
from newsledger.crosscheck.claim_pairs import MatchSettings, block_keys
from newsledger.store import Ledger

from .claim_helpers import fake_embed

TABLES = {
    "claim_clusters": "id",
    "claim_cluster_members": "cluster_id, article_id, start, claim_index",
    "contradictions": "cluster_id, id",
    "claim_embeddings": "key",
}
# Blocks and signature neighbours instead of every pair: the path of a large ledger.
LARGE = MatchSettings(exact_ledger=50, exact_block=6)


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(path)
    try:
        return {
            t: db.execute(f"SELECT * FROM {t} ORDER BY {order}").fetchall()
            for t, order in TABLES.items()
        }
    finally:
        db.close()


def _copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copy(source, target)
    return target


def test_the_demo_ledger_matches_the_whole_ledger_step(demo_db: Path, tmp_path: Path) -> None:
    whole = _copy(demo_db, tmp_path, "whole.db")
    with Ledger(whole) as ledger:
        summary = claims.run_whole(ledger)
    streamed = _rows(demo_db)
    assert _rows(whole) == streamed
    assert summary["clusters"] == len(streamed["claim_clusters"]) > 100
    assert summary["contradictions"] == len(streamed["contradictions"]) > 0


def test_blocks_and_neighbours_match_the_whole_ledger_step(demo_db: Path, tmp_path: Path) -> None:
    whole = _copy(demo_db, tmp_path, "whole.db")
    streamed = _copy(demo_db, tmp_path, "streamed.db")
    with Ledger(whole) as ledger:
        expected = claims.run_whole(ledger, fake_embed, LARGE)
        reports = list(claims.load_reports(ledger))
    with Ledger(streamed) as ledger:
        got = claim_stream.run(ledger, fake_embed, LARGE)
    assert got == expected
    assert len(reports) > LARGE.exact_ledger
    sizes: dict[str, int] = {}
    for report in reports:
        for key in block_keys(report.claim):
            sizes[key] = sizes.get(key, 0) + 1
    assert max(sizes.values()) > LARGE.exact_block  # the neighbour search ran
    assert min(sizes.values()) <= LARGE.exact_block  # and the small blocks in full
    assert _rows(streamed) == _rows(whole)
    assert expected["matched"] > 10


def test_a_rerun_leaves_the_tables_as_they_were(demo_db: Path, tmp_path: Path) -> None:
    again = _copy(demo_db, tmp_path, "again.db")
    with Ledger(again) as ledger:
        claims.run(ledger)
        left = ledger.db.execute("SELECT count(*) FROM temp.claim_work").fetchone()[0]
    assert left == 0  # the working tables are emptied
    assert _rows(again) == _rows(demo_db)


def test_an_empty_ledger(tmp_path: Path) -> None:
    with Ledger(tmp_path / "empty.db") as ledger:
        assert claim_stream.run(ledger, fake_embed) == {
            "claims": 0, "clusters": 0, "matched": 0, "corroborated": 0, "contradictions": 0,
        }  # fmt: skip
