"""ActorRecognizer (``eventwire_actors_v1``): named groups, state forces, unnamed groups, people."""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

from eventwire.errors import ModelError
from eventwire.nlp.actors import ActorRecognizer, actor_country_name, focus_country
from eventwire.types import Place, PlaceMention

PUBLISHED = dt.date(2021, 7, 7)
# Approximate GeoNames records (geonames.org) for hand-made place mentions.
PLACES = {
    "Kenya": Place(192950, "Kenya", "KE", "KEN", "Kenya", "", "", 1.0, 38.0, "PCLI"),
    "Nairobi": Place(184745, "Nairobi", "KE", "KEN", "Kenya", "Nairobi Area", "", -1.283, 36.817, "PPLC"),
    "Kampala": Place(232422, "Kampala", "UG", "UGA", "Uganda", "Central Region", "", 0.316, 32.583, "PPLC"),
    "Kabul": Place(1138958, "Kabul", "AF", "AFG", "Afghanistan", "Kabul", "", 34.528, 69.172, "PPLC"),
    "Iraq": Place(99237, "Iraq", "IQ", "IRQ", "Iraq", "", "", 33.0, 44.0, "PCLI"),
    "Rwanda": Place(49518, "Rwanda", "RW", "RWA", "Rwanda", "", "", -2.0, 30.0, "PCLI"),
}


def place_mentions(text: str, *names: str) -> list[PlaceMention]:
    mentions = []
    for name in names:
        start = text.index(name)
        mentions.append(PlaceMention(start, start + len(name), name, PLACES[name], source="gazetteer"))
    return mentions


@pytest.fixture(scope="module")
def recognize(nlp_base, make_doc):
    component = ActorRecognizer(nlp_base, "ew_actors")
    component.initialize(nlp=nlp_base)

    def run(text: str, *, published: dt.date | None = PUBLISHED, places: tuple[str, ...] = ()):
        doc = make_doc(text, published)
        doc._.ew_places = place_mentions(text, *places)
        return component(doc)._.ew_actors

    return run


def names(mentions, *, kinds=("named", "state", "government", "generic")):
    return [(m.text, m.name, m.inter, m.country_iso2) for m in mentions if m.kind in kinds]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Al-Shabab fighters attacked the base.", ("Al-Shabab", "Al Shabaab", 2, "SO")),
        ("The al-Shabaab group claimed the attack.", ("al-Shabaab", "Al Shabaab", 2, "SO")),
        ("The Islamic State claimed the bombing.", ("Islamic State", "Islamic State", 2, "")),
        ("IS claimed the bombing.", ("IS", "Islamic State", 2, "")),
        ("ISIL fighters held the road.", ("ISIL", "Islamic State", 2, "")),
        ("Daesh cells remain active.", ("Daesh", "Islamic State", 2, "")),
        ("JNIM fighters ambushed a convoy.", ("JNIM", "JNIM: Group for Support of Islam and Muslims", 2, "")),
        ("ISWAP fighters raided the camp.", ("ISWAP", "Islamic State West Africa Province", 2, "NG")),
        ("Boko Haram raided the village.", ("Boko Haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2, "NG")),
        ("M23 took the town.", ("M23", "M23: March 23 Movement", 2, "CD")),
        ("The ELN freed two hostages.", ("ELN", "ELN: National Liberation Army", 2, "CO")),
        ("The FARC signed the accord.", ("FARC", "FARC: Revolutionary Armed Forces of Colombia", 2, "CO")),
        ("FARC dissidents attacked the post.", ("FARC dissidents", "FARC Dissidents", 2, "CO")),
        ("Houthi rebels fired a drone.", ("Houthi rebels", "Houthis", 2, "YE")),
        ("Ansar Allah denied it.", ("Ansar Allah", "Houthis", 2, "YE")),
        ("Hamas fired rockets.", ("Hamas", "Hamas Movement", 2, "PS")),
        ("Hezbollah fired rockets.", ("Hezbollah", "Hezbollah", 3, "LB")),
        ("Tehreek-i-Taliban Pakistan claimed it.", ("Tehreek-i-Taliban Pakistan", "TTP: Tehreek-i-Taliban Pakistan", 2, "PK")),
        ("The Pakistani Taliban claimed it.", ("Pakistani Taliban", "TTP: Tehreek-i-Taliban Pakistan", 2, "PK")),
        ("The ADF killed farmers.", ("ADF", "ADF: Allied Democratic Forces", 2, "")),
        ("Allied Democratic Forces rebels killed farmers.", ("Allied Democratic Forces", "ADF: Allied Democratic Forces", 2, "")),
        ("AMISOM troops patrolled the port.", ("AMISOM", "AMISOM: African Union Mission in Somalia", 8, "SO")),
        ("The PKK denied it.", ("PKK", "PKK: Kurdistan Workers Party", 2, "TR")),
        ("The Wagner Group sent fighters.", ("Wagner Group", "Wagner Group", 8, "")),
        ("The RSF shelled the city.", ("RSF", "RSF: Rapid Support Forces", 2, "SD")),
        ("The Rapid Support Forces shelled the city.", ("Rapid Support Forces", "RSF: Rapid Support Forces", 2, "SD")),
    ],
)
def test_named(recognize, text, expected):
    assert names(recognize(text))[0] == expected


