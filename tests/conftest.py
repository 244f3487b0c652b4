"""Shared test settings: where ../shared is, and skipping tests that need it when absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_fa41fb018e5e7486.txt"


def pytest_collection_modifyitems(config, items):
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason=f"needs the shared evaluation data at {SHARED} (absent here)")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def own_user_gazetteer(tmp_path_factory):
    """Keep the developer's own user gazetteer entries (``eventwire gazetteer add``) out of the
    tests: every gazetteer loaded here reads, and every ``add`` writes, a file of the tests' own."""
    patch = pytest.MonkeyPatch()
    patch.setenv("EVENTWIRE_USER_GAZETTEER", str(tmp_path_factory.mktemp("user") / "user-gazetteer.jsonl"))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared evaluation data at {SHARED} (absent here)")
    return SHARED

