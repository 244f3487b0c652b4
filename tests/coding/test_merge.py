"""Merging the mentions of one article, and stable event ids."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from eventwire.coding.conventions.counts import CountClaim
from eventwire.coding.coref.merge import assign_event_ids, merge_events
from eventwire.types import Event, Evidence

DAY = dt.date(2024, 3, 4)
# (location, admin1, country, iso3, geonameid)
GAO = ("Gao", "Gao", "Mali", "MLI", 2457163)
MOPTI = ("Mopti", "Mopti", "Mali", "MLI", 2453348)
GAO_REGION = ("Gao", "Gao", "Mali", "MLI", 2457161)
MALI = ("Mali", None, "Mali", "MLI", 2453866)
KISUMU = ("Kisumu", "Kisumu", "Kenya", "KEN", 191245)
SUBS = {
    "Armed clash": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots",
    "Abduction/forced disappearance": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Arrests": "Strategic developments",
}


def event(sub=None, *, where=GAO, day=DAY, actor1=None, actor2=None, plover=None, start=0, fatalities=None, level="place"):
    location, admin1, country, iso3, geonameid = where
    if where is GAO_REGION:
        level = "admin1"
    return Event(
        article_id="a1",
        event_date=day,
        time_precision=1,
        event_type=SUBS.get(sub),
        sub_event_type=sub,
        plover_category=plover,
        actor1=actor1,
        inter1=1 if actor1 else None,
        actor2=actor2,
        inter2=2 if actor2 else None,
        country=country,
        iso3=iso3,
        admin1=admin1 if level != "country" else None,
        location=location,
        geonameid=geonameid if level == "place" else geonameid + 1_000_000,
        geo_precision=1 if level == "place" else 3,
        fatalities=fatalities,
        trigger=sub or plover or "",
        evidence=[Evidence("a1", start, start + 10, "x" * 10)],
        sources=["a1"],
    )


def test_same_day_and_place_merge():
    merged = merge_events([event("Armed clash", actor1="Army", start=0), event("Armed clash", actor1="Army", start=50)])
    assert len(merged) == 1
    assert [item.start for item in merged[0].evidence] == [0, 50]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (dict(where=MOPTI), 2),  # different cities
        (dict(day=DAY - dt.timedelta(days=1)), 2),  # different days
        (dict(actor1="Rebels"), 2),  # Rebels fits neither Army nor Militia
        (dict(where=GAO_REGION), 1),  # the region contains the town
        (dict(where=MALI, level="country"), 1),  # the country contains the town
        (dict(where=KISUMU), 2),  # another country
    ],
)
def test_place_date_and_actor_compatibility(second, expected):
    first = event("Armed clash", actor1="Army", actor2="Militia")
    other = event("Armed clash", start=40, **second)
    assert len(merge_events([first, other])) == expected


def test_the_most_specific_place_is_kept():
    merged = merge_events([event("Armed clash", where=GAO_REGION), event("Armed clash", where=GAO, start=30)])
    assert len(merged) == 1
    assert merged[0].location == "Gao" and merged[0].geo_precision == 1


def test_missing_sides_are_filled_in_either_order():
    merged = merge_events([event("Armed clash", actor1="Army"), event("Armed clash", actor2="Rebels", start=30)])
    assert len(merged) == 1
    assert (merged[0].actor1, merged[0].actor2) == ("Army", "Rebels")


def test_the_mention_naming_both_sides_sets_their_order():
    merged = merge_events([event("Armed clash", actor1="Army"), event("Armed clash", actor1="Rebels", actor2="Army", start=30)])
    assert len(merged) == 1
    assert (merged[0].actor1, merged[0].actor2) == ("Rebels", "Army")


@pytest.mark.parametrize(
    ("subs", "kept_type", "kept_sub"),
    [
        (["Air/drone strike", "Armed clash"], "Battles", "Armed clash"),  # an air strike during a ground battle
        (["Peaceful protest", "Violent demonstration"], "Riots", "Violent demonstration"),  # a protest turns violent
        (["Abduction/forced disappearance", "Attack"], "Violence against civilians", "Attack"),  # abduction then killing
        (["Attack", "Suicide bomb"], "Explosions/Remote violence", "Suicide bomb"),
        (["Peaceful protest", "Arrests"], "Protests", "Peaceful protest"),  # arrests at a protest are part of it
    ],
)
def test_precedence_when_merging(subs, kept_type, kept_sub):
    merged = merge_events([event(sub, start=index * 20) for index, sub in enumerate(subs)])
    assert len(merged) == 1
    assert (merged[0].event_type, merged[0].sub_event_type) == (kept_type, kept_sub)
    assert merged[0].disorder_type is None or isinstance(merged[0].disorder_type, str)


def test_unrelated_types_stay_apart():
    assert len(merge_events([event("Armed clash"), event("Peaceful protest", start=20)])) == 2
    assert len(merge_events([event("Armed clash"), event("Arrests", start=20)])) == 2


def test_generic_mentions_give_way_and_may_cross_groups():
    attack = event("Armed clash", start=0)
    riot = event("Violent demonstration", start=20)
    assert len(merge_events([attack, riot])) == 2
    merged = merge_events([attack, riot], generic=[True, False])
    assert len(merged) == 1 and merged[0].sub_event_type == "Violent demonstration"


def test_distinct_mentions_do_not_join_earlier_events():
    merged = merge_events([event("Armed clash"), event("Suicide bomb", start=20)], distinct=[False, True])
    assert len(merged) == 2


def test_weak_mentions_join_but_never_stand_alone():
    strong = event(plover="CONSULT", where=MALI, level="country", actor1="Government of Mali")
    weak_here = event(plover="CONSULT", where=GAO, start=30)
    weak_elsewhere = event(plover="CONSULT", where=KISUMU, start=60)
    merged = merge_events([strong, weak_here, weak_elsewhere], weak=[False, True, True])
    assert len(merged) == 1
    assert merged[0].location == "Gao" and merged[0].actor1 == "Government of Mali"


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (dict(plover="CONSULT", actor1="Rebels"), 1),  # verbal: category, date and place only
        (dict(plover="ACCUSE"), 2),
        (dict(plover="CONSULT", where=MOPTI), 2),
    ],
)
def test_verbal_events_merge_by_category_date_and_place(second, expected):
    first = event(plover="CONSULT", actor1="Army")
    assert len(merge_events([first, event(start=30, **second)])) == expected


@pytest.mark.parametrize(
    ("claims", "fatalities"),
    [
        ([("police", 4), ("police", 6)], 6),  # the toll rose: the largest figure
        ([("", 4), ("", 6)], 6),
        ([("police", 5), ("a paramedic", 10)], 5),  # sources disagree: the lowest figure
        ([("police", 5), ("a paramedic", 5)], 5),
    ],
)
def test_counts(claims, fatalities):
    events = [event("Armed clash", start=index * 20) for index in range(len(claims))]
    per_event = [[CountClaim("fatalities", count, source, index * 20, index * 20 + 10)] for index, (source, count) in enumerate(claims)]
    merged = merge_events(events, claims=per_event)
    assert len(merged) == 1 and merged[0].fatalities == fatalities and merged[0].injured is None


def test_ids_are_stable_and_well_formed():
    first = assign_event_ids([event("Armed clash"), event("Armed clash", where=MOPTI)])
    again = assign_event_ids([event("Armed clash"), event("Armed clash", where=MOPTI)])
    assert [item.event_id for item in first] == [item.event_id for item in again]
    assert all(re.fullmatch(r"ev[0-9a-f]{12}", item.event_id) for item in first)
    assert first[0].event_id != first[1].event_id


def test_identical_keys_get_ordinals():
    ids = [item.event_id for item in assign_event_ids([event("Armed clash"), event("Armed clash", start=30)])]
    assert len(set(ids)) == 2
