"""The README's commands and CI cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_gives_exactly_two_commands() -> None:
    demo, test = _commands()
    assert demo.endswith("newsledger demo") and demo.startswith("python3.11 -m venv .venv")
    assert test.startswith("python3.11 -m venv .venv") and test.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci_lines[-1] == _commands()[1]


def test_cli_help_matches_readme_tour() -> None:
    from click.testing import CliRunner

    from newsledger.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"newsledger {name}" in readme, f"README tour does not show `{name}`"
    assert "-q -e '.[test]'" in readme
    assert CliRunner().invoke(cli, ["ingest", "--help"]).output.count("--max-size") == 1
