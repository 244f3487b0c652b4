"""parse_published and find_date."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest import parse_published
from eventwire.ingest.dates import find_date, try_parse_published

D = dt.date


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2021-07-07", D(2021, 7, 7)),
        (" 2021-07-07 ", D(2021, 7, 7)),
        ("2021-07-07T10:15", D(2021, 7, 7)),
        ("2021-07-07T10:15:30Z", D(2021, 7, 7)),
        ("2021-07-07 23:59:59.123+02:00", D(2021, 7, 7)),
        ("2021-07-07T01:00:00-0500", D(2021, 7, 7)),
        ("2024-02-29", D(2024, 2, 29)),
    ],
)
def test_parse_published_accepts_dates_and_timestamps(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "yesterday", "07/07/2021", "2021-7-7", "2021-13-01", "2023-02-29", "2021-07-07T", "2021-07-07 noon",
     "1850-01-01"],
)
def test_parse_published_rejects_other_values(value):
    assert try_parse_published(value) is None
    with pytest.raises(ValueError):
        parse_published(value)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Posted July 7, 2021. Clashes broke out.", D(2021, 7, 7)),
        ("Posted Jul. 7 2021 - clashes broke out.", D(2021, 7, 7)),
        ("By a correspondent, 7 July 2021\n\nClashes broke out.", D(2021, 7, 7)),
        ("Updated on the 3rd of March, 2019: talks stalled.", D(2019, 3, 3)),
        ("Sept. 12, 2020 | Farmers blocked a highway.", D(2020, 9, 12)),
        ("Filed 2022-11-30 by the desk. Talks resumed.", D(2022, 11, 30)),
        ("Talks on 4 May 2018 followed the March 1, 2018 accord.", D(2018, 5, 4)),  # first one wins
    ],
)
def test_find_date_finds_the_first_full_date(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "LAGOS, July 7 (Wire) - Gunmen attacked a village.",  # a dateline without a year
        "Gunmen attacked a village on Monday.",
        "Budget of 2021-13-45 units was approved.",  # not a calendar date
        "The May 2021 protests were large.",  # no day
    ],
)
def test_find_date_needs_a_full_date(text):
    assert find_date(text) is None


def test_find_date_only_looks_near_the_top():
    text = "Gunmen attacked a village. " * 30 + "Filed July 7, 2021."
    assert find_date(text) is None
    assert find_date(text, limit=len(text)) == D(2021, 7, 7)
