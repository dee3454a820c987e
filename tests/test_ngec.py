"""Actor coding against the NGEC cases in ../shared/eval; floors in tests/floors/ngec.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.evaluation.ngec import evaluate, format_report

CASES = Path(__file__).parent.parent.parent / "shared/eval/actors/ngec_actor_resolution_cases.jsonl"
FLOORS = Path(__file__).parent / "floors" / "ngec.json"


@pytest.mark.skipif(not CASES.exists(), reason=f"gold set not present at {CASES}")
def test_ngec_scores_stay_above_floors() -> None:
    result = evaluate(CASES)
    print(format_report(result))
    for metric, floor in json.loads(FLOORS.read_text()).items():
        assert result[metric] >= floor, f"{metric} {result[metric]:.3f} fell below {floor}"
