"""Indirect attributions and claims of responsibility (``eventwire.nlp.attributions``), through the
full pipeline: they are part of ``doc._.ew_quotes`` (``eventwire_quotes_v2``)."""
from __future__ import annotations

import pickle

import pytest
from spacy.language import Language

import eventwire.nlp.factories  # noqa: F401  (registers the factories)
from eventwire.types import Quote


@pytest.fixture(scope="module")
def quotes():
    from eventwire.nlp.pipeline import get_pipeline

    nlp = get_pipeline()

    def run(text: str, kind: str | None = None) -> list[Quote]:
        found = nlp(text)._.ew_quotes
        return [quote for quote in found if kind is None or quote.kind == kind]

    return run


def test_factory_is_registered():
    assert Language.has_factory("eventwire_quotes_v2")


# ---- indirect attributions -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "verb", "statement", "role", "affiliation"),
    [
        # according to X, the <role>, <statement>
        (
            "According to Peter Mwangi, the district commissioner, the bandits stole more than 200 cattle before dawn.",
            "Peter Mwangi",
            "according to",
            "the bandits stole more than 200 cattle before dawn",
            "district commissioner",
            "",
        ),
        # <statement>, according to X, the <role> of <affiliation>
        (
            "The bridge was blown up on Sunday night, according to Peter Mwangi, the governor of Kitui county.",
            "Peter Mwangi",
            "according to",
            "The bridge was blown up on Sunday night",
            "governor",
            "Kitui county",
        ),
        # X said that <clause>: the clause without "that"
        (
            "Police spokesman Ali Hassan said that three suspects had been arrested in the raid.",
            "Ali Hassan",
            "said",
            "three suspects had been arrested in the raid",
            "police spokesman",
            "",
        ),
        # X said <clause>, with an appositive role
        (
            "Ana Ruiz, a spokeswoman for the Interior Ministry, said the roads would reopen on Friday.",
            "Ana Ruiz",
            "said",
            "the roads would reopen on Friday",
            "spokeswoman",
            "the Interior Ministry",
        ),
        # <clause>, X said
        (
            "Three soldiers were wounded in the ambush, the army said.",
            "army",
            "said",
            "Three soldiers were wounded in the ambush",
            "",
            "",
        ),
    ],
)
def test_indirect_attributions(quotes, text, speaker, verb, statement, role, affiliation):
    [quote] = quotes(text, "indirect")
    assert (quote.speaker, quote.verb, quote.quote) == (speaker, verb, statement)
    assert (quote.role, quote.affiliation) == (role, affiliation)
    assert text[quote.start : quote.end] == statement
    assert quote.speaker_start >= 0 and speaker in text[quote.speaker_start : quote.speaker_end]


@pytest.mark.slow
def test_no_indirect_attribution_inside_or_over_a_direct_quote(quotes):
    text = "Amina Sow said “the rebels have left the town and the roads are open again.”"
    found = quotes(text)
    assert [quote.kind for quote in found] == ["direct"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "They said the village had been empty for a week.",  # an unresolved pronoun
        "The strike was carried out at night, according to their account of the raid.",  # not a speaker
        "Officials said so.",  # too short to be a statement
    ],
)
def test_no_indirect_attribution_without_speaker_or_statement(quotes, text):
    assert quotes(text, "indirect") == []


@pytest.mark.slow
def test_outlet_of_an_attribution_is_not_an_attribution_of_its_own(quotes):
    text = "Al-Shabab claimed responsibility for the attack, according to the group's Radio Andalus."
    found = quotes(text)
    assert [(quote.kind, quote.speaker) for quote in found] == [("claim", "Al-Shabab")]
    assert found[0].via == "according to the group's Radio Andalus"


# ---- claims of responsibility ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "verb", "claimed"),
    [
        (
            "The Islamic State group claimed responsibility for the bombing of the bus station.",
            "Islamic State group",
            "claimed",
            "the bombing of the bus station",
        ),
        ("Al-Shabab said it carried out the attack on the army base.", "Al-Shabab", "said", "the attack on the army base"),
        (
            "A claim of responsibility posted by the Islamic State group named the bomber.",
            "Islamic State group",
            "claimed",
            "A claim of responsibility posted by the Islamic State group named the bomber",
        ),
        (
            "In a claim of responsibility posted online, the Islamic State group said its fighters attacked the convoy.",
            "Islamic State group",
            "said",
            "In a claim of responsibility posted online, the Islamic State group said its fighters attacked the convoy",
        ),
    ],
)
def test_claims_of_responsibility(quotes, text, speaker, verb, claimed):
    [quote] = quotes(text, "claim")
    assert (quote.speaker, quote.verb, quote.quote) == (speaker, verb, claimed)
    assert text[quote.start : quote.end] == claimed


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "No group has claimed responsibility for the attack on the market.",
        "There was no immediate claim of responsibility for the blast.",
        "The army did not claim responsibility for the raid on the camp.",
        "Boko Haram said it did not carry out the attack on the school.",
    ],
)
def test_no_claim(quotes, text):
    assert quotes(text, "claim") == []


@pytest.mark.slow
def test_claim_is_not_also_an_indirect_attribution(quotes):
    found = quotes("Al-Shabab said it carried out the attack on the army base.")
    assert [quote.kind for quote in found] == ["claim"]


@pytest.mark.slow
def test_quotes_stay_in_text_order_and_pickle(quotes):
    text = (
        "The Islamic State group claimed responsibility for the bombing. "
        "“We will find those responsible,” said Musa Adamu, the police chief. "
        "According to Musa Adamu, the bomber arrived on foot."
    )
    found = quotes(text)
    assert [quote.kind for quote in found] == ["claim", "direct", "indirect"]
    assert [quote.start for quote in found] == sorted(quote.start for quote in found)
    assert pickle.loads(pickle.dumps(found)) == found


@pytest.mark.slow
def test_a_claimant_keeps_its_whole_name(quotes):
    [claim] = quotes("The outlawed Lashkar-e-Noor Pakistan (LNP) has claimed responsibility for the attack.", "claim")
    assert (claim.speaker, claim.quote) == ("Lashkar-e-Noor Pakistan", "the attack")


@pytest.mark.slow
def test_the_group_claiming_is_the_organisation_named_before(quotes):
    text = "The National Liberation Front attacked the post at dawn. The group claimed responsibility for the raid."
    [claim] = quotes(text, "claim")
    assert (claim.speaker, claim.speaker_start) == ("National Liberation Front", -1)


@pytest.mark.slow
def test_a_bare_title_is_no_speaker(quotes):
    assert quotes("Capt. Said the attack happened at night, and Capt. warned that more would follow soon.") == []
