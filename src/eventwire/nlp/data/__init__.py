"""Readers for the data files of the nlp components (dates, casualties, actors).

Each file is read once per process (``functools.lru_cache`` on the path); a file that
cannot be read or parsed raises :class:`eventwire.errors.ModelError` with code E210/E211.
JSONL lexicons may start with ``{"_meta": ...}`` lines (where the facts come from): skipped.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from eventwire.errors import Errors, ModelError

DATA_DIR = Path(__file__).resolve().parent
CODING_DATA_DIR = DATA_DIR.parents[1] / "coding" / "data"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ModelError(Errors.E210.format(path=path, reason=err)) from err


@functools.lru_cache(maxsize=32)
def read_json(path: Path) -> Any:
    """The parsed JSON file at ``path`` (cached: callers must not mutate it)."""
    text = _read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ModelError(Errors.E210.format(path=path, reason=err)) from err


@functools.lru_cache(maxsize=32)
def read_jsonl(path: Path, *, required: tuple[str, ...] = ()) -> tuple[dict, ...]:
    """The records of a JSONL file, ``_meta`` lines and blank lines skipped.

    Every record must hold the ``required`` keys (E211 names the line otherwise).
    """
    records = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ModelError(Errors.E211.format(path=path, line=number, reason=err, keys=required)) from err
        if not isinstance(record, dict):
            raise ModelError(Errors.E211.format(path=path, line=number, reason="not an object", keys=required))
        if "_meta" in record:
            continue
        missing = [key for key in required if key not in record]
        if missing:
            reason = f"missing {', '.join(missing)}"
            raise ModelError(Errors.E211.format(path=path, line=number, reason=reason, keys=required))
        records.append(record)
    return tuple(records)
