"""``eventwire bench-stories``: speed, memory and accuracy of story clustering at scale, on a
synthetic corpus grown from a few real articles (``eventwire.dedup.synthetic``)."""
from __future__ import annotations

import resource
import time
from pathlib import Path

from eventwire.dedup.stories import StoryIndex
from eventwire.dedup.synthetic import synthetic_corpus
from eventwire.eval.articles import bcubed, load_jsonl, per_second

__all__ = ["run_story_bench"]

BATCH = 1_000  # articles per StoryIndex.add call, as an ingest batch


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_story_bench(path: str | Path, n: int = 100_000, seed: int = 0) -> dict:
    """Grow ``n`` articles from the records of the JSONL file ``path`` (id, text, published,
    story_id), add them to a :class:`StoryIndex` in batches of ``BATCH`` and time it
    (fingerprinting included); score the stories against the corpus's own (B-cubed).
    ``peak_rss_mb`` is the process's peak resident memory, the corpus included;
    ``corpus_rss_mb`` the peak before indexing, so the index takes about the difference."""
    records = load_jsonl(path)
    corpus = synthetic_corpus(records, n, seed=seed)
    corpus_rss_mb = _peak_rss_mb()
    index = StoryIndex()
    started = time.perf_counter()
    for start in range(0, len(corpus), BATCH):
        index.add(item.article for item in corpus[start : start + BATCH])
    seconds = time.perf_counter() - started
    predicted = {article_id: member.story_id for article_id, member in index.assignments().items()}
    truth = {item.article.id: item.story_id for item in corpus}
    return {
        "docs": len(corpus),
        "seconds": round(seconds, 2),
        "docs_per_s": per_second(len(corpus), seconds),
        "peak_rss_mb": _peak_rss_mb(),
        "corpus_rss_mb": corpus_rss_mb,  # the peak before the index was built (the corpus itself)
        "stories": len(set(predicted.values())),
        "true_stories": len(set(truth.values())),
        "bcubed_f1": bcubed(truth, predicted)["bcubed_f1"],
        "n_source_articles": len(records),
        "seed": seed,
    }
