"""The classify scorer, the k-fold split, and the command on files the tests write."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import eventwire.eval.classify as classify
from eventwire.cli import main
from eventwire.eval.classify import cross_validate, f1_scores, fold_of, score_classify


def test_f1_scores_by_hand():
    gold = ["A", "A", "B", "C"]
    predicted = ["A", "B", "B", "A"]
    scores = f1_scores(gold, predicted)
    # A: p 1/2 r 1/2 f 0.5; B: p 1/2 r 1 f 2/3; C: f 0
    assert scores["accuracy"] == 0.5
    assert scores["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0) / 3, abs=1e-4)
    assert scores["weighted_f1"] == pytest.approx((0.5 * 2 + 2 / 3) / 4, abs=1e-4)


def test_score_classify_splits_seen_and_all_and_scores_event_types():
    gold = ["GRENADE", "REM_EXPLOS", "ARREST", "DIPLO"]
    predicted = ["REM_EXPLOS", "REM_EXPLOS", "DIPLO", "DIPLO"]
    scores = score_classify(gold, predicted, [True, True, True, False])
    assert scores["seen"]["n"] == 3 and scores["all"]["n"] == 4 and scores["n"] == 4
    assert scores["seen"]["accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["all"]["accuracy"] == 0.5
    # a grenade called an IED is still Explosions/Remote violence; an arrest called DIPLO has no ACLED type
    assert scores["event_type"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["top_confusions"][0]["count"] == 1


def test_folds_are_stratified_and_cover_every_record():
    labels = ["A"] * 10 + ["B"] * 5 + ["C"] * 3
    folds = fold_of(labels, 3)
    assert sorted(set(folds)) == [0, 1, 2]
    assert sorted(folds.count(fold) for fold in range(3)) == [6, 6, 6]
    for label in "AB":
        assert len({fold for fold, gold in zip(folds, labels) if gold == label}) == 3
    assert fold_of(labels, 3) == folds  # seeded


def test_cross_validation_never_predicts_a_row_with_a_model_that_saw_it(monkeypatch):
    labels = ["ARREST", "DIPLO", "GRENADE"] * 6
    features = [{f"row:{index}", f"w:{label.lower()}"} for index, label in enumerate(labels)]
    trained_on: list[set[str]] = []
    real_fit = classify.fit

    def spy_fit(feature_sets, train_labels, **kwargs):
        model = real_fit(feature_sets, train_labels, **kwargs)
        model.info["rows"] = {name for names in feature_sets for name in names if name.startswith("row:")}
        trained_on.append(model.info["rows"])
        real_predict = model.predict_features

        def checked_predict(held_out):
            for names in held_out:
                assert not (names & model.info["rows"]), "a held-out row was in the training data"
            return real_predict(held_out)

        model.predict_features = checked_predict
        return model

    monkeypatch.setattr(classify, "fit", spy_fit)
    extra = [{"w:own"}]
    predicted, folds = cross_validate(features, labels, 3, extra_features=extra, extra_labels=["DIPLO"])
    assert len(trained_on) == 3
    assert all(label is not None for label in predicted)
    for fold, rows in enumerate(trained_on):
        held_out = {f"row:{index}" for index, f in enumerate(folds) if f == fold}
        assert rows and not (rows & held_out)
        assert len(rows | held_out) == len(labels)
    assert predicted == labels  # the class words are enough once the other folds are seen


def write_records(path, records):
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


SNIPPETS = [
    ("Warplanes bombed positions of the rebels near the river, killing six fighters.", "AIR_STRIKE", True),
    ("A drone strike destroyed a truck carrying militants on the desert road.", "AIR_STRIKE", True),
    ("Jets carried out several air strikes on camps of the insurgents in the hills.", "AIR_STRIKE", True),
    ("Hundreds of farmers marched to the regional office to protest against land seizures.", "PEACE_PROTEST", True),
    ("Nurses held a peaceful rally at the hospital gate to demand their unpaid wages.", "PEACE_PROTEST", True),
    ("Residents staged a sit-in on the main road to protest against water shortages.", "PEACE_PROTEST", True),
    ("The two foreign ministers met in the capital for talks on trade and border security.", "DIPLO", False),
    ("The government recalled its ambassador and expelled two diplomats after the dispute.", "DIPLO", False),
    ("Leaders at the regional summit urged both countries to restore diplomatic relations.", "DIPLO", False),
]
RECORDS = [
    {"id": f"s{index}", "text": text, "gold": {"label": label}, "seen_acled_class": seen}
    for index, (text, label, seen) in enumerate(SNIPPETS)
]


@pytest.mark.slow
@pytest.mark.parametrize("folds", [None, 3])
def test_command_prints_the_contract_keys(tmp_path, folds):
    path = tmp_path / "case.jsonl"
    write_records(path, RECORDS)
    predictions = tmp_path / "pred.jsonl"
    args = ["eval", "classify", str(path), "--json", "--predictions", str(predictions)]
    result = CliRunner().invoke(main, args + (["--folds", str(folds)] if folds else []))
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    for group in ("seen", "all"):
        assert {"accuracy", "macro_f1", "weighted_f1"} <= set(scores[group])
    assert {"accuracy", "macro_f1"} <= set(scores["event_type"])
    assert scores["n"] == len(RECORDS) and scores["seen"]["n"] == 6 and "docs_per_s" in scores
    lines = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [record["id"] for record in RECORDS]
    assert all(set(line) == {"id", "label"} for line in lines)
    assert scores["all"]["accuracy"] >= 2 / 3  # clear sentences of three distinct classes


@pytest.mark.slow
def test_train_then_eval_with_the_model(tmp_path):
    train_path = tmp_path / "train.jsonl"
    write_records(train_path, [{"text": text, "label": label} for text, label, _ in SNIPPETS])
    model_path = tmp_path / "model.json"
    runner = CliRunner()
    result = runner.invoke(main, ["train", str(train_path), "--out", str(model_path)])
    assert result.exit_code == 0, result.output
    assert "trained on 9 examples of 3 labels" in result.output
    eval_path = tmp_path / "case.jsonl"
    write_records(eval_path, RECORDS)
    result = runner.invoke(main, ["eval", "classify", str(eval_path), "--json", "--model", str(model_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["all"]["accuracy"] == 1.0  # it has seen these very sentences


def test_train_reports_bad_lines_by_number(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_text('{"text": "x"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["train", str(path), "--out", str(tmp_path / "model.json")])
    assert result.exit_code == 1
    assert "train.jsonl:1: bad training example skipped (no 'label'" in result.output
    assert "train.jsonl:2: bad training example skipped (invalid JSON" in result.output
    assert "E275" in result.output and not (tmp_path / "model.json").exists()


@pytest.mark.parametrize(
    "content,code",
    [("", "E275"), ("# only a comment\n", "E275"), ('{"text": "Police arrested two men.", "label": "ARREST"}\n', "E276")],
)
def test_train_rejects_files_without_enough_examples(tmp_path, content, code):
    path = tmp_path / "train.jsonl"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["train", str(path), "--out", str(tmp_path / "model.json")])
    assert result.exit_code == 1 and code in result.output


def test_train_reports_a_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["train", str(tmp_path / "absent.jsonl"), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and "E273" in result.output


def test_eval_rejects_a_record_without_a_gold_label(tmp_path):
    path = tmp_path / "case.jsonl"
    write_records(path, [{"id": "a", "text": "x", "gold": {"label": "BATTLE"}}])
    with pytest.raises(classify.EvalError, match="E460"):
        classify.evaluate_classify(path)


def test_eval_rejects_a_record_without_text(tmp_path):
    path = tmp_path / "case.jsonl"
    write_records(path, [{"id": "a", "gold": {"label": "ARREST"}}])
    with pytest.raises(classify.EvalError, match="E462"):
        classify.evaluate_classify(path)


def test_eval_rejects_impossible_folds(tmp_path):
    path = tmp_path / "case.jsonl"
    write_records(path, RECORDS[:2])
    with pytest.raises(classify.EvalError, match="E461"):
        classify.evaluate_classify(path, folds=5)
