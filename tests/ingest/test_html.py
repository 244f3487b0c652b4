"""HTML pages: main text, title and date."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest import Problem, content_id
from eventwire.ingest.html import extract_html, read_html
from eventwire.types import Article

PARAGRAPHS = [
    "Hundreds of farmers drove tractors into the regional capital on Thursday to protest against a new water tax.",
    "The protesters blocked the main square for several hours and demanded a meeting with the regional governor.",
    "Police officers watched from side streets but did not intervene, and the crowd left peacefully by the evening.",
]


def page(*, head="", body_extra="", paragraphs=PARAGRAPHS):
    article = "".join(f"<p>{text}</p>\n" for text in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><title>Farmers protest water tax | Example News</title>{head}</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><p>Subscribe to our newsletter today</p></header>
<article><h1>Farmers protest water tax</h1>
{article}</article>
{body_extra}
<footer><p>Copyright Example News. All rights reserved.</p></footer>
<script>var tracking = "do not read me";</script>
</body></html>"""


DATED_HEAD = (
    '<meta property="og:title" content="Farmers protest water tax">'
    '<meta property="article:published_time" content="2023-04-13T08:00:00+00:00">'
    '<link rel="canonical" href="https://news.example.org/farmers">'
)


def test_extractor_keeps_main_text_and_metadata():
    content = extract_html(page(head=DATED_HEAD, body_extra="<aside><p>Most read: sports</p></aside>"))
    for paragraph in PARAGRAPHS:
        assert paragraph in content.text
    assert "Most read" not in content.text and "newsletter" not in content.text
    assert content.title == "Farmers protest water tax"
    assert content.date == "2023-04-13"


def test_read_html_makes_an_article():
    article = read_html(page(head=DATED_HEAD), path="in/page.html", default_date=dt.date(2000, 1, 1))
    assert isinstance(article, Article)
    assert article.published == dt.date(2023, 4, 13)  # the page's date beats default_date
    assert "tractors into the regional capital" in article.text
    assert "newsletter" not in article.text and "tracking" not in article.text
    assert article.title.startswith("Farmers protest water tax")
    assert article.id == content_id(article.text)
    assert article.origin == "in/page.html"


def test_read_html_undated_page():
    markup = page()
    assert read_html(markup, path="p.html", default_date=dt.date(2022, 2, 2)).published == dt.date(2022, 2, 2)
    problem = read_html(markup, path="p.html")
    assert isinstance(problem, Problem) and problem.reason.startswith("E007: p.html")


def test_read_html_without_text_is_a_problem():
    problem = read_html("<html><head><title>Empty</title></head><body><nav>Menu</nav></body></html>",
                        path="e.html", default_date=dt.date(2022, 2, 2))
    assert isinstance(problem, Problem) and problem.reason.startswith("E013: e.html")
