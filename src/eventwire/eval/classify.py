"""``eventwire eval classify``: the snippet classifier against CASE 2021 task 2 records.

Records: ``{"id","text","gold":{"label",...},"seen_acled_class"}`` (``../shared/data/README.md``).
Scores (all from one prediction per record, a CASE label code):

- ``seen``: accuracy, macro and weighted F1 over the records whose gold is one of the 25 ACLED
  sub-event types (``seen_acled_class``; when absent, gold in the 25), F1 per gold class of those;
- ``all``: the same over every record and the 30 classes;
- ``event_type``: accuracy and macro F1 of the ACLED event type implied by the label (6 types;
  a prediction outside ACLED counts as a wrong type), over the ``seen`` records.

Macro F1 averages over the gold classes present (a class never in the gold but predicted lowers
precision of nothing and is not averaged). Without ``folds`` the packaged model (or ``model_path``)
predicts every record. With ``folds=K`` the records are split into K folds, stratified by gold
label (a seeded shuffle within each label, then dealt round-robin); each fold is predicted by a
model trained on the other folds plus eventwire's own training sentences, so no record is ever
predicted by a model that saw it.

``features`` (with ``folds``) picks what the cross-validated models read: ``rules`` (the
default: words, cues and the rule-based coder's findings), ``embed`` (sentence embeddings, the
optional extra ``eventwire[embed]``) or ``rules+embed``, with the settings of
``classifier.settings_for``. Each text is featurized and embedded once per run.
"""
from __future__ import annotations

import random
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from eventwire.coding.detect.classifier import (
    ACLED_LABELS,
    CASE_LABELS,
    TRAIN_PATH,
    TrainSettings,
    event_type_of,
    fit,
    load_classifier,
    read_training_file,
    settings_for,
)
from eventwire.errors import Errors, EvalError
from eventwire.eval.articles import load_jsonl, per_second, write_jsonl

FOLD_SEED = 13


def gold_label(record: dict, path: str | Path, line: int) -> str:
    if not isinstance(record.get("text"), str):
        raise EvalError(Errors.E462.format(path=path, line=line))
    label = (record.get("gold") or {}).get("label")
    if label not in CASE_LABELS:
        raise EvalError(Errors.E460.format(path=path, line=line, label=label))
    return label


def is_seen(record: dict, label: str) -> bool:
    seen = record.get("seen_acled_class")
    return bool(seen) if seen is not None else label in ACLED_LABELS


def f1_scores(gold: list, predicted: list) -> dict:
    """accuracy, macro F1 (over gold classes) and weighted F1 (by gold support)."""
    if not gold:
        return {"accuracy": None, "macro_f1": None, "weighted_f1": None, "n": 0}
    classes = sorted(set(gold), key=str)
    per_class = {}
    for cls in classes:
        tp = sum(g == cls and p == cls for g, p in zip(gold, predicted))
        n_pred = sum(p == cls for p in predicted)
        n_gold = sum(g == cls for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold
        per_class[cls] = (2 * precision * recall / (precision + recall) if precision + recall else 0.0, n_gold)
    return {
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / len(gold), 4),
        "macro_f1": round(sum(f for f, _ in per_class.values()) / len(per_class), 4),
        "weighted_f1": round(sum(f * n for f, n in per_class.values()) / len(gold), 4),
        "n": len(gold),
    }


def score_classify(gold: list[str], predicted: list[str], seen: list[bool]) -> dict:
    seen_gold = [g for g, s in zip(gold, seen) if s]
    seen_pred = [p for p, s in zip(predicted, seen) if s]
    event_type = f1_scores([event_type_of(g) for g in seen_gold], [event_type_of(p) or "(none)" for p in seen_pred])
    confusions: dict[tuple, int] = defaultdict(int)
    for g, p in zip(gold, predicted):
        if g != p:
            confusions[(g, p)] += 1
    top = sorted(confusions.items(), key=lambda item: (-item[1], item[0]))[:10]
    return {
        "seen": f1_scores(seen_gold, seen_pred),
        "all": f1_scores(gold, predicted),
        "event_type": {key: event_type[key] for key in ("accuracy", "macro_f1", "n")},
        "top_confusions": [{"gold": g, "predicted": p, "count": count} for (g, p), count in top],
        "n": len(gold),
    }


