"""The optimiser of the snippet classifier (``eventwire.coding.detect.classifier``).

A multinomial logistic regression (softmax, L2-regularised) over two kinds of input, either or
both: sparse binary feature sets (each row scaled to unit norm, 1/sqrt(number of features)) and
dense vectors (sentence embeddings, ``eventwire.coding.detect.embeddings``). Trained by full-batch Adam
from zero weights, so a run is deterministic: the same inputs give the same weights.
"""
from __future__ import annotations

import numpy as np

ADAM_BETA1 = 0.9
ADAM_BETA2 = 0.999
ADAM_EPS = 1e-8
CLASS_WEIGHTS = ("none", "balanced")


def softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


class SparseRows:
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
        self.n_columns = len(vocabulary)
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

    def transpose_dot(self, error: np.ndarray) -> np.ndarray:
        out = np.zeros((self.n_columns, error.shape[1]))
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


def example_weights(label_index: np.ndarray, n_labels: int, class_weight: str) -> np.ndarray:
    """One weight per example, mean 1: all equal (``none``) or inversely proportional to the
    size of the example's class (``balanced``)."""
    if class_weight == "none":
        return np.ones(len(label_index))
    counts = np.bincount(label_index, minlength=n_labels).astype(np.float64)
    weights = len(label_index) / (np.count_nonzero(counts) * counts[label_index])
    return weights / weights.mean()


def train_softmax(
    sparse: SparseRows | None,
    dense: np.ndarray | None,
    label_index: np.ndarray,
    n_labels: int,
    *,
    l2: float,
    epochs: int,
    learning_rate: float,
    class_weight: str = "none",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights of the sparse columns, of the dense columns and the bias, each (.., n_labels)."""
    n = len(label_index)
    target = np.zeros((n, n_labels))
    target[np.arange(n), label_index] = 1.0
    row_weight = (example_weights(label_index, n_labels, class_weight) / n)[:, None]
    sparse_w = np.zeros((sparse.n_columns if sparse is not None else 0, n_labels))
    dense_w = np.zeros((dense.shape[1] if dense is not None else 0, n_labels))
    bias = np.zeros(n_labels)
    params = [sparse_w, dense_w, bias]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, epochs + 1):
        logits = np.tile(bias, (n, 1))
        if sparse is not None:
            logits += sparse.dot(sparse_w)
        if dense is not None:
            logits += dense @ dense_w
        error = (softmax(logits) - target) * row_weight
        grads = [
            sparse.transpose_dot(error) + l2 * sparse_w if sparse is not None else sparse_w,
            dense.T @ error + l2 * dense_w if dense is not None else dense_w,
            error.sum(axis=0),
        ]
        for param, grad, (first, second) in zip(params, grads, moments):
            first *= ADAM_BETA1
            first += (1 - ADAM_BETA1) * grad
            second *= ADAM_BETA2
            second += (1 - ADAM_BETA2) * grad * grad
            corrected = (first / (1 - ADAM_BETA1**step)) / (np.sqrt(second / (1 - ADAM_BETA2**step)) + ADAM_EPS)
            param -= learning_rate * corrected
    return sparse_w, dense_w, bias
