"""The ``eventwire_places_v1`` component: sets ``doc._.ew_places`` (list[PlaceMention], by start).

Recognition and resolution live in :mod:`eventwire.geo.resolver`; this is the spaCy shape
around it. ``initialize`` loads the gazetteer (built and cached on first use, then loaded
once per process), so ``__call__`` does per-doc work only.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import Errors, ModelError

__all__ = ["PlaceRecognizer"]


class PlaceRecognizer:
    def __init__(self, nlp: Language, name: str = "ew_places", *, gazetteer_path: str | None = None) -> None:
        self.name = name
        self.gazetteer_path = gazetteer_path
        self.resolver = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data_path: str | None = None) -> None:
        from eventwire.geo.gazetteer import get_gazetteer
        from eventwire.geo.resolver import PlaceResolver

        gazetteer = get_gazetteer(data_path or self.gazetteer_path)
        self.resolver = PlaceResolver(gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        if self.resolver is None:
            raise ModelError(Errors.E107.format(name=self.name))
        doc._.ew_places = sorted(self.resolver(doc), key=lambda mention: (mention.start, mention.end))
        return doc
