"""The "event-clusters" step: one event, many reports, over the whole ledger."""

from __future__ import annotations

from typing import Any

from newsledger.events.clusters import WINDOW_DAYS, Cluster, cluster_reports
from newsledger.store import Ledger
from newsledger.store.event_clusters import load_reports, replace_clusters

NAME = "event-clusters"


def run(ledger: Ledger, window_days: int = WINDOW_DAYS) -> dict[str, Any]:
    """Cluster every stored event and rewrite ``event_clusters`` in one transaction."""
    reports = load_reports(ledger.db)
    clusters = cluster_reports(reports, window_days)
    with ledger.transaction() as db:
        replace_clusters(db, clusters)
    return summary(len(reports), clusters)


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
