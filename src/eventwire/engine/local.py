"""The local executor: read articles, process them in batches, store each batch in one transaction."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.engine.process import process_batch
from eventwire.errors import Errors
from eventwire.ingest import Problem, read_articles
from eventwire.types import Article

if TYPE_CHECKING:
    from spacy.language import Language

    from eventwire.store import Store

# Articles per store transaction: a crash loses at most this much work.
DEFAULT_BATCH_SIZE = 64


@dataclass
class IngestSummary:
    read: int = 0  # articles read successfully
    already_stored: int = 0  # read, but their content id was already in the store
    articles_added: int = 0
    events_stored: int = 0  # events coded from the new articles (reports)
    events_merged: int = 0  # of those, how many joined an event another article reported
    quotes_stored: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)


def ingest(paths: Iterable[str], *, read_options: dict | None = None, **kwargs) -> IngestSummary:
    """Read ``paths`` (see ``eventwire.ingest.read_articles``) and ingest what they hold."""
    return ingest_items(read_articles(paths, **(read_options or {})), **kwargs)


def ingest_items(
    items: Iterable[Article | Problem],
    *,
    store: Store,
    nlp: Language,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_article: Callable[[Article], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_batch: Callable[[int, int], None] | None = None,
) -> IngestSummary:
    """Code every new article of ``items`` and store it; problems are reported, not fatal.

    ``on_article`` is called per article read (progress bars), ``on_problem`` per skipped
    input, ``on_batch(articles, events)`` after each committed batch.
    """
    summary = IngestSummary()
    pending: list[Article] = []
    seen: set[str] = set()

    def flush() -> None:
        stored = store.has_articles([article.id for article in pending])
        fresh = [article for article in pending if article.id not in stored]
        summary.already_stored += len(pending) - len(fresh)
        pending.clear()
        if not fresh:
            return
        results = process_batch(fresh, nlp)
        written = store.add_batch([(r.article, r.events, r.quotes) for r in results])
        summary.articles_added += written.articles_added
        summary.events_stored += written.events_added
        summary.events_merged += written.events_merged
        summary.quotes_stored += sum(len(r.quotes) for r in results)
        if on_batch is not None:
            on_batch(written.articles_added, written.events_added)

    for item in items:
        if isinstance(item, Problem):
            summary.problems.append(item)
            if on_problem is not None:
                on_problem(item)
            continue
        summary.read += 1
        if on_article is not None:
            on_article(item)
        if len(item.text) > nlp.max_length:
            # spaCy refuses it (E088) and would end the run: report it and go on.
            where = item.origin or item.id
            problem = Problem(where, Errors.E019.format(where=where, length=len(item.text), limit=nlp.max_length))
            summary.problems.append(problem)
            if on_problem is not None:
                on_problem(problem)
            continue
        if item.id in seen:
            summary.already_stored += 1
            continue
        seen.add(item.id)
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    return summary
