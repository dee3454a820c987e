"""Positions over the whole ledger: who stands where on each option, as of a date.

Every view reads the stored stances (one per party, option, position and sentence) up to the
date asked. Copies count once: a stance is tied to the original its article counts as
(``newsledger.crosscheck.copies.voices``), and the same party, option and position from the same
original is one report however many copies carry it. A party's own statements (a named speaker
of the party) outrank positions others report for it: a cell shows the latest own statement, and
only where there is none the latest report, marked as reported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from newsledger.crosscheck.copies import voices
from newsledger.stances.taxonomy import taxonomy
from newsledger.store import Ledger

Row = dict[str, Any]
VIEWS = ("matrix", "history", "open", "redlines", "links")
SUPPORTING = ("demands", "proposes", "accepts", "accepts-if")


@dataclass(frozen=True)
class Query:
    as_of: str | None = None
    issue: str | None = None
    party: str | None = None


def load(ledger: Ledger, query: Query) -> list[Row]:
    """The stored stances the query selects, dated, each with its article's original."""
    originals = voices(ledger.db)
    rows = ledger.db.execute(
        "SELECT s.*, coalesce(s.date, substr(a.published, 1, 10)) AS day, a.outlet"
        " FROM stances s JOIN articles a ON a.id = s.article_id"
        " ORDER BY coalesce(s.date, substr(a.published, 1, 10)) IS NULL,"
        " coalesce(s.date, substr(a.published, 1, 10)), s.article_id, s.evidence_start"
    ).fetchall()
    found = []
    for row in rows:
        item = dict(row)
        if query.as_of and item["day"] and item["day"] > query.as_of:
            continue
        if query.issue and item["issue"] != query.issue:
            continue
        if query.party and not _party_matches(item, query.party):
            continue
        item["voice"] = originals.get(item["article_id"], item["article_id"])
        item["own_statement"] = bool(item["own_statement"])
        found.append(item)
    return found


def _party_matches(row: Row, wanted: str) -> bool:
    wanted = wanted.lower()
    return wanted == row["party_id"].lower() or wanted in row["party"].lower()


def reports(rows: list[Row]) -> list[Row]:
    """One row per party, option, position and original, with how many articles carry it."""
    grouped: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for row in rows:
        key = (row["party_id"], row["issue"], row["option"], row["kind"], row["voice"])
        grouped[key].append(row)
    merged = []
    for group in grouped.values():
        first = min(group, key=lambda r: (not r["own_statement"], r["day"] or ""))
        merged.append(
            {
                **first,
                "articles": len({r["article_id"] for r in group}),
                "own_statement": any(r["own_statement"] for r in group),
            }
        )
    return sorted(merged, key=lambda r: (r["day"] or "", r["party_id"], r["issue"], r["option"]))


def matrix(rows: list[Row]) -> list[Row]:
    """The latest position of each party on each option (own statements first)."""
    cells: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for report in reports(rows):
        cells[(report["party_id"], report["issue"], report["option"])].append(report)
    found = []
    for (party_id, issue, option), group in sorted(cells.items()):
        own = [r for r in group if r["own_statement"]]
        latest = max(own or group, key=lambda r: r["day"] or "")
        same = [r for r in group if r["kind"] == latest["kind"]]
        found.append(
            {
                "party_id": party_id,
                "party": latest["party"],
                "issue": issue,
                "option": option,
                "kind": latest["kind"],
                "since": latest["day"],
                "own_statement": bool(own),
                "voices": len({r["voice"] for r in same}),
                "condition": _condition(latest),
                "evidence": latest["evidence_text"],
                "article_id": latest["article_id"],
            }
        )
    return found


def history(rows: list[Row]) -> list[Row]:
    """Each party's positions on each option in date order, marking where a position moved."""
    found = []
    previous: dict[tuple[str, str, str], str] = {}
    ordered = sorted(
        reports(rows), key=lambda r: (r["party_id"], r["issue"], r["option"], r["day"] or "")
    )
    for report in ordered:
        key = (report["party_id"], report["issue"], report["option"])
        before = previous.get(key)
        found.append(
            {
                "party_id": report["party_id"],
                "party": report["party"],
                "issue": report["issue"],
                "option": report["option"],
                "date": report["day"],
                "kind": report["kind"],
                "moved_from": before if before not in (None, report["kind"]) else None,
                "own_statement": report["own_statement"],
                "speaker": report["speaker"],
                "reported_by": report["reported_by"],
                "articles": report["articles"],
                "condition": _condition(report),
                "evidence": report["evidence_text"],
                "article_id": report["article_id"],
            }
        )
        previous[key] = report["kind"]
    return found


def open_options(rows: list[Row]) -> list[Row]:
    """Options some party supports and no party currently rejects: where agreement may lie."""
    by_option: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for cell in matrix(rows):
        by_option[(cell["issue"], cell["option"])].append(cell)
    found = []
    for (issue, option), cells in sorted(by_option.items()):
        if any(c["kind"] in ("rejects",) for c in cells):
            continue
        backers = [c for c in cells if c["kind"] in SUPPORTING]
        if not backers:
            continue
        found.append(
            {
                "issue": issue,
                "option": option,
                "name": _option_name(issue, option),
                "supported_by": [f"{c['party']} ({c['kind']})" for c in backers],
                "conditions": [c["condition"] for c in backers if c["condition"]],
                "parties": len(backers),
            }
        )
    return found


def red_lines(rows: list[Row]) -> list[Row]:
    """What each party currently rejects, own statements first."""
    lines = [c for c in matrix(rows) if c["kind"] == "rejects"]
    return sorted(lines, key=lambda c: (c["party_id"], not c["own_statement"], c["issue"]))


def links(rows: list[Row]) -> list[Row]:
    """Linkages: one option accepted only on a condition that names another."""
    grouped: dict[tuple[str, str, str, str, str], list[Row]] = defaultdict(list)
    for report in reports(rows):
        if report["condition_option"] is None:
            continue
        key = (
            report["party_id"],
            report["issue"],
            report["option"],
            report["condition_issue"],
            report["condition_option"],
        )
        grouped[key].append(report)
    found = []
    for (party_id, issue, option, c_issue, c_option), group in sorted(grouped.items()):
        latest = max(group, key=lambda r: r["day"] or "")
        found.append(
            {
                "party_id": party_id,
                "party": latest["party"],
                "option": f"{issue}/{option}",
                "kind": latest["kind"],
                "conditional_on": f"{c_issue}/{c_option}",
                "condition": latest["condition_text"],
                "voices": len({r["voice"] for r in group}),
                "since": min(r["day"] or "" for r in group) or None,
                "article_id": latest["article_id"],
            }
        )
    return found


def positions(ledger: Ledger, view: str = "matrix", query: Query | None = None) -> list[Row]:
    """One of VIEWS over the ledger's stances."""
    rows = load(ledger, query or Query())
    builders = {
        "matrix": matrix,
        "history": history,
        "open": open_options,
        "redlines": red_lines,
        "links": links,
    }
    return builders[view](rows)


def _condition(row: Row) -> str | None:
    if row.get("condition_option"):
        return f"{row['condition_issue']}/{row['condition_option']}"
    text = row.get("condition_text")
    return str(text) if text else None


def _option_name(issue: str, option: str) -> str:
    found = taxonomy().option(issue, option)
    return found.name if found else option
