"""``eventwire eval event-location``: is the place picked for an event the place where it happened?

Records (``../shared/data/README.md``, event location) give a sentence, an event trigger and the
span(s) of the place(s) where the trigger's event happened (possibly none). eventwire parses the
sentence, recognises and resolves its places, and asks ``pick_event_place`` for the trigger's
place. A pick is right when it overlaps a gold event location.

- precision: right picks / picks; recall: right picks / records with a gold location;
- ``none_acc``: records without a gold location for which nothing was picked.
"""
from __future__ import annotations

import time
from pathlib import Path

from eventwire.engine.process import make_docs
from eventwire.eval.articles import load_jsonl, per_second, write_jsonl
from eventwire.eval.run_articles import gold_articles
from eventwire.eval.toponyms import BATCH, PLACE_PIPES
from eventwire.geo.event_location import pick_event_place
from eventwire.nlp.extensions import doc_list
from eventwire.nlp.pipeline import get_pipeline
from eventwire.types import PlaceMention


def pick_places(records: list[dict]) -> list[tuple[PlaceMention | None, int | None]]:
    """The (place mention, geo precision) picked for each record's trigger."""
    nlp = get_pipeline()
    articles = gold_articles(records)
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in PLACE_PIPES]):
        docs = nlp.pipe(make_docs(articles, nlp), batch_size=BATCH)
        picks = []
        for record, doc in zip(records, docs):
            trigger = record["event_trigger"]
            span = doc.char_span(trigger["start"], trigger["end"], alignment_mode="expand")
            picks.append(pick_event_place(span.root, doc_list(doc, "ew_places")) if span is not None else (None, None))
    return picks


def score_event_locations(records: list[dict], picks: list[tuple[PlaceMention | None, int | None]]) -> dict:
    picked = right = with_location = empty = empty_right = 0
    for record, (mention, _) in zip(records, picks):
        gold = record["event_locations"]
        if gold:
            with_location += 1
        else:
            empty += 1
            empty_right += mention is None
        if mention is None:
            continue
        picked += 1
        right += any(mention.start < location["end"] and location["start"] < mention.end for location in gold)
    precision = right / picked if picked else 0.0
    recall = right / with_location if with_location else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "none_acc": round(empty_right / empty, 4) if empty else None,
        "n": len(records),
        "n_with_location": with_location,
        "picked": picked,
    }


def evaluate_event_locations(path: str | Path, *, predictions_path: str | Path | None = None) -> dict:
    records = load_jsonl(path)
    started = time.perf_counter()
    picks = pick_places(records)
    seconds = time.perf_counter() - started
    if predictions_path is not None:
        write_jsonl(
            predictions_path,
            (
                {
                    "id": record["id"],
                    "event_location": {"start": mention.start, "end": mention.end, "name": mention.text, "geo_precision": precision}
                    if mention is not None
                    else None,
                }
                for record, (mention, precision) in zip(records, picks)
            ),
        )
    scores = score_event_locations(records, picks)
    scores["docs_per_s"] = per_second(len(records), seconds)
    return scores
