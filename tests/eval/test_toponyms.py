"""The toponyms scorer on hand-made records, and the command on a file the test writes."""
from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.eval.toponyms import MAX_ERROR_KM, score_toponyms
from eventwire.types import Place, PlaceMention

KABUL = Place(1138958, "Kabul", "AF", "AFG", "Afghanistan", "Kabul", "", 34.5281, 69.1723, "PPLC", 3000000)
GAO = Place(2457163, "Gao", "ML", "MLI", "Mali", "Gao", "", 16.2717, -0.0447, "PPLA", 86000)
TEXT = "Officials in Kabul and Gao said so."
GOLD = [
    {"start": 13, "end": 18, "name": "Kabul", "lat": 34.53, "lon": 69.17, "country_code": "AF"},
    {"start": 23, "end": 26, "name": "Gao", "lat": 16.27, "lon": -0.04, "country_code": "ML"},
]


def mention(start, end, place):
    return PlaceMention(start, end, TEXT[start:end], place)


def test_perfect_predictions():
    scores = score_toponyms([{"id": "d", "text": TEXT, "toponyms": GOLD}], [[mention(13, 18, KABUL), mention(23, 26, GAO)]])
    assert scores["recognition"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert scores["resolution"]["acc_161km"] == 1.0
    assert scores["resolution"]["country_acc"] == 1.0
    assert scores["resolution"]["auc"] < 0.2


def test_a_miss_counts_as_the_largest_error_and_a_wrong_place_as_its_distance():
    predicted = [[mention(13, 18, GAO), mention(0, 9, KABUL)]]  # Kabul resolved to Gao; Gao missed; one spurious
    scores = score_toponyms([{"id": "d", "text": TEXT, "toponyms": GOLD}], predicted)
    assert scores["recognition"]["precision"] == 0.5 and scores["recognition"]["recall"] == 0.5
    resolution = scores["resolution"]
    assert resolution["acc_161km"] == 0.0
    assert resolution["country_acc"] == 0.0
    kabul_to_gao = 6150  # km, roughly
    assert resolution["median_km"] == pytest.approx((kabul_to_gao + MAX_ERROR_KM) / 2, rel=0.05)
    assert resolution["auc"] == pytest.approx(
        (math.log1p(resolution["median_km"] * 2 - MAX_ERROR_KM) + math.log1p(MAX_ERROR_KM)) / 2 / math.log(MAX_ERROR_KM),
        rel=0.01,
    )


def test_gold_spans_pairs_predictions_by_position():
    scores = score_toponyms(
        [{"id": "d", "text": TEXT, "toponyms": GOLD}], [[mention(13, 18, KABUL), mention(23, 26, None)]], gold_spans=True
    )
    assert "recognition" not in scores
    assert scores["resolution"]["acc_161km"] == 0.5


@pytest.mark.slow
@pytest.mark.parametrize("gold_spans", [False, True])
def test_command_prints_the_contract_keys(tmp_path, gold_spans):
    path = tmp_path / "topo.jsonl"
    path.write_text(json.dumps({"id": "d", "text": TEXT, "toponyms": GOLD}) + "\n", encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    args = ["eval", "toponyms", str(path), "--json", "--predictions", str(predictions)] + (["--gold-spans"] if gold_spans else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"acc_161km", "median_km", "mean_km", "auc", "country_acc"} <= set(scores["resolution"])
    assert {"n_docs", "docs_per_s"} <= set(scores)
    assert ("recognition" in scores) != gold_spans
    assert scores["resolution"]["acc_161km"] == 1.0  # Kabul and Gao are unambiguous
    [line] = [json.loads(row) for row in predictions.read_text(encoding="utf-8").splitlines()]
    assert line["id"] == "d" and {t["name"] for t in line["toponyms"]} >= {"Kabul", "Gao"}
    if gold_spans:
        assert scores["ceiling"] == {"acc_161km": 1.0, "country_acc": 1.0, "no_candidate": 0, "n": 2}


@pytest.mark.slow
def test_the_ceiling_counts_spans_some_candidate_could_get_right():
    from eventwire.eval.toponyms import gazetteer_ceiling

    text = "Officials in Kabul, Gao and Zaranjabadistan said so."
    records = [{
        "id": "d",
        "text": text,
        "toponyms": [
            {"start": 13, "end": 18, "name": "Kabul", "lat": 34.53, "lon": 69.17, "country_code": "AF"},
            # a gold point 500 km from every Gao in the gazetteer, in the right country
            {"start": 20, "end": 23, "name": "Gao", "lat": 20.8, "lon": -0.04, "country_code": "ML"},
            {"start": 28, "end": 43, "name": "Zaranjabadistan", "lat": 31.0, "lon": 62.0, "country_code": "AF"},
        ],
    }]
    ceiling = gazetteer_ceiling(records)
    assert ceiling == {"acc_161km": round(1 / 3, 4), "country_acc": round(2 / 3, 4), "no_candidate": 1, "n": 3}
