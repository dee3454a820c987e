"""Options shared by several commands."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsledger.ingest.normalize import parse_published
from newsledger.store import DB_ENV, Ledger
from newsledger.views.output import FORMATS

F = TypeVar("F", bound=Callable[..., Any])

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def db_option(function: F) -> F:
    return click.option(
        "--db",
        "db_path",
        envvar=DB_ENV,
        type=click.Path(dir_okay=False),
        help=f"Ledger database file [env {DB_ENV}; default ./newsledger.db].",
    )(function)


def output_options(function: F) -> F:
    """--table (default), --json, --nl, --csv: one parameter ``fmt``, always one of FORMATS."""

    @functools.wraps(function)
    def wrapper(*args: Any, fmt: Any = "table", **kwargs: Any) -> Any:
        return function(*args, fmt=fmt if fmt in FORMATS else "table", **kwargs)

    decorated: Any = wrapper
    for flag, help_text in reversed(
        [
            ("--table", "Readable table (default)."),
            ("--json", "A JSON array."),
            ("--nl", "Newline-delimited JSON, one object per line."),
            ("--csv", "CSV with a header row."),
        ]
    ):
        decorated = click.option(flag, "fmt", flag_value=flag[2:], help=help_text)(decorated)
    return decorated  # type: ignore[no-any-return]


def open_ledger(db_path: str | None, *, readonly: bool = False, create: bool = False) -> Ledger:
    """Reading commands never create a database by accident."""
    return Ledger(db_path, readonly=readonly, create=create)


def parse_size(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    match = _SIZE.match(value)
    if not match:
        raise click.BadParameter(f"{value!r} is not a size like 20MB, 512k or 1000000")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    parsed = parse_published(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)")
    return parsed
