"""The ledger store: SQLite by default."""

from newsledger.store.paths import DB_ENV, DEFAULT_DB, resolve_db_path
from newsledger.store.sqlite import Ledger

__all__ = ["DB_ENV", "DEFAULT_DB", "Ledger", "resolve_db_path"]
