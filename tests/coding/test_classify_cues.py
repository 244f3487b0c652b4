"""Cue words of the snippet classifier (coding/data/classify_cues.json) for the classes it
confuses most: the protest family, weapon types, troop movements, man-made disasters.

Each sentence was written for this test; it must raise the named cue feature, and none of them does
with the cue list as it was before these cues were added."""
from __future__ import annotations

import pytest

from eventwire.coding.detect.classify_features import cue_features


@pytest.mark.parametrize(
    "text,cue",
    [
        # protesters' own violence (Violent demonstration)
        ("The march ended in violence near the town hall.", "VIOL_DEMONSTR"),
        ("Demonstrators scuffled with guards outside the palace.", "VIOL_DEMONSTR"),
        ("Students blocked roads across the city on Monday.", "VIOL_DEMONSTR"),
        ("Youths lit fireworks and aimed them at the officers.", "VIOL_DEMONSTR"),
        # force used against the protesters (Excessive force against protesters)
        ("Police violently dispersed the sit-in in the square.", "FORCE_AGAINST_PROTEST"),
        ("The authorities brutally suppressed the rally.", "FORCE_AGAINST_PROTEST"),
        ("Rights groups condemned the excessive force used by the troops.", "FORCE_AGAINST_PROTEST"),
        # intervention without excessive force (Protest with intervention)
        ("Riot police arrested demonstrators outside the court.", "PROTEST_WITH_INTER"),
        ("Police arrested protesters who had blocked the bridge.", "PROTEST_WITH_INTER"),
        # peaceful protest words
        ("The union called a boycott of the state broadcaster.", "PEACE_PROTEST"),
        ("Dock workers began a walkout over unpaid wages.", "PEACE_PROTEST"),
        # weapons
        ("Army guns pounded the rebel trenches all night.", "ART_MISS_ATTACK"),
        ("An RPG hit the checkpoint wall.", "ART_MISS_ATTACK"),
        ("Military choppers circled over the valley before attacking.", "AIR_STRIKE"),
        # disasters and troop movements
        ("Pesticide fumes sickened dozens of farm labourers.", "MAN_MADE_DISASTER"),
        ("The army redeployed two battalions to the eastern border.", "CHANGE_TO_GROUP_ACT"),
        ("Police stepped up security around the stadium ahead of the final.", "CHANGE_TO_GROUP_ACT"),
        ("The two militias traded fire across the river for an hour.", "ARMED_CLASH"),
        ("The rebels walked into the deserted garrison town.", "NON_VIOL_TERRIT_TRANSFER"),
        ("The ministry called the accusation unsubstantiated.", "ATTRIB"),
    ],
)
def test_cue_words_of_confused_classes(nlp, text, cue):
    assert f"cue:{cue}" in cue_features(nlp(text))
