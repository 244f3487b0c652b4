"""Roles and affiliations stated around a name, and role matching (``eventwire.nlp.roles``).
Sentences written for these tests."""
from __future__ import annotations

import pytest

from eventwire.nlp.extensions import doc_text
from eventwire.nlp.quotes import find_quote_spans, load_lexicon
from eventwire.nlp.roles import RoleQuery, describe, holds_role, role_query
from eventwire.nlp.speakers import SpeakerFinder


def _finder(nlp_base, text: str) -> SpeakerFinder:
    doc = nlp_base(text)
    text = doc_text(doc)
    return SpeakerFinder(doc, text, find_quote_spans(text), load_lexicon())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "role", "affiliation"),
    [
        # a rank between the title and the name is a form of address, not the role
        ("Army spokesman Col. Peter Mensah said the convoy was attacked.", "army spokesman", ""),
        ("Army spokesman Colonel Peter Mensah said the convoy was attacked.", "army spokesman", ""),
        # a title read across a comma and the ranks after it
        ("The army's spokesman, Lt. Col. Musa Kura, spoke on Monday.", "spokesman", "army"),
        # a predicate states the role
        ("Sara Lind is a teacher at the village school.", "teacher", "the village school"),
        # unchanged: a plain title, an appositive
        ("Governor Jane Doe visited the district.", "governor", ""),
        ("Jane Doe, the governor of Lakeland, met farmers.", "governor", "Lakeland"),
    ],
)
def test_describe_reads_the_role(nlp_base, text, role, affiliation):
    finder = _finder(nlp_base, text)
    [person] = finder.persons
    assert describe(finder, person.start, person.end) == (role, affiliation)


@pytest.mark.parametrize(
    ("query", "role", "affiliation", "holds"),
    [
        (RoleQuery("governor", frozenset(), True), "governor", "Lakeland", True),
        (RoleQuery("spokesman", frozenset({"army"}), False), "army spokesman", "", True),
        (RoleQuery("spokesman", frozenset({"army"}), False), "spokesman", "the army", True),
        (RoleQuery("spokesman", frozenset({"army"}), False), "police spokesman", "", False),
        (RoleQuery("minister", frozenset({"foreign"}), True), "foreign minister", "Kenya", True),
        (RoleQuery("minister", frozenset({"foreign"}), True), "health minister", "", False),
        # a nationality adjective and its country, British and American spelling share a stem
        (RoleQuery("minister", frozenset({"iranian"}), True), "foreign minister", "Iran", True),
        (RoleQuery("minister", frozenset({"defense"}), True), "defence minister", "", True),
        # another role noun, or none stated
        (RoleQuery("governor", frozenset(), True), "deputy governor", "", True),
        (RoleQuery("governor", frozenset(), True), "mayor", "", False),
        (RoleQuery("governor", frozenset(), True), "", "", False),
    ],
)
def test_holds_role(query, role, affiliation, holds):
    assert holds_role(query, role, affiliation) is holds


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word", "query"),
    [
        ("The governor said so.", "governor", RoleQuery("governor", frozenset(), True)),
        ("A spokesman for the army said so.", "spokesman", RoleQuery("spokesman", frozenset({"army"}), False)),
        ("The army's spokesman said so.", "spokesman", RoleQuery("spokesman", frozenset({"army"}), True)),
        # an indefinite role noun with nothing that ties it to someone named: a new person
        ("A spokesman said so.", "spokesman", None),
        ("Another witness said so.", "witness", None),
        # a plural names a group, not one person; "the attack" is no role
        ("The ministers said so.", "ministers", None),
        ("The attack was sudden.", "attack", None),
    ],
)
def test_role_query(nlp_base, text, word, query):
    doc = nlp_base(text)
    [token] = [token for token in doc if token.lower_ == word]
    assert role_query(token, load_lexicon()) == query
