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
