"""Read queries over the store, plus the run log. Each takes an open DuckDB connection.

``Store`` (``db.py``) exposes these as methods; use them through it. A list of events comes
with its evidence and sources filled in by one extra query each, however many events.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import duckdb

from eventwire.errors import Errors, StoreError
from eventwire.store.migrations import utc_now
from eventwire.store.schema import ARTICLE_COLUMNS, DERIVED_EVENT_COLUMNS, EVENT_COLUMNS, RUN_COLUMNS, column_list
from eventwire.types import Article, Event, Evidence, Quote

# How many candidate ids an ambiguous-prefix error names.
AMBIGUOUS_EXAMPLES = 5
EVENT_NAMES = tuple(name for name, _ in EVENT_COLUMNS)
ARTICLE_NAMES = tuple(name for name, _ in ARTICLE_COLUMNS if name != "ingested_at")
EVENT_SELECT = f"SELECT {column_list(EVENT_COLUMNS)} FROM events"
ARTICLE_SELECT = "SELECT " + ", ".join(f'"{name}"' for name in ARTICLE_NAMES) + " FROM articles"
RUN_SELECT = f"SELECT {column_list(RUN_COLUMNS)} FROM runs"


# ---- events -----------------------------------------------------------------------------


def list_events(
    con: duckdb.DuckDBPyConnection,
    *,
    country: str | None = None,
    admin1: str | None = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    plover_category: str | None = None,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[Event]:
    """Stored events matching every given filter, by event_date (undated last) then event_id.

    Text filters ignore case. ``country`` matches the country name or its ISO3 code;
    ``actor`` is a substring of actor1 or actor2; ``since``/``until`` are inclusive.
    """
    conditions: list[str] = []
    params: list[object] = []
    for column, value in (
        ("admin1", admin1),
        ("event_type", event_type),
        ("sub_event_type", sub_event_type),
        ("plover_category", plover_category),
    ):
        if value is not None:
            conditions.append(f"lower({column}) = lower(?)")
            params.append(value)
    if country is not None:
        conditions.append("(lower(country) = lower(?) OR upper(iso3) = upper(?))")
        params += [country, country]
    if actor is not None:
        conditions.append("(contains(lower(actor1), lower(?)) OR contains(lower(actor2), lower(?)))")
        params += [actor, actor]
    if since is not None:
        conditions.append("event_date >= ?")
        params.append(since)
    if until is not None:
        conditions.append("event_date <= ?")
        params.append(until)
    sql = EVENT_SELECT
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += " ORDER BY event_date NULLS LAST, event_id"
    if limit is not None:
        if limit < 0:
            raise ValueError(f"limit must be 0 or more, got {limit}")
        sql += " LIMIT ?"
        params.append(limit)
    return _events_from_rows(con, con.execute(sql, params).fetchall())


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> Event | None:
    """The event with this id, or the only one whose id starts with it; None when none does."""
    rows = _rows_by_id_or_prefix(con, EVENT_SELECT, "events", "event_id", event_id)
    events = _events_from_rows(con, rows)
    return events[0] if events else None


def _events_from_rows(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> list[Event]:
    if not rows:
        return []
    ids = [row[0] for row in rows]
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for event_id, article_id, start, end, text, role in con.execute(
        'SELECT event_id, article_id, "start", "end", text, role FROM evidence '
        "WHERE event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY event_id, ord",
        [ids],
    ).fetchall():
        evidence[event_id].append(Evidence(article_id, start, end, text, role))
    sources: dict[str, list[str]] = defaultdict(list)
    for event_id, article_id in con.execute(
        "SELECT event_id, article_id FROM event_sources "
        "WHERE event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY event_id, ord",
        [ids],
    ).fetchall():
        sources[event_id].append(article_id)
    events = []
    for row in rows:
        values = {name: value for name, value in zip(EVENT_NAMES, row) if name not in DERIVED_EVENT_COLUMNS}
        values["created_at"] = values["created_at"].replace(tzinfo=dt.timezone.utc)
        event_id = values["event_id"]
        events.append(Event(**values, evidence=evidence.get(event_id, []), sources=sources.get(event_id, [])))
    return events


def _rows_by_id_or_prefix(con: duckdb.DuckDBPyConnection, select: str, table: str, column: str, ident: str) -> list:
    """Rows of ``select`` for the id ``ident``, else for the one id that starts with it."""
    rows = con.execute(f"{select} WHERE {column} = ?", [ident]).fetchall()
    if not rows and ident:
        found = _ids_with_prefix(con, table, column, ident)
        if found:
            rows = con.execute(f"{select} WHERE {column} = ?", [found]).fetchall()
    return rows


def _ids_with_prefix(con: duckdb.DuckDBPyConnection, table: str, column: str, prefix: str) -> str | None:
    """The one id in ``table.column`` starting with ``prefix``; None if none; raises if several."""
    found = [
        row[0]
        for row in con.execute(
            f"SELECT {column} FROM {table} WHERE starts_with({column}, ?) ORDER BY {column} LIMIT ?",
            [prefix, AMBIGUOUS_EXAMPLES + 1],
        ).fetchall()
    ]
    if len(found) > 1:
        count = con.execute(f"SELECT count(*) FROM {table} WHERE starts_with({column}, ?)", [prefix]).fetchone()[0]
        what = "event id" if table == "events" else "article id"
        examples = ", ".join(found[:AMBIGUOUS_EXAMPLES]) + (", ..." if count > AMBIGUOUS_EXAMPLES else "")
        raise StoreError(Errors.E308.format(what=what, prefix=prefix, count=count, examples=examples))
    return found[0] if found else None


# ---- articles ---------------------------------------------------------------------------


def has_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    """The ids among ``ids`` that are stored."""
    if not ids:
        return set()
    rows = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]).fetchall()
    return {row[0] for row in rows}


def article_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every stored article id, sorted."""
    return [row[0] for row in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> Article | None:
    """The article with this id, or the only one whose id starts with it; None when none does."""
    rows = _rows_by_id_or_prefix(con, ARTICLE_SELECT, "articles", "id", article_id)
    return Article(**dict(zip(ARTICLE_NAMES, rows[0]))) if rows else None


def get_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, Article]:
    """``{id: Article}`` for the stored ones among ``ids`` (exact ids), in one query."""
    if not ids:
        return {}
    rows = con.execute(f"{ARTICLE_SELECT} WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]).fetchall()
    articles = (Article(**dict(zip(ARTICLE_NAMES, row))) for row in rows)
    return {article.id: article for article in articles}


# ---- quotes, counts, runs ---------------------------------------------------------------


def list_quotes(con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, limit: int | None = None) -> list[Quote]:
    """Stored quotes by article then position; ``speaker`` is a case-insensitive substring."""
    sql = 'SELECT article_id, speaker, quote, "start", "end", verb FROM quotes'
    params: list[object] = []
    if speaker is not None:
        sql += " WHERE contains(lower(speaker), lower(?))"
        params.append(speaker)
    sql += ' ORDER BY article_id, "start", "end"'
    if limit is not None:
        if limit < 0:
            raise ValueError(f"limit must be 0 or more, got {limit}")
        sql += " LIMIT ?"
        params.append(limit)
    return [Quote(*row) for row in con.execute(sql, params).fetchall()]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """``{"articles": n, "events": n, "quotes": n}``."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM quotes)"
    ).fetchone()
    return dict(zip(("articles", "events", "quotes"), row))


def record_run(
    con: duckdb.DuckDBPyConnection,
    *,
    command: str = "",
    read: int = 0,
    skipped: int = 0,
    events_stored: int = 0,
    started_at: dt.datetime | None = None,
    finished_at: dt.datetime | None = None,
) -> int:
    """Log one run (an ingest, say) and return its id; times default to now (UTC)."""
    now = utc_now()
    row = con.execute(
        "INSERT INTO runs (started_at, finished_at, read, skipped, events_stored, command) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [_as_utc(started_at) or now, _as_utc(finished_at) or now, read, skipped, events_stored, command],
    ).fetchone()
    return row[0]


def list_runs(con: duckdb.DuckDBPyConnection, *, limit: int | None = None) -> list[dict]:
    """Logged runs, newest first, as dicts with the ``runs`` column names (times in UTC)."""
    sql = RUN_SELECT + " ORDER BY id DESC"
    params: list[object] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    names = [name for name, _ in RUN_COLUMNS]
    runs = []
    for row in con.execute(sql, params).fetchall():
        run = dict(zip(names, row))
        for key in ("started_at", "finished_at"):
            if run[key] is not None:
                run[key] = run[key].replace(tzinfo=dt.timezone.utc)
        runs.append(run)
    return runs


def _as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A zone-aware time converted to naive UTC; naive times are taken to be UTC already."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
