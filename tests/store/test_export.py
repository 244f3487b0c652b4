"""Exports: ACLED CSV columns, JSONL keys, GeoJSON validity, ACLED regions, the text table."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import pycountry
import pytest

from eventwire import export
from eventwire.export import ACLED_COLUMNS, GEONAMES_ATTRIBUTION, JSONL_EXTRA_FIELDS

from .builders import TEXT, make_article, make_event

CREATED = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
ACLED_REGION_NAMES = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "South Asia",
    "Southeast Asia", "East Asia", "Middle East", "Caucasus and Central Asia", "Europe", "Caribbean",
    "Central America", "South America", "North America", "Oceania", "Antarctica",
}


def sample_events():
    return [
        make_event("evt-0001", "a1", created_at=CREATED),
        make_event("evt-0002", "a2", event_type=None, sub_event_type=None, plover_category="CONSULT",
                   country="Iran", iso3="IRN", admin1="Tehran", location="Tehran", latitude=35.6944,
                   longitude=51.4215, fatalities=None, injured=None, created_at=CREATED),
        make_event("evt-0003", "a3", latitude=None, longitude=None, location=None, created_at=CREATED),
    ]


def test_acled_columns_are_exactly_acleds():
    assert ACLED_COLUMNS == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "inter1", "actor2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country",
        "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
        "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]


def test_csv_header_and_rows():
    out = io.StringIO()
    assert export.write_csv(sample_events(), out) == 3
    out.seek(0)
    reader = csv.reader(out)
    assert next(reader) == ACLED_COLUMNS
    rows = [dict(zip(ACLED_COLUMNS, row)) for row in reader]
    assert [row["event_id_cnty"] for row in rows] == ["evt-0001", "evt-0002", "evt-0003"]
    first, second = rows[0], rows[1]
    assert (first["event_date"], first["year"], first["iso"], first["region"]) == ("2021-07-05", "2021", "4", "South Asia")
    assert (first["interaction"], first["fatalities"], first["admin3"], first["tags"]) == ("12", "2", "", "")
    assert (second["event_type"], second["fatalities"], second["region"]) == ("", "0", "Middle East")
    assert first["timestamp"] == str(int(CREATED.timestamp()))


@pytest.mark.parametrize(
    "articles,expected",
    [
        ({"a1": make_article("a1", url="https://www.Example-News.org/2021/07/story")}, "example-news.org"),
        ({"a1": make_article("a1", title="Fighting near the town")}, "Fighting near the town"),
        ({"a1": make_article("a1", url="not a url", title="A headline")}, "A headline"),
        (None, "a1"),
    ],
)
def test_source_is_the_url_host_else_title_else_id(articles, expected):
    assert export.event_to_acled_row(make_event("e", "a1"), articles=articles)["source"] == expected


def test_several_sources_are_joined_like_acled():
    articles = {"a1": make_article("a1", url="https://one.example/x"), "a2": make_article("a2", title="Two")}
    row = export.event_to_acled_row(make_event("e", "a1", sources=["a1", "a2"]), articles=articles)
    assert row["source"] == "one.example; Two"


def test_row_of_an_event_never_stored_gets_a_current_timestamp():
    row = export.event_to_acled_row(make_event("e", "a1", created_at=None))
    assert abs(row["timestamp"] - dt.datetime.now(dt.timezone.utc).timestamp()) < 60


def test_jsonl_keys_and_evidence():
    out = io.StringIO()
    export.write_jsonl(sample_events(), out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 3
    for record in records:
        assert list(record) == ACLED_COLUMNS + JSONL_EXTRA_FIELDS
    first = records[0]
    assert set(JSONL_EXTRA_FIELDS) == {"injured", "plover_category", "plover_mode", "sources", "evidence",
                                       "event_id", "iso3", "geonameid", "confidence", "independent_sources",
                                       "conflicts", "merge_reasons", "provenance"}
    assert (first["event_id"], first["iso3"], first["geonameid"], first["injured"]) == ("evt-0001", "AFG", 1135689, 4)
    assert first["sources"] == ["a1"]
    for evidence in first["evidence"]:
        assert set(evidence) == {"article_id", "start", "end", "text", "role"}
        assert TEXT[evidence["start"]:evidence["end"]] == evidence["text"]
    assert records[1]["plover_category"] == "CONSULT" and records[1]["event_type"] is None


def test_event_to_json_matches_the_jsonl_line():
    event = sample_events()[0]
    out = io.StringIO()
    export.write_jsonl([event], out)
    assert json.loads(out.getvalue()) == export.event_to_json(event)


def test_geojson_is_a_valid_feature_collection_crediting_geonames():
    events = sample_events() + [make_event("evt-bad", "a4", latitude=float("nan"), longitude=10.0)]
    out = io.StringIO()
    assert export.write_geojson(events, out) == 2
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert collection["attribution"] == GEONAMES_ATTRIBUTION
    assert GEONAMES_ATTRIBUTION.startswith("Place data: GeoNames (geonames.org), CC BY 4.0") and "OpenWeather" in GEONAMES_ATTRIBUTION
    assert [feature["id"] for feature in collection["features"]] == ["evt-0001", "evt-0002"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float) and -180 <= lon <= 180 and -90 <= lat <= 90
        properties = feature["properties"]
        assert (lon, lat) == (properties["longitude"], properties["latitude"])
        assert set(properties) == set(ACLED_COLUMNS + JSONL_EXTRA_FIELDS)
        assert properties["evidence"] and all("text" not in ev for ev in properties["evidence"])
    assert collection["features"][1]["geometry"]["coordinates"] == [51.4215, 35.6944]


def test_empty_geojson_is_still_valid():
    out = io.StringIO()
    export.write_geojson([], out)
    assert json.loads(out.getvalue())["features"] == []


@pytest.mark.parametrize(
    "iso3,region",
    [("AFG", "South Asia"), ("NGA", "Western Africa"), ("COD", "Middle Africa"), ("KEN", "Eastern Africa"),
     ("ZAF", "Southern Africa"), ("LBY", "Northern Africa"), ("MMR", "Southeast Asia"), ("CHN", "East Asia"),
     ("SYR", "Middle East"), ("GEO", "Caucasus and Central Asia"), ("UKR", "Europe"), ("HTI", "Caribbean"),
     ("MEX", "Central America"), ("COL", "South America"), ("USA", "North America"), ("PNG", "Oceania")],
)
def test_acled_regions(iso3, region):
    assert export.acled_regions()[iso3] == region


def test_region_file_covers_every_country_with_acled_names():
    regions = export.acled_regions()
    with open(export.REGIONS_PATH, encoding="utf-8") as fh:
        data = json.load(fh)
    assert "ACLED" in " ".join(data["_comment"])
    assert set(data["regions"]) == ACLED_REGION_NAMES == set(regions.values())
    assert {country.alpha_3 for country in pycountry.countries} <= set(regions)


def test_iso_is_the_numeric_code():
    assert export.iso_numeric_codes()["AFG"] == 4 and export.iso_numeric_codes()["IRN"] == 364
    assert export.event_to_acled_row(make_event("e", "a1", iso3="XKX"))["iso"] is None


def test_format_table():
    events = sample_events()
    events[0] = dataclasses.replace(events[0], actor1="An Actor With A Name Far Too Long To Fit In The Column")
    table = export.format_table(events)
    lines = table.splitlines()
    assert lines[0].split() == ["id", "date", "type", "actors", "location", "country", "fatal"]
    assert len(lines) == 2 + len(events)
    assert "Battles/Armed clash" in lines[2] and "…" in lines[2] and lines[2].rstrip().endswith("2")
    assert "CONSULT" in lines[3] and "Tehran" in lines[3] and "Iran" in lines[3]
    date_at, country_at = lines[0].index("date"), lines[0].index("country")  # fixed-width columns
    assert [line[date_at:date_at + 10] for line in lines[2:]] == ["2021-07-05"] * 3
    assert [line[country_at:].split("  ")[0] for line in lines[2:]] == ["Afghanistan", "Iran", "Afghanistan"]
    assert export.format_table([]) == "no events"


def test_stored_events_export_with_their_sources(store):
    article = make_article("a1", url="https://www.example.org/a")
    store.add_batch([(article, [make_event("evt-1", "a1")], [])])
    events = store.list_events()
    out = io.StringIO()
    export.write_jsonl(events, out, articles=store.get_articles(["a1"]))
    record = json.loads(out.getvalue())
    assert record["source"] == "example.org" and record["sources"] == ["a1"]
    assert record["timestamp"] == int(events[0].created_at.timestamp())
