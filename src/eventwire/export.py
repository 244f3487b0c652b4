"""Events out: ACLED-column CSV, JSONL with evidence, GeoJSON, and a readable table.

No SQL here: every function takes ``eventwire.types.Event`` objects (from the store or
straight from the pipeline). Column meanings follow the ACLED Codebook; where eventwire
knows nothing (``admin3``, ``source_scale``, ``tags``) the column is empty, and an unknown
fatality count is written as 0, as ACLED does.

Place names and coordinates come from GeoNames (CC BY 4.0): show ``GEONAMES_ATTRIBUTION``
wherever users see exported places (the GeoJSON carries it in ``attribution``).
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import math
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import pycountry

from eventwire.types import Article, Event

__all__ = [
    "ACLED_COLUMNS",
    "GEONAMES_ATTRIBUTION",
    "JSONL_EXTRA_FIELDS",
    "event_to_acled_row",
    "event_to_json",
    "format_table",
    "write_csv",
    "write_geojson",
    "write_jsonl",
]

# The columns of an ACLED export, in ACLED's order (ACLED Codebook).
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "inter1", "actor2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# What JSONL (and GeoJSON properties) add to the ACLED columns.
JSONL_EXTRA_FIELDS = [
    "event_id", "iso3", "geonameid", "injured", "plover_category", "plover_mode", "sources", "evidence",
    "confidence", "independent_sources", "conflicts", "merge_reasons", "provenance",
]
GEONAMES_ATTRIBUTION = "Place data: GeoNames (geonames.org), CC BY 4.0; small places via the OpenWeather city list"
REGIONS_PATH = Path(__file__).parent / "store" / "data" / "acled_regions.json"
COORDINATE_DECIMALS = 4  # ACLED publishes coordinates to 4 decimals
URL_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/?#]*@)?([^/:?#\[\]]+)", re.IGNORECASE)
SOURCE_SEPARATOR = "; "  # ACLED joins several sources this way
SHORT_ID = 10
TABLE_WIDTHS = {"id": SHORT_ID, "date": 10, "what": 34, "actors": 44, "location": 22, "country": 16, "fatal": 5}
TABLE_HEADERS = {"id": "id", "date": "date", "what": "type", "actors": "actors", "location": "location",
                 "country": "country", "fatal": "fatal"}
RIGHT_ALIGNED = frozenset({"fatal"})


@functools.cache
def acled_regions() -> dict[str, str]:
    """ISO3 -> ACLED region name, read once per process from ``store/data/acled_regions.json``."""
    with open(REGIONS_PATH, encoding="utf-8") as fh:
        return json.load(fh)["iso3_to_region"]


@functools.cache
def iso_numeric_codes() -> dict[str, int]:
    """ISO3 -> ISO 3166-1 numeric code (ACLED's ``iso`` column), built once from pycountry."""
    return {country.alpha_3: int(country.numeric) for country in pycountry.countries}


def event_to_acled_row(event: Event, *, articles: dict[str, Article] | None = None) -> dict:
    """One ``ACLED_COLUMNS`` dict; unknown values are None (CSV writes them empty).

    ``articles`` (id -> Article) names the sources by the host of their URL, else their
    title; without it, a source is named by its article id.
    """
    iso3 = event.iso3 or ""
    return {
        "event_id_cnty": event.event_id,
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "year": event.event_date.year if event.event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "inter1": event.inter1,
        "actor2": event.actor2,
        "inter2": event.inter2,
        "interaction": event.interaction,
        "civilian_targeting": event.civilian_targeting,
        "iso": iso_numeric_codes().get(iso3),
        "region": acled_regions().get(iso3),
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": None,
        "location": event.location,
        "latitude": _coordinate(event.latitude),
        "longitude": _coordinate(event.longitude),
        "geo_precision": event.geo_precision,
        "source": SOURCE_SEPARATOR.join(_source_name(a, articles) for a in _sources(event)),
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities or 0,
        "tags": "",
        "timestamp": _timestamp(event.created_at),
    }


def event_to_json(event: Event, *, articles: dict[str, Article] | None = None) -> dict:
    """The JSONL object: the ACLED columns plus ``JSONL_EXTRA_FIELDS`` (evidence with offsets)."""
    record = event_to_acled_row(event, articles=articles)
    record.update(
        event_id=event.event_id,
        iso3=event.iso3,
        geonameid=event.geonameid,
        injured=event.injured,
        plover_category=event.plover_category,
        plover_mode=event.plover_mode,
        sources=_sources(event),
        evidence=[
            {"article_id": ev.article_id, "start": ev.start, "end": ev.end, "text": ev.text, "role": ev.role}
            for ev in event.evidence
        ],
        confidence=event.confidence,
        independent_sources=event.independent_sources,
        conflicts=list(event.conflicts),
        merge_reasons=list(event.merge_reasons),
        provenance=[
            {"field": item.field, "article_id": item.article_id, "start": item.start, "end": item.end,
             "text": item.text, "unverified": item.unverified}
            for item in event.provenance
        ],
    )
    return record


def write_csv(events: Iterable[Event], fh: TextIO, *, articles: dict[str, Article] | None = None) -> int:
    """Write a header of ``ACLED_COLUMNS`` and one row per event; returns the number of rows."""
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        row = event_to_acled_row(event, articles=articles)
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
        count += 1
    return count


def write_jsonl(events: Iterable[Event], fh: TextIO, *, articles: dict[str, Article] | None = None) -> int:
    """Write one JSON object (``event_to_json``) per line; returns the number of lines."""
    count = 0
    for event in events:
        fh.write(json.dumps(event_to_json(event, articles=articles), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_geojson(events: Iterable[Event], fh: TextIO, *, articles: dict[str, Article] | None = None) -> int:
    """Write a GeoJSON FeatureCollection of Points (RFC 7946, [lon, lat]) crediting GeoNames.

    Properties are the JSONL fields, evidence and provenance without their text. Events without valid
    coordinates are left out; returns the number of features written.
    """
    features = []
    for event in events:
        if not _has_coordinates(event):
            continue
        properties = event_to_json(event, articles=articles)
        for key in ("evidence", "provenance"):
            properties[key] = [{k: v for k, v in ev.items() if k != "text"} for ev in properties[key]]
        features.append({
            "type": "Feature",
            "id": event.event_id,
            "geometry": {"type": "Point", "coordinates": [properties["longitude"], properties["latitude"]]},
            "properties": properties,
        })
    collection = {"type": "FeatureCollection", "attribution": GEONAMES_ATTRIBUTION, "features": features}
    json.dump(collection, fh, ensure_ascii=False)
    fh.write("\n")
    return len(features)


def format_table(events: Iterable[Event]) -> str:
    """A fixed-width table: short id, date, type (or PLOVER category), actors, place, fatalities."""
    rows = [_table_cells(event) for event in events]
    if not rows:
        return "no events"
    widths = {
        key: min(cap, max(len(TABLE_HEADERS[key]), *(len(row[key]) for row in rows)))
        for key, cap in TABLE_WIDTHS.items()
    }
    lines = [_table_line(TABLE_HEADERS, widths), "  ".join("-" * width for width in widths.values())]
    lines += [_table_line(row, widths) for row in rows]
    return "\n".join(lines)


def _table_cells(event: Event) -> dict[str, str]:
    if event.event_type:
        what = f"{event.event_type}/{event.sub_event_type}" if event.sub_event_type else event.event_type
    else:
        what = event.plover_category or ""
    actors = " vs ".join(actor for actor in (event.actor1, event.actor2) if actor)
    return {
        "id": event.event_id[:SHORT_ID],
        "date": event.event_date.isoformat() if event.event_date else "",
        "what": what,
        "actors": actors,
        "location": event.location or event.admin1 or "",
        "country": event.country or "",
        "fatal": "" if event.fatalities is None else str(event.fatalities),
    }


def _table_line(cells: dict[str, str], widths: dict[str, int]) -> str:
    parts = []
    for key, width in widths.items():
        text = cells[key]
        if len(text) > width:
            text = text[: width - 1] + "…"
        parts.append(text.rjust(width) if key in RIGHT_ALIGNED else text.ljust(width))
    return "  ".join(parts).rstrip()


def _sources(event: Event) -> list[str]:
    return list(event.sources) or ([event.article_id] if event.article_id else [])


def _source_name(article_id: str, articles: dict[str, Article] | None) -> str:
    article = (articles or {}).get(article_id)
    if article is None:
        return article_id
    match = URL_HOST.match(article.url)
    host = match.group(1).lower().removeprefix("www.") if match else ""
    return host or article.title or article_id


def _coordinate(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, COORDINATE_DECIMALS)


def _has_coordinates(event: Event) -> bool:
    lat, lon = _coordinate(event.latitude), _coordinate(event.longitude)
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def _timestamp(created_at: dt.datetime | None) -> int:
    """Unix seconds of when the store wrote the event; now for events never stored."""
    if created_at is None:
        return int(time.time())
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=dt.timezone.utc)
    return int(created_at.timestamp())
