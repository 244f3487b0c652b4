"""Recognition and resolution on sentences written for these tests."""
from __future__ import annotations

import pickle

import pytest


def _resolved(mentions, text):
    return [m for m in mentions if m.text == text]


def _one(mentions, text):
    found = _resolved(mentions, text)
    assert found, f"{text!r} not recognised in {[m.text for m in mentions]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "iso2", "admin1"),
    [
        # a French story: the capital of France
        ("Protesters marched through Paris on Saturday, and French police said the rally in Lyon was calm.", "Paris", "FR", "Ile-de-France"),
        # an explicit container: the Texas town
        ("Storm damage was reported in Paris, Texas, where two barns collapsed overnight.", "Paris", "US", "Texas"),
        # the country Georgia in a Tbilisi story
        ("Officials in Tbilisi said Georgia would reopen its border crossings next week.", "Georgia", "GE", ""),
        # the US state in an Atlanta story
        ("Police in Atlanta said troopers across Georgia closed several highways after the storm.", "Georgia", "US", "Georgia"),
    ],
)
def test_ambiguous_names_follow_context(places_of, text, name, iso2, admin1):
    _, mentions = places_of(text)
    place = _one(mentions, name).place
    assert (place.country_iso2, place.admin1) == (iso2, admin1)


@pytest.mark.parametrize(
    "text",
    [
        "Battles erupted near the border after midnight.",
        "Police said the convoy turned back.",
        "Reading the report took the committee two hours.",
        "Victoria was unhappy with the ruling in May.",
        "Mobile phone networks were cut on Sunday.",
    ],
)
def test_stoplisted_words_are_not_places(places_of, text):
    _, mentions = places_of(text)
    first_word = text.split()[0]
    assert not [m for m in mentions if m.text in (first_word, "May", "Sunday")]


@pytest.mark.parametrize("text", ["", "   ", "The committee met on Tuesday and agreed to postpone the vote.", "no capital letters here at all."])
def test_no_places(places_of, text):
    _, mentions = places_of(text)
    assert mentions == []


def test_mentions_sorted_with_offsets(places_of):
    text = "Gunmen attacked a checkpoint near Kandahar, and the wounded were flown to Kabul."
    _, mentions = places_of(text)
    assert [m.text for m in mentions] == ["Kandahar", "Kabul"]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert all(0 < m.score <= 1 and m.source for m in mentions)
    assert [m.place.country_iso2 for m in mentions] == ["AF", "AF"]


@pytest.mark.parametrize(("text", "word", "iso2"), [("Afghan forces pushed back.", "Afghan", "AF"), ("Kenyan troops arrived.", "Kenyan", "KE"), ("Two Somalis were detained.", "Somalis", "SO")])
def test_demonyms_are_flagged(places_of, text, word, iso2):
    _, mentions = places_of(text)
    mention = _one(mentions, word)
    assert mention.is_demonym and mention.source == "demonym"
    assert (mention.place.country_iso2, mention.place.feature_code) == (iso2, "PCLI")


def test_acronyms_and_pronoun(places_of):
    _, mentions = places_of("The U.S. embassy told us the UK would help.")
    assert [(m.text, m.place.country_iso2) for m in mentions] == [("U.S.", "US"), ("UK", "GB")]


def test_province_word_selects_the_region(places_of):
    _, mentions = places_of("Fighting spread across Herat province, and the city of Herat was quiet.")
    region = _one(mentions, "Herat province").place
    assert (region.feature_code, region.country_iso2) == ("ADM1", "AF")
    city = [m for m in mentions if m.text == "Herat"][0].place
    assert city.level == "place" and city.country_iso2 == "AF"


def test_izafe_spellings_in_text(places_of):
    _, mentions = places_of("Residents fled Kala-i-Naw after the attack, officials in Qala-e-Naw said.")
    assert {m.place.geonameid for m in mentions} == {1129867}


