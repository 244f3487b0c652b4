"""The ACLED/PLOVER taxonomy data and its loader."""
from __future__ import annotations

import json

import pytest

from eventwire.coding.conventions.taxonomy import TAXONOMY_PATH, load_taxonomy
from eventwire.errors import ModelError

ACLED_TYPES = [
    "Battles",
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def test_six_types_in_precedence_order(taxonomy):
    assert list(taxonomy.event_types) == ACLED_TYPES


def test_twenty_five_sub_event_types(taxonomy):
    assert len(taxonomy.sub_to_type) == 25
    assert taxonomy.sub_to_type["Air/drone strike"] == "Explosions/Remote violence"
    assert taxonomy.sub_to_type["Abduction/forced disappearance"] == "Violence against civilians"
    assert taxonomy.sub_to_type["Non-violent transfer of territory"] == "Strategic developments"


@pytest.mark.parametrize(
    ("event_type", "sub", "disorder"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Grenade", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Arrests", "Strategic developments"),
        (None, None, None),
    ],
)
def test_disorder_type(taxonomy, event_type, sub, disorder):
    assert taxonomy.disorder_type(event_type, sub) == disorder


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        ("Armed clash", "Air/drone strike", "Armed clash"),  # Battles > Explosions/Remote violence
        ("Shelling/artillery/missile attack", "Violent demonstration", "Violent demonstration"),  # Riots > ERV
        ("Attack", "Suicide bomb", "Suicide bomb"),  # ERV > Violence against civilians
        ("Arrests", "Peaceful protest", "Peaceful protest"),  # Protests > Strategic developments
        ("Armed clash", "Peaceful protest", "Armed clash"),  # Battles > Protests
        ("Peaceful protest", "Violent demonstration", "Violent demonstration"),  # a protest that turns violent
        ("Abduction/forced disappearance", "Attack", "Attack"),  # abduction then killing
        ("Peaceful protest", "Excessive force against protesters", "Excessive force against protesters"),
        ("Armed clash", "Non-state actor overtakes territory", "Non-state actor overtakes territory"),
        ("Remote explosive/landmine/IED", "Suicide bomb", "Suicide bomb"),
    ],
)
def test_stronger_is_symmetric_and_follows_precedence(taxonomy, first, second, kept):
    assert taxonomy.stronger(first, second) == kept
    assert taxonomy.stronger(second, first) == kept


@pytest.mark.parametrize(
    ("legacy", "current"),
    [
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("CRIME", None),
        ("consult", "CONSULT"),
        ("ASSAULT", "ASSAULT"),
        ("NOT-A-CATEGORY", None),
        (None, None),
    ],
)
def test_plover_legacy_names(taxonomy, legacy, current):
    assert taxonomy.current_plover(legacy) == current


def test_sixteen_plover_categories(taxonomy):
    assert set(taxonomy.plover_categories) == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }


@pytest.mark.parametrize("sub", sorted(load_taxonomy().sub_to_type))
def test_every_sub_event_maps_to_a_known_plover_mode(taxonomy, sub):
    category, mode = taxonomy.plover_for(sub)
    if category is None:
        assert mode is None
        return
    assert category in taxonomy.plover_categories
    assert mode is None or mode in taxonomy.plover_categories[category]


@pytest.mark.parametrize(
    ("sub", "plover"),
    [("Armed clash", ("ASSAULT", "firearms")), ("Peaceful protest", ("PROTEST", "demo")), ("Arrests", ("COERCE", "arrest"))],
)
def test_acled_to_plover_examples(taxonomy, sub, plover):
    assert taxonomy.plover_for(sub) == plover


@pytest.mark.parametrize(
    ("a", "b", "mergeable"),
    [
        ("Armed clash", "Air/drone strike", True),
        ("Attack", "Abduction/forced disappearance", True),
        ("Peaceful protest", "Violent demonstration", True),
        ("Arrests", "Peaceful protest", True),
        ("Arrests", "Armed clash", False),
        ("Peaceful protest", "Armed clash", False),
        ("Agreement", "Arrests", False),
        ("Arrests", "Arrests", True),
        (None, "Armed clash", False),
        (None, None, True),
    ],
)
def test_mergeable_types(taxonomy, a, b, mergeable):
    assert taxonomy.mergeable_types(a, b) is mergeable


def test_missing_file_raises_a_coded_error(tmp_path):
    with pytest.raises(ModelError, match="E250"):
        load_taxonomy(tmp_path / "absent.json")


def test_sub_event_without_plover_mapping_is_rejected(tmp_path):
    data = json.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))
    del data["acled_to_plover"]["Grenade"]
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="E251.*Grenade"):
        load_taxonomy(path)
