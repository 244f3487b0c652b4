"""The DuckDB store: one file holding articles, coded events, their evidence, quotes and runs.

Writes go through :meth:`Store.add_batch`, one transaction per batch: an article and its
events are stored together or not at all, so a process killed midway (even by SIGKILL)
and run again leaves exactly one copy of everything. Reads live in ``queries.py``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from eventwire.errors import Errors, StoreError
from eventwire.store import queries
from eventwire.store.migrations import applied_migrations, migrate, pending_migrations, utc_now
from eventwire.store.schema import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    EVENT_SOURCE_COLUMNS,
    EVIDENCE_COLUMNS,
    QUOTE_COLUMNS,
    column_list,
)
from eventwire.types import Article, Event, Quote

MEMORY = ":memory:"


@dataclass(frozen=True)
class BatchWriteResult:
    articles_added: int
    articles_skipped_existing: int  # already stored, or repeated within the batch
    events_added: int
    quotes_added: int = 0


class Store:
    """An open eventwire database. Use :meth:`open`, ideally as a context manager::

        with Store.open("events.duckdb") as store:
            store.add_batch([(article, events, quotes)])
            battles = store.list_events(event_type="Battles")
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, *, migrations_applied: Sequence[str] = ()) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.migrations_applied = tuple(migrations_applied)  # applied by this open(), in order

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Store:
        """Open (creating the file and its folder if needed) and migrate the store at ``path``.

        ``":memory:"`` gives a throw-away in-memory store. ``read_only`` lets several
        processes read one file; it never migrates, so the file must be up to date.
        """
        location = str(path)
        if location != MEMORY:
            file = Path(path).expanduser()
            location = str(file)
            if not read_only:
                file.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(location, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(Errors.E301.format(path=location, reason=err)) from err
        if read_only:
            missing = [migration.name for migration in pending_migrations(con, path=location)]
            if missing:
                con.close()
                raise StoreError(Errors.E305.format(path=location, names=", ".join(missing)))
            return cls(con, location)
        try:
            applied = migrate(con, path=location)
        except StoreError:
            con.close()
            raise
        return cls(con, location, migrations_applied=applied)

    # ---- lifecycle ----------------------------------------------------------------------

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(Errors.E309.format(path=self.path))
        return self._con

    def close(self) -> None:
        """Close the file (safe to call twice)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._con is None else "open"
        return f"<Store {self.path!r} {state}>"

    def migration_history(self) -> list[tuple[int, str, dt.datetime]]:
        """``(id, name, applied_at)`` of every migration recorded in the file."""
        return applied_migrations(self.con)

    # ---- writes -------------------------------------------------------------------------

    def add_batch(self, items: Sequence[tuple[Article, Sequence[Event], Sequence[Quote]]]) -> BatchWriteResult:
        """Store articles with their events and quotes in ONE transaction.

        Articles already stored (or repeated in the batch) are skipped with their events and
        quotes. Every event needs a non-empty ``event_id``; a missing one, or any write
        error (an event id used twice, say), raises ``StoreError`` and stores nothing.
        """
        for article, events, _ in items:
            for index, event in enumerate(events):
                if not event.event_id:
                    raise StoreError(Errors.E306.format(index=index, article_id=article.id))
        if not items:
            return BatchWriteResult(0, 0, 0)
        con = self.con
        con.begin()
        try:
            result = self._write_batch(con, items)
        except duckdb.Error as err:
            con.rollback()
            raise StoreError(Errors.E307.format(reason=err)) from err
        except BaseException:
            con.rollback()
            raise
        try:
            con.commit()  # a failed commit leaves nothing behind: DuckDB rolls it back
        except duckdb.Error as err:
            raise StoreError(Errors.E307.format(reason=err)) from err
        return result

    def _write_batch(self, con: duckdb.DuckDBPyConnection, items) -> BatchWriteResult:
        stored = queries.has_articles(con, [article.id for article, _, _ in items])
        now = utc_now()
        article_rows, event_rows, source_rows, evidence_rows, quote_rows = [], [], [], [], []
        for article, events, quotes in items:
            if article.id in stored:
                continue
            stored.add(article.id)
            article_rows.append(
                (article.id, article.external_id, article.url, article.title, article.published,
                 article.origin, article.text, now)
            )
            for event in events:
                event_rows.append(_event_row(event, article_id=event.article_id or article.id, now=now))
                sources = list(dict.fromkeys(event.sources)) or [event.article_id or article.id]
                source_rows += [(event.event_id, ord_, source) for ord_, source in enumerate(sources)]
                evidence_rows += [
                    (event.event_id, ord_, ev.article_id or article.id, ev.start, ev.end, ev.text, ev.role)
                    for ord_, ev in enumerate(event.evidence)
                ]
            quote_rows += [
                (quote.article_id or article.id, quote.speaker, quote.quote, quote.start, quote.end, quote.verb)
                for quote in quotes
            ]
        _insert(con, "articles", ARTICLE_COLUMNS, article_rows)
        _insert(con, "events", EVENT_COLUMNS, event_rows)
        _insert(con, "event_sources", EVENT_SOURCE_COLUMNS, source_rows)
        _insert(con, "evidence", EVIDENCE_COLUMNS, evidence_rows)
        _insert(con, "quotes", QUOTE_COLUMNS, quote_rows)
        return BatchWriteResult(
            articles_added=len(article_rows),
            articles_skipped_existing=len(items) - len(article_rows),
            events_added=len(event_rows),
            quotes_added=len(quote_rows),
        )

    def record_run(
        self,
        *,
        command: str = "",
        read: int = 0,
        skipped: int = 0,
        events_stored: int = 0,
        started_at: dt.datetime | None = None,
        finished_at: dt.datetime | None = None,
    ) -> int:
        """Log one run (an ingest, say) and return its id; times default to now (UTC)."""
        return queries.record_run(
            self.con, command=command, read=read, skipped=skipped, events_stored=events_stored,
            started_at=started_at, finished_at=finished_at,
        )

    # ---- reads (see queries.py) ---------------------------------------------------------

    def has_articles(self, ids: list[str]) -> set[str]:
        return queries.has_articles(self.con, ids)

    def article_ids(self) -> list[str]:
        return queries.article_ids(self.con)

    def get_article(self, article_id: str) -> Article | None:
        return queries.get_article(self.con, article_id)

    def get_articles(self, ids: list[str]) -> dict[str, Article]:
        return queries.get_articles(self.con, ids)

    def list_events(
        self,
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
        """Events matching every given filter, by date then id (see ``queries.list_events``)."""
        return queries.list_events(
            self.con, country=country, admin1=admin1, event_type=event_type, sub_event_type=sub_event_type,
            plover_category=plover_category, actor=actor, since=since, until=until, limit=limit,
        )

    def get_event(self, event_id: str) -> Event | None:
        return queries.get_event(self.con, event_id)

    def list_quotes(self, *, speaker: str | None = None, limit: int | None = None) -> list[Quote]:
        return queries.list_quotes(self.con, speaker=speaker, limit=limit)

    def counts(self) -> dict[str, int]:
        return queries.counts(self.con)

    def list_runs(self, *, limit: int | None = None) -> list[dict]:
        return queries.list_runs(self.con, limit=limit)


def _event_row(event: Event, *, article_id: str, now: dt.datetime) -> tuple:
    values = {name: getattr(event, name) for name, _ in EVENT_COLUMNS if name not in ("article_id", "created_at")}
    values["article_id"] = article_id
    values["created_at"] = now
    return tuple(values[name] for name, _ in EVENT_COLUMNS)


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns, rows: list[tuple]) -> None:
    """Insert ``rows`` with one statement: one typed list per column, unnested side by side."""
    if not rows:
        return
    selects = ", ".join(f"unnest(?::{sql_type}[])" for _, sql_type in columns)
    con.execute(f"INSERT INTO {table} ({column_list(columns)}) SELECT {selects}", [list(col) for col in zip(*rows)])
