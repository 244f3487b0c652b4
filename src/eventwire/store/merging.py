"""Merging stored reports into events again as articles arrive (the SQL side of
``eventwire.dedup.events``).

After a batch stores its articles' reports, ``redo_events`` loads the reports that could
belong with them: the same kind and country, dated within the window the pair test allows
(a day for two day-precise reports, a month when either is coarser), plus every report of
the events those already belong to, repeated a few rounds so that the reports an event
gathered stay together. Those reports are merged afresh and their
events rewritten. Since the merge depends only on the set of reports it is given, the stored
events do not depend on the order articles were ingested in (a chain of compatible reports
longer than ``MAX_ROUNDS`` windows is the one exception, and needs months of daily reports
of one kind in one country that each link to the next).
"""
from __future__ import annotations

import datetime as dt

import duckdb

from eventwire.dedup.events import DAY_WINDOW, PRECISION_DAYS, Report, deduplicate_groups
from eventwire.dedup.stories import StoryIndex
from eventwire.store import queries
from eventwire.store.schema import (
    EVENT_COLUMNS,
    EVENT_SOURCE_COLUMNS,
    EVIDENCE_COLUMNS,
    NOTE_COLUMNS,
    PROVENANCE_COLUMNS,
)
from eventwire.store.serial import event_from_body, event_to_body
from eventwire.store.writes import event_row, insert
from eventwire.types import Event

MAX_ROUNDS = 3
WIDEST = dt.timedelta(days=max(PRECISION_DAYS.values()))
DAY = dt.timedelta(days=DAY_WINDOW)
REPORT_SELECT = "SELECT report_id, article_id, event_id, kind, event_date, time_precision, country, body FROM reports"
EVENT_TABLES = ("events", "event_sources", "evidence", "event_notes", "provenance")


def redo_events(
    con: duckdb.DuckDBPyConnection, index: StoryIndex, *, report_ids: list[str], article_ids: list[str], now: dt.datetime
) -> None:
    """Merge the new reports ``report_ids`` (and those of ``article_ids``, whose story may have
    changed) with the stored reports they may describe one event with; rewrite those events."""
    rows = _neighbourhood(con, report_ids, article_ids)
    if not rows:
        return
    bodies = _report_events(con, rows)
    articles = sorted({row[1] for row in rows.values()})
    published = queries.published_dates(con, articles)
    reports = [
        Report(bodies[report_id], published.get(row[1]), index.member(row[1]).story_id if index.knows(row[1]) else "")
        for report_id, row in rows.items()
    ]
    texts, stories = _story_texts(con, index, articles)
    groups = _changed(deduplicate_groups(reports, texts=texts, stories=stories), rows, set(article_ids))
    if not groups:
        return
    old_ids = sorted({rows[report_id][2] for _, members in groups for report_id in members}
                     | {event.event_id for event, _ in groups})
    created = queries.created_times(con, old_ids)
    for table in EVENT_TABLES:
        con.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [old_ids])
    _write_events(con, [event for event, _ in groups], index, created, now)
    members = [(report_id, event.event_id) for event, report_ids_ in groups for report_id in report_ids_]
    con.execute(
        "UPDATE reports SET event_id = m.event_id FROM "
        "(SELECT unnest(?::VARCHAR[]) AS report_id, unnest(?::VARCHAR[]) AS event_id) AS m "
        "WHERE reports.report_id = m.report_id",
        [[r for r, _ in members], [e for _, e in members]],
    )


def _changed(groups: list[tuple[Event, list[str]]], rows: dict[str, tuple], articles: set[str]) -> list:
    """The groups whose stored event must be rewritten: all but those that are exactly an event
    already stored (same id, same reports) and touch no article of this batch (new, or whose
    story changed)."""
    stored: dict[str, set[str]] = {}
    for report_id, row in rows.items():
        stored.setdefault(row[2], set()).add(report_id)
    changed = []
    for event, members in groups:
        if stored.get(event.event_id) != set(members) or any(source in articles for source in event.sources):
            changed.append((event, members))
    return changed


