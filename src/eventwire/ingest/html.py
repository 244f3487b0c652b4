"""HTML pages: main text, title and publication date, via trafilatura (offline)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventwire.errors import Errors
from eventwire.ingest.dates import find_date, try_parse_published
from eventwire.ingest.records import Problem, content_id
from eventwire.types import Article

__all__ = ["HtmlContent", "extract_html", "read_html"]

# Fewer words than this is boilerplate ("Menu", a cookie banner), not an article.
MIN_WORDS = 5


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str = ""
    date: str = ""  # as the page gives it; parsed by the reader
    url: str = ""


def read_html(markup: str, *, path: str, default_date: dt.date | None = None) -> Article | Problem:
    """One article from an HTML page; its main text becomes ``Article.text``.

    The date is the page's publication date, else ``default_date``, else the first
    full date near the top of the main text.
    """
    content = extract_html(markup)
    if len(content.text.split()) < MIN_WORDS:
        return Problem(path, Errors.E013.format(path=path))
    published = (
        (try_parse_published(content.date) if content.date else None)
        or default_date
        or find_date(content.text)
    )
    if published is None:
        return Problem(path, Errors.E007.format(path=path))
    return Article(
        id=content_id(content.text),
        text=content.text,
        published=published,
        title=content.title.strip(),
        url=content.url.strip(),
        origin=path,
    )


def extract_html(markup: str) -> HtmlContent:
    """Main text and metadata of a page."""
    import trafilatura  # imported on first use: it is slow to import

    document = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    if document is None:
        return HtmlContent(text="")
    return HtmlContent(
        text=document.text or "",
        title=document.title or "",
        date=document.date or "",
        url=document.url or "",
    )
