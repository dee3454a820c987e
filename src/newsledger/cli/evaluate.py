"""``newsledger eval NAME``: accuracy against a gold set."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from newsledger.errors import NewsledgerError
from newsledger.views.output import to_json

# Gold sets the team annotated live in tests/gold/; outside sets in ../shared/eval/.
GOLD = {
    "actors": "tests/gold/actors.jsonl",
    "places": "tests/gold/places.jsonl",
    "times": "tests/gold/times.jsonl",
    "ngec": "../shared/eval/actors/ngec_actor_resolution_cases.jsonl",
    "hedges": "../shared/eval/hedges/weasel_test.csv",
    "attribution": "../shared/eval/attribution/polnear/data/dev",
    "events": "../shared/eval/events",
    "events-own": "tests/gold/events.jsonl",
    "stances": "tests/gold/stances.jsonl",
    "findings": "tests/gold/findings/labels.jsonl",
    "copies": "tests/gold/copies/articles.jsonl",
    "certainty": "tests/gold/certainty.jsonl",
    "claims": "tests/gold/claims.jsonl",
    "event-clusters": "tests/gold/event-clusters.json",
}
# Stages whose evaluator is named differently from the gold set.
EVALUATOR = {"events-own": ("events", "evaluate_own")}
EVALUATOR["event-clusters"] = ("event_clusters", "evaluate")
GOLD["claim-matching"] = "tests/gold/claim-matching"
GOLD["contradictions"] = "tests/gold/claim-matching"
EVALUATOR["claim-matching"] = ("claim_matching", "evaluate")
EVALUATOR["contradictions"] = ("claim_matching", "evaluate_contradictions")


def default_gold(name: str) -> Path:
    """The gold file for NAME, looked up from the current directory upwards."""
    relative = Path(GOLD[name])
    for folder in (Path.cwd(), *Path.cwd().parents):
        candidate = folder / relative
        if candidate.exists():
            return candidate
    raise NewsledgerError(
        f"gold set for {name!r} not found ({relative})",
        hint="run from the repository, or give --gold PATH",
    )


@click.command("eval")
@click.argument("name", type=click.Choice(sorted(GOLD)))
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(exists=True),
    help="Gold file to use instead of the default.",
)
@click.option("--json", "as_json", is_flag=True, help="All figures and errors as JSON.")
def eval_command(name: str, gold_path: str | None, as_json: bool) -> None:
    """Measure a stage against its gold set.

    actors, places, times and events-own use the team's gold sets in tests/gold/; ngec (actor
    coding), hedges (weasel sentences), attribution (PolNeAR dev) and events (PLOVER and PETR2)
    use the outside sets in ../shared/eval.

    Prints precision, recall and F1 (or accuracy) and the main errors.
    """
    module_name, function = EVALUATOR.get(name, (name, "evaluate"))
    module = importlib.import_module(f"newsledger.evaluation.{module_name}")
    path = Path(gold_path) if gold_path else default_gold(name)
    result = getattr(module, function)(path)
    click.echo(to_json(result) if as_json else module.format_report(result))


COMMANDS = [eval_command]
