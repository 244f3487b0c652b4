"""The PLOVER scorer on hand-made records, the 0.5b1 -> current mapping, and the command on a file
the test writes."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.coding.conventions.taxonomy import load_taxonomy
from eventwire.errors import EvalError
from eventwire.eval.plover import load_version_mapping, score_plover


def record(record_id, event, text="Somewhere something happened."):
    return {"id": record_id, "text": text, "date": "2024-03-06", "gold": {"event": event}}


@pytest.mark.parametrize(
    ("older", "current"),
    [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT"), ("CRIME", None),
     ("AGREE", "AGREE"), ("COERCE", "COERCE")],
)
def test_the_0_5b1_mapping(older, current):
    assert load_version_mapping()[older] == current


def test_the_mapping_names_only_current_categories_and_agrees_with_the_taxonomy():
    mapping = load_version_mapping()
    taxonomy = load_taxonomy()
    assert {value for value in mapping.values() if value} == set(taxonomy.plover_categories)
    for older, current in mapping.items():
        assert taxonomy.current_plover(older) == current


def test_perfect_predictions_score_one():
    records = [record("a", "AGREE"), record("b", "ASSAULT")]
    scores = score_plover(records, ["AGREE", "ASSAULT"])
    assert scores["event_accuracy"] == 1.0 and scores["event_macro_f1"] == 1.0
    assert scores["n"] == 2 and scores["coverage"] == 1.0 and scores["confusions"] == []


def test_gold_names_are_mapped_before_scoring():
    records = [record("a", "DEMAND"), record("b", "FIGHT"), record("c", "DISAPPROVE"), record("d", "INVESTIGATE")]
    scores = score_plover(records, ["REQUEST", "ASSAULT", "ACCUSE", "ACCUSE"])
    assert scores["event_accuracy"] == 1.0
    assert scores["per_category"]["ACCUSE"] == {"f1": 1.0, "support": 2}
    # an older name predicted is not the current category
    assert score_plover([record("a", "DEMAND")], ["DEMAND"])["event_accuracy"] == 0.0


def test_no_prediction_counts_as_wrong_and_crime_is_left_out():
    records = [record("a", "AGREE"), record("b", "THREATEN"), record("c", "CRIME")]
    scores = score_plover(records, ["AGREE", None, "ASSAULT"])
    assert scores["n"] == 2 and scores["excluded"] == 1
    assert scores["event_accuracy"] == 0.5 and scores["coverage"] == 0.5
    assert scores["confusions"] == [{"gold": "THREATEN", "predicted": "none", "count": 1}]
    # macro F1 over AGREE (1.0) and THREATEN (0.0)
    assert scores["event_macro_f1"] == 0.5


def test_a_wrong_category_lowers_both_classes():
    records = [record("a", "AGREE"), record("b", "AGREE"), record("c", "REJECT")]
    scores = score_plover(records, ["AGREE", "REJECT", "REJECT"])
    assert scores["event_accuracy"] == round(2 / 3, 4)
    assert scores["per_category"]["AGREE"]["f1"] == round(2 / 3, 4)  # precision 1, recall 1/2
    assert scores["per_category"]["REJECT"]["f1"] == round(2 / 3, 4)  # precision 1/2, recall 1
    assert scores["confusions"] == [{"gold": "AGREE", "predicted": "REJECT", "count": 1}]


@pytest.mark.parametrize(
    ("gold", "code"),
    [({"event": "NEGOTIATE"}, "E440"), ({}, "E441")],
)
def test_a_bad_gold_record_is_refused(gold, code):
    with pytest.raises(EvalError, match=code):
        score_plover([{"id": "x", "text": "t", "gold": gold}], [None])


@pytest.mark.slow
def test_command_prints_the_contract_keys(tmp_path):
    path = tmp_path / "plover.jsonl"
    lines = [
        record("r1", "DEMAND", "The Kenyan government demanded the release of the detained journalists on Monday."),
        record("r2", "AGREE", "Chile and Peru agreed on Monday to reopen their border."),
        record("r3", "CONSULT", "The weather was fine."),
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(main, ["eval", "plover", str(path), "--json", "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"event_accuracy", "event_macro_f1", "n", "docs_per_s", "coverage", "confusions"} <= set(scores)
    assert scores["n"] == 3
    written = [json.loads(row) for row in predictions.read_text(encoding="utf-8").splitlines()]
    assert written == [{"id": "r1", "event": "REQUEST"}, {"id": "r2", "event": "AGREE"}, {"id": "r3", "event": None}]
    assert scores["event_accuracy"] == round(2 / 3, 4)
