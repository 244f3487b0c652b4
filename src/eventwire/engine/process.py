"""The one pure unit of work: a batch of articles in, coded events and quotes out.

``process_batch`` touches no store and no global state besides the pipeline it is
given, so the local executor and a Dask worker run exactly the same code.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.coding.provenance import trace_doc
from eventwire.nlp.extensions import doc_list
from eventwire.types import Article, Event, Quote, VerificationCue

# Texts per nlp.pipe batch: spaCy's parser gains little past this on one core.
DEFAULT_PIPE_BATCH = 32


@dataclass
class ArticleResult:
    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def make_docs(articles: list[Article], nlp: Language) -> list[Doc]:
    """Tokenised docs carrying what the components need to know: publication date and article id."""
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.ew_published = article.published
        doc._.ew_article_id = article.id
        doc._.ew_text = article.text  # make_doc keeps the text as it is (doc.text == article.text)
        docs.append(doc)
    return docs


def process_batch(
    articles: list[Article], nlp: Language, *, pipe_batch_size: int = DEFAULT_PIPE_BATCH
) -> list[ArticleResult]:
    """Run the eventwire pipeline over ``articles`` (through ``nlp.pipe``) and collect results."""
    results = []
    for article, doc in zip(articles, nlp.pipe(make_docs(articles, nlp), batch_size=pipe_batch_size)):
        events = doc_list(doc, "ew_events")
        for event in events:
            if not event.sources:
                event.sources = [article.id]
        trace_doc(doc)  # event.provenance: the span each field was read from
        mark_unverified(events, doc_list(doc, "ew_cues"))
        results.append(ArticleResult(article, events, doc_list(doc, "ew_quotes")))
    return results


def mark_unverified(events: list[Event], cues: list[VerificationCue]) -> None:
    """Flag the provenance spans a verification cue covers ("could not be independently verified")."""
    if not cues:
        return
    for event in events:
        for item in event.provenance:
            if item.start >= 0 and any(cue.covers_start <= item.start and item.end <= cue.covers_end for cue in cues):
                item.unverified = True
