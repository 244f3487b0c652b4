"""One event told in several sentences of an article: claims of responsibility, references
("the blast"), places given in the next sentence or only in the dateline, and places that
narrow an earlier region. Hand-made docs (see conftest.build_doc)."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding.events import EventExtractor

MALI = ["Mali", "Gao", "Mopti"]
MONDAY = dt.date(2024, 3, 4)
TUESDAY = dt.date(2024, 3, 5)
NAIROBI_DATELINE = [("NAIROBI", "Nairobi"), "Kenya", "Mombasa"]


@pytest.fixture(scope="module")
def extract(nlp, make_doc):
    extractor = EventExtractor(nlp.vocab)

    def run(text, **records):
        return [(e.event_date, e.sub_event_type or e.plover_category, e.location) for e in extractor(make_doc(text, **records))]

    return run


def test_the_day_of_a_claim_of_responsibility_is_not_the_day_of_the_attack(extract):
    text = (
        "The militants on Tuesday claimed responsibility for the attack on soldiers in Gao.\n\n"
        "Militants attacked soldiers in Gao on Monday, killing four."
    )
    events = extract(text, actors=["militants", "soldiers", "the militants"], places=MALI,
                     dates={"on Tuesday": TUESDAY, "on Monday": MONDAY})
    assert events == [(MONDAY, "Armed clash", "Gao")]


def test_also_wounded_in_the_blast_is_the_blast_told_before(extract):
    text = "A bomb exploded in Gao on Monday, killing three villagers. Ten civilians were also wounded in the blast."
    events = extract(text, actors=["villagers", "civilians"], places=MALI, dates={"on Monday": MONDAY},
                     casualties=[("Ten civilians were also wounded", "injured", 10, "wounded")])
    assert events == [(MONDAY, "Remote explosive/landmine/IED", "Gao")]


def test_a_country_level_event_takes_the_town_of_the_next_sentence(extract):
    text = (
        "A suicide bomber killed four soldiers in Mali on Monday. "
        "The bomber drove his car into their convoy on the airport road in Gao."
    )
    assert extract(text, actors=["soldiers"], places=MALI, dates={"on Monday": MONDAY}) == [(MONDAY, "Suicide bomb", "Gao")]


def test_the_town_where_a_source_spoke_is_not_the_event_place(extract):
    text = (
        "A suicide bomber killed four soldiers in Mali on Monday. "
        "A military source reached in Gao told reporters that the toll could rise."
    )
    assert extract(text, actors=["soldiers"], places=MALI, dates={"on Monday": MONDAY}) == [(MONDAY, "Suicide bomb", "Mali")]


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        # talks are placed at the dateline even when the sentence mentions somewhere else
        ("NAIROBI (Reuters) - The Kenyan government and the Ethiopian government held talks in Kenya on Monday "
         "about the northern border.", ["the Kenyan government", "the Ethiopian government"], [(MONDAY, "CONSULT", "Nairobi")]),
        # nor when its own sentence does not name the country (it has only the story's)
        ("NAIROBI (Reuters) - Kenya is tense.\n\nThe Kenyan government and the Ethiopian government held talks on Monday.",
         ["the Kenyan government", "the Ethiopian government"], [(MONDAY, "CONSULT", "Kenya")]),
        # an event placed nowhere is not placed at a dateline
        ("NAIROBI (Reuters) - The Kenyan government and the Ethiopian government held talks on Monday.",
         ["the Kenyan government", "the Ethiopian government"], [(MONDAY, "CONSULT", None)]),
        ("NAIROBI (Reuters) - Police fired tear gas at protesters who tried to storm Kenya's parliament on Monday.",
         ["Police", "protesters"], [(MONDAY, "Protest with intervention", "Nairobi")]),
        # nor a violent event when the story names other towns of the country
        ("NAIROBI (Reuters) - Police fired tear gas at protesters who tried to storm Kenya's parliament on Monday. "
         "\n\nShops stayed closed in Mombasa.", ["Police", "protesters"], [(MONDAY, "Protest with intervention", "Kenya")]),
        # the sentence points away from the dateline's town
        ("NAIROBI (Reuters) - Police fired tear gas at protesters in northern Kenya on Monday.",
         ["Police", "protesters"], [(MONDAY, "Protest with intervention", "Kenya")]),
    ],
)
def test_the_dateline_town_places_an_event_placed_nowhere_more_precise(extract, text, actors, expected):
    assert extract(text, actors=actors, places=NAIROBI_DATELINE, dates={"on Monday": MONDAY}) == expected


def test_a_reference_that_names_a_town_inside_the_earlier_region_narrows_it(nlp, make_doc):
    text = (
        "Militants attacked soldiers in the Gao region on Monday.\n\n"
        "Two soldiers were wounded in Monday's attack, which took place in Gao town."
    )
    doc = make_doc(text, actors=["militants", "soldiers"], places=[("Gao region", "Gao region"), ("Gao town", "Gao"), "Mali"],
                   dates={"on Monday": MONDAY})
    (event,) = EventExtractor(nlp.vocab)(doc)
    assert (event.location, event.geonameid, event.geo_precision) == ("Gao", 2457163, 1)  # the town, not the region


def test_a_town_of_the_sentence_comes_before_the_place_of_an_earlier_event(extract):
    text = "Militants attacked soldiers in Gao on Monday.\n\nIn another report from Mopti, militants attacked a police post on Monday."
    events = extract(text, actors=["militants", "soldiers"], places=MALI, dates={"on Monday": MONDAY})
    assert events == [(MONDAY, "Armed clash", "Gao"), (MONDAY, "Armed clash", "Mopti")]


def test_an_attack_between_named_sides_stays_a_battle_whatever_weapon_follows(extract):
    text = (
        "Militants ambushed soldiers near Gao on Monday. "
        "The militants attacked the convoy with explosive devices and rifle fire."
    )
    events = extract(text, actors=["militants", "soldiers", "the militants"], places=MALI, dates={"on Monday": MONDAY})
    assert events == [(MONDAY, "Armed clash", "Gao")]


def test_a_toll_counted_since_a_day_is_no_event_of_that_day():
    from eventwire.nlp.pipeline import get_pipeline

    nlp = get_pipeline()
    text = (
        "Gunmen killed nine farmers in a raid on a village near Beni, in Congo's North Kivu province, on Sunday, "
        "officials said.\n\nMore than 80 people have died in assaults blamed on the ADF since March 3."
    )
    doc = nlp.make_doc(text)
    doc._.ew_published, doc._.ew_article_id = dt.date(2024, 4, 8), "t1"
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [(e.event_date, e.sub_event_type, e.location) for e in doc._.ew_events] == [(dt.date(2024, 4, 7), "Attack", "Beni")]


def test_recent_attacks_blamed_on_a_group_are_a_pattern_not_an_event(extract):
    text = "Militants attacked soldiers in Gao on Monday.\n\nRecent attacks by the militants have forced farmers to flee Mopti."
    events = extract(text, actors=["militants", "soldiers", "the militants"], places=MALI, dates={"on Monday": MONDAY})
    assert events == [(MONDAY, "Armed clash", "Gao")]


def test_an_event_days_ago_is_earlier_history(nlp, make_doc):
    text = (
        "A suicide bomber killed four soldiers in Gao on Monday. "
        "It may have been revenge for a militant leader being killed in an airstrike days ago."
    )
    doc = make_doc(text, actors=["soldiers"], places=MALI, dates={"on Monday": MONDAY},
                   casualties=[("killed four soldiers", "killed", 4, "killed"), ("a militant leader being killed", "killed", 1, "killed")])
    events = EventExtractor(nlp.vocab)(doc)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Suicide bomb", 4)]
    assert not any("airstrike" in item.text for item in events[0].evidence)  # not merged in either


def test_bombs_planted_in_recent_months_are_earlier_history(nlp, make_doc):
    text = (
        "A roadside bomb killed four villagers near Gao on Monday. "
        "Militants have planted similar bombs on roads around Mopti in recent months."
    )
    doc = make_doc(text, actors=["villagers", "militants"], places=MALI, dates={"on Monday": MONDAY},
                   casualties=[("killed four villagers", "killed", 4, "killed")])
    events = EventExtractor(nlp.vocab)(doc)
    assert [(e.sub_event_type, e.location) for e in events] == [("Remote explosive/landmine/IED", "Gao")]


def test_an_event_earlier_this_year_is_background(extract):
    text = (
        "A suicide bomber killed four soldiers in Gao on Wednesday. "
        "An airstrike killed the leader of the militants earlier this year."
    )
    wednesday = dt.date(2024, 1, 3)  # published the next day: "earlier this year" is no week old
    events = extract(text, actors=["soldiers", "the militants"], places=MALI, published=dt.date(2024, 1, 4),
                     dates={"on Wednesday": wednesday, "earlier this year": (dt.date(2024, 1, 1), 3)})
    assert events == [(wednesday, "Suicide bomb", "Gao")]


def test_a_day_after_counts_back_from_the_event_the_main_clause_refers_to(extract):
    text = (
        "Militants killed nine villagers in Gao on Monday.\n\n"
        "The latest attack came a day after four civilians were killed in an attack in Mopti."
    )
    # the date resolver reads "a day after" as the day of the report (nlp/data/dates.json)
    events = extract(text, actors=["militants", "villagers", "civilians"], places=MALI,
                     dates={"on Monday": MONDAY, "a day after": TUESDAY}, published=TUESDAY)
    assert events == [(MONDAY, "Attack", "Gao"), (MONDAY - dt.timedelta(days=1), "Attack", "Mopti")]


def test_a_pattern_of_attacks_lends_nothing_to_the_event(extract):
    text = "Four civilians were killed in an attack in Gao on Monday. Recent attacks by the militants on soldiers have forced farmers to flee."
    events = extract(text, actors=["civilians", "the militants", "soldiers"], places=MALI, dates={"on Monday": MONDAY})
    assert events == [(MONDAY, "Attack", "Gao")]
