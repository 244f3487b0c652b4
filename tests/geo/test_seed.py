"""The seed article (read from ../shared at run time): what eventwire must get right."""
from __future__ import annotations

import pytest

from eventwire.geo.event_location import distance_km, pick_event_place
from eventwire.types import Place

pytestmark = pytest.mark.shared

QALA_I_NAW = Place(1129867, "Qala i Naw", "AF", "AFG", "Afghanistan", "Badghis", "", 34.99, 63.13, "PPL")


@pytest.fixture(scope="module")
def seed(places_of, seed_text):
    return places_of(seed_text)


def _all(mentions, text):
    found = [m for m in mentions if m.text == text]
    assert found, f"{text!r} not among {sorted({m.text for m in mentions})}"
    return found


@pytest.mark.parametrize(
    ("text", "iso2", "feature"),
    [("Tehran", "IR", None), ("Doha", "QA", None), ("Herat", "AF", None), ("Badghis province", "AF", "ADM1")],
)
def test_seed_places(seed, text, iso2, feature):
    _, mentions = seed
    for mention in _all(mentions, text):
        assert mention.place.country_iso2 == iso2
        if feature:
            assert (mention.place.name, mention.place.feature_code) == ("Badghis", feature)


def test_seed_qala_e_naw(seed):
    _, mentions = seed
    for mention in _all(mentions, "Qala-e-Naw"):
        place = mention.place
        assert (place.geonameid, place.country_iso2, place.admin1) == (1129867, "AF", "Badghis")
        assert distance_km(place, QALA_I_NAW) < 5


def test_seed_battles_is_not_a_place(seed):
    _, mentions = seed
    assert "Battles" not in {m.text for m in mentions}


@pytest.mark.parametrize(
    ("sentence_start", "trigger", "expected", "precision"),
    [
        ("The Taliban attacked Qala-e-Naw", "attacked", "Qala-e-Naw", 1),
        ("Fighting erupted in Afghanistan", "met", "Tehran", 1),
    ],
)
def test_seed_event_places(seed, sentence_start, trigger, expected, precision):
    doc, mentions = seed
    sent = next(s for s in doc.sents if s.text.startswith(sentence_start))
    token = next(t for t in sent if t.text == trigger)
    mention, got = pick_event_place(token, mentions)
    assert mention is not None and mention.text == expected
    assert got == precision
