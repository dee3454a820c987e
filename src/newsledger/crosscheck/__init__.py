"""Steps over the whole ledger, run after the per-article analysis.

Each step reads what the articles' analyses stored and rewrites its own tables in one
transaction, so a crash leaves the previous result in place. Steps run in ``STEPS`` order:
copies first (everything after counts a copy as one voice), then what rests on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsledger.store import Ledger

Step = Callable[[Ledger], dict[str, Any]]


@dataclass(frozen=True)
class CrossStep:
    name: str
    run: Step


ORDER = ("copies", "event-clusters", "stories", "claim-clusters", "findings")
"""The order steps run in; a step reads the tables of the steps before it."""


def _steps() -> list[CrossStep]:
    """The registered steps, imported late so that a plain ``import newsledger`` stays light."""
    steps: list[CrossStep] = []
    # Each step registers itself here, one import and one append each.
    from newsledger.crosscheck import copies

    steps.append(CrossStep("copies", copies.run))
    from newsledger.crosscheck import stories

    steps.append(CrossStep("stories", stories.run))
    from newsledger.crosscheck import event_clusters

    steps.append(CrossStep(event_clusters.NAME, event_clusters.run))
    from newsledger.crosscheck import claims

    steps.append(CrossStep(claims.NAME, claims.run))
    from newsledger.findings import step as findings_step

    steps.append(CrossStep(findings_step.NAME, findings_step.run))
    return sorted(steps, key=lambda step: ORDER.index(step.name))


def step_names() -> list[str]:
    return [step.name for step in _steps()]


def run_crosschecks(
    ledger: Ledger, *, only: set[str] | None = None, progress: Callable[[str], object] | None = None
) -> dict[str, dict[str, Any]]:
    """Run every ledger-wide step (or those named in ``only``) and return each one's summary."""
    results: dict[str, dict[str, Any]] = {}
    for step in _steps():
        if only is not None and step.name not in only:
            continue
        if progress is not None:
            progress(step.name)
        results[step.name] = step.run(ledger)
    return results
