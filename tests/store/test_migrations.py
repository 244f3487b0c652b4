"""Migrations: numbered, applied once each in its own transaction, recorded; schema documented."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.store import Store, migrations, schema
from eventwire.types import Event

DOCS = Path(__file__).resolve().parents[2] / "docs" / "schema.md"
TABLES = {
    "articles": schema.ARTICLE_COLUMNS,
    "events": schema.EVENT_COLUMNS,
    "event_sources": schema.EVENT_SOURCE_COLUMNS,
    "evidence": schema.EVIDENCE_COLUMNS,
    "reports": schema.REPORT_COLUMNS,
    "event_notes": schema.NOTE_COLUMNS,
    "provenance": schema.PROVENANCE_COLUMNS,
    "stories": schema.STORY_COLUMNS,
    "quote_reports": schema.QUOTE_REPORT_COLUMNS,
    "quotes": schema.QUOTE_COLUMNS,
    "runs": schema.RUN_COLUMNS,
}


def raw_rows(path, sql):
    con = duckdb.connect(str(path))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_first_open_applies_and_records_every_migration(db_path):
    names = [migration.name for migration in migrations.known_migrations()]
    assert names[0] == "0001_initial"
    with Store.open(db_path) as store:
        assert list(store.migrations_applied) == names
        history = store.migration_history()
    assert [(number, name) for number, name, _ in history] == [(m.id, m.name) for m in migrations.known_migrations()]
    assert db_path.exists()


def test_reopening_applies_nothing_new(db_path):
    with Store.open(db_path) as store:
        first = store.migration_history()
    with Store.open(db_path) as store:
        assert store.migrations_applied == ()
        assert store.migration_history() == first
    assert raw_rows(db_path, "SELECT count(*), count(DISTINCT id) FROM _migrations") == [(len(first), len(first))]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_schema_lists_match_the_migrated_tables(store, table):
    live = store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
    ).fetchall()
    assert [name for (name,) in live] == [name for name, _ in TABLES[table]]


def test_event_columns_cover_every_scalar_event_field():
    # lists live in tables of their own: event_sources, evidence, provenance, event_notes
    scalar = {f.name for f in dataclasses.fields(Event)} - {"evidence", "sources", "provenance", "conflicts", "merge_reasons"}
    stored = {name for name, _ in schema.EVENT_COLUMNS}
    assert stored - schema.DERIVED_EVENT_COLUMNS == scalar
    assert "interaction" in stored


def test_a_failing_migration_leaves_nothing_and_is_not_recorded(db_path, monkeypatch):
    good = migrations.known_migrations()
    broken = migrations.Migration(len(good) + 1, f"{len(good) + 1:04d}_broken",
                                  "CREATE TABLE half_done (x INTEGER); SELEC nonsense;")
    monkeypatch.setattr(migrations, "known_migrations", lambda: (*good, broken))
    with pytest.raises(StoreError, match=r"E302: store migration \d{4}_broken failed"):
        Store.open(db_path)
    monkeypatch.undo()
    with Store.open(db_path) as store:  # the good ones stayed applied; the broken one left no table
        assert store.migrations_applied == ()
        assert [name for _, name, _ in store.migration_history()] == [m.name for m in good]
    assert raw_rows(db_path, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done'") == [(0,)]


def test_a_store_from_a_newer_eventwire_is_refused(db_path):
    Store.open(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO _migrations VALUES (9999, '9999_from_the_future', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(StoreError, match="E303.*9999_from_the_future"):
        Store.open(db_path)


def test_read_only_open_needs_a_migrated_file(db_path, tmp_path):
    Store.open(db_path).close()
    with Store.open(db_path, read_only=True) as store:
        assert store.counts() == {"articles": 0, "events": 0, "quotes": 0}
    bare = tmp_path / "bare.duckdb"
    duckdb.connect(str(bare)).close()
    with pytest.raises(StoreError, match="E305"):
        Store.open(bare, read_only=True)
    with pytest.raises(StoreError, match="E301"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_migration_files_are_well_named():
    folder = Path(migrations.__file__).parent / "migrations"
    files = sorted(path.name for path in folder.glob("*.sql"))
    assert files and all(migrations.MIGRATION_NAME.match(name) for name in files)
    assert [int(name[:4]) for name in files] == list(range(1, len(files) + 1))


def documented_columns(table: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    section = re.search(rf"^## `{table}`\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    assert section, f"docs/schema.md has no '## `{table}`' section"
    return re.findall(r"^\| `([a-z_0-9]+)` \|", section.group(1), flags=re.M)


@pytest.mark.parametrize("table", sorted(TABLES) + ["_migrations"])
def test_every_table_and_column_is_documented(table):
    expected = [name for name, _ in TABLES[table]] if table in TABLES else ["id", "name", "applied_at"]
    assert documented_columns(table) == expected


def test_events_stored_before_0002_become_reports_and_merge_with_new_ones(tmp_path):
    """A file written by the first schema: its events are each their own report, and merge
    with the report of another article that tells the same event."""
    from eventwire.store.writes import event_row
    from .builders import make_article, make_event

    path = tmp_path / "old.duckdb"
    first = migrations.known_migrations()[0]
    old_article, old_event = make_article("a-old"), make_event("ev-old", "a-old")
    con = duckdb.connect(str(path))
    con.execute(migrations.CREATE_MIGRATIONS_TABLE)
    con.execute(first.sql)
    con.execute("INSERT INTO _migrations VALUES (1, ?, now())", [first.name])
    con.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, now())", [
        old_article.id, old_article.external_id, old_article.url, old_article.title, old_article.published,
        old_article.origin, old_article.text,
    ])
    row = event_row(old_event, now=migrations.utc_now())[: -len(("confidence", "independent_sources"))]
    con.execute(f"INSERT INTO events VALUES ({', '.join('?' * len(row))})", list(row))
    con.execute("INSERT INTO event_sources VALUES ('ev-old', 0, 'a-old')")
    for ord_, item in enumerate(old_event.evidence):
        con.execute("INSERT INTO evidence VALUES ('ev-old', ?, 'a-old', ?, ?, ?, ?)", [ord_, item.start, item.end, item.text, item.role])
    con.close()

    with Store.open(path) as store:
        assert store.migrations_applied == ("0002_many_reports",)
        (old,) = store.list_events()
        assert old.event_id == "ev-old" and old.sources == ["a-old"]
        store.add_batch([(make_article("a-new", published=old_article.published), [make_event("ev-new", "a-new")], [])])
        (merged,) = store.list_events()
        assert sorted(merged.sources) == ["a-new", "a-old"]
        assert store.event_reports(merged.event_id) == [("ev-new", "a-new"), ("ev-old", "a-old")]
        body = store.con.execute("SELECT body FROM reports WHERE report_id = 'ev-old'").fetchone()[0]
        assert body is not None and '"event_id":"ev-old"' in body  # kept before its events row went
