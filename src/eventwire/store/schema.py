"""Column lists of the store tables, shared by the writers (``db.py``) and readers (``queries.py``).

They must agree with ``migrations/`` (a test checks each list against the live table).
Each entry is ``(column, DuckDB type)``; the type casts the list that is unnested on insert.
"""
from __future__ import annotations

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("external_id", "VARCHAR"),
    ("url", "VARCHAR"),
    ("title", "VARCHAR"),
    ("published", "DATE"),
    ("origin", "VARCHAR"),
    ("text", "VARCHAR"),
    ("ingested_at", "TIMESTAMP"),
)

# The scalar fields of eventwire.types.Event, same names, plus ``interaction``.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("event_date", "DATE"),
    ("time_precision", "INTEGER"),
    ("event_type", "VARCHAR"),
    ("sub_event_type", "VARCHAR"),
    ("plover_category", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("disorder_type", "VARCHAR"),
    ("actor1", "VARCHAR"),
    ("inter1", "INTEGER"),
    ("actor2", "VARCHAR"),
    ("inter2", "INTEGER"),
    ("interaction", "INTEGER"),
    ("civilian_targeting", "VARCHAR"),
    ("country", "VARCHAR"),
    ("iso3", "VARCHAR"),
    ("admin1", "VARCHAR"),
    ("admin2", "VARCHAR"),
    ("location", "VARCHAR"),
    ("latitude", "DOUBLE"),
    ("longitude", "DOUBLE"),
    ("geo_precision", "INTEGER"),
    ("geonameid", "BIGINT"),
    ("fatalities", "INTEGER"),
    ("injured", "INTEGER"),
    ("arrested", "INTEGER"),
    ("trigger", "VARCHAR"),
    ("notes", "VARCHAR"),
    ("created_at", "TIMESTAMP"),
    ("confidence", "DOUBLE"),
    ("independent_sources", "INTEGER"),
)
# Stored, but not an Event field: derived from inter1/inter2 when read back.
DERIVED_EVENT_COLUMNS = frozenset({"interaction"})

EVENT_SOURCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("ord", "INTEGER"),
    ("article_id", "VARCHAR"),
    ("role", "VARCHAR"),
)

EVIDENCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("ord", "INTEGER"),
    ("article_id", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("text", "VARCHAR"),
    ("role", "VARCHAR"),
)

QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"),
    ("speaker", "VARCHAR"),
    ("quote", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("verb", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("role", "VARCHAR"),
    ("affiliation", "VARCHAR"),
    ("via", "VARCHAR"),
    ("unverified", "BOOLEAN"),
    ("speaker_start", "INTEGER"),
    ("speaker_end", "INTEGER"),
)

# One article's coded event; ``event_id`` is the (merged) event of ``events`` it reports.
REPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("report_id", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("event_id", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("event_date", "DATE"),
    ("time_precision", "INTEGER"),
    ("country", "VARCHAR"),
    ("body", "VARCHAR"),
)

NOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("ord", "INTEGER"),
    ("kind", "VARCHAR"),
    ("text", "VARCHAR"),
)

PROVENANCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("ord", "INTEGER"),
    ("field", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("text", "VARCHAR"),
    ("unverified", "BOOLEAN"),
)

STORY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"),
    ("story_id", "VARCHAR"),
    ("role", "VARCHAR"),
    ("similarity", "DOUBLE"),
    ("adds_new", "BOOLEAN"),
    ("new_facts", "VARCHAR"),
    ("fingerprint", "VARCHAR"),
)

QUOTE_REPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("report_id", "VARCHAR"),
)

RUN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "BIGINT"),
    ("started_at", "TIMESTAMP"),
    ("finished_at", "TIMESTAMP"),
    ("read", "INTEGER"),
    ("skipped", "INTEGER"),
    ("events_stored", "INTEGER"),
    ("command", "VARCHAR"),
)


def column_list(columns: tuple[tuple[str, str], ...], *, table: str = "") -> str:
    """``"a", "b"`` (or ``t."a", t."b"``): quoted, since ``start``/``end``/``trigger`` are SQL words."""
    prefix = f"{table}." if table else ""
    return ", ".join(f'{prefix}"{name}"' for name, _ in columns)
