"""PLOVER coding of single sentences: the ``sentence`` setting (verbal actors named as such,
stated intentions), the PLOVER-only trigger entries, and what stays unchanged for articles."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding.events import EventExtractor
from eventwire.coding.conventions.taxonomy import load_taxonomy
from eventwire.coding.triggers import load_trigger_lexicon
from eventwire.coding.conventions.verbal import THREAT_MODES
from eventwire.eval.plover import sentence_category

KENYA = ["Kenya", "Nairobi", "Mombasa", "Kisumu"]


@pytest.fixture(scope="module")
def extractors(nlp):
    return {setting: EventExtractor(nlp.vocab, setting=setting) for setting in ("article", "sentence")}


@pytest.fixture(scope="module")
def categories(extractors, make_doc):
    """The PLOVER categories of every event of a text, coded in one setting."""

    def run(text, *, setting="sentence", **records):
        return sorted(event.plover_category for event in extractors[setting](make_doc(text, **records)))

    return run


@pytest.fixture(scope="module")
def main_category(extractors, make_doc):
    """The category the PLOVER eval gives a sentence (its main event's)."""

    def run(text, **records):
        doc = make_doc(text, **records)
        return sentence_category(doc, extractors["sentence"](doc))

    return run


def test_settings_are_checked(nlp):
    with pytest.raises(ValueError, match="setting"):
        EventExtractor(nlp.vocab, setting="paragraph")


# -- who may act in a verbal event ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bolivian President Luis Arce condemned the coup attempt on Sunday.", "ACCUSE"),  # an office
        ("Chile and Peru agreed on Monday to open their border.", "AGREE"),  # countries
        ("Norwegian officials urged the two sides to return to the table.", "REQUEST"),  # a nationality and an office
        ("Chile says it is ready to lift the ban on Bolivian imports.", "AGREE"),  # "it" stands for Chile
    ],
)
def test_a_named_country_organisation_or_office_acts_in_the_sentence_setting(categories, text, expected):
    assert categories(text) == [expected]
    assert categories(text, setting="article") == []  # the actor lexicon knows none of them


def test_a_running_total_since_a_date_is_an_event_in_a_sentence(categories):
    # PLOVER codes it with its 'historical' context; articles leave running tolls out
    text = "Two thousand guerrillas have been disarmed since March 3."
    assert categories(text, dates={"March 3": dt.date(2024, 3, 3)}) == ["RETREAT"]


@pytest.mark.parametrize(
    "text",
    [
        "Residents condemned the decision on Sunday.",
        "He urged the two sides to return to the table.",
    ],
)
def test_an_unnamed_actor_still_makes_no_verbal_event(categories, text):
    assert categories(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zembla has agreed to open its border to the monitors.", "AGREE"),  # a name the NER misses
        ("Sheikh Hamad launched a mediation effort between the two sides.", "CONSULT"),  # a named person
        ("It will send humanitarian aid to Sudan.", "AGREE"),  # "it": a state told before
        ("After signing the truce, agreed to reopen the border.", "AGREE"),  # no subject in the parse
        ("Thousands of guerrillas have been disarmed this month.", "RETREAT"),  # a passive names the patient
        ("Thousands of guerrillas have been disarmed since the accord.", "RETREAT"),  # a running total
        ("Supporters of the former president blocked roads into the capital on Monday.", "PROTEST"),
    ],
)
def test_a_sentence_names_its_actor_loosely(main_category, categories, text, expected):
    assert main_category(text) == expected
    assert categories(text, setting="article") == []  # articles still ask the actor lexicon


# -- stated intentions ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway will send humanitarian aid to Sudan next month.", ["AGREE"]),  # cooperation promised
        ("Kenya is willing to withdraw its troops from Somalia.", ["AGREE"]),
        ("Japan may suspend economic aid to Myanmar.", ["THREATEN"]),  # a sanction held out
        ("The Ugandan government plans to impose a curfew on Kampala.", ["THREATEN"]),
        ("Germany said Iran must release the prisoners.", ["REQUEST"]),  # an obligation stated
        # a cooperative act refused in a future or present clause is REJECT; a past one is no event
        ("Norway will not send humanitarian aid to Sudan.", ["REJECT"]),
        ("Chile cannot meet the Bolivian delegation this week.", ["REJECT"]),
        ("Norway did not send humanitarian aid to Sudan last year.", []),
        # not intentions: a refusal, a meeting to come (PLOVER's 'future' context)
        ("Kenya refused to withdraw its troops from Somalia.", ["REJECT"]),
        ("The presidents of Chile and Peru will meet in Lima next week.", []),
    ],
)
def test_stated_intentions_are_coded_as_plover_does(categories, text, expected):
    assert categories(text) == expected


def test_a_refusal_that_describes_a_noun_is_no_event(categories):
    # the relative clause says what Kenya is, it reports no new act
    assert "REJECT" not in categories("Kenya, which will not accept any more migrants, closed the camp on Monday.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebel leader promised to attack the capital.", "THREATEN"),  # a promise of violence
        ("The rebel leader promised to release the prisoners.", "AGREE"),
        ("The opposition party said it will boycott the elections.", "THREATEN"),  # a protest announced
        ("The European Union agreed to impose sanctions on the junta.", "AGREE"),  # agreeing is not promising
    ],
)
def test_what_is_promised_decides_between_agree_and_threaten(main_category, text, expected):
    assert main_category(text) == expected