def test_district_and_container(places_of):
    _, mentions = places_of("Militants overran Dawlat Abad district, Balkh, late on Monday.")
    district = _one(mentions, "Dawlat Abad district").place
    assert (district.country_iso2, district.admin1) == ("AF", "Balkh")
    assert _one(mentions, "Balkh").place.feature_code == "ADM1"


def test_dateline_sets_country_focus(places_of):
    # "Hyderabad" is a large city in India and in Pakistan; the dateline decides
    text = "KARACHI, Pakistan (AP) — Police in Hyderabad arrested four men on Friday."
    _, mentions = places_of(text)
    assert _one(mentions, "Hyderabad").place.country_iso2 == "PK"


def test_place_names_tagged_as_persons(places_of):
    # one-word towns the small model may call PERSON; a speaker's name stays a person
    _, mentions = places_of("An Alexandria man was injured. Kabul said nothing.")
    assert "Alexandria" in [m.text for m in mentions]


def test_person_names_are_not_places(places_of):
    _, mentions = places_of("Senator Wesley Clark met voters on Monday. Clark said the plan would work.")
    assert "Clark" not in [m.text for m in mentions]


def test_mentions_pickle(places_of):
    _, mentions = places_of("Protesters gathered in Nairobi.")
    assert pickle.loads(pickle.dumps(mentions)) == mentions


@pytest.mark.parametrize(
    "text,word",
    [
        ("A suicide attack on US-trained Somali forces killed four in Mogadishu.", "US"),
        ("Iran-backed militias fired rockets at a base in Erbil on Monday.", "Iran"),
    ],
)
def test_hyphenated_country_modifier_is_an_attribute(places_of, text, word):
    _, found = places_of(text)
    mentions = [m for m in found if m.text == word]
    assert mentions and all(m.is_demonym for m in mentions)


def test_resolve_spans_uses_the_given_spans_and_the_doc_as_context(geo_nlp, resolver):
    text = "Fighting was reported in Kala-i-Naw, and later in Herat, western Afghanistan. Nowhereville was calm."
    spans = [(text.index("Kala-i-Naw"), text.index("Kala-i-Naw") + len("Kala-i-Naw")),
             (text.index("Nowhereville"), text.index("Nowhereville") + len("Nowhereville"))]
    qala, unknown = resolver.resolve_spans(geo_nlp(text), spans)
    assert (qala.start, qala.end, qala.text) == (*spans[0], "Kala-i-Naw")
    assert qala.place is not None and qala.place.country_iso2 == "AF" and qala.place.admin1 == "Badghis"
    # Not in the gazetteer: the story's home town (the first of its most-named towns),
    # flagged as such in the source.
    assert unknown.text == "Nowhereville" and unknown.source == "given+near"
    assert unknown.place == qala.place


@pytest.mark.parametrize(
    "text,word,admin1",
    [
        # a town named like a European capital, in a story that names its US state elsewhere
        ("Kentucky officials met on Monday. The fire started in a barn in Paris on Sunday.", "Paris", "Kentucky"),
        ("Ohio firefighters were called out twice. Residents of London were told to stay home.", "London", "Ohio"),
    ],
)
def test_a_region_named_elsewhere_in_the_story_pulls_its_towns(places_of, text, word, admin1):
    _, found = places_of(text)
    [mention] = [m for m in found if m.text == word]
    assert mention.place.country_iso2 == "US" and mention.place.admin1 == admin1


def test_a_bare_name_shared_by_a_region_and_its_chief_city_is_the_city(places_of):
    # the region keeps the city's older name as its own; the city has it as an alternate
    _, mentions = places_of("Three students were shot dead in Chittagong on Tuesday, police said.")
    (mention,) = [m for m in mentions if m.text == "Chittagong"]
    assert (mention.place.feature_code, mention.place.level) != ("ADM1", "admin1")
    assert mention.place.country_iso2 == "BD"
    # an admin word still selects the region
    _, mentions = places_of("Curfew was declared across Chittagong division on Tuesday.")
    (mention,) = [m for m in mentions if m.text.startswith("Chittagong")]
    assert mention.place.level == "admin1"
