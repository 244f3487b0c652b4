"""The ``eventwire_typer_v1`` component: the trained snippet classifier types each coded event.

A thin shell around ``eventwire.coding.detect.retype``: ``initialize`` loads the classifier once (the
packaged one, or ``model_path`` from ``eventwire train``); ``__call__`` retypes
``doc._.ew_events`` and moves the events it reads as crime, accident or disaster to
``doc._.ew_gated``, beside those the relevance gate dropped.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.coding.detect.classifier import MODEL_PATH, SnippetClassifier, load_classifier
from eventwire.coding.detect.retype import TypeSettings, retype_events
from eventwire.coding.conventions.taxonomy import Taxonomy, load_taxonomy
from eventwire.errors import Errors, ModelError


class EventTyper:
    def __init__(self, nlp: Language, name: str, *, model_path: str | None = None, thresholds: dict | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.model_path = model_path
        self.settings = TypeSettings(**(thresholds or {}))
        self.classifier: SnippetClassifier | None = None
        self.taxonomy: Taxonomy | None = None
        self.extractor = None  # the ew_events component's trigger lexicon, for the features

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data_path: str | None = None) -> None:
        classifier = load_classifier(self.model_path or MODEL_PATH)
        if classifier.feature_set != "rules":
            reason = "ingest types events with a model of the 'rules' features (train it with --features rules)"
            raise ModelError(Errors.E271.format(path=self.model_path or MODEL_PATH, reason=reason))
        self.classifier = classifier
        self.taxonomy = load_taxonomy()
        nlp = nlp or self.nlp
        if "ew_events" in nlp.pipe_names:
            self.extractor = nlp.get_pipe("ew_events").extractor

    def __call__(self, doc: Doc) -> Doc:
        if self.classifier is None:
            raise ModelError(Errors.E253.format(name=self.name))
        events = list(doc._.ew_events or [])
        if not events:
            return doc
        kept, dropped = retype_events(
            events, doc, self.classifier, self.extractor, self.taxonomy, self.settings,
            conflict_news=bool(doc._.ew_conflict_news),
        )
        doc._.ew_events = kept
        if dropped:
            doc._.ew_gated = list(doc._.ew_gated or []) + dropped
        return doc
