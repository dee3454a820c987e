"""Rows to text: a readable table for people, JSON / newline-delimited JSON / CSV for programs."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "nl", "csv")
MIN_COLUMN = 6


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def render(
    rows: Sequence[dict[str, Any]],
    fmt: str = "table",
    columns: Sequence[str] | None = None,
    width: int | None = None,
) -> str:
    """Rows in one of FORMATS; ``columns`` picks and orders the table and CSV columns."""
    if fmt == "json":
        return to_json(list(rows))
    if fmt == "nl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "csv":
        return render_csv(rows, columns)
    return render_table(rows, columns, width or shutil.get_terminal_size((120, 24)).columns)


def render_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue().rstrip("\n")


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int) -> str:
    """A plain-text table that fits ``width``; the widest columns are cut first."""
    if not rows:
        return "(no rows)"
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    _fit(widths, width - 2 * (len(columns) - 1))
    lines = [
        "  ".join(c.ljust(w)[:w] for c, w in zip(columns, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    lines += [
        "  ".join(_clip(v, w).ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells
    ]
    return "\n".join(line.rstrip() for line in lines)


def _fit(widths: list[int], budget: int) -> None:
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= MIN_COLUMN:
            return
        widths[widest] -= 1


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())
