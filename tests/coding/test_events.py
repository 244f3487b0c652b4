"""Detection and coding end to end on hand-made docs: verbal events, counts, dates, places, merging."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding import code_doc
from eventwire.coding.events import EventExtractor
from eventwire.types import DateMention

from .conftest import PUBLISHED

MALI = ["Mali", "Gao", "Mopti"]
KENYA = ["Kenya", "Nairobi", "Mombasa", "Kisumu"]
MONDAY = dt.date(2024, 3, 4)
TUESDAY = dt.date(2024, 3, 5)


@pytest.fixture(scope="module")
def extract(nlp, make_doc):
    extractor = EventExtractor(nlp.vocab)

    def run(text, **records):
        return extractor(make_doc(text, **records))

    return run


# -- verbal events and the actor rule ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        ("Kenya's government and the Ethiopian government held talks in Nairobi.", ["Kenya's government", "the Ethiopian government"],
         [("CONSULT", "Government of Kenya", "Government of Ethiopia")]),
        ("The Kenyan government urged the rebels to lay down their arms in Nairobi.", ["the Kenyan government", "the rebels"],
         [("REQUEST", "Government of Kenya", "TPLF: Tigray People's Liberation Front")]),
        # signing is SUPPORT (PLOVER 0.8: "ratify, sign, or finalize an agreement"); agreeing is AGREE
        ("Ethiopia's government signed a ceasefire agreement with the rebels in Nairobi.", ["Ethiopia's government", "the rebels"],
         [("SUPPORT", "Government of Ethiopia", "TPLF: Tigray People's Liberation Front")]),
        ("Ethiopia's government agreed a ceasefire with the rebels in Nairobi.", ["Ethiopia's government", "the rebels"],
         [("AGREE", "Government of Ethiopia", "TPLF: Tigray People's Liberation Front")]),
        ("The Ethiopian government accused the rebels of shelling Addis Ababa.", ["the Ethiopian government", "the rebels"],
         [("ACCUSE", "Government of Ethiopia", "TPLF: Tigray People's Liberation Front")]),
        # a person alone is not an organisational actor: no event
        ("Amina Odhiambo urged delegates to return to the table in Nairobi.", ["Amina Odhiambo"], []),
        # no actor at all: no event
        ("Delegates met in Nairobi.", [], []),
        # future: no event
        ("The Kenyan government will meet the rebels in Nairobi.", ["the Kenyan government", "the rebels"], []),
    ],
)
def test_verbal_events_need_an_organisational_actor(extract, text, actors, expected):
    events = extract(text, actors=actors, places=KENYA + ["Ethiopia", "Addis Ababa"])
    assert [(e.plover_category, e.actor1, e.actor2) for e in events] == expected
    assert all(e.event_type is None and e.sub_event_type is None and e.disorder_type is None for e in events)


def test_a_meeting_reported_twice_is_one_event_at_the_most_specific_place(extract):
    text = (
        "Kenya's government and the rebels met in Kenya on Monday. "
        "Officials met across long tables in Nairobi as talks went on."
    )
    events = extract(text, actors=["Kenya's government", "the rebels"], places=KENYA, dates={"on Monday": MONDAY})
    assert [(e.plover_category, e.location, e.actor1, e.event_date) for e in events] == [
        ("CONSULT", "Nairobi", "Government of Kenya", MONDAY)
    ]


# -- background ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "No attack was reported in Gao.",
        "The militants could attack Gao next week.",
        "The militants plan to attack Gao.",
        "After years of fighting in Mopti, the region is calm.",
        "If the army retakes Gao, the militants will flee.",
        "The militants, having lately captured many towns, were seen near Gao.",
    ],
)
def test_background_triggers_make_no_event(extract, text):
    assert extract(text, actors=["the militants", "the army"], places=MALI) == []


@pytest.mark.parametrize(
    ("phrase", "day"),
    [("in 2019", dt.date(2019, 1, 1)), ("in recent years", dt.date(2024, 1, 1))],
)
def test_events_dated_to_a_vague_past_are_history(nlp, make_doc, phrase, day):
    text = f"Militants attacked Gao {phrase}. Militants attacked Mopti on Monday."
    doc = make_doc(text, actors=["militants"], places=MALI, dates={"on Monday": MONDAY})
    start = text.index(phrase)
    doc._.ew_dates = [*doc._.ew_dates, DateMention(start, start + len(phrase), phrase, day, 3)]
    events = EventExtractor(nlp.vocab)(doc)
    assert [e.location for e in events] == ["Mopti"]


def test_an_event_days_before_another_is_dated_back(extract):
    text = "Militants attacked Gao on Tuesday. The attack came two days after militants attacked Mopti."
    events = extract(text, actors=["militants"], places=MALI, dates={"on Tuesday": TUESDAY})
    assert {(e.location, e.event_date) for e in events} == {("Gao", TUESDAY), ("Mopti", TUESDAY - dt.timedelta(days=2))}


# -- counts ---------------------------------------------------------------------------------------
def test_counts_attach_to_the_right_one_of_two_events(extract):
    text = (
        "Militants attacked an army base in Gao on Monday. The attack killed four soldiers. "
        "On Tuesday, a bomb exploded at a market in Mopti, killing six civilians and wounding nine."
    )
    events = extract(
        text, actors=["militants", "soldiers", "civilians"], places=MALI,
        dates={"on Monday": MONDAY, "On Tuesday": TUESDAY},
        casualties=[("four soldiers", "killed", 4, "killed"), ("six civilians", "killed", 6, "killing"), ("nine", "injured", 9, "wounding")],
    )
    summary = [(e.sub_event_type, e.location, e.event_date, e.fatalities, e.injured) for e in events]
    assert summary == [
        ("Armed clash", "Gao", MONDAY, 4, None),
        ("Remote explosive/landmine/IED", "Mopti", TUESDAY, 6, 9),
    ]
    first = events[0]
    assert [item.role for item in first.evidence] == ["trigger", "trigger"]
    assert first.evidence[1].text == "The attack killed four soldiers."


def test_a_following_sentence_with_a_toll_refers_back(extract):
    text = "Militants attacked a village near Gao on Monday.\n\nFive more bodies were found later, officials said."
    (event,) = extract(text, actors=["militants"], places=MALI, dates={"on Monday": MONDAY},
                       casualties=[("Five more bodies", "killed", 5, "found")])
    assert event.fatalities == 5
    assert [item.role for item in event.evidence] == ["trigger", "casualties"]
    assert event.evidence[1].text == "Five more bodies were found later, officials said."


def test_no_one_killed_is_zero(extract):
    text = "Militants attacked soldiers in Gao, but no one was killed in the attack."
    (event,) = extract(text, actors=["militants", "soldiers"], places=MALI, casualties=[("no one", "killed", 0, "killed")])
    assert event.fatalities == 0


def test_no_count_stated_means_none(extract):
    (event,) = extract("Militants attacked soldiers in Gao.", actors=["militants", "soldiers"], places=MALI)
    assert (event.fatalities, event.injured, event.arrested) == (None, None, None)


def test_counts_of_a_background_event_are_not_attached(extract):
    text = "A bomb exploded in Gao on Monday. The blast came days after soldiers killed five militants in Mopti."
    (event,) = extract(text, actors=["soldiers", "militants"], places=MALI, dates={"on Monday": MONDAY},
                       casualties=[("five militants", "killed", 5, "killed")])
    assert (event.location, event.fatalities) == ("Gao", None)


# -- dates ------------------------------------------------------------------------------------------
def test_date_from_an_earlier_sentence_of_the_paragraph(extract):
    text = "Tension rose in Gao on Monday. Militants attacked soldiers in Gao.\n\nLater, rebels attacked soldiers in Mopti."
    events = extract(text, actors=["militants", "soldiers"], places=MALI, dates={"on Monday": MONDAY})
    assert [(e.location, e.event_date, e.time_precision) for e in events] == [
        ("Gao", MONDAY, 1),
        ("Mopti", PUBLISHED, 2),  # new paragraph, no date: publication date, not a same-day report
    ]


def test_publication_date_is_day_precise_in_a_same_day_report(extract):
    text = "Officials said on Wednesday that militants attacked soldiers in Gao."
    (event,) = extract(text, actors=["militants", "soldiers"], places=MALI, dates={"on Wednesday": PUBLISHED})
    assert (event.event_date, event.time_precision) == (PUBLISHED, 1)


# -- places -----------------------------------------------------------------------------------------
def test_place_from_the_previous_event_then_the_focus_country(extract):
    text = "Militants attacked soldiers in Gao.\n\nThe militants also abducted ten villagers."
    events = extract(text, actors=["militants", "soldiers", "villagers"], places=MALI)
    assert [(e.sub_event_type, e.location) for e in events] == [("Armed clash", "Gao"), ("Abduction/forced disappearance", "Gao")]
    (alone,) = extract("Mali is tense. The militants abducted ten villagers.", actors=["militants", "villagers"], places=MALI)
    assert (alone.location, alone.country, alone.iso3, alone.geo_precision) == ("Mali", "Mali", "MLI", 3)


def test_a_dateline_is_not_the_event_place(extract):
    (event,) = extract("NAIROBI, Kenya (AP) — Militants attacked soldiers in Gao.", actors=["militants", "soldiers"],
                       places=MALI + KENYA)
    assert event.location == "Gao"


def test_a_headline_only_joins_the_story(extract):
    text = "Militants attack soldiers in Mopti\n\nMilitants attacked soldiers in Gao on Monday."
    events = extract(text, actors=["militants", "soldiers"], places=MALI, dates={"on Monday": MONDAY})
    assert [e.location for e in events] == ["Gao"]


# -- merging within the article -------------------------------------------------------------------
def test_mentions_of_one_battle_merge_and_different_cities_do_not(extract):
    text = (
        "Militants attacked soldiers in Gao on Monday. Fighting erupted in Gao on Monday. "
        "The militants attacked soldiers in Mopti on Monday."
    )
    events = extract(text, actors=["militants", "soldiers"], places=MALI, dates={"on Monday": MONDAY})
    assert [(e.location, len(e.evidence)) for e in events] == [("Gao", 2), ("Mopti", 1)]


def test_an_air_strike_during_a_ground_battle_is_one_battle(extract):
    text = "Fighting erupted in Gao on Monday as air strikes hit the militants in Gao."
    (event,) = extract(text, actors=["militants"], places=MALI, dates={"on Monday": MONDAY})
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")


def test_a_protest_that_turns_violent_is_a_riot(extract):
    text = "Protesters marched in Nairobi on Monday. Later the protesters looted shops in Nairobi."
    (event,) = extract(text, actors=["protesters"], places=KENYA, dates={"on Monday": MONDAY})
    assert (event.event_type, event.sub_event_type, event.actor1) == ("Riots", "Violent demonstration", "Rioters (Kenya)")


def test_an_abduction_then_killing_is_an_attack(extract):
    text = "Militants abducted ten villagers in Mopti on Monday and later killed two of them."
    (event,) = extract(text, actors=["militants", "villagers"], places=MALI, dates={"on Monday": MONDAY},
                       casualties=[("two of them", "killed", 2, "killed")])
    assert (event.sub_event_type, event.fatalities) == ("Attack", 2)


# -- the record itself -------------------------------------------------------------------------------
def test_event_fields_evidence_offsets_and_ids(make_doc):
    text = "Militants attacked soldiers in Gao on Monday, killing five."
    doc = make_doc(text, actors=["militants", "soldiers"], places=MALI, dates={"on Monday": MONDAY},
                   casualties=[("five", "killed", 5, "killing")], article_id="art-7")
    (event,) = code_doc(doc)
    assert (event.article_id, event.sources, event.trigger) == ("art-7", ["art-7"], "attacked")
    assert (event.country, event.iso3, event.admin1, event.location, event.geonameid) == ("Mali", "MLI", "Gao", "Gao", 2457163)
    assert (event.latitude, event.longitude) == pytest.approx((16.272, -0.045))
    assert (event.plover_category, event.plover_mode, event.disorder_type) == ("ASSAULT", "firearms", "Political violence")
    for item in event.evidence:
        assert doc.text[item.start:item.end] == item.text and item.article_id == "art-7"
    assert event.event_id.startswith("ev") and code_doc(doc)[0].event_id == event.event_id



def test_between_attached_to_a_preposition_object_still_names_the_sides(extract):
    # the small parser attaches "between ..." to "months", not to "talks"
    text = "Kenya on Monday hosted the first talks in months between the Ethiopian government and the rebels in Nairobi."
    events = extract(text, actors=["the Ethiopian government", "the rebels"], places=KENYA + ["Ethiopia"],
                     dates={"on Monday": MONDAY})
    talks = [event for event in events if event.plover_category == "CONSULT"]
    assert [(e.actor1, e.actor2) for e in talks] == [("Government of Ethiopia", "TPLF: Tigray People's Liberation Front")]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # a group noun as the subject is a perpetrator, even when the group is no known actor
        ("Members of the reserve company killed four men in Gao on Monday.", True),
        # a natural cause is not
        ("The flood killed four men in Gao on Monday.", False),
    ],
)
def test_a_kill_by_an_unnamed_group_is_an_event(extract, text, coded):
    events = extract(text, places=MALI, dates={"on Monday": MONDAY}, casualties=[("four men", "killed", 4, "killed")])
    assert bool(events) == coded
    if coded:
        assert events[0].fatalities == 4
