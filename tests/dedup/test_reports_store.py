"""One event, many reports, end to end: articles the project wrote, coded by the real pipeline,
stored, merged; the same set in another order or other batches gives the same events."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.engine.local import ingest_items
from eventwire.report import format_event_detail
from eventwire.store import Store
from eventwire.types import Article

pytestmark = pytest.mark.slow

TUESDAY = dt.date(2024, 3, 5)
BANK = (
    "KANDAHAR, Afghanistan — A suicide bomber blew himself up outside a crowded bank in Kandahar on Tuesday, "
    "killing 12 people and wounding 30 others, the provincial police chief said."
)
TEXTS = {
    "orig": BANK + "\n\nPolice spokesman Jamal Barakzai said the attacker detonated his explosives as government "
    "employees lined up to collect their salaries. No group immediately claimed responsibility for the bombing.",
    "copy": BANK + "\n\nPolice spokesman Jamal Barakzai said the attacker detonated his explosives as government "
    "employees lined up to collect their salaries.",
    "reworded": "Twelve people died on Tuesday when an attacker wearing an explosive vest set it off in front of a "
    "busy bank in the southern city of Kandahar, according to police.\n\nThirty more were hurt in the blast, "
    "police spokesman Jamal Barakzai told reporters.",
    "followup": "The death toll from Tuesday's suicide bombing outside a bank in Kandahar has risen to 19, the "
    "provincial health director said on Wednesday.\n\nThe bomber blew himself up outside the bank in Kandahar on "
    "Tuesday as employees waited for their salaries.",
    "checkpoint": "Gunmen stormed a police checkpoint on the outskirts of Kandahar on Tuesday, killing three "
    "policemen, officials said.\n\nThe attackers fled after a two-hour gunfight, said police spokesman Jamal Barakzai.",
    "town": "Gunmen attacked a border post in Spin Boldak on Sunday, killing four Afghan border guards, the district "
    "governor said.",
    "province": "Four border guards were killed on Sunday when insurgents attacked a border post in Kandahar "
    "province, officials said.",
}
PUBLISHED = {"orig": TUESDAY, "copy": TUESDAY, "reworded": TUESDAY, "followup": TUESDAY + dt.timedelta(days=1)}


def articles() -> list[Article]:
    return [
        Article(id=f"a-{key}", text=text, published=PUBLISHED.get(key, TUESDAY), title=key, url=f"https://{key}.example/x")
        for key, text in TEXTS.items()
    ]


def ingest(store, items, batch_size):
    from eventwire.nlp.pipeline import get_pipeline

    return ingest_items(items, store=store, nlp=get_pipeline(), batch_size=batch_size)


def snapshot(store) -> list[tuple]:
    return [
        (e.event_id, e.event_date, e.event_type, e.sub_event_type, e.location, e.fatalities, e.injured,
         tuple(sorted(e.sources)), e.independent_sources, tuple(e.conflicts))
        for e in store.list_events()
    ]


@pytest.fixture(scope="module")
def stored():
    with Store.open(":memory:") as store:
        summary = ingest(store, articles(), batch_size=64)
        yield store, summary


def event_from(store, article_id, event_type):
    found = [e for e in store.list_events(event_type=event_type) if article_id in e.sources]
    assert len(found) == 1, found
    return found[0]


def test_copies_rewordings_and_a_follow_up_are_one_bombing(stored):
    store, _ = stored
    bombing = event_from(store, "a-orig", "Explosions/Remote violence")
    assert sorted(bombing.sources) == ["a-copy", "a-followup", "a-orig", "a-reworded"]
    assert {item.article_id for item in bombing.evidence} == set(bombing.sources)
    assert bombing.location.startswith("Kandah") and bombing.event_date == dt.date(2024, 3, 5)


def test_the_follow_up_toll_is_kept_and_the_conflict_noted(stored):
    store, _ = stored
    bombing = event_from(store, "a-orig", "Explosions/Remote violence")
    assert bombing.fatalities == 19
    assert any(note.startswith("fatalities: ") and "kept 19, the most recent report" in note for note in bombing.conflicts)
    [source] = [item for item in bombing.provenance if item.field == "fatalities"]
    assert source.article_id == "a-followup" and source.text == "19"


def test_an_exact_copy_is_not_an_independent_source(stored):
    store, _ = stored
    bombing = event_from(store, "a-orig", "Explosions/Remote violence")
    stories = store.stories_of(bombing.sources)
    assert stories["a-copy"]["story_id"] == stories["a-orig"]["story_id"]
    assert stories["a-copy"]["role"] == "copy" and stories["a-orig"]["role"] == "original"
    distinct = len({stories[source]["story_id"] for source in bombing.sources})
    assert bombing.independent_sources == distinct < len(bombing.sources)
    assert bombing.confidence == round(1 - 0.5 ** distinct, 3)


def test_another_attack_in_the_same_city_on_the_same_day_stays_apart(stored):
    store, _ = stored
    checkpoint = event_from(store, "a-checkpoint", "Battles")
    assert checkpoint.sources == ["a-checkpoint"] and checkpoint.fatalities == 3


def test_one_attack_placed_in_a_town_and_in_its_province_is_one_event(stored):
    store, _ = stored
    border = event_from(store, "a-town", "Battles")
    assert sorted(border.sources) == ["a-province", "a-town"]
    assert border.location == "Spīn Bōldak" and border.geo_precision == 1
    assert any("lies in Kandahar" in reason for reason in border.merge_reasons)


def test_show_prints_every_source_its_evidence_and_the_reasons(stored):
    store, _ = stored
    bombing = event_from(store, "a-orig", "Explosions/Remote violence")
    text = format_event_detail(
        bombing, store.get_articles(bombing.sources), stories=store.stories_of(bombing.sources),
        quotes=store.list_quotes(event_id=bombing.event_id),
    )
    assert "merged because" in text and "reports disagree" in text and "fields read from" in text
    for source in bombing.sources:
        assert f"source {source}: " in text
    assert "[copy in story" in text


def test_reingesting_adds_nothing(stored):
    store, _ = stored
    before = snapshot(store)
    summary = ingest(store, articles(), batch_size=3)
    assert summary.articles_added == 0 and snapshot(store) == before


def test_another_order_and_other_batches_give_the_same_events(stored):
    store, _ = stored
    expected = snapshot(store)
    with Store.open(":memory:") as other:
        ingest(other, list(reversed(articles())), batch_size=2)
        assert snapshot(other) == expected
    with Store.open(":memory:") as other:
        shuffled = articles()
        shuffled = shuffled[3:] + shuffled[:3]
        for item in shuffled:
            ingest(other, [item], batch_size=1)
        assert snapshot(other) == expected
