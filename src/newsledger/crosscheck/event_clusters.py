"""The "event-clusters" step: one event, many reports, over the whole ledger."""

from __future__ import annotations

from typing import Any

from newsledger.events.clusters import WINDOW_DAYS, Cluster, stream_clusters
from newsledger.store import Ledger
from newsledger.store.event_clusters import insert_clusters, replace_clusters
from newsledger.store.event_reports import iter_reports

NAME = "event-clusters"
WRITE_BATCH = 500


def run(ledger: Ledger, window_days: int = WINDOW_DAYS) -> dict[str, Any]:
    """Cluster every stored event and rewrite ``event_clusters`` in one transaction.

    Streams: the events are read in date order a batch at a time, each cluster is written as
    soon as no later report can join it, and only the counts of the summary are kept."""
    tally = Tally()
    with ledger.transaction() as db:
        replace_clusters(db, [])
        pending: list[Cluster] = []
        for cluster in stream_clusters(iter_reports(ledger, window_days), window_days):
            tally.add(cluster)
            pending.append(cluster)
            if len(pending) >= WRITE_BATCH:
                insert_clusters(db, pending)
                pending = []
        insert_clusters(db, pending)
    return tally.summary()


class Tally:
    """The counts of ``summary``, kept cluster by cluster."""

    def __init__(self) -> None:
        self.events = self.clusters = self.shared = self.in_shared = 0
        self.voices = self.largest = 0

    def add(self, cluster: Cluster) -> None:
        size = len(cluster.reports)
        self.events += size
        self.clusters += 1
        self.shared += size > 1
        self.in_shared += size if size > 1 else 0
        self.voices += cluster.voices
        self.largest = max(self.largest, size)

    def summary(self) -> dict[str, Any]:
        events = self.events
        return {
            "events": events,
            "clusters": self.clusters,
            "multi_report_clusters": self.shared,
            "reports_in_multi_report_clusters": self.in_shared,
            "independent_reports": self.voices,
            "largest": self.largest,
            "shrink": round(1 - self.clusters / events, 3) if events else 0.0,
        }


def summary(events: int, clusters: list[Cluster]) -> dict[str, Any]:
    """How far the counts shrink: events, clusters, and independent reports."""
    shared = [c for c in clusters if len(c.reports) > 1]
    return {
        "events": events,
        "clusters": len(clusters),
        "multi_report_clusters": len(shared),
        "reports_in_multi_report_clusters": sum(len(c.reports) for c in shared),
        "independent_reports": sum(c.voices for c in clusters),
        "largest": max((len(c.reports) for c in clusters), default=0),
        "shrink": round(1 - len(clusters) / events, 3) if events else 0.0,
    }
