"""DateResolver (``eventwire_dates_v1``): date expressions resolved against the publication date."""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

from eventwire.errors import ModelError
from eventwire.nlp.dates import DateResolver, date_for_sentence, report_date, resolve_dates

PUBLISHED = dt.date(2021, 7, 7)  # a Wednesday
D = dt.date


def only(text: str, published: dt.date | None = PUBLISHED):
    mentions = resolve_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "phrase", "date", "precision"),
    [
        # weekdays: the most recent one on or before publication; the publication weekday is that day
        ("The two sides met on Wednesday in the capital.", "Wednesday", D(2021, 7, 7), 1),
        ("The two sides met on Monday in the capital.", "Monday", D(2021, 7, 5), 1),
        ("The two sides met on Thursday in the capital.", "Thursday", D(2021, 7, 1), 1),
        ("Clashes went on since early Wednesday morning near the bridge.", "early Wednesday morning", D(2021, 7, 7), 1),
        ("A mortar hit the depot on Monday night.", "Monday night", D(2021, 7, 5), 1),
        # fixed-date holidays: the latest one on or before publication
        ("Gunmen attacked the base on Christmas Day.", "Christmas Day", D(2020, 12, 25), 1),
        ("The curfew began on New Year’s Eve.", "New Year’s Eve", D(2020, 12, 31), 1),
        ("The convoy left last Wednesday.", "last Wednesday", D(2021, 6, 30), 1),
        ("Sunday's march was peaceful.", "Sunday", D(2021, 7, 4), 1),
        # day words
        ("The council will vote today.", "today", D(2021, 7, 7), 1),
        ("Yesterday the market reopened.", "Yesterday", D(2021, 7, 6), 1),
        ("A blast shook the port last night.", "last night", D(2021, 7, 6), 1),
        ("Rockets fell on the town overnight.", "overnight", D(2021, 7, 6), 1),
        ("Two days ago a patrol was ambushed.", "Two days ago", D(2021, 7, 5), 1),
        ("A day after the vote, crowds gathered.", "A day after", D(2021, 7, 7), 1),
        ("The day before, the road had been closed.", "The day before", D(2021, 7, 6), 1),
        # weeks: precision 2, the Monday of the week (the Saturday of a weekend)
        ("The talks collapsed last week.", "last week", D(2021, 6, 28), 2),
        ("Earlier this week the bridge was closed.", "Earlier this week", D(2021, 7, 5), 2),
        ("Shops were looted over the weekend.", "over the weekend", D(2021, 7, 3), 2),
        ("Three weeks ago the border closed.", "Three weeks ago", D(2021, 6, 16), 2),
        # months: precision 3, the first day of the month
        ("Prices rose this month.", "this month", D(2021, 7, 1), 3),
        ("Prices rose last month.", "last month", D(2021, 6, 1), 3),
        ("The strike began in July.", "July", D(2021, 7, 1), 3),
        ("The strike began in August.", "August", D(2020, 8, 1), 3),
        ("The strike began in mid-June.", "mid-June", D(2021, 6, 1), 3),
        ("Voting was held in May 2019.", "May 2019", D(2019, 5, 1), 3),
        ("The dam was finished in 2019.", "2019", D(2019, 1, 1), 3),
        # absolute dates: no year -> the year that puts them on or before publication
        ("The deal was signed on July 5.", "July 5", D(2021, 7, 5), 1),
        ("The deal was signed on 5 July.", "5 July", D(2021, 7, 5), 1),
        ("The deal was signed on the 5th of July.", "5th of July", D(2021, 7, 5), 1),
        ("The deal was signed on August 3.", "August 3", D(2020, 8, 3), 1),
        ("The deal was signed on July 5, 2019.", "July 5, 2019", D(2019, 7, 5), 1),
        ("The deal was signed on 5 July 2019.", "5 July 2019", D(2019, 7, 5), 1),
        ("The deal was signed on Jan. 15, 2011.", "Jan. 15, 2011", D(2011, 1, 15), 1),
        ("The deal was signed on 2021-06-30.", "2021-06-30", D(2021, 6, 30), 1),
        ("Talks ran on July 5-7.", "July 5-7", D(2021, 7, 5), 2),
    ],
)
def test_resolves(text, phrase, date, precision):
    mention = only(text)
    assert (mention.text, mention.date, mention.precision) == (phrase, date, precision)
    assert text[mention.start : mention.end] == phrase


@pytest.mark.parametrize(
    ("text", "relative"),
    [("The deal was signed on July 5, 2019.", False), ("The deal was signed on July 5.", True),
     ("The deal was signed yesterday.", True), ("The deal was signed on 2019-07-05.", False)],
)
def test_relative_flag(text, relative):
    assert only(text).relative is relative


@pytest.mark.parametrize(
    "text",
    [
        "Protesters have marched for months.",
        "After months of talks the deal collapsed.",
        "Seven weeks of protest closed the port.",
        "A 35-year-old man was detained.",
        "He was 25 years old.",
        "The camp has been sealed for the last week.",
        "The talks lasted four days.",
        "They may reopen the road.",
    ],
)
def test_skips_durations_and_ages(text):
    assert resolve_dates(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal was signed on July 5, 2019 and approved yesterday.", [D(2019, 7, 5)]),
        ("The deal was signed on Wednesday.", []),
    ],
)
def test_without_publication_date_only_dated_expressions_resolve(text, expected):
    assert [mention.date for mention in resolve_dates(text, None)] == expected


