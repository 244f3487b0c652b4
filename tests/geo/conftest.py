"""Shared fixtures for the geo tests: one gazetteer, one spaCy model and one resolver per session.

The gazetteer is the real one (built into the user cache on first use, about 30 s; then
loaded in under a second). Docs are parsed from sentences written for these tests.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.geo.gazetteer import get_gazetteer
from eventwire.geo.resolver import PlaceResolver
from eventwire.nlp.extensions import register_extensions
from eventwire.nlp.pipeline import load_spacy_model

SHARED = Path(__file__).parents[2] / ".." / "shared"
SEED = SHARED / "seed" / "000_fa41fb018e5e7486.txt"


@pytest.fixture(scope="session")
def gazetteer():
    return get_gazetteer()


@pytest.fixture(scope="session")
def geo_nlp():
    register_extensions()
    return load_spacy_model()


@pytest.fixture(scope="session")
def resolver(gazetteer):
    return PlaceResolver(gazetteer)


@pytest.fixture(scope="session")
def places_of(geo_nlp, resolver):
    """Parse ``text`` and return ``(doc, place mentions)``."""

    def run(text: str):
        doc = geo_nlp(text)
        return doc, resolver(doc)

    return run


@pytest.fixture(scope="session")
def seed_text():
    if not SEED.is_file():
        pytest.skip(f"needs the seed article at {SEED} (the shared folder is absent)")
    return SEED.read_text(encoding="utf-8")
