"""Event clusters for people and programs: table rows and PLOVER/POLECAT-style records."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

TABLE_COLUMNS = [
    "date", "type", "status", "actors", "recipients", "place", "reports", "articles",
    "outlets", "voices", "first_outlet", "id",
]  # fmt: skip


def cluster_line(cluster: dict[str, Any]) -> dict[str, Any]:
    """One cluster as a flat row: names joined, the date as a window when it is one."""

    def names(group: list[dict[str, Any]]) -> str:
        return ", ".join(str(p["text"]) for p in group)

    first, last = cluster["first_date"], cluster["last_date"]
    when = first if first == last or not last else f"{first}..{last}"
    return {
        **{k: v for k, v in cluster.items() if k != "report_list"},
        "date": when or f"({(cluster['first_published'] or '')[:10]})",
        "actors": names(cluster["actors"]),
        "recipients": names(cluster["recipients"]),
    }


def plover_cluster(cluster: dict[str, Any]) -> dict[str, Any]:
    """One happening as a PLOVER/POLECAT-style record: what the reports agree on, how many
    independent reports tell it, and each report's provenance (article, outlet, trigger span)."""
    return {
        "id": cluster["id"],
        "event_type": cluster["type"],
        "mode": cluster["mode"],
        "status": cluster["status"],
        "event_date": cluster["first_date"],
        "event_date_last": cluster["last_date"],
        "actor": cluster["actors"],
        "recipient": cluster["recipients"],
        "location": cluster["place"],
        "num_reports": cluster["reports"],
        "num_articles": cluster["articles"],
        "num_outlets": cluster["outlets"],
        "independent_reports": cluster["voices"],
        "confidence": cluster["confidence"],
        "first_report": {
            "article_id": cluster["first_article_id"],
            "outlet": cluster["first_outlet"],
            "published": cluster["first_published"],
            "event_id": f"{cluster['first_article_id']}-{cluster['first_event_id']}",
        },
        "reports": [
            {
                "event_id": f"{r['article_id']}-{r['event_id']}",
                "article_id": r["article_id"],
                "outlet": r["outlet"],
                "published": r["published"],
                "sentence": r["sentence"],
                "date": r["date"],
                "trigger": {
                    "text": r["trigger_text"],
                    "start": r["trigger_start"],
                    "end": r["trigger_end"],
                },
            }
            for r in cluster["report_list"]
        ],
    }


def write_clusters(clusters: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Stream clusters to ``out`` as one JSON array; the count."""
    count = 0
    out.write("[")
    for count, cluster in enumerate(clusters, start=1):
        record = json.dumps(plover_cluster(cluster), ensure_ascii=False)
        out.write(("," if count > 1 else "") + "\n" + record)
    out.write("\n]\n")
    return count
