"""Acceptance on the seed article: ingest it with the CLI, export JSONL, check the events.

Reads ../shared/seed at run time (skipped where that folder is absent).
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.shared]
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_fa41fb018e5e7486.txt"

QALA_I_NAW = (34.99, 63.13)
BATTLE_EVIDENCE = (
    "The Taliban attacked Qala-e-Naw, the province capital, from many directions",
    "the battle killed at least two people and injured 28 others",
)


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("seed") / "seed.duckdb")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(SEED), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    return [json.loads(line) for line in listed.output.splitlines() if line.strip()]


def test_battle_at_qala_e_naw(seed_events):
    battles = [e for e in seed_events if e["event_type"] == "Battles"]
    assert len(battles) == 1, battles
    battle = battles[0]
    assert battle["sub_event_type"] == "Armed clash"
    assert battle["event_date"] == "2021-07-07"
    assert battle["time_precision"] == 1
    assert battle["country"] == "Afghanistan" and battle["admin1"] == "Badghis"
    assert km(battle["latitude"], battle["longitude"], *QALA_I_NAW) < 25
    assert battle["geo_precision"] == 1
    assert battle["actor1"] == "Taliban"
    assert battle["actor2"].startswith("Military Forces of Afghanistan")
    assert battle["fatalities"] == 2 and battle["injured"] == 28
    evidence = " ".join(item["text"] for item in battle["evidence"])
    for sentence in BATTLE_EVIDENCE:
        assert sentence in evidence
    text = SEED.read_text(encoding="utf-8")
    for item in battle["evidence"]:
        assert text[item["start"] : item["end"]] == item["text"]


def test_consult_in_tehran(seed_events):
    talks = [e for e in seed_events if e["plover_category"] == "CONSULT"]
    assert len(talks) == 1, talks
    meeting = talks[0]
    assert meeting["event_date"] == "2021-07-07"
    assert meeting["country"] == "Iran" and meeting["location"] == "Tehran"
    assert {meeting["actor1"], meeting["actor2"]} == {"Taliban", "Government of Afghanistan"}


def test_nothing_placed_in_herat_or_doha(seed_events):
    for event in seed_events:
        assert event["location"] not in ("Herat", "Doha"), event
        assert event["country"] != "Qatar", event


# ---- the seed with its AP originals (story S01 of the dev articles): one story, one event each ----

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "articles" / "dev.jsonl"
AP_COPIES = ("ew-002", "ew-003")  # wsls.com and news.yahoo.com ran the AP story the seed rewords


@pytest.fixture(scope="module")
def seed_story(tmp_path_factory):
    if not DEV.exists():
        pytest.skip(f"{DEV} is absent")
    folder = tmp_path_factory.mktemp("story")
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    copies = folder / "ap.jsonl"
    copies.write_text(
        "".join(json.dumps(record) + "\n" for record in records if record["id"] in AP_COPIES), encoding="utf-8"
    )
    db = str(folder / "story.duckdb")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(SEED), str(copies), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    return db, [json.loads(line) for line in listed.output.splitlines() if line.strip()]


def test_the_seed_and_its_ap_originals_are_one_story_the_seed_a_rewrite(seed_story):
    from eventwire.store import Store

    db, _ = seed_story
    with Store.open(db, read_only=True) as store:
        stories = store.stories_of(store.article_ids())
        seed_id = next(a.id for a in store.get_articles(store.article_ids()).values() if a.origin == str(SEED))
    assert len(stories) == 3 and len({row["story_id"] for row in stories.values()}) == 1
    assert stories[seed_id]["role"] == "rewrite"


@pytest.mark.parametrize("kind", ["Battles", "CONSULT"])
def test_one_battle_and_one_talks_event_each_listing_all_three_sources(seed_story, kind):
    db, events = seed_story
    found = [e for e in events if (e["event_type"] == kind) or (e["event_type"] is None and e["plover_category"] == kind)]
    assert len(found) == 1, found
    assert len(found[0]["sources"]) == 3
    shown = CliRunner().invoke(main, ["show", found[0]["event_id"], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert shown.output.count("\nsource ") == 3 and "merged because" in shown.output
    assert "[rewrite in story" in shown.output
