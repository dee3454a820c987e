"""Where inputs come from: files, directories (walked lazily), stdin; and what format each is."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

STDIN = "-"

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".xml": "feed",
}
FORMATS = ("text", "html", "json", "jsonl", "feed")
SNIFF_BYTES = 8192

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(!doctype html|html|head|body|article|p|div)[\s>]", re.IGNORECASE)
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"SQLite format 3": "an SQLite database",
}


@dataclass(frozen=True)
class Input:
    """One thing to read: a file path, or stdin (``path`` is None)."""

    name: str
    path: Path | None = None

    def open(self) -> BinaryIO:
        if self.path is None:
            return sys.stdin.buffer
        return open(self.path, "rb")

    def size(self) -> int | None:
        return self.path.stat().st_size if self.path is not None else None


@dataclass(frozen=True)
class MissingInput:
    """A path given by the user that does not exist or cannot be listed."""

    name: str
    reason: str


def iter_inputs(paths: list[str]) -> Iterator[Input | MissingInput]:
    """Expand the user's paths lazily: directories recursively (sorted, hidden entries skipped)."""
    for raw in paths:
        if raw == STDIN:
            yield Input("<stdin>")
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield Input(str(path), path)
        elif path.exists():
            yield MissingInput(str(path), "not a regular file")
        else:
            yield MissingInput(str(path), "no such file or directory")


def _walk(root: Path) -> Iterator[Input | MissingInput]:
    def on_error(error: OSError) -> None:
        raise error

    try:
        for folder, dirs, files in os.walk(root, onerror=on_error):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    path = Path(folder) / name
                    yield Input(str(path), path)
    except OSError as error:
        yield MissingInput(str(root), f"cannot list directory ({error.strerror})")


def binary_kind(head: bytes) -> str | None:
    """Name the binary format of a file's first bytes, or None when it looks like text."""
    for magic, kind in _BINARY_MAGIC.items():
        if head.startswith(magic):
            return kind
    if b"\x00" in head and not _looks_utf16(head):
        return "binary data (NUL bytes)"
    return None


def _looks_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def detect_format(name: str, head: bytes) -> str:
    """The reader to use: from the file extension, else from the first bytes."""
    suffix = Path(name).suffix.lower()
    if suffix in EXTENSIONS and not (suffix == ".xml" and not _FEED_ROOT.search(head)):
        return EXTENSIONS[suffix]
    return sniff_format(head)


def sniff_format(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        first_line, _, rest = stripped.partition(b"\n")
        return "jsonl" if first_line.rstrip().endswith(b"}") and rest.strip() else "json"
    if stripped.startswith(b"<"):
        if _FEED_ROOT.search(stripped[:4096]):
            return "feed"
        if _HTML_ROOT.search(stripped[:4096]):
            return "html"
    return "text"
