"""Findings as readable text: one block per finding, with the words it rests on."""

from __future__ import annotations

import textwrap
from typing import Any

MARKS = {"error": "!!", "warning": " !", "info": " ·"}


def describe_findings(findings: list[dict[str, Any]]) -> str:
    """A readable list of an article's findings, most severe first within text order."""
    if not findings:
        return "No findings."
    lines = [f"{len(findings)} finding(s):"]
    for item in findings:
        mark = MARKS.get(item["severity"], " ?")
        lines.append(f"{mark} {item['severity']:<7} {item['kind']} [{item['basis']}]")
        lines.extend(textwrap.wrap(item["message"], 100, initial_indent=" " * 11,
                                   subsequent_indent=" " * 11))  # fmt: skip
        for span in item["evidence"][:3]:
            text = " ".join(span["text"].split())
            text = text if len(text) <= 90 else text[:89] + "…"
            lines.append(f"{'':11}@{span['start']}-{span['end']}: {text}")
    return "\n".join(lines)
