"""``eventwire eval articles``: run the pipeline over gold articles and score it."""
from __future__ import annotations

import time
from pathlib import Path

from eventwire.dedup.stories import cluster_stories
from eventwire.engine import process_batch
from eventwire.eval.articles import load_jsonl, per_second, predictions_record, score_articles, write_jsonl
from eventwire.export import event_to_json
from eventwire.ingest import parse_published
from eventwire.nlp.pipeline import get_pipeline
from eventwire.types import Article


def gold_articles(records: list[dict], *, date_key: str = "published") -> list[Article]:
    """Articles for gold records; the record id is kept as the article id so predictions line up.
    ``date_key`` names the record's publication-date field ("date" in the ISAF and PLOVER files;
    records without it have no publication date)."""
    return [
        Article(
            id=record["id"],
            text=record["text"],
            published=parse_published(record[date_key]) if record.get(date_key) else None,
            title=record.get("title") or "",
            url=record.get("url") or "",
            origin=record["id"],
            external_id=record["id"],
        )
        for record in records
    ]


def evaluate_articles(path: str | Path, *, predictions_path: str | Path | None = None) -> dict:
    records = load_jsonl(path)
    articles = gold_articles(records)
    nlp = get_pipeline()
    started = time.perf_counter()
    results = process_batch(articles, nlp)
    story_of = cluster_stories(articles)
    seconds = time.perf_counter() - started
    predictions = [
        predictions_record(
            result.article.id,
            story_of[result.article.id],
            [event_to_json(event) for event in result.events],
            [{"speaker": quote.speaker, "quote": quote.quote} for quote in result.quotes],
        )
        for result in results
    ]
    if predictions_path is not None:
        write_jsonl(predictions_path, predictions)
    scores = score_articles(records, predictions)
    scores["docs_per_s"] = per_second(len(articles), seconds)
    return scores
