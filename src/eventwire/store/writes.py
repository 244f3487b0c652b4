"""Row builders and the bulk insert shared by the store's writers."""
from __future__ import annotations

import datetime as dt

import duckdb

from eventwire.store.schema import EVENT_COLUMNS, column_list
from eventwire.types import Event

OWN_COLUMNS = ("article_id", "created_at")


def event_row(event: Event, *, now: dt.datetime) -> tuple:
    """The ``events`` row of ``event`` (``created_at``: its own, else ``now``)."""
    values = {name: getattr(event, name) for name, _ in EVENT_COLUMNS if name not in OWN_COLUMNS}
    values["article_id"] = event.article_id
    created = event.created_at
    values["created_at"] = created.astimezone(dt.timezone.utc).replace(tzinfo=None) if created and created.tzinfo else (created or now)
    return tuple(values[name] for name, _ in EVENT_COLUMNS)


def insert(con: duckdb.DuckDBPyConnection, table: str, columns, rows: list[tuple]) -> None:
    """Insert ``rows`` with one statement: one typed list per column, unnested side by side."""
    if not rows:
        return
    selects = ", ".join(f"unnest(?::{sql_type}[])" for _, sql_type in columns)
    con.execute(f"INSERT INTO {table} ({column_list(columns)}) SELECT {selects}", [list(col) for col in zip(*rows)])
