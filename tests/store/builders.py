"""Hand-built articles and events for the store tests (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt

from eventwire.types import Article, Event, Evidence, Quote

TEXT = (
    "Fighters stormed a checkpoint outside the town on Monday. "
    "Two guards died and four were hurt, a clinic said. "
    "\"We will rebuild,\" the mayor said."
)
FIRST_SENTENCE = "Fighters stormed a checkpoint outside the town on Monday."
SECOND_SENTENCE = "Two guards died and four were hurt, a clinic said."


def make_article(article_id: str, *, text: str = TEXT, published: dt.date | None = dt.date(2021, 7, 7),
                 title: str = "", url: str = "") -> Article:
    return Article(id=article_id, text=text, published=published, title=title, url=url,
                   origin=f"{article_id}.txt", external_id=f"ext-{article_id}")


def make_event(event_id: str, article_id: str, **fields) -> Event:
    """A Battles event with evidence pointing at the first two sentences of ``TEXT``."""
    first = TEXT.index(FIRST_SENTENCE)
    second = TEXT.index(SECOND_SENTENCE)
    values = dict(
        article_id=article_id,
        event_date=dt.date(2021, 7, 5),
        time_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Northern Front",
        inter1=2,
        actor2="Military Forces of Testland",
        inter2=1,
        country="Afghanistan",
        iso3="AFG",
        admin1="Badghis",
        location="Qala-e-Naw",
        latitude=34.99,
        longitude=63.13,
        geo_precision=1,
        geonameid=1135689,
        fatalities=2,
        injured=4,
        trigger="stormed",
        evidence=[
            Evidence(article_id, first, first + len(FIRST_SENTENCE), FIRST_SENTENCE, "trigger"),
            Evidence(article_id, second, second + len(SECOND_SENTENCE), SECOND_SENTENCE, "casualties"),
        ],
        sources=[article_id],
        event_id=event_id,
    )
    values.update(fields)
    return Event(**values)


def make_quote(article_id: str, *, speaker: str = "the mayor") -> Quote:
    start = TEXT.index("\"We will rebuild,\"")
    return Quote(article_id, speaker, "We will rebuild,", start, start + len("\"We will rebuild,\""), "said")
