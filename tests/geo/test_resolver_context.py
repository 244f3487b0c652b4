"""Context rules of the resolver, on sentences written for these tests: a repeated name votes
once, ambiguous names that fit together (same county, next to each other), places inside
mislabelled entities, upper-case datelines, named regions, and the focus-country fallback."""
from __future__ import annotations

import pytest

from eventwire.geo.gazetteer import _region_point
from tests.geo.test_resolver import _one


def test_a_repeated_name_does_not_vote_for_its_own_first_guess(places_of):
    # Dublin, Ireland is the bigger Dublin; five mentions of it must not outvote Ohio.
    text = (
        "The Dublin council approved the budget. Dublin residents asked about parking, and the "
        "Dublin mayor promised answers. Dublin schools will reopen soon; Dublin police were thanked. "
        "The city lies just north of Columbus, Ohio."
    )
    _, mentions = places_of(text)
    dublins = [m for m in mentions if m.text == "Dublin"]
    assert len(dublins) >= 3
    assert {(m.place.country_iso2, m.place.admin1) for m in dublins} == {("US", "Ohio")}


def test_two_ambiguous_names_in_one_county_resolve_together(places_of):
    # Alone, "Lebanon" is the country; with "Boone County" both fit Lebanon, Indiana.
    _, mentions = places_of("Deputies from Boone County said the crash happened on a road outside Lebanon on Tuesday.")
    lebanon = _one(mentions, "Lebanon").place
    county = _one(mentions, "Boone County").place
    assert (lebanon.country_iso2, lebanon.admin1) == ("US", "Indiana")
    assert (county.country_iso2, county.admin1) == ("US", "Indiana")


def test_a_capital_tagged_as_a_speaker_is_still_a_place(places_of):
    _, mentions = places_of("Tbilisi says the separatists fired first near the border.")
    assert _one(mentions, "Tbilisi").place.country_iso2 == "GE"


@pytest.mark.parametrize(
    ("text", "name", "iso2"),
    [
        ("Anyone with information should call the Hopkinton Police Department.", "Hopkinton", "US"),
        ("The Tavistock Fire Chief said the barn could not be saved.", "Tavistock", None),
    ],
)
def test_the_place_that_names_an_institution(places_of, text, name, iso2):
    _, mentions = places_of(text)
    mention = _one(mentions, name)
    assert mention.place is not None
    if iso2:
        assert mention.place.country_iso2 == iso2


def test_an_upper_case_dateline_after_the_headline(places_of):
    text = "Heavy rain floods the valley. MANSFIELD -- Heavy rain closed three roads in Richland County, Ohio, on Monday."
    _, mentions = places_of(text)
    dateline = _one(mentions, "MANSFIELD")
    assert (dateline.place.country_iso2, dateline.place.admin1) == ("US", "Ohio")


@pytest.mark.parametrize(
    ("text", "name", "iso2", "feature"),
    [
        ("Fighting was reported again in South Ossetia overnight.", "South Ossetia", "GE", "RGN"),
        ("Aid convoys reached Darfur after weeks of delays.", "Darfur", "SD", "RGN"),
        ("The ship sank in the Black Sea during the storm.", "Black Sea", "", "SEA"),
    ],
)
def test_named_regions_and_seas(places_of, text, name, iso2, feature):
    _, mentions = places_of(text)
    place = _one(mentions, name).place
    assert (place.country_iso2, place.feature_code) == (iso2, feature)


def test_an_unknown_name_takes_the_focus_country_only_when_the_doc_agrees(geo_nlp, resolver):
    agreed = "Fighting in Kandahar and Herat spread to Zaranjabadistan, officials in Kabul said."
    mixed = "Delegates from Kenya and Peru met in Zaranjabadistan."
    for text, expected in ((agreed, "AF"), (mixed, None)):
        start = text.index("Zaranjabadistan")
        (mention,) = resolver.resolve_spans(geo_nlp(text), [(start, start + len("Zaranjabadistan"))])
        if expected is None:
            assert mention.place is None
        else:
            assert mention.place.country_iso2 == expected and mention.place.feature_code == "PCLI"
            assert mention.source.endswith("+focus")


class _Points:
    def __init__(self, points):
        self.latitude = [lat for lat, _ in points]
        self.longitude = [lon for _, lon in points]


def test_region_point_is_the_middle_of_the_extent_not_the_mean():
    # Nine towns crowded in the south-east corner and one far north-west: the mean sits in
    # the corner, the middle of the extent in the middle.
    points = [(40.0 + i * 0.01, -74.0) for i in range(9)] + [(50.0, -84.0)]
    latitude, longitude = _region_point(_Points(points), list(range(len(points))))
    assert latitude == pytest.approx(45.0) and longitude == pytest.approx(-79.0)


def test_region_point_across_the_antimeridian():
    points = [(60.0, 179.0), (62.0, -179.0), (61.0, 178.0)]
    latitude, longitude = _region_point(_Points(points), [0, 1, 2])
    assert latitude == pytest.approx(61.0)
    assert abs(longitude) > 179.0 - 1e-9  # on the short arc, not near 0


def test_region_point_trims_far_outliers_of_large_regions():
    points = [(45.0 + (i % 10) * 0.1, 10.0 + (i // 10) * 0.1) for i in range(99)] + [(80.0, 10.0)]
    latitude, _ = _region_point(_Points(points), list(range(len(points))))
    assert latitude < 50.0


def test_bordering_is_symmetric():
    from eventwire.geo.countries import bordering

    assert "PS" in bordering("IL") and "IL" in bordering("PS")
    assert "AF" in bordering("IR") and "IR" in bordering("AF")
    assert bordering("NZ") == frozenset()


def test_a_neighbour_of_the_story_s_country_beats_a_namesake_far_away(places_of):
    # Mozambique has a Gaza province; in an Israel story, Gaza is the Palestinian city.
    _, mentions = places_of("Officials in Jerusalem said two rockets were fired from Gaza toward Israel on Monday.")
    assert _one(mentions, "Gaza").place.country_iso2 == "PS"


def test_a_town_the_model_tags_as_a_nationality_stays_a_town(places_of):
    # The small model tags "Kidal" as NORP in this sample report; the region-adjective rule
    # ("South Ossetian") must not turn the town into its region.
    from pathlib import Path

    text = (Path(__file__).parents[2] / "examples" / "sample" / "01_kidal_army_clash.txt").read_text(encoding="utf-8")
    _, mentions = places_of(text)
    kidals = [m for m in mentions if m.text.lower() == "kidal"]
    assert kidals and all(m.place.feature_code == "PPLA" for m in kidals)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # the small model tags this small town ORG; after "in" it is the place
        ("Water lines in Whitestown will be replaced.", "Whitestown", "Indiana"),
    ],
)
def test_a_small_town_after_in_is_a_place(places_of, text, name, admin1):
    _, mentions = places_of(text)
    place = _one(mentions, name).place
    assert (place.country_iso2, place.admin1) == ("US", admin1)
