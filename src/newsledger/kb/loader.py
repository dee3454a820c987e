"""Load knowledge files: the package's own, then the user's (``$NEWSLEDGER_KB`` or ``--kb``).

A user directory may hold files with the same names as the package's (``actors.yaml``,
``places.yaml``, ...) or any ``NAME-*.yaml`` (``actors-local.yaml``); their entries are added,
and an entry whose ``id`` repeats a packaged one replaces it.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from newsledger.errors import NewsledgerError

KB_ENV = "NEWSLEDGER_KB"
# libyaml's loader when present: several times faster on the large knowledge files.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_extra_dirs: list[Path] = []


@lru_cache(maxsize=1)
def package_dir() -> Path:
    return Path(str(files("newsledger.kb") / "data"))


def add_kb_dir(path: str | os.PathLike[str]) -> None:
    """Use this directory's files too (what ``--kb DIR`` does)."""
    folder = Path(path)
    if not folder.is_dir():
        raise NewsledgerError(f"knowledge directory {folder} does not exist")
    if folder not in _extra_dirs:
        _extra_dirs.append(folder)


def kb_dirs() -> list[Path]:
    dirs = [package_dir()]
    env = os.environ.get(KB_ENV)
    if env:
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    return dirs + _extra_dirs


def load_entries(name: str) -> tuple[dict[str, Any], ...]:
    """Every entry of the knowledge files called NAME (``actors``, ``places``...), merged by id."""
    return _load(name, tuple(kb_dirs()))


@lru_cache(maxsize=32)
def _load(name: str, dirs: tuple[Path, ...]) -> tuple[dict[str, Any], ...]:
    merged: dict[str, dict[str, Any]] = {}
    anonymous: list[dict[str, Any]] = []
    for folder in dirs:
        for path in sorted(folder.glob(f"{name}.yaml")) + sorted(folder.glob(f"{name}-*.yaml")):
            for entry in _read(path):
                if "id" in entry:
                    merged[str(entry["id"])] = entry
                else:
                    anonymous.append(entry)
    return tuple(merged.values()) + tuple(anonymous)


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
    except (OSError, yaml.YAMLError) as error:
        raise NewsledgerError(f"{path}: cannot read knowledge file ({error})") from error
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise NewsledgerError(f"{path}: a knowledge file must be a YAML list of mappings")
    return data
