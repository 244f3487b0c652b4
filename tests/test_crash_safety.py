"""Killing an ingest midway (SIGKILL) and running it again leaves exactly one copy of
every article and event: each batch is one transaction."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.store import Store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample"
EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]


def ingest(db: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*EVENTWIRE, "ingest", str(SAMPLE), "--db", str(db), *extra],
                          capture_output=True, text=True, timeout=600)


def contents(db: Path) -> tuple[list[str], list[str]]:
    with Store.open(db) as store:
        events = store.list_events()
        return sorted(store.article_ids()), sorted(event.event_id for event in events)


def test_sigkill_midway_then_rerun_gives_one_copy(tmp_path):
    clean_db = tmp_path / "clean.duckdb"
    assert ingest(clean_db).returncode == 0
    expected = contents(clean_db)
    assert len(expected[0]) >= 12 and expected[1]

    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([*EVENTWIRE, "ingest", str(SAMPLE), "--db", str(db), "--batch-size", "2", "-v"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    committed = 0
    for line in proc.stderr:
        if line.startswith("committed batch"):
            committed += 1
            if committed == 2:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed midway"
    partial = contents(db)
    assert 0 < len(partial[0]) < len(expected[0])

    rerun = ingest(db)
    assert rerun.returncode == 0, rerun.stderr
    assert contents(db) == expected
