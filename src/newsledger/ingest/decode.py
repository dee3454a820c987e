"""Bytes to text, strictly: a file that is not valid in its encoding is an input error."""

from __future__ import annotations

import codecs
import re

from newsledger.errors import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML or XML document declares in its first bytes, if any."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, where: str, encoding: str | None = None) -> str:
    """Decode with the given encoding, else a BOM, else the declared one, else UTF-8."""
    chosen = encoding or _bom_encoding(data) or declared_encoding(data) or "utf-8"
    if chosen == "utf-8":
        chosen = "utf-8-sig"
    try:
        return data.decode(chosen)
    except LookupError as error:
        raise InputError(where, f"unknown encoding {chosen!r}") from error
    except UnicodeDecodeError as error:
        raise InputError(
            where,
            f"not valid {error.encoding} text (bad byte at offset {error.start}); "
            "give the right one with --encoding",
        ) from error


def _bom_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None
