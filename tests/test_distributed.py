"""The Dask runner on a LocalCluster of two worker processes, one thread each.

The runs must store exactly what the single-process analysis stores (``analysed_db``), each
article once, also when a task fails once, when a worker dies mid-run, and when texts travel
with the tasks instead of being read from the ledger file.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from distributed import LocalCluster

from newsledger import Ledger, ingest
from newsledger.distributed import Partition, PartitionResult, analyze_partition, analyze_with_dask
from newsledger.store.sqlite import ANALYSIS_TABLES

from .conftest import GOOD

LAYERS = (*ANALYSIS_TABLES, "analyses", "event_participants")


def dies_once(
    marker: str, db_path: str | None, partition: Partition, batch_size: int
) -> PartitionResult:
    """Kill this worker's process the first time any worker runs it."""
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return analyze_partition(db_path, partition, batch_size)
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def fails_once(
    marker: str, db_path: str | None, partition: Partition, batch_size: int
) -> PartitionResult:
    """Raise the first time any worker runs it, as a flaky read would."""
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return analyze_partition(db_path, partition, batch_size)
    raise OSError("disk went away for a moment")


def always_fails(db_path: str | None, partition: Partition, batch_size: int) -> PartitionResult:
    raise ValueError("this partition cannot be analysed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=50,
    ) as local:
        yield local


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """The ``analysed_db`` articles, ingested into a new ledger and not analysed."""
    path = tmp_path / "ledger.db"
    with Ledger(path) as ledger:
        ingest(ledger, [str(GOOD)])
    return path


def counts(path: Path) -> dict[str, dict[str, int]]:
    """Rows per layer, per article."""
    with Ledger(path, readonly=True) as ledger:
        result: dict[str, dict[str, int]] = {}
        for table in LAYERS:
            if table == "event_participants":
                sql = (
                    "SELECT e.article_id, count(*) FROM event_participants p"
                    " JOIN events e ON e.id = p.event_id GROUP BY e.article_id"
                )
            else:
                sql = f"SELECT article_id, count(*) FROM {table} GROUP BY article_id"
            result[table] = {row[0]: row[1] for row in ledger.db.execute(sql)}
    return result


def article_total(path: Path) -> int:
    with Ledger(path, readonly=True) as ledger:
        return int(ledger.db.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_same_records_as_one_process(fresh: Path, analysed_db: Path, cluster: Any) -> None:
    seen: list[int] = []
    with Ledger(fresh) as ledger:
        report = analyze_with_dask(
            ledger, cluster.scheduler_address, partition_size=2, progress=seen.append
        )
    total = article_total(fresh)
    assert total > 4  # several partitions, spread over both workers
    assert report.analyzed == total == sum(seen)
    assert report.partitions == (total + 1) // 2
    assert report.workers == 2 and not report.failed
    assert counts(fresh) == counts(analysed_db)
    with Ledger(fresh, readonly=True) as ledger, Ledger(analysed_db, readonly=True) as single:
        sql = 'SELECT article_id, start, "end", text, label FROM mentions ORDER BY 1, 2, 3, 5'
        assert ledger.db.execute(sql).fetchall() == single.db.execute(sql).fetchall()
    with Ledger(fresh) as ledger:  # a rerun finds nothing left to do
        again = analyze_with_dask(ledger, cluster.scheduler_address)
    assert again.analyzed == again.partitions == 0


def test_a_killed_worker_loses_nothing(
    fresh: Path, analysed_db: Path, cluster: Any, tmp_path: Path
) -> None:
    marker = tmp_path / "killed"
    with Ledger(fresh) as ledger:
        report = analyze_with_dask(
            ledger,
            cluster.scheduler_address,
            partition_size=2,
            task=partial(dies_once, str(marker)),
        )
    assert marker.exists()  # a worker did die mid-run
    assert report.analyzed == article_total(fresh) and not report.failed
    assert counts(fresh) == counts(analysed_db)


def test_a_failed_partition_is_retried(fresh: Path, analysed_db: Path, cluster: Any) -> None:
    marker = fresh.parent / "failed"
    with Ledger(fresh) as ledger:
        report = analyze_with_dask(
            ledger,
            cluster.scheduler_address,
            partition_size=3,
            task=partial(fails_once, str(marker)),
        )
    assert marker.exists() and not report.failed
    assert counts(fresh) == counts(analysed_db)


def test_texts_travel_with_tasks_when_workers_cannot_read(
    fresh: Path, analysed_db: Path, cluster: Any
) -> None:
    with Ledger(fresh) as ledger:
        half = analyze_with_dask(ledger, cluster.scheduler_address, limit=3, read_on_workers=False)
        assert half.analyzed == 3 and ledger.count_pending() == article_total(fresh) - 3
        rest = analyze_with_dask(ledger, cluster.scheduler_address, read_on_workers=False)
    assert half.analyzed + rest.analyzed == article_total(fresh)
    assert counts(fresh) == counts(analysed_db)


def test_a_partition_that_keeps_failing_stays_pending(fresh: Path, cluster: Any) -> None:
    with Ledger(fresh) as ledger:
        report = analyze_with_dask(
            ledger, cluster.scheduler_address, partition_size=4, retries=1, task=always_fails
        )
        assert report.analyzed == 0 and report.errors
        assert sorted(report.failed) == sorted(r["id"] for r in ledger.articles())
        assert ledger.count_pending() == article_total(fresh)


def test_cli_local_cluster(fresh: Path, analysed_db: Path, run: Callable[..., Result]) -> None:
    result = run(
        "analyze", "--db", str(fresh), "--dask", "local", "--workers", "2", "--no-crosscheck"
    )
    assert result.exit_code == 0, result.output
    assert f"{article_total(fresh)} articles analysed" in result.stderr
    assert counts(fresh) == counts(analysed_db)
