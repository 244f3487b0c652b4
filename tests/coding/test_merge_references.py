"""Merging mentions that name one event loosely: other names for its sides, no day of their
own, a nearby place. Events built by hand (see test_merge.event)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from eventwire.coding.coref.merge import merge_events

from .test_merge import DAY, event

LATER = DAY + dt.timedelta(days=2)


def test_an_unidentified_group_and_a_named_group_are_one_side():
    # the loose mention names both sides, so it leads the merged event
    loose = replace(event("Armed clash", actor1="Unidentified Armed Group (Mali)", actor2="Military Forces of Mali"), inter1=3, inter2=1)
    named = replace(event("Armed clash", actor1="JNIM", start=40), inter1=2)
    (merged,) = merge_events([loose, named])
    assert merged.actor1 == "JNIM"  # the named group wins over "gunmen"
    assert merged.actor2 == "Military Forces of Mali"


def test_military_and_police_of_one_country_are_one_side():
    a = replace(event("Armed clash", actor1="Taliban", actor2="Police Forces of Afghanistan"), inter1=2, inter2=1)
    b = replace(event("Armed clash", actor1="Taliban", actor2="Military Forces of Afghanistan (2004-2021)", start=40), inter1=2, inter2=1)
    assert len(merge_events([a, b])) == 1
    c = replace(b, actor2="Military Forces of Pakistan")
    assert len(merge_events([a, c])) == 2


def test_an_undated_mention_joins_the_event_of_another_day_and_takes_its_day():
    undated = event("Suicide bomb", day=LATER)  # told first, dated by the publication day only
    dated = event("Suicide bomb", day=DAY, fatalities=30, start=40)
    (merged,) = merge_events([undated, dated], undated=[True, False])
    assert merged.event_date == DAY
    assert len(merged.evidence) == 2
    assert len(merge_events([undated, dated])) == 2  # both dated: two days, two events


def test_an_undated_mention_of_another_sub_type_joins_only_as_a_reference():
    # (another weapon of an explosion joins it anyway: see test_unrest_reports)
    dated = event("Suicide bomb", day=DAY)
    blast = event("Attack", day=LATER, start=40)
    assert len(merge_events([dated, blast], undated=[False, True])) == 2
    (merged,) = merge_events([dated, blast], undated=[False, True], references=[False, True])
    assert (merged.event_date, merged.sub_event_type) == (DAY, "Suicide bomb")


def test_towns_a_few_km_apart_are_one_place():
    city = replace(event("Suicide bomb", where=("Baghdad", "Baghdad", "Iraq", "IRQ", 98182)), latitude=33.34, longitude=44.40)
    district = replace(
        event("Suicide bomb", where=("Sadr City", "Baghdad", "Iraq", "IRQ", 7000001), start=40), latitude=33.39, longitude=44.45
    )
    far = replace(district, location="Ramadi", geonameid=7000002, latitude=33.42, longitude=43.30)
    assert [e.location for e in merge_events([city, district])] == ["Baghdad"]
    assert len(merge_events([city, far])) == 2



def test_an_undated_event_of_its_own_takes_the_day_of_the_event_told_before_it():
    dated = event("Armed clash", day=DAY)
    elsewhere = event("Attack", where=("Mopti", "Mopti", "Mali", "MLI", 2453348), day=LATER, start=40)
    first, second = merge_events([dated, elsewhere], undated=[False, True])
    assert (first.location, second.location, second.event_date) == ("Gao", "Mopti", DAY)  # its own event, on the story's day


def test_an_undated_event_told_first_keeps_its_day():
    undated = event("Attack", where=("Mopti", "Mopti", "Mali", "MLI", 2453348), day=LATER)
    dated = event("Armed clash", day=DAY, start=40)
    mopti, gao = merge_events([undated, dated], undated=[True, False])
    assert (mopti.event_date, gao.event_date) == (LATER, DAY)


def test_two_unnamed_groups_of_different_kinds_are_not_one_side():
    gunmen = replace(event("Attack", actor1="Unidentified Armed Group (Mali)", actor2="Civilians (Mali)"), inter1=3, inter2=7)
    militia = replace(
        event("Attack", actor1="Unidentified Communal Militia (Mali)", actor2="Civilians (Mali)", start=40), inter1=4, inter2=7
    )
    assert len(merge_events([gunmen, militia])) == 2
