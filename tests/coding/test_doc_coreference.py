"""Document-level coreference: what one article tells of one happening becomes one event.

- A definite reference that states a day of its own ("the riot on Tuesday") dates the event
  it names, when the sentence that told the event first gave it no day: the body's day beats the
  report's.
- A death told as happening during a demonstration ("killed during protests") is the
  demonstration's toll (ACLED codes fatalities on the demonstration), not an attack of its own.
- "Blow" means an explosion only as "blow up", "blow apart" or "blown to pieces": a lorry that
  blew a tyre is a traffic accident.

Texts written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.coding.conftest import code_article

pytestmark = pytest.mark.slow
THURSDAY = dt.date(2024, 3, 7)


def code(text: str):
    return code_article(text, THURSDAY)


def rule_events(text: str):
    """The rule coder's events alone (``code_doc``), on a doc the pipeline processed."""
    from eventwire.coding import code_doc
    from eventwire.engine.process import make_docs
    from eventwire.nlp.pipeline import get_pipeline
    from eventwire.types import Article

    nlp = get_pipeline()
    [doc] = nlp.pipe(make_docs([Article(id="t", text=text, published=THURSDAY)], nlp))
    return code_doc(doc)


def test_a_dated_reference_gives_its_day_to_the_event_told_before_it():
    events = code(
        "Rioters burned tyres and stoned police in the port city of Mombasa, and four people were hurt. "
        "The riot on Tuesday began after the arrest of a local councillor, residents said."
    )
    assert [event.event_date for event in events] == [dt.date(2024, 3, 5)]


def test_a_date_in_a_clause_about_the_event_is_not_the_reference_s_own_day():
    events = code(
        "Rioters burned tyres and stoned police in the port city of Mombasa, and four people were hurt. "
        "The riot, police said on Tuesday, began after the arrest of a local councillor."
    )
    assert all(event.event_date != dt.date(2024, 3, 5) for event in events)


def test_deaths_during_protests_are_the_toll_of_a_violent_demonstration():
    events = code("Three students were killed during protests against a new fuel tax in Dhaka on Tuesday.")
    assert [(event.sub_event_type, event.fatalities) for event in events] == [("Violent demonstration", 3)]


def test_a_peaceful_protest_without_a_toll_stays_peaceful():
    events = code("Thousands of teachers marched through Accra on Tuesday to protest unpaid salaries.")
    assert [event.sub_event_type for event in events] == ["Peaceful protest"]


def test_police_shooting_protesters_is_still_excessive_force():
    events = code("Police opened fire on protesters in Lagos on Tuesday, killing two demonstrators.")
    assert [event.sub_event_type for event in events] == ["Excessive force against protesters"]


@pytest.mark.parametrize(
    "text",
    [
        "A lorry blew a tyre on the coast highway near Malindi on Tuesday and overturned, killing six passengers.",
        "The referee blew the final whistle in Nairobi on Tuesday after a goalless draw.",
    ],
)
def test_blowing_a_tyre_or_a_whistle_is_no_explosion(text):
    # the rule coder itself, before the relevance gate and the typer could drop what it coded
    assert [event for event in rule_events(text) if event.event_type == "Explosions/Remote violence"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Militants blew up a railway bridge near Quetta on Tuesday, cutting the line to the border, police said.",
        "Insurgents blew apart a police checkpoint outside Kunduz on Tuesday with a truck bomb, killing five officers.",
    ],
)
def test_blowing_up_a_target_is_an_explosion(text):
    assert [event.event_type for event in code(text)] == ["Explosions/Remote violence"]
    assert [event.event_type for event in rule_events(text)] == ["Explosions/Remote violence"]


def test_an_act_placed_in_a_whole_war_is_its_history():
    events = code("Government forces captured four districts during the war, and the army now patrols the province.")
    assert [event for event in events if event.event_type == "Battles"] == []


def test_fighting_on_a_named_day_is_news_even_during_a_war():
    events = code("Five soldiers were killed during fighting with rebels near Goma on Tuesday.")
    assert [event.event_type for event in events] == ["Battles"]


def test_a_participle_describing_damaged_property_is_no_new_act():
    events = code(
        "Hundreds of rioters burned cars and stoned police in the centre of Mombasa on Monday night after a "
        "protest over fuel prices, witnesses said. "
        "On Wednesday, police guarded looted shops in the city centre as traders counted their losses."
    )
    # the riot of Monday only: the shops looted then are no riot of Wednesday
    assert [(event.sub_event_type, event.event_date) for event in events] == [("Violent demonstration", dt.date(2024, 3, 4))]


def test_looting_told_as_an_act_is_an_event():
    text = (
        "Hundreds of rioters looted shops in the centre of Mombasa on Tuesday after police shot dead a "
        "protester during a march against new taxes, witnesses said."
    )
    assert "Riots" in {event.event_type for event in code(text)}


def test_damage_also_done_during_a_riot_told_before_is_part_of_it():
    events = code(
        "Rioters burned shops and attacked police in the centre of Lyon on Tuesday night. "
        "Three buses were also set on fire during the riot, police said."
    )
    assert [event.sub_event_type for event in events] == ["Violent demonstration"]


def test_also_without_a_reference_still_tells_a_further_event():
    events = code(
        "A roadside bomb killed two soldiers near Gao on Tuesday. "
        "A car bomb also exploded outside a hotel in Mopti on Tuesday, killing four guests."
    )
    assert len(events) == 2


def test_a_link_to_another_story_gives_no_event():
    events = code(
        "Gunmen killed four farmers in an attack on a village near Maiduguri on Tuesday, residents said.\n\n"
        "Related: Soldiers repel raid on army base in Yobe, kill 12 insurgents\n\n"
        "The attackers fled on motorcycles towards the forest, a local official said."
    )
    assert [event.sub_event_type for event in events] == ["Attack"]


# -- one event per location (ACLED) ------------------------------------------------------------
def test_a_demonstration_told_of_several_towns_is_one_event_in_each():
    events = code(
        "Tens of thousands rallied in Warsaw on Sunday against the new media law.\n\n"
        "Protesters also marched in Gdansk, Poznan and Wroclaw on Sunday, chanting against the government."
    )
    places = sorted(e.location for e in events if e.event_type == "Protests")
    assert places == ["Gdańsk", "Poznań", "Warsaw", "Wrocław"]
    assert len({e.event_date for e in events}) == 1


def test_coordinated_places_of_a_battle_stay_one_event():
    # only demonstrations are split for now: an attack told of two towns keeps one event
    events = code("Militants attacked army posts in Gao and Menaka on Tuesday, killing six soldiers.")
    assert len([e for e in events if e.event_type is not None]) == 1


def test_an_event_years_before_the_one_told_is_history():
    # "N years after <event>": the event of the clause is N years before the main one
    events = rule_events(
        "Army engineers on Wednesday defused 12 bombs hidden in the ruins of the old town of Tal Afar, the army said, "
        "three years after the town was retaken from the militants."
    )
    assert [event.sub_event_type for event in events] == ["Disrupted weapons use"]


def test_a_kill_is_not_the_toll_of_an_attack_told_as_another_time():
    events = rule_events("Soldiers killed four militants in Gao on Wednesday, two days after the rebels attacked a convoy near Kidal.")
    by_place = {event.location: (event.event_date, event.fatalities) for event in events}
    assert by_place == {"Gao": (dt.date(2024, 3, 6), 4), "Kidal": (dt.date(2024, 3, 4), None)}
