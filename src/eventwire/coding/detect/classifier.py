"""A small trainable classifier of news snippets into the 30 CASE 2021 event classes.

The classes are the 25 ACLED sub-event types plus ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, DIPLO and ATTRIB (``CASE_LABELS``). The model is a multinomial logistic
regression (softmax, L2-regularised, trained with numpy by full-batch Adam from zeros, so a
run is deterministic; ``classify_optim``) over the features of
``eventwire.coding.detect.classify_features``: lemma uni/bigrams plus what eventwire's rule-based coder
found in the snippet; optionally (``TrainSettings.features``: "embed" or "rules+embed", the extra
``eventwire[embed]``) over the snippet's sentence embedding (``eventwire.coding.detect.embeddings``).
The labels are in ``classify_labels``.

- ``train(texts, labels)`` -> ``SnippetClassifier``; ``SnippetClassifier.predict(texts)``
  runs the eventwire pipeline once over all texts (``nlp.pipe``) and scores them.
- ``SnippetClassifier.save(path)`` / ``load_classifier(path)``: one JSON file holding the
  format version, the label set, the feature vocabulary and the weights (version 2 adds the
  ``embedding`` block of a model that reads embeddings).
- ``read_training_file(path)``: ``{"text", "label"}`` JSONL; bad lines are reported with
  their line number and skipped (``TrainingData.errors``).
- ``train_file(path, out)``: what ``eventwire train`` runs.

The packaged model (``data/classifier_model.json``) is trained on eventwire's own sentences
only: ``data/classify_train.jsonl`` and the project's corpus (``corpus/``, mapped to CASE labels by
``eventwire.coding.detect.corpus.case_examples``). ``eventwire train
src/eventwire/coding/data/classify_train.jsonl --corpus corpus --min-count 2 --out
src/eventwire/coding/data/classifier_model.json`` rebuilds it. Ingest runs it on every coded
event (``eventwire.coding.detect.retype``), so the model ``eval classify`` scores is the one that types
the events in the database.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from eventwire.coding.detect.classify_optim import CLASS_WEIGHTS, SparseRows, softmax, train_softmax
from eventwire.coding.detect.classify_labels import ACLED_LABELS, CASE_LABELS, NON_ACLED_LABELS, event_type_of, label_code  # noqa: F401 (re-exported)
from eventwire.errors import Errors, InputError, ModelError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
MODEL_PATH = DATA_DIR / "classifier_model.json"
TRAIN_PATH = DATA_DIR / "classify_train.jsonl"
# the same sentences, features "rules+embed": usable with --model where eventwire[embed] is installed
EMBED_MODEL_PATH = DATA_DIR / "classifier_model_embed.json"
MODEL_FORMAT = "eventwire-snippet-classifier"
MODEL_VERSION = 1
EMBED_MODEL_VERSION = 2  # a model with sentence-embedding weights (``embedding`` block)
# what a model reads: the rule/word feature sets, sentence embeddings, or both
FEATURE_SETS = ("rules", "embed", "rules+embed")
MAX_ERRORS_SHOWN = 20  # bad training lines listed in the error of a file that cannot be used


@dataclass(frozen=True)
class TrainSettings:
    """Optimiser settings; the defaults are what the packaged model uses."""

    l2: float = 3e-5  # L2 penalty on the weights (mean loss + l2/2 * |W|^2)
    epochs: int = 150
    learning_rate: float = 0.1
    min_count: int = 1  # a feature must occur in this many training examples
    features: str = "rules"  # one of FEATURE_SETS; "embed" needs the extra (eventwire[embed])
    embed_scale: float = 1.0  # embeddings (unit length) are multiplied by this
    class_weight: str = "none"  # "balanced": examples weighted by 1 / size of their class

    def __post_init__(self) -> None:
        if self.features not in FEATURE_SETS:
            raise ModelError(Errors.E271.format(path="<settings>", reason=f"features must be one of {FEATURE_SETS}"))
        if self.class_weight not in CLASS_WEIGHTS:
            raise ModelError(Errors.E271.format(path="<settings>", reason=f"class_weight must be one of {CLASS_WEIGHTS}"))

    @property
    def uses_rules(self) -> bool:
        return "rules" in self.features

    @property
    def uses_embed(self) -> bool:
        return "embed" in self.features


# Settings per feature set, chosen by 5-fold cross-validation on the CASE 2021 dev half
# (docs/classify.md); "rules" is what the packaged model uses.
FEATURE_SETTINGS = {
    "rules": {},
    "embed": {"l2": 1e-4},
    "rules+embed": {"class_weight": "balanced", "l2": 1e-4},
}


def settings_for(features: str) -> TrainSettings:
    """The tuned ``TrainSettings`` of a feature set (one of ``FEATURE_SETS``)."""
    if features not in FEATURE_SETS:
        raise ModelError(Errors.E271.format(path="<settings>", reason=f"features must be one of {FEATURE_SETS}"))
    return TrainSettings(features=features, **FEATURE_SETTINGS[features])


# -- the model ---------------------------------------------------------------------------------
@dataclass
class SnippetClassifier:
    labels: tuple[str, ...]
    features: dict[str, int]  # feature name -> row of weights
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    info: dict = field(default_factory=dict)
    embedding: EmbeddingWeights | None = None  # weights of the sentence embedding, if used

    @property
    def feature_set(self) -> str:
        """What the model reads (one of ``FEATURE_SETS``)."""
        if self.embedding is None:
            return "rules"
        return "rules+embed" if self.features else "embed"

    def scores(self, feature_sets: list[set[str]] | None, vectors: np.ndarray | None = None) -> np.ndarray:
        """Label probabilities, one row per feature set (and row of ``vectors``, the raw
        embeddings of the same texts, for a model that reads embeddings)."""
        n = len(feature_sets) if feature_sets is not None else len(vectors)
        out = np.tile(self.bias, (n, 1))
        for row, names in enumerate(feature_sets or ()):
            index = [self.features[name] for name in names if name in self.features]
            if index:
                out[row] += self.weights[index].sum(axis=0) / np.sqrt(len(names))
        if self.embedding is not None:
            if vectors is None:
                raise ModelError(Errors.E271.format(path="<model>", reason="it reads embeddings and none were given"))
            out += (np.asarray(vectors) * self.embedding.scale) @ self.embedding.weights
        return softmax(out)

    def predict_features(self, feature_sets: list[set[str]] | None, vectors: np.ndarray | None = None) -> list[str]:
        return [self.labels[i] for i in self.scores(feature_sets, vectors).argmax(axis=1)]

    def predict(self, texts: list[str], *, nlp=None) -> list[str]:
        """One CASE label code per text; the texts go through the pipeline (and the
        embedder, for a model that reads embeddings) in batches."""
        from eventwire.coding.detect.classify_features import inputs_for

        feature_sets, vectors = inputs_for(texts, self.feature_set, nlp=nlp, embedder_name=self.embedding_name)
        return self.predict_features(feature_sets, vectors)

    @property
    def embedding_name(self) -> str | None:
        return self.embedding.model if self.embedding is not None else None

    def to_dict(self) -> dict:
        names = sorted(self.features, key=self.features.get)
        extra = {}
        if self.embedding is not None:
            extra["embedding"] = {
                "model": self.embedding.model,
                "scale": self.embedding.scale,
                "weights": [[round(float(value), 5) for value in row] for row in self.embedding.weights],
            }
        return {
            "format": MODEL_FORMAT,
            "version": EMBED_MODEL_VERSION if self.embedding is not None else MODEL_VERSION,
            "labels": list(self.labels),
            "bias": [round(float(value), 5) for value in self.bias],
            "features": {
                name: [round(float(value), 5) for value in self.weights[self.features[name]]] for name in names
            },
            "info": self.info,
        } | extra

    def save(self, path: str | Path) -> None:
        path = Path(path)
        try:
            path.write_text(json.dumps(self.to_dict(), separators=(",", ":"), sort_keys=False), encoding="utf-8")
        except OSError as error:
            raise ModelError(Errors.E277.format(path=path, reason=error.strerror or error)) from error


@dataclass
class EmbeddingWeights:
    model: str  # the embedder's name (``eventwire.coding.detect.embeddings``)
    scale: float  # embeddings are multiplied by this before the weights
    weights: np.ndarray  # (dim, n_labels)


def model_from_dict(data, path: str | Path = "<dict>") -> SnippetClassifier:
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ModelError(Errors.E271.format(path=path, reason=f"no 'format': {MODEL_FORMAT!r} field"))
    if data.get("version") not in (MODEL_VERSION, EMBED_MODEL_VERSION):
        supported = f"{MODEL_VERSION} or {EMBED_MODEL_VERSION}"
        raise ModelError(Errors.E272.format(path=path, version=data.get("version"), supported=supported))
    labels = data.get("labels")
    features = data.get("features")
    bias = data.get("bias")
    if not isinstance(labels, list) or len(labels) < 2 or any(label not in CASE_LABELS for label in labels):
        raise ModelError(Errors.E271.format(path=path, reason="'labels' must list at least two CASE label codes"))
    if not isinstance(features, dict) or not isinstance(bias, list) or len(bias) != len(labels):
        raise ModelError(Errors.E271.format(path=path, reason="'features' or 'bias' is missing or has the wrong size"))
    if any(not isinstance(row, list) or len(row) != len(labels) for row in features.values()):
        raise ModelError(Errors.E271.format(path=path, reason="a feature's weights do not match the label count"))
    names = list(features)
    rows = [features[name] for name in names] + [bias]
    if any(isinstance(value, bool) or not isinstance(value, (int, float)) for row in rows for value in row):
        raise ModelError(Errors.E271.format(path=path, reason="a weight or bias is not a number"))
    weights = np.array(rows[:-1], dtype=np.float64).reshape(len(names), len(labels))
    return SnippetClassifier(
        labels=tuple(labels),
        features={name: row for row, name in enumerate(names)},
        weights=weights,
        bias=np.array(bias, dtype=np.float64),
        info=data.get("info") or {},
        embedding=_embedding_from(data.get("embedding"), len(labels), path),
    )


def _embedding_from(block, n_labels: int, path) -> EmbeddingWeights | None:
    if block is None:
        return None
    rows = block.get("weights") if isinstance(block, dict) else None
    scale = block.get("scale") if isinstance(block, dict) else None
    if (
        not isinstance(block.get("model") if isinstance(block, dict) else None, str)
        or not isinstance(rows, list)
        or not rows
        or any(not isinstance(row, list) or len(row) != n_labels for row in rows)
        or any(isinstance(value, bool) or not isinstance(value, (int, float)) for row in rows for value in row)
        or isinstance(scale, bool)
        or not isinstance(scale, (int, float))
    ):
        raise ModelError(Errors.E271.format(path=path, reason="'embedding' needs 'model', 'scale' and one weight per label in each row of 'weights'"))
    return EmbeddingWeights(block["model"], float(scale), np.array(rows, dtype=np.float64))


def load_classifier(path: str | Path | None = None) -> SnippetClassifier:
    """A model saved by ``SnippetClassifier.save`` (default: the packaged one)."""
    path = Path(path) if path is not None else MODEL_PATH
    if path == MODEL_PATH:
        return _packaged()
    return _read_model(path)


@functools.lru_cache(maxsize=1)
def _packaged() -> SnippetClassifier:
    return _read_model(MODEL_PATH)


def _read_model(path: Path) -> SnippetClassifier:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ModelError(Errors.E270.format(path=path, reason=reason)) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ModelError(Errors.E271.format(path=path, reason=f"invalid JSON: {error.msg} at line {error.lineno}")) from error
    return model_from_dict(data, path)


# -- training ----------------------------------------------------------------------------------
def fit(
    feature_sets: list[set[str]] | None,
    labels: list[str],
    *,
    vectors: np.ndarray | None = None,
    embedder_name: str | None = None,
    settings: TrainSettings = TrainSettings(),
    info: dict | None = None,
) -> SnippetClassifier:
    """Train on feature sets (``classify_features``) and/or embeddings (``vectors``, one row
    per example, from the embedder ``embedder_name``) and CASE label codes."""
    label_set = tuple(code for code in CASE_LABELS if code in set(labels))
    vocabulary: dict[str, int] = {}
    if feature_sets is not None:
        counts: dict[str, int] = {}
        for names in feature_sets:
            for name in names:
                counts[name] = counts.get(name, 0) + 1
        vocabulary = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= settings.min_count))}
    sparse = SparseRows(feature_sets, vocabulary) if feature_sets is not None else None
    dense = np.asarray(vectors, dtype=np.float64) * settings.embed_scale if vectors is not None else None
    weights, dense_weights, bias = train_softmax(
        sparse,
        dense,
        np.array([label_set.index(label) for label in labels], dtype=np.int64),
        len(label_set),
        l2=settings.l2,
        epochs=settings.epochs,
        learning_rate=settings.learning_rate,
        class_weight=settings.class_weight,
    )
    embedding = None
    if dense is not None:
        embedding = EmbeddingWeights(embedder_name or "unknown", settings.embed_scale, dense_weights)
    return SnippetClassifier(
        labels=label_set,
        features=vocabulary,
        weights=weights,
        bias=bias,
        info={"examples": len(labels), "settings": settings.__dict__} | (info or {}),
        embedding=embedding,
    )


def train(texts: list[str], labels: list[str], *, settings: TrainSettings = TrainSettings(), nlp=None, info=None):
    """Train on texts and labels (CASE codes or ACLED sub-event type names)."""
    codes = [label_code(label) for label in labels]
    unknown = sorted({label for label, code in zip(labels, codes) if code is None})
    if unknown:
        raise ModelError(Errors.E278.format(labels=unknown))
    from eventwire.coding.detect.classify_features import inputs_for

    feature_sets, vectors = inputs_for(texts, settings.features, nlp=nlp)
    return fit(feature_sets, codes, vectors=vectors, embedder_name=_embedder_name(settings), settings=settings, info=info)


def _embedder_name(settings: TrainSettings) -> str | None:
    if not settings.uses_embed:
        return None
    from eventwire.coding.detect.embeddings import get_embedder

    return get_embedder().name


@dataclass
class TrainingData:
    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # CASE codes
    errors: list[str] = field(default_factory=list)  # one message per bad line


def read_training_file(path: str | Path) -> TrainingData:
    """``{"text", "label"}`` lines (blank lines and ``#`` comments skipped); bad lines are
    reported in ``errors`` with their line number and left out."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(Errors.E273.format(path=path, reason=error.strerror or error), path=str(path)) from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(Errors.E273.format(path=path, reason=f"not UTF-8 at byte {error.start}"), path=str(path)) from error
    data = TrainingData()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        reason = _bad_line_reason(line)
        if reason is not None:
            data.errors.append(Errors.E274.format(path=path, line=number, reason=reason))
            continue
        record = json.loads(line)
        data.texts.append(record["text"].strip())
        data.labels.append(label_code(record["label"]))
    return data


def _bad_line_reason(line: str) -> str | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return f"invalid JSON: {error.msg}"
    if not isinstance(record, dict):
        return f"a {type(record).__name__}, not a JSON object"
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        return "no 'text' (a non-empty string)"
    if not isinstance(record.get("label"), str):
        return "no 'label' (a string)"
    if label_code(record["label"]) is None:
        return f"unknown label {record['label']!r}"
    return None


@dataclass
class TrainReport:
    path: Path
    out: Path
    examples: int
    labels: dict[str, int]  # label -> examples
    errors: list[str]
    model: SnippetClassifier


def train_file(
    path: str | Path, out: str | Path, *, settings: TrainSettings | None = None, features: str = "rules", nlp=None,
    extra: list[tuple[str, str]] | None = None,
) -> TrainReport:
    """Read a training file, train, save the model to ``out``: the ``eventwire train`` command.
    ``extra``: more (text, label) examples, such as eventwire's corpus (``--corpus``)."""
    data = read_training_file(path)
    for text, label in extra or ():
        data.texts.append(text)
        data.labels.append(label_code(label))
    # a file that cannot be trained on fails with the bad lines' messages in its error
    shown = data.errors[:MAX_ERRORS_SHOWN]
    if len(data.errors) > MAX_ERRORS_SHOWN:
        shown.append(f"... and {len(data.errors) - MAX_ERRORS_SHOWN} more bad lines")
    if not data.texts:
        reason = f"{len(data.errors)} bad lines" if data.errors else "the file has no example lines"
        raise InputError("\n".join([*shown, Errors.E275.format(path=path, reason=reason)]), path=str(path))
    counts = {label: data.labels.count(label) for label in CASE_LABELS if label in data.labels}
    if len(counts) < 2:
        raise InputError("\n".join([*shown, Errors.E276.format(path=path, labels=sorted(counts))]), path=str(path))
    settings = settings or settings_for(features)
    info = {"trained_on": Path(path).name + (f" + {len(extra)} corpus sentences" if extra else "")}
    model = train(data.texts, data.labels, settings=settings, nlp=nlp, info=info)
    model.save(out)
    return TrainReport(Path(path), Path(out), len(data.texts), counts, data.errors, model)
