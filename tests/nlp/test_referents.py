"""Who an anaphor or a document stands for (``eventwire.nlp.referents``): role nouns resolve to the
person named earlier with that role, documents to their issuer, and events, places and documents
nobody issued are never speakers. Sentences written for these tests."""
from __future__ import annotations

import pytest


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title before the name ("Governor Jane Doe"), another person named in between
        (
            "Governor Jane Doe visited the flooded district on Monday. Later, Mark Obi, a farmer, showed her his "
            "fields. “We will rebuild every bridge before the rains,” the governor told reporters.",
            [("Jane Doe", "We will rebuild every bridge before the rains")],
        ),
        # an appositive after the name (", the governor of Lakeland,")
        (
            "Jane Doe, the governor of Lakeland, met farmers on Monday. Mark Obi said the water had risen overnight. "
            "“Nobody will be left without shelter,” the governor said.",
            [("Jane Doe", "Nobody will be left without shelter")],
        ),
        # "a spokesman for the army" is the "army spokesman" named before (a rank between title and name)
        (
            "Army spokesman Col. Peter Mensah said the convoy was attacked at dawn. Villagers fled to the hills, said "
            "Grace Adu, a nurse. “Our troops repelled the attackers after two hours,” a spokesman for the army said.",
            [("Peter Mensah", "Our troops repelled the attackers after two hours")],
        ),
        # a role stated by a predicate ("is a teacher")
        (
            "Sara Lind is a teacher at the village school. Paul Berg ran to the market when the shelling began. "
            "“The children hid under their desks for an hour,” the teacher said.",
            [("Sara Lind", "The children hid under their desks for an hour")],
        ),
        # the role noun's modifier picks the right minister
        (
            "Kenya's Foreign Minister Joseph Otieno met his counterpart. Health Minister Rose Wanjiru later visited "
            "the camp. “The border stays open for aid,” the foreign minister said.",
            [("Joseph Otieno", "The border stays open for aid")],
        ),
        # a relational noun: the relative named before
        (
            "Maria Costa, a relative of the victim, spoke outside the court. “He never hurt anybody in his life,” "
            "the relative said.",
            [("Maria Costa", "He never hurt anybody in his life")],
        ),
        # nobody named in that role: the noun phrase speaks for itself, not the last person named
        (
            "Mark Obi, a farmer, said the water had risen. “The curfew ends on Monday,” the governor said.",
            [("governor", "The curfew ends on Monday")],
        ),
        # "another" introduces someone new
        (
            "Lina Haddad, a nurse at the clinic, treated the wounded. “We worked by torchlight for three nights,” "
            "another nurse said.",
            [("nurse", "We worked by torchlight for three nights")],
        ),
    ],
)
def test_role_noun_is_the_person_named_with_that_role(speakers_of, text, expected):
    assert speakers_of(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“All roads into the city close at midnight,” the Interior Ministry said in a statement.", "Interior Ministry"),
        ("“Three suspects were arrested near the border,” a statement from the police said.", "police"),
        ("“Nobody was hurt in the fire at the depot,” the ministry's statement said.", "ministry"),
        ("“Nobody was hurt in the fire at the depot,” a police statement said.", "police"),
        ("“We hold the bridge and the power station,” a video posted by the rebels said.", "rebels"),
        # "the statement": the issuer of the one mentioned before
        (
            "The police issued a statement on Tuesday. “The suspects were armed with rifles and grenades,” the "
            "statement said.",
            "police",
        ),
    ],
)
def test_a_document_speaks_for_its_issuer(speakers_of, text, expected):
    [(speaker, _)] = speakers_of(text)
    assert speaker == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "“The rebels are losing ground in the east,” the report said.",
        "“Twelve people died in the blast at the depot,” the attack said.",
        # finding a document is not issuing it
        "Investigators found a note at the scene. “I am sorry for everything I did,” the note said.",
        # a quote that hangs on a thing does not fall back on another verb's speaker
        "Amina Sow said the sign was new. It was a billboard that proclaimed: “The river belongs to everyone.”",
    ],
)
def test_events_places_and_unissued_documents_are_nobody(speakers_of, text):
    assert speakers_of(text) == []


@pytest.mark.slow
def test_he_is_the_unnamed_person_who_spoke_last(speakers_of):
    text = (
        "Omar Diallo, a shopkeeper, says the thief came at night.\n\n"
        "Another neighbour of the family urges the police to patrol the street. “Thieves take advantage of the "
        "dark streets,” he says."
    )
    assert speakers_of(text) == [("neighbour of the family", "Thieves take advantage of the dark streets")]


@pytest.mark.slow
def test_it_is_the_body_that_spoke_last(speakers_of):
    text = (
        "The Red Cross sent two trucks. The interior ministry said 40 people were detained. "
        "“The situation is under control,” it added."
    )
    assert speakers_of(text) == [("interior ministry", "The situation is under control")]


@pytest.mark.slow
def test_the_group_is_the_organisation_named_last(speakers_of):
    text = (
        "The Ogaden National Liberation Front said on Monday it would disarm. The Oromo Liberation Front rejected "
        "the plan. “The decision was taken without us,” the group said. A farmers union called it “a first step”."
    )
    assert speakers_of(text) == [
        ("Oromo Liberation Front", "The decision was taken without us"),
        ("farmers union", "a first step"),
    ]
