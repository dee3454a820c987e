"""Analysis on a Dask cluster: partitions of article ids out, Analysis records back, one writer.

The client reads the ids of pending articles in keyset batches and submits one task per
partition, keeping only a few partitions in flight. Each worker loads the pipeline once (a
worker plugin warms it, ``load_model`` caches it per process), reads its partition's texts from
a read-only connection to the ledger file, or gets them in the task when it cannot see the file,
and returns whole ``Analysis`` records, whatever layers they hold. The client saves them as they
complete, each article in its own transaction, so a crash or a lost worker costs at most the
partitions in flight and a rerun resumes where the ledger stopped.

With a PostgreSQL ledger (``--db postgresql://...``) the workers write straight into the
database instead, each over its own connection, one transaction per article; the client only
tracks progress. SQLite keeps the single writer.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import distributed
from distributed.diagnostics.plugin import WorkerPlugin

from newsledger.errors import NewsledgerError
from newsledger.nlp.analyze import DEFAULT_BATCH, Item
from newsledger.nlp.model import PIPELINE_VERSION
from newsledger.records import Analysis
from newsledger.store import Ledger

dask: Any = distributed  # its constructors are untyped; strict mypy would flag every call
DEFAULT_PARTITION = 32
LOCAL = "local"
Partition = list[str] | list[Item]  # article ids for workers that read the file, else items
PartitionTask = Callable[[str | None, Partition, int], "PartitionResult"]


@dataclass(frozen=True)
class PartitionResult:
    """What a worker sends back: the model that ran and one Analysis per article."""

    model: str
    analyses: list[Analysis]
    #: (articles, sentences, mentions) a worker saved itself (PostgreSQL ledgers).
    written: tuple[int, int, int] = (0, 0, 0)


@dataclass
class DaskReport:
    """Counts of one run; ``failed`` holds the ids of articles whose partition gave up."""

    analyzed: int = 0
    sentences: int = 0
    mentions: int = 0
    partitions: int = 0
    workers: int = 0
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def analyze_partition(
    db_path: str | None, partition: Partition, batch_size: int
) -> PartitionResult:
    """Run on a worker: analyse one partition with the process's cached pipeline."""
    from newsledger.nlp.analyze import analyze_texts
    from newsledger.nlp.model import load_model, model_label

    nlp = load_model()
    items = _read_items(db_path, partition) if db_path is not None else partition
    analyses = list(analyze_texts(items, batch_size=batch_size, nlp=nlp))  # type: ignore[arg-type]
    return PartitionResult(model_label(nlp), analyses)


_WORKER_LEDGERS: dict[str, Ledger] = {}


def store_partition(db_url: str | None, partition: Partition, batch_size: int) -> PartitionResult:
    """Run on a worker: analyse one partition and save it straight into the PostgreSQL ledger
    (one transaction per article, over this process's own connection)."""
    from newsledger.nlp.analyze import analyze_texts
    from newsledger.nlp.model import load_model, model_label

    if db_url is None:  # the worker cannot reach the database: the client writes
        return analyze_partition(db_url, partition, batch_size)
    nlp = load_model()
    label = model_label(nlp)
    ledger = _WORKER_LEDGERS.get(db_url)
    if ledger is None:
        ledger = _WORKER_LEDGERS[db_url] = Ledger(db_url)
    items = _read_items(db_url, partition)
    done = sentences = mentions = 0
    for analysis in analyze_texts(items, batch_size=batch_size, nlp=nlp):
        ledger.save_analysis(analysis, model=label, pipeline=PIPELINE_VERSION)
        done += 1
        sentences += len(analysis.sentences)
        mentions += len(analysis.mentions)
    return PartitionResult(label, [], (done, sentences, mentions))


def _read_items(db_path: str, ids: Partition) -> list[Item]:
    """The texts of a partition's articles, read-only, in the partition's order."""
    with Ledger(db_path, readonly=True) as ledger:
        marks = ",".join("?" * len(ids))
        rows = ledger.db.execute(
            f"SELECT id, text, published FROM articles WHERE id IN ({marks})", list(ids)
        ).fetchall()
    found = {row["id"]: (row["id"], row["text"], row["published"]) for row in rows}
    return [found[i] for i in ids if isinstance(i, str) and i in found]


