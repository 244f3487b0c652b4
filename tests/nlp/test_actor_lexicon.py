"""The actor lexicon derived from PETRARCH2 (``actors_petrarch.jsonl``), its rank below the
curated lexicons, and state forces named by description. Sentences written for these tests."""
from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from eventwire.nlp.actor_lexicon import PETRARCH_PATH, load_entries
from eventwire.nlp.actors import ActorRecognizer
from eventwire.nlp.data import CODING_DATA_DIR, read_jsonl
from eventwire.types import Place, PlaceMention

PUBLISHED = dt.date(2022, 5, 3)
# Approximate GeoNames record (geonames.org) for a hand-made place mention.
NAIROBI = Place(184745, "Nairobi", "KE", "KEN", "Kenya", "Nairobi Area", "", -1.283, 36.817, "PPLC")
BUILD_SCRIPT = Path(__file__).parents[2] / "tools" / "build_actors.py"


@pytest.fixture(scope="module")
def recognize(nlp_base, make_doc):
    component = ActorRecognizer(nlp_base, "ew_actors")
    component.initialize(nlp=nlp_base)

    def run(text: str):
        doc = make_doc(text, PUBLISHED)
        start = text.find("Nairobi")
        doc._.ew_places = [PlaceMention(start, start + 7, "Nairobi", NAIROBI, source="gazetteer")] if start >= 0 else []
        return [(m.text, m.name, m.inter, m.country_iso2) for m in component(doc)._.ew_actors if m.kind != "person"]

    return run


def test_the_derived_file_is_small_and_marked_as_derived():
    assert PETRARCH_PATH.stat().st_size < 3_000_000
    assert (PETRARCH_PATH.parent / "NOTICE_petrarch2.txt").read_text(encoding="utf-8").count("MIT License") == 1
    derived = [entry for entry in load_entries() if entry.derived]
    assert len([entry for entry in derived if entry.group == "named"]) > 500
    assert {entry.inter for entry in derived if entry.group == "named"} >= {1, 2, 3, 8}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a non-state group known only to the derived lexicon, by alias and by acronym
        ("Fighters of the Aden Abyan Islamic Army raided a checkpoint.",
         ("Aden Abyan Islamic Army", "AAIA: Aden Abyan Islamic Army", 2, "YE")),
        ("The EZLN announced a march.", ("EZLN", "EZLN: Zapatista Army of National Liberation", 2, "MX")),
        # an alias PETRARCH gives a curated group names the curated actor
        ("The Islamic Resistance Movement fired rockets.", ("Islamic Resistance Movement", "Hamas Movement", 2, "PS")),
        # an intergovernmental organisation, and a state's named force
        ("The Organization of American States sent observers.",
         ("Organization of American States", "OAS: Organization of American States", 8, "")),
        ("The Royal Navy intercepted the boat.", ("Royal Navy", "Military Forces of United Kingdom", 1, "GB")),
    ],
)
def test_derived_names(recognize, text, expected):
    assert recognize(text) == [expected]


def test_derived_acronyms_match_as_written(recognize):
    assert recognize("Ezln is not how the group writes its name.") == []


@pytest.mark.parametrize(
    "text",
    [
        "They said the plan crossed a red line.",  # "Red Line" is a group's name only when capitalised
        "Popular resistance to the tax grew.",
        "Resistance grew as the strike went on.",  # one common English word never names a group
        "Struggle and hope marked the year.",
    ],
)
def test_common_words_are_not_actors(recognize, text):
    assert recognize(text) == []


