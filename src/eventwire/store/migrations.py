"""Numbered, named, transactional schema migrations (the sqlite-utils model).

Each ``migrations/NNNN_description.sql`` file is applied once, in number order, inside its
own transaction together with its row in ``_migrations(id, name, applied_at)``: a migration
is either applied and recorded, or not applied at all.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources

import duckdb

from eventwire.errors import Errors, StoreError

MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
CREATE_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS _migrations (
    id INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""


@dataclass(frozen=True)
class Migration:
    id: int
    name: str  # file stem, e.g. "0001_initial"
    sql: str


@functools.cache
def known_migrations() -> tuple[Migration, ...]:
    """The package's migrations in order; read once per process."""
    folder = resources.files("eventwire.store").joinpath("migrations")
    found: dict[int, Migration] = {}
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = MIGRATION_NAME.match(entry.name)
        if match is None or int(match.group(1)) in found:
            raise StoreError(Errors.E304.format(name=entry.name))
        number = int(match.group(1))
        found[number] = Migration(number, entry.name.removesuffix(".sql"), entry.read_text(encoding="utf-8"))
    return tuple(found[number] for number in sorted(found))


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str, dt.datetime]]:
    """``(id, name, applied_at)`` of every recorded migration, in id order ([] for a new file)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = '_migrations'"
    ).fetchone()[0]
    if not exists:
        return []
    return con.execute("SELECT id, name, applied_at FROM _migrations ORDER BY id").fetchall()


def pending_migrations(con: duckdb.DuckDBPyConnection, *, path: str) -> list[Migration]:
    """Known migrations not yet recorded; raises when the file records one this code lacks."""
    known = {migration.id: migration for migration in known_migrations()}
    done = {number: name for number, name, _ in applied_migrations(con)}
    for number, name in done.items():
        if number not in known or known[number].name != name:
            raise StoreError(Errors.E303.format(path=path, name=name))
    return [migration for number, migration in known.items() if number not in done]


def migrate(con: duckdb.DuckDBPyConnection, *, path: str) -> list[str]:
    """Apply the pending migrations, one transaction each; returns the names applied."""
    con.execute(CREATE_MIGRATIONS_TABLE)
    applied = []
    for migration in pending_migrations(con, path=path):
        con.begin()
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO _migrations (id, name, applied_at) VALUES (?, ?, ?)",
                [migration.id, migration.name, utc_now()],
            )
        except duckdb.Error as err:
            con.rollback()
            raise StoreError(Errors.E302.format(name=migration.name, reason=err)) from err
        except BaseException:
            con.rollback()
            raise
        try:
            con.commit()  # a failed commit leaves nothing behind: DuckDB rolls it back
        except duckdb.Error as err:
            raise StoreError(Errors.E302.format(name=migration.name, reason=err)) from err
        applied.append(migration.name)
    return applied


def utc_now() -> dt.datetime:
    """Now in UTC, without zone: the store's TIMESTAMP convention."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
