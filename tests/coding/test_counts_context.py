"""DocContext (``eventwire.coding.context``): the datelines left out of event places, and the
region a sentence names bounding where its event happened. Hand-made places (see conftest)."""
from __future__ import annotations

import pytest

from eventwire.coding.context import DocContext
from eventwire.types import Place

from .conftest import PLACES

# Approximate GeoNames records; "Wonake Pass" is deliberately resolved into the wrong province
# and "Koti" into the wrong country, as a gazetteer can.
AF_PLACES = {
    "KABUL": Place(1138958, "Kabul", "AF", "AFG", "Afghanistan", "Kabul", "", 34.528, 69.172, "PPLC"),
    "Afghanistan": Place(1149361, "Afghanistan", "AF", "AFG", "Afghanistan", "", "", 33.0, 66.0, "PCLI"),
    "Kandahar province": Place(1138335, "Kandahar", "AF", "AFG", "Afghanistan", "Kandahar", "", 31.0, 65.5, "ADM1"),
    "Kapisa province": Place(1138255, "Kapisa", "AF", "AFG", "Afghanistan", "Kapisa", "", 34.9, 69.7, "ADM1"),
    "Spin Boldak": Place(1127110, "Spin Boldak", "AF", "AFG", "Afghanistan", "Kandahar", "", 31.005, 66.4, "PPL"),
    "Wonake Pass": Place(None, "Wonake Pass", "AF", "AFG", "Afghanistan", "Kabul", "", 34.5, 69.2, "PASS"),
    "Koti": Place(None, "Koti", "IN", "IND", "India", "Kerala", "", 9.9, 76.3, "PPL"),
}


@pytest.fixture(autouse=True)
def afghan_places(monkeypatch):
    for key, place in AF_PLACES.items():
        monkeypatch.setitem(PLACES, key, place)


def trigger(doc, word):
    return next(token for token in doc if token.text == word)


@pytest.mark.parametrize(
    "text",
    [
        "For Immediate Release KABUL, Afghanistan (Jun. 12) A patrol killed two insurgents in Spin Boldak.",
        "KABUL, Afghanistan (AP) - A patrol killed two insurgents in Spin Boldak.",
    ],
)
def test_a_dateline_is_no_event_place_even_after_other_text_on_its_line(make_doc, text):
    doc = make_doc(text, places=["KABUL", "Afghanistan", "Spin Boldak"])
    assert [mention.text for mention in DocContext(doc).places] == ["Spin Boldak"]


def test_a_capitalised_city_in_running_text_is_kept(make_doc):
    doc = make_doc("Fighters from KABUL, the capital, attacked Spin Boldak.", places=["KABUL", "Spin Boldak"])
    assert [mention.text for mention in DocContext(doc).places] == ["KABUL", "Spin Boldak"]


@pytest.mark.parametrize(
    ("text", "places", "region", "name"),
    [
        # a place the gazetteer puts in another province, with a place of the named one beside it
        ("A patrol killed two insurgents near Wonake Pass in Spin Boldak district, Kandahar province, Saturday.",
         ["Wonake Pass", "Spin Boldak", "Kandahar province"], "Kandahar", "Spin Boldak"),
        # the text itself says which province holds the place
        ("A patrol killed two insurgents in Wonake Pass district, Kandahar province.",
         ["Wonake Pass", "Kandahar province"], "Kandahar", "Kandahar"),
        # ... also when the place mention holds only the first word of the name
        ("A patrol killed two insurgents in Koti-e Bala district, Kapisa province.",
         ["Koti", "Kapisa province"], "Kapisa", "Kapisa"),
        # a place resolved into another country
        ("A patrol killed two insurgents in the Koti village of Kapisa province.",
         ["Koti", "Kapisa province"], "Kapisa", "Kapisa"),
    ],
)
def test_a_named_region_bounds_the_event_place(make_doc, text, places, region, name):
    doc = make_doc(text, places=places)
    location, _ = DocContext(doc).place_for(trigger(doc, "killed"), "material")
    assert (location.admin1, location.name) == (region, name)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("A patrol killed two insurgents near Wonake Pass.", ["Wonake Pass"]),  # no region named
        # same country, no place of the named region to confirm it: the pick stands
        ("A patrol killed two insurgents near Wonake Pass after leaving for Kandahar province.",
         ["Wonake Pass", "Kandahar province"]),
    ],
)
def test_the_picked_place_stands_without_a_reason_to_doubt_it(make_doc, text, places):
    doc = make_doc(text, places=places)
    location, _ = DocContext(doc).place_for(trigger(doc, "killed"), "material")
    assert location.name == "Wonake Pass"


def test_a_place_abroad_stands_beside_a_region_named_for_another_event(make_doc):
    doc = make_doc("Officials met in Koti as fighting went on in Kapisa province.", places=["Koti", "Kapisa province"])
    location, _ = DocContext(doc).place_for(trigger(doc, "met"), "verbal")
    assert (location.country, location.name) == ("India", "Koti")
