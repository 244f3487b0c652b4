"""The trained sentence detectors: features, the model file, the corpus reader and the gate.

A small model is trained here on sentences written for this test, so each test checks the
mechanism (not the packaged model's accuracy, which `eventwire eval` measures).
"""
from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from eventwire.coding.detect.corpus import balance, read_corpus
from eventwire.coding.detect.features import sentence_features, token_words
from eventwire.coding.detect.gate import GateSettings, gate_events
from eventwire.coding.detect.model import SentenceModel, TrainSettings, load_sentence_model
from eventwire.errors import InputError, ModelError
from eventwire.types import Event, Evidence

EVENTS = [
    "Rebels and soldiers exchanged fire near the river crossing on Monday.",
    "Gunmen stormed a village at dawn and shot dead nine farmers.",
    "Troops fought militants for hours outside the provincial capital.",
    "Insurgents ambushed an army convoy, killing four soldiers.",
]
VERBAL = [
    "The foreign minister accused the neighbouring government of arming the rebels.",
    "The two presidents met in the capital to discuss border security.",
]
NONE = [
    "The city council approved the library budget on Tuesday evening.",
    "A local bakery won a regional prize for its sourdough bread.",
    "The high school football team won the state title on Friday.",
    "Shares of the retailer rose three percent after strong holiday sales.",
]


def featurise(nlp, texts):
    return [sentence_features(token_words(nlp.make_doc(text))) for text in texts]


@pytest.fixture(scope="module")
def small_model(nlp) -> SentenceModel:
    texts = EVENTS + VERBAL + NONE
    labels = ["event"] * len(EVENTS) + ["verbal"] * len(VERBAL) + ["none"] * len(NONE)
    settings = TrainSettings(epochs=150, learning_rate=0.1, min_count=1, prune_below=0.0)
    return SentenceModel.train({"relevance": (featurise(nlp, texts), labels)}, settings)


def test_features_fold_digits_and_share_stems(nlp):
    first = sentence_features(token_words(nlp.make_doc("Gunmen killed 12 people.")))
    second = sentence_features(token_words(nlp.make_doc("The killing of 40 people")))
    assert "w:00" in first and "w:.00" not in first
    assert "p:kill" in first & second  # "killed" and "killing" share a stem
    assert "b:gunmen killed" in first


def test_a_trained_model_scores_news_of_violence_above_ordinary_news(nlp, small_model):
    scores = small_model.relevance(featurise(nlp, ["Militants ambushed soldiers near the village.", "The council approved the budget."]))
    assert scores[0] > 0.5 > scores[1]


def test_the_model_file_round_trips(nlp, small_model, tmp_path):
    path = tmp_path / "model.json"
    small_model.save(path)
    loaded = load_sentence_model(path)
    feats = featurise(nlp, EVENTS + NONE)
    assert np.allclose(loaded.relevance(feats), small_model.relevance(feats), atol=2e-3)  # weights are float16


def test_a_bad_model_file_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    with pytest.raises(ModelError, match="E254"):
        load_sentence_model(path)


def test_pruning_drops_only_weak_features(nlp, small_model):
    strength = np.abs(small_model.heads["relevance"].weights).max(axis=1)
    below = float(np.quantile(strength, 0.25))  # the weakest quarter goes
    pruned = small_model.pruned(below)
    names = sorted(small_model.vocabulary, key=small_model.vocabulary.__getitem__)
    assert set(pruned.vocabulary) == {name for name, value in zip(names, strength) if value >= below}
    kept = small_model.vocabulary[next(iter(pruned.vocabulary))]
    assert np.array_equal(pruned.heads["relevance"].weights[0], small_model.heads["relevance"].weights[kept])


def _event(doc, sentence_index: int, event_type="Battles") -> Event:
    sent = list(doc.sents)[sentence_index]
    evidence = [Evidence("t1", sent.start_char, sent.end_char, sent.text, "trigger")]
    return Event("t1", dt.date(2024, 3, 6), 1, event_type, None, evidence=evidence)


