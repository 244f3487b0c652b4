"""VerificationCueFinder (``eventwire_verification_v1``): ``doc._.ew_cues`` and unverified quotes."""
from __future__ import annotations

import pickle

import pytest
from spacy.language import Language

import eventwire.nlp.factories  # noqa: F401  (registers the factories)
from eventwire.nlp.verification import KINDS, load_lexicon


@pytest.fixture(scope="module")
def nlp():
    from eventwire.nlp.pipeline import get_pipeline

    return get_pipeline()


def covered(text, cue) -> str:
    return text[cue.covers_start : cue.covers_end]


def test_factory_is_registered():
    assert Language.has_factory("eventwire_verification_v1")


def test_lexicon_kinds_are_the_documented_set():
    assert set(load_lexicon().kinds) == set(KINDS)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "kind", "cue"),
    [
        ("Rebels said they had seized the airport, which could not be independently verified.", "unverified", "could not be independently verified"),
        ("Reporters were unable to verify the account given by the rebels at the airport.", "unverified", "were unable to verify"),
        ("At least 12 people were killed in the raid, a toll that could not immediately be confirmed.", "unconfirmed", "could not immediately be confirmed"),
        ("Unconfirmed reports said the mayor had fled the town overnight.", "unconfirmed", "Unconfirmed"),
        ("The gunmen reportedly fled on motorbikes towards the forest.", "unconfirmed", "reportedly"),
        ("The group released a video purporting to show the captured soldiers.", "purported", "purporting"),
        ("Videos purportedly showing the burning depot spread online.", "purported", "purportedly"),
        ("The soldiers allegedly beat the villagers during the search.", "purported", "allegedly"),
        ("The army disputed the account given by the rebels.", "disputed", "disputed"),
        ("The ministry denied the reports of a mutiny in the barracks.", "disputed", "denied the reports"),
    ],
)
def test_each_cue_kind_covers_its_sentence(nlp, sentence, kind, cue):
    text = "The town was quiet on Monday. " + sentence
    [found] = nlp(text)._.ew_cues
    assert (found.kind, found.text, text[found.start : found.end]) == (kind, cue, cue)
    assert covered(text, found) == sentence  # a cue that does not refer back covers its own sentence only


@pytest.mark.slow
@pytest.mark.parametrize(
    "cue_sentence",
    [
        "The claim could not be independently verified.",
        "These figures could not be confirmed.",
        "It could not be independently verified.",
        "Reuters could not independently verify the figures.",
    ],
)
def test_a_cue_that_refers_back_covers_the_sentence_before(nlp, cue_sentence):
    text = f"The rebels shelled the port on Monday. Rebels said they had killed 40 soldiers. {cue_sentence}"
    [cue] = nlp(text)._.ew_cues
    assert covered(text, cue) == f"Rebels said they had killed 40 soldiers. {cue_sentence}"


@pytest.mark.slow
def test_reportedly_never_covers_the_sentence_before(nlp):
    text = "The rebels shelled the port on Monday. The gunmen reportedly fled on motorbikes."
    [cue] = nlp(text)._.ew_cues
    assert covered(text, cue) == "The gunmen reportedly fled on motorbikes."


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The mayor confirmed that the school had been burned.",  # confirmed, not unconfirmed
        "Officials verified the death toll on Sunday.",
        "The attack took place in a disputed territory near the border.",  # land, not a statement
        "The rebels shelled the port on Monday.",
    ],
)
def test_no_cue(nlp, text):
    assert nlp(text)._.ew_cues == []


@pytest.mark.slow
def test_quotes_inside_a_covered_span_are_unverified(nlp):
    text = (
        "Amina Sow said the convoy had reached the camp. "
        "“We control the whole city now,” the rebel commander, Jean Bosco, said. "
        "The claim could not be independently verified."
    )
    doc = nlp(text)
    flags = {(quote.kind, quote.speaker): quote.unverified for quote in doc._.ew_quotes}
    # the direct quote is in the sentence before the cue; the first sentence is not covered
    assert flags == {("indirect", "Amina Sow"): False, ("direct", "Jean Bosco"): True}


@pytest.mark.slow
def test_cues_pickle(nlp):
    cues = nlp("The gunmen reportedly fled on motorbikes.")._.ew_cues
    assert cues and pickle.loads(pickle.dumps(cues)) == cues
