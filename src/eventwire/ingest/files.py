"""Finding and opening inputs: files, directories, ``.gz`` and standard input.

Every input is checked before it is parsed (size from ``os.stat`` before reading, NUL
bytes, UTF-8) and then handed to the reader for its suffix. Anything that cannot be
used becomes a ``Problem`` and the run goes on.

Size limit: a single-article file (text, HTML) may not be larger than ``max_bytes``;
a ``.gz`` stops decompressing past it. In a record file (JSONL, CSV) the limit is per
record (line), so that a large corpus file streams through.
"""
from __future__ import annotations

import codecs
import datetime as dt
import gzip
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO, IO

from eventwire.errors import Errors
from eventwire.ingest.html import read_html
from eventwire.ingest.records import DEFAULT_MAX_BYTES, Columns, Problem
from eventwire.ingest.tabular import NumberedLine, read_csv, read_jsonl
from eventwire.ingest.text import read_text
from eventwire.types import Article

__all__ = ["STDIN_NAME", "SUFFIX_KINDS", "iter_input_paths", "read_articles", "read_path", "read_stream"]

STDIN_NAME = "<stdin>"
GZIP_SUFFIX = ".gz"
# File suffix (lower case, after removing ".gz") -> reader kind. No suffix reads as text.
SUFFIX_KINDS = {
    "": "text", ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
DOCUMENT_KINDS = frozenset({"text", "html"})
# Errors a gzip stream raises on a truncated or corrupt file (BadGzipFile is an OSError).
GZIP_ERRORS = (OSError, EOFError, zlib.error)
# Standard input: how many bytes of leading blank lines are read while sniffing the format.
SNIFF_BYTES = 64 * 1024


def read_articles(
    paths: Iterable[str],
    *,
    default_date: dt.date | None = None,
    columns: Columns | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO | None = None,
) -> Iterator[Article | Problem]:
    """Articles from files, directories (recursively, sorted), ``.gz`` files and ``-``.

    Yields each ``Article`` or, for an input that cannot be used, a ``Problem``, in a
    stable order: the paths as given, a directory's entries by name. Record files are
    streamed. ``default_date`` dates inputs that carry no date; ``columns`` names the
    JSONL/CSV fields; ``stdin`` replaces ``sys.stdin`` for ``-``.
    """
    columns = columns or Columns()
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from read_stream(getattr(stream, "buffer", stream), name=STDIN_NAME,
                                   default_date=default_date, columns=columns,
                                   max_bytes=max_bytes)
            continue
        for item in iter_input_paths(path):
            if isinstance(item, Problem):
                yield item
            else:
                yield from read_path(item, default_date=default_date, columns=columns,
                                     max_bytes=max_bytes)


def iter_input_paths(path: str) -> Iterator[str | Problem]:
    """``path`` itself, or the files under a directory: sorted by name, hidden ones skipped."""
    if not os.path.isdir(path):
        yield path
        return
    yield from _walk(path, seen=set())


def _walk(directory: str, *, seen: set[str]) -> Iterator[str | Problem]:
    real = os.path.realpath(directory)
    if real in seen:  # a symbolic link back up the tree
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        yield Problem(directory, Errors.E001.format(path=directory, reason=exc.strerror or exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry.path, seen=seen)
        else:
            yield entry.path


def read_path(
    path: str,
    *,
    default_date: dt.date | None = None,
    columns: Columns | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Problem]:
    """Articles from one file, by its suffix (``x.jsonl.gz`` reads as gzipped JSONL)."""
    columns = columns or Columns()
    compressed = path.lower().endswith(GZIP_SUFFIX)
    base = path[: -len(GZIP_SUFFIX)] if compressed else path
    suffix = os.path.splitext(os.path.basename(base))[1].lower()
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        yield Problem(path, Errors.E001.format(path=path, reason=exc.strerror or exc))
        return
    kind = SUFFIX_KINDS.get(suffix)
    if kind is None:
        yield Problem(path, Errors.E014.format(path=path, suffix=suffix))
        return
    if size == 0:
        yield Problem(path, Errors.E002.format(path=path))
        return
    if kind in DOCUMENT_KINDS and size > max_bytes:
        yield Problem(path, Errors.E005.format(path=path, size=size, limit=max_bytes))
        return
    try:
        raw = _open_binary(path)
    except OSError as exc:
        yield Problem(path, Errors.E001.format(path=path, reason=exc.strerror or exc))
        return
    with raw:
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        yield from _read_kind(stream, kind, name=path, compressed=compressed,
                              default_date=default_date, columns=columns, max_bytes=max_bytes)


def _open_binary(path: str) -> BinaryIO:
    """The one place files are opened (tests replace it to prove a file is never read)."""
    return open(path, "rb")


def read_stream(
    stream: IO,
    *,
    name: str = STDIN_NAME,
    default_date: dt.date | None = None,
    columns: Columns | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Problem]:
    """Articles from an open stream of unknown format (standard input).

    JSON lines when the first non-blank character is ``{`` or ``[``, HTML when it is
    ``<``, text otherwise. Both binary and text streams are accepted.
    """
    columns = columns or Columns()
    head: list[bytes] = []
    read = 0
    first = b""
    while read <= SNIFF_BYTES:
        line = _readline(stream, name=name, compressed=False, limit=max_bytes + 1)
        if isinstance(line, Problem):
            yield line
            return
        if not line:
            break
        head.append(line)
        read += len(line)
        first = line.lstrip()[:1]
        if first:
            break
    if not first:
        yield Problem(name, Errors.E002.format(path=name))
        return
    kind = "jsonl" if first in (b"{", b"[") else "html" if first == b"<" else "text"
    prefixed = _PrefixedStream(head, stream)
    yield from _read_kind(prefixed, kind, name=name, compressed=False,
                          default_date=default_date, columns=columns, max_bytes=max_bytes)


def _read_kind(
    stream: IO,
    kind: str,
    *,
    name: str,
    compressed: bool,
    default_date: dt.date | None,
    columns: Columns,
    max_bytes: int,
) -> Iterator[Article | Problem]:
    if kind in DOCUMENT_KINDS:
        text = _read_document(stream, name=name, compressed=compressed, max_bytes=max_bytes)
        if isinstance(text, Problem):
            yield text
        elif kind == "html":
            yield read_html(text, path=name, default_date=default_date)
        else:
            yield read_text(text, path=name, default_date=default_date)
        return
    lines = numbered_lines(stream, name=name, compressed=compressed, max_bytes=max_bytes)
    if kind == "jsonl":
        yield from read_jsonl(lines, path=name, columns=columns, default_date=default_date,
                              max_bytes=max_bytes)
    else:
        yield from read_csv(lines, path=name, columns=columns, default_date=default_date,
                            delimiter="\t" if kind == "tsv" else ",")


def _read_document(stream: IO, *, name: str, compressed: bool, max_bytes: int) -> str | Problem:
    """The whole content of a single-article input, checked and decoded."""
    try:
        data = _as_bytes(stream.read(max_bytes + 1))
    except GZIP_ERRORS as exc:
        return _read_problem(exc, name=name, compressed=compressed)
    if len(data) > max_bytes:
        return Problem(name, Errors.E015.format(path=name, limit=max_bytes))
    if not data.strip():
        return Problem(name, Errors.E002.format(path=name))
    return _decode(data, name=name, where=name)


def numbered_lines(
    stream: IO, *, name: str, compressed: bool, max_bytes: int
) -> Iterator[NumberedLine | Problem]:
    """The decoded lines of a record file, numbered from 1; bad lines become Problems.

    A line over ``max_bytes`` or not valid UTF-8 is reported and skipped; NUL bytes
    (a binary file) or a read error end the file.
    """
    lineno = 0
    any_content = False
    while True:
        line = _readline(stream, name=name, compressed=compressed, limit=max_bytes + 1)
        if isinstance(line, Problem):
            yield line
            return
        if not line:
            break
        lineno += 1
        if b"\x00" in line:
            yield Problem(name, Errors.E003.format(path=name))
            return
        if len(line) > max_bytes:
            yield Problem(name, Errors.E016.format(where=f"{name}:{lineno}", limit=max_bytes))
            skipped = _skip_rest_of_line(stream, line, name=name, compressed=compressed,
                                         limit=max_bytes + 1)
            if isinstance(skipped, Problem):
                yield skipped
                return
            continue
        if lineno == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        any_content = any_content or bool(line.strip())
        text = _decode(line, name=name, where=f"{name}:{lineno}")
        yield text if isinstance(text, Problem) else (lineno, text)
    if not any_content:
        yield Problem(name, Errors.E002.format(path=name))


def _readline(stream: IO, *, name: str, compressed: bool, limit: int) -> bytes | Problem:
    try:
        return _as_bytes(stream.readline(limit))
    except GZIP_ERRORS as exc:
        return _read_problem(exc, name=name, compressed=compressed)


def _skip_rest_of_line(
    stream: IO, line: bytes, *, name: str, compressed: bool, limit: int
) -> None | Problem:
    """Read past the end of an overlong line without keeping it."""
    while line and not line.endswith(b"\n"):
        line = _readline(stream, name=name, compressed=compressed, limit=limit)
        if isinstance(line, Problem):
            return line
    return None


def _read_problem(exc: BaseException, *, name: str, compressed: bool) -> Problem:
    if compressed:
        return Problem(name, Errors.E008.format(path=name, reason=exc))
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return Problem(name, Errors.E001.format(path=name, reason=reason))


def _decode(data: bytes, *, name: str, where: str) -> str | Problem:
    """UTF-8 text (a leading byte-order mark dropped); NUL bytes mean a binary file."""
    if b"\x00" in data:
        return Problem(name, Errors.E003.format(path=name))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(name, Errors.E004.format(path=where, offset=exc.start))


def _as_bytes(chunk: bytes | str) -> bytes:
    """Bytes from a binary stream's read, or a text stream's read encoded as UTF-8."""
    return chunk.encode("utf-8") if isinstance(chunk, str) else chunk


class _PrefixedStream:
    """A stream that first gives back the lines sniffing already read, then ``stream``."""

    def __init__(self, lines: list[bytes], stream: IO) -> None:
        self._lines = lines
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        head = b"".join(self._lines)
        self._lines = []
        if size >= 0 and len(head) >= size:
            return head  # at most one line's length over: the caller's limit check still holds
        return head + _as_bytes(self._stream.read(-1 if size < 0 else size - len(head)))

    def readline(self, size: int = -1) -> bytes:
        # The sniffed lines were read with the same limit as the caller's, so are whole.
        if self._lines:
            return self._lines.pop(0)
        return _as_bytes(self._stream.readline(size))
