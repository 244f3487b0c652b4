"""The small records of ``eventwire.ingest``: content ids, column names, problems."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_BYTES", "Columns", "Problem", "content_id"]

# Largest single article file (or single JSONL/CSV record) read: 20 MiB.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
CONTENT_ID_PREFIX = "a"
CONTENT_ID_HEX_CHARS = 16


def content_id(text: str) -> str:
    """A stable id for an article's text: ``"a"`` + 16 hex chars of a SHA-256.

    Whitespace runs are collapsed and the ends stripped first, so the same article read
    from a ``.txt`` file (LF or CRLF) and from a JSONL record gets the same id.
    """
    normalised = " ".join(text.split())
    digest = hashlib.sha256(normalised.encode("utf-8")).hexdigest()
    return CONTENT_ID_PREFIX + digest[:CONTENT_ID_HEX_CHARS]


@dataclass(frozen=True, kw_only=True)
class Columns:
    """Field names of JSONL objects and CSV columns (defaults: ``id,url,published,title,text``)."""

    id: str = "id"
    url: str = "url"
    published: str = "published"
    title: str = "title"
    text: str = "text"


@dataclass(frozen=True)
class Problem:
    """An input that was skipped: ``path`` is the file (``"<stdin>"``), ``reason`` the message."""

    path: str
    reason: str
