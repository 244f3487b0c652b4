"""Moves of territory and bases (ACLED Codebook 2023, Battles and Strategic developments).

- Forces moving into a town or a named place ("troops entered the town", "rolled into X") take
  control of it: state forces -> Government regains territory; a named rebel group, militia or
  foreign force -> Non-state actor overtakes territory.
- Told with an agreement, in the sentence or anywhere the article tells of territory changing
  hands under one, the move is a Non-violent transfer of territory; so is a side handing a
  district or town over.
- Police entering a building, or unnamed gunmen entering a village, move no front line; and a
  move told in one sentence with another act ("entered the village and killed ...") is that
  act's approach: the act is the event.
- Opening or building a base is Headquarters or base established only when an armed actor does
  it or the base is named as military: a relief camp is no event.
- A withdrawal read as a move of territory is not a second event where the coder already has a
  change of control of the same place on the same day.

Texts written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.coding.conftest import code_article

pytestmark = pytest.mark.slow
FRIDAY = dt.date(2024, 3, 8)

REGAINS = "Government regains territory"
OVERTAKES = "Non-state actor overtakes territory"
TRANSFER = "Non-violent transfer of territory"
BASE = "Headquarters or base established"


def sub_types(text: str) -> list[str]:
    return [event.sub_event_type for event in code_article(text, FRIDAY)]


def test_state_forces_entering_a_town_regain_it():
    events = code_article("Ethiopian soldiers entered the town of Dessie on Thursday after the rebels pulled out.", FRIDAY)
    assert [event.sub_event_type for event in events] == [REGAINS]
    assert events[0].actor1 == "Military Forces of Ethiopia"
    assert events[0].location == "Dessie"


def test_a_named_armed_group_moving_into_a_town_overtakes_it():
    assert sub_types("Al-Shabaab fighters moved into the town of Beledweyne on Wednesday, residents said.") == [OVERTAKES]


def test_a_move_under_an_agreement_is_a_transfer():
    assert sub_types("Armenian troops entered the district of Ijevan on Thursday under the ceasefire agreement.") == [TRANSFER]


def test_the_articles_handover_under_an_agreement_types_a_move_told_without_one():
    text = (
        "Ethiopian soldiers entered the town of Dessie on Thursday. "
        "The district is to be handed back to the federal government under the peace accord signed last month."
    )
    assert sub_types(text) == [TRANSFER]


def test_handing_a_district_over_is_a_transfer():
    assert TRANSFER in sub_types("The rebels handed the district of Gondar over to the army on Thursday.")


@pytest.mark.parametrize("text", [
    "Police entered the university campus in Nairobi on Thursday night.",
    "Unknown gunmen entered the town of Dessie on Thursday.",
    "The new law entered into force in Nairobi on Thursday.",
    "Thousands of fans entered the stadium in Nairobi on Thursday.",
])
def test_entering_without_armed_forces_or_a_settlement_changes_no_control(text):
    assert not [sub for sub in sub_types(text) if sub in (REGAINS, OVERTAKES, TRANSFER)]


def test_a_move_told_with_an_act_is_that_acts_approach():
    events = code_article("Al-Shabaab fighters entered the town of Beledweyne on Thursday and killed nine traders.", FRIDAY)
    assert [event.sub_event_type for event in events] == ["Attack"]
    assert events[0].fatalities == 9


def test_a_military_base_opened_by_a_state_is_a_base_established():
    events = code_article("Egypt opened its largest foreign army base on Thursday in Sudan's capital Khartoum, officials said.", FRIDAY)
    assert [event.sub_event_type for event in events] == [BASE]
    assert events[0].location == "Khartoum"


def test_a_relief_camp_is_no_base():
    assert sub_types("The aid agency opened a camp for displaced families near Goma on Thursday.") == []


def test_a_withdrawal_and_the_entry_it_made_possible_are_one_event():
    events = code_article(
        "Ukrainian soldiers entered the city of Kherson on Thursday after Russian forces withdrew across the river.", FRIDAY
    )
    assert [event.sub_event_type for event in events] == [REGAINS]
