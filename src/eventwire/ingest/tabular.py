"""Record files: JSON lines (``.jsonl``/``.json``) and CSV/TSV, one article per record.

Both readers take numbered, decoded lines (see ``files.numbered_lines``) so that they
stream: a record is turned into an ``Article`` as soon as its line is read. A bad record
is reported as a ``Problem`` naming ``path:line`` and the reading goes on.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping

from eventwire.errors import Errors
from eventwire.ingest.dates import try_parse_published
from eventwire.ingest.records import Columns, Problem, content_id
from eventwire.types import Article

__all__ = ["NumberedLine", "read_csv", "read_jsonl"]

NumberedLine = tuple[int, str]  # (1-based line number, the line with its line ending)
JSON_TYPE_NAMES = {list: "an array", str: "a string", int: "a number", float: "a number",
                   bool: "a boolean", type(None): "null"}


def read_jsonl(
    lines: Iterable[NumberedLine | Problem],
    *,
    path: str,
    columns: Columns,
    default_date: dt.date | None = None,
    max_bytes: int,
) -> Iterator[Article | Problem]:
    """Articles from JSON lines: one object per line; blank lines are skipped.

    A file whose first line is a lone ``{`` (one pretty-printed object) or starts with
    ``[`` (an array of objects) is read as one JSON document instead, up to ``max_bytes``.
    """
    line_iter = iter(lines)
    first = True
    for item in line_iter:
        if isinstance(item, Problem):
            yield item
            continue
        lineno, line = item
        stripped = line.strip()
        if not stripped:
            continue
        if first and (stripped == "{" or stripped.startswith("[")):
            yield from _read_json_document(item, line_iter, path=path, columns=columns,
                                           default_date=default_date, max_bytes=max_bytes)
            return
        first = False
        yield _json_line_record(lineno, stripped, path=path, columns=columns,
                                default_date=default_date)


def _json_line_record(
    lineno: int, line: str, *, path: str, columns: Columns, default_date: dt.date | None
) -> Article | Problem:
    where = f"{path}:{lineno}"
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(path, Errors.E009.format(path=path, line=lineno, reason=exc.msg))
    return _record_article(value, where=where, path=path, columns=columns,
                           default_date=default_date)


def _read_json_document(
    first: NumberedLine,
    rest: Iterator[NumberedLine | Problem],
    *,
    path: str,
    columns: Columns,
    default_date: dt.date | None,
    max_bytes: int,
) -> Iterator[Article | Problem]:
    parts = [first[1]]
    size = len(first[1])
    for item in rest:
        if isinstance(item, Problem):
            yield item
            return
        parts.append(item[1])
        size += len(item[1])
        if size > max_bytes:
            yield Problem(path, Errors.E015.format(path=path, limit=max_bytes))
            return
    document = "".join(parts)
    start_line = first[0]
    try:
        value = json.loads(document)
    except json.JSONDecodeError as exc:
        line = start_line + exc.lineno - 1
        yield Problem(path, Errors.E009.format(path=path, line=line, reason=exc.msg))
        return
    values = value if isinstance(value, list) else [value]
    for index, record in enumerate(values):
        where = f"{path}[{index}]" if isinstance(value, list) else f"{path}:{start_line}"
        yield _record_article(record, where=where, path=path, columns=columns,
                              default_date=default_date)


def read_csv(
    lines: Iterable[NumberedLine | Problem],
    *,
    path: str,
    columns: Columns,
    default_date: dt.date | None = None,
    delimiter: str = ",",
) -> Iterator[Article | Problem]:
    """Articles from CSV (or TSV) with a header row naming the columns."""
    feed = _LineFeed(lines)
    reader = csv.reader(feed, delimiter=delimiter)
    header = _next_row(reader, feed, path=path)
    yield from feed.drain()
    if not isinstance(header, list):
        if isinstance(header, Problem):
            yield header
        return
    names = [name.strip() for name in header]
    required = [columns.text] if default_date else [columns.text, columns.published]
    missing = [column for column in required if column not in names]
    if missing:
        yield Problem(path, Errors.E012.format(path=path, column=missing[0]))
        return
    while True:
        record_line = feed.last + 1
        row = _next_row(reader, feed, path=path)
        yield from feed.drain()
        if row is None:
            return
        if isinstance(row, Problem):
            yield row
            continue
        if not row:
            continue
        if len(row) > len(names):
            reason = f"{len(row)} fields in a row under a header of {len(names)}; is a comma unquoted?"
            yield Problem(path, Errors.E017.format(path=path, line=record_line, reason=reason))
            continue
        record = dict(zip(names, row))
        yield _record_article(record, where=f"{path}:{record_line}", path=path,
                              columns=columns, default_date=default_date)


class _LineFeed:
    """Feeds line texts to ``csv.reader``, keeping the line number and any line problems."""

    def __init__(self, lines: Iterable[NumberedLine | Problem]) -> None:
        self._lines = iter(lines)
        self.last = 0
        self.problems: list[Problem] = []

    def __iter__(self) -> Iterator[str]:
        for item in self._lines:
            if isinstance(item, Problem):
                self.problems.append(item)
                continue
            self.last = item[0]
            yield item[1]

    def drain(self) -> Iterator[Problem]:
        problems, self.problems = self.problems, []
        yield from problems


def _next_row(reader: Iterator[list[str]], feed: _LineFeed, *, path: str) -> list[str] | Problem | None:
    """The next CSV row, a Problem for a malformed one, None at the end."""
    try:
        return next(reader, None)
    except csv.Error as exc:
        return Problem(path, Errors.E017.format(path=path, line=feed.last, reason=exc))


def _record_article(
    value: object,
    *,
    where: str,
    path: str,
    columns: Columns,
    default_date: dt.date | None,
) -> Article | Problem:
    """One record (a JSON object or a CSV row as a dict) as an Article."""
    if not isinstance(value, Mapping):
        kind = JSON_TYPE_NAMES.get(type(value), type(value).__name__)
        return Problem(path, Errors.E018.format(where=where, kind=kind))
    text = value.get(columns.text)
    if not isinstance(text, str) or not text.strip():
        return Problem(path, Errors.E010.format(where=where, column=columns.text))
    raw_date = value.get(columns.published)
    if raw_date is None or (isinstance(raw_date, str) and not raw_date.strip()):
        published = default_date
        if published is None:
            return Problem(path, Errors.E007.format(path=where))
    else:
        published = try_parse_published(raw_date) if isinstance(raw_date, str) else None
        if published is None:
            return Problem(path, Errors.E011.format(where=where, value=raw_date,
                                                    column=columns.published))
    return Article(
        id=content_id(text),
        text=text,
        published=published,
        title=_plain(value.get(columns.title)).strip(),
        url=_plain(value.get(columns.url)).strip(),
        origin=where,
        external_id=_plain(value.get(columns.id)),
    )


def _plain(value: object) -> str:
    """A scalar field as text ("" for a missing or null one)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)
