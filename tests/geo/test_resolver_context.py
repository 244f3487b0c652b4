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


def test_an_unknown_name_takes_the_home_town_else_the_focus_country_only_when_the_doc_agrees(geo_nlp, resolver):
    towns = "Fighting in Kandahar spread to Zaranjabadistan, and Kandahar officials said Herat was calm."
    countries = "Afghan officials said fighting in Afghanistan had reached Zaranjabadistan."
    mixed = "Delegates from Kenya and Peru met in Zaranjabadistan."
    for text, iso2, feature, name, kind in (
        (towns, "AF", "PPLA", "Kandahār", "+near"),  # the town named most often
        (countries, "AF", "PCLI", "Afghanistan", "+focus"),  # no town: the country
        (mixed, None, None, None, None),  # no agreement: unresolved
    ):
        start = text.index("Zaranjabadistan")
        (mention,) = resolver.resolve_spans(geo_nlp(text), [(start, start + len("Zaranjabadistan"))])
        if iso2 is None:
            assert mention.place is None
        else:
            place = mention.place
            assert (place.country_iso2, place.feature_code, place.name) == (iso2, feature, name), place
            assert mention.source.endswith(kind)


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


def test_a_name_made_explicit_once_keeps_that_sense_everywhere(places_of):
    # Boston and Worcester pull a bare "Springfield" to Massachusetts; the story says once
    # which Springfield it means, and that holds for the bare mention too.
    text = (
        "Springfield police thanked colleagues from Boston and Worcester. "
        "The parade in Springfield, Ohio, drew a crowd."
    )
    _, mentions = places_of(text)
    springfields = [m for m in mentions if m.text == "Springfield"]
    assert len(springfields) == 2
    assert [(m.place.country_iso2, m.place.admin1) for m in springfields] == [("US", "Ohio")] * 2


def test_a_region_that_is_also_a_country_part_votes_for_its_country(places_of):
    # "England" may be the United Kingdom or its region; both are in GB, so it votes for GB
    # with full weight and the English Cambridge and Chesterton win over the American ones.
    _, mentions = places_of("He was born in a village in Italy and later worked in England, in Cambridge and Chesterton.")
    for name in ("England", "Cambridge", "Chesterton"):
        assert _one(mentions, name).place.country_iso2 == "GB"


@pytest.mark.parametrize(
    ("text", "name", "region"),
    [
        ("Ohioans voted on the levy on Tuesday.", "Ohioans", "Ohio"),
        ("Many Ontarians commute by train.", "Ontarians", "Ontario"),
    ],
)
def test_a_state_or_province_demonym_names_its_region(resolver, geo_nlp, text, name, region):
    start = text.index(name)
    (mention,) = resolver.resolve_spans(geo_nlp(text), [(start, start + len(name))])
    assert (mention.place.feature_code, mention.place.admin1) == ("ADM1", region)


def test_an_abbreviated_first_word_finds_the_full_name(places_of):
    _, mentions = places_of("The county fair opened in Mt. Pleasant, Iowa, on Friday.")
    place = _one(mentions, "Mt. Pleasant").place
    assert (place.name, place.admin1) == ("Mount Pleasant", "Iowa")


def test_an_armed_group_is_not_the_town_that_shares_its_alternate_name(places_of):
    _, mentions = places_of("Talks between Hamas and Israel stalled in Cairo.")
    assert [m.text for m in mentions] == ["Israel", "Cairo"]


def test_a_person_tagged_name_with_a_feature_word_is_not_a_person(resolver, geo_nlp):
    from spacy.tokens import Span

    doc = geo_nlp("Jane Ripley met the mayor of Greer Station on Monday.")
    ripley = Span(doc, 0, 2, label="PERSON")
    station = Span(doc, 6, 8, label="PERSON")
    assert station.text == "Greer Station"
    words = resolver._person_words([ripley, station])
    assert "ripley" in words and "greer" not in words


def test_a_two_word_demonym_is_found_without_ner(resolver, geo_nlp):
    doc = geo_nlp("Officials said Sri Lankan troops and North Korean envoys met the Czechs.")
    doc.ents = []  # the scan alone must find them
    found = {(m.text, m.place.country_iso2) for m in resolver(doc) if m.is_demonym}
    assert found == {("Sri Lankan", "LK"), ("North Korean", "KP"), ("Czechs", "CZ")}


def test_a_name_with_digits_the_gazetteer_lacks_is_not_a_place(places_of):
    # the small model tags the rebel group "M23" as a place; no gazetteer entry says so
    _, mentions = places_of("Heavy fighting broke out on Wednesday between the Congolese army and M23 rebels near Rutshuru.")
    assert "M23" not in [m.text for m in mentions]
    assert _one(mentions, "Rutshuru").place.country_iso2 == "CD"
