"""A small trainable classifier of news snippets into the 30 CASE 2021 event classes.

The classes are the 25 ACLED sub-event types plus ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, DIPLO and ATTRIB (``CASE_LABELS``). The model is a multinomial logistic
regression (softmax, L2-regularised, trained with numpy by full-batch Adam from zeros, so a
run is deterministic) over the features of ``eventwire.coding.classify_features``: lemma
uni/bigrams plus what eventwire's rule-based coder found in the snippet.

- ``train(texts, labels)`` -> ``SnippetClassifier``; ``SnippetClassifier.predict(texts)``
  runs the eventwire pipeline once over all texts (``nlp.pipe``) and scores them.
- ``SnippetClassifier.save(path)`` / ``load_classifier(path)``: one JSON file holding the
  format version, the label set, the feature vocabulary and the weights.
- ``read_training_file(path)``: ``{"text", "label"}`` JSONL; bad lines are reported with
  their line number and skipped (``TrainingData.errors``).
- ``train_file(path, out)``: what ``eventwire train`` runs.

The packaged model (``data/classifier_model.json``) is trained on ``data/classify_train.jsonl``
only, eventwire's own sentences: ``eventwire train src/eventwire/coding/data/classify_train.jsonl
--out src/eventwire/coding/data/classifier_model.json`` rebuilds it.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from eventwire.coding.taxonomy import load_taxonomy
from eventwire.errors import Errors, InputError, ModelError

DATA_DIR = Path(__file__).parent / "data"
MODEL_PATH = DATA_DIR / "classifier_model.json"
TRAIN_PATH = DATA_DIR / "classify_train.jsonl"
MODEL_FORMAT = "eventwire-snippet-classifier"
MODEL_VERSION = 1
MAX_ERRORS_SHOWN = 20  # bad training lines listed in the error of a file that cannot be used
# CASE 2021 task 2 label codes and names: 25 ACLED sub-event types, then 5 classes outside ACLED.
CASE_LABELS = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "CHEM_WEAP": "Chemical weapon",
    "SUIC_BOMB": "Suicide bomb",
    "AIR_STRIKE": "Air/drone strike",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "ATTACK": "Attack",
    "SEX_VIOL": "Sexual violence",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "ORG_CRIME": "Organized crime",
    "NATURAL_DISASTER": "Natural disaster",
    "MAN_MADE_DISASTER": "Man-made disaster",
    "DIPLO": "Diplomatic event",
    "ATTRIB": "Attribution of responsibility",
}
NON_ACLED_LABELS = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})
ACLED_LABELS = tuple(code for code in CASE_LABELS if code not in NON_ACLED_LABELS)
# name (lower case) or code -> code
_LABEL_LOOKUP = {code.lower(): code for code in CASE_LABELS} | {name.lower(): code for code, name in CASE_LABELS.items()}


@dataclass(frozen=True)
class TrainSettings:
    """Optimiser settings; the defaults are what the packaged model uses."""

    l2: float = 3e-5  # L2 penalty on the weights (mean loss + l2/2 * |W|^2)
    epochs: int = 150
    learning_rate: float = 0.1
    min_count: int = 1  # a feature must occur in this many training examples


def label_code(value: str) -> str | None:
    """The CASE code for a code or an ACLED sub-event type / CASE class name, else None."""
    return _LABEL_LOOKUP.get(str(value).strip().lower())


def event_type_of(code: str) -> str | None:
    """The ACLED event type of a CASE code (None for the 5 classes outside ACLED)."""
    if code in NON_ACLED_LABELS or code not in CASE_LABELS:
        return None
    return load_taxonomy().sub_to_type.get(CASE_LABELS[code])


# -- the model ---------------------------------------------------------------------------------
@dataclass
class SnippetClassifier:
    labels: tuple[str, ...]
    features: dict[str, int]  # feature name -> row of weights
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    info: dict = field(default_factory=dict)

    def scores(self, feature_sets: list[set[str]]) -> np.ndarray:
        """Label probabilities, one row per feature set."""
        out = np.tile(self.bias, (len(feature_sets), 1))
        for row, names in enumerate(feature_sets):
            index = [self.features[name] for name in names if name in self.features]
            if index:
                out[row] += self.weights[index].sum(axis=0) / np.sqrt(len(names))
        return _softmax(out)

    def predict_features(self, feature_sets: list[set[str]]) -> list[str]:
        return [self.labels[i] for i in self.scores(feature_sets).argmax(axis=1)]

    def predict(self, texts: list[str], *, nlp=None) -> list[str]:
        """One CASE label code per text; the texts go through the pipeline in batches."""
        from eventwire.coding.classify_features import featurize
        from eventwire.nlp.pipeline import get_pipeline

        return self.predict_features(featurize(texts, nlp or get_pipeline()))

    def to_dict(self) -> dict:
        names = sorted(self.features, key=self.features.get)
        return {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "labels": list(self.labels),
            "bias": [round(float(value), 5) for value in self.bias],
            "features": {
                name: [round(float(value), 5) for value in self.weights[self.features[name]]] for name in names
            },
            "info": self.info,
        }

    def save(self, path: str | Path) -> None:
        path = Path(path)
        try:
            path.write_text(json.dumps(self.to_dict(), separators=(",", ":"), sort_keys=False), encoding="utf-8")
        except OSError as error:
            raise ModelError(Errors.E277.format(path=path, reason=error.strerror or error)) from error


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def model_from_dict(data, path: str | Path = "<dict>") -> SnippetClassifier:
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ModelError(Errors.E271.format(path=path, reason=f"no 'format': {MODEL_FORMAT!r} field"))
    if data.get("version") != MODEL_VERSION:
        raise ModelError(Errors.E272.format(path=path, version=data.get("version"), supported=MODEL_VERSION))
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
    )


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
    feature_sets: list[set[str]], labels: list[str], *, settings: TrainSettings = TrainSettings(), info: dict | None = None
) -> SnippetClassifier:
    """Train on feature sets (``classify_features``) and CASE label codes."""
    label_set = tuple(code for code in CASE_LABELS if code in set(labels))
    counts: dict[str, int] = {}
    for names in feature_sets:
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    vocabulary = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= settings.min_count))}
    matrix = _SparseRows(feature_sets, vocabulary)
    n, d, k = len(feature_sets), len(vocabulary), len(label_set)
    target = np.zeros((n, k))
    target[np.arange(n), [label_set.index(label) for label in labels]] = 1.0
    weights, bias = np.zeros((d, k)), np.zeros(k)
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros_like(bias), np.zeros_like(bias)]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, settings.epochs + 1):
        error = (_softmax(matrix.dot(weights) + bias) - target) / n
        grad_w = matrix.transpose_dot(error, d) + settings.l2 * weights
        grad_b = error.sum(axis=0)
        for param, grad, first, second in ((weights, grad_w, moments[0], moments[1]), (bias, grad_b, moments[2], moments[3])):
            first *= beta1
            first += (1 - beta1) * grad
            second *= beta2
            second += (1 - beta2) * grad * grad
            param -= settings.learning_rate * (first / (1 - beta1**step)) / (np.sqrt(second / (1 - beta2**step)) + eps)
    return SnippetClassifier(
        labels=label_set,
        features=vocabulary,
        weights=weights,
        bias=bias,
        info={"examples": n, "settings": settings.__dict__} | (info or {}),
    )


class _SparseRows:
    """Feature sets as a sparse matrix (row i: its known features, each 1/sqrt(len(set))), with
    the two products training needs, done by gathers and ``np.add.reduceat`` (numpy only)."""

    def __init__(self, feature_sets: list[set[str]], vocabulary: dict[str, int]) -> None:
        rows, columns, values = [], [], []
        for row, names in enumerate(feature_sets):
            index = sorted(vocabulary[name] for name in names if name in vocabulary)
            rows.extend([row] * len(index))
            columns.extend(index)
            values.extend([1.0 / np.sqrt(len(names))] * len(index))
        self.n = len(feature_sets)
        self.rows = np.array(rows, dtype=np.int64)
        self.columns = np.array(columns, dtype=np.int64)
        self.values = np.array(values, dtype=np.float64)[:, None]
        self.row_starts, self.row_ids = _segments(self.rows)
        self.by_column = np.argsort(self.columns, kind="stable")
        self.column_starts, self.column_ids = _segments(self.columns[self.by_column])

    def dot(self, weights: np.ndarray) -> np.ndarray:
        out = np.zeros((self.n, weights.shape[1]))
        if len(self.rows):
            out[self.row_ids] = np.add.reduceat(weights[self.columns] * self.values, self.row_starts, axis=0)
        return out

    def transpose_dot(self, error: np.ndarray, n_columns: int) -> np.ndarray:
        out = np.zeros((n_columns, error.shape[1]))
        if len(self.rows):
            order = self.by_column
            products = error[self.rows[order]] * self.values[order]
            out[self.column_ids] = np.add.reduceat(products, self.column_starts, axis=0)
        return out


def _segments(sorted_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets and ids of the runs of equal values in a sorted id array."""
    if not len(sorted_ids):
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
    return starts, sorted_ids[starts]


def train(texts: list[str], labels: list[str], *, settings: TrainSettings = TrainSettings(), nlp=None, info=None):
    """Train on texts and labels (CASE codes or ACLED sub-event type names)."""
    from eventwire.coding.classify_features import featurize
    from eventwire.nlp.pipeline import get_pipeline

    codes = [label_code(label) for label in labels]
    unknown = sorted({label for label, code in zip(labels, codes) if code is None})
    if unknown:
        raise ModelError(Errors.E278.format(labels=unknown))
    return fit(featurize(texts, nlp or get_pipeline()), codes, settings=settings, info=info)


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


def train_file(path: str | Path, out: str | Path, *, settings: TrainSettings = TrainSettings(), nlp=None) -> TrainReport:
    """Read a training file, train, save the model to ``out``: the ``eventwire train`` command."""
    data = read_training_file(path)
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
    model = train(data.texts, data.labels, settings=settings, nlp=nlp, info={"trained_on": Path(path).name})
    model.save(out)
    return TrainReport(Path(path), Path(out), len(data.texts), counts, data.errors, model)
