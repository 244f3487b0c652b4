"""A release's figures and province (``coding.conventions.counts`` and ``eval.casualties``): the rank and
file detained beside a leader add to the leader, and a release whose main event is placed only
at the country takes the region named just before that event. Whole releases through the
pipeline; the sentences and the district names are written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.eval.casualties import release_answer

PUBLISHED = dt.date(2019, 5, 8)  # a Wednesday


@pytest.fixture(scope="module")
def run_release():
    from eventwire.nlp.pipeline import get_pipeline

    nlp = get_pipeline()

    def run(text):
        doc = nlp.make_doc(text)
        doc._.ew_published, doc._.ew_article_id = PUBLISHED, "t1"
        for _, component in nlp.pipeline:
            doc = component(doc)
        return release_answer(list(doc._.ew_events), doc, published=PUBLISHED)

    return run


def test_insurgents_detained_beside_a_leader_are_further_people(run_release):
    text = (
        "Afghan and coalition forces arrested a Taliban commander in Paktika province today. "
        "The commander planned attacks on police posts along the main road. "
        "During the operation, the force also seized rifles and detained three suspected insurgents."
    )
    assert run_release(text)["captured"] == 4


def test_a_leader_restated_with_his_men_is_not_counted_twice(run_release):
    text = (
        "Afghan and coalition forces arrested a Taliban commander in Paktika province today. "
        "The commander and two of his fighters were detained after a short search."
    )
    assert run_release(text)["captured"] == 3


def test_figures_without_a_leader_before_them_are_a_restatement(run_release):
    text = (
        "Afghan forces detained two suspected insurgents in Paktika province today. "
        "During the search, the force detained two suspects for further questioning."
    )
    assert run_release(text)["captured"] == 2


def test_a_release_placed_only_at_the_country_takes_the_region_named_before(run_release):
    text = (
        "Operations in Herat province went on this week, officials in Herat province said.\n\n"
        "In Kunduz last night, a joint force searched a compound near the village of Qarghawal. "
        "During the search the force detained three suspected insurgents for questioning."
    )
    assert run_release(text)["province"] == "Kunduz"


def test_a_dateline_town_is_not_the_region_named_before(run_release):
    text = (
        "Kabul, Afghanistan (May 8, 2019) - Forces detained three suspected insurgents during a night search. "
        "Officials said the men had come from Paktika province to plan attacks."
    )
    assert run_release(text)["province"] == "Paktika"
