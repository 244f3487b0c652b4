"""The snippet classifier: training, prediction, the model file and the training file reader."""
from __future__ import annotations

import json

import pytest

from eventwire.coding.detect.classifier import (
    CASE_LABELS,
    MODEL_VERSION,
    TRAIN_PATH,
    TrainSettings,
    event_type_of,
    fit,
    label_code,
    load_classifier,
    read_training_file,
    train,
)
from eventwire.errors import InputError, ModelError

# Hand-made feature sets: each class has its own cue words, plus words every class shares.
FEATURES = {
    "AIR_STRIKE": [{"w:warplane", "w:strike", "w:village"}, {"w:jet", "w:bomb", "w:town"}, {"w:drone", "w:strike", "w:town"}],
    "PEACE_PROTEST": [{"w:march", "w:crowd", "w:town"}, {"w:rally", "w:protest", "w:village"}, {"w:march", "w:protest"}],
    "DIPLO": [{"w:ambassador", "w:talks", "w:town"}, {"w:sanction", "w:minister"}, {"w:summit", "w:minister", "w:village"}],
}


def tiny_model(**settings):
    sets = [names for label in FEATURES for names in FEATURES[label]]
    labels = [label for label in FEATURES for _ in FEATURES[label]]
    return fit(sets, labels, settings=TrainSettings(**settings))


@pytest.mark.parametrize(
    "names,expected",
    [({"w:drone", "w:village"}, "AIR_STRIKE"), ({"w:rally", "w:town"}, "PEACE_PROTEST"), ({"w:ambassador"}, "DIPLO")],
)
def test_fit_learns_the_cue_words(names, expected):
    assert tiny_model().predict_features([names]) == [expected]


def test_an_untrained_model_cannot_tell_the_classes_apart():
    """The test above can fail: without training steps every class scores the same."""
    model = tiny_model(epochs=0)
    probabilities = model.scores([{"w:drone"}])[0]
    assert max(probabilities) == pytest.approx(min(probabilities))


def test_save_and_load_round_trip(tmp_path):
    model = tiny_model()
    path = tmp_path / "model.json"
    model.save(path)
    loaded = load_classifier(path)
    assert loaded.labels == model.labels
    assert set(loaded.features) == set(model.features)
    probe = [{"w:drone", "w:town"}, {"w:summit"}, {"w:unknown"}]
    assert loaded.predict_features(probe) == model.predict_features(probe)
    assert loaded.scores(probe) == pytest.approx(model.scores(probe), abs=1e-4)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == MODEL_VERSION and data["labels"] == list(model.labels)


HEAD = '"format": "eventwire-snippet-classifier"'


@pytest.mark.parametrize(
    "content,code",
    [
        ("not json at all", "E271"),
        ('{"format": "something-else"}', "E271"),
        (f'{{{HEAD}, "version": 99}}', "E272"),
        (f'{{{HEAD}, "version": 1, "labels": ["NOT_A_LABEL", "DIPLO"], "bias": [0, 0], "features": {{}}}}', "E271"),
        (f'{{{HEAD}, "version": 1, "labels": ["ARREST", "DIPLO"], "bias": [0], "features": {{}}}}', "E271"),
        (f'{{{HEAD}, "version": 1, "labels": ["ARREST", "DIPLO"], "bias": [0, 0], "features": {{"w:a": [1]}}}}', "E271"),
        (f'{{{HEAD}, "version": 1, "labels": ["ARREST", "DIPLO"], "bias": [0, 0], "features": {{"w:a": [1, "x"]}}}}', "E271"),
    ],
)
def test_a_bad_model_file_raises_a_coded_error(tmp_path, content, code):
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=code):
        load_classifier(path)


def test_a_missing_model_file_raises_a_coded_error(tmp_path):
    with pytest.raises(ModelError, match="E270"):
        load_classifier(tmp_path / "absent.json")