def fold_of(labels: list[str], folds: int, *, seed: int = FOLD_SEED) -> list[int]:
    """Fold number per record: shuffled within each label (seeded), then dealt round-robin,
    continuing the deal across labels so folds stay equal in size."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        by_label[label].append(index)
    rng = random.Random(seed)
    assignment = [0] * len(labels)
    position = 0
    for label in sorted(by_label):
        members = by_label[label]
        rng.shuffle(members)
        for index in members:
            assignment[index] = position % folds
            position += 1
    return assignment


def cross_validate(
    feature_sets: list[set[str]],
    labels: list[str],
    folds: int,
    *,
    extra_features: list[set[str]] = (),
    extra_labels: list[str] = (),
    vectors: np.ndarray | None = None,
    extra_vectors: np.ndarray | None = None,
    embedder_name: str | None = None,
    settings: TrainSettings = TrainSettings(),
) -> tuple[list[str], list[int]]:
    """Predictions for every record, each from a model that never saw it; and the folds.

    ``feature_sets`` (None when the models read embeddings only) and ``vectors`` (embeddings,
    one row per record, None when they read feature sets only) describe the records;
    ``extra_*`` the examples added to every fold's training data."""
    assignment = fold_of(labels, folds)
    predicted: list[str | None] = [None] * len(labels)
    for fold in range(folds):
        train = [i for i, f in enumerate(assignment) if f != fold]
        held_out = [i for i, f in enumerate(assignment) if f == fold]
        train_vectors = None
        if vectors is not None:
            parts = [vectors[train]] + ([extra_vectors] if extra_vectors is not None and len(extra_vectors) else [])
            train_vectors = np.vstack(parts)
        model = fit(
            [feature_sets[i] for i in train] + list(extra_features) if feature_sets is not None else None,
            [labels[i] for i in train] + list(extra_labels),
            vectors=train_vectors,
            embedder_name=embedder_name,
            settings=settings,
        )
        held_sets = [feature_sets[i] for i in held_out] if feature_sets is not None else None
        inputs = (held_sets,) if vectors is None else (held_sets, vectors[held_out])
        for index, label in zip(held_out, model.predict_features(*inputs)):
            predicted[index] = label
    return predicted, assignment


def evaluate_classify(
    path: str | Path,
    *,
    predictions_path: str | Path | None = None,
    model_path: str | Path | None = None,
    folds: int | None = None,
    features: str | None = None,
) -> dict:
    from eventwire.coding.detect.classify_features import inputs_for
    from eventwire.nlp.pipeline import get_pipeline

    records = load_jsonl(path)
    gold = [gold_label(record, path, line) for line, record in enumerate(records, start=1)]
    seen = [is_seen(record, label) for record, label in zip(records, gold)]
    if folds is not None and not 2 <= folds <= len(records):
        raise EvalError(Errors.E461.format(folds=folds, n=len(records)))
    if folds is None and features is not None:
        raise EvalError(Errors.E463.format(features=features))
    model = load_classifier(model_path) if folds is None else None
    settings = settings_for(features or "rules")
    used = model.feature_set if model is not None else settings.features
    if "embed" in used:
        _embedder_name(used)  # without the extra: E279 before the pipeline loads
    nlp = get_pipeline() if "rules" in used else None
    texts = [record["text"] for record in records]
    started = time.perf_counter()
    if folds is None:
        predicted = model.predict_features(*inputs_for(texts, used, nlp=nlp, embedder_name=model.embedding_name))
        seconds = time.perf_counter() - started
        mode = {"model": str(model_path) if model_path else "packaged", "features": used}
    else:
        feature_sets, vectors = inputs_for(texts, used, nlp=nlp)
        seconds = time.perf_counter() - started
        own = read_training_file(TRAIN_PATH)
        own_sets, own_vectors = inputs_for(own.texts, used, nlp=nlp)
        predicted, _ = cross_validate(
            feature_sets,
            gold,
            folds,
            extra_features=own_sets or (),
            extra_labels=own.labels,
            vectors=vectors,
            extra_vectors=own_vectors,
            embedder_name=_embedder_name(used),
            settings=settings,
        )
        mode = {
            "folds": folds,
            "features": used,
            "model": "cross-validated: other folds + eventwire's own training sentences",
        }
    if predictions_path is not None:
        write_jsonl(predictions_path, ({"id": record.get("id"), "label": label} for record, label in zip(records, predicted)))
    scores = score_classify(gold, predicted, seen)
    scores["docs_per_s"] = per_second(len(records), seconds)
    scores.update(mode)
    return scores


def _embedder_name(features: str) -> str | None:
    if "embed" not in features:
        return None
    from eventwire.coding.detect.embeddings import get_embedder

    return get_embedder().name
