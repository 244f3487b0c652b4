"""Acceptance: the seed article through the full pipeline (reads ../shared at run time)."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.nlp.pipeline import build_pipeline

pytestmark = [pytest.mark.shared, pytest.mark.slow]
SEED_NAME = "000_fa41fb018e5e7486"
PUBLISHED = dt.date(2021, 7, 7)
BATTLE_SENTENCES = (
    "The Taliban attacked Qala-e-Naw, the province capital, from many directions, according to Hasamuddin Shams, "
    "the governor, who added that Afghan military had so far managed to push the Taliban back.",
    "According to Dr. Sanahullah Sabit of the Provincial Badghis Hospital, the battle killed at least two people "
    "and injured 28 others, including women and children.",
)


@pytest.fixture(scope="module")
def seed(shared_dir):
    path = shared_dir / "seed" / f"{SEED_NAME}.txt"
    if not path.is_file():
        pytest.skip(f"the seed article {path} is absent")
    nlp = build_pipeline()
    text = path.read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    doc._.ew_published = PUBLISHED
    doc._.ew_article_id = SEED_NAME
    (doc,) = list(nlp.pipe([doc]))
    return doc, doc._.ew_events


def test_exactly_one_battle_and_one_meeting(seed):
    _, events = seed
    assert sorted((e.event_type or "", e.plover_category) for e in events) == [("", "CONSULT"), ("Battles", "ASSAULT")]


def test_the_battle_at_qala_e_naw(seed):
    doc, events = seed
    (battle,) = [e for e in events if e.event_type == "Battles"]
    assert battle.sub_event_type == "Armed clash"
    assert (battle.event_date, battle.time_precision) == (PUBLISHED, 1)
    assert (battle.country, battle.iso3, battle.admin1) == ("Afghanistan", "AFG", "Badghis")
    assert battle.location in ("Qala i Naw", "Qala-e-Naw") and battle.geo_precision == 1
    assert battle.latitude == pytest.approx(34.99, abs=0.1) and battle.longitude == pytest.approx(63.13, abs=0.1)
    assert (battle.actor1, battle.actor2) == ("Taliban", "Military Forces of Afghanistan")
    assert (battle.fatalities, battle.injured) == (2, 28)
    assert battle.interaction == 12 and battle.disorder_type == "Political violence"
    texts = [item.text for item in battle.evidence]
    for sentence in BATTLE_SENTENCES:
        assert sentence in texts
    for item in battle.evidence:
        assert doc.text[item.start:item.end] == item.text


def test_the_meeting_in_tehran(seed):
    _, events = seed
    (meeting,) = [e for e in events if e.plover_category == "CONSULT"]
    assert meeting.event_type is None and meeting.sub_event_type is None
    assert meeting.event_date == PUBLISHED
    assert (meeting.location, meeting.country) == ("Tehran", "Iran")
    assert (meeting.actor1, meeting.actor2) == ("Taliban", "Government of Afghanistan")


def test_nothing_in_herat_doha_or_qatar(seed):
    _, events = seed
    for event in events:
        assert event.location not in ("Herat", "Doha") and event.country != "Qatar"
