"""The ``eventwire_gate_v1`` component: drops coded events the sentence model reads as no news.

A thin shell around ``eventwire.coding.detect.gate``: ``initialize`` loads the sentence model
once (the packaged one, or ``model_path`` from ``eventwire train-detector``); ``__call__``
filters ``doc._.ew_events``, keeps what it dropped in ``doc._.ew_gated`` and sets
``doc._.ew_conflict_news`` when the article is clear news of conflict.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.coding.detect.gate import GateSettings, read_article
from eventwire.coding.detect.model import MODEL_PATH, SentenceModel, load_sentence_model
from eventwire.errors import Errors, ModelError


class RelevanceGate:
    def __init__(self, nlp: Language, name: str, *, model_path: str | None = None, thresholds: dict | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.model_path = model_path
        self.settings = GateSettings(**(thresholds or {}))
        self.model: SentenceModel | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data_path: str | None = None) -> None:
        self.model = load_sentence_model(self.model_path or MODEL_PATH)

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None:
            raise ModelError(Errors.E253.format(name=self.name))
        coded = list(doc._.ew_events or [])
        kept, doc._.ew_conflict_news = read_article(coded, doc, self.model, self.settings)
        kept_ids = {id(event) for event in kept}
        doc._.ew_events = kept
        doc._.ew_gated = [event for event in coded if id(event) not in kept_ids]
        return doc
