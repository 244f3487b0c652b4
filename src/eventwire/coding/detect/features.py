"""The features a sentence model reads, from tokens alone.

Words are lower-cased and digits folded to ``0`` ("2,000" -> "0,000"); a sentence gives its
words (``w:``), the four-letter stems of words of five letters or more (``p:``: "killed",
"killing" and "kills" share ``p:kill``), its word bigrams (``b:``) and a bias-like length
bucket. Tokens come from spaCy's tokenizer (``nlp.make_doc`` at training time, the processed
doc at ingest), so both see the same words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["sentence_features", "token_words"]

DIGIT_RE = re.compile(r"\d")
STEM_LENGTH = 4
MIN_STEMMED = 5


def token_words(tokens: Iterable) -> list[str]:
    """Normalised words of spaCy tokens (punctuation and spaces dropped)."""
    words = []
    for token in tokens:
        if token.is_space or token.is_punct:
            continue
        words.append(DIGIT_RE.sub("0", token.lower_))
    return words


def sentence_features(words: list[str]) -> set[str]:
    """The feature set of one sentence's words."""
    features = {f"w:{word}" for word in words}
    features.update(f"p:{word[:STEM_LENGTH]}" for word in words if len(word) >= MIN_STEMMED and word.isalpha())
    features.update(f"b:{first} {second}" for first, second in zip(words, words[1:]))
    features.add(f"len:{min(len(words) // 10, 5)}")
    return features
