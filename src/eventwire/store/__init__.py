"""The DuckDB store: the only part of eventwire that speaks SQL.

    with Store.open("events.duckdb") as store:
        store.add_batch([(article, events, quotes)])
        store.list_events(country="Afghanistan", since=datetime.date(2021, 7, 1))

Tables and columns: docs/schema.md. Exports (CSV, JSONL, GeoJSON): eventwire.export.
"""
from eventwire.store.db import BatchWriteResult, Store

__all__ = ["BatchWriteResult", "Store"]