def _neighbourhood(con: duckdb.DuckDBPyConnection, report_ids: list[str], article_ids: list[str]) -> dict[str, tuple]:
    """report id -> reports row, for the seeds and the stored reports they may merge with."""
    found: dict[str, tuple] = {}
    frontier = con.execute(
        f"{REPORT_SELECT} WHERE report_id IN (SELECT unnest(?::VARCHAR[])) OR article_id IN (SELECT unnest(?::VARCHAR[]))",
        [report_ids, article_ids],
    ).fetchall()
    for _ in range(MAX_ROUNDS):
        fresh = [row for row in frontier if row[0] not in found]
        if not fresh:
            break
        for row in fresh:
            found[row[0]] = row
        windows = []
        for row in fresh:
            if row[4] is None:
                continue
            coarse = (row[5] or 1) > 1
            # a day-precise report meets day-precise ones a day away, any coarser one within a
            # month; a coarser one meets every report within a month (see _blocked_pairs)
            windows.append((row[3], row[6], row[4] - WIDEST, row[4] + WIDEST, 1 if coarse else 2))
            if not coarse:
                windows.append((row[3], row[6], row[4] - DAY, row[4] + DAY, 1))
        columns = [list(column) for column in zip(*windows)] if windows else [[], [], [], [], []]
        frontier = con.execute(
            f"{REPORT_SELECT} r WHERE event_id IN (SELECT unnest(?::VARCHAR[])) OR EXISTS ("
            "SELECT 1 FROM (SELECT unnest(?::VARCHAR[]) AS kind, unnest(?::VARCHAR[]) AS country, "
            "unnest(?::DATE[]) AS lo, unnest(?::DATE[]) AS hi, unnest(?::INTEGER[]) AS precision) AS w "
            "WHERE w.kind = r.kind AND w.country IS NOT DISTINCT FROM r.country "
            "AND r.event_date BETWEEN w.lo AND w.hi AND coalesce(r.time_precision, 1) >= w.precision)",
            [sorted({row[2] for row in fresh}), *columns],
        ).fetchall()
    return found


def _report_events(con: duckdb.DuckDBPyConnection, rows: dict[str, tuple]) -> dict[str, Event]:
    """report id -> its coded event. Reports stored before migration 0002 have no body: their
    event is the ``events`` row of the same id, which is saved as the body now, before any
    merge rewrites that row."""
    events = {report_id: event_from_body(row[7]) for report_id, row in rows.items() if row[7] is not None}
    legacy = [report_id for report_id, row in rows.items() if row[7] is None]
    if legacy:
        for event in queries.events_by_ids(con, legacy):
            event.created_at = None
            events[event.event_id] = event
        con.execute(
            "UPDATE reports SET body = b.body FROM "
            "(SELECT unnest(?::VARCHAR[]) AS report_id, unnest(?::VARCHAR[]) AS body) AS b "
            "WHERE reports.report_id = b.report_id",
            [legacy, [event_to_body(events[report_id]) for report_id in legacy]],
        )
    return events


def _story_texts(con: duckdb.DuckDBPyConnection, index: StoryIndex, articles: list[str]) -> tuple[dict, dict]:
    """Texts and stories of every article sharing a story with ``articles`` (a copy may carry
    an event its own coding missed: ``eventwire.dedup.events.align_copies``)."""
    stories: dict[str, str] = {}
    for article_id in articles:
        if not index.knows(article_id):
            continue
        story = index.member(article_id).story_id
        members = index.members(story)
        if len(members) > 1:
            for member in members:
                stories[member.article_id] = story
    if not stories:
        return {}, {}
    texts = {article.id: article.text for article in queries.get_articles(con, sorted(stories)).values()}
    return texts, stories


def _write_events(con, events: list[Event], index: StoryIndex, created: dict, now: dt.datetime) -> None:
    event_rows, source_rows, evidence_rows, note_rows, provenance_rows = [], [], [], [], []
    for event in events:
        event.created_at = created.get(event.event_id)
        event_rows.append(event_row(event, now=now))
        sources = list(dict.fromkeys(event.sources)) or [event.article_id]
        source_rows += [
            (event.event_id, ord_, source, index.member(source).role if index.knows(source) else None)
            for ord_, source in enumerate(sources)
        ]
        evidence_rows += [
            (event.event_id, ord_, item.article_id or event.article_id, item.start, item.end, item.text, item.role)
            for ord_, item in enumerate(event.evidence)
        ]
        notes = [("reason", text) for text in event.merge_reasons] + [("conflict", text) for text in event.conflicts]
        note_rows += [(event.event_id, ord_, kind, text) for ord_, (kind, text) in enumerate(notes)]
        provenance_rows += [
            (event.event_id, ord_, item.field, item.article_id, item.start, item.end, item.text, item.unverified)
            for ord_, item in enumerate(event.provenance)
        ]
    insert(con, "events", EVENT_COLUMNS, event_rows)
    insert(con, "event_sources", EVENT_SOURCE_COLUMNS, source_rows)
    insert(con, "evidence", EVIDENCE_COLUMNS, evidence_rows)
    insert(con, "event_notes", NOTE_COLUMNS, note_rows)
    insert(con, "provenance", PROVENANCE_COLUMNS, provenance_rows)

