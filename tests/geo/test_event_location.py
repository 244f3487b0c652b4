"""pick_event_place on sentences written for these tests; place_contains; distance_km."""
from __future__ import annotations

import pytest

from eventwire.geo.event_location import coordinated_places, distance_km, names_an_office, pick_event_place, place_contains
from eventwire.types import Place


def _place(name, iso2, admin1="", admin2="", feature="PPL", lat=0.0, lon=0.0):
    return Place(None, name, iso2, "", "", admin1, admin2, lat, lon, feature)


def _trigger(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "trigger", "expected", "precision"),
    [
        # direct object of an attack verb
        ("The militants attacked Kandahar at dawn, officials said.", "attacked", "Kandahar", 1),
        # locative preposition on the trigger
        ("Heavy fighting erupted in Jalalabad on Tuesday.", "erupted", "Jalalabad", 1),
        ("Delegates met in Doha to discuss the truce.", "met", "Doha", 1),
        # near / outside a town: precision 2
        ("A roadside bomb exploded near Ghazni on Sunday.", "exploded", "Ghazni", 2),
        ("Clashes broke out outside Kunduz overnight.", "broke", "Kunduz", 2),
        # a region or a country only: precision 3
        ("Fighting erupted in Helmand province on Friday.", "erupted", "Helmand province", 3),
        ("Protests spread across Kenya after the vote.", "spread", "Kenya", 3),
        # the most specific place of a nested phrase
        ("Fighting erupted in Afghanistan's western Badghis region.", "erupted", "Badghis region", 3),
        # "from" is where they came from, not where it happened
        ("Fighters from Pakistan attacked a base in Khost.", "attacked", "Khost", 1),
        # a country modifying the trigger says whose strike it was, not where
        ("A US air strike destroyed a truck in Kismayo on Monday.", "strike", "Kismayo", 1),
        # a hospital somewhere else is not the battle's place
        ("Police clashed with protesters in Kabul, and the wounded were transferred to a hospital in Herat.", "clashed", "Kabul", 1),
        # a reference point ("... northeast of Y") is not where it happened; the village the
        # gazetteer lacks sits at the story's town, near it: precision 2 (ACLED: nearest town)
        ("Five farmers were killed in Kalumbirova, about 40 km northeast of Rutshuru.", "killed", "Kalumbirova", 2),
    ],
)
def test_pick_event_place(places_of, text, trigger, expected, precision):
    doc, places = places_of(text)
    mention, got_precision = pick_event_place(_trigger(doc, trigger), places)
    assert mention is not None, [m.text for m in places]
    assert (mention.text, got_precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # only a place introduced by "from"
        ("The convoy returned from Kandahar after the ambush.", "ambush"),
        # only a place of another verb's phrase
        ("Five wounded men were transferred to a hospital in Herat, the doctor said.", "said"),
        # only a demonym
        ("Afghan soldiers clashed with the insurgents.", "clashed"),
        # only a place inside an organisation's name
        ("A doctor at the Kandahar Regional Hospital said the attack ended.", "attack"),
        # no place at all
        ("The talks collapsed on Monday.", "collapsed"),
    ],
)
def test_no_event_place(places_of, text, trigger):
    doc, places = places_of(text)
    assert pick_event_place(_trigger(doc, trigger), places) == (None, None)


def test_place_in_another_sentence_is_ignored(places_of):
    doc, places = places_of("Gunmen stormed a school in Kunduz. Police later arrested two men.")
    assert pick_event_place(_trigger(doc, "arrested"), places) == (None, None)
    mention, precision = pick_event_place(_trigger(doc, "stormed"), places)
    assert (mention.text, precision) == ("Kunduz", 1)


def test_empty_places(places_of):
    doc, _ = places_of("The militants attacked at dawn.")
    assert pick_event_place(_trigger(doc, "attacked"), []) == (None, None)


@pytest.mark.parametrize(
    ("outer", "inner", "contains"),
    [
        (_place("Afghanistan", "AF", feature="PCLI"), _place("Kabul", "AF", "Kabul"), True),
        (_place("Afghanistan", "AF", feature="PCLI"), _place("Tehran", "IR", "Tehran"), False),
        (_place("Badghis", "AF", "Badghis", feature="ADM1"), _place("Qala i Naw", "AF", "Badghis"), True),
        (_place("Badghis", "AF", "Badghis", feature="ADM1"), _place("Herat", "AF", "Herat"), False),
        (_place("Texas", "US", "Texas", feature="ADM1"), _place("Paris", "US", "Texas", "Lamar County"), True),
        (_place("Lamar County", "US", "Texas", "Lamar County", feature="ADM2"), _place("Paris", "US", "Texas", "Lamar County"), True),
        (_place("Lamar County", "US", "Texas", "Lamar County", feature="ADM2"), _place("Austin", "US", "Texas", "Travis County"), False),
        (_place("Kabul", "AF", "Kabul", feature="PPLC"), _place("Kabul", "AF", "Kabul"), False),  # a town contains nothing
        (_place("Somewhere", "AF", "", feature="ADM1"), _place("Elsewhere", "AF", ""), False),  # unknown admin1
    ],
)
def test_place_contains(outer, inner, contains):
    assert place_contains(outer, inner) is contains


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((34.53, 69.17), (34.35, 62.20), 640),  # Kabul - Herat
        ((48.85, 2.35), (51.51, -0.13), 344),  # Paris - London
        ((0.0, 0.0), (0.0, 0.0), 0),
    ],
)
def test_distance_km(a, b, km):
    assert distance_km(_place("a", "", lat=a[0], lon=a[1]), _place("b", "", lat=b[0], lon=b[1])) == pytest.approx(km, abs=5)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a region that only qualifies an office holder is whose office it is, not where
        ("Speaking beside the Sindh chief minister, the cleric condemned the killing.", "killing", None),
        ("Standing next to Kandahar police chief Abdul Raziq, the mayor condemned the bombing.", "bombing", None),
        # a place of its own in the sentence still wins
        ("Speaking beside the Sindh chief minister, the cleric condemned the killing in Hyderabad.", "killing", "Hyderabad"),
        # a capital that owns forces or a government stands for its state ("Kyiv's forces")
        ("Rebels were told to surrender to Kyiv's forces entering the town.", "entering", None),
        ("Rebels fled from the Tripoli government troops advancing on the town.", "advancing", None),
    ],
)
def test_office_qualifier_is_not_the_place(places_of, text, trigger, expected):
    doc, places = places_of(text)
    mention, _ = pick_event_place(_trigger(doc, trigger), places)
    assert (mention.text if mention else None) == expected


def test_names_an_office(places_of):
    doc, places = places_of("The Punjab police chief visited Lahore on Friday.")
    by_text = {mention.text: names_an_office(doc, mention) for mention in places}
    assert by_text == {"Punjab": True, "Lahore": False}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rallies also took place in Brest, Vitebsk and Grodno on Sunday.", ["Vitebsk", "Grodno"]),
        ("Thousands marched in Lyon and Marseille on Saturday.", ["Marseille"]),
        # countries name where a movement is, not one event's place
        ("Protests were held in France and Belgium.", []),
        # a place that is not coordinated with the picked one stays out
        ("Students marched in Leeds while police in Manchester watched.", []),
    ],
)
def test_coordinated_places(places_of, text, expected):
    doc, places = places_of(text)
    trigger = next(t for t in doc if t.lemma_ in ("rally", "march", "protest"))
    picked, _ = pick_event_place(trigger, places)
    assert picked is not None
    assert [mention.text for mention in coordinated_places(picked, places, doc)] == expected