def test_overlapping_expressions_keep_the_longest():
    mentions = resolve_dates("The accord of 5 July 2019 still holds.", PUBLISHED)
    assert [(m.text, m.date) for m in mentions] == [("5 July 2019", D(2019, 7, 5))]


@pytest.fixture(scope="module")
def resolver(nlp_base):
    component = DateResolver(nlp_base, "ew_dates")
    component.initialize(nlp=nlp_base)
    return component


def test_component_sets_doc_extension(resolver, make_doc):
    doc = resolver(make_doc("Gunmen attacked a bus on Monday. Police arrived yesterday.", PUBLISHED))
    assert [(m.text, m.date) for m in doc._.ew_dates] == [("Monday", D(2021, 7, 5)), ("yesterday", D(2021, 7, 6))]
    assert pickle.loads(pickle.dumps(doc._.ew_dates)) == doc._.ew_dates


def test_component_uses_bare_month_entities(resolver, make_doc):
    doc = make_doc("July was the deadliest month.", PUBLISHED)
    assert any(ent.label_ == "DATE" for ent in doc.ents), "the model no longer tags 'July' as DATE here"
    assert [(m.text, m.date, m.precision) for m in resolver(doc)._.ew_dates] == [("July", D(2021, 7, 1), 3)]


def test_component_refuses_to_run_before_initialize(nlp_base, make_doc):
    with pytest.raises(ModelError, match="E212"):
        DateResolver(nlp_base, "ew_dates")(make_doc("On Monday it rained.", PUBLISHED))


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # press-release dateline: upper-case city, country, the filing date in brackets
        ("MOPTI, Mali (July 9) - Troops detained two men yesterday.", PUBLISHED, D(2021, 7, 9)),
        ("Release 12 KABUL, Afghanistan (Jan. 3, 2011) Forces killed two fighters.", PUBLISHED, D(2011, 1, 3)),
        ("KABUL, Afghanistan (Nov. 1. 2011)\nA patrol detained a suspect.", PUBLISHED, D(2011, 11, 1)),
        # agency dateline
        ("Nairobi, June 25 (Reuters) - Police arrested 14 people on Friday.", PUBLISHED, D(2021, 6, 25)),
        # a first line opening with the date
        ("Jul. 6: Operations in the south\nTroops killed two fighters yesterday.", PUBLISHED, D(2021, 7, 6)),
        # no year: the one nearest the publication date, even across new year
        ("GAO, Mali (Dec. 31) - A patrol was ambushed.", D(2022, 1, 2), D(2021, 12, 31)),
        # not datelines
        ("Troops detained two men on July 9 in Mopti.", PUBLISHED, None),
        ("NAIROBI, Kenya (AP) - Police arrested 14 people.", PUBLISHED, None),
        ("MOPTI, Mali (July 9) - no year and no publication date.", None, None),
    ],
)
def test_report_date(text, published, expected):
    mention = report_date(text, published)
    assert (mention.date if mention else None) == expected


def test_relative_dates_count_from_the_dateline_and_the_dateline_is_no_event_date(resolver, make_doc):
    # the record's date (July 7) is not when the release was filed (July 9)
    doc = resolver(make_doc("MOPTI, Mali (July 9) - Troops detained two men yesterday.", PUBLISHED))
    assert [(m.text, m.date) for m in doc._.ew_dates] == [("yesterday", D(2021, 7, 8))]


def test_without_a_dateline_relative_dates_count_from_publication(resolver, make_doc):
    doc = resolver(make_doc("Troops detained two men yesterday in Mopti.", PUBLISHED))
    assert [(m.text, m.date) for m in doc._.ew_dates] == [("yesterday", D(2021, 7, 6))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The leaders met in Iran on Wednesday for the first time in months.", "Wednesday"),
        ("On Monday, rebels attacked the town that the army had taken last month.", "Monday"),
        ("Rebels attacked the town.", None),
        # a date on a reporting verb dates the report: the event's own date wins
        ("Officials today confirmed the death of a militia leader, killed in a raid in the district Monday.", "Monday"),
        ("Police said on Tuesday that gunmen killed five people on Saturday.", "Saturday"),
        ("Police said on Tuesday that gunmen killed five people.", "Tuesday"),  # the only date
        # a date hung on a noun dates that noun's event ("the June 2 bombing"), not the sentence's
        ("Troops struck a commander linked to the June 2 bombing in Varo today.", "today"),
        ("Troops detained a man behind Monday's bombing in Varo today.", "today"),
        ("Monday's bombing killed five people.", "Monday"),  # the only date
    ],
)
def test_date_for_sentence(resolver, make_doc, text, expected):
    doc = resolver(make_doc(text, PUBLISHED))
    mention = date_for_sentence(doc, next(doc.sents))
    assert (mention.text if mention else None) == expected


@pytest.mark.shared
@pytest.mark.parametrize("phrase", ["on Wednesday", "since early Wednesday morning"])
def test_seed_wednesday(resolver, seed_doc, phrase):
    doc = resolver(seed_doc)
    start = doc.text.index(phrase)
    inside = [m for m in doc._.ew_dates if start <= m.start and m.end <= start + len(phrase)]
    assert [(m.date, m.precision) for m in inside] == [(D(2021, 7, 7), 1)]
