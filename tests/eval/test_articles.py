"""The ``articles`` scorer on tiny hand-made gold and prediction records."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from eventwire.errors import EvalError
from eventwire.eval.articles import (
    bcubed,
    haversine_km,
    load_jsonl,
    predictions_record,
    quote_overlap,
    score_articles,
    speakers_match,
)

# Goma (GeoNames 216281) and Beni (219057), about 240 km apart, both in Nord Kivu.
GOMA = {"country": "DR Congo", "admin1": "Nord Kivu", "location": "Goma", "latitude": -1.67, "longitude": 29.23}
BENI = {"country": "DR Congo", "admin1": "Nord Kivu", "location": "Beni", "latitude": 0.49, "longitude": 29.47}
NORD_KIVU = {"country": "DR Congo", "admin1": "Nord Kivu", "location": "Nord Kivu", "latitude": None, "longitude": None}


def gold_event(**fields) -> dict:
    event = {
        "event_date": "2022-03-08",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "plover": None,
        "fatalities": 3,
        **GOMA,
    }
    event.update(fields)
    return event


def predicted_event(**fields) -> dict:
    event = {
        "event_date": "2022-03-08",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "plover_category": None,
        "fatalities": 3,
        **GOMA,
    }
    event.update(fields)
    return event


def score_one(gold_events, predicted_events, *, gold_quotes=(), predicted_quotes=()) -> dict:
    gold = [{"id": "a1", "story_id": "s1", "gold": {"events": list(gold_events), "quotes": list(gold_quotes)}}]
    predictions = [predictions_record("a1", "s1", list(predicted_events), list(predicted_quotes))]
    return score_articles(gold, predictions)


@pytest.mark.parametrize(
    ("gold_fields", "predicted_fields", "matches"),
    [
        ({}, {}, True),
        # type rule: same ACLED type, or same PLOVER category
        ({}, {"event_type": "Riots", "sub_event_type": "Mob violence"}, False),
        ({"event_type": None, "sub_event_type": None, "plover": "CONSULT"}, {"event_type": None, "plover_category": "CONSULT"}, True),
        ({"event_type": None, "sub_event_type": None, "plover": "CONSULT"}, {"event_type": None, "plover_category": "ACCUSE"}, False),
        ({"event_type": "Strategic developments", "plover": "AGREE"}, {"event_type": None, "plover_category": "agree"}, True),
        ({"event_type": None, "plover": None}, {"event_type": None, "plover_category": None}, False),
        # date rule, by gold time precision
        ({}, {"event_date": "2022-03-09"}, False),
        ({"time_precision": 2}, {"event_date": "2022-03-15"}, True),
        ({"time_precision": 2}, {"event_date": "2022-03-16"}, False),
        ({"time_precision": 3}, {"event_date": "2022-03-31"}, True),
        ({"time_precision": 3}, {"event_date": "2022-04-01"}, False),
        ({}, {"event_date": None}, False),
        # place rule: 25 km, or admin1 when the gold is region-level
        ({}, {"latitude": -1.80, "longitude": 29.30}, True),  # about 16 km away
        ({}, {"latitude": -1.95, "longitude": 29.30}, False),  # about 32 km away
        ({}, BENI, False),  # same admin1, but the gold is a town
        (NORD_KIVU, BENI, True),  # region-level gold (no coordinates): same admin1
        (NORD_KIVU, {**BENI, "admin1": "NORD-KIVU"}, True),  # case-insensitive
        (NORD_KIVU, {**BENI, "admin1": "Sud Kivu"}, False),
        ({"location": "Nord Kivu", "latitude": -0.5, "longitude": 29.0}, BENI, True),  # location == admin1
        ({"location": "Ménaka", "admin1": "Ménaka", "latitude": None}, {"admin1": "Menaka", "latitude": 15.92}, True),
        # a town named like its region: geo_precision, when the gold gives it, says which is meant
        ({"location": "Nord Kivu", "latitude": -0.5, "longitude": 29.0, "geo_precision": 1}, BENI, False),
        ({"location": "Nord Kivu", "latitude": -0.5, "longitude": 29.0, "geo_precision": 2}, BENI, False),
        ({"location": "Goma", "latitude": -1.67, "longitude": 29.23, "geo_precision": 3}, BENI, True),
        ({**NORD_KIVU, "iso3": "COD"}, {**BENI, "iso3": "UGA"}, False),
        ({**NORD_KIVU, "iso3": "COD"}, {**BENI, "country": "Democratic Republic of the Congo", "iso3": "COD"}, True),
        ({"admin1": None, "location": None, "latitude": None}, {"country": "dr congo"}, True),  # country-level gold
        ({"admin1": None, "location": None, "latitude": None}, {"country": "Uganda"}, False),
    ],
)
def test_event_matching_rules(gold_fields, predicted_fields, matches):
    scores = score_one([gold_event(**gold_fields)], [predicted_event(**predicted_fields)])
    assert scores["events"]["tp"] == (1 if matches else 0)
    assert scores["events"]["fp"] == (0 if matches else 1)
    assert scores["events"]["fn"] == (0 if matches else 1)


def test_matching_is_one_to_one_and_takes_the_best_pair_first():
    golds = [gold_event(), gold_event(event_type="Riots", sub_event_type="Mob violence", plover="ASSAULT")]
    # The first prediction could match either gold (via type or via PLOVER); greedy best-first
    # gives it the same-type gold so the second prediction can take the riot.
    predictions = [
        predicted_event(plover_category="ASSAULT"),
        predicted_event(event_type="Riots", sub_event_type="Mob violence"),
        predicted_event(),  # a duplicate: nothing left to match
    ]
    scores = score_one(golds, predictions)
    assert (scores["events"]["tp"], scores["events"]["fp"], scores["events"]["fn"]) == (2, 1, 0)
    assert scores["events"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["events"]["recall"] == 1.0
    assert scores["events"]["f1"] == pytest.approx(0.8, abs=1e-4)


def test_required_gold_events_take_predictions_before_optional_ones():
    golds = [gold_event(optional=True, sub_event_type="Armed clash"), gold_event(sub_event_type="Other")]
    scores = score_one(golds, [predicted_event()])
    assert (scores["events"]["tp"], scores["events"]["fp"], scores["events"]["fn"]) == (1, 0, 0)


@pytest.mark.parametrize(
    ("predictions", "expected"),
    [
        ([], (0, 0, 0)),  # a missed optional event is no miss
        ([predicted_event()], (0, 0, 0)),  # a found one is neither a hit nor a false positive
        ([predicted_event(), predicted_event()], (0, 1, 0)),
    ],
)
def test_optional_gold_events(predictions, expected):
    scores = score_one([gold_event(optional=True)], predictions)
    assert (scores["events"]["tp"], scores["events"]["fp"], scores["events"]["fn"]) == expected


@pytest.mark.parametrize(
    ("gold_fields", "predicted_fields", "metric", "value"),
    [
        ({}, {}, "sub_event_type_acc", 1.0),
        ({}, {"sub_event_type": "Government regains territory"}, "sub_event_type_acc", 0.0),
        ({}, {"fatalities": 4}, "fatalities_exact", 0.0),
        ({"fatalities": None}, {"fatalities": 0}, "fatalities_exact", 1.0),
        ({"fatalities": None}, {"fatalities": None}, "fatalities_exact", 1.0),
        ({"fatalities": None}, {"fatalities": 2}, "fatalities_exact", 0.0),
        ({"time_precision": 2}, {"event_date": "2022-03-10"}, "date_exact", 0.0),
        ({"time_precision": 2}, {"event_date": dt.date(2022, 3, 8)}, "date_exact", 1.0),
        ({}, {"latitude": -1.80, "longitude": 29.30}, "location_acc_25km", 1.0),
        ({"location": "Nord Kivu", "latitude": -0.5, "longitude": 29.0}, BENI, "location_acc_25km", None),
    ],
)
def test_matched_pair_metrics(gold_fields, predicted_fields, metric, value):
    scores = score_one([gold_event(**gold_fields)], [predicted_event(**predicted_fields)])
    assert scores["events"]["tp"] == 1
    assert scores["matched"][metric] == value


def test_matched_metrics_are_none_without_pairs():
    scores = score_one([gold_event()], [])
    assert scores["matched"]["n"] == 0
    assert scores["matched"]["sub_event_type_acc"] is None
    assert scores["events"]["precision"] == 0.0 and scores["events"]["recall"] == 0.0


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Mohammad Javad Zarif", "Zarif", True),
        ("Mohammad Javad Zarif", "Mohammad Javad Zarif", True),
        ("Dr. Amina Sow", "Amina Sow", True),
        ("Amina Sow", "amina SOW", True),
        ("Ménaka Touré", "Menaka Toure", True),
        ("police spokesman", "a police spokesman", True),
        ("Amina Sow", "Ibrahim Diallo", False),
        ("Amina Sow", "", False),
    ],
)
def test_speakers_match(gold, predicted, same):
    assert speakers_match(gold, predicted) is same


@pytest.mark.parametrize(
    ("gold", "predicted", "overlap"),
    [
        ("we will not give up the town", "we will not give up the town", 1.0),
        ("we will not give up the town", "We will not give up", 1.0),  # the shorter is inside
        ("one two three four", "one two nine ten", 0.5),
        ("one two three four", "one nine ten eleven", 0.25),
        ("", "anything", 0.0),
    ],
)
def test_quote_overlap(gold, predicted, overlap):
    assert quote_overlap(gold, predicted) == pytest.approx(overlap)


def test_quote_scores():
    gold_quotes = [
        {"speaker": "Amina Sow", "quote": "We will rebuild the market before the rains"},
        {"speaker": "Amina Sow", "quote": "Nobody should be punished for speaking"},
        {"speaker": "Ibrahim Diallo", "quote": "The road to Gao is open again"},
    ]
    predicted_quotes = [
        {"speaker": "Sow", "quote": "We will rebuild the market before the rains."},  # match
        {"speaker": "Ibrahim Diallo", "quote": "Nobody should be punished for speaking"},  # wrong speaker
        {"speaker": "Diallo", "quote": "the road is open"},  # 4 of 4 shorter tokens shared: match
        {"speaker": "Diallo", "quote": "The road to Gao is open again"},  # one-to-one: no second match
    ]
    scores = score_one([], [], gold_quotes=gold_quotes, predicted_quotes=predicted_quotes)
    assert (scores["quotes"]["tp"], scores["quotes"]["fp"], scores["quotes"]["fn"]) == (2, 2, 1)
    assert scores["quotes"]["precision"] == 0.5
    assert scores["quotes"]["recall"] == pytest.approx(2 / 3, abs=1e-4)


# Five articles: gold stories {a, b, c} and {d, e}. Worked by hand:
# one predicted cluster: precision (3/5 * 3 + 2/5 * 2) / 5 = 0.52, recall 1, F1 = 1.04 / 1.52
# all singletons: precision 1, recall (1/3 * 3 + 1/2 * 2) / 5 = 0.4, F1 = 0.8 / 1.4
# {a, b} {c, d, e}: precision (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15, recall (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15
GOLD_STORIES = {"a": "S1", "b": "S1", "c": "S1", "d": "S2", "e": "S2"}


@pytest.mark.parametrize(
    ("predicted", "precision", "recall", "f1"),
    [
        ({"a": "x", "b": "x", "c": "x", "d": "x", "e": "x"}, 0.52, 1.0, 1.04 / 1.52),
        ({"a": None, "b": None, "c": None, "d": None, "e": None}, 1.0, 0.4, 0.8 / 1.4),
        ({"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}, 11 / 15, 11 / 15, 11 / 15),
        ({"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}, 1.0, 1.0, 1.0),
    ],
)
def test_bcubed(predicted, precision, recall, f1):
    scores = bcubed(GOLD_STORIES, predicted)
    assert scores["bcubed_precision"] == pytest.approx(precision, abs=1e-4)
    assert scores["bcubed_recall"] == pytest.approx(recall, abs=1e-4)
    assert scores["bcubed_f1"] == pytest.approx(f1, abs=1e-4)


def test_score_articles_reports_the_contract_keys_and_story_clustering():
    gold = [
        {"id": "a", "story_id": "S1", "gold": {"events": [gold_event()], "quotes": []}},
        {"id": "b", "story_id": "S1", "gold": {"events": [gold_event()], "quotes": []}},
        {"id": "c", "story_id": "S2", "gold": {"events": [], "quotes": []}},
    ]
    predictions = [
        predictions_record("a", "p1", [predicted_event()], []),
        predictions_record("b", "p2", [], []),
        predictions_record("zz", "p3", [], []),  # not in the gold: left out
    ]  # "c" has no prediction line: it predicts nothing and is a story of its own
    scores = score_articles(gold, predictions)
    assert scores["n"] == 3
    assert {"precision", "recall", "f1", "tp", "fp", "fn"} <= set(scores["events"])
    assert {"sub_event_type_acc", "fatalities_exact", "date_exact", "location_acc_25km"} <= set(scores["matched"])
    assert {"precision", "recall", "f1"} <= set(scores["quotes"])
    assert (scores["events"]["tp"], scores["events"]["fp"], scores["events"]["fn"]) == (1, 0, 1)
    assert scores["unknown_predictions"] == 1
    # gold {a,b} {c}; predicted {a} {b} {c}: precision 1, recall (1/2 + 1/2 + 1) / 3 = 2/3
    assert scores["stories"]["bcubed_f1"] == pytest.approx(0.8, abs=1e-4)


def test_predictions_record_is_json_ready():
    record = predictions_record(
        "a1", "s1", [{"event_date": dt.date(2020, 5, 1), "event_type": "Protests"}], [{"speaker": "Sow", "quote": "enough", "start": 4}]
    )
    assert record == {
        "id": "a1",
        "story_id": "s1",
        "events": [{"event_date": "2020-05-01", "event_type": "Protests"}],
        "quotes": [{"speaker": "Sow", "quote": "enough"}],
    }
    json.dumps(record)


def test_haversine_km():
    # one degree of latitude is about 111.2 km
    assert haversine_km(0.0, 30.0, 1.0, 30.0) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(-1.67, 29.23, -1.67, 29.23) == 0.0


def test_load_jsonl_reads_objects_and_skips_blank_lines(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": "b"}\n', encoding="utf-8")
    assert [record["id"] for record in load_jsonl(path)] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ('{"id": "a"}\n{"id": \n', "E402"),
        ('["not", "an", "object"]\n', "E403"),
    ],
)
def test_load_jsonl_errors(tmp_path, content, code):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=code):
        load_jsonl(path)


def test_load_jsonl_missing_file(tmp_path):
    with pytest.raises(EvalError, match="E401"):
        load_jsonl(tmp_path / "absent.jsonl")


@pytest.mark.parametrize(
    ("gold", "predictions", "code"),
    [
        ([{"gold": {}}], [], "E404"),
        ([{"id": "a"}, {"id": "a"}], [], "E405"),
        ([{"id": "a", "gold": {"events": [gold_event(event_date="08/03/2022")]}}], [{"id": "a", "events": [predicted_event()]}], "E406"),
    ],
)
def test_malformed_records(gold, predictions, code):
    with pytest.raises(EvalError, match=code):
        score_articles(gold, predictions)


# ---- 2026-12-07 gold fields: borderline, alternatives, undated and verbal events ------------


def test_false_events_per_100_articles_is_reported():
    scores = score_one([], [predicted_event(), predicted_event(event_type="Riots")])
    assert scores["events"]["fp"] == 2
    assert scores["events"]["fp_per_100_articles"] == 200.0  # two false events in one article


def test_a_borderline_gold_event_is_neither_credited_nor_penalised():
    matched = score_one([gold_event(borderline=True)], [predicted_event()])
    missed = score_one([gold_event(borderline=True)], [])
    assert matched["events"]["tp"] == matched["events"]["fp"] == matched["events"]["fn"] == 0
    assert missed["events"]["fn"] == 0


def test_an_accepted_alternative_type_and_sub_type_match():
    gold = gold_event(event_type="Battles", sub_event_type="Government regains territory",
                      alt_event_type="Strategic developments", alt_sub_event_type="Non-violent transfer of territory")
    scores = score_one([gold], [predicted_event(event_type="Strategic developments", sub_event_type="Non-violent transfer of territory")])
    assert scores["events"]["tp"] == 1
    assert scores["matched"]["sub_event_type_acc"] == 1.0


def test_an_accepted_alternative_date_matches_and_counts_as_the_right_date():
    scores = score_one([gold_event(alt_event_date="2022-03-09")], [predicted_event(event_date="2022-03-09")])
    assert scores["events"]["tp"] == 1 and scores["matched"]["date_exact"] == 1.0
    other_day = score_one([gold_event(alt_event_date="2022-03-09")], [predicted_event(event_date="2022-03-10")])
    assert other_day["events"]["tp"] == 0


def test_an_undated_gold_event_skips_the_date_test_and_the_date_share():
    gold = gold_event(event_date="2010-01-01", time_precision=3, date_unknown=True)
    scores = score_one([gold], [predicted_event(event_date="2010-05-20")])
    assert scores["events"]["tp"] == 1
    assert scores["matched"]["date_exact"] is None  # no dated pair to score


def test_a_verbal_gold_event_matches_by_plover_category():
    gold = gold_event(event_type=None, sub_event_type=None, plover="ACCUSE", verbal=True, **NORD_KIVU)
    right = score_one([gold], [predicted_event(event_type=None, sub_event_type=None, plover_category="ACCUSE", **NORD_KIVU)])
    wrong = score_one([gold], [predicted_event(event_type=None, sub_event_type=None, plover_category="PRAISE", **NORD_KIVU)])
    assert right["events"]["tp"] == 1 and wrong["events"]["tp"] == 0


def test_the_event_count_may_include_or_leave_out_borderline_gold_events():
    from eventwire.eval.articles import count_scores

    gold = [{"id": "a1", "story_id": "s1", "gold": {"events": [
        gold_event(), gold_event(event_type="Riots", sub_event_type="Mob violence", borderline=True),
    ]}}]
    one = [{"id": "a1", "events": [{"event_id": "e1"}]}]
    two = [{"id": "a1", "events": [{"event_id": "e1"}, {"event_id": "e2"}]}]
    three = [{"id": "a1", "events": [{"event_id": f"e{i}"} for i in range(3)]}]
    assert count_scores(gold, one)["within_10pct"] and count_scores(gold, two)["within_10pct"]
    assert not count_scores(gold, three)["within_10pct"]
    assert count_scores(gold, two)["gold_events"] == 1 and count_scores(gold, two)["gold_events_with_borderline"] == 2
