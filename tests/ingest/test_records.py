"""content_id, Columns and Problem."""
from __future__ import annotations

import dataclasses
import re

import pytest

from eventwire.ingest import Columns, Problem, content_id


@pytest.mark.parametrize(
    "first,second",
    [
        ("Rebels shelled the town.", "Rebels shelled the town."),
        ("Rebels shelled\nthe town.", "Rebels  shelled the   town."),
        ("Rebels shelled\r\nthe town.\r\n", "\n Rebels shelled\nthe town."),
        ("Rebels\tshelled the\u00a0town.", "Rebels shelled the town."),
    ],
)
def test_content_id_ignores_whitespace_differences(first, second):
    assert content_id(first) == content_id(second)


@pytest.mark.parametrize(
    "first,second",
    [
        ("Rebels shelled the town.", "Rebels shelled the city."),
        ("Rebels shelled the town.", "rebels shelled the town."),
        ("Rebelsshelled the town.", "Rebels shelled the town."),
    ],
)
def test_content_id_differs_for_different_text(first, second):
    assert content_id(first) != content_id(second)


def test_content_id_shape_and_known_value():
    article_id = content_id("Two people were hurt in a blast on Monday.")
    assert re.fullmatch(r"a[0-9a-f]{16}", article_id)
    # sha256("a b") starts with c8687a08aa5d6ed2: pins the normalisation and the hash.
    assert content_id("  a \n b  ") == "ac8687a08aa5d6ed2"


def test_columns_defaults_and_keyword_only():
    columns = Columns()
    assert dataclasses.astuple(columns) == ("id", "url", "published", "title", "text")
    assert Columns(text="body").text == "body"
    with pytest.raises(TypeError):
        Columns("key")  # noqa: the fields are keyword-only


def test_problem_is_a_plain_record():
    problem = Problem("x.txt", "E002: x.txt: file is empty")
    assert problem == Problem("x.txt", "E002: x.txt: file is empty")
    assert dataclasses.asdict(problem) == {"path": "x.txt", "reason": "E002: x.txt: file is empty"}
