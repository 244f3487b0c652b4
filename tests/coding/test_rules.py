"""ACLED sub-type rules, one sentence each (docs built with hand-made records)."""
from __future__ import annotations

import pytest

from eventwire.coding.events import EventExtractor

MALI = ["Mali", "Gao", "Mopti"]
KENYA = ["Kenya", "Nairobi", "Mombasa", "Kisumu"]


@pytest.fixture(scope="module")
def extract(nlp, make_doc):
    extractor = EventExtractor(nlp.vocab)

    def run(text, **records):
        return extractor(make_doc(text, **records))

    return run


@pytest.mark.parametrize(
    ("text", "actors", "places", "expected"),
    [
        # attack on state forces -> Battles
        ("Militants attacked an army base in Gao, killing five soldiers.", ["militants", "soldiers"], MALI,
         ("Battles", "Armed clash", "Unidentified Armed Group (Mali)", "Military Forces of Mali")),
        # attack on civilians -> Violence against civilians
        ("Militants attacked villagers in Gao.", ["militants", "villagers"], MALI,
         ("Violence against civilians", "Attack", "Unidentified Armed Group (Mali)", "Civilians (Mali)")),
        # killing needs a victim; killing civilians -> Attack
        ("Gunmen killed twelve villagers near Mopti.", ["villagers"], MALI,
         ("Violence against civilians", "Attack", "Unidentified Armed Group (Mali)", "Civilians (Mali)")),
        # between two armed actors -> Battles
        ("Malian troops clashed with the militants outside Gao.", ["Malian troops", "the militants"], MALI,
         ("Battles", "Armed clash", "Military Forces of Mali", "Unidentified Armed Group (Mali)")),
        ("The militants seized the town of Gao.", ["the militants"], MALI,
         ("Battles", "Non-state actor overtakes territory", "Unidentified Armed Group (Mali)", None)),
        ("The army retook Gao from the militants.", ["the army", "the militants"], MALI,
         ("Battles", "Government regains territory", "Military Forces of Mali", "Unidentified Armed Group (Mali)")),
        ("The militants seized weapons in Gao.", ["the militants"], MALI,
         ("Strategic developments", "Disrupted weapons use", "Unidentified Armed Group (Mali)", None)),
        # instruments -> Explosions/Remote violence
        ("A suicide bomber blew himself up at a checkpoint in Gao, killing three soldiers.", ["soldiers"], MALI,
         ("Explosions/Remote violence", "Suicide bomb", "Unidentified Armed Group (Mali)", "Military Forces of Mali")),
        ("Air strikes hit a market in Mopti.", [], MALI,
         ("Explosions/Remote violence", "Air/drone strike", "Unidentified Armed Group (Mali)", None)),
        ("The army shelled positions held by the militants near Mopti.", ["the army", "the militants"], MALI,
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Military Forces of Mali", "Unidentified Armed Group (Mali)")),
        ("A roadside bomb exploded near a bus in Gao.", [], MALI,
         ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Unidentified Armed Group (Mali)", None)),
        ("A man threw a grenade into a bar in Mombasa.", [], KENYA,
         ("Explosions/Remote violence", "Grenade", "Unidentified Armed Group (Kenya)", None)),
        # violence against civilians sub-types
        ("Militants abducted ten villagers in Mopti.", ["militants", "villagers"], MALI,
         ("Violence against civilians", "Abduction/forced disappearance", "Unidentified Armed Group (Mali)", "Civilians (Mali)")),
        ("Soldiers raped two women in Mopti.", ["soldiers"], MALI,
         ("Violence against civilians", "Sexual violence", "Military Forces of Mali", "Civilians (Mali)")),
        # demonstrations
        ("Teachers protested in Nairobi over unpaid wages.", ["teachers"], KENYA,
         ("Protests", "Peaceful protest", "Protesters (Kenya)", None)),
        ("Police fired tear gas at protesters in Nairobi.", ["police", "protesters"], KENYA,
         ("Protests", "Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya")),
        ("Police shot dead three protesters in Kisumu.", ["police", "protesters"], KENYA,
         ("Protests", "Excessive force against protesters", "Police Forces of Kenya", "Protesters (Kenya)")),
        ("Rioters looted shops and torched cars in Mombasa.", ["rioters"], KENYA,
         ("Riots", "Violent demonstration", "Rioters (Kenya)", None)),
        ("Protesters clashed with police in Nairobi.", ["protesters", "police"], KENYA,
         ("Riots", "Violent demonstration", "Rioters (Kenya)", "Police Forces of Kenya")),
        ("A mob lynched two men accused of theft in Kisumu.", [], KENYA,
         ("Riots", "Mob violence", "Rioters (Kenya)", None)),
        # strategic developments
        ("Police arrested 20 protesters in Nairobi.", ["police", "protesters"], KENYA,
         ("Strategic developments", "Arrests", "Police Forces of Kenya", "Protesters (Kenya)")),
        ("The army defused a bomb in Gao.", ["the army"], MALI,
         ("Strategic developments", "Disrupted weapons use", "Military Forces of Mali", None)),
    ],
)
def test_sub_type_rules(extract, text, actors, places, expected):
    events = extract(text, actors=actors, places=places)
    assert [(e.event_type, e.sub_event_type, e.actor1, e.actor2) for e in events] == [expected]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Workers went on strike in Mombasa.", "strike-lim"),
        ("Teachers protested in Nairobi.", "demo"),
    ],
)
def test_protest_modes(extract, text, mode):
    (event,) = extract(text, places=KENYA)
    assert (event.plover_category, event.plover_mode) == ("PROTEST", mode)


def test_civilian_targeting_column(extract):
    (attack,) = extract("Militants attacked villagers in Gao.", actors=["militants", "villagers"], places=MALI)
    (clash,) = extract("Militants attacked soldiers in Gao.", actors=["militants", "soldiers"], places=MALI)
    assert attack.civilian_targeting == "Civilian targeting" and attack.interaction == 37
    assert clash.civilian_targeting is None and clash.interaction == 13
    assert attack.disorder_type == clash.disorder_type == "Political violence"


def test_killing_without_a_victim_or_with_a_non_violent_cause_is_no_event(extract):
    assert extract("Three people were killed in a car crash in Nairobi.", places=KENYA) == []
    assert extract("The flood killed four people in Kisumu.", places=KENYA) == []
