"""Store writes: one transaction per batch, re-ingest adds nothing, a SIGKILL leaves one copy."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.store import BatchWriteResult, Store

from .builders import make_article, make_event, make_quote


def batch(*article_ids: str, events_per_article: int = 2):
    return [
        (make_article(a), [make_event(f"{a}-ev{k}", a) for k in range(events_per_article)], [make_quote(a)])
        for a in article_ids
    ]


def test_open_creates_the_folder_and_file(db_path):
    assert not db_path.parent.exists()
    with Store.open(db_path) as store:
        assert store.counts() == {"articles": 0, "events": 0, "quotes": 0}
    assert db_path.is_file()


def test_add_batch_then_re_adding_adds_nothing(store):
    first = store.add_batch(batch("a1", "a2"))
    # the two articles report the same two events: each of a2's reports joins one of a1's
    assert first == BatchWriteResult(
        articles_added=2, articles_skipped_existing=0, events_added=4, quotes_added=2, events_merged=2
    )
    again = store.add_batch(batch("a1", "a2"))
    assert again == BatchWriteResult(articles_added=0, articles_skipped_existing=2, events_added=0, quotes_added=0)
    assert store.counts() == {"articles": 2, "events": 2, "quotes": 2}


def test_a_batch_mixing_new_and_stored_articles_adds_only_the_new(store):
    store.add_batch(batch("a1"))
    result = store.add_batch(batch("a1", "a2", "a2"))  # a2 twice in one batch: stored once
    assert (result.articles_added, result.articles_skipped_existing, result.events_added) == (1, 2, 2)
    assert store.article_ids() == ["a1", "a2"]
    assert store.has_articles(["a1", "a2", "zz"]) == {"a1", "a2"}
    assert store.has_articles([]) == set()


def test_an_empty_event_id_stores_nothing_from_the_batch(store):
    items = batch("good") + [(make_article("bad"), [make_event("", "bad")], [])]
    with pytest.raises(StoreError, match="E306.*'bad'"):
        store.add_batch(items)
    assert store.counts() == {"articles": 0, "events": 0, "quotes": 0}


def test_a_write_failing_midway_rolls_the_whole_batch_back(store):
    store.add_batch(batch("a0"))
    # the second article reuses an event id: the insert fails after the articles were written
    items = batch("a1") + [(make_article("a2"), [make_event("a1-ev0", "a2")], [])]
    with pytest.raises(StoreError, match="E307"):
        store.add_batch(items)
    assert store.article_ids() == ["a0"]
    assert store.counts() == {"articles": 1, "events": 2, "quotes": 1}
    # the store is still usable and the same articles can be written once the ids are fixed
    assert store.add_batch(batch("a1", "a2")).articles_added == 2


def test_an_event_id_already_stored_is_refused(store):
    store.add_batch(batch("a1"))
    with pytest.raises(StoreError, match="E307"):
        store.add_batch([(make_article("a2"), [make_event("a1-ev0", "a2")], [])])
    assert store.article_ids() == ["a1"]


def test_empty_batch_is_a_no_op(store):
    assert store.add_batch([]) == BatchWriteResult(0, 0, 0)


def test_a_closed_store_says_so(db_path):
    with Store.open(db_path) as store:
        pass
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="E309"):
        store.counts()


def test_runs_are_logged(store):
    first = store.record_run(command="ingest a.txt", read=3, skipped=1, events_stored=5)
    second = store.record_run(command="ingest b.txt")
    runs = store.list_runs()
    assert [run["id"] for run in runs] == [second, first]
    assert runs[1] | {"started_at": None, "finished_at": None} == {
        "id": first, "started_at": None, "finished_at": None, "read": 3, "skipped": 1,
        "events_stored": 5, "command": "ingest a.txt",
    }
    assert runs[1]["started_at"].tzinfo is not None


def test_a_second_writing_process_gets_a_clear_error(store):
    code = f"from eventwire.store import Store\nStore.open({str(store.path)!r})"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "StoreError: E301" in result.stderr


WRITER = textwrap.dedent(
    """
    import sys
    from eventwire.store import Store
    from store_builders import make_article, make_event, make_quote

    path, batches, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with Store.open(path) as store:
        for b in range(batches):
            items = []
            for i in range(size):
                a = f"art-{b:03d}-{i:03d}"
                items.append((make_article(a), [make_event(f"{a}-ev{k}", a) for k in range(3)], [make_quote(a)]))
            store.add_batch(items)
            print(f"committed {b}", flush=True)
    """
)
BATCHES, BATCH_SIZE, EVENTS_PER_ARTICLE = 20, 40, 3


def table_stats(path):
    con = duckdb.connect(str(path))
    try:
        return {
            table: con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            for table, key in (("articles", "id"), ("reports", "report_id"),
                               ("quotes", "article_id"), ("evidence", "event_id || ':' || ord"))
        }
    finally:
        con.close()


def test_sigkill_mid_ingest_then_rerun_leaves_exactly_one_copy(tmp_path):
    shutil.copy(Path(__file__).with_name("builders.py"), tmp_path / "store_builders.py")
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    db = tmp_path / "killed.duckdb"
    command = [sys.executable, str(script), str(db), str(BATCHES), str(BATCH_SIZE)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    committed = 0
    for line in proc.stdout:
        committed += line.startswith("committed")
        if committed == 3:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the writer finished before it could be killed midway"

    partial = table_stats(db)
    articles = partial["articles"][0]
    assert 3 * BATCH_SIZE <= articles < BATCHES * BATCH_SIZE
    assert articles % BATCH_SIZE == 0, "a batch was stored in part"
    assert partial["reports"] == (articles * EVENTS_PER_ARTICLE,) * 2

    rerun = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    total = BATCHES * BATCH_SIZE
    assert table_stats(db) == {
        "articles": (total, total),
        "reports": (total * EVENTS_PER_ARTICLE, total * EVENTS_PER_ARTICLE),
        "quotes": (total, total),
        "evidence": (total * EVENTS_PER_ARTICLE * 2, total * EVENTS_PER_ARTICLE * 2),
    }


def test_a_file_that_is_not_a_duckdb_store_is_a_clear_error(tmp_path):
    not_a_store = tmp_path / "notes.duckdb"
    not_a_store.write_text("these are notes, not a database\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="E301: cannot open the store"):
        Store.open(not_a_store)
