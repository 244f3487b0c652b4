"""The eval gate: accuracy floors on small, fixed slices of each dev set in ../shared/data.

A change that breaks place resolution, event-location picking, event coding, the snippet
classifier, counts or PLOVER categories fails here, long before anyone re-runs the full evals.
The floors sit a few points under the scores measured when each was pinned (EVALUATION.md has
the full-set numbers and the commands); raise a floor when a change lifts its slice for good,
never lower one to let a change through.
Skipped where ../shared is absent (the dev data is not part of this repository).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.eval.articles import load_jsonl

pytestmark = [pytest.mark.slow, pytest.mark.shared]
DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
# floor: measured on the slice when pinned (2026-11-28; coding floors raised 2026-11-29, three times)
FLOORS = {
    "lgl_recognition_f1": 0.81,  # first 50 LGL docs: 0.839
    "lgl_acc_161km": 0.79,  # 0.823
    "lgl_gold_acc_161km": 0.85,  # 0.877
    "geovirus_acc_161km": 0.75,  # first 40 GeoVirus docs: 0.778
    "event_location_f1": 0.62,  # first 600 Halterman sentences: 0.645
    "articles_events_f1": 0.79,  # the whole articles dev file, after deduplication: 0.831 (0.816 before it)
    "articles_fatalities_exact": 0.83,  # on matched events: 0.871
    "articles_quotes_f1": 0.95,  # 0.972 (0.958 before speakers resolved to people and bodies, 2026-12-07)
    "articles_stories_bcubed_f1": 0.95,  # 1.0
    # first 120 CASE snippets, packaged model, 30 classes: 0.667; event type 0.812. The model
    # trained with eventwire's corpus (2026-12-07) scores the whole file higher (event type 0.769
    # -> 0.788) and these 120 lower (0.851 -> 0.812)
    "classify_accuracy": 0.64,
    "classify_event_type_accuracy": 0.79,
    "isaf_killed_exact": 0.75,  # first 80 ISAF releases: 0.788
    "isaf_captured_exact": 0.865,  # 0.900
    # dates scored on releases with a dated line only (2026-12-07 file, `date_from`): 0.760 exact,
    # 0.973 within a day; the old floor (0.80) was set when each record's date was the gold's own
    "isaf_date_exact": 0.73,
    "isaf_date_within_1d": 0.95,
    "isaf_province_acc": 0.90,  # 0.938
    "plover_event_accuracy": 0.81,  # first 80 PLOVER records: 0.850
    # the project's written PLOVER check set (evalsets/, in the repository), whole file: 0.816
    # (2026-12-07; the rule coder alone 0.575)
    "plover_written_event_accuracy": 0.78,
}

# ceilings: measured when pinned (2026-12-07), a few points above
CEILINGS = {
    "general_fp_per_100_articles": 8.0,  # the whole general_dev file: 4.5 (35 before the relevance gate)
}


def _slice(relative: str, n: int | None) -> list[dict]:
    path = DATA / relative
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    records = load_jsonl(path)
    return records if n is None else records[:n]


def test_toponyms_lgl_slice():
    from eventwire.eval.toponyms import predict_places, score_toponyms

    records = _slice("geo/lgl.jsonl", 50)
    end_to_end = score_toponyms(records, predict_places(records))
    gold_spans = score_toponyms(records, predict_places(records, gold_spans=True), gold_spans=True)
    assert end_to_end["recognition"]["f1"] >= FLOORS["lgl_recognition_f1"], end_to_end
    assert end_to_end["resolution"]["acc_161km"] >= FLOORS["lgl_acc_161km"], end_to_end
    assert gold_spans["resolution"]["acc_161km"] >= FLOORS["lgl_gold_acc_161km"], gold_spans


def test_toponyms_geovirus_slice():
    from eventwire.eval.toponyms import predict_places, score_toponyms

    records = _slice("geo/geovirus.jsonl", 40)
    scores = score_toponyms(records, predict_places(records))
    assert scores["resolution"]["acc_161km"] >= FLOORS["geovirus_acc_161km"], scores


def test_event_location_slice():
    from eventwire.eval.event_location import pick_places, score_event_locations

    records = _slice("event_location/halterman2019.jsonl", 600)
    scores = score_event_locations(records, pick_places(records))
    assert scores["f1"] >= FLOORS["event_location_f1"], scores


def test_articles_dev():
    from eventwire.eval.run_articles import evaluate_articles

    path = DATA / "articles" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    scores = evaluate_articles(path)
    assert scores["events"]["f1"] >= FLOORS["articles_events_f1"], scores["events"]
    assert scores["matched"]["fatalities_exact"] >= FLOORS["articles_fatalities_exact"], scores["matched"]
    assert scores["quotes"]["f1"] >= FLOORS["articles_quotes_f1"], scores["quotes"]
    assert scores["stories"]["bcubed_f1"] >= FLOORS["articles_stories_bcubed_f1"], scores["stories"]
    # one event, many reports: deduplication costs no accuracy and counts events, not reports
    assert scores["events"]["f1"] >= scores["events_without_dedup"]["f1"], scores
    assert scores["dedup"]["within_10pct"], scores["dedup"]


def test_general_news():
    """Ordinary local news (crime, courts, accidents, culture, local politics) keeps almost no
    event: the relevance gate's job (docs/detect.md)."""
    from eventwire.eval.run_articles import evaluate_articles

    path = DATA / "articles" / "general_dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    scores = evaluate_articles(path)
    assert scores["events"]["fp_per_100_articles"] <= CEILINGS["general_fp_per_100_articles"], scores["events"]


def _slice_file(tmp_path: Path, relative: str, n: int) -> Path:
    path = tmp_path / Path(relative).name
    path.write_text("".join(json.dumps(record) + "\n" for record in _slice(relative, n)), encoding="utf-8")
    return path


def test_classify_slice(tmp_path):
    from eventwire.eval.classify import evaluate_classify

    scores = evaluate_classify(_slice_file(tmp_path, "case2021/dev.jsonl", 120))  # the packaged model
    assert scores["all"]["accuracy"] >= FLOORS["classify_accuracy"], scores["all"]
    assert scores["event_type"]["accuracy"] >= FLOORS["classify_event_type_accuracy"], scores["event_type"]


def test_casualties_slice(tmp_path):
    from eventwire.eval.casualties import evaluate_casualties

    scores = evaluate_casualties(_slice_file(tmp_path, "isaf/dev.jsonl", 80))
    for key in ("killed_exact", "captured_exact", "date_exact", "date_within_1d", "province_acc"):
        assert scores[key] >= FLOORS[f"isaf_{key}"], (key, scores)


def test_plover_slice(tmp_path):
    from eventwire.eval.plover import evaluate_plover

    scores = evaluate_plover(_slice_file(tmp_path, "plover/dev.jsonl", 80))
    assert scores["event_accuracy"] >= FLOORS["plover_event_accuracy"], scores


def test_plover_written_check_set():
    from eventwire.eval.plover import evaluate_plover

    path = Path(__file__).resolve().parents[1] / "evalsets" / "plover_written.jsonl"
    scores = evaluate_plover(path)
    assert scores["event_accuracy"] >= FLOORS["plover_written_event_accuracy"], scores