def test_curated_aliases_keep_their_curated_names(recognize):
    """Every curated alias still names its curated actor with the derived lexicon loaded."""
    for record in read_jsonl(CODING_DATA_DIR / "actors_named.jsonl"):
        if record.get("periods") or record.get("name_by_country") or record.get("template"):
            continue  # names that change with the date or the country: tested in test_actors.py
        for alias in record["aliases"]:
            found = recognize(f"Yesterday {alias} spoke.")
            assert found and found[0][1] == record["name"], (alias, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PETRARCH files "Islamic Jihad" under Hezbollah too; the curated reading wins
        ("Islamic Jihad fired rockets.", ("Islamic Jihad", "PIJ: Palestinian Islamic Jihad", 2, "PS")),
        # a longer derived name that contains a curated one is a different, more specific group
        ("Egyptian Islamic Jihad claimed the attack.",
         ("Egyptian Islamic Jihad", "EIJ: Egyptian Islamic Jihad", 2, "")),
        ("Turkish Hezbollah claimed the attack.", ("Turkish Hezbollah", "Turkish Hezbollah", 2, "TR")),
    ],
)
def test_curated_wins_unless_contained(recognize, text, expected):
    assert recognize(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The junta closed the border near Nairobi.", ("junta", "Military Forces of Kenya", 1)),
        ("The ruling junta banned rallies in Nairobi.", ("ruling junta", "Military Forces of Kenya", 1)),
        ("Gendarmes fired tear gas in Nairobi.", ("Gendarmes", "Police Forces of Kenya", 1)),
        ("A gendarme was wounded in Nairobi.", ("gendarme", "Police Forces of Kenya", 1)),
        ("Troops patrolled Nairobi.", ("Troops", "Military Forces of Kenya", 1)),
        ("Soldiers patrolled Nairobi.", ("Soldiers", "Military Forces of Kenya", 1)),
        ("The army patrolled Nairobi.", ("army", "Military Forces of Kenya", 1)),
        ("Security forces patrolled Nairobi.", ("Security forces", "Military Forces of Kenya", 1)),
        ("The military patrolled Nairobi.", ("military", "Military Forces of Kenya", 1)),
        ("Regime forces shelled a suburb of Nairobi.", ("Regime forces", "Military Forces of Kenya", 1)),
        # role nouns from PETRARCH's agent dictionary
        ("Constables detained two men in Nairobi.", ("Constables", "Police Forces of Kenya", 1)),
        ("Mercenaries looted a farm outside Nairobi.", ("Mercenaries", "Unidentified Armed Group (Kenya)", 2)),
    ],
)
def test_state_forces_by_description_take_the_focus_country(recognize, text, expected):
    assert [item[:3] for item in recognize(text)] == [expected]


def test_a_junta_of_a_named_country(recognize):
    assert recognize("Sudan's junta dissolved the council.")[0][:3] == ("Sudan's junta", "Military Forces of Sudan", 1)


# -- tools/build_actors.py, on a dictionary written for this test --------------------------------
@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_actors", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_reads_the_tabari_format(build, tmp_path):
    path = tmp_path / "test.actors.txt"
    path.write_text(
        "# a comment\n"
        "NORTHERN_HILLS_LIBERATION_FRONT_(NHLF)_ [XYZREB] # made up\n"
        "+HILLS_FRONT_\n"
        "\n"
        "RIVER_GUARDS_\n"
        "+GUARDS_OF_THE_RIVER\n"
        "\t[ABCMIL 990101-051231]\n"
        "\t[ABCREB]\n",
        encoding="utf-8",
    )
    first, second = build.read_blocks(path)
    assert first.names == ["NORTHERN_HILLS_LIBERATION_FRONT_(NHLF)_", "HILLS_FRONT_"]
    assert build.current_code(first) == "XYZREB"
    assert second.names == ["RIVER_GUARDS_", "GUARDS_OF_THE_RIVER"]
    assert build.current_code(second) == "ABCREB"  # the dated code no longer holds


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["ARMY", "OF", "THE", "NORTH"], "Army of the North"),
        (["PEOPLE'S", "LIBERATION", "FRONT"], "People's Liberation Front"),
        (["AL-HILAL", "BRIGADES"], "Al-Hilal Brigades"),
        (["3RD", "BRIGADE"], "3rd Brigade"),
    ],
)
def test_title_case(build, words, expected):
    assert build.title_case(words) == expected


def test_acled_name_puts_the_spelled_acronym_first(build):
    name = build.acled_name(["Northern Hills Liberation Front"], ["XY", "NHLF"])
    assert name == "NHLF: Northern Hills Liberation Front"
    assert build.acled_name([], ["NHLF"]) == "NHLF"
