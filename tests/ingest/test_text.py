"""Seed-format and plain text articles."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest import Problem, content_id
from eventwire.ingest.text import read_text
from eventwire.types import Article

BODY = "Police dispersed a march in the capital on Tuesday.\nTwo people were hurt.\n"


@pytest.mark.parametrize(
    "first_line,title",
    [
        (" date 2022-03-01 Police disperse march", "Police disperse march"),
        ("date 2022-03-01 Police disperse march", "Police disperse march"),
        (" date 2022-03-01", ""),
        (" date 2022-03-01   Police disperse march  ", "Police disperse march"),
    ],
)
def test_seed_format(first_line, title):
    text = f"{first_line}\n\n{BODY}"
    article = read_text(text, path="in/a.txt", default_date=dt.date(2000, 1, 1))
    assert isinstance(article, Article)
    assert article.text == text  # the whole file, date line included
    assert article.published == dt.date(2022, 3, 1)  # the date line beats default_date
    assert article.title == title
    assert article.origin == "in/a.txt"
    assert article.id == content_id(text)


def test_seed_format_keeps_crlf_text_unchanged():
    text = " date 2022-03-01 Headline\r\n\r\nBody line one.\r\n"
    article = read_text(text, path="a.txt")
    assert article.text == text
    assert article.title == "Headline"


@pytest.mark.parametrize(
    "first_line",
    [" date 2022-13-01 Bad month", " date 2022-02-30 No such day", "date 22-03-01 Short year",
     " date 2022/03/01 Slashes"],
)
def test_bad_date_line_is_a_problem(first_line):
    problem = read_text(f"{first_line}\n\n{BODY}", path="in/bad.txt", default_date=dt.date(2022, 1, 1))
    assert isinstance(problem, Problem)
    assert problem.path == "in/bad.txt"
    assert problem.reason.startswith("E006: in/bad.txt")


@pytest.mark.parametrize(
    "text,default_date,expected",
    [
        (BODY, dt.date(2022, 5, 6), dt.date(2022, 5, 6)),
        ("March 3, 2021\n\n" + BODY, None, dt.date(2021, 3, 3)),
        ("March 3, 2021\n\n" + BODY, dt.date(2022, 5, 6), dt.date(2022, 5, 6)),  # --date wins
        ("Date night plans were cancelled on 4 April 2020.", None, dt.date(2020, 4, 4)),
    ],
)
def test_plain_text_date(text, default_date, expected):
    article = read_text(text, path="plain.txt", default_date=default_date)
    assert isinstance(article, Article)
    assert article.published == expected
    assert article.text == text
    assert article.title == ""


def test_undated_plain_text_is_a_problem():
    problem = read_text("NAIROBI, May 2 (Wire) - " + BODY, path="plain.txt")
    assert isinstance(problem, Problem)
    assert problem.reason.startswith("E007: plain.txt")
