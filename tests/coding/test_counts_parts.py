"""Figures that are parts of one toll, not conflicting reports of it (``coding.conventions.counts``): a
total and the parts that add up to it, "five more were later found dead", and the dead of two
sides of one fight. Unit cases on ``resolve_count``, then whole articles through the pipeline."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding.conventions.counts import CountClaim, resolve_count

PUBLISHED = dt.date(2019, 3, 6)  # a Wednesday, before the Taliban became the state (2021-08-15)


def claim(count, source="", *, start=0, additional=False, side=None, kind="fatalities", vague=False):
    return CountClaim(kind, count, source, start, start + 10, additional, side, vague)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # a total beside the parts that add up to it: the total
        ([claim(8), claim(3, "officials", start=20), claim(5, "medics", start=40)], 8),
        # two sources that disagree: the lowest (ACLED)
        ([claim(8), claim(3, "officials", start=20)], 3),
        ([claim(9), claim(3, "officials", start=20), claim(5, "medics", start=40)], 3),
        # "five more" told by a source that gave no figure before: added to the figure before it
        ([claim(3, "officials"), claim(5, "medics", start=40, additional=True)], 8),
        # the dead of two sides add up; reports of one side still conflict
        ([claim(5, side="state"), claim(5, "governor", start=20, side="state"), claim(7, start=40, side="armed")], 12),
        ([claim(5, side="state"), claim(4, "governor", start=20, side="state"), claim(7, start=40, side="armed")], 11),
        # a total of no side ("eight people") is no side's part
        ([claim(5, side="state"), claim(8, "medics", start=40)], 5),
        # "left several victims" beside "killed at least 30": a word, not a conflicting figure
        ([claim(30), claim(3, "ministry", start=40, vague=True)], 30),
        ([claim(5, kind="arrested"), claim(3, "police", start=40, vague=True, kind="arrested")], 3),
        # the captured are not added up by side
        ([claim(2, side="armed", kind="arrested"), claim(3, start=40, side="civilians", kind="arrested")], 3),
    ],
)
def test_resolve_count_parts_and_conflicts(claims, expected):
    assert resolve_count(claims, claims[0].kind) == expected


def _events(text):
    from eventwire.nlp.pipeline import get_pipeline

    nlp = get_pipeline()
    doc = nlp.make_doc(text)
    doc._.ew_published, doc._.ew_article_id = PUBLISHED, "t1"
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(e.sub_event_type, e.fatalities) for e in doc._.ew_events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Rioters protesting a fuel tax looted shops in Nairobi on Tuesday, and officials said three people died in a fire at a looted store. "
            "Five more people were later found dead in a burned warehouse, police said.",
            ("Violent demonstration", 8), id="more-dead-found-later-add-to-the-dead-told-before",
        ),
        pytest.param(
            "Taliban fighters attacked a police checkpoint in Kandahar province on Tuesday, killing five policemen. "
            "Seven Taliban insurgents were killed in the fighting, the governor said.",
            ("Armed clash", 12), id="the-dead-of-both-sides-add-up",
        ),
        pytest.param(
            "Police opened fire on protesters trying to storm the parliament in Nairobi on Tuesday, with at least four "
            "protesters killed.",
            ("Excessive force against protesters", 4), id="a-toll-after-with-belongs-to-the-shooting-not-an-intended-storming",
        ),
        pytest.param(
            "A suicide bomber killed at least 30 people at a market in Baghdad on Monday. "
            "Several people were killed in the bombing, the ministry said.",
            ("Suicide bomb", 30), id="several-dead-in-a-statement-do-not-lower-a-stated-toll",
        ),
    ],
)
def test_tolls_of_whole_articles(text, expected):
    assert _events(text) == [expected]
