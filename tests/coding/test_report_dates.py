"""A date on a verb of saying is the day of the statement, not of what it reports.

"The police said on Friday that an officer was injured" tells when the police spoke; the injury
may belong to the riot another sentence dates. Such a mention joins an event of another day
only of its own kind (the same sub-event type, or both demonstrations); told alone, it keeps
the statement's day (the report's date when the text gives no other). Texts written for these
tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.coding.conftest import code_article

pytestmark = pytest.mark.slow
FRIDAY = dt.date(2024, 3, 8)


def code(text: str):
    return code_article(text, FRIDAY)


def test_an_injury_reported_on_a_later_day_joins_the_riot_of_the_night_before():
    events = code(
        "Rioters set fire to three buses and looted shops in central Lyon on Thursday night. "
        "The city's police chief said on Friday that an officer was seriously injured when rioters attacked a patrol."
    )
    assert [(event.sub_event_type, event.event_date, event.injured) for event in events] == [
        ("Violent demonstration", dt.date(2024, 3, 7), 1)
    ]


def test_a_mine_blast_reported_on_a_later_day_joins_the_blast_the_body_dates():
    events = code(
        "Four soldiers died when their truck hit a landmine near Kidal, military sources said on Thursday. "
        "A patrol vehicle struck a landmine outside the town on Tuesday morning, a local official said."
    )
    assert [(event.sub_event_type, event.event_date) for event in events] == [("Remote explosive/landmine/IED", dt.date(2024, 3, 5))]


def test_a_reported_event_does_not_join_an_event_of_another_kind_and_day():
    events = code(
        "Gunmen attacked an army base outside Kidal on Monday. "
        "On Thursday, officials said that a suicide bomber had blown himself up at a checkpoint in the town, killing four soldiers."
    )
    dates = {event.sub_event_type: event.event_date for event in events}
    assert dates.get("Suicide bomb") == dt.date(2024, 3, 7)


def test_a_reported_event_told_alone_keeps_the_day_of_the_report():
    events = code("The army said on Wednesday that soldiers killed five militants near Kidal.")
    assert [(event.event_type, event.event_date, event.fatalities) for event in events] == [("Battles", dt.date(2024, 3, 6), 5)]


def test_the_arrest_of_someone_is_an_arrest_on_the_day_told_with_it():
    # "confirmed the arrest of X ... Wednesday": the noun names the act, "today" the statement
    events = code(
        "Soldiers and police today confirmed the arrest of a rebel bomb maker in Bandiagara district, Mopti region, "
        "Wednesday, in an operation against the insurgents."
    )
    assert [(event.sub_event_type, event.event_date) for event in events] == [("Arrests", dt.date(2024, 3, 6))]


def test_a_cardiac_arrest_is_no_arrest():
    assert code("The rebel commander suffered a cardiac arrest of unknown cause in Bamako on Wednesday.") == []
