"""Typed errors. The library raises these; the CLI prints them once as ``Error: ...``."""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class of every error newsledger raises on purpose."""

    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class InputError(NewsledgerError):
    """An input (file, line, feed item) that cannot be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(NewsledgerError):
    """The ledger database cannot be opened or is not in a usable state."""


class NotFoundError(NewsledgerError):
    """A record asked for by id does not exist in the ledger."""


class ModelError(NewsledgerError):
    """The NLP model cannot be loaded."""
