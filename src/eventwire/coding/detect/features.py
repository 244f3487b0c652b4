"""The features a sentence model reads.

Words are lower-cased and digits folded to ``0`` ("2,000" -> "0,000"); a sentence gives its
words (``w:``), the four-letter stems of words of five letters or more (``p:``: "killed",
"killing" and "kills" share ``p:kill``), its word bigrams (``b:``) and a bias-like length
bucket. Tokens come from spaCy's tokenizer (``nlp.make_doc`` at training time, the processed
doc at ingest), so both see the same words.

The PLOVER head also reads the sentence's predicate from the parse (``predicate_features``): the
lemma of its main verb (``r:``), with its object (``ro:``), the verb it governs (``rx:``, ``x:``),
its particle (``rprt:``) and prepositions (``rp:``), its negation (``rneg:``) and modal
(``md:``). A bag of words weighs every word alike, so "accused X of stalling the negotiations"
leans to CONSULT; the predicate says who did what. A reporting verb ("said", "announced") hands
the predicate to the clause it reports ("X said it would withdraw": withdraw).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["sentence_features", "token_words", "predicate_features", "reported_clauses"]

DIGIT_RE = re.compile(r"\d")
STEM_LENGTH = 4
MIN_STEMMED = 5
# verbs that report another clause: the predicate is that clause's verb
REPORTING_LEMMAS = frozenset({"say", "tell", "announce", "report", "state", "add", "claim", "confirm", "reveal", "declare"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})


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


def predicate_features(sent) -> set[str]:
    """Features of a parsed sentence's predicate (see the module doc); a sentence with no parse
    gives none."""
    if not sent.doc.has_annotation("DEP"):
        return set()
    root = sent.root
    features = _verb_features(root)
    for clause in reported_clauses(root):
        features |= _verb_features(clause)
    return features


def reported_clauses(verb) -> list:
    """The heads of the clauses a reporting verb reports ("X cut exports, the paper reported":
    cut); none for any other verb."""
    if verb.lemma_.lower() not in REPORTING_LEMMAS:
        return []
    return [child for child in verb.children if child.dep_ in ("ccomp", "xcomp")]


def _verb_features(verb) -> set[str]:
    lemma = verb.lemma_.lower()
    features = {f"r:{lemma}"}
    for child in verb.children:
        dep = child.dep_
        if dep in OBJECT_DEPS:
            features.add(f"ro:{lemma}_{child.lemma_.lower()}")
        elif dep == "xcomp":
            features.add(f"rx:{lemma}_{child.lemma_.lower()}")
            features.add(f"x:{child.lemma_.lower()}")
        elif dep == "neg":
            features.add(f"rneg:{lemma}")
        elif dep == "aux" and child.tag_ == "MD":
            features.add(f"md:{child.lower_}")
        elif dep == "prep":
            features.add(f"rp:{lemma}_{child.lower_}")
        elif dep == "prt":
            features.add(f"rprt:{lemma}_{child.lower_}")
    return features
