"""CasualtyExtractor (``eventwire_casualties_v1``): who was killed, injured, arrested or abducted."""
from __future__ import annotations

import pickle

import pytest

from eventwire.errors import ModelError
from eventwire.nlp.casualties import CasualtyExtractor, parse_count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("two", 2), ("Twenty-eight", 28), ("twenty eight", 28), ("28", 28), ("1,200", 1200),
        ("a dozen", 12), ("two dozen", 24), ("one hundred and five", 105), ("2 million", 2000000),
        ("at least two", 2), ("more than 30", 30), ("about 40", 40), ("nearly 50", 50), ("almost 60", 60),
        ("between 28 and 30", 28), ("28-30", 28), ("28 to 30", 28), ("30 or 28", 28),
        ("several", 3), ("many", 3), ("a few", 3), ("dozens", 12), ("tens", 10), ("hundreds", 100),
        ("thousands", 1000), ("a couple", 2),
        ("people", None), ("few", None), ("", None),
    ],
)
def test_parse_count(text, count):
    assert parse_count(text) == count


@pytest.mark.parametrize(
    ("text", "plain", "large"),
    [
        ("several", 3, 10), ("many", 3, 10), ("numerous", 3, 10), ("multiple", 3, 10),
        ("a few", 3, 3),  # "a few" stays small whatever the scale
        ("many dozens", 12, 12), ("several dozen", 12, 12), ("several hundred", 100, 100),
        ("dozens", 12, 12), ("tens", 10, 10), ("hundreds", 100, 100),
    ],
)
def test_vague_counts_by_scale(text, plain, large):
    """ACLED: 'several'/'many' are 10 in a report of a mass-casualty scale, else 3 (numbers.json)."""
    assert (parse_count(text), parse_count(text, large_scale=True)) == (plain, large)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Witnesses described a massacre in Dorvan, where gunmen killed many villagers.", [("killed", 10)]),
        ("The blast caused mass casualties and many people were killed.", [("killed", 10)]),
        ("Gunmen killed many villagers in Dorvan.", [("killed", 3)]),
        ("Troops detained several suspects in Dorvan.", [("arrested", 3)]),
        ("Many dozens of people were killed in the shelling of Dorvan.", [("killed", 12)]),
    ],
)
def test_several_and_many_follow_the_scale_of_the_sentence(extract, text, expected):
    assert [(kind, count) for kind, count, _ in extract(text)] == expected


