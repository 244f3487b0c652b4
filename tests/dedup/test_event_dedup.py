"""Event deduplication on coded reports (no spaCy): the pair test, the merge, its determinism."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from eventwire.dedup.events import Report, align_copies, compare, deduplicate, deduplicate_groups, find_copied_sentence
from eventwire.types import Event, Evidence, FieldSource

DAY = dt.date(2024, 3, 5)
# Kandahar city and Spin Boldak (a town of Kandahar province, about 90 km away): GeoNames coordinates.
KANDAHAR = dict(country="Afghanistan", iso3="AFG", admin1="Kandahar", location="Kandahar",
                latitude=31.6133, longitude=65.7101, geonameid=1138336, geo_precision=1)
SPIN_BOLDAK = dict(country="Afghanistan", iso3="AFG", admin1="Kandahar", location="Spin Boldak",
                   latitude=31.0056, longitude=66.3997, geonameid=1123906, geo_precision=1)
KANDAHAR_PROVINCE = dict(country="Afghanistan", iso3="AFG", admin1="Kandahar", location="Kandahar",
                         latitude=31.0, longitude=65.5, geonameid=None, geo_precision=3)
HERAT = dict(country="Afghanistan", iso3="AFG", admin1="Herat", location="Herat",
             latitude=34.3482, longitude=62.1997, geonameid=1140026, geo_precision=1)


def report(article, *, story="", published=DAY, event_id=None, **fields) -> Report:
    values = dict(
        article_id=article, event_date=DAY, time_precision=1, event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb", actor1="Taliban", inter1=2, trigger="blew himself up",
        evidence=[Evidence(article, 0, 40, "A suicide bomber blew himself up at a market.", "trigger")],
        sources=[article], **KANDAHAR,
    )
    values.update(fields)
    event = Event(**values)
    kind = values['event_type'] or values['plover_category']
    event.event_id = event_id or f"ev-{article}-{kind[:3]}-{values['location']}"
    return Report(event, published, story)


def test_exact_copies_of_one_story_are_one_event_with_one_independent_source():
    first = report("a1", story="s1", fatalities=12)
    copy = report("a2", story="s1", fatalities=12)
    [event] = deduplicate([first, copy])
    assert event.sources == ["a1", "a2"]
    assert event.independent_sources == 1 and event.confidence == 0.5
    assert {item.article_id for item in event.evidence} == {"a1", "a2"}
    assert any("copies of one story" in reason for reason in event.merge_reasons)
    assert event.conflicts == []


def test_two_outlets_raise_confidence_and_the_reasons_say_why():
    one = report("a1", story="s1", fatalities=12)
    other = report("a2", story="s2", fatalities=12, actor1="Unidentified Armed Group (Afghanistan)", inter1=2)
    [event] = deduplicate([one, other])
    assert event.independent_sources == 2 and event.confidence == 0.75
    assert event.actor1 == "Taliban"  # the named actor beats the generic one
    [reason] = event.merge_reasons
    assert "same place (Kandahar)" in reason and "same date" in reason


def test_a_follow_up_with_a_higher_toll_keeps_the_newest_figure_and_notes_the_conflict():
    first = report("a1", story="s1", published=DAY, fatalities=8, injured=20)
    later = report("a2", story="s2", published=DAY + dt.timedelta(days=1), fatalities=15, injured=20)
    [event] = deduplicate([later, first])
    assert event.fatalities == 15 and event.injured == 20
    [conflict] = event.conflicts
    assert conflict.startswith("fatalities: 8 (a1") and "15 (a2" in conflict and "kept 15" in conflict


def test_reports_of_one_day_that_disagree_keep_the_lowest_figure():
    one = report("a1", story="s1", fatalities=30)
    other = report("a2", story="s2", fatalities=28)
    [event] = deduplicate([one, other])
    assert event.fatalities == 28 and "the lowest figure" in event.conflicts[0]


def test_two_different_attacks_in_one_city_on_one_day_stay_apart():
    bombing = report("a1", story="s1", fatalities=12)
    shooting = report("a2", story="s2", event_type="Battles", sub_event_type="Armed clash", fatalities=3,
                      actor2="Police Forces of Afghanistan", inter2=1)
    roadside = report("a3", story="s3", sub_event_type="Remote explosive/landmine/IED", fatalities=2)
    events = deduplicate([bombing, shooting, roadside])
    assert len(events) == 3
    assert not compare(bombing, roadside).compatible  # same type, a different weapon
    assert "sub-event types" in compare(bombing, roadside).reasons[0]


def test_a_town_and_its_province_are_one_place_but_two_provinces_are_not():
    town = report("a1", story="s1", **{**SPIN_BOLDAK})
    province = report("a2", story="s2", **{**KANDAHAR_PROVINCE})
    [event] = deduplicate([town, province])
    assert event.location == "Spin Boldak" and event.geo_precision == 1  # the precise report wins
    assert "Spin Boldak lies in Kandahar" in event.merge_reasons[0]
    elsewhere = report("a3", story="s3", **{**HERAT, "geo_precision": 3, "geonameid": None})
    assert not compare(town, elsewhere).compatible


def test_two_towns_far_apart_are_not_one_place():
    assert not compare(report("a1", **KANDAHAR), report("a2", **SPIN_BOLDAK)).compatible


def test_dates_must_agree_within_their_precision():
    monday = report("a1")
    assert not compare(monday, report("a2", event_date=DAY + dt.timedelta(days=2))).compatible
    # a day apart in reports published on different days ("yesterday" against two days)
    assert compare(monday, report("a2", event_date=DAY + dt.timedelta(days=1), published=DAY + dt.timedelta(days=1))).compatible
    assert not compare(monday, report("a2", event_date=DAY + dt.timedelta(days=1))).compatible
    week = report("a2", event_date=DAY + dt.timedelta(days=5), time_precision=2)
    assert compare(monday, week).compatible


def test_reports_without_a_date_or_a_place_merge_only_with_copies_of_their_story():
    nowhere = dict(country=None, iso3=None, admin1=None, location=None, latitude=None, longitude=None,
                   geonameid=None, geo_precision=None)
    assert not compare(report("a1", story="s1", **nowhere), report("a2", story="s2", **nowhere)).compatible
    assert compare(report("a1", story="s1", **nowhere), report("a2", story="s1", **nowhere)).compatible
    assert not compare(report("a1", story="s1", event_date=None), report("a2", story="s2")).compatible
    assert compare(report("a1", story="s1", event_date=None), report("a2", story="s1")).compatible


def test_named_actors_must_share_one():
    taliban = report("a1", actor1="Taliban")
    other = report("a2", actor1="Islamic State (Afghanistan)")
    assert not compare(taliban, other).compatible
    assert "different actors" in compare(taliban, other).reasons[0]


def test_an_article_never_gives_two_reports_to_one_event():
    first = report("a1", event_id="ev1")
    second = report("a1", event_id="ev2", fatalities=4)
    assert len(deduplicate([first, second])) == 2
    # nor through a third article compatible with both
    third = report("a2", story="s2")
    events = deduplicate([first, second, third])
    assert len(events) == 2 and sorted(len(event.sources) for event in events) == [1, 2]


def test_verbal_events_merge_by_plover_category():
    talks = report("a1", event_type=None, sub_event_type=None, plover_category="CONSULT")
    same = report("a2", event_type=None, sub_event_type=None, plover_category="CONSULT")
    accusation = report("a3", event_type=None, sub_event_type=None, plover_category="ACCUSE")
    events = deduplicate([talks, same, accusation])
    assert sorted(len(event.sources) for event in events) == [1, 2]


def test_the_result_does_not_depend_on_the_order_of_the_reports():
    reports = [
        report("a1", story="s1", fatalities=8),
        report("a2", story="s1", fatalities=8),
        report("a3", story="s2", published=DAY + dt.timedelta(days=1), fatalities=11, **{**KANDAHAR_PROVINCE}),
        report("a4", story="s3", event_type="Battles", sub_event_type="Armed clash", **SPIN_BOLDAK),
        report("a5", story="s4", event_type="Battles", sub_event_type="Armed clash", **KANDAHAR_PROVINCE),
        report("a6", story="s5", **HERAT),
    ]
    expected = deduplicate(reports)
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert deduplicate(shuffled) == expected
    assert sorted(len(event.sources) for event in expected) == [1, 2, 3]


def test_groups_name_their_reports_and_take_the_first_reports_id():
    first = report("a1", story="s1", published=DAY, event_id="ev-z")
    later = report("a2", story="s2", published=DAY + dt.timedelta(days=1), event_id="ev-a")
    [(event, members)] = deduplicate_groups([later, first])
    assert event.event_id == "ev-z" and sorted(members) == ["ev-a", "ev-z"]


def test_a_merged_event_keeps_the_provenance_of_the_report_each_field_came_from():
    town = report("a1", story="s1", published=DAY, fatalities=5, **SPIN_BOLDAK)
    town.event.provenance = [
        FieldSource("location", "a1", 10, 21, "Spin Boldak"),
        FieldSource("fatalities", "a1", 30, 34, "five"),
    ]
    later = report("a2", story="s2", published=DAY + dt.timedelta(days=1), fatalities=7, **KANDAHAR_PROVINCE)
    later.event.provenance = [
        FieldSource("location", "a2", 50, 58, "Kandahar"),
        FieldSource("fatalities", "a2", 60, 65, "seven"),
    ]
    [event] = deduplicate([town, later])
    assert [(item.field, item.article_id, item.text) for item in event.provenance] == [
        ("location", "a1", "Spin Boldak"),
        ("fatalities", "a2", "seven"),
    ]


def test_a_copy_that_carries_the_coded_sentence_becomes_a_source():
    sentence = "Officials from both sides met in Doha on Monday for a first round of talks on a ceasefire."
    texts = {
        "a1": "Intro.\n" + sentence + " More.",
        "a2": "DOHA, Qatar (Wire) — Officials from both sides met in Doha on Monday for a first round "
              "of talks on a ceasefire. Later text.",
        "a3": "An unrelated report about a football match in Doha on Monday evening.",
    }
    start = texts["a1"].index(sentence)
    talks = replace(
        report("a1", story="s1", event_type=None, sub_event_type=None, plover_category="CONSULT").event,
        evidence=[Evidence("a1", start, start + len(sentence), sentence, "trigger")],
    )
    [event] = align_copies([talks], texts, {"a1": "s1", "a2": "s1", "a3": "s2"})
    assert event.sources == ["a1", "a2"]
    added = event.evidence[-1]
    assert added.article_id == "a2" and texts["a2"][added.start:added.end] == added.text
    assert added.text == sentence  # the copy's sentence, not its dateline
    assert "a copy" in event.merge_reasons[-1]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Officials from both sides met in Doha on Monday for talks on a ceasefire.", True),
        ("Officials from both sides, it was said, met in Doha on Monday for talks on a ceasefire.", True),
        ("Officials met in Doha for talks.", False),
        ("Nothing like it here at all, only other words in another order entirely.", False),
    ],
)
def test_find_copied_sentence(text, found):
    sentence = "Officials from both sides met in Doha on Monday for talks on a ceasefire."
    assert (find_copied_sentence("Before. " + text + " After.", sentence) is not None) is found


def test_blocking_finds_every_pair_the_test_could_accept(monkeypatch):
    """Blocked candidate pairs give the same events as comparing all pairs."""
    import itertools

    from eventwire.dedup import events as dedup_events

    rng = random.Random(7)
    reports = []
    for n in range(60):
        day = DAY + dt.timedelta(days=rng.randrange(0, 40))
        precision = rng.choice([1, 1, 1, 2, 3])
        place = rng.choice([KANDAHAR, SPIN_BOLDAK, KANDAHAR_PROVINCE, HERAT])
        reports.append(report(f"a{n:02d}", story=f"s{n % 17}", event_date=day, time_precision=precision,
                              published=day + dt.timedelta(days=rng.randrange(0, 2)), event_id=f"ev{n:02d}", **place))
    blocked = deduplicate_groups(reports)

    def all_pairs(items, members):
        return ((min(i, j), max(i, j)) for i, j in itertools.combinations(members, 2))

    monkeypatch.setattr(dedup_events, "_blocked_pairs", all_pairs)
    assert deduplicate_groups(reports) == blocked
    assert any(len(members) > 1 for _, members in blocked)
