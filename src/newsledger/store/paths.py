"""Which database file to use: the explicit path, else ``$NEWSLEDGER_DB``, else ./newsledger.db."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "NEWSLEDGER_DB"
DEFAULT_DB = "newsledger.db"


def resolve_db_path(path: str | os.PathLike[str] | None = None) -> Path:
    if path:
        return Path(path)
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def is_postgres_url(target: object) -> bool:
    """Whether ``--db`` names a PostgreSQL database (``postgresql://...``) rather than a file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def resolve_db_target(path: str | os.PathLike[str] | None = None) -> Path | str:
    """As ``resolve_db_path``, but a ``postgresql://`` URL stays a URL (the PostgreSQL store)."""
    target = path or os.environ.get(DB_ENV) or DEFAULT_DB
    if isinstance(target, str) and is_postgres_url(target):
        return target
    return Path(target)
