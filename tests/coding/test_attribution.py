"""Claims of responsibility and attributions name actor1 (``eventwire.coding.conventions.attribution``).

Hand-made docs (see conftest.build_doc) with this module's own actor records; one test runs
the full pipeline."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding.conventions.attribution import attribute_events, find_attributions
from eventwire.coding.events import EventExtractor
from eventwire.types import ActorMention, Event, Evidence

MONDAY = dt.date(2024, 3, 4)
PLACES = ["Mali", "Gao", "Mopti"]
JNIM = "JNIM: Group for Support of Islam and Muslims"
UNNAMED = "Unidentified Armed Group (Mali)"
# phrase -> (canonical name, inter, country, kind)
ACTORS = {
    "JNIM": (JNIM, 2, "ML", "named"),
    "Katiba Macina": ("Katiba Macina", 2, "ML", "named"),
    "Islamic State": ("Islamic State Sahel Province", 2, "ML", "named"),
    "gunmen": (UNNAMED, 2, "ML", "generic"),
    "Gunmen": (UNNAMED, 2, "ML", "generic"),
    "villagers": ("Civilians (Mali)", 7, "ML", "generic"),
    "soldiers": ("Military Forces of Mali", 1, "ML", "state"),
    "Police": ("Police Forces of Mali", 1, "ML", "state"),
    "police": ("Police Forces of Mali", 1, "ML", "state"),
}
KILLING = "Gunmen killed five villagers in Gao on Monday. "


@pytest.fixture(scope="module")
def doc_of(make_doc):
    def build(text):
        doc = make_doc(text, places=PLACES, dates={"on Monday": MONDAY})
        mentions = []
        for phrase, (name, inter, iso2, kind) in ACTORS.items():
            start = text.find(phrase)
            while start >= 0:
                end = start + len(phrase)
                if all(end <= other.start or start >= other.end for other in mentions):
                    mentions.append(ActorMention(start, end, phrase, name, inter, iso2, kind))
                start = text.find(phrase, end)
        doc._.ew_actors = sorted(mentions, key=lambda mention: mention.start)
        return doc

    return build


@pytest.fixture(scope="module")
def extractor(nlp):
    return EventExtractor(nlp.vocab)


@pytest.fixture(scope="module")
def code(doc_of, extractor):
    def run(text):
        """The ACLED events of ``text`` (verbal ones, "police blamed ...", aside)."""
        events = [event for event in extractor(doc_of(text)) if event.event_type is not None]
        return [(event.event_type, event.actor1, event.inter1, event.actor2) for event in events]

    return run


@pytest.mark.parametrize(
    "sentence",
    [
        # claims
        "JNIM claimed responsibility for the attack.",
        "JNIM later took responsibility for the killings.",
        "JNIM claimed responsibility.",
        "The attack was claimed by JNIM.",
        "Responsibility for the attack was claimed by JNIM.",
        # blame and attribution ("blamed the killings on": the parser hangs "on" from the killings)
        "The killings were blamed on JNIM.",
        "Officials blamed the killings on JNIM.",
        "Officials blamed JNIM for the attack.",
        "Police attributed the killings to JNIM.",
        "The killings were attributed to JNIM.",
        # suspicion
        "Police suspect JNIM.",
        "JNIM is suspected of carrying out the attack.",
        # perpetration, raised or reported
        "The attack was carried out by JNIM, police said.",
        "The attack is believed to have been carried out by JNIM.",
        "Police said JNIM was behind the attack.",
        "JNIM said it carried out the attack.",
    ],
)
def test_an_attribution_names_the_doer_the_event_sentence_leaves_unnamed(code, sentence):
    assert code(KILLING + sentence) == [("Violence against civilians", JNIM, 2, "Civilians (Mali)")]


@pytest.mark.parametrize(
    "sentence",
    [
        "No group has claimed responsibility for the attack.",
        "JNIM did not claim the attack.",
        "The attack may have been carried out by JNIM.",
        "JNIM denied carrying out the attack.",
        "Police are investigating whether JNIM was behind the attack.",
        "The attack was blamed on a JNIM-linked group.",  # another group, named after JNIM
        "Police blamed the killings on JNIM or Islamic State.",  # no one doer
    ],
)
def test_a_negated_modal_or_open_attribution_names_nobody(code, sentence):
    assert code(KILLING + sentence) == [("Violence against civilians", UNNAMED, 2, "Civilians (Mali)")]


def test_the_sentence_that_names_its_attacker_keeps_it(code):
    text = "Katiba Macina fighters killed five villagers in Gao on Monday. The attack was blamed on JNIM."
    assert code(text) == [("Violence against civilians", "Katiba Macina", 2, "Civilians (Mali)")]


def test_an_anaphoric_attribution_reaches_back_across_sentences(code):
    text = KILLING + "Residents fled to Mopti.\n\nMarkets in the town stayed shut. Officials blamed the attack on JNIM."
    assert code(text) == [("Violence against civilians", JNIM, 2, "Civilians (Mali)")]


def test_the_group_is_the_last_named_armed_group(code):
    text = "JNIM has grown in central Mali. " + KILLING + "The group claimed responsibility."
    assert code(text) == [("Violence against civilians", JNIM, 2, "Civilians (Mali)")]


def test_a_claim_of_an_indefinite_event_is_about_an_event_of_its_own_sentence(doc_of, extractor):
    doc = doc_of(KILLING + "JNIM has claimed attacks on soldiers before.")
    assert [event.actor1 for event in extractor(doc)] == [UNNAMED]


def _event(text: str, sentence: str, event_type: str, actor1: str | None = None) -> Event:
    start = text.index(sentence)
    evidence = [Evidence("t1", start, start + len(sentence), sentence)]
    return Event("t1", MONDAY, 1, event_type, None, actor1=actor1, trigger=sentence.split()[1], evidence=evidence)


def test_an_anaphoric_event_word_names_the_nearest_event_of_its_type(doc_of, extractor):
    first, second = "A bomb exploded in Gao on Monday.", "Gunmen killed five villagers in Mopti on Monday."
    text = f"{first} {second} The blast was blamed on JNIM."
    doc = doc_of(text)
    events = [_event(text, first, "Explosions/Remote violence"), _event(text, second, "Violence against civilians", UNNAMED)]
    named = attribute_events(events, doc, matcher=extractor.matcher, lexicon=extractor.lexicon)
    assert [event.actor1 for event in named] == [JNIM, UNNAMED]  # a blast is no shooting
    # the attribution's sentence is evidence of who did it
    assert [item.role for item in named[0].evidence] == ["trigger", "actor"]
    assert named[0].evidence[1].text == "The blast was blamed on JNIM."


def test_found_attributions(doc_of, extractor):
    doc = doc_of(KILLING + "The killings were blamed on JNIM. An attack claimed by Islamic State hit soldiers.")
    found = find_attributions(doc, matcher=extractor.matcher, lexicon=extractor.lexicon)
    assert [(item.actor.name, item.event_word, item.anaphoric) for item in found] == [
        (JNIM, "killings", True), ("Islamic State Sahel Province", "attack", False),
    ]


def test_the_pipeline_names_the_group_blamed_for_a_blast():
    from eventwire.nlp.pipeline import get_pipeline

    nlp = get_pipeline()
    text = (
        "A car bomb exploded outside a market in Mogadishu on Monday, killing five people, police said.\n\n"
        "The blast was blamed on al-Shabaab."
    )
    doc = nlp.make_doc(text)
    doc._.ew_published, doc._.ew_article_id = dt.date(2024, 4, 9), "t1"
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [(event.event_type, event.actor1, event.inter1) for event in doc._.ew_events] == [
        ("Explosions/Remote violence", "Al Shabaab", 2),
    ]
