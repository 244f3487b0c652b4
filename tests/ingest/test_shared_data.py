"""The readers on the real files under ../shared (read at run time, never copied)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventwire.ingest import Columns, Problem, read_articles
from eventwire.types import Article

SHARED = Path(__file__).parents[2] / ".." / "shared"
SEED = SHARED / "seed" / "000_fa41fb018e5e7486.txt"
SEED_GOLD = SHARED / "seed" / "000_fa41fb018e5e7486.gold.json"
ARTICLES = SHARED / "data" / "articles" / "dev.jsonl"
ISAF = SHARED / "data" / "isaf" / "dev.jsonl"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SHARED.is_dir(), reason=f"needs the shared data folder at {SHARED} (absent here)"),
]


def test_seed_article():
    (article,) = read_articles([str(SEED)])
    assert isinstance(article, Article)
    assert article.text == SEED.read_text(encoding="utf-8")  # offsets index the whole file
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    assert article.published == dt.date.fromisoformat(gold["published"])
    assert article.title.startswith("In the midst of Taliban and Afghan Peace Talks")
    for event in gold["events"]:
        for sentence in event["evidence"]:
            assert sentence in article.text


def test_articles_dev_set_reads_whole():
    items = list(read_articles([str(ARTICLES)]))
    assert not [item for item in items if isinstance(item, Problem)]
    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [article.external_id for article in items] == [record["id"] for record in records]
    assert [article.text for article in items] == [record["text"] for record in records]
    assert [article.published.isoformat() for article in items] == [record["published"] for record in records]


def test_isaf_dev_set_with_a_date_column():
    items = list(read_articles([str(ISAF)], columns=Columns(published="date")))
    assert items and all(isinstance(item, Article) for item in items)
