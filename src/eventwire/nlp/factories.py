"""Every eventwire spaCy component is registered here, and only here.

Registered names carry a version (``eventwire_casualties_v1``; spaCy forbids dots in
factory names): a behaviour change adds ``_v2`` and keeps ``_v1``.
Imports happen inside the factories so importing this module does no work.

Each component class follows one shape: ``__init__(nlp, name, **settings)`` stores
settings, ``initialize(get_examples=None, *, nlp=None, data_path=None)`` loads its data
files (``eventwire.nlp.pipeline`` calls it after ``add_pipe``: never ``nlp.initialize()``,
which would reset the trained model), ``__call__(doc)`` finds matches and sets annotations.
"""
from __future__ import annotations

from spacy.language import Language


@Language.factory("eventwire_paragraphs_v1")
def make_paragraphs(nlp: Language, name: str):
    from eventwire.nlp.paragraphs import ParagraphSentencizer

    return ParagraphSentencizer(nlp, name)


@Language.factory("eventwire_places_v1", default_config={"gazetteer_path": None})
def make_places(nlp: Language, name: str, gazetteer_path: str | None):
    from eventwire.nlp.places import PlaceRecognizer

    return PlaceRecognizer(nlp, name, gazetteer_path=gazetteer_path)


@Language.factory("eventwire_dates_v1")
def make_dates(nlp: Language, name: str):
    from eventwire.nlp.dates import DateResolver

    return DateResolver(nlp, name)


@Language.factory("eventwire_casualties_v1")
def make_casualties(nlp: Language, name: str):
    from eventwire.nlp.casualties import CasualtyExtractor

    return CasualtyExtractor(nlp, name)


@Language.factory("eventwire_actors_v1")
def make_actors(nlp: Language, name: str):
    from eventwire.nlp.actors import ActorRecognizer

    return ActorRecognizer(nlp, name)


@Language.factory("eventwire_events_v1")
def make_events(nlp: Language, name: str):
    from eventwire.nlp.events import EventCoder

    return EventCoder(nlp, name)


@Language.factory("eventwire_gate_v1", default_config={"model_path": None, "thresholds": {}})
def make_gate(nlp: Language, name: str, model_path: str | None, thresholds: dict):
    from eventwire.nlp.gate import RelevanceGate

    # thresholds: any of GateSettings' fields; the rest keep their defaults (docs/detect.md)
    return RelevanceGate(nlp, name, model_path=model_path, thresholds=thresholds)


@Language.factory("eventwire_typer_v1", default_config={"model_path": None, "thresholds": {}})
def make_typer(nlp: Language, name: str, model_path: str | None, thresholds: dict):
    from eventwire.nlp.typer import EventTyper

    # thresholds: any of TypeSettings' fields (eventwire.coding.detect.retype; docs/classify.md)
    return EventTyper(nlp, name, model_path=model_path, thresholds=thresholds)


@Language.factory("eventwire_quotes_v1")
def make_quotes(nlp: Language, name: str):
    from eventwire.nlp.quotes import QuoteExtractor

    return QuoteExtractor(nlp, name)


@Language.factory("eventwire_quotes_v2")
def make_quotes_v2(nlp: Language, name: str):
    from eventwire.nlp.quotes import QuoteExtractor

    return QuoteExtractor(nlp, name, attributions=True)


@Language.factory("eventwire_verification_v1")
def make_verification(nlp: Language, name: str):
    from eventwire.nlp.verification import VerificationCueFinder

    return VerificationCueFinder(nlp, name)
