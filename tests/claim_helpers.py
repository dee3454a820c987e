"""Hand-built claims of the claim-record shape, and a stand-in embedder for unit tests."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import numpy as np

from newsledger.crosscheck.reports import Report

DIMENSIONS = 256
_STOP = {"the", "a", "an", "of", "on", "in", "to", "and", "for", "was", "were", "said", "that"}


def claim(text: str, start: int = 0, **fields: Any) -> dict[str, Any]:
    """A claim dict as ``Ledger.claims`` returns it; ``fields`` override the defaults."""
    data: dict[str, Any] = {
        "kind": "statement",
        "text": text,
        "start": start,
        "end": start + len(text),
        "sentence": 0,
        "claimant": None,
        "claimant_actor_id": None,
        "claimant_type": "article",
        "attribution": None,
        "chain": [],
        "anonymous": False,
        "unsourced": False,
        "certainty": "asserted",
        "negated": False,
        "values": [],
        "actors": [],
        "places": [],
        "date": None,
        "event": None,
        "cues": [],
    }
    data.update(fields)
    return data


def value(
    kind: str, raw: Any, unit: str | None = None, text: str = "", **extra: Any
) -> dict[str, Any]:
    return {"kind": kind, "text": text or str(raw), "start": 0, "end": 0, "value": raw,
            "unit": unit, "qualifier": None, **extra}  # fmt: skip


def said(name: str, actor_id: str | None = None) -> dict[str, Any]:
    """Fields of a claim attributed to a named person."""
    return {
        "claimant": {"text": name, "start": 0, "end": len(name)},
        "claimant_actor_id": actor_id,
        "claimant_type": "named official",
        "chain": [{"text": name, "start": 0, "end": len(name), "actor_id": actor_id,
                   "type": "named official", "anonymous": False, "count": None}],
    }  # fmt: skip


def report(article: str, text: str, outlet: str, published: str, **fields: Any) -> Report:
    return Report(
        article_id=article,
        claim=claim(text, **fields),
        outlet=outlet,
        published=published,
        voice=f"outlet:{outlet.lower()}",
    )


def _word_vector(word: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "little")
    return np.random.default_rng(seed).standard_normal(DIMENSIONS)


def fake_embed(texts: list[str]) -> np.ndarray:
    """Bag of (crudely stemmed) words: shared words make texts similar, as a real model would."""
    rows = []
    for text in texts:
        words = [w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]
        vector = sum((_word_vector(w) for w in words), np.zeros(DIMENSIONS))
        rows.append(vector / (np.linalg.norm(vector) or 1.0))
    return np.asarray(rows, dtype=np.float32)
