from __future__ import annotations

import pytest

from eventwire.geo.countries import country_by_iso2, country_by_iso3, lookup_country, match_country


@pytest.mark.parametrize(
    ("text", "iso2"),
    [
        ("Afghanistan", "AF"),
        ("afghanistan", "AF"),
        ("Afghanistan's", "AF"),
        ("Iran’s", "IR"),
        ("US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("United States", "US"),
        ("the United States", "US"),
        ("America", "US"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("DR Congo", "CD"),
        ("DRC", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Palestine", "PS"),
        ("Palestinian territories", "PS"),
        ("Burma", "MM"),
        ("Georgia", "GE"),
    ],
)
def test_lookup_country_by_name(text, iso2):
    assert lookup_country(text).iso2 == iso2


@pytest.mark.parametrize(
    ("text", "iso2"),
    [
        ("Afghan", "AF"),
        ("Afghans", "AF"),
        ("Kenyan", "KE"),
        ("Somali", "SO"),
        ("Israeli", "IL"),
        ("Palestinian", "PS"),
        ("Iraqi", "IQ"),
        ("Syrian", "SY"),
        ("Malian", "ML"),
        ("Congolese", "CD"),  # shared with the Republic of the Congo: the more populous wins
        ("Colombian", "CO"),
        ("Pakistani", "PK"),
        ("Nigerian", "NG"),
        ("American", "US"),
        ("British", "GB"),
        ("French", "FR"),  # not Réunion or Martinique
        ("Thai", "TH"),
    ],
)
def test_demonyms(text, iso2):
    match = match_country(text)
    assert (match.country.iso2, match.kind) == (iso2, "demonym")


@pytest.mark.parametrize("text", ["us", "Texas", "Kabul", "Island", "", "Taliban"])
def test_not_a_country(text):
    # "us" is a pronoun: acronyms match case-sensitively
    assert lookup_country(text) is None


def test_country_record():
    country = lookup_country("Afghanistan")
    assert (country.iso3, country.capital, country.demonym) == ("AFG", "Kabul", "Afghan")
    assert country.population > 10_000_000
    assert (country.latitude, country.longitude) == (33.0, 65.0)  # countryinfo latlng


@pytest.mark.parametrize(("iso2", "iso3", "name"), [("AF", "AFG", "Afghanistan"), ("qa", "qat", "Qatar"), ("XK", "XKX", "Kosovo")])
def test_by_iso(iso2, iso3, name):
    assert country_by_iso2(iso2).name == name
    assert country_by_iso3(iso3).name == name


@pytest.mark.parametrize("code", ["ZZ", "", "AFGX"])
def test_unknown_codes(code):
    assert country_by_iso2(code) is None
    assert country_by_iso3(code) is None