def test_the_packaged_model_loads_with_every_case_label():
    model = load_classifier()
    assert set(model.labels) == set(CASE_LABELS)
    # eventwire's own sentences only: its training file and its corpus (no CASE or ACLED text)
    assert model.info.get("trained_on", "").startswith(TRAIN_PATH.name)
    assert "corpus" in model.info["trained_on"]


@pytest.mark.parametrize(
    "value,code",
    [
        ("ARMED_CLASH", "ARMED_CLASH"),
        ("armed clash", "ARMED_CLASH"),
        ("Air/drone strike", "AIR_STRIKE"),
        ("Diplomatic event", "DIPLO"),
        ("Battle", None),
    ],
)
def test_label_code_accepts_codes_and_names(value, code):
    assert label_code(value) == code


def test_train_rejects_unknown_labels():
    with pytest.raises(ModelError, match="E278"):
        train(["Police arrested two men."], ["BATTLE"])


def test_event_types_of_labels():
    assert event_type_of("GRENADE") == "Explosions/Remote violence"
    assert event_type_of("ARREST") == "Strategic developments"
    assert event_type_of("DIPLO") is None


def test_read_training_file_reports_bad_lines_by_number(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_text(
        "\n".join([
            "# a comment",
            json.dumps({"text": "Police arrested two men.", "label": "ARREST"}),
            "{broken json",
            json.dumps({"text": "", "label": "ARREST"}),
            json.dumps({"text": "Talks were held.", "label": "NOT_A_CLASS"}),
            json.dumps(["a list"]),
            "",
            json.dumps({"text": "Envoys met in Geneva.", "label": "Diplomatic event"}),
        ]),
        encoding="utf-8",
    )
    data = read_training_file(path)
    assert data.labels == ["ARREST", "DIPLO"]
    assert [message.split(":")[0] for message in data.errors] == ["E274"] * 4
    assert [f"train.jsonl:{line}:" in message for line, message in zip((3, 4, 5, 6), data.errors)] == [True] * 4
    assert "unknown label 'NOT_A_CLASS'" in data.errors[2]


def test_read_training_file_rejects_an_unreadable_file(tmp_path):
    with pytest.raises(InputError, match="E273"):
        read_training_file(tmp_path / "absent.jsonl")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match="E273"):
        read_training_file(binary)


def test_the_own_training_file_covers_every_class():
    data = read_training_file(TRAIN_PATH)
    assert not data.errors
    assert {label: data.labels.count(label) >= 8 for label in CASE_LABELS} == {label: True for label in CASE_LABELS}


TRAIN_SENTENCES = [
    ("Warplanes bombed rebel positions near the city, killing ten fighters.", "AIR_STRIKE"),
    ("A drone strike hit a vehicle carrying militants on the highway.", "AIR_STRIKE"),
    ("Fighter jets carried out air strikes on insurgent camps in the hills.", "AIR_STRIKE"),
    ("Thousands of people marched peacefully through the capital to demand reforms.", "PEACE_PROTEST"),
    ("Teachers held a rally outside parliament to protest against low wages.", "PEACE_PROTEST"),
    ("Students staged a sit-in at the university to protest the fee increase.", "PEACE_PROTEST"),
    ("A powerful earthquake struck the mountain region, destroying hundreds of homes.", "NATURAL_DISASTER"),
    ("Floods after days of heavy rain forced thousands to leave their villages.", "NATURAL_DISASTER"),
    ("A cyclone hit the coast with strong winds, killing several fishermen.", "NATURAL_DISASTER"),
]


@pytest.fixture(scope="module")
def text_model():
    return train([text for text, _ in TRAIN_SENTENCES], [label for _, label in TRAIN_SENTENCES])


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Government jets launched air strikes on the town on Monday.", "AIR_STRIKE"),
        ("Hundreds of nurses marched to the ministry to protest unpaid salaries.", "PEACE_PROTEST"),
        ("An earthquake and the floods that followed destroyed the village.", "NATURAL_DISASTER"),
    ],
)
def test_training_on_a_tiny_set_predicts_clear_sentences(text_model, text, expected):
    assert text_model.predict([text]) == [expected]