def test_an_intention_makes_no_event_for_an_actor_the_lexicon_does_not_know(categories):
    assert categories("Norway will send humanitarian aid to Sudan next month.", setting="article") == []


def test_a_promise_by_a_known_government_is_an_agreement_in_articles_too(categories):
    text = "The Kenyan government will release the prisoners in Nairobi."
    assert categories(text, setting="article", actors=["the Kenyan government"], places=KENYA) == ["AGREE"]


# -- PLOVER-only triggers --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brazil and Argentina shared intelligence on drug traffickers.", "COOPERATE"),
        ("Chile and Peru held joint naval exercises off Arica.", "COOPERATE"),  # PLOVER 0.8: joint is COOPERATE
        ("The Chilean navy held exercises off Arica.", "MOBILIZE"),  # one country's is MOBILIZE
        ("Peruvian authorities imposed a curfew in the southern city of Puno.", "COERCE"),
        ("The farmers' union blocked roads into the capital on Monday.", "PROTEST"),
        ("A Chilean court indicted the former minister for fraud.", "ACCUSE"),
        ("Colombia launched an investigation into the deaths of the miners.", "ACCUSE"),
        ("Turkey vetoed the resolution on Tuesday.", "REJECT"),
        ("The United States halted military aid to Egypt.", "SANCTION"),
        ("Ecuador restored diplomatic relations with Venezuela.", "SUPPORT"),
        ("Ecuador and Peru signed a trade agreement on Friday.", "SUPPORT"),  # PLOVER 0.8: signing is SUPPORT
        ("The Peruvian government lifted the state of emergency in Lima.", "CONCEDE"),
        ("Bolivian police tortured the detainees, the report said.", "ASSAULT"),
        ("The Norwegian foreign minister undertook a mediation mission between the two sides.", "CONSULT"),
        ("The Kenyan government demanded that the rebels withdraw from the border.", "REQUEST"),
        ("Bolivia reopened its border crossings with Peru on Monday.", "RETREAT"),  # access
        ("Chinese officials lambasted the report as biased.", "ACCUSE"),
        ("The Peruvian president cancelled his visit to Santiago.", "REJECT"),  # PLOVER 0.8: a cancelled meeting
        ("The junta issued an ultimatum to the protest leaders.", "THREATEN"),
        ("Venezuela massed troops along the border with Guyana.", "MOBILIZE"),
        ("The Bolivian government granted an amnesty to the protesters.", "CONCEDE"),
        ("The Chilean foreign minister defended the decision to close the embassy.", "SUPPORT"),
        ("The rebel group declared a unilateral ceasefire in the south on Wednesday.", "RETREAT"),
        ("Both armies violated the ceasefire last week, the monitors said.", "ASSAULT"),  # CAMEO 196
        ("The agency dispatched inspectors to the nuclear plant on Monday.", "ACCUSE"),  # investigate
        ("The army drove hundreds of villagers from their homes near the border.", "ASSAULT"),  # CAMEO 201
        ("Kenyan troops forced out thousands of residents from the camp on Tuesday.", "ASSAULT"),
        ("Kenya forced the embassy staff out of the country.", "SANCTION"),  # expelling officials stays SANCTION
        ("A Kenyan prisoner died as a result of torture in police custody.", "ASSAULT"),
        ("Chilean and Peruvian negotiators returned to Lima for talks on the border.", "CONSULT"),
        ("Uganda admitted two thousand refugees from South Sudan on Monday.", "AID"),  # asylum
        ("Tanzania says it will not accept any more migrants from Burundi.", "REJECT"),
        # an obligation stated for any act is a demand
        ("The opposition leader said the electoral board should publish the results at once.", "REQUEST"),
        # an order is a demand; an order to coerce is coercion
        ("A Kenyan court ordered the striking doctors to return to work.", "REQUEST"),
        ("The Kenyan government ordered the television station to suspend broadcasts.", "COERCE"),
        # PLOVER codes the act attempted
        ("Gunmen tried to storm the army base in Mombasa on Monday.", "ASSAULT"),
        ("Kenya tried to impose a curfew on the city.", "COERCE"),
    ],
)
def test_plover_only_triggers(main_category, text, expected):
    assert main_category(text) == expected


def test_what_a_demand_asks_for_is_not_an_event(categories):
    # the withdrawal is the content of the demand, not a RETREAT
    assert categories("The Kenyan government demanded that the rebels withdraw from the border.") == ["REQUEST"]


def test_who_the_protesters_are_is_not_a_rejection(categories):
    text = "Protesters opposing the new tax law marched in Nairobi on Tuesday."
    assert "REJECT" not in categories(text, setting="article", actors=["Protesters"], places=KENYA)
    assert "REJECT" not in categories(text, actors=["Protesters"], places=KENYA)


def test_the_main_event_is_the_one_nearest_the_root(main_category):
    # "fighting" is a clause inside the accusation
    assert main_category("Sudan accused Chad of backing the rebels who attacked the town.") == "ACCUSE"


def test_every_trigger_mode_is_a_mode_of_its_category():
    taxonomy = load_taxonomy()
    for entry in load_trigger_lexicon().entries.values():
        if entry.plover and entry.mode:
            category = taxonomy.current_plover(entry.plover)
            assert entry.mode in taxonomy.plover_categories[category], entry.id
    assert set(THREAT_MODES.values()) <= set(taxonomy.plover_categories["THREATEN"])
