"""``SentenceModel``: softmax heads over the words of a sentence.

One shared feature vocabulary (``features``), and one multinomial logistic regression per head
(``classify_optim.train_softmax``: L2-regularised, full-batch Adam from zeros, deterministic):

- ``relevance``: ``event`` (a new ACLED event), ``verbal`` (a new PLOVER-only political
  interaction) or ``none`` (ordinary news, or conflict background that reports no new event);
- ``sub_event``: the 25 ACLED sub-event types, trained on event sentences only;
- ``plover``: the 16 PLOVER categories, trained on sentences with a category.

Saved as one JSON file (format ``eventwire-sentence-model``): the vocabulary, and per head its
labels, bias and weights (float16, base64, row-major ``(len(vocabulary), len(labels))``).
"""
from __future__ import annotations

import base64
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from eventwire.coding.detect.classify_optim import SparseRows, softmax, train_softmax
from eventwire.errors import Errors, ModelError

__all__ = ["Head", "SentenceModel", "TrainSettings", "load_sentence_model", "MODEL_PATH", "PLOVER_FEATURES"]

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "sentence_model.json"
MODEL_FORMAT = "eventwire-sentence-model"
MODEL_VERSION = 1
HEADS = ("relevance", "sub_event", "plover")
# ``meta["plover_features"]`` of a model whose PLOVER head also reads the parsed predicate
# (``features.predicate_features``); older files read the words alone
PLOVER_FEATURES = "words+predicate"


@dataclass(frozen=True)
class TrainSettings:
    """Optimiser settings; the defaults are what the packaged model uses (docs/detect.md)."""

    l2: float = 1e-4
    epochs: int = 120
    learning_rate: float = 0.05
    min_count: int = 3  # a feature must occur in this many training sentences
    class_weight: str = "balanced"
    prune_below: float = 0.1  # after training, features whose weights all stay under this are dropped


@dataclass
class Head:
    labels: list[str]
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)

    def probabilities(self, rows: SparseRows) -> np.ndarray:
        return softmax(rows.dot(self.weights) + self.bias)


@dataclass
class SentenceModel:
    vocabulary: dict[str, int]
    heads: dict[str, Head] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    def rows(self, feature_sets: list[set[str]]) -> SparseRows:
        return SparseRows(feature_sets, self.vocabulary)

    def predict(self, head: str, feature_sets: list[set[str]]) -> np.ndarray:
        """Probabilities ``(len(feature_sets), len(labels))`` of one head."""
        if head not in self.heads:
            raise ModelError(Errors.E254.format(path=self.meta.get("path", "<model>"), reason=f"no head {head!r}"))
        return self.heads[head].probabilities(self.rows(feature_sets))

    @property
    def reads_predicate(self) -> bool:
        """Whether the PLOVER head was trained on the parsed predicate as well as the words."""
        return self.meta.get("plover_features") == PLOVER_FEATURES

    def relevance(self, feature_sets: list[set[str]]) -> np.ndarray:
        """P(the sentence reports a new event or political interaction) per sentence."""
        head = self.heads["relevance"]
        probabilities = head.probabilities(self.rows(feature_sets))
        return 1.0 - probabilities[:, head.labels.index("none")]

    # -- training -----------------------------------------------------------------------
    @classmethod
    def train(cls, examples: dict[str, tuple[list[set[str]], list[str]]], settings: TrainSettings = TrainSettings()) -> "SentenceModel":
        """``examples``: head name -> (feature sets, labels). The vocabulary is every feature
        seen in at least ``min_count`` sentences of any head."""
        counts: dict[str, int] = {}
        seen: set[int] = set()
        for feature_sets, _ in examples.values():
            for features in feature_sets:
                if id(features) in seen:
                    continue
                seen.add(id(features))
                for name in features:
                    counts[name] = counts.get(name, 0) + 1
        vocabulary = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= settings.min_count))}
        model = cls(vocabulary=vocabulary, meta={"settings": settings.__dict__})
        for name, (feature_sets, labels) in examples.items():
            label_names = sorted(set(labels))
            index = np.array([label_names.index(label) for label in labels])
            weights, _, bias = train_softmax(
                SparseRows(feature_sets, vocabulary), None, index, len(label_names),
                l2=settings.l2, epochs=settings.epochs, learning_rate=settings.learning_rate,
                class_weight=settings.class_weight,
            )
            model.heads[name] = Head(label_names, weights, bias)
        return model.pruned(settings.prune_below)

    def pruned(self, below: float) -> "SentenceModel":
        """The same model without the features whose every weight is under ``below`` in size
        (they barely move a score; dropping them keeps the packaged file small)."""
        if below <= 0 or not self.heads:
            return self
        strength = np.max([np.abs(head.weights).max(axis=1) for head in self.heads.values()], axis=0)
        keep = np.flatnonzero(strength >= below)
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        vocabulary = {names[i]: new for new, i in enumerate(keep)}
        heads = {name: Head(head.labels, head.weights[keep], head.bias) for name, head in self.heads.items()}
        return SentenceModel(vocabulary=vocabulary, heads=heads, meta=self.meta)

    # -- files ----------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        data = {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "meta": self.meta,
            "vocabulary": names,
            "heads": {
                name: {
                    "labels": head.labels,
                    "bias": [round(float(value), 5) for value in head.bias],
                    "weights": base64.b64encode(head.weights.astype("<f2").tobytes()).decode("ascii"),
                }
                for name, head in self.heads.items()
            },
        }
        Path(path).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


@functools.lru_cache(maxsize=4)
def load_sentence_model(path: str | Path = MODEL_PATH) -> SentenceModel:
    """A saved model, read once per process."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(Errors.E254.format(path=path, reason="file not found"))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != MODEL_FORMAT or data.get("version") != MODEL_VERSION:
            raise ValueError(f"not a {MODEL_FORMAT} v{MODEL_VERSION} file")
        vocabulary = {name: i for i, name in enumerate(data["vocabulary"])}
        heads = {}
        for name, head in data["heads"].items():
            labels = list(head["labels"])
            weights = np.frombuffer(base64.b64decode(head["weights"]), dtype="<f2").astype(np.float64)
            heads[name] = Head(labels, weights.reshape(len(vocabulary), len(labels)), np.array(head["bias"], dtype=np.float64))
    except (KeyError, TypeError, ValueError) as err:
        raise ModelError(Errors.E254.format(path=path, reason=str(err))) from err
    return SentenceModel(vocabulary=vocabulary, heads=heads, meta={**data.get("meta", {}), "path": str(path)})
