"""Readers that turn files into ``Article`` records.

>>> from eventwire.ingest import read_articles
>>> for item in read_articles(["news/"], default_date=None):  # doctest: +SKIP
...     ...  # an Article, or a Problem(path, reason) for an input that was skipped
"""
from eventwire.ingest.dates import parse_published
from eventwire.ingest.files import read_articles
from eventwire.ingest.records import DEFAULT_MAX_BYTES, Columns, Problem, content_id

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Columns",
    "Problem",
    "content_id",
    "parse_published",
    "read_articles",
]
