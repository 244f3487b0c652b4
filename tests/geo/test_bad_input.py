"""Bad input for the place component: empty text, text with no places, and about 1 MB of
repeated place names.

spaCy's model cannot parse 1 MB inside a unit test (it needs about 1 GB of memory per
100,000 characters, and refuses texts over ``nlp.max_length``), so the 1 MB case is checked
in cheaper ways: the resolver over 1 MB that is only tokenised; over repeated parsed text,
every repetition resolved alike; how its work grows with the number of mentions; and what
ingest does with a 1 MB article (reported as too long for the model, the run goes on).
"""
from __future__ import annotations

import sys
import time

import pytest
from spacy.tokens import Doc

from eventwire.engine.local import ingest
from eventwire.geo import resolver as resolver_module
from eventwire.nlp.pipeline import get_pipeline
from eventwire.store import Store

MEGABYTE = 1_000_000
PLACES = "Kabul, Herat and Kandahar. "
UNKNOWN_PLACE = "Villagers fled from Kolalan to Kabul. "  # the model tags "Kolalan" GPE; GeoNames lacks it
NO_PLACES = [
    "The committee agreed on Thursday to raise the yearly budget for school repairs by a tenth.",
    "Maria Okafor told the Finance Committee that the Spring Fair would open after Easter.",
    "12345 67890 !!! ??? ... --- ###",
]
SECONDS = 10  # far above the 2 s the 1 MB scan takes: fails only on a blow-up
SMALL, LARGE = 25, 200  # repetitions compared by test_resolver_work_per_mention_does_not_grow


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \n"])
def test_empty_text_has_no_places(places_of, text):
    _, mentions = places_of(text)
    assert mentions == []


@pytest.mark.parametrize("text", NO_PLACES)
def test_text_without_places_has_no_places(places_of, text):
    _, mentions = places_of(text)
    assert mentions == [], [(m.text, m.place) for m in mentions]


@pytest.mark.slow
def test_the_pipeline_component_on_empty_and_place_free_texts():
    docs = list(get_pipeline().pipe(["", "   ", *NO_PLACES]))
    assert [doc._.ew_places for doc in docs] == [[]] * len(docs)


def test_resolver_over_a_megabyte_of_untagged_tokens(geo_nlp, resolver):
    text = PLACES * (MEGABYTE // len(PLACES))
    doc = geo_nlp.make_doc(text)  # tokenised only: no part-of-speech tags, no entities
    assert len(doc) > 100_000
    started = time.perf_counter()
    mentions = resolver(doc)
    assert time.perf_counter() - started < SECONDS
    # Every n-gram is looked up, but a match needs an entity or a proper-noun tag to count.
    assert mentions == []


def test_repeated_place_names_resolve_alike(geo_nlp, resolver):
    once = resolver(geo_nlp(PLACES))
    assert [m.text for m in once] == ["Kabul", "Herat", "Kandahar"]
    expected = {m.text: m.place for m in once}
    doc = Doc.from_docs([geo_nlp(PLACES * 20)] * 10)  # 200 repetitions, tagged as the model tags them
    mentions = resolver(doc)
    assert len(mentions) == 3 * 200
    assert all(doc.text[m.start : m.end] == m.text for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
    assert all(m.place == expected[m.text] for m in mentions)


def _lines_run_per_mention(resolver, doc: Doc) -> float:
    """Lines of resolver.py executed per mention found: a measure of work that, unlike time,
    does not depend on the machine."""
    lines = 0
    source = resolver_module.__file__

    def count(frame, event, arg):
        nonlocal lines
        if event == "line":
            lines += 1
        return count

    sys.settrace(lambda frame, event, arg: count if frame.f_code.co_filename == source else None)
    try:
        mentions = resolver(doc)
    finally:
        sys.settrace(None)
    return lines / len(mentions)


def test_resolver_work_per_mention_does_not_grow_with_the_doc(geo_nlp, resolver):
    if sys.gettrace() is not None:
        pytest.skip("another tracer (coverage, a debugger) is active")
    chunk = geo_nlp(PLACES + UNKNOWN_PLACE)
    small = _lines_run_per_mention(resolver, Doc.from_docs([chunk] * SMALL))
    large = _lines_run_per_mention(resolver, Doc.from_docs([chunk] * LARGE))
    assert large < 1.3 * small  # linear work: the same per mention 


@pytest.mark.slow
def test_ingest_reports_a_megabyte_article_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    huge = folder / "a_huge.txt"
    huge.write_text(" date 2023-03-14 Place names\n\n" + PLACES * (MEGABYTE // len(PLACES) + 1000), encoding="utf-8")
    (folder / "b_small.txt").write_text(
        " date 2023-03-14 Checkpoint attacked\n\nGunmen attacked a checkpoint outside Herat on Monday, "
        "killing two police officers.\n",
        encoding="utf-8",
    )
    with Store.open(tmp_path / "events.duckdb") as store:
        summary = ingest([str(folder)], store=store, nlp=get_pipeline())
    [problem] = summary.problems
    assert problem.path == str(huge) and problem.reason.startswith("E0")
    assert summary.articles_added == 1
