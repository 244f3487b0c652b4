"""Story-grouped tuning / validation halves of a dev file.

Every dev set is split by story, never by article: the reports of one story (one ``story_id``,
or the article alone when it has none) fall in the same half, so a rule or model tuned on one
copy of a story is never measured on another copy of it. The half is a function of the story
id alone (CRC-32, even -> ``tune``, odd -> ``validation``), so the split is stable across
runs, machines and files, and a new article of a known story lands in its story's half.

Report validation numbers; tune only on the ``tune`` half (or by story-grouped k-fold,
:func:`story_folds`, for anything trained on dev data).
"""
from __future__ import annotations

import zlib

__all__ = ["SPLITS", "split_of", "select_split", "story_folds", "story_key"]

SPLITS = ("all", "tune", "validation")


def story_key(record: dict) -> str:
    """The story a record belongs to: its ``story_id``, or its own ``id`` when it has none."""
    return str(record.get("story_id") or record.get("id") or "")


def split_of(story: str) -> str:
    """``tune`` or ``validation`` for a story id (stable: CRC-32 of the id, parity)."""
    return "validation" if zlib.crc32(story.encode("utf-8")) % 2 else "tune"


def select_split(records: list[dict], split: str) -> list[dict]:
    """The records of one half (``all``: every record), in file order."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    if split == "all":
        return list(records)
    return [record for record in records if split_of(story_key(record)) == split]


def story_folds(records: list[dict], k: int) -> list[int]:
    """A fold number in ``range(k)`` per record; the records of one story share a fold."""
    if k < 2:
        raise ValueError("k-fold needs k >= 2")
    return [zlib.crc32(story_key(record).encode("utf-8")) // 2 % k for record in records]
