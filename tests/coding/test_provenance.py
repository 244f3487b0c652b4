"""Provenance of coded event fields: the nearest-mention rule, hand-made records on a blank
doc, and the real pipeline on short made-up reports."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

from eventwire.coding.provenance import FIELDS, index_doc, nearest, trace_doc, trace_fields
from eventwire.nlp.extensions import doc_list, register_extensions
from eventwire.types import ActorMention, Article, CasualtyMention, DateMention, Event, Evidence, Place, PlaceMention

PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday
TUESDAY = dt.date(2024, 3, 5)
# Approximate GeoNames records (geonames.org), for hand-made mentions.
GAO_REGION = Place(2457161, "Gao", "ML", "MLI", "Mali", "Gao", "", 16.5, 0.5, "ADM1")
ANSONGO = Place(2460954, "Ansongo", "ML", "MLI", "Mali", "Gao", "", 15.66, 0.50, "PPL")
MALI = Place(2453866, "Mali", "ML", "MLI", "Mali", "", "", 17.0, -4.0, "PCLI")


# -- the nearest-mention rule --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("starts", "anchor", "bounds", "prefer_before", "expected"),
    [
        ([], 10, (0, 20), False, None),
        ([2, 15], 10, (0, 20), False, 1),  # both in the sentence: the closer
        ([6, 14], 10, (0, 20), False, 0),  # a tie: the earlier
        ([2, 30], 10, (5, 20), False, 0),  # none in the sentence: the closer in the text
        ([2, 30], 10, (5, 20), True, 0),
        ([1, 21], 12, (5, 20), False, 1),
        ([1, 21], 12, (5, 20), True, 0),  # prefer_before: the one before, though farther
        ([25, 40], 10, (5, 20), True, 0),  # nothing before: the first after
        ([1, 18, 40], 10, (5, 20), True, 1),  # the sentence first, even after the anchor
    ],
)
def test_nearest(starts, anchor, bounds, prefer_before, expected):
    assert nearest(starts, anchor, bounds, prefer_before=prefer_before) == expected


# -- hand-made records on a blank doc (no model) ---------------------------------------------------
@pytest.fixture(scope="module")
def blank():
    register_extensions()
    return spacy.blank("en")


def at(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def blank_doc(blank, text, *, dates=(), places=(), actors=(), casualties=(), events=()):
    doc = blank.make_doc(text)
    doc._.ew_text = text
    doc._.ew_published = PUBLISHED
    doc._.ew_article_id = "p1"
    doc._.ew_dates, doc._.ew_places, doc._.ew_actors = list(dates), list(places), list(actors)
    doc._.ew_casualties, doc._.ew_events = list(casualties), list(events)
    return doc


def sentence_event(text: str, sentence: str, trigger: str, **fields) -> Event:
    start, end = at(text, sentence)
    event = Event("p1", fields.pop("event_date", PUBLISHED), fields.pop("time_precision", 1), "Battles", "Armed clash",
                  trigger=trigger, evidence=[Evidence("p1", start, end, sentence, "trigger")], **fields)
    return event


def spans(sources, name):
    return [(item.start, item.end, item.text) for item in sources if item.field == name]


def test_hand_made_records(blank):
    text = ("Militants attacked an army post near Ansongo in Gao region on Tuesday. "
            "Three soldiers and two militants were killed. Later, troops killed four militants.")
    first = "Militants attacked an army post near Ansongo in Gao region on Tuesday."
    second = "Three soldiers and two militants were killed."
    event = sentence_event(text, first, "attacked", event_date=TUESDAY, actor1="Unidentified Armed Group (Mali)",
                           actor2="Military Forces of Mali", location="Gao", admin1="Gao", country="Mali", iso3="MLI",
                           geo_precision=3, fatalities=5)
    event.evidence.append(Evidence("p1", *at(text, second), second, "casualties"))
    doc = blank_doc(
        blank, text,
        dates=[DateMention(*at(text, "Tuesday"), "Tuesday", TUESDAY, 1)],
        # the region mention did not resolve: the town inside the region stands for it
        places=[PlaceMention(*at(text, "Ansongo"), "Ansongo", ANSONGO), PlaceMention(*at(text, "Gao region"), "Gao region", None)],
        actors=[ActorMention(*at(text, "Militants"), "Militants", "Unidentified Armed Group (Mali)", 2),
                ActorMention(*at(text, "militants"), "militants", "Unidentified Armed Group (Mali)", 2),
                ActorMention(*at(text, "troops"), "troops", "Military Forces of Mali", 1)],
        casualties=[CasualtyMention(*at(text, "Three soldiers"), "Three soldiers", "killed", 3),
                    CasualtyMention(*at(text, "two militants"), "two militants", "killed", 2),
                    CasualtyMention(*at(text, "four militants"), "four militants", "killed", 4)],  # not in the evidence
        events=[event],
    )
    sources = trace_fields(event, doc)
    assert [item.field for item in sources] == ["event_type", "event_date", "location", "actor1", "actor2", "fatalities", "fatalities"]
    assert spans(sources, "event_type") == [(*at(text, "attacked"), "attacked")]
    assert spans(sources, "location") == [(*at(text, "Ansongo"), "Ansongo")]
    assert spans(sources, "actor1") == [(*at(text, "Militants"), "Militants")]  # its own sentence, not the nearer "militants"
    # "troops" is the army's only mention: the nearest, though in another sentence
    assert spans(sources, "actor2") == [(*at(text, "troops"), "troops")]
    assert [text for _, _, text in spans(sources, "fatalities")] == ["Three soldiers", "two militants"]  # 3 + 2
    assert all(item.article_id == "p1" and text[item.start:item.end] == item.text for item in sources)


def test_no_exact_count_gives_the_mentions_of_its_kind(blank):
    text = "Gunmen killed two people and abducted three others in a raid."
    event = sentence_event(text, text, "raid", fatalities=7, arrested=3)
    doc = blank_doc(
        blank, text, events=[event],
        casualties=[CasualtyMention(*at(text, "two people"), "two people", "killed", 2),
                    CasualtyMention(*at(text, "three others"), "three others", "abducted", 3)],
    )
    sources = trace_fields(event, doc)
    assert [text for _, _, text in spans(sources, "fatalities")] == ["two people"]  # no match: the killed mentions
    assert [text for _, _, text in spans(sources, "arrested")] == ["three others"]  # abducted counts as arrested


def test_unnamed_actor_and_derived_date_have_no_span(blank):
    text = "A bomb exploded in Mali a day after the talks."
    event = sentence_event(text, text, "exploded", event_date=dt.date(2024, 3, 1),
                           actor1="Unidentified Armed Group (Mali)", location="Mali", country="Mali", iso3="MLI", geonameid=MALI.geonameid)
    doc = blank_doc(blank, text, places=[PlaceMention(*at(text, "Mali"), "Mali", MALI)], events=[event])
    trace_doc(doc)
    assert [(item.field, item.start, item.end, item.text) for item in event.provenance] == [
        ("event_type", *at(text, "exploded"), "exploded"),
        ("event_date", -1, -1, "derived date 2024-03-01"),
        ("location", *at(text, "Mali"), "Mali"),
    ]


def test_index_keeps_only_what_the_events_need(blank):
    text = "Police arrested 12 protesters in Nairobi. Soldiers clashed with rebels."
    event = sentence_event(text, "Police arrested 12 protesters in Nairobi.", "arrested", actor1="Police Forces of Kenya")
    doc = blank_doc(blank, text, events=[event], actors=[
        ActorMention(*at(text, "Police"), "Police", "Police Forces of Kenya", 1),
        ActorMention(*at(text, "rebels"), "rebels", "Rebels", 2),
    ])
    assert set(index_doc(doc, events=[event]).actors) == {"Police Forces of Kenya"}
    assert set(index_doc(doc).actors) == {"Police Forces of Kenya", "Rebels"}


# -- the real pipeline ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pipe():
    from eventwire.engine.process import make_docs
    from eventwire.nlp.pipeline import get_pipeline

    nlp = get_pipeline()

    def run(text, published=PUBLISHED):
        doc = next(nlp.pipe(make_docs([Article("p1", text, published)], nlp)))
        trace_doc(doc)
        return doc

    return run


def only_event(doc) -> Event:
    events = doc_list(doc, "ew_events")
    assert len(events) == 1, events
    return events[0]


def texts(event: Event) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for item in event.provenance:
        result.setdefault(item.field, []).append(item.text)
    return result


@pytest.mark.slow
def test_one_sentence_report(pipe):
    text = "Gunmen killed five villagers in Tillaberi, Niger, on Tuesday, police said."
    doc = pipe(text)
    event = only_event(doc)
    assert (event.event_date, event.fatalities) == (TUESDAY, 5)
    assert texts(event) == {
        "event_type": ["killed"], "event_date": ["Tuesday"], "location": ["Tillaberi"],
        "actor1": ["Gunmen"], "actor2": ["villagers"], "fatalities": ["five villagers"],
    }
    assert all(text[item.start:item.end] == item.text and item.article_id == "p1" for item in event.provenance)
    assert event.provenance == trace_fields(event, doc)  # trace_doc and trace_fields agree
    fields = [item.field for item in event.provenance]
    assert fields == sorted(fields, key=FIELDS.index)


@pytest.mark.slow
def test_publication_date_and_a_count_in_the_second_sentence(pipe):
    text = "Gunmen stormed a village in Tillaberi, Niger. Seven villagers were killed and two were wounded, residents said."
    event = only_event(pipe(text))
    assert (event.event_date, event.fatalities, event.injured) == (PUBLISHED, 7, 2)
    dated = [item for item in event.provenance if item.field == "event_date"]
    assert [(item.start, item.end, item.text) for item in dated] == [(-1, -1, "publication date 2024-03-06")]
    found = texts(event)
    assert found["fatalities"] == ["Seven villagers"] and found["injured"] == ["two"]
    second = text.index("Seven")
    assert all(item.start >= second for item in event.provenance if item.field in ("fatalities", "injured"))
    assert found["location"] == ["Tillaberi"]


@pytest.mark.slow
def test_a_toll_summed_from_two_mentions(pipe):
    text = "Soldiers killed three militants near Gao, Mali, on Monday. Two more militants were later found dead, the army said."
    event = only_event(pipe(text))
    assert event.fatalities == 5
    assert texts(event)["fatalities"] == ["three militants", "Two more militants"]
    assert texts(event)["event_date"] == ["Monday"]
    starts = [item.start for item in event.provenance if item.field == "fatalities"]
    assert starts == sorted(starts)


@pytest.mark.slow
def test_fields_a_verification_cue_covers_are_unverified():
    from eventwire.engine.process import process_batch
    from eventwire.nlp.pipeline import get_pipeline

    text = (
        "Gunmen killed 14 villagers in Tillaberi, Niger, on Tuesday, a local official said. "
        "The toll could not be independently verified.\n\n"
        "Soldiers later arrested two suspects in the town, the army said."
    )
    article = Article(id="a-cue", text=text, published=dt.date(2024, 3, 6))
    [result] = process_batch([article], get_pipeline())
    killing = next(event for event in result.events if event.fatalities == 14)
    flags = {item.field: item.unverified for item in killing.provenance}
    assert flags["fatalities"] is True and flags["location"] is True
    arrest = next(event for event in result.events if event.arrested == 2)
    flags = {item.field: item.unverified for item in arrest.provenance}
    # its own paragraph, which no cue covers; its place and day are read from the covered sentence
    assert flags["arrested"] is False and flags["event_type"] is False and flags["location"] is True
