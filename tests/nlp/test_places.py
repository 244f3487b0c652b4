"""The eventwire_places_v1 component in a spaCy pipeline (sentences written for these tests)."""
from __future__ import annotations

import pickle

import pytest

from eventwire.errors import ModelError
from eventwire.nlp.places import PlaceRecognizer


@pytest.fixture(scope="module")
def places_nlp(nlp_base):
    import eventwire.nlp.factories  # noqa: F401  (registers the factories)

    nlp = nlp_base.__class__(vocab=nlp_base.vocab)  # never mutate the shared session model
    for name in nlp_base.pipe_names:
        nlp.add_pipe(name, source=nlp_base)
    nlp.add_pipe("eventwire_places_v1", name="ew_places")
    nlp.get_pipe("ew_places").initialize(nlp=nlp)
    return nlp


def test_component_sets_sorted_places(places_nlp):
    doc = places_nlp("Kenyan police said gunmen attacked a bus near Mandera, close to the Somali border, and fled to Somalia.")
    places = doc._.ew_places
    assert [m.text for m in places] == ["Kenyan", "Mandera", "Somali", "Somalia"]
    assert [m.start for m in places] == sorted(m.start for m in places)
    assert [m.is_demonym for m in places] == [True, False, True, False]
    assert places[1].place.country_iso2 == "KE"


@pytest.mark.parametrize("text", ["", "nothing to see here"])
def test_component_no_places(places_nlp, text):
    assert places_nlp(text)._.ew_places == []


def test_component_output_pickles(places_nlp):
    doc = places_nlp("Protesters gathered in Nairobi.")
    assert pickle.loads(pickle.dumps(doc._.ew_places)) == doc._.ew_places


def test_component_before_initialize(nlp_base):
    component = PlaceRecognizer(nlp_base, "ew_places")
    with pytest.raises(ModelError, match="E107"):
        component(nlp_base.make_doc("Kabul"))
