"""The Doc extensions eventwire components read and write, registered once.

``register_extensions()`` is idempotent and is called by ``eventwire.nlp.pipeline``
before the pipeline is built (never from inside a component's ``__call__``).
Every value is a list of plain dataclasses from ``eventwire.types`` so docs pickle.
"""
from __future__ import annotations

from spacy.tokens import Doc

# name -> default; list defaults use getters so docs never share a list
DOC_EXTENSIONS = {
    "ew_published": None,  # datetime.date | None, set before the pipeline runs
    "ew_article_id": "",  # str, set before the pipeline runs
    "ew_text": None,  # str | None: the doc's text, set before the pipeline runs (see doc_text)
    "ew_conflict_news": False,  # bool: the relevance gate reads the article as clear news of conflict
}
DOC_LIST_EXTENSIONS = (
    "ew_places",  # list[PlaceMention]        written by eventwire.places
    "ew_dates",  # list[DateMention]          written by eventwire.dates
    "ew_casualties",  # list[CasualtyMention] written by eventwire.casualties
    "ew_actors",  # list[ActorMention]        written by eventwire.actors
    "ew_events",  # list[Event]               written by eventwire.events, filtered by eventwire.gate, typed by eventwire.typer
    "ew_gated",  # list[Event]                the events the relevance gate and the typer dropped
    "ew_quotes",  # list[Quote]               written by eventwire.quotes
    "ew_cues",  # list[VerificationCue]       written by eventwire.verification
)


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in DOC_LIST_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_list(doc: Doc, name: str) -> list:
    """The list stored in ``doc._.<name>``; an empty list when a component has not run."""
    value = getattr(doc._, name)
    return value if value is not None else []


def doc_text(doc: Doc) -> str:
    """``doc.text``, read from ``doc._.ew_text`` when the engine set it: spaCy rebuilds
    ``Doc.text`` from every token on each access, a cost paid once per component otherwise."""
    text = doc._.ew_text
    return text if text is not None else doc.text
