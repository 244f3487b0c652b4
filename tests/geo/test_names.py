from __future__ import annotations

import pytest

from eventwire.geo.names import is_latin, normalize_name, strip_article, strip_possessive


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # izafe particles between words are dropped, so the spellings meet
        ("Qala-e-Naw", "qala naw"),
        ("Qala i Naw", "qala naw"),
        ("Kala-i-Naw", "kala naw"),
        ("Qal`ah-ye Now", "qalah now"),
        ("Sar-e Pol", "sar pol"),
        # ...but a leading or trailing "e"/"i" is part of the name
        ("I Naw", "i naw"),
        # diacritics stripped, lowercase
        ("Téhéran", "teheran"),
        ("Mazār-e Sharīf", "mazar sharif"),
        # letters NFKD does not fold
        ("Łódź", "lodz"),
        ("Ærøskøbing", "aeroskobing"),
        # apostrophes and transliteration marks removed, not turned into spaces
        ("Ma'rib", "marib"),
        ("Qal‘eh Now", "qaleh now"),
        ("N’Djamena", "ndjamena"),
        # hyphens and punctuation become single spaces
        ("Winston-Salem", "winston salem"),
        ("St. Louis", "saint louis"),
        ("Saint Louis", "saint louis"),
        ("Mt. Pleasant", "mount pleasant"),
        ("Ft. Worth", "fort worth"),
        ("Main St", "main st"),  # only a first word is an abbreviation
        ("  Kabul  ", "kabul"),
        ("", ""),
    ],
)
def test_normalize_name(text, key):
    assert normalize_name(text) == key


@pytest.mark.parametrize(
    ("key", "stripped"),
    [
        ("al mawsil", "mawsil"),
        ("el fasher", "fasher"),
        ("an najaf", "najaf"),
        ("ar ramadi", "ramadi"),
        ("as sulaymaniyah", "sulaymaniyah"),
        ("at home", ""),  # "at" is only an article before a word starting with "t"
        ("an kabul", ""),
        ("al", ""),
        ("mosul", ""),
    ],
)
def test_strip_article(key, stripped):
    assert strip_article(key) == stripped


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Afghanistan's", "Afghanistan"), ("Iran’s", "Iran"), ("Texas'", "Texas"), ("Kabul", "Kabul")],
)
def test_strip_possessive(text, expected):
    assert strip_possessive(text) == expected


@pytest.mark.parametrize(
    ("text", "latin"),
    [("Qala-i-Naw", True), ("Kābul", True), ("Łódź", True), ("Кала-и-Нау", False), ("قلعه ناو", False), ("カライナウ", False)],
)
def test_is_latin(text, latin):
    assert is_latin(text) is latin
