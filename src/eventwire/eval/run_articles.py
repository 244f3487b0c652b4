"""``eventwire eval articles``: run the pipeline over gold articles and score it."""
from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from eventwire.dedup.events import Report, deduplicate
from eventwire.dedup.stories import cluster_stories
from eventwire.engine import process_batch
from eventwire.engine.process import ArticleResult
from eventwire.eval.articles import load_jsonl, per_second, predictions_record, score_articles, write_jsonl
from eventwire.eval.splits import select_split
from eventwire.export import event_to_json
from eventwire.ingest import parse_published
from eventwire.nlp.pipeline import get_pipeline
from eventwire.types import Article, Event


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


def evaluate_articles(
    path: str | Path, *, predictions_path: str | Path | None = None, split: str = "all", detector_path: str | None = None,
    classifier_path: str | None = None,
) -> dict:
    """Score the pipeline on gold articles: stories clustered, events deduplicated across the
    file's articles (``events``), and, for comparison, the same events before deduplication
    (``events_without_dedup``). ``split``: ``tune`` or ``validation`` scores one story-grouped
    half of the file (``eval.splits``), ``all`` the whole file. ``detector_path``: a sentence
    model from ``eventwire train-detector`` instead of the packaged one; ``classifier_path``: a
    snippet classifier from ``eventwire train`` that types the events."""
    records = select_split(load_jsonl(path), split)
    articles = gold_articles(records)
    nlp = get_pipeline(
        detector_path=str(detector_path) if detector_path else None,
        classifier_path=str(classifier_path) if classifier_path else None,
    )
    started = time.perf_counter()
    results = process_batch(articles, nlp)
    story_of = cluster_stories(articles)
    merged = deduplicate_results(results, story_of)
    seconds = time.perf_counter() - started
    predictions = _predictions(results, story_of, merged)
    if predictions_path is not None:
        write_jsonl(predictions_path, predictions)
    scores = score_articles(records, predictions)
    undeduplicated = score_articles(records, _predictions(results, story_of, None))
    scores["events_without_dedup"] = undeduplicated["events"]
    scores["matched_without_dedup"] = undeduplicated["matched"]
    scores["docs_per_s"] = per_second(len(articles), seconds)
    scores["split"] = split
    return scores


def deduplicate_results(results: list[ArticleResult], story_of: dict[str, str]) -> dict[str, list[Event]]:
    """article id -> the deduplicated events it is a source of (``eventwire.dedup.events``)."""
    reports = [
        Report(event, result.article.published, story_of.get(result.article.id, ""))
        for result in results
        for event in result.events
    ]
    texts = {result.article.id: result.article.text for result in results}
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in deduplicate(reports, texts=texts, stories=story_of):
        for source in event.sources:
            by_article[source].append(event)
    return by_article


def _predictions(results: list[ArticleResult], story_of: dict[str, str], merged: dict[str, list[Event]] | None) -> list[dict]:
    return [
        predictions_record(
            result.article.id,
            story_of[result.article.id],
            [event_to_json(event) for event in (result.events if merged is None else merged.get(result.article.id, []))],
            # the gold lists direct quotes only: attributions and claims are not scored here
            [{"speaker": quote.speaker, "quote": quote.quote} for quote in result.quotes if quote.kind == "direct"],
        )
        for result in results
    ]
