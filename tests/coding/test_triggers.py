"""The trigger lexicon and matcher."""
from __future__ import annotations

import pytest

from eventwire.coding.triggers import TRIGGER_CLASSES, find_triggers, load_trigger_lexicon
from eventwire.errors import ModelError


@pytest.fixture(scope="module")
def lexicon():
    return load_trigger_lexicon()


@pytest.fixture(scope="module")
def matcher(lexicon, nlp):
    return lexicon.build_matcher(nlp.vocab)


def test_every_entry_has_a_known_class(lexicon):
    assert lexicon.entries
    assert {entry.cls for entry in lexicon.entries.values()} <= TRIGGER_CLASSES
    verbal = [entry for entry in lexicon.entries.values() if entry.is_verbal]
    assert verbal and all(entry.plover for entry in verbal)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked the convoy.", {"attacked": "attack"}),
        ("An air strike hit the depot.", {"air strike": "air_strike"}),
        ("Workers went on strike for better pay.", {"went on strike": "on_strike"}),
        ("A suicide bomber blew himself up at the gate.", {"suicide bomber": "suicide", "blew himself up": "blew_up_self"}),
        ("A roadside bomb exploded near the bridge.", {"roadside bomb": "roadside_bomb", "exploded": "explode"}),
        ("Suicide Attack On Border Post Kills Two", {"Suicide Attack": "suicide"}),
        ("Riot police fired tear gas.", {"tear gas": "tear_gas"}),
        ("The two sides held talks on Friday.", {"held": "hold_talks"}),
        ("The two sides held a rally on Friday.", {"rally": "protest"}),
        ("Soldiers were stationed at the army camp.", {}),
        ("The attack helicopter landed.", {}),
        ("Police fired rubber bullets at the crowd.", {"rubber bullets": "water_cannon"}),
        ("Police fired on the crowd.", {"fired": "fire_on"}),
        # "capture" of people is an arrest, of a town a territory take-over
        ("Soldiers captured two insurgents near the border.", {"captured": "capture_person"}),
        ("Rebels captured the town after a week.", {"captured": "seize"}),
        ("Police took three suspects into custody.", {"custody": "into_custody"}),
    ],
)
def test_find_triggers(nlp, matcher, lexicon, text, expected):
    doc = nlp(text)
    found = {trigger.span.text: trigger.entry.id for trigger in find_triggers(doc, matcher, lexicon)}
    assert found == expected


def test_invalid_entry_is_rejected_with_its_line(tmp_path):
    path = tmp_path / "triggers.jsonl"
    path.write_text('# header\n{"id": "x", "class": "nonsense", "words": ["x"]}\n', encoding="utf-8")
    with pytest.raises(ModelError, match=r"E252: .*:2: .*unknown class"):
        load_trigger_lexicon(path)


def test_duplicate_ids_are_rejected(tmp_path):
    line = '{"id": "x", "class": "attack", "words": ["x"]}\n'
    path = tmp_path / "triggers.jsonl"
    path.write_text(line + line, encoding="utf-8")
    with pytest.raises(ModelError, match="duplicate id"):
        load_trigger_lexicon(path)


def test_multi_word_patterns_are_matched_only_in_sentences_that_hold_their_words(matcher, nlp):
    from eventwire.coding.triggers import TriggerMatcher

    text = (
        "The rally was calm. Police opened fire on the crowd in the square. "
        "The judge ordered. He is scheduled to appear in court. Protesters took to the streets on Monday."
    )
    doc = nlp(text)
    every_sentence = TriggerMatcher(matcher.matcher, matcher.words)  # no pre-filter: the Matcher sees the whole doc
    filtered = set(matcher(doc))
    spans = {doc[start:end].text for _, start, end in filtered}
    assert {"opened fire", "took to the streets"} <= spans
    # the same matches, except one that runs across a sentence end ("ordered. He is scheduled to")
    across = {match for match in set(every_sentence(doc)) - filtered}
    assert all(doc[start:end].sent.end < end for _, start, end in across)
    assert filtered <= set(every_sentence(doc))


def test_a_pattern_whose_first_token_is_not_a_word_turns_the_pre_filter_off():
    from eventwire.coding.triggers import _first_words

    assert _first_words([{"LOWER": "open"}, {"LEMMA": {"IN": ["take", "hold"]}}]) == (frozenset({"open"}), frozenset({"take", "hold"}))
    assert _first_words([{"LOWER": "open"}, {"POS": "NOUN"}]) is None