@pytest.fixture(scope="module")
def extract(nlp_base, make_doc):
    component = CasualtyExtractor(nlp_base, "ew_casualties")
    component.initialize(nlp=nlp_base)

    def run(text: str) -> list[tuple[str, int, str]]:
        return [(m.kind, m.count, m.text) for m in component(make_doc(text))._.ew_casualties]

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # killed
        ("Gunmen killed three farmers near the well.", [("killed", 3, "three farmers")]),
        ("Four soldiers were killed in the ambush.", [("killed", 4, "Four soldiers")]),
        ("Seven people died when the bridge collapsed under shelling.", [("killed", 7, "Seven people")]),
        ("Five people are dead after the raid.", [("killed", 5, "Five people")]),
        ("The blast left nine people dead.", [("killed", 9, "nine people")]),
        ("Militia fighters shot dead two herders.", [("killed", 2, "two herders")]),
        ("Eleven villagers lost their lives in the attack.", [("killed", 11, "Eleven villagers")]),
        ("The death toll rose to 45 on Friday.", [("killed", 45, "45")]),
        ("The bodies of six men were found by the road.", [("killed", 6, "six men")]),
        ("The clashes caused 14 deaths.", [("killed", 14, "14 deaths")]),
        ("A policeman was killed at the checkpoint.", [("killed", 1, "A policeman")]),
        ("The crash caused three fatalities.", [("killed", 3, "three fatalities")]),
        # injured
        ("The shelling wounded 19 civilians.", [("injured", 19, "19 civilians")]),
        ("Two guards were hurt in the scuffle.", [("injured", 2, "Two guards")]),
        ("Five people sustained injuries in the crash.", [("injured", 5, "Five people")]),
        ("The army reported 12 wounded casualties.", [("injured", 12, "12 wounded casualties")]),
        # arrested
        ("Police arrested 14 protesters in the square.", [("arrested", 14, "14 protesters")]),
        ("Six students were detained after the rally.", [("arrested", 6, "Six students")]),
        ("Two suspects were taken into custody.", [("arrested", 2, "Two suspects")]),
        # abducted
        ("Gunmen kidnapped eight traders on the highway.", [("abducted", 8, "eight traders")]),
        ("Armed men abducted a priest.", [("abducted", 1, "a priest")]),
        ("Gunmen took 14 workers hostage near the mine.", [("abducted", 14, "14 workers")]),
        # number words, vague figures and ranges
        ("Twenty-eight civilians were kidnapped by armed men.", [("abducted", 28, "Twenty-eight civilians")]),
        ("Troops killed a dozen fighters.", [("killed", 12, "a dozen fighters")]),
        ("Several insurgents were killed in the strike.", [("killed", 3, "Several insurgents")]),
        ("Dozens of protesters were injured.", [("injured", 12, "Dozens of protesters")]),
        ("Hundreds of people were arrested.", [("arrested", 100, "Hundreds of people")]),
        ("Tens of people were wounded.", [("injured", 10, "Tens of people")]),
        ("Many people were killed in the floods of violence.", [("killed", 3, "Many people")]),
        ("Between 28 and 30 people died in the clashes.", [("killed", 28, "Between 28 and 30 people")]),
        ("The attack killed 28-30 villagers.", [("killed", 28, "28-30 villagers")]),
        ("Police said 28 to 30 people had been detained.", [("arrested", 28, "28 to 30 people")]),
        ("The raid killed more than 40 people.", [("killed", 40, "more than 40 people")]),
        ("The storm of gunfire killed about 20 people.", [("killed", 20, "about 20 people")]),
        ("Nearly 50 people were injured.", [("injured", 50, "Nearly 50 people")]),
        ("Almost three dozen suspects were detained.", [("arrested", 36, "Almost three dozen suspects")]),
        # zero
        ("No one was killed in the attack, officials said.", [("killed", 0, "No one")]),
        ("Nobody was hurt in the fire.", [("injured", 0, "Nobody")]),
        ("There were no casualties in the blast.", [("killed", 0, "no casualties"), ("injured", 0, "no casualties")]),
        ("The raid caused no deaths.", [("killed", 0, "no deaths")]),
        # a date the parser hangs on the count stays out of it
        ("2022-04-14 Four soldiers were killed.", [("killed", 4, "Four soldiers")]),
        # conjoined objects add up
        ("The militants killed two soldiers and three civilians.", [("killed", 5, "two soldiers and three civilians")]),
        # a count in apposition to a subject or object that states none
        ("The victims, three guards from Varo, died in the blast.", [("killed", 3, "three guards")]),
        ("Gunmen killed the victims, four farmers, near Varo.", [("killed", 4, "four farmers")]),
        ("Gunmen killed the mayor, a father of three, in Varo.", [("killed", 1, "the mayor")]),
        # inverted passive: the subject after the auxiliary
        ("Also killed in the raid were more than a dozen armed gunmen.", [("killed", 12, "more than a dozen armed gunmen")]),
        ("Killed in the attack were four soldiers and a driver.", [("killed", 5, "four soldiers and a driver")]),
        # an ISO date before the lead is no count
        ("Report 2031-04-02 Two miners died in Varo.", [("killed", 2, "Two miners")]),
    ],
)
def test_counts(extract, text, expected):
    assert extract(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each number goes to its own verb
        ("The battle killed at least two people and injured 28 others, including women and children.",
         [("killed", 2, "at least two people"), ("injured", 28, "28 others")]),
        ("At least 12 soldiers were killed and more than 30 wounded in the ambush.",
         [("killed", 12, "At least 12 soldiers"), ("injured", 30, "more than 30")]),
        ("Two soldiers died and four others were wounded.", [("killed", 2, "Two soldiers"), ("injured", 4, "four others")]),
        ("Police arrested 14 protesters and detained two journalists.",
         [("arrested", 14, "14 protesters"), ("arrested", 2, "two journalists")]),
        ("The explosion left five people dead and dozens injured.", [("killed", 5, "five people"), ("injured", 12, "dozens")]),
        # the perpetrators are not the victims
        ("Two gunmen killed three police officers.", [("killed", 3, "three police officers")]),
    ],
)
def test_counts_tied_to_their_verb(extract, text, expected):
    assert extract(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # press-release phrasing of raids and detentions
        ("Security forces detained two suspects near the market.", [("arrested", 2, "two suspects")]),
        ("An insurgent was killed during the clash.", [("killed", 1, "An insurgent")]),
        ("The patrol returned fire, killing several insurgents.", [("killed", 3, "several insurgents")]),
        ("A combined force arrested a Taliban leader in the valley.", [("arrested", 1, "a Taliban leader")]),
        # a count joined to a person adds up with it
        ("The unit captured a weapons smuggler and several of his associates.",
         [("arrested", 4, "a weapons smuggler and several of his associates")]),
        ("Police detained the commander along with three of his guards.",
         [("arrested", 4, "the commander along with three of his guards")]),
        ("Soldiers arrested a smuggler together with two of his drivers.",
         [("arrested", 3, "a smuggler together with two of his drivers")]),
        # "taken into custody" after the noun it describes
        ("The raid ended with 18 fighters killed and two men taken into custody.",
         [("killed", 18, "18 fighters"), ("arrested", 2, "two men")]),
        # a death, arrest or capture "of" a person
        ("Officials confirmed the death of the militia commander after the strike.",
         [("killed", 1, "the militia commander")]),
        ("Police confirmed the arrest of a senior rebel commander.", [("arrested", 1, "a senior rebel commander")]),
        ("The raid also resulted in the arrest of a smuggler and his driver.",
         [("arrested", 2, "a smuggler and his driver")]),
        # the subject of the first of two joined verbs
        ("Several gunmen fired on the convoy and were killed.", [("killed", 3, "Several gunmen")]),
        # an ordinal is no count: one commander
        ("He is the 17th rebel commander captured this year.", [("arrested", 1, "the 17th rebel commander")]),
        # "detention" and "capture" of people are arrests
        ("The raid ended with the detention of four smugglers and the capture of two gunmen.",
         [("arrested", 4, "four smugglers"), ("arrested", 2, "two gunmen")]),
        # a conjunct with a predicate of its own is not part of the count
        ("The siege ended with two attackers killed in action and ten hostages freed.",
         [("killed", 2, "two attackers"), ("abducted", 10, "ten hostages")]),
    ],
)
def test_press_release_phrasing(extract, text, expected):
    assert extract(text) == expected