class PipelinePlugin(WorkerPlugin):
    """Sets each worker up once: the user's knowledge directories, the model, the gazetteers."""

    name = "newsledger-pipeline"

    def __init__(self, kb_dirs: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.kb_dirs = [str(d) for d in kb_dirs]

    def setup(self, worker: Any) -> None:
        from newsledger.kb.loader import add_kb_dir
        from newsledger.nlp.analyze import analyze_texts

        for folder in self.kb_dirs:
            add_kb_dir(folder)
        # Knowledge bases and place indexes load on first use: warm them before the first task.
        next(analyze_texts([("warm-up", "Officials met in Kyiv on Monday.", "2026-01-28")]))


def pending_ids(ledger: Ledger, batch_size: int) -> Iterator[list[str]]:
    """Ids of articles not analysed yet, in rowid order, one keyset batch at a time."""
    last = 0
    while True:
        rows = ledger.db.execute(
            "SELECT rowid, id FROM articles WHERE rowid > ?"
            " AND id NOT IN (SELECT article_id FROM analyses) ORDER BY rowid LIMIT ?",
            (last, batch_size),
        ).fetchall()
        if not rows:
            return
        last = rows[-1]["rowid"]
        yield [row["id"] for row in rows]


def analyze_with_dask(
    ledger: Ledger,
    address: str,
    *,
    workers: int = 2,
    partition_size: int = DEFAULT_PARTITION,
    batch_size: int = DEFAULT_BATCH,
    limit: int | None = None,
    retries: int = 2,
    in_flight: int | None = None,
    read_on_workers: bool | None = None,
    progress: Callable[[int], object] | None = None,
    task: PartitionTask = analyze_partition,
) -> DaskReport:
    """Analyse the pending articles on the Dask scheduler at ``address`` (or ``"local"``).

    ``workers`` is the size of the LocalCluster for ``"local"`` (one thread each). Workers read
    texts from the ledger file when every one of them can open it (``read_on_workers`` forces
    the choice); otherwise texts travel with the tasks. A task that raises is retried
    ``retries`` times; a task whose worker dies is rescheduled by Dask. Partitions that still
    fail are reported in ``failed`` and stay pending for the next run.
    """
    from newsledger.kb.loader import _extra_dirs

    if ledger.url is not None and task is analyze_partition:
        task = store_partition  # workers write straight into PostgreSQL
    cluster = None
    if address == LOCAL:
        cluster = dask.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        )
    try:
        with _connect(cluster if cluster is not None else address) as client:
            client.register_plugin(PipelinePlugin(_extra_dirs))
            report = DaskReport(workers=len(client.scheduler_info()["workers"]))
            ids = _limited(pending_ids(ledger, partition_size), limit)
            _run(
                client,
                ledger,
                _with_source(ids, client, ledger, read_on_workers),
                report,
                task=task,
                batch_size=batch_size,
                retries=retries,
                in_flight=in_flight or 2 * max(report.workers, 1),
                progress=progress,
            )
    finally:
        if cluster is not None:
            cluster.close()
    return report


def _connect(target: Any) -> Any:
    try:
        return dask.Client(target, timeout="20s")
    except (OSError, TimeoutError, ValueError) as error:
        raise NewsledgerError(
            f"cannot reach the Dask scheduler at {target} ({error})",
            hint="give its address as tcp://HOST:PORT, or use --dask local",
        ) from error


@dataclass
class _Source:
    """How partitions reach workers: the ledger path to read from, or texts in the task."""

    db_path: str | None
    ledger: Ledger

    def partition(self, ids: list[str]) -> Partition:
        if self.db_path is not None:
            return ids
        marks = ",".join("?" * len(ids))
        rows = self.ledger.db.execute(
            f"SELECT id, text, published FROM articles WHERE id IN ({marks})", ids
        ).fetchall()
        found = {row["id"]: (row["id"], row["text"], row["published"]) for row in rows}
        return [found[i] for i in ids if i in found]


def _with_source(
    batches: Iterator[list[str]], client: Any, ledger: Ledger, read_on_workers: bool | None
) -> Iterator[tuple[_Source, list[str]]]:
    """Decide once, on the first partition, whether workers can read the ledger file."""
    source: _Source | None = None
    for ids in batches:
        if source is None:
            path = ledger.url if ledger.url is not None else str(Path(ledger.path).resolve())
            readable = read_on_workers
            if readable is None:
                answers = client.run(_sees_ledger, path, ids[0])
                readable = bool(answers) and all(answers.values())
            source = _Source(path if readable else None, ledger)
        yield source, ids


def _sees_ledger(path: str, article_id: str) -> bool:
    """Run on each worker: can it open this ledger file and find this article in it?"""
    try:
        with Ledger(path, readonly=True) as ledger:
            row = ledger.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
            return row.fetchone() is not None
    except (NewsledgerError, OSError):
        return False


def _run(
    client: Any,
    ledger: Ledger,
    partitions: Iterator[tuple[_Source, list[str]]],
    report: DaskReport,
    *,
    task: PartitionTask,
    batch_size: int,
    retries: int,
    in_flight: int,
    progress: Callable[[int], object] | None,
) -> None:
    """Keep ``in_flight`` partitions submitted; save each result as it completes."""
    run = uuid.uuid4().hex[:8]
    pending: dict[str, list[str]] = {}

    def submit() -> Any:
        for source, ids in partitions:
            key = f"newsledger-analyze-{run}-{report.partitions}"
            report.partitions += 1
            pending[key] = ids
            part = source.partition(ids)
            return client.submit(task, source.db_path, part, batch_size, key=key, retries=retries)
        return None

    first = [f for f in (submit() for _ in range(in_flight)) if f is not None]
    queue = dask.as_completed(first, with_results=False)
    for future in queue:
        ids = pending.pop(future.key)
        try:
            result: PartitionResult = future.result()
        except Exception as error:  # a partition that failed for good stays pending
            report.failed.extend(ids)
            report.errors.append(f"{type(error).__name__}: {error}")
        else:
            _save(ledger, result, report, progress)
        future.release()
        following = submit()
        if following is not None:
            queue.add(following)


def _save(
    ledger: Ledger,
    result: PartitionResult,
    report: DaskReport,
    progress: Callable[[int], object] | None,
) -> None:
    articles, sentences, mentions = result.written
    if articles:
        report.analyzed += articles
        report.sentences += sentences
        report.mentions += mentions
        if progress is not None:
            progress(articles)
    for analysis in result.analyses:
        ledger.save_analysis(analysis, model=result.model, pipeline=PIPELINE_VERSION)
        report.analyzed += 1
        report.sentences += len(analysis.sentences)
        report.mentions += len(analysis.mentions)
        if progress is not None:
            progress(1)


def _limited(batches: Iterator[list[str]], limit: int | None) -> Iterator[list[str]]:
    if limit is None:
        yield from batches
        return
    left = limit
    for ids in batches:
        if left <= 0:
            return
        yield ids[:left]
        left -= len(ids)
