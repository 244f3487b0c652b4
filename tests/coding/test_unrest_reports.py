"""A day of unrest told in many sentences: undated photo-caption-like sentences, arrests made
during it, figurative "exploded into riots", an "also" that belongs to another verb, and a
capital named for its government ("Addis Ababa's embassy"). Hand-made docs (see
conftest.build_doc) and hand-made events (see test_merge.event)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from eventwire.coding.events import EventExtractor
from eventwire.coding.coref.merge import merge_events

from .test_merge import DAY, event

LATER = DAY + dt.timedelta(days=2)
MONDAY = dt.date(2024, 3, 4)
KENYA = ["Kenya", "Nairobi", "Mombasa"]


@pytest.fixture(scope="module")
def extractor(nlp):
    return EventExtractor(nlp.vocab)


def test_an_undated_mention_joins_an_event_the_text_dates_before_an_undated_one():
    dated = event("Armed clash", day=DAY, actor1="Army")
    aside = event("Armed clash", day=LATER, actor1="Army", start=40)  # "also": an event of its own
    undated = event("Armed clash", day=LATER, actor1="Army", start=80)
    merged = merge_events([dated, aside, undated], undated=[False, True, True], distinct=[False, True, False])
    assert [(e.event_date, len(e.evidence)) for e in merged] == [(DAY, 2), (DAY, 1)]


@pytest.mark.parametrize(
    ("target", "inter2", "joins"),
    [
        ("Protesters (Mali)", 6, True),   # "riot police detain a demonstrator"
        (None, None, True),               # "made dozens of arrests"
        ("JNIM", 2, False),               # the arrest of a named armed group is an event of its own
    ],
)
def test_an_undated_arrest_joins_the_riot_of_another_day_when_it_is_of_its_crowd(target, inter2, joins):
    riot = event("Violent demonstration", day=DAY, actor1="Rioters (Mali)")
    arrest = replace(event("Arrests", day=LATER, actor1="Police Forces of Mali", actor2=target, start=40), inter2=inter2)
    merged = merge_events([riot, arrest], undated=[False, True])
    assert (len(merged) == 1) is joins
    assert merged[0].sub_event_type == "Violent demonstration"


def test_an_undated_protest_joins_the_riot_of_another_day():
    riot = event("Violent demonstration", day=DAY, actor1="Rioters (Mali)")
    march = event("Peaceful protest", day=LATER, actor1="Protesters (Mali)", start=40)
    (merged,) = merge_events([riot, march], undated=[False, True])
    assert (merged.event_date, merged.sub_event_type) == (DAY, "Violent demonstration")
    assert len(merge_events([riot, march])) == 2  # dated on two days: two events


def test_protests_that_exploded_into_riots_are_not_an_explosion(extractor, make_doc):
    doc = make_doc("Protests in Nairobi exploded into violent riots on Monday.", places=KENYA, dates={"on Monday": MONDAY})
    assert {e.sub_event_type for e in extractor(doc)} == {"Violent demonstration"}
    doc = make_doc("A bomb exploded in Nairobi on Monday.", places=KENYA, dates={"on Monday": MONDAY})
    assert {e.sub_event_type for e in extractor(doc)} == {"Remote explosive/landmine/IED"}


def test_also_marks_its_own_verb_not_the_event_nouns_of_an_adjunct(extractor, make_doc):
    text = "Amid the looting in Nairobi on Monday, thousands of teachers also took to the streets."
    doc = make_doc(text, places=KENYA, actors=["teachers"], dates={"on Monday": MONDAY})
    distinct = {mention.trigger.span.text: mention.distinct for mention in extractor.mentions(doc)}
    assert distinct == {"looting": False, "took to the streets": True}


def test_a_capital_named_for_its_government_does_not_place_the_event(extractor, make_doc):
    text = "Police fired tear gas at protesters near Addis Ababa's embassy on Monday."
    doc = make_doc(text, places=["Addis Ababa", "Kenya"], actors=["Police", "protesters"], dates={"on Monday": MONDAY})
    assert [e.location for e in extractor(doc)] != ["Addis Ababa"]
    text = "Police fired tear gas at protesters in Addis Ababa's old market on Monday."
    doc = make_doc(text, places=["Addis Ababa", "Kenya"], actors=["Police", "protesters"], dates={"on Monday": MONDAY})
    assert [e.location for e in extractor(doc)] == ["Addis Ababa"]


def test_the_attack_in_a_town_named_like_the_region_is_the_event_in_that_region():
    # "Taliban claimed the attack in Kandahar" after "fighting in Spin Boldak, Kandahar province"
    ansongo = ("Ansongo", "Gao", "Mali", "MLI", 2460596)  # a town of Gao region (GeoNames)
    fight = event("Armed clash", where=ansongo, actor1="JNIM")
    # at the town of Gao, named like its region; it names both sides, so it leads the merge
    claim = event("Armed clash", actor1="JNIM", actor2="Military Forces of Mali", start=40)
    (merged,) = merge_events([fight, claim], generic=[False, True])
    assert merged.location == "Ansongo"
    assert len(merge_events([fight, claim])) == 2  # a specific mention at Gao town is another place


def test_an_undated_report_of_another_weapon_joins_the_explosion_told_before():
    # "a terror attack using a locally made IED ... left several victims", after the suicide bombing
    bombing = event("Suicide bomb", day=DAY, actor1="Islamic State")
    device = event("Air/drone strike", day=LATER, start=40)  # another weapon of the same event type
    (merged,) = merge_events([bombing, device], undated=[False, True])
    assert (merged.event_date, merged.sub_event_type) == (DAY, "Suicide bomb")
    assert len(merge_events([bombing, device])) == 2  # both dated, on two days: two events
    raid = event("Abduction/forced disappearance", day=LATER, start=40)
    assert len(merge_events([event("Attack", day=DAY), raid], undated=[False, True])) == 2


def test_civilians_killed_by_nobody_named_in_a_story_of_protests_are_the_demonstrations_toll(extractor, make_doc):
    text = "Teachers protested in Nairobi on Monday. Three villagers were killed in Mombasa."
    doc = make_doc(text, places=KENYA, actors=["villagers"], dates={"on Monday": MONDAY})
    assert "Attack" not in {e.sub_event_type for e in extractor(doc)}
    assert ("Violent demonstration", "Mombasa") in {(e.sub_event_type, e.location) for e in extractor(doc)}
    # with no protest told, the same killing is an attack on civilians
    doc = make_doc("Three villagers were killed in Mombasa on Monday.", places=KENYA, actors=["villagers"], dates={"on Monday": MONDAY})
    assert [e.sub_event_type for e in extractor(doc)] == ["Attack"]


def test_unnamed_people_clashing_with_police_in_a_story_of_protests_are_demonstrators(extractor, make_doc):
    text = "Teachers protested in Nairobi on Monday. In Mombasa, youths clashed with police."
    doc = make_doc(text, places=KENYA, actors=["police"], dates={"on Monday": MONDAY})
    assert ("Violent demonstration", "Mombasa") in {(e.sub_event_type, e.location) for e in extractor(doc)}
    doc = make_doc("In Mombasa, youths clashed with police on Monday.", places=KENYA, actors=["police"], dates={"on Monday": MONDAY})
    assert [e.sub_event_type for e in extractor(doc)] == ["Armed clash"]
