"""The geo data files read once per process: recognition/location rules and the stop-list."""
from __future__ import annotations

import functools
import json
from importlib import resources

from eventwire.geo.names import normalize_name

__all__ = ["load_rules", "load_stoplist"]


@functools.lru_cache(maxsize=1)
def load_rules() -> dict:
    """``geo/data/place_rules.json``, with its word lists as frozensets."""
    path = resources.files("eventwire.geo") / "data" / "place_rules.json"
    rules = json.loads(path.read_text(encoding="utf-8"))
    for name, value in list(rules.items()):
        if isinstance(value, list):
            rules[name] = frozenset(value)
    return rules


@functools.lru_cache(maxsize=1)
def load_stoplist() -> frozenset[str]:
    """Normalised keys of ``geo/data/stoplist.txt`` (capitalised words that are not places)."""
    path = resources.files("eventwire.geo") / "data" / "stoplist.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalize_name(line) for line in lines if line.strip() and not line.startswith("#"))
