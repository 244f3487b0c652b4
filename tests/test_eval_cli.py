"""`eventwire eval articles` and `eventwire bench` print the contract's keys."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "gold.jsonl"
ARTICLE_KEYS = {
    "events": {"precision", "recall", "f1"},
    "matched": {"sub_event_type_acc", "fatalities_exact", "date_exact", "location_acc_25km"},
    "quotes": {"precision", "recall", "f1"},
    "stories": {"bcubed_f1"},
}
BENCH_KEYS = {"docs", "words", "seconds", "docs_per_s", "words_per_s", "peak_rss_mb", "spacy_docs_per_s", "time_ratio_vs_spacy"}


def test_eval_articles_on_the_sample_prints_keys_and_writes_predictions(tmp_path):
    predictions = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(main, ["eval", "articles", str(GOLD), "--json", "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    for section, keys in ARTICLE_KEYS.items():
        assert keys <= set(scores[section]), section
    gold_ids = [json.loads(line)["id"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == gold_ids
    assert scores["n"] == len(gold_ids)
    assert all({"id", "story_id", "events", "quotes"} <= set(line) for line in lines)
    # the sample is the project's own showcase: it must be coded well (a floor, not a target)
    assert scores["events"]["f1"] >= 0.5


def test_bench_prints_keys(tmp_path):
    corpus = tmp_path / "texts.jsonl"
    rows = [{"id": str(i), "text": f"Protesters marched in Nairobi on Monday, report number {i}."} for i in range(5)]
    corpus.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", str(corpus), "--json", "--date", "2024-01-10", "--limit", "3", "--components"])
    assert result.exit_code == 0, result.output
    measured = json.loads(result.output)
    assert BENCH_KEYS <= set(measured)
    assert measured["docs"] == 3
    assert measured["words"] == sum(len(row["text"].split()) for row in rows[:3])
    assert {"ner", "parser", "ew_places", "ew_events"} <= set(measured["component_ms_per_doc"])
    geoparser = measured["geoparser"]
    assert geoparser["docs"] == 3 and geoparser["passes"] == 3
    assert geoparser["docs_per_s"] > 0 and geoparser["gazetteer_load_seconds"] > 0
