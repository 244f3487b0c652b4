"""The snippet classifier types the events ingest codes (``eventwire.coding.detect.retype``).

The decision rules are tested with hand-made probability rows, so each rule is pinned apart
from what any trained model happens to say; the component is tested through the real pipeline
with the packaged classifier on sentences written for this file.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from eventwire.coding.detect.classify_labels import CASE_LABELS
from eventwire.coding.detect.retype import TypeSettings, decide
from eventwire.coding.conventions.taxonomy import load_taxonomy
from eventwire.types import Event

LABELS = tuple(CASE_LABELS)
TAXONOMY = load_taxonomy()
SETTINGS = TypeSettings(retype=0.5, margin=0.2, verbal_retype=0.3, drop=0.4)


def test_material_retyping_is_off_by_default():
    event = _event("Armed clash", "ASSAULT")
    assert decide(event, _row(VIOL_DEMONSTR=0.9), LABELS, TAXONOMY, TypeSettings()) is event


def _row(**probabilities: float) -> np.ndarray:
    """A probability row over the CASE labels: the named ones, the rest spread evenly."""
    row = np.zeros(len(LABELS))
    rest = (1.0 - sum(probabilities.values())) / (len(LABELS) - len(probabilities))
    for index, label in enumerate(LABELS):
        row[index] = probabilities.get(label, rest)
    return row


def _event(sub_event_type: str | None, plover: str | None = None, inter2: int | None = None) -> Event:
    event_type = TAXONOMY.sub_to_type[sub_event_type] if sub_event_type else None
    return Event(
        article_id="a1", event_date=dt.date(2024, 5, 2), time_precision=1, event_type=event_type,
        sub_event_type=sub_event_type, plover_category=plover, actor1="Military Forces of Chad", inter1=1,
        actor2=None, inter2=inter2,
    )


def test_a_confident_classifier_retypes_a_material_event():
    event = _event("Armed clash", "ASSAULT")
    typed = decide(event, _row(VIOL_DEMONSTR=0.7, ARMED_CLASH=0.1), LABELS, TAXONOMY, SETTINGS)
    assert (typed.event_type, typed.sub_event_type) == ("Riots", "Violent demonstration")
    assert typed.plover_category == "PROTEST"
    assert typed.disorder_type == "Demonstrations"


def test_the_rule_type_stands_without_a_margin():
    event = _event("Armed clash", "ASSAULT")
    assert decide(event, _row(VIOL_DEMONSTR=0.55, ARMED_CLASH=0.4), LABELS, TAXONOMY, SETTINGS) is event


def test_the_rule_type_stands_under_the_threshold():
    event = _event("Armed clash", "ASSAULT")
    assert decide(event, _row(VIOL_DEMONSTR=0.45, ARMED_CLASH=0.05), LABELS, TAXONOMY, SETTINGS) is event


def test_crime_accident_and_disaster_readings_drop_the_event():
    for label in ("ORG_CRIME", "MAN_MADE_DISASTER", "NATURAL_DISASTER"):
        event = replace(_event("Attack", "ASSAULT", inter2=7), actor1=None, inter1=None)
        assert decide(event, _row(**{label: 0.5}), LABELS, TAXONOMY, SETTINGS) is None


def test_a_weak_out_of_scope_reading_keeps_the_event_as_coded():
    event = _event("Attack", "ASSAULT", inter2=7)
    assert decide(event, _row(ORG_CRIME=0.35), LABELS, TAXONOMY, SETTINGS) is event


def test_a_verbal_event_becomes_a_territorial_event_of_strategic_or_battle_type():
    event = _event(None, "RETREAT")
    typed = decide(event, _row(GOV_REGAINS_TERIT=0.35), LABELS, TAXONOMY, SETTINGS)
    assert typed.sub_event_type == "Government regains territory"
    assert typed.event_type == "Battles"


def test_a_verbal_event_never_becomes_violence_a_protest_or_an_agreement():
    event = _event(None, "ACCUSE")
    assert decide(event, _row(ATTACK=0.6), LABELS, TAXONOMY, SETTINGS) is event
    assert decide(event, _row(PEACE_PROTEST=0.6), LABELS, TAXONOMY, SETTINGS) is event
    assert decide(_event(None, "CONSULT"), _row(AGREEMENT=0.6), LABELS, TAXONOMY, SETTINGS).event_type is None


def test_diplomatic_and_attribution_readings_leave_the_event_alone():
    event = _event("Attack", "ASSAULT", inter2=7)
    assert decide(event, _row(DIPLO=0.8), LABELS, TAXONOMY, SETTINGS) is event
    assert decide(event, _row(ATTRIB=0.8), LABELS, TAXONOMY, SETTINGS) is event


def test_civilian_targeting_follows_the_new_type():
    event = _event("Armed clash", "ASSAULT", inter2=7)
    typed = decide(event, _row(ATTACK=0.8), LABELS, TAXONOMY, SETTINGS)
    assert typed.civilian_targeting == "Civilian targeting"


@pytest.mark.slow
def test_the_pipeline_types_events_with_the_packaged_classifier():
    from eventwire.engine import process_batch
    from eventwire.nlp.pipeline import get_pipeline
    from eventwire.types import Article

    nlp = get_pipeline()
    assert nlp.pipe_names.index("ew_type") == nlp.pipe_names.index("ew_gate") + 1
    text = (
        "Rebels of the northern front attacked an army base outside the town of Kidal in northern Mali "
        "on Tuesday, and soldiers fought them for several hours, the army said. Eight soldiers and "
        "twelve rebels were killed in the fighting."
    )
    [result] = process_batch([Article(id="t1", text=text, published=dt.date(2024, 5, 2))], nlp)
    assert [event.sub_event_type for event in result.events] == ["Armed clash"]


def test_a_military_operation_read_as_crime_is_kept():
    event = _event("Arrests", "COERCE")  # actor1: Military Forces of Chad
    assert decide(event, _row(ORG_CRIME=0.7), LABELS, TAXONOMY, SETTINGS) is event


def test_police_arrests_read_as_crime_are_dropped():
    event = replace(_event("Arrests", "COERCE"), actor1="Police Forces of Chad")
    assert decide(event, _row(ORG_CRIME=0.7), LABELS, TAXONOMY, SETTINGS) is None


def test_unidentified_gunmen_read_as_crime_are_dropped():
    event = replace(_event("Attack", "ASSAULT", inter2=7), actor1="Unidentified Armed Group (Chad)", inter1=3)
    assert decide(event, _row(ORG_CRIME=0.7), LABELS, TAXONOMY, SETTINGS) is None


def test_a_named_armed_group_read_as_crime_is_kept():
    event = replace(_event("Abduction/forced disappearance", "ASSAULT", inter2=7), actor1="Boko Haram", inter1=2)
    assert decide(event, _row(ORG_CRIME=0.7), LABELS, TAXONOMY, SETTINGS) is event


def test_nothing_is_dropped_from_an_article_of_clear_conflict_news():
    event = replace(_event("Arrests", "COERCE"), actor1=None, inter1=None)
    assert decide(event, _row(ORG_CRIME=0.7), LABELS, TAXONOMY, SETTINGS, may_drop=False) is event


def test_a_verbal_event_needs_a_target():
    from eventwire.coding.conventions.verbal import has_target

    statement = replace(_event(None, "ACCUSE"), actor2=None)
    accusation = replace(_event(None, "ACCUSE"), actor2="Government of Sudan", inter2=1)
    assert not has_target(statement)
    assert has_target(accusation)
    assert has_target(replace(_event("Attack", "ASSAULT"), actor2=None))  # ACLED events need no target


@pytest.mark.slow
def test_a_condemnation_with_no_target_is_no_event_but_an_accusation_is():
    from tests.coding.conftest import code_article

    day = dt.date(2024, 5, 2)
    text = (
        "Gunmen killed nine villagers in an attack near Kidal in northern Mali on Tuesday, local officials said. "
        "The government condemned the violence and promised an inquiry."
    )
    assert [event.plover_category for event in code_article(text, day) if event.event_type is None] == []
    text = (
        "Mali's foreign ministry on Tuesday accused the government of Algeria of sheltering rebel leaders "
        "near the border, in a statement read on state television."
    )
    assert [event.plover_category for event in code_article(text, day) if event.event_type is None] == ["ACCUSE"]