@pytest.mark.parametrize("text", ["It is clear that this is hard.", "Is it over?", "The isle is calm."])
def test_acronyms_match_case_sensitively(recognize, text):
    assert names(recognize(text)) == []


def test_islamic_state_province_from_focus_country(recognize):
    text = "ISIS fighters attacked a checkpoint near Iraq's border."
    assert names(recognize(text, places=("Iraq",)))[0][1:] == ("Islamic State (Iraq)", 2, "IQ")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (dt.date(2021, 7, 7), ("Taliban", 2)),
        (dt.date(2021, 8, 14), ("Taliban", 2)),
        (dt.date(2021, 8, 15), ("Military Forces of Afghanistan (2021-)", 1)),
        (dt.date(2023, 1, 10), ("Military Forces of Afghanistan (2021-)", 1)),
        (None, ("Taliban", 2)),
    ],
)
def test_taliban_date_rule(recognize, published, expected):
    [mention] = recognize("The Taliban took the district.", published=published)
    assert (mention.name, mention.inter) == expected


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("Afghan military forces pushed them back.", ("Afghan military forces", "Military Forces of Afghanistan", 1, "AF"), "state"),
        ("The Afghan military pushed them back.", ("Afghan military", "Military Forces of Afghanistan", 1, "AF"), "state"),
        ("Kenya's police fired tear gas.", ("Kenya's police", "Police Forces of Kenya", 1, "KE"), "state"),
        ("The Nigerian army said it repelled them.", ("Nigerian army", "Military Forces of Nigeria", 1, "NG"), "state"),
        ("Iraqi security forces entered the town.", ("Iraqi security forces", "Military Forces of Iraq", 1, "IQ"), "state"),
        ("US troops left the base.", ("US troops", "Military Forces of United States", 1, "US"), "state"),
        ("DR Congo's army retook the hill.", ("DR Congo's army", "Military Forces of Democratic Republic of Congo", 1, "CD"), "state"),
        ("The army of Mali retook the town.", ("army", "Military Forces of Mali", 1, "ML"), "state"),
        ("Riot police in Kampala fired tear gas.", ("Riot police", "Police Forces of Uganda", 1, "UG"), "state"),
        ("Afghan government leaders met the envoys.", ("Afghan government leaders", "Government of Afghanistan", 1, "AF"), "government"),
        ("The Kenyan government denied it.", ("Kenyan government", "Government of Kenya", 1, "KE"), "government"),
        ("Iran's foreign minister urged talks.", ("Iran's foreign minister", "Government of Iran", 1, "IR"), "government"),
    ],
)
def test_state_actors_take_the_country_of_their_adjective(recognize, text, expected, kind):
    places = ("Kampala",) if "Kampala" in text else ()
    [mention] = [m for m in recognize(text, places=places) if m.kind != "person"]
    assert ((mention.text, mention.name, mention.inter, mention.country_iso2), mention.kind) == (expected, kind)


def test_state_actor_after_the_afghan_change_of_government(recognize):
    [mention] = recognize("The Afghan military pushed them back.", published=dt.date(2022, 3, 1))
    assert mention.name == "Military Forces of Afghanistan (2021-)"


