"""Executors of one pure ``process_batch``: local now, Dask later, same code."""
from eventwire.engine.local import DEFAULT_BATCH_SIZE, IngestSummary, ingest, ingest_items
from eventwire.engine.process import ArticleResult, process_batch

__all__ = ["ArticleResult", "DEFAULT_BATCH_SIZE", "IngestSummary", "ingest", "ingest_items", "process_batch"]
