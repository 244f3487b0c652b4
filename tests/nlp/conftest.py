"""Shared fixtures for the nlp component tests: one spaCy model per session, and the seed
article (read from ../shared at run time; tests that use it skip when it is absent)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventwire.nlp.extensions import register_extensions
from eventwire.nlp.pipeline import load_spacy_model

SHARED = Path(__file__).parents[2] / ".." / "shared"
SEED = SHARED / "seed" / "000_fa41fb018e5e7486"


@pytest.fixture(scope="session")
def nlp_base():
    """The plain small English model (no eventwire components), extensions registered."""
    register_extensions()
    return load_spacy_model()


@pytest.fixture(scope="session")
def make_doc(nlp_base):
    """Parse ``text`` with the plain model, ``doc._.ew_published`` set first."""

    def build(text: str, published: dt.date | None = None):
        doc = nlp_base.make_doc(text)
        doc._.ew_published = published
        for _, component in nlp_base.pipeline:
            doc = component(doc)
        return doc

    return build


@pytest.fixture(scope="session")
def seed_doc(make_doc):
    """The seed article parsed, published on its gold date (skipped without ../shared)."""
    text_path, gold_path = SEED.with_suffix(".txt"), SEED.with_suffix(".gold.json")
    if not text_path.is_file():
        pytest.skip(f"needs the seed article at {text_path} (the shared folder is absent)")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return make_doc(text_path.read_text(encoding="utf-8"), dt.date.fromisoformat(gold["published"]))


@pytest.fixture(scope="session")
def speakers_of(nlp_base):
    """(speaker, quote) of the direct quotes of ``text`` (``eventwire_quotes_v1`` on the plain model)."""
    from eventwire.nlp.quotes import QuoteExtractor

    extractor = QuoteExtractor(nlp_base, "ew_quotes")

    def run(text: str) -> list[tuple[str, str]]:
        doc = nlp_base(text)
        doc._.ew_article_id = "t1"
        return [(quote.speaker, quote.quote) for quote in extractor(doc)._.ew_quotes]

    return run
