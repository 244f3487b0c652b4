"""process_batch: the one pure unit of work, through the full pipeline."""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

from eventwire.engine import process_batch
from eventwire.ingest import content_id
from eventwire.nlp.pipeline import get_pipeline
from eventwire.types import Article

pytestmark = pytest.mark.slow

REPORT = """ date 2023-03-08 Gunmen attack army post near Gao

GAO, Mali — Gunmen attacked an army post near Gao on Tuesday, killing three soldiers, the Malian army said.

Residents said the attackers fled into the desert.
"""


def article(text: str, published: dt.date) -> Article:
    return Article(id=content_id(text), text=text, published=published)


@pytest.fixture(scope="module")
def results():
    return process_batch([article(REPORT, dt.date(2023, 3, 8))], get_pipeline())


def test_one_event_with_its_source_and_evidence(results):
    [result] = results
    battles = [event for event in result.events if event.event_type == "Battles"]
    assert len(battles) == 1
    battle = battles[0]
    assert battle.sources == [result.article.id]
    assert battle.location == "Gao" and battle.country == "Mali"
    assert battle.fatalities == 3
    for evidence in battle.evidence:
        assert REPORT[evidence.start : evidence.end] == evidence.text


def test_the_headline_takes_the_lead_date_not_the_publication_date(results):
    # published Wednesday 8 March; the lead says Tuesday: one event, on the 7th
    assert [event.event_date for event in results[0].events if event.event_type] == [dt.date(2023, 3, 7)]


def test_results_pickle_for_other_processes(results):
    assert pickle.loads(pickle.dumps(results)) == results


def test_empty_batch():
    assert process_batch([], get_pipeline()) == []
