"""Actor coding against the NGEC actor-resolution cases (../shared/eval/actors).

Each case is a short actor text ("Ukrainian farmers", "Kremlin spokesman Dmitry Peskov") with
the expected country (ISO3, "IGO" for international bodies, "" for none) and sector code. The
set is worldwide; newsledger's knowledge base covers the Russia-Ukraine war and its mediation,
so the figures are given for all cases and for the in-domain subset (expected country one of
the war's parties and mediators).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.nlp.model import load_model
from newsledger.resolve.actors import ActorCode, code_actor

# The parties and mediators of the Russia-Ukraine war the knowledge base is curated for.
DOMAIN: set[str | None] = {
    "UKR",
    "RUS",
    "USA",
    "GBR",
    "FRA",
    "DEU",
    "ITA",
    "POL",
    "TUR",
    "ARE",
    "SAU",
    "QAT",
    "CHN",
    "BLR",
    "HUN",
    "VAT",
    "IGO",
}
METHODS = {"agent_to_code", "search_nat", "short_text_to_agent"}
COUNTRY_KEYS = ("code['country']", "cc")
SECTOR_KEYS = ("code['code_1']",)


def load_cases(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["method"] in METHODS and not r.get("xfail")]


def _day(args: list[str]) -> date | None:
    try:
        return date.fromisoformat(args[2]) if len(args) > 2 else None
    except ValueError:
        return None  # "Today" and empty: roles current now


def _expected(case: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in case["expected"] and isinstance(case["expected"][key], str):
            return str(case["expected"][key])
    return None


def evaluate(path: Path) -> dict[str, Any]:
    """Country and sector accuracy, overall and in the knowledge base's domain."""
    nlp = load_model()
    domain = DOMAIN
    tallies: dict[str, list[int]] = {
        k: [0, 0] for k in ("country", "sector", "country_in_domain", "no_actor")
    }
    errors: list[dict[str, Any]] = []
    for case in load_cases(path):
        code = code_actor(nlp(str(case["args"][0] or "")), _day(case["args"]))
        _score(case, code, domain, tallies, errors)
    result: dict[str, Any] = {
        f"{name}_accuracy": (right / total if total else None)
        for name, (right, total) in tallies.items()
    }
    result.update({f"{name}_cases": total for name, (_, total) in tallies.items()})
    result["errors"] = errors
    return result


def _score(
    case: dict[str, Any],
    code: ActorCode | None,
    domain: set[str | None],
    tallies: dict[str, list[int]],
    errors: list[dict[str, Any]],
) -> None:
    if case["expected"].get("code") == {"Is": None}:
        _tally(tallies["no_actor"], code is None or code.actor_id is None, case, code, errors)
        return
    country = _expected(case, COUNTRY_KEYS)
    got_country = (code.country if code else None) or ""
    if country is not None:
        _tally(tallies["country"], got_country == country, case, code, errors)
        if country in domain:
            tallies["country_in_domain"][0] += got_country == country
            tallies["country_in_domain"][1] += 1
    sector = _expected(case, SECTOR_KEYS)
    if sector:
        _tally(
            tallies["sector"], ((code.sector if code else None) or "") == sector, case, code, errors
        )


def _tally(
    tally: list[int],
    right: bool,
    case: dict[str, Any],
    code: ActorCode | None,
    errors: list[dict[str, Any]],
) -> None:
    tally[0] += right
    tally[1] += 1
    if not right:
        errors.append(
            {
                "text": case["args"][0],
                "expected": case["expected"],
                "got": None if code is None else code.__dict__,
            }
        )


def format_report(result: dict[str, Any]) -> str:
    lines = ["NGEC actor coding cases"]
    for name in ("country", "country_in_domain", "sector", "no_actor"):
        accuracy = result[f"{name}_accuracy"]
        shown = "n/a" if accuracy is None else f"{accuracy:.3f}"
        lines.append(f"  {name:<18} accuracy {shown}  ({result[f'{name}_cases']} cases)")
    lines.append(f"  errors: {len(result['errors'])} (see --json)")
    return "\n".join(lines)
