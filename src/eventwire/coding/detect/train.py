"""``eventwire train-detector``: build the sentence model from the training material.

``train_detector(corpus, shared, out)`` reads eventwire's own corpus and the public sets under
``shared`` (``corpus.shared_sentences``), tokenises every sentence once with the pipeline's own
tokenizer, trains the three heads (``model.SentenceModel``) and writes the model file.
``cross_validate`` reports k-fold scores of the same recipe: folds keep a source document's
sentences together (a sentence of eventwire's corpus is its own document).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventwire.coding.detect.corpus import Sentence, read_corpus, shared_sentences
from eventwire.coding.detect.features import predicate_features, sentence_features, token_words
from eventwire.coding.detect.model import PLOVER_FEATURES, SentenceModel, TrainSettings

__all__ = ["TrainReport", "featurise", "plover_featurise", "examples_for", "train_detector", "cross_validate"]


@dataclass
class TrainReport:
    sentences: int
    by_source: dict
    heads: dict  # head -> number of examples
    path: str


def featurise(texts: list[str]) -> list[set[str]]:
    """Feature sets of texts, tokenised by the pipeline's tokenizer (one pass, no parsing)."""
    from eventwire.nlp.pipeline import load_spacy_model

    tokenizer = load_spacy_model().tokenizer
    return [sentence_features(token_words(doc)) for doc in tokenizer.pipe(texts, batch_size=256)]


def plover_featurise(texts: list[str], features: list[set[str]]) -> list[set[str]]:
    """The PLOVER head's feature sets: the words (``features``, one per text) and the predicate
    of every sentence of the text, parsed by the pipeline's spaCy model (no NER)."""
    from eventwire.nlp.pipeline import load_spacy_model

    nlp = load_spacy_model()
    disabled = [name for name in ("ner",) if name in nlp.pipe_names]
    out = []
    for doc, words in zip(nlp.pipe(texts, batch_size=256, disable=disabled), features):
        feats = set(words)
        for sent in doc.sents:
            feats |= predicate_features(sent)
        out.append(feats)
    return out


def examples_for(
    sentences: list[Sentence], features: list[set[str]], plover_features: dict[int, set[str]] | None = None
) -> dict[str, tuple[list[set[str]], list[str]]]:
    """Per head, its (feature sets, labels). ``plover_features``: sentence index -> the PLOVER
    head's features for it (``plover_featurise``); without it the PLOVER head reads the words."""
    heads: dict[str, tuple[list, list]] = {"relevance": ([], []), "sub_event": ([], []), "plover": ([], [])}
    for index, (sentence, feats) in enumerate(zip(sentences, features)):
        heads["relevance"][0].append(feats)
        heads["relevance"][1].append(sentence.relevance)
        if sentence.sub_event:
            heads["sub_event"][0].append(feats)
            heads["sub_event"][1].append(sentence.sub_event)
        if sentence.plover:
            heads["plover"][0].append(plover_features[index] if plover_features is not None else feats)
            heads["plover"][1].append(sentence.plover)
    return heads


def load_material(corpus: str | Path, shared: str | Path | None) -> list[Sentence]:
    sentences = read_corpus(corpus)
    if shared is not None and Path(shared).is_dir():
        sentences += shared_sentences(shared)
    return sentences


def train_detector(corpus: str | Path, shared: str | Path | None, out: str | Path, settings: TrainSettings = TrainSettings()) -> TrainReport:
    sentences = load_material(corpus, shared)
    features = featurise([sentence.text for sentence in sentences])
    examples = examples_for(sentences, features, _plover_features(sentences, features))
    model = SentenceModel.train(examples, settings)
    model.meta["plover_features"] = PLOVER_FEATURES
    by_source: dict[str, int] = {}
    for sentence in sentences:
        by_source[sentence.source] = by_source.get(sentence.source, 0) + 1
    model.meta["trained_on"] = by_source
    model.save(out)
    return TrainReport(len(sentences), by_source, {name: len(labels) for name, (_, labels) in examples.items()}, str(out))


def _subset(sentences, features, plover, indices):
    """(sentences, features, PLOVER features) of some sentences, re-indexed."""
    return (
        [sentences[i] for i in indices], [features[i] for i in indices],
        {new: plover[i] for new, i in enumerate(indices) if i in plover},
    )


def _plover_features(sentences: list[Sentence], features: list[set[str]]) -> dict[int, set[str]]:
    index = [i for i, sentence in enumerate(sentences) if sentence.plover]
    parsed = plover_featurise([sentences[i].text for i in index], [features[i] for i in index])
    return dict(zip(index, parsed))


def _fold(sentence: Sentence, k: int) -> int:
    key = sentence.text if sentence.source == "eventwire" else f"{sentence.source}:{sentence.group}"
    return zlib.crc32(key.encode("utf-8")) % k


def cross_validate(corpus: str | Path, shared: str | Path | None, *, k: int = 5, settings: TrainSettings = TrainSettings()) -> dict:
    """k-fold accuracy of each head, and the relevance head's event-vs-none precision/recall."""
    sentences = load_material(corpus, shared)
    features = featurise([sentence.text for sentence in sentences])
    plover = _plover_features(sentences, features)
    folds = np.array([_fold(sentence, k) for sentence in sentences])
    right = {"relevance": 0, "sub_event": 0, "plover": 0}
    total = {"relevance": 0, "sub_event": 0, "plover": 0}
    tp = fp = fn = 0
    for fold in range(k):
        train_idx = np.flatnonzero(folds != fold)
        test_idx = np.flatnonzero(folds == fold)
        model = SentenceModel.train(examples_for(*_subset(sentences, features, plover, train_idx)), settings)
        test = examples_for(*_subset(sentences, features, plover, test_idx))
        for head, (feats, labels) in test.items():
            if not labels:
                continue
            probabilities = model.predict(head, feats)
            predicted = [model.heads[head].labels[i] for i in probabilities.argmax(axis=1)]
            right[head] += sum(p == g for p, g in zip(predicted, labels))
            total[head] += len(labels)
            if head == "relevance":
                for p, g in zip(predicted, labels):
                    tp += p != "none" and g != "none"
                    fp += p != "none" and g == "none"
                    fn += p == "none" and g != "none"
    scores = {f"{head}_accuracy": round(right[head] / total[head], 4) for head in right if total[head]}
    scores["relevant_precision"] = round(tp / (tp + fp), 4) if tp + fp else 0.0
    scores["relevant_recall"] = round(tp / (tp + fn), 4) if tp + fn else 0.0
    scores["n"] = len(sentences)
    scores["k"] = k
    return scores
