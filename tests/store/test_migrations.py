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
    scalar = {f.name for f in dataclasses.fields(Event)} - {"evidence", "sources"}
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
