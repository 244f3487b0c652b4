"""Where the text says a place lies (``eventwire.geo.admin``): whole district names before an
admin word, a named region that overrules a namesake, small towns abroad in a one-country
story, the region named just before an unknown district, datelines that are not home towns.
Sentences and place names written for these tests (the district names are invented)."""
from __future__ import annotations

import pytest


def _mention(mentions, text):
    found = [m for m in mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[0]


def _where(mention):
    place = mention.place
    return (place.name, place.country_iso2, place.level) if place is not None else None


def test_a_district_name_joined_by_wa_is_one_area_in_its_province(places_of):
    # no gazetteer name starts with "Dorbat": the whole name is found before its admin word
    _, mentions = places_of("Soldiers cleared two villages in Dorbat wa Gulbar district, Ghazni province, on Friday.")
    area = _mention(mentions, "Dorbat wa Gulbar")
    assert _where(area) == ("Ghazni", "AF", "admin1")
    assert area.source.endswith("+near")


def test_a_district_name_longer_than_the_known_first_word_is_one_area(places_of):
    # "Kalan" alone is a village in Iran; "Kalan wa Dorbat district" is one Afghan district
    _, mentions = places_of("Police detained a courier in Kalan wa Dorbat district, Farah province, on Monday.")
    assert not any(m.text == "Kalan" for m in mentions)
    assert _where(_mention(mentions, "Kalan wa Dorbat")) == ("Farah", "AF", "admin1")


def test_the_first_word_of_a_sentence_is_no_part_of_a_district_name(places_of):
    _, mentions = places_of("In Dorbat wa Gulbar district, Ghazni province, a patrol found a weapons cache.")
    assert _where(_mention(mentions, "Dorbat wa Gulbar")) == ("Ghazni", "AF", "admin1")
    assert not any(m.text.startswith("In ") for m in mentions)


def test_two_names_before_a_plural_admin_word_are_two_places(places_of):
    _, mentions = places_of("Raids took place in Kunar and Logar provinces on Sunday, a spokesman said.")
    assert not any(m.text == "Kunar and Logar" for m in mentions)


@pytest.mark.parametrize(
    ("text", "name", "region"),
    [
        # a namesake outside the named province gives way to the province (GeoNames knows
        # Osterby only in Germany and Sweden)
        ("Gunmen attacked a checkpoint in Osterby district, Farah province, late on Tuesday.", "Osterby", "Farah"),
        # a valley "in" a named province lies in it
        ("KABUL, Afghanistan (May 4) - An air strike hit a group of fighters in the Zorbak Valley in Konar province "
         "yesterday. Officials in Nangarhar province said the fighters had come from Nangarhar province.", "Zorbak", "Konar"),
    ],
)
def test_a_place_the_text_puts_in_a_named_province_lies_in_it(places_of, text, name, region):
    _, mentions = places_of(text)
    mention = next(m for m in mentions if m.text.startswith(name))
    assert _where(mention) == (region, "AF", "admin1")


def test_a_small_town_abroad_that_nothing_supports_is_a_local_name(places_of):
    # Bixby is a town in Oklahoma; this story names four Afghan places and nothing in the US
    _, mentions = places_of(
        "Afghan troops at Outpost Bixby repelled an attack on Tuesday, officials in Kandahar province said. "
        "Police from Zabul and Helmand later joined the Afghan troops."
    )
    outpost = _mention(mentions, "Bixby")
    assert outpost.place is None or outpost.place.country_iso2 == "AF"


def test_an_unknown_district_sits_in_the_region_named_just_before_it(places_of):
    text = (
        "Officials in Herat province said the week had been calm. Herat province saw no attacks, and "
        "Herat province police agreed.\n"
        "In Kunduz yesterday, police searched a house in the village of Qarghawal, in the Zorbak district."
    )
    _, mentions = places_of(text)
    assert _where(_mention(mentions, "Zorbak district" if any(m.text == "Zorbak district" for m in mentions) else "Zorbak")) == (
        "Kunduz", "AF", "admin1"
    )


def test_a_capitalised_dateline_town_is_not_the_home_of_an_unknown_village(places_of):
    text = (
        "KABUL, Afghanistan (June 3, 2031)\n"
        "Soldiers in Paktika province came under fire near Qarghawal on Tuesday. Two gunmen were killed."
    )
    _, mentions = places_of(text)
    village = _mention(mentions, "Qarghawal")
    assert _where(village) == ("Paktika", "AF", "admin1")


def test_a_regions_other_spelling_before_province_is_the_region(places_of):
    doc, mentions = places_of(
        "Several armed insurgents were killed by a coalition patrol in Dorbat wa Gulbar district, Kunar province today."
    )
    assert _where(_mention(mentions, "Kunar province")) == ("Konar", "AF", "admin1")


def test_an_armed_group_is_not_a_place(places_of):
    _, mentions = places_of("Police in Khost province detained a Haqqani commander and two of his Haqqani fighters.")
    assert not any(m.text.startswith("Haqqani") for m in mentions)


def test_two_names_are_too_few_to_call_a_town_abroad_a_namesake(places_of):
    _, mentions = places_of("Gunmen from Pakistan raided a checkpoint outside Bixby on Monday.")
    assert _mention(mentions, "Bixby").place.country_iso2 == "US"


def test_a_district_namesake_abroad_sits_in_the_region_named_just_before_it(places_of):
    # Osterby is a village in Germany; the story names Herat province most often
    text = (
        "Officials in Herat province said the week had been calm, and Herat province police agreed.\n"
        "In Kunduz yesterday, Afghan police searched a house in Osterby district."
    )
    _, mentions = places_of(text)
    district = next(m for m in mentions if m.text.startswith("Osterby"))
    assert _where(district) == ("Kunduz", "AF", "admin1")


@pytest.mark.parametrize("gap", [", ", ", central ", ", in northern "])
def test_a_country_named_as_the_container_overrules_a_namesake_abroad(places_of, gap):
    # Paris is a city of France; the text puts this one in Mali, where the gazetteer has none
    _, mentions = places_of(f"Five people were killed when their bus hit a landmine in Paris{gap}Mali, on Tuesday.")
    paris = _mention(mentions, "Paris")
    assert paris.place.country_iso2 == "ML"
    assert paris.source.endswith("+near")


def test_a_country_in_a_list_contains_nothing(places_of):
    _, mentions = places_of("The virus is unlike the Zaire, Bundibugyo, Ivory Coast and Sudan strains.")
    assert _mention(mentions, "Bundibugyo").place.country_iso2 == "UG"


def test_a_town_named_with_its_own_country_stays(places_of):
    _, mentions = places_of("Five people were killed when their bus hit a landmine near Mopti, central Mali, on Tuesday.")
    assert _where(_mention(mentions, "Mopti")) == ("Mopti", "ML", "place")
