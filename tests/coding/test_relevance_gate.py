"""The relevance gate on whole articles, through the real pipeline and the packaged model.

Each text was written for this test. Local news of the kind that fills a general news feed
(a shoplifting arrest, an assault charge in court, an art exhibition, a shooting at a house
party) holds no ACLED event: the rule coder finds triggers in it ("arrested", "charged with
assault", "shot"), and the gate must drop them. News of political violence and protest keeps
its events.
"""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.engine import process_batch
from eventwire.nlp.pipeline import get_pipeline
from eventwire.types import Article

pytestmark = pytest.mark.slow

ORDINARY_NEWS = {
    "shoplifting": (
        "A 34-year-old Millbrook woman was arrested Saturday afternoon after store security saw her "
        "leave a department store on Route 9 with more than $400 in clothing she had not paid for. "
        "Police said she was charged with retail theft and released on a summons."
    ),
    "assault charge": (
        "A Carver County man accused of beating his neighbour with a baseball bat during an argument "
        "over a fence appeared in district court on Tuesday. He is charged with second-degree assault "
        "and is being held on $50,000 bail, prosecutors said."
    ),
    "art exhibition": (
        "Hundreds of visitors gathered downtown on Friday for the opening of a new exhibition of quilts "
        "and landscape paintings at the Riverside Arts Center, where two glassblowers staged a live "
        "demonstration of their craft. The show, organised by local artists, runs through the end of March."
    ),
    "party shooting": (
        "One man died and two others were wounded early Sunday when gunfire broke out at a crowded "
        "house party on Elm Street, police said. Investigators believe an argument between two guests "
        "led to the shooting, and no arrests have been made."
    ),
}
CONFLICT_NEWS = {
    "ambush": (
        "Suspected jihadists ambushed an army convoy near the town of Djibo in northern Burkina Faso "
        "on Tuesday, killing seven soldiers, the army said in a statement."
    ),
    "protest": (
        "Thousands of opposition supporters marched through the centre of Nairobi on Monday to demand "
        "the resignation of the electoral commission, and police fired tear gas to disperse them."
    ),
}


@pytest.fixture(scope="module")
def coded():
    texts = {**ORDINARY_NEWS, **CONFLICT_NEWS}
    articles = [Article(id=name, text=text, published=dt.date(2024, 3, 11)) for name, text in texts.items()]
    return {result.article.id: result.events for result in process_batch(articles, get_pipeline())}


@pytest.mark.parametrize("name", sorted(ORDINARY_NEWS))
def test_ordinary_local_news_gives_no_event(coded, name):
    assert coded[name] == [], [(event.event_type, event.sub_event_type) for event in coded[name]]


@pytest.mark.parametrize(("name", "event_type"), [("ambush", "Battles"), ("protest", "Protests")])
def test_news_of_political_violence_and_protest_keeps_its_event(coded, name, event_type):
    assert event_type in {event.event_type for event in coded[name]}
