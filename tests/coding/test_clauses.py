"""Background triggers: negated, modal, irrealis, durations, history, allegations."""
from __future__ import annotations

import pytest

from eventwire.coding.coref.clauses import background_reason, earlier_offset
from eventwire.coding.triggers import find_triggers, load_rules, load_trigger_lexicon


@pytest.fixture(scope="module")
def triggers_of(nlp):
    lexicon = load_trigger_lexicon()
    matcher = lexicon.build_matcher(nlp.vocab)

    def find(text, word):
        doc = nlp(text)
        return next(trigger for trigger in find_triggers(doc, matcher, lexicon) if trigger.span.text == word)

    return find


@pytest.mark.parametrize(
    ("text", "word", "reason"),
    [
        ("Rebels attacked the town on Monday.", "attacked", None),
        # a verbal act in a relative clause describes its noun: not a new event
        ("The teachers were paid the bonus that the minister promised last year.", "promised", "description"),
        ("No attack was reported in the town.", "attack", "negated"),
        ("The soldiers did not fire on the crowd.", "fire", "negated"),
        ("The rebels could attack the town next week.", "attack", "modal or future"),
        ("The two leaders will meet in the capital.", "meet", "modal or future"),
        ("The rebels plan to attack the town.", "attack", "irrealis infinitive"),
        ("The minister travelled to the capital to meet the rebels.", "meet", "irrealis infinitive"),
        ("The army managed to retake the town.", "retake", None),
        ("If the army retakes the town, the rebels will flee.", "retakes", "conditional"),
        ("The deal came after months of talks in the capital.", None, None),
        ("After years of fighting, the valley is calm.", "fighting", "duration"),
        ("The rebels, having lately captured many towns, reached the river.", "captured", "generic history"),
        ("The government accused the rebels of shelling the city.", "shelling", "allegation"),
        ("Videos purported to show gunmen attacking a convoy.", "attacking", "unverified"),
        ("Troops foiled an attack on the bridge.", "attack", "irrealis head"),
        ("Over 300 people have been killed in the region since the war began.", "killed", "aggregate since"),
        ("Fighting erupted outside the base since early morning.", "Fighting", None),
        ("Armed groups mount attacks across the north.", "attacks", "habitual"),
        ("Insurgents have been carrying out near-daily attacks on the police.", "attacks", "habitual"),
        ("Insurgents carried out two attacks on the police.", "attacks", None),
        ("The battle killed two people.", "battle", None),
    ],
)
def test_background_reason(triggers_of, text, word, reason):
    if word is None:  # "talks" is not a trigger at all: verbal triggers are verbs
        with pytest.raises(StopIteration):
            triggers_of(text, "talks")
        return
    assert background_reason(triggers_of(text, word), load_rules()) == reason


def test_a_running_total_is_kept_when_asked(triggers_of):
    # PLOVER codes a running total (with its 'historical' context); ACLED event data does not
    trigger = triggers_of("Over 300 people have been killed in the region since the war began.", "killed")
    assert background_reason(trigger, load_rules(), plover=True) is None
    assert background_reason(trigger, load_rules()) == "aggregate since"


def test_an_attempted_act_is_kept_when_asked(triggers_of):
    trigger = triggers_of("Gunmen tried to storm the army base on Monday.", "storm")
    assert background_reason(trigger, load_rules(), plover=True) is None
    assert background_reason(trigger, load_rules()) is not None


def test_since_inside_another_clause_is_no_running_total(triggers_of):
    # "since" dates the deployment, not a count of withdrawals
    trigger = triggers_of("Uganda has withdrawn its troops, deployed along the border since the spring offensive.", "withdrawn")
    assert background_reason(trigger, load_rules()) is None


@pytest.mark.parametrize(
    ("text", "word", "offset"),
    [
        ("The blast came a day after gunmen attacked a convoy.", "attacked", (1, 1)),
        ("The raid comes two days after rebels attacked a convoy.", "attacked", (2, 1)),
        ("The raid comes days after rebels attacked a convoy.", "attacked", (-1, 3)),
        ("Rebels attacked a convoy after dark.", "attacked", None),
    ],
)
def test_earlier_offset(triggers_of, text, word, offset):
    assert earlier_offset(triggers_of(text, word).token, load_rules()) == offset
