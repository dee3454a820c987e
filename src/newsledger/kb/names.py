"""Name keys: one normal form for matching names, titles and aliases across spellings."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "ʼ": "'", "‐": "-", "–": "-", "—": "-", "‑": "-"}
)
_NON_WORD = re.compile(r"[^\w' -]+")
_SPACES = re.compile(r"[\s-]+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")


def name_key(text: str) -> str:
    """Casefolded, accent-free, punctuation-light form: "the Zelenskyy’s" -> "zelenskyy's"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _NON_WORD.sub(" ", text.replace(".", ""))
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)


def strip_possessive(key: str) -> str:
    return key[:-2] if key.endswith("'s") else key.rstrip("'")
