"""The ``eventwire_events_v1`` component: writes ``doc._.ew_events`` (coded, merged events).

A thin shell around ``eventwire.coding.EventExtractor``: ``initialize`` builds the trigger
matcher and loads the coding data once; ``__call__`` codes one doc.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.coding.events import EventExtractor
from eventwire.errors import Errors, ModelError


class EventCoder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.extractor: EventExtractor | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data_path: str | None = None) -> None:
        self.extractor = EventExtractor((nlp or self.nlp).vocab)

    def __call__(self, doc: Doc) -> Doc:
        if self.extractor is None:
            raise ModelError(Errors.E253.format(name=self.name))
        doc._.ew_events = self.extractor(doc)
        return doc
