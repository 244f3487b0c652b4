"""Fixtures of the store tests: a fresh store file per test. No spaCy model needed."""
from __future__ import annotations

import pytest

from eventwire.store import Store


@pytest.fixture()
def db_path(tmp_path):
    return tmp_path / "nested" / "events.duckdb"


@pytest.fixture()
def store(db_path):
    with Store.open(db_path) as opened:
        yield opened
