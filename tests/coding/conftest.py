"""Shared fixtures for eventwire.coding tests: one spaCy model per session and a doc builder
that attaches hand-made place, date, actor and casualty records (the other components' output)."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from eventwire.nlp.extensions import register_extensions
from eventwire.nlp.pipeline import load_spacy_model
from eventwire.types import ActorMention, CasualtyMention, DateMention, Place, PlaceMention

PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday
# Approximate GeoNames coordinates and feature codes (geonames.org), for hand-made records.
PLACES = {
    "Kenya": Place(192950, "Kenya", "KE", "KEN", "Kenya", "", "", 1.0, 38.0, "PCLI"),
    "Nairobi": Place(184745, "Nairobi", "KE", "KEN", "Kenya", "Nairobi Area", "", -1.283, 36.817, "PPLC"),
    "Mombasa": Place(186301, "Mombasa", "KE", "KEN", "Kenya", "Mombasa", "", -4.055, 39.664, "PPLA"),
    "Kisumu": Place(191245, "Kisumu", "KE", "KEN", "Kenya", "Kisumu", "", -0.102, 34.762, "PPLA"),
    "Mali": Place(2453866, "Mali", "ML", "MLI", "Mali", "", "", 17.0, -4.0, "PCLI"),
    "Gao": Place(2457163, "Gao", "ML", "MLI", "Mali", "Gao", "", 16.272, -0.045, "PPLA"),
    "Mopti": Place(2453348, "Mopti", "ML", "MLI", "Mali", "Mopti", "", 14.484, -4.183, "PPLA"),
    "Gao region": Place(2457161, "Gao", "ML", "MLI", "Mali", "Gao", "", 16.5, 0.5, "ADM1"),
    "Ethiopia": Place(337996, "Ethiopia", "ET", "ETH", "Ethiopia", "", "", 9.0, 39.5, "PCLI"),
    "Addis Ababa": Place(344979, "Addis Ababa", "ET", "ETH", "Ethiopia", "Addis Ababa", "", 9.025, 38.747, "PPLC"),
}
# name -> (canonical name, ACLED inter code, country iso2, kind)
ACTORS = {
    "al-Shabaab": ("Al Shabaab", 2, "SO", "named"),
    "the militants": ("Unidentified Armed Group (Mali)", 3, "ML", "generic"),
    "militants": ("Unidentified Armed Group (Mali)", 3, "ML", "generic"),
    "soldiers": ("Military Forces of Mali", 1, "ML", "generic"),
    "the army": ("Military Forces of Mali", 1, "ML", "generic"),
    "Malian troops": ("Military Forces of Mali", 1, "ML", "generic"),
    "villagers": ("Civilians (Mali)", 7, "ML", "generic"),
    "civilians": ("Civilians (Mali)", 7, "ML", "generic"),
    "police": ("Police Forces of Kenya", 1, "KE", "generic"),
    "Police": ("Police Forces of Kenya", 1, "KE", "generic"),
    "protesters": ("Protesters (Kenya)", 6, "KE", "generic"),
    "Protesters": ("Protesters (Kenya)", 6, "KE", "generic"),
    "teachers": ("Protesters (Kenya)", 6, "KE", "generic"),
    "rioters": ("Rioters (Kenya)", 5, "KE", "generic"),
    "the Kenyan government": ("Government of Kenya", 1, "KE", "government"),
    "Kenya's government": ("Government of Kenya", 1, "KE", "government"),
    "the Ethiopian government": ("Government of Ethiopia", 1, "ET", "government"),
    "Ethiopia's government": ("Government of Ethiopia", 1, "ET", "government"),
    "the rebels": ("TPLF: Tigray People's Liberation Front", 2, "ET", "named"),
    "Amina Odhiambo": ("Amina Odhiambo", 1, "KE", "person"),
}


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text, re.IGNORECASE)]


def build_doc(nlp, text, *, places=(), actors=(), dates=None, casualties=(), published=PUBLISHED, article_id="t1"):
    """A parsed doc with hand-made records.

    places: keys of PLACES, or (phrase, key) pairs (every occurrence); actors: keys of ACTORS
    (longest first, no overlaps); dates: {"on Monday": date} (precision 1) or {"last month": (date, precision)}; casualties:
    [(phrase, kind, count, verb)] where verb is the word stating the count, searched backwards
    from the end of the phrase.
    """
    doc = nlp(text)
    doc._.ew_published = published
    doc._.ew_article_id = article_id
    pairs = [item if isinstance(item, tuple) else (item, item) for item in places]
    doc._.ew_places = sorted(
        (PlaceMention(start, end, text[start:end], PLACES[key], 1.0, "test") for phrase, key in pairs for start, end in _spans(text, phrase)),
        key=lambda mention: mention.start,
    )
    taken: list[ActorMention] = []
    for name in sorted(actors, key=len, reverse=True):
        canonical, inter, iso2, kind = ACTORS[name]
        for start, end in _spans(text, name):
            if all(end <= other.start or start >= other.end for other in taken):
                taken.append(ActorMention(start, end, name, canonical, inter, iso2, kind))
    doc._.ew_actors = sorted(taken, key=lambda mention: mention.start)
    doc._.ew_dates = [
        DateMention(start, end, phrase, *(day if isinstance(day, tuple) else (day, 1)))
        for phrase, day in (dates or {}).items() for start, end in _spans(text, phrase)
    ]
    records = []
    for phrase, kind, count, verb in casualties:
        start = text.index(phrase)
        trigger = text.rfind(verb, 0, start + len(phrase))
        sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)
        records.append(CasualtyMention(start, start + len(phrase), phrase, kind, count, trigger, sent.start_char))
    doc._.ew_casualties = records
    return doc


@pytest.fixture(scope="session")
def nlp():
    register_extensions()
    return load_spacy_model()


@pytest.fixture(scope="session")
def make_doc(nlp):
    """build_doc bound to the session's model."""

    def build(text, **records):
        return build_doc(nlp, text, **records)

    return build


def code_article(text: str, published: dt.date):
    """The events of one article through the full pipeline (the real components and models)."""
    from eventwire.engine import process_batch
    from eventwire.nlp.pipeline import get_pipeline
    from eventwire.types import Article

    return process_batch([Article(id="t", text=text, published=published)], get_pipeline())[0].events
