"""``eventwire bench``: throughput of the whole pipeline (ingest to stored events), next to
spaCy's plain small English pipeline on the same texts, measured in the same run."""
from __future__ import annotations

import datetime as dt
import itertools
import resource
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.engine import ingest_items
from eventwire.engine.process import make_docs
from eventwire.ingest import read_articles
from eventwire.nlp.pipeline import build_pipeline, load_spacy_model
from eventwire.store import Store
from eventwire.types import Article

if TYPE_CHECKING:
    from spacy.language import Language

BASELINE_BATCH = 32


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def component_timings(nlp: Language, articles: list[Article]) -> dict[str, float]:
    """Milliseconds per doc spent in each pipe of ``nlp``, run pipe by pipe over ``articles``."""
    docs = make_docs(articles, nlp)
    timings = {}
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=BASELINE_BATCH))
        else:
            docs = [proc(doc) for doc in docs]
        timings[name] = round((time.perf_counter() - started) * 1000 / max(len(docs), 1), 2)
    return timings


def geoparser_speed(nlp: Language, articles: list[Article], *, passes: int = 3) -> dict:
    """The place component alone: docs/s of ``ew_places`` over docs already parsed by spaCy,
    one core, best of ``passes`` passes, each starting with every memo cleared (a first
    pass over the corpus, after the gazetteer is loaded); and the gazetteer's warm load time
    (read from its cache, as every new process does)."""
    from eventwire.geo.gazetteer import get_gazetteer

    before = nlp.pipe_names[: nlp.pipe_names.index("ew_places")]  # spaCy's pipes and ew_paragraphs
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(make_docs(articles, nlp), batch_size=BASELINE_BATCH))
    resolver = nlp.get_pipe("ew_places").resolver
    best = None
    for _ in range(passes):
        resolver.clear_memo()
        started = time.perf_counter()
        for doc in docs:
            resolver(doc)
        seconds = time.perf_counter() - started
        best = seconds if best is None else min(best, seconds)
    started = time.perf_counter()
    get_gazetteer.__wrapped__()  # a fresh load from the cache file, not the process's copy
    load_seconds = time.perf_counter() - started
    return {
        "docs": len(docs),
        "docs_per_s": round(len(docs) / best, 1) if best else None,
        "ms_per_doc": round(best * 1000 / max(len(docs), 1), 2) if best is not None else None,
        "passes": passes,
        "gazetteer_load_seconds": round(load_seconds, 3),
    }


def run_bench(
    path: str, *, limit: int | None = None, default_date: dt.date, baseline: bool = True, components: bool = False
) -> dict:
    """Measure docs/s and words/s of reading, coding and storing the texts of ``path``."""
    started = time.perf_counter()
    nlp = build_pipeline()
    load_seconds = time.perf_counter() - started
    read: list[Article] = []
    articles = (item for item in read_articles([path], default_date=default_date) if isinstance(item, Article))
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with Store.open(Path(tmp) / "bench.duckdb") as store:
            summary = ingest_items(
                itertools.islice(articles, limit), store=store, nlp=nlp,
                on_article=read.append,
            )
        seconds = time.perf_counter() - started
    texts = [article.text for article in read]
    words = sum(len(text.split()) for text in texts)
    result = {
        "file": str(path),
        "docs": summary.read,
        "words": words,
        "seconds": round(seconds, 3),
        "docs_per_s": round(summary.read / seconds, 2) if seconds else None,
        "words_per_s": round(words / seconds, 1) if seconds else None,
        "events": summary.events_stored,
        "load_seconds": round(load_seconds, 3),
        "peak_rss_mb": _peak_rss_mb(),
    }
    if baseline:
        plain = load_spacy_model()
        started = time.perf_counter()
        for _ in plain.pipe(texts, batch_size=BASELINE_BATCH):
            pass
        spacy_seconds = time.perf_counter() - started
        result.update(
            {
                "spacy_pipeline": f"{plain.meta.get('lang')}_{plain.meta.get('name')}-{plain.meta.get('version')} "
                f"[{','.join(plain.pipe_names)}]",
                "spacy_seconds": round(spacy_seconds, 3),
                "spacy_docs_per_s": round(len(texts) / spacy_seconds, 2) if spacy_seconds else None,
                "spacy_words_per_s": round(words / spacy_seconds, 1) if spacy_seconds else None,
                "time_ratio_vs_spacy": round(seconds / spacy_seconds, 3) if spacy_seconds else None,
                "peak_rss_mb": _peak_rss_mb(),
            }
        )
    if components:
        result["component_ms_per_doc"] = component_timings(nlp, read)
        result["geoparser"] = geoparser_speed(nlp, read)
    return result