@pytest.mark.parametrize(
    ("text", "counted", "plain"),
    [
        ("A suicide bomber killed five people at the market.", 6, 5),
        ("A suicide bomber blew himself up at a checkpoint, killing three policemen.", 4, 3),
        ("Two suicide attackers killed four guards.", 6, 4),
        ("A gunman killed four guards.", 4, 4),
    ],
)
def test_suicide_perpetrators_counted_when_asked(nlp_base, make_doc, extract, text, counted, plain):
    """ACLED counts the perpetrators of a suicide attack among its dead (a setting, off by default)."""
    component = CasualtyExtractor(nlp_base, "ew_casualties", count_suicide_perpetrators=True)
    component.initialize(nlp=nlp_base)
    assert [m.count for m in component(make_doc(text))._.ew_casualties if m.kind == "killed"] == [counted]
    assert [count for kind, count, _ in extract(text) if kind == "killed"] == [plain]


@pytest.mark.parametrize(
    "text",
    [
        "Five individuals in serious condition were transferred to a hospital.",  # no casualty verb
        "Thousands of people marched in the capital.",
        "The rebels threatened to kill 20 hostages.",  # a threat, not a count
        "Police will arrest anyone who breaks the curfew.",
        "The army launched an operation to arrest a commander.",  # an aim, not a result
        "The group captured two districts.",  # places, not people
        "The rebels announced the capture of the town.",
        "The editorial mourned the death of democracy.",
        "The strike killed the peace plan.",
        "In 2019 soldiers were killed there.",  # a year is not a count
        "Shelling killed people at 10 pm.",
        "The fighting cost 300 dollars a day.",
    ],
)
def test_not_casualties(extract, text):
    assert extract(text) == []


def test_ages_are_not_counts(extract):
    assert extract("The strike killed a 25-year-old man.") == [("killed", 1, "a 25-year-old man")]


def test_repeated_phrase_is_kept_once(extract):
    text = "Two insurgents were killed in the raid. The force engaged the enemy, killing the two insurgents."
    assert extract(text) == [("killed", 2, "Two insurgents")]


def test_offsets(nlp_base, make_doc):
    component = CasualtyExtractor(nlp_base, "ew_casualties")
    component.initialize(nlp=nlp_base)
    text = "Rain fell. The battle killed at least two people."
    doc = component(make_doc(text))
    [mention] = doc._.ew_casualties
    assert text[mention.start : mention.end] == mention.text == "at least two people"
    assert text[mention.trigger_start :].startswith("killed")
    assert mention.sent_start == text.index("The battle")
    assert pickle.loads(pickle.dumps(doc._.ew_casualties)) == doc._.ew_casualties


def test_refuses_to_run_before_initialize(nlp_base, make_doc):
    with pytest.raises(ModelError, match="E212"):
        CasualtyExtractor(nlp_base, "ew_casualties")(make_doc("Two people died."))


@pytest.mark.shared
def test_seed_battle_counts(nlp_base, seed_doc):
    component = CasualtyExtractor(nlp_base, "ew_casualties")
    component.initialize(nlp=nlp_base)
    doc = component(seed_doc)
    sentence = "the battle killed at least two people and injured 28 others"
    start = doc.text.index(sentence)
    inside = [(m.kind, m.count) for m in doc._.ew_casualties if start <= m.start < start + len(sentence)]
    assert inside == [("killed", 2), ("injured", 28)]
    assert all(m.count != 5 for m in doc._.ew_casualties), "the five transferred patients are not casualties"
