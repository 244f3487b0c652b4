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
from eventwire.store.schema import (
    ARTICLE_COLUMNS,
    DERIVED_EVENT_COLUMNS,
    EVENT_COLUMNS,
    QUOTE_COLUMNS,
    RUN_COLUMNS,
    column_list,
)
from eventwire.types import Article, Event, Evidence, FieldSource, Quote

# How many candidate ids an ambiguous-prefix error names.
AMBIGUOUS_EXAMPLES = 5
EVENT_NAMES = tuple(name for name, _ in EVENT_COLUMNS)
ARTICLE_NAMES = tuple(name for name, _ in ARTICLE_COLUMNS if name != "ingested_at")
EVENT_SELECT = f"SELECT {column_list(EVENT_COLUMNS)} FROM events"
ARTICLE_SELECT = "SELECT " + ", ".join(f'"{name}"' for name in ARTICLE_NAMES) + " FROM articles"
RUN_SELECT = f"SELECT {column_list(RUN_COLUMNS)} FROM runs"
QUOTE_SELECT = column_list(QUOTE_COLUMNS, table="q")


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
    notes: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"reason": [], "conflict": []})
    for event_id, kind, text in con.execute(
        "SELECT event_id, kind, text FROM event_notes WHERE event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY event_id, ord",
        [ids],
    ).fetchall():
        notes[event_id][kind].append(text)
    provenance: dict[str, list[FieldSource]] = defaultdict(list)
    for event_id, *values in con.execute(
        'SELECT event_id, field, article_id, "start", "end", text, unverified FROM provenance '
        "WHERE event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY event_id, ord",
        [ids],
    ).fetchall():
        provenance[event_id].append(FieldSource(*values))
    events = []
    for row in rows:
        values = {name: value for name, value in zip(EVENT_NAMES, row) if name not in DERIVED_EVENT_COLUMNS}
        values["created_at"] = values["created_at"].replace(tzinfo=dt.timezone.utc)
        event_id = values["event_id"]
        events.append(
            Event(
                **values,
                evidence=evidence.get(event_id, []),
                sources=sources.get(event_id, []),
                provenance=provenance.get(event_id, []),
                merge_reasons=notes[event_id]["reason"] if event_id in notes else [],
                conflicts=notes[event_id]["conflict"] if event_id in notes else [],
            )
        )
    return events