def test_place_modifier_gives_the_country(recognize):
    [mention] = recognize("Kabul police closed the road.", places=("Kabul",))
    assert (mention.name, mention.country_iso2) == ("Police Forces of Afghanistan", "AF")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen stormed a school in Nairobi.", ("Gunmen", "Unidentified Armed Group (Kenya)", 2)),
        ("Unknown gunmen stormed a school in Nairobi.", ("Unknown gunmen", "Unidentified Armed Group (Kenya)", 2)),
        ("Militants stormed a school in Nairobi.", ("Militants", "Unidentified Armed Group (Kenya)", 2)),
        ("A suicide bomber struck a market in Nairobi.", ("suicide bomber", "Unidentified Armed Group (Kenya)", 2)),
        ("Protesters marched through Nairobi.", ("Protesters", "Protesters (Kenya)", 6)),
        ("Demonstrators marched through Nairobi.", ("Demonstrators", "Protesters (Kenya)", 6)),
        ("Rioters burned tyres in Nairobi.", ("Rioters", "Rioters (Kenya)", 5)),
        ("Looters emptied shops in Nairobi.", ("Looters", "Rioters (Kenya)", 5)),
        ("A mob attacked a thief in Nairobi.", ("mob", "Rioters (Kenya)", 5)),
        ("Civilians fled Nairobi.", ("Civilians", "Civilians (Kenya)", 7)),
        ("Villagers fled to Nairobi.", ("Villagers", "Civilians (Kenya)", 7)),
        ("Shoppers fled a mall in Nairobi.", ("Shoppers", "Civilians (Kenya)", 7)),
        ("Rebels shelled the outskirts of Nairobi.", ("Rebels", "Rebels (Kenya)", 2)),
        ("The police dispersed a crowd in Nairobi.", ("police", "Police Forces of Kenya", 1)),
        ("The government imposed a curfew in Nairobi.", ("government", "Government of Kenya", 1)),
        ("Officials closed schools in Nairobi.", ("Officials", "Government of Kenya", 1)),
        ("The authorities closed schools in Nairobi.", ("authorities", "Government of Kenya", 1)),
    ],
)
def test_country_from_article_focus(recognize, text, expected):
    found = names(recognize(text, places=("Nairobi",)))
    assert [item[:3] for item in found] == [expected]


def test_adjective_beats_article_focus(recognize):
    text = "Congolese rebels crossed from Rwanda into Rwanda again."
    found = names(recognize(text, places=("Rwanda",)))
    assert found == [("Congolese rebels", "Rebels (Democratic Republic of Congo)", 2, "CD")]


def test_no_country_anywhere_gives_the_bare_name(recognize):
    assert names(recognize("Gunmen stormed a school."))[0][1] == "Unidentified Armed Group"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taliban fighters entered the city.", ["Taliban"]),  # the named actor stands for its fighters
        ("Fighters of the Taliban entered the city.", ["Taliban"]),
        ("Houthi forces fired a missile.", ["Houthis"]),
        ("Battles erupted outside the police headquarters and an army camp.", []),  # nouns modifying nouns
        ("The minister resigned.", []),  # no country, no actor
    ],
)
def test_not_separate_actors(recognize, text, expected):
    assert [m.name for m in recognize(text) if m.kind != "person"] == expected


def test_persons(recognize):
    mentions = recognize("The rebels seized the town, said Maria Lopez, a nurse.")
    assert [(m.text, m.name, m.inter, m.kind) for m in mentions if m.kind == "person"] == [("Maria Lopez", "Maria Lopez", 0, "person")]


def test_offsets_and_pickling(recognize):
    text = "Yesterday the Afghan military and the Taliban clashed."
    mentions = recognize(text)
    assert [text[m.start : m.end] for m in mentions] == ["Afghan military", "Taliban"]
    assert pickle.loads(pickle.dumps(mentions)) == mentions


@pytest.mark.parametrize(
    ("countries", "expected"),
    [(("Kenya", "Nairobi", "Kampala"), "KE"), (("Kampala", "Nairobi"), "UG"), ((), "")],
)
def test_focus_country(countries, expected):
    text = " ".join(countries)
    assert focus_country(place_mentions(text, *countries)) == expected


def test_focus_country_ignores_unresolved_places():
    assert focus_country([PlaceMention(0, 5, "Gotham", None)]) == ""


@pytest.mark.parametrize(("iso2", "name"), [("CD", "Democratic Republic of Congo"), ("KE", "Kenya"), ("PS", "Palestine"), ("", "")])
def test_actor_country_name(iso2, name):
    assert actor_country_name(iso2) == name


def test_refuses_to_run_before_initialize(nlp_base, make_doc):
    with pytest.raises(ModelError, match="E212"):
        ActorRecognizer(nlp_base, "ew_actors")(make_doc("The Taliban attacked."))


@pytest.mark.shared
def test_seed_actors(nlp_base, seed_doc):
    component = ActorRecognizer(nlp_base, "ew_actors")
    component.initialize(nlp=nlp_base)
    found = {(m.text, m.name) for m in component(seed_doc)._.ew_actors}
    assert ("Taliban", "Taliban") in found
    assert ("Afghan military", "Military Forces of Afghanistan") in found
    assert ("Afghan government leaders", "Government of Afghanistan") in found
