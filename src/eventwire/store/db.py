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
from eventwire.dedup.stories import Fingerprint, StoryIndex
from eventwire.store.schema import (
    ARTICLE_COLUMNS,
    QUOTE_COLUMNS,
    QUOTE_REPORT_COLUMNS,
    REPORT_COLUMNS,
    STORY_COLUMNS,
)
from eventwire.dedup.events import event_kind, quote_reports
from eventwire.store.merging import redo_events
from eventwire.store.serial import event_to_body
from eventwire.store.writes import insert as _insert
from eventwire.types import Article, Event, Quote

MEMORY = ":memory:"


@dataclass(frozen=True)
class BatchWriteResult:
    articles_added: int
    articles_skipped_existing: int  # already stored, or repeated within the batch
    events_added: int  # events coded from the new articles (reports, before merging)
    quotes_added: int = 0
    events_merged: int = 0  # of those, how many joined an event another article reported


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
        self._stories: StoryIndex | None = None  # built on the first write (see _story_index)

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
            self._stories = None  # it may hold articles the rollback removed: rebuilt on next use
            raise StoreError(Errors.E307.format(reason=err)) from err
        except BaseException:
            con.rollback()
            self._stories = None
            raise
        try:
            con.commit()  # a failed commit leaves nothing behind: DuckDB rolls it back
        except duckdb.Error as err:
            self._stories = None
            raise StoreError(Errors.E307.format(reason=err)) from err
        return result

    def _write_batch(self, con: duckdb.DuckDBPyConnection, items) -> BatchWriteResult:
        index = self._story_index(con)  # before this batch's articles are stored: they are added below
        stored = queries.has_articles(con, [article.id for article, _, _ in items])
        now = utc_now()
        fresh = []
        for article, events, quotes in items:
            if article.id in stored:
                continue
            stored.add(article.id)
            fresh.append((article, events, quotes))
        _insert(con, "articles", ARTICLE_COLUMNS, [
            (article.id, article.external_id, article.url, article.title, article.published, article.origin, article.text, now)
            for article, _, _ in fresh
        ])
        quote_rows, link_rows, report_rows = [], [], []
        for article, events, quotes in fresh:
            for event in events:
                event.article_id = event.article_id or article.id
                report_rows.append((
                    event.event_id, event.article_id, event.event_id, event_kind(event), event.event_date,
                    event.time_precision, event.country, event_to_body(event),
                ))
            for quote in quotes:
                quote_rows.append(
                    (quote.article_id or article.id, quote.speaker, quote.quote, quote.start, quote.end, quote.verb,
                     quote.kind, quote.role, quote.affiliation, quote.via, quote.unverified,
                     quote.speaker_start, quote.speaker_end)
                )
                link_rows += [
                    (quote.article_id or article.id, quote.start, quote.end, report_id)
                    for report_id in quote_reports(quote, events)
                ]
        _insert(con, "quotes", QUOTE_COLUMNS, quote_rows)
        _insert(con, "quote_reports", QUOTE_REPORT_COLUMNS, link_rows)
        _insert(con, "reports", REPORT_COLUMNS, report_rows)
        changed = index.add([article for article, _, _ in fresh]) | {article.id for article, _, _ in fresh}
        _write_stories(con, index, changed)
        events_before = queries.count_events(con)
        redo_events(con, index, report_ids=[row[0] for row in report_rows], article_ids=sorted(changed), now=now)
        return BatchWriteResult(
            articles_added=len(fresh),
            articles_skipped_existing=len(items) - len(fresh),
            events_added=len(report_rows),
            quotes_added=len(quote_rows),
            events_merged=max(0, len(report_rows) - (queries.count_events(con) - events_before)),
        )

    def _story_index(self, con: duckdb.DuckDBPyConnection) -> StoryIndex:
        """The story index of every stored article, built once per open store (from the saved
        fingerprints; articles stored before there were any are fingerprinted here, once)."""
        if self._stories is None:
            index = StoryIndex()
            index.add_fingerprints(Fingerprint.from_json(text) for text in queries.fingerprints(con))
            missing = queries.articles_without_story(con)
            if missing:
                _write_stories(con, index, index.add(missing) | {article.id for article in missing})
            self._stories = index
        return self._stories

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

    def list_quotes(
        self, *, speaker: str | None = None, kind: str | None = None, event_id: str | None = None, limit: int | None = None
    ) -> list[Quote]:
        """Quotes, attributions and claims (see ``queries.list_quotes``), with the events they are about."""
        return queries.list_quotes(self.con, speaker=speaker, kind=kind, event_id=event_id, limit=limit)

    def stories_of(self, article_ids: list[str]) -> dict[str, dict]:
        """article id -> its story row: story_id, role (original, copy, rewrite), similarity, adds_new, new_facts."""
        return queries.story_rows(self.con, article_ids)

    def list_stories(self, *, min_size: int = 2, limit: int | None = None) -> list[dict]:
        """Stories of at least ``min_size`` articles, largest first (see ``queries.list_stories``)."""
        return queries.list_stories(self.con, min_size=min_size, limit=limit)

    def event_reports(self, event_id: str) -> list[tuple[str, str]]:
        """``(report id, article id)`` of the article reports merged into an event."""
        return queries.event_reports(self.con, event_id)

    def counts(self) -> dict[str, int]:
        return queries.counts(self.con)

    def list_runs(self, *, limit: int | None = None) -> list[dict]:
        return queries.list_runs(self.con, limit=limit)


def _write_stories(con: duckdb.DuckDBPyConnection, index: StoryIndex, article_ids) -> None:
    """(Re)write the ``stories`` rows of ``article_ids`` from the index."""
    ids = sorted(article_ids)
    if not ids:
        return
    con.execute("DELETE FROM stories WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    rows = []
    for article_id in ids:
        member = index.member(article_id)
        rows.append((
            article_id, member.story_id, member.role, member.similarity, member.adds_new,
            "; ".join(member.new_facts), index.fingerprint_of(article_id).to_json(),
        ))
    _insert(con, "stories", STORY_COLUMNS, rows)
