"""The trained PLOVER head: predicate features, and the category of a sentence no trigger codes.

Toy models are trained here on sentences written for these tests, so each test checks the
mechanism; the packaged model's accuracy is what `eventwire eval plover` measures
(docs/plover.md).
"""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding.detect.category import CategorySettings, model_trigger
from eventwire.coding.detect.corpus import Sentence
from eventwire.coding.detect.features import predicate_features, sentence_features, token_words
from eventwire.coding.detect.model import PLOVER_FEATURES, SentenceModel, TrainSettings
from eventwire.coding.detect.train import examples_for
from eventwire.coding.events import EventExtractor

TOY = TrainSettings(epochs=150, learning_rate=0.1, min_count=1, prune_below=0.0)
RELEVANT = [
    "The two delegations sat down together in the lakeside villa for a second round.",
    "The envoy spent the afternoon with the rebel commanders in their mountain camp.",
]
ORDINARY = [
    "The bakery on the corner sold out of bread before noon.",
    "Rain is expected across the valley for the rest of the week.",
]


def parse(nlp, text):
    return nlp(text)


def toy_model(nlp, *, category="CONSULT", reads_predicate=False) -> SentenceModel:
    texts = RELEVANT + ORDINARY
    words = [sentence_features(token_words(nlp.make_doc(text))) for text in texts]
    model = SentenceModel.train(
        {
            "relevance": (words, ["verbal"] * len(RELEVANT) + ["none"] * len(ORDINARY)),
            # the ordinary sentences stand in for a second category, so the head has two to choose from
            "plover": (words, [category] * len(RELEVANT) + ["ACCUSE"] * len(ORDINARY)),
        },
        TOY,
    )
    if reads_predicate:
        model.meta["plover_features"] = PLOVER_FEATURES
    return model


def test_predicate_features_name_the_main_verb_and_its_object(nlp):
    features = predicate_features(parse(nlp, "The minister blamed the militia for the blockade.")[:])
    assert "r:blame" in features
    assert "ro:blame_militia" in features
    assert "rp:blame_for" in features


def test_a_reporting_verb_hands_the_predicate_to_the_clause_it_reports(nlp):
    features = predicate_features(parse(nlp, "The ministry said the army would pull its units back.")[:])
    assert "r:say" in features
    assert "r:pull" in features and "ro:pull_unit" in features
    assert "md:would" in features


def test_negation_and_a_governed_verb_are_features(nlp):
    features = predicate_features(parse(nlp, "The council did not agree to lift the ban.")[:])
    assert "rneg:agree" in features
    assert "rx:agree_lift" in features and "x:lift" in features


def test_a_text_without_a_parse_gives_no_predicate_features(nlp):
    assert predicate_features(nlp.make_doc("The delegates met in the capital.")[:]) == set()


def test_the_plover_head_trains_on_its_own_feature_sets():
    sentences = [Sentence("a", "verbal", None, "REQUEST"), Sentence("b", "none"), Sentence("c", "event", "Attack", "ASSAULT")]
    words = [{"w:a"}, {"w:b"}, {"w:c"}]
    heads = examples_for(sentences, words, {0: {"w:a", "r:urge"}, 2: {"w:c", "r:attack"}})
    assert heads["plover"] == ([{"w:a", "r:urge"}, {"w:c", "r:attack"}], ["REQUEST", "ASSAULT"])
    assert heads["relevance"][0] == words  # the other heads read the words alone
    assert examples_for(sentences, words)["plover"][0] == [{"w:a"}, {"w:c"}]


def test_the_head_codes_the_main_verb_of_the_most_relevant_sentence(nlp):
    doc = parse(nlp, "The bakery sold out of bread. The two delegations sat down together in the villa.")
    trigger = model_trigger(doc, toy_model(nlp), CategorySettings(relevance=0.5))
    assert trigger is not None
    assert trigger.entry.plover == "CONSULT" and trigger.entry.is_verbal
    assert trigger.token.text == "sat"  # the root of the second sentence


def test_a_sentence_the_relevance_head_reads_as_ordinary_gets_no_category(nlp):
    doc = parse(nlp, "Rain is expected across the valley for the rest of the week.")
    assert model_trigger(doc, toy_model(nlp), CategorySettings(relevance=0.5)) is None


def test_a_model_reading_the_predicate_is_given_it(nlp):
    # a head that knows only predicates: it can tell the sentences apart only through the parse
    words = [sentence_features(token_words(nlp.make_doc(text))) for text in RELEVANT + ORDINARY]
    model = SentenceModel.train(
        {
            "relevance": (words, ["verbal"] * len(RELEVANT) + ["none"] * len(ORDINARY)),
            "plover": ([{"r:spend"}, {"r:sell"}], ["CONSULT", "REJECT"]),
        },
        TOY,
    )
    spent = parse(nlp, "The envoy spent the afternoon with the rebel commanders.")
    sold = parse(nlp, "The envoy sold the afternoon with the rebel commanders.")
    anything = CategorySettings(relevance=0.0)
    # words alone: the two sentences read the same
    assert model_trigger(spent, model, anything).entry.plover == model_trigger(sold, model, anything).entry.plover
    model.meta["plover_features"] = PLOVER_FEATURES
    assert model_trigger(spent, model, anything).entry.plover == "CONSULT"
    assert model_trigger(sold, model, anything).entry.plover == "REJECT"


@pytest.fixture()
def coded(nlp):
    def code(text, *, setting, model):
        doc = nlp(text)
        doc._.ew_published = dt.date(2021, 3, 4)
        return EventExtractor(nlp.vocab, setting=setting, sentence_model=model)(doc)

    return code


def test_a_sentence_coded_on_its_own_gets_the_heads_category_where_no_trigger_fires(nlp, coded):
    text = "The two delegations sat down together in the lakeside villa on Tuesday."
    events = coded(text, setting="sentence", model=toy_model(nlp))
    assert [event.plover_category for event in events] == ["CONSULT"]
    assert events[0].trigger == "sat" and events[0].event_type is None
    # an article's sentence with no trigger is not coded by the head
    assert coded(text, setting="article", model=toy_model(nlp)) == []


def test_a_trigger_the_lexicon_knows_keeps_its_own_category(nlp, coded):
    text = "The foreign minister accused the neighbouring government of arming the rebels on Tuesday."
    events = coded(text, setting="sentence", model=toy_model(nlp, category="CONSULT"))
    assert [event.plover_category for event in events] == ["ACCUSE"]


def test_an_attribution_tail_hands_the_act_to_the_clause_it_reports(nlp):
    doc = parse(nlp, "The two delegations sat down together in the lakeside villa, a spokesman said.")
    trigger = model_trigger(doc, toy_model(nlp), CategorySettings(relevance=0.0))
    assert trigger is not None and trigger.token.text == "sat"
