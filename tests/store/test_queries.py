"""Reads: every list_events filter, ordering, evidence round trip, prefix lookup, quotes, counts."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from eventwire.errors import StoreError

from .builders import TEXT, make_article, make_event, make_quote

# event id -> fields that differ from make_event's defaults
EVENTS = {
    "evt-kabul-1": dict(event_date=dt.date(2021, 7, 1), country="Afghanistan", iso3="AFG", admin1="Kabul",
                        location="Kabul", actor1="Taliban", actor2="Military Forces of Afghanistan"),
    "evt-kabul-2": dict(event_date=dt.date(2021, 7, 3), country="Afghanistan", iso3="AFG", admin1="Kabul",
                        event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Afghanistan)",
                        inter1=6, actor2=None, inter2=None, fatalities=None),
    "evt-herat-1": dict(event_date=dt.date(2021, 7, 3), country="Afghanistan", iso3="AFG", admin1="Herat",
                        location="Herat", actor1="Military Forces of Afghanistan", inter1=1, actor2="Taliban", inter2=2),
    "evt-lagos-1": dict(event_date=dt.date(2021, 8, 9), country="Nigeria", iso3="NGA", admin1="Lagos",
                        location="Ikeja", latitude=None, longitude=None, sub_event_type="Attack",
                        event_type="Violence against civilians", actor1="Unidentified Armed Group (Nigeria)",
                        inter1=3, actor2="Civilians (Nigeria)", inter2=7),
    "evt-tehran-1": dict(event_date=dt.date(2021, 7, 7), country="Iran", iso3="IRN", admin1="Tehran",
                         event_type=None, sub_event_type=None, plover_category="CONSULT",
                         actor1="Taliban", actor2="Government of Afghanistan", fatalities=None),
    "evt-undated": dict(event_date=None, time_precision=3, country="Nigeria", iso3="NGA", admin1="Kano",
                        actor1="Boko Haram", actor2=None, inter2=None),
}


@pytest.fixture()
def filled(store):
    items = []
    for n, (event_id, fields) in enumerate(sorted(EVENTS.items())):
        article_id = f"art{n}"
        items.append((make_article(article_id, url=f"https://news{n}.example.org/story"),
                      [make_event(event_id, article_id, **fields)],
                      [make_quote(article_id, speaker=f"Speaker Number{n}")]))
    store.add_batch(items)
    return store


def ids(events):
    return [event.event_id for event in events]


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({}, ["evt-kabul-1", "evt-herat-1", "evt-kabul-2", "evt-tehran-1", "evt-lagos-1", "evt-undated"]),
        ({"country": "afghanistan"}, ["evt-kabul-1", "evt-herat-1", "evt-kabul-2"]),
        ({"country": "NGA"}, ["evt-lagos-1", "evt-undated"]),
        ({"admin1": "KABUL"}, ["evt-kabul-1", "evt-kabul-2"]),
        ({"event_type": "protests"}, ["evt-kabul-2"]),
        ({"sub_event_type": "Attack"}, ["evt-lagos-1"]),
        ({"plover_category": "consult"}, ["evt-tehran-1"]),
        ({"actor": "taliban"}, ["evt-kabul-1", "evt-herat-1", "evt-tehran-1"]),
        ({"actor": "CIVILIANS (NIG"}, ["evt-lagos-1"]),
        ({"actor": "50%"}, []),
        ({"since": dt.date(2021, 7, 3)}, ["evt-herat-1", "evt-kabul-2", "evt-tehran-1", "evt-lagos-1"]),
        ({"until": dt.date(2021, 7, 3)}, ["evt-kabul-1", "evt-herat-1", "evt-kabul-2"]),
        ({"since": dt.date(2021, 7, 2), "until": dt.date(2021, 7, 7)}, ["evt-herat-1", "evt-kabul-2", "evt-tehran-1"]),
        ({"country": "Afghanistan", "actor": "Taliban", "admin1": "Herat"}, ["evt-herat-1"]),
        ({"limit": 2}, ["evt-kabul-1", "evt-herat-1"]),
        ({"limit": 0}, []),
        ({"country": "Chad"}, []),
    ],
)
def test_list_events_filters_and_order(filled, filters, expected):
    assert ids(filled.list_events(**filters)) == expected


def test_negative_limit_is_refused(filled):
    with pytest.raises(ValueError):
        filled.list_events(limit=-1)


def test_events_round_trip_with_evidence_offsets_and_sources(store):
    event = make_event("ev-round", "a1", plover_category="ASSAULT", plover_mode="firearms", arrested=1,
                       notes="A test note.", civilian_targeting=None, disorder_type="Political violence",
                       sources=["a1", "a0"])
    store.add_batch([(make_article("a1"), [event], [])])
    (stored,) = store.list_events()
    assert stored.created_at is not None and stored.created_at.tzinfo is not None
    assert (stored.confidence, stored.independent_sources) == (0.5, 1)  # one article, one story
    assert dataclasses.replace(stored, created_at=None, confidence=None, independent_sources=None) == event
    for evidence in stored.evidence:
        assert TEXT[evidence.start:evidence.end] == evidence.text
    assert [ev.role for ev in stored.evidence] == ["trigger", "casualties"]
    assert stored.sources == ["a1", "a0"]
    assert store.get_event("ev-round") == stored


def test_an_event_without_sources_gets_its_article(store):
    store.add_batch([(make_article("a1"), [make_event("ev-1", "a1", sources=[], evidence=[])], [])])
    (stored,) = store.list_events()
    assert stored.sources == ["a1"] and stored.evidence == []


class CountingConnection:
    """Wraps a DuckDB connection and counts the statements run through it."""

    def __init__(self, con):
        self._con = con
        self.statements = 0

    def execute(self, *args, **kwargs):
        self.statements += 1
        return self._con.execute(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_list_events_fetches_evidence_and_sources_in_one_query_each(filled):
    counting = CountingConnection(filled._con)
    filled._con = counting
    try:
        events = filled.list_events()
    finally:
        filled._con = counting._con
    assert len(events) == len(EVENTS) and all(len(event.evidence) == 2 for event in events)
    assert counting.statements == 5  # events, evidence, sources, notes, provenance: not one per event


@pytest.mark.parametrize(
    "query,expected",
    [
        ("evt-herat-1", "evt-herat-1"),  # exact
        ("evt-la", "evt-lagos-1"),  # unique prefix
        ("evt-und", "evt-undated"),
        ("nope", None),
        ("", None),
    ],
)
def test_get_event_by_id_or_unique_prefix(filled, query, expected):
    found = filled.get_event(query)
    assert (found.event_id if found else None) == expected


def test_an_ambiguous_prefix_is_an_error_naming_candidates(filled):
    with pytest.raises(StoreError, match=r"E308: event id 'evt-kabul' is ambiguous: 2 ids start with it \(evt-kabul-1, evt-kabul-2\)"):
        filled.get_event("evt-kabul")


def test_get_article_and_get_articles(filled):
    article = filled.get_article("art1")
    assert article == make_article("art1", url="https://news1.example.org/story")
    assert filled.get_article("missing") is None
    assert set(filled.get_articles(["art0", "art2", "missing"])) == {"art0", "art2"}
    assert filled.get_articles([]) == {}


def test_counts_and_quotes(filled):
    assert filled.counts() == {"articles": len(EVENTS), "events": len(EVENTS), "quotes": len(EVENTS)}
    quotes = filled.list_quotes()
    assert [quote.article_id for quote in quotes] == sorted(f"art{n}" for n in range(len(EVENTS)))
    first = quotes[0]
    assert TEXT[first.start:first.end] == f'"{first.quote}"'
    assert [q.speaker for q in filled.list_quotes(speaker="NUMBER3")] == ["Speaker Number3"]
    assert len(filled.list_quotes(limit=2)) == 2
    assert filled.list_quotes(speaker="nobody") == []