def events_by_ids(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Event]:
    """The stored events with these exact ids (any order)."""
    if not ids:
        return []
    return _events_from_rows(con, con.execute(f"{EVENT_SELECT} WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())


def created_times(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dt.datetime]:
    """event id -> when the store first wrote it (UTC), for the stored ones among ``ids``."""
    rows = con.execute(
        "SELECT event_id, created_at FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall()
    return {event_id: created for event_id, created in rows}


def count_events(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM events").fetchone()[0]


def event_reports(con: duckdb.DuckDBPyConnection, event_id: str) -> list[tuple[str, str]]:
    """``(report id, article id)`` of the reports merged into an event, by article."""
    return con.execute(
        "SELECT report_id, article_id FROM reports WHERE event_id = ? ORDER BY article_id, report_id", [event_id]
    ).fetchall()


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


def published_dates(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dt.date | None]:
    """article id -> publication date, for the stored ones among ``ids``."""
    rows = con.execute("SELECT id, published FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]).fetchall()
    return dict(rows)


# ---- stories ----------------------------------------------------------------------------


def fingerprints(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every stored story fingerprint (JSON), by article id."""
    return [row[0] for row in con.execute("SELECT fingerprint FROM stories ORDER BY article_id").fetchall()]


def articles_without_story(con: duckdb.DuckDBPyConnection) -> list[Article]:
    """Articles stored before stories were kept (migration 0002), by id."""
    rows = con.execute(
        f"{ARTICLE_SELECT} WHERE id NOT IN (SELECT article_id FROM stories) ORDER BY id"
    ).fetchall()
    return [Article(**dict(zip(ARTICLE_NAMES, row))) for row in rows]


def story_rows(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[str, dict]:
    """article id -> its ``stories`` row (story_id, role, similarity, adds_new, new_facts)."""
    rows = con.execute(
        "SELECT article_id, story_id, role, similarity, adds_new, new_facts FROM stories "
        "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [list(article_ids)],
    ).fetchall()
    names = ("story_id", "role", "similarity", "adds_new", "new_facts")
    return {row[0]: dict(zip(names, row[1:])) for row in rows}


def list_stories(con: duckdb.DuckDBPyConnection, *, min_size: int = 2, limit: int | None = None) -> list[dict]:
    """Stories of at least ``min_size`` articles, largest first, each with its members
    (original first): ``{"story_id", "members": [{"article_id", "role", "similarity",
    "adds_new", "new_facts", "title", "published", "url"}]}``."""
    sql = (
        "SELECT story_id FROM stories GROUP BY story_id HAVING count(*) >= ? "
        "ORDER BY count(*) DESC, story_id"
    )
    params: list[object] = [min_size]
    if limit is not None:
        if limit < 0:
            raise ValueError(f"limit must be 0 or more, got {limit}")
        sql += " LIMIT ?"
        params.append(limit)
    story_ids = [row[0] for row in con.execute(sql, params).fetchall()]
    if not story_ids:
        return []
    rows = con.execute(
        "SELECT s.story_id, s.article_id, s.role, s.similarity, s.adds_new, s.new_facts, a.title, a.published, a.url "
        "FROM stories s JOIN articles a ON a.id = s.article_id WHERE s.story_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY s.story_id, s.role <> 'original', a.published NULLS LAST, s.article_id",
        [story_ids],
    ).fetchall()
    names = ("article_id", "role", "similarity", "adds_new", "new_facts", "title", "published", "url")
    members: dict[str, list[dict]] = defaultdict(list)
    for story_id, *values in rows:
        members[story_id].append(dict(zip(names, values)))
    return [{"story_id": story_id, "members": members[story_id]} for story_id in story_ids]


# ---- quotes, counts, runs ---------------------------------------------------------------


def list_quotes(
    con: duckdb.DuckDBPyConnection,
    *,
    speaker: str | None = None,
    kind: str | None = None,
    event_id: str | None = None,
    limit: int | None = None,
) -> list[Quote]:
    """Stored quotes by article then position, each with the events it is about.

    ``speaker`` is a case-insensitive substring of the speaker; ``kind`` is direct, indirect
    or claim; ``event_id`` keeps the quotes about that event.
    """
    sql = f"SELECT {QUOTE_SELECT} FROM quotes q"
    conditions: list[str] = []
    params: list[object] = []
    if speaker is not None:
        conditions.append("contains(lower(q.speaker), lower(?))")
        params.append(speaker)
    if kind is not None:
        conditions.append("q.kind = ?")
        params.append(kind)
    if event_id is not None:
        conditions.append(
            'EXISTS (SELECT 1 FROM quote_reports l JOIN reports r ON r.report_id = l.report_id '
            'WHERE l.article_id = q.article_id AND l."start" = q."start" AND l."end" = q."end" AND r.event_id = ?)'
        )
        params.append(event_id)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += ' ORDER BY q.article_id, q."start", q."end"'
    if limit is not None:
        if limit < 0:
            raise ValueError(f"limit must be 0 or more, got {limit}")
        sql += " LIMIT ?"
        params.append(limit)
    quotes = [Quote(*row) for row in con.execute(sql, params).fetchall()]
    if quotes:
        links: dict[tuple, list[str]] = defaultdict(list)
        for article_id, start, end, linked in con.execute(
            'SELECT DISTINCT l.article_id, l."start", l."end", r.event_id FROM quote_reports l '
            "JOIN reports r ON r.report_id = l.report_id WHERE l.article_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY r.event_id",
            [sorted({quote.article_id for quote in quotes})],
        ).fetchall():
            links[(article_id, start, end)].append(linked)
        for quote in quotes:
            quote.event_ids = links.get((quote.article_id, quote.start, quote.end), [])
    return quotes


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
