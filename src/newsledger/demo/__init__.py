"""The bundled demo corpus and the end-to-end demo run."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def corpus_path() -> Path:
    """The directory of demo articles shipped with the package."""
    return Path(str(files("newsledger.demo") / "corpus"))