def test_the_gate_keeps_events_read_from_news_of_violence_and_drops_the_rest(nlp, small_model):
    doc = nlp("Militants ambushed soldiers near the village on Monday. The council approved the budget on Tuesday.")
    kept = gate_events([_event(doc, 0), _event(doc, 1)], doc, small_model, GateSettings())
    assert [event.evidence[0].text for event in kept] == [list(doc.sents)[0].text]


def test_an_article_of_ordinary_news_keeps_no_event(nlp, small_model):
    doc = nlp("The council approved the budget on Tuesday. A bakery won a prize.")
    assert gate_events([_event(doc, 0), _event(doc, 1, None)], doc, small_model, GateSettings(material=0.0, verbal=0.0)) == []


def test_the_corpus_reader_checks_labels_and_the_balance_check_names_what_is_short(tmp_path):
    good = {"text": "Police fired tear gas at marchers in the capital.", "relevant": True, "kind": "event",
            "acled_sub_event_type": "Protest with intervention", "plover": "PROTEST"}
    (tmp_path / "a.jsonl").write_text(json.dumps(good) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    counts, problems = balance(read_corpus(tmp_path))
    assert counts["sub_event"] == {"Protest with intervention": 2}
    assert any(problem.startswith("Armed clash") for problem in problems)
    assert any(problem.startswith("repeated sentence") for problem in problems)
    bad = dict(good, acled_sub_event_type="Parade")
    (tmp_path / "b.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="E255"):
        read_corpus(tmp_path)


def test_in_an_article_of_clear_conflict_news_a_weaker_sentence_keeps_its_event(nlp, small_model):
    doc = nlp("Militants ambushed soldiers near the village on Monday. The council approved the budget on Tuesday.")
    events = [_event(doc, 0), _event(doc, 1)]
    scores = small_model.relevance(featurise(nlp, [sent.text for sent in doc.sents]))
    strict = GateSettings(material=0.99, verbal=0.99, article=0.0, context=1.01, context_material=0.0)
    in_context = GateSettings(material=0.99, verbal=0.99, article=0.0, context=float(scores.max()), context_material=0.0)
    assert gate_events(events, doc, small_model, strict) == []
    assert len(gate_events(events, doc, small_model, in_context)) == 2


def test_a_corpus_sentence_sharing_a_run_of_eight_words_with_an_eval_text_is_flagged(tmp_path):
    from eventwire.coding.detect.corpus import Sentence, contaminated

    (tmp_path / "articles").mkdir()
    gold = {"id": "g1", "text": "On Monday the river pilots of the northern port voted to hold a long meeting about tides."}
    (tmp_path / "articles" / "dev.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    copied = Sentence("Reports say the river pilots of the northern port voted to hold a meeting.", "none")
    own = Sentence("The pilots of the southern harbour met for an hour on Tuesday.", "none")
    assert contaminated([copied, own], tmp_path) == [copied]


def test_a_corpus_sentence_sharing_words_with_the_projects_own_check_set_is_flagged(tmp_path):
    from eventwire.coding.detect.corpus import Sentence, contaminated

    shared, evalsets = tmp_path / "shared", tmp_path / "evalsets"
    shared.mkdir()
    evalsets.mkdir()
    check = {"id": "w1", "text": "The harbour board of the island republic recalled its envoy from the mainland capital on Friday."}
    (evalsets / "plover_check.jsonl").write_text(json.dumps(check) + "\n", encoding="utf-8")
    copied = Sentence("Officials said the harbour board of the island republic recalled its envoy.", "verbal", None, "SANCTION")
    own = Sentence("The island's envoy flew home after the quarrel over fishing rights.", "verbal", None, "SANCTION")
    assert contaminated([copied, own], shared) == []
    assert contaminated([copied, own], shared, evalsets) == [copied]
