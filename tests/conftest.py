from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsledger import Ledger, analyze_ledger, ingest
from newsledger.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
UPDATE_GOLDEN = os.environ.get("NEWSLEDGER_UPDATE_GOLDEN") == "1"


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger(tmp_path / "ledger.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def analysed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger of every good fixture, ingested and analysed once per test run."""
    path = tmp_path_factory.mktemp("analysed") / "ledger.db"
    with Ledger(path) as opened:
        ingest(opened, [str(GOOD)])
        analyze_ledger(opened)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger of the bundled demo corpus, ingested, analysed and cross-checked once per run.

    Open it read-only in tests (``Ledger(demo_db, readonly=True)``): it is shared.
    """
    from newsledger.crosscheck import run_crosschecks
    from newsledger.demo import corpus_path

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Ledger(path) as opened:
        ingest(opened, [str(corpus_path())])
        analyze_ledger(opened)
        run_crosschecks(opened)
    return path


@pytest.fixture
def run() -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(
        *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> Result:
        return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


def check_golden(name: str, data: Any) -> None:
    """Compare with tests/golden/NAME; NEWSLEDGER_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if UPDATE_GOLDEN or not path.exists():
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {path} is missing; run with NEWSLEDGER_UPDATE_GOLDEN=1")
        path.write_text(text, encoding="utf-8")
    assert json.loads(text) == json.loads(path.read_text(encoding="utf-8")), f"differs from {path}"


@pytest.fixture(autouse=True)
def _fresh_kb_dirs() -> Iterator[None]:
    """`--kb` adds directories for the process; no test may leak them into another."""
    from newsledger.kb import loader

    saved = list(loader._extra_dirs)
    yield
    loader._extra_dirs[:] = saved


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL server on loopback (Debian's postgresql), for the whole run.

    Fails, never skips, when the server cannot be started: .ci/run installs it.
    """
    from tests.pg_server import ServerError, postgres_server

    try:
        server = postgres_server()
        url = server.__enter__()
    except ServerError as error:
        pytest.fail(f"cannot start PostgreSQL for the tests: {error}")
    try:
        yield url
    finally:
        server.__exit__(None, None, None)
