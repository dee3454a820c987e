"""Text normalisation, content hashing and metadata clean-up shared by every reader."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urlsplit

# Every Unicode space except the line break; quote marks and dashes are left as written.
_INLINE_SPACE = re.compile(r"[^\S\n]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MANY_BREAKS = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

ID_LENGTH = 16


def normalize_text(text: str) -> str:
    """NFC, one space for any run of inline whitespace, at most one blank line between paragraphs.

    Line breaks inside a paragraph are kept, so offsets stay meaningful to a reader of the
    original; quote marks (straight or curly) are kept as written.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _MANY_BREAKS.sub("\n\n", text).strip()


def blocks_to_paragraphs(text: str) -> str:
    """Turn one-block-per-line text (as HTML extractors give it) into blank-line paragraphs."""
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def article_id(normalized_text: str) -> str:
    """Content hash of the normalised text: the article's identity in the ledger."""
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()[:ID_LENGTH]


def clean_field(value: object) -> str | None:
    """A metadata value as a single clean line, or None when empty."""
    if value is None:
        return None
    text = normalize_text(str(value)).replace("\n", " ")
    return text or None


_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d")


def parse_published(value: object) -> str | None:
    """A publication date as ISO 8601: ``YYYY-MM-DD`` or a UTC timestamp when a time is known.

    Accepts ISO 8601, RFC 822 (feeds) and a few written forms ("24 January 2026").
    Returns None when the value cannot be read as a date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    for parse in (_from_iso, parsedate_to_datetime):
        try:
            return _iso(parse(text))
        except (TypeError, ValueError, IndexError):
            continue
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def outlet_from_url(url: str | None) -> str | None:
    """The site's domain as a stand-in outlet name ("www.example.org/x" -> "example.org")."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host.removeprefix("www.")


@lru_cache(maxsize=1)
def _language_identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    sample = text[:3000]
    if len(sample.split()) < 3:
        return None
    identifier = _language_identifier()
    code, probability = identifier.classify(sample)  # type: ignore[attr-defined]
    return str(code) if probability >= 0.5 else None
