"""The eventwire_events_v1 component: a thin shell writing doc._.ew_events."""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

import eventwire.nlp.factories  # noqa: F401  (registers the factories)
from eventwire.errors import ModelError
from eventwire.nlp.events import EventCoder
from eventwire.types import Event


@pytest.fixture(scope="module")
def coder(nlp_base):
    component = EventCoder(nlp_base, "ew_events")
    component.initialize(nlp=nlp_base)
    return component


def test_calling_before_initialize_is_a_coded_error(nlp_base, make_doc):
    with pytest.raises(ModelError, match="E253"):
        EventCoder(nlp_base, "ew_events")(make_doc("Rebels attacked an army base."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels attacked an army base on Monday.", [("Battles", "Armed clash")]),
        ("The rebels could attack the base next week.", []),
        ("The weather was calm.", []),
    ],
)
def test_writes_events_without_the_other_components(coder, make_doc, text, expected):
    doc = make_doc(text, dt.date(2024, 3, 6))
    doc._.ew_article_id = "a1"
    doc = coder(doc)
    assert all(isinstance(event, Event) for event in doc._.ew_events)
    assert [(event.event_type, event.sub_event_type) for event in doc._.ew_events] == expected


def test_events_pickle(coder, make_doc):
    doc = coder(make_doc("Rebels attacked an army base on Monday.", dt.date(2024, 3, 6)))
    assert pickle.loads(pickle.dumps(doc._.ew_events)) == doc._.ew_events


def test_registered_factory_builds_the_component(nlp_base):
    from spacy.language import Language

    assert Language.has_factory("eventwire_events_v1")
