"""The casualties scorer and answer rules on hand-made records, and the command on a file the test writes."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.eval.casualties import normalise_region, release_answer, score_casualties
from eventwire.types import Event

CONTRACT_KEYS = {"killed_exact", "captured_exact", "date_exact", "province_acc", "n", "docs_per_s"}


def record(rid, *, killed, captured, date, province):
    return {"id": rid, "text": "", "date": date,
            "gold": {"start_date": date, "province": [province], "min_killed": killed, "min_captured": captured}}


def event(*, fatalities=None, arrested=None, day=dt.date(2011, 3, 5), admin1="Helmand", event_type="Battles"):
    return Event(article_id="r", event_date=day, time_precision=1, event_type=event_type, sub_event_type=None,
                 fatalities=fatalities, arrested=arrested, admin1=admin1)


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("helmand", "Helmand Province"), ("helmand", "Hilmand"), ("wardak", "Vardak"), ("paktya", "Paktia"),
        ("paktya", "Paktiya"), ("sar-e pul", "Sar-e Pol"), ("baghlan", "Wilayat-e Baghlan"), ("khost", "Khowst"),
        ("kunar", "Konar"), ("uruzgan", "Oruzgan"),
    ],
)
def test_normalise_region_brings_spellings_to_one_key(name, other):
    assert normalise_region(name) == normalise_region(other) != ""


@pytest.mark.parametrize(("name", "other"), [("helmand", "kandahar"), ("paktya", "paktika"), ("kabul", "kapisa")])
def test_normalise_region_keeps_regions_apart(name, other):
    assert normalise_region(name) != normalise_region(other)


def test_normalise_region_of_no_name_is_empty():
    assert normalise_region("") == normalise_region(None) == ""


def test_perfect_and_wrong_answers():
    records = [record("a", killed=2, captured=0, date="2011-03-05", province="helmand"),
               record("b", killed=0, captured=3, date="2011-03-06", province="wardak")]
    predictions = [
        {"id": "a", "killed": 2, "captured": 0, "date": "2011-03-05", "province": "Helmand"},
        {"id": "b", "killed": 1, "captured": 3, "date": "2011-03-05", "province": "Vardak"},
    ]
    scores = score_casualties(records, predictions)
    assert scores["killed_exact"] == 0.5
    assert scores["captured_exact"] == 1.0
    assert scores["date_exact"] == 0.5
    assert scores["province_acc"] == 1.0  # "Vardak" is "wardak"
    assert scores["n"] == 2


def test_a_missing_prediction_counts_as_wrong_and_an_empty_gold_province_is_left_out():
    records = [record("a", killed=0, captured=0, date="2011-03-05", province=""),
               record("b", killed=0, captured=0, date="2011-03-05", province="kunar")]
    scores = score_casualties(records, [{"id": "a", "killed": 0, "captured": 0, "date": "2011-03-05", "province": "x"}])
    assert scores["killed_exact"] == 0.5 and scores["date_exact"] == 0.5
    assert scores["n_province"] == 1 and scores["province_acc"] == 0.0


def test_dates_are_scored_only_on_releases_with_a_dated_line_and_within_a_day():
    dated = record("a", killed=0, captured=0, date="2011-03-05", province="helmand")
    dated["date_from"] = "dateline"
    near = record("b", killed=0, captured=0, date="2011-03-05", province="helmand")
    near["date_from"] = "release_code"
    undated = record("c", killed=0, captured=0, date="2011-03-05", province="helmand")
    undated["date_from"] = "gold_start_date"
    predictions = [
        {"id": "a", "killed": 0, "captured": 0, "date": "2011-03-05", "province": "Helmand"},
        {"id": "b", "killed": 0, "captured": 0, "date": "2011-03-06", "province": "Helmand"},
        {"id": "c", "killed": 0, "captured": 0, "date": "2011-01-01", "province": "Helmand"},
    ]
    scores = score_casualties([dated, near, undated], predictions)
    assert scores["n_dated"] == 2  # the release with no dated line is left out
    assert scores["date_exact"] == 0.5
    assert scores["date_within_1d"] == 1.0


def test_release_answer_sums_counts_and_takes_the_main_events_date_and_region():
    events = [
        event(fatalities=1, day=dt.date(2011, 3, 4), admin1="Kandahar"),
        event(fatalities=2, arrested=3, day=dt.date(2011, 3, 5), admin1="Helmand"),
        event(event_type=None, day=dt.date(2011, 3, 6), admin1="Kabul"),
    ]
    answer = release_answer(events, published=dt.date(2011, 3, 7))
    assert answer == {"killed": 3, "captured": 3, "date": "2011-03-05", "province": "Helmand"}


def test_release_answer_without_events_is_zero_on_the_publication_date():
    answer = release_answer([], published=dt.date(2011, 3, 7))
    assert answer == {"killed": 0, "captured": 0, "date": "2011-03-07", "province": ""}


def test_release_answer_takes_the_region_most_events_share_when_the_main_event_has_none():
    events = [event(fatalities=2, admin1=None), event(admin1="Kunar"), event(admin1="Kunar"), event(admin1="Logar")]
    assert release_answer(events)["province"] == "Kunar"


@pytest.mark.slow
def test_command_prints_the_contract_keys(tmp_path):
    text = ("KABUL, Afghanistan (March 6) - A combined force killed two insurgents and detained three "
            "suspected insurgents during an operation in Nad Ali district, Helmand province, yesterday.")
    path = tmp_path / "isaf.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": text, "date": "2011-03-05", "gold": {
        "start_date": "2011-03-05", "province": ["helmand"], "min_killed": 2, "min_captured": 3}}) + "\n",
        encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(main, ["eval", "casualties", str(path), "--json", "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert CONTRACT_KEYS <= set(scores)
    [line] = [json.loads(row) for row in predictions.read_text(encoding="utf-8").splitlines()]
    assert {"id", "killed", "captured", "date", "province"} <= set(line)
    assert line["id"] == "r1"
    # "yesterday" counts from the dateline (March 6), not from the record's date
    assert line["date"] == "2011-03-05"
    assert (line["killed"], line["captured"]) == (2, 3)
    assert normalise_region(line["province"]) == "helmand"
