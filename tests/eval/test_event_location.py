"""The event-location scorer and command, on sentences written for the test."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.eval.event_location import score_event_locations
from eventwire.types import PlaceMention

FIRST = "Gunmen attacked a police post in Gao on Monday, officials in Bamako said."
SECOND = "The minister flew from Nairobi to Mombasa after the talks."


def record(text, trigger, locations):
    start = text.index(trigger)
    spans = [{"start": text.index(name), "end": text.index(name) + len(name), "name": name} for name in locations]
    return {"id": trigger, "text": text, "event_trigger": {"start": start, "end": start + len(trigger), "text": trigger},
            "event_locations": spans}


def pick(text, name):
    start = text.index(name)
    return PlaceMention(start, start + len(name), name, None), 1


def test_right_wrong_and_empty_picks():
    records = [record(FIRST, "attacked", ["Gao"]), record(FIRST, "attacked", ["Gao"]), record(SECOND, "talks", [])]
    picks = [pick(FIRST, "Gao"), pick(FIRST, "Bamako"), (None, None)]
    scores = score_event_locations(records, picks)
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5
    assert scores["none_acc"] == 1.0 and scores["n_with_location"] == 2 and scores["picked"] == 2


@pytest.mark.slow
def test_command_picks_the_attack_place_not_the_reporting_city(tmp_path):
    path = tmp_path / "evloc.jsonl"
    path.write_text(json.dumps(record(FIRST, "attacked", ["Gao"])) + "\n", encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(main, ["eval", "event-location", str(path), "--json", "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0
    [line] = [json.loads(row) for row in predictions.read_text(encoding="utf-8").splitlines()]
    assert line["event_location"]["name"] == "Gao"
