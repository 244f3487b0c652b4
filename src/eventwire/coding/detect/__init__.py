"""Trained sentence detectors: is a sentence news of a political event, of which kind.

- ``features``: the words a sentence model reads (the spaCy tokenizer's tokens, so training
  and ingest see the same features).
- ``model``: ``SentenceModel``, softmax heads over those features (relevance, ACLED
  sub-event type, PLOVER category), trained with numpy; saved as one JSON file.
- ``corpus``: the training material: eventwire's own corpus (``corpus/`` in the repository)
  plus the public sets of ``../shared/data/train``; the balance check.
- ``train``: ``eventwire train`` builds the packaged model from that material.
- ``gate``: the relevance gate ingest runs (spaCy component ``eventwire_gate_v1``).
- ``classifier`` (with ``classify_features``, ``classify_labels``, ``classify_optim`` and the
  optional ``embeddings``): the snippet classifier of the CASE 2021 classes, trained by
  ``eventwire train`` and scored by ``eventwire eval classify``;
- ``retype``: that classifier typing (and dropping) the events ingest codes (spaCy component
  ``eventwire_typer_v1``): one coder for ingest and evaluation.
"""
from eventwire.coding.detect.model import SentenceModel, load_sentence_model  # noqa: F401
