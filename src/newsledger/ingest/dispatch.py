"""Read every input with the right reader, bounded in memory, yielding articles or failures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsledger.errors import InputError
from newsledger.ingest.decode import decode_bytes
from newsledger.ingest.feeds import read_feed
from newsledger.ingest.html import extract_page
from newsledger.ingest.items import RawArticle, ReadFailure
from newsledger.ingest.jsonfmt import read_json, read_jsonl
from newsledger.ingest.sources import (
    SNIFF_BYTES,
    Input,
    MissingInput,
    binary_kind,
    detect_format,
    iter_inputs,
)
from newsledger.ingest.text import read_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CHUNK = 1 << 16


@dataclass(frozen=True)
class ReadOptions:
    """How to read: forced format and encoding, and the size limit for one file or JSON line."""

    format: str | None = None
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def read_paths(
    paths: list[str], options: ReadOptions | None = None
) -> Iterator[RawArticle | ReadFailure]:
    """Everything the paths hold, one item at a time; nothing is held beyond the current file."""
    options = options or ReadOptions()
    for item in iter_inputs(paths):
        if isinstance(item, MissingInput):
            yield ReadFailure(item.name, item.reason)
            continue
        try:
            yield from read_input(item, options)
        except InputError as error:
            yield ReadFailure(error.source, error.reason)
        except OSError as error:
            yield ReadFailure(item.name, f"cannot read ({error.strerror or error})")


def read_input(item: Input, options: ReadOptions) -> Iterator[RawArticle | ReadFailure]:
    size = item.size()
    if size == 0:
        raise InputError(item.name, "empty file")
    stream = item.open()
    try:
        head = stream.read(SNIFF_BYTES)
        if not head:
            raise InputError(item.name, "empty input")
        kind = binary_kind(head)
        if kind is not None:
            raise InputError(item.name, f"{kind}, not a text, HTML, JSON or feed file")
        fmt = options.format or detect_format(item.name, head)
        if fmt == "jsonl":
            yield from read_jsonl(
                _lines(head, stream, options.max_bytes), item.name, options.encoding
            )
            return
        data = _read_whole(item.name, head, stream, size, options.max_bytes)
    finally:
        if item.path is not None:
            stream.close()
    yield from _read_document(item.name, fmt, data, options)


def _read_document(
    where: str, fmt: str, data: bytes, options: ReadOptions
) -> Iterator[RawArticle | ReadFailure]:
    if fmt == "feed":
        yield from read_feed(data, where)
        return
    text = decode_bytes(data, where, options.encoding)
    if fmt == "json":
        yield from read_json(text, where)
    elif fmt == "html":
        yield RawArticle(where=where, format="html", **extract_page(text, where))
    else:
        yield read_text(text, where)


def _read_whole(where: str, head: bytes, stream: BinaryIO, size: int | None, limit: int) -> bytes:
    if size is not None and size > limit:
        raise InputError(where, f"{_mb(size)} is over the size limit of {_mb(limit)} (--max-size)")
    rest = stream.read(limit - len(head) + 1) if len(head) <= limit else b""
    data = head + rest
    if len(data) > limit:
        raise InputError(where, f"input is over the size limit of {_mb(limit)} (--max-size)")
    return data


def _lines(head: bytes, stream: BinaryIO, limit: int) -> Iterator[bytes | ReadFailure]:
    """Lines of a stream, never holding more than ``limit`` bytes of one line."""
    buffer = head
    skipping = False
    while True:
        newline = buffer.find(b"\n")
        if newline >= 0:
            line, buffer = buffer[:newline], buffer[newline + 1 :]
            if skipping:
                skipping = False
                yield ReadFailure("", f"line is over the size limit of {_mb(limit)} (--max-size)")
            else:
                yield line
            continue
        if len(buffer) > limit:
            skipping, buffer = True, b""
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        buffer += chunk
    if skipping:
        yield ReadFailure("", f"line is over the size limit of {_mb(limit)} (--max-size)")
    elif buffer.strip():
        yield buffer


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"
