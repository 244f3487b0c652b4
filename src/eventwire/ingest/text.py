"""Text articles: the seed format (a ``date`` line first) and plain, undated text."""
from __future__ import annotations

import datetime as dt
import re

from eventwire.errors import Errors
from eventwire.ingest.dates import find_date, try_parse_published
from eventwire.ingest.records import Problem, content_id
from eventwire.types import Article

__all__ = ["read_text"]

# The first line of a seed-format file: " date 2021-07-07 Headline ..." (leading space optional).
DATE_LINE = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(.*))?")
# A first line that means to be a date line ("date" then something starting with a digit).
DATE_LINE_INTENT = re.compile(r"\s*date\s+\d")


def read_text(text: str, *, path: str, default_date: dt.date | None = None) -> Article | Problem:
    """One article from a text file's whole content (``text`` becomes ``Article.text`` as is).

    Seed format: the first line is `` date YYYY-MM-DD <headline>``; its date is the
    publication date and the headline the title. Otherwise the text is plain: the date
    is ``default_date``, else the first full date near the top of the text.
    """
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if DATE_LINE_INTENT.match(first_line):
        return _read_seed(text, first_line, path=path)
    published = default_date or find_date(text)
    if published is None:
        return Problem(path, Errors.E007.format(path=path))
    return Article(id=content_id(text), text=text, published=published, origin=path)


def _read_seed(text: str, first_line: str, *, path: str) -> Article | Problem:
    match = DATE_LINE.fullmatch(first_line)
    published = try_parse_published(match.group(1)) if match else None
    if published is None:
        return Problem(path, Errors.E006.format(path=path, line=first_line))
    title = (match.group(2) or "").strip()
    return Article(id=content_id(text), text=text, published=published, title=title, origin=path)
