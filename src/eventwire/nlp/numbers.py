"""Counts stated in words or figures: ``parse_count("at least two") == 2``.

Values follow ACLED's fatality conventions (``data/numbers.json`` cites them): the lowest
figure of a range or of an "at least"/"more than" phrase, 12 for "dozens", 100 for "hundreds",
10 for "tens". "several", "many", "numerous" and "multiple" are 3, or 10 when the sentence
speaks of a large scale (``large_scale_context``: "mass casualties", "a massacre", "scores of
homes"); before a scale word they give way to it ("many dozens" = 12, "several hundred" = 100).
"""
from __future__ import annotations

import functools
import re

from eventwire.nlp.data import DATA_DIR, read_json

__all__ = ["parse_count", "number_words", "large_scale_context"]

NUMBERS_PATH = DATA_DIR / "numbers.json"
WORD_RE = re.compile(r"\d+(?:\.\d+)?|[a-z]+")


@functools.lru_cache(maxsize=1)
def number_words() -> dict:
    data = read_json(NUMBERS_PATH)
    vague = {tuple(key.split()): value for key, value in data["vague"].items()}
    return {
        "units": {**data["units"], **data["tens"]},
        "scales": data["scales"],
        "articles": data["articles"],
        "vague": vague,
        "vague_max": max(len(key) for key in vague),
        "words": frozenset(data["units"]) | frozenset(data["tens"]) | frozenset(data["scales"])
        | {word for key in vague for word in key},
        "scaled": data["scaled_vague"],
        "large_scale": re.compile(
            r"\b(?:" + "|".join(re.escape(phrase) for phrase in data["large_scale_phrases"]) + r")\b"
        ),
        # "dozens", "hundreds": a plural scale a vague word gives way to ("many dozens")
        "plural_scales": frozenset(key[0] for key in vague if len(key) == 1 and key[0].rstrip("s") in data["scales"]),
    }


def large_scale_context(text: str) -> bool:
    """Whether ``text`` (a sentence) speaks of a mass-casualty scale ("a massacre", "mass
    casualties", "many dozens"): then "several" and "many" are 10, not 3."""
    return number_words()["large_scale"].search(text.lower()) is not None


def parse_count(text: str, *, large_scale: bool = False) -> int | None:
    """The lowest figure stated in ``text`` ("at least two" -> 2, "28-30" -> 28,
    "twenty-eight" -> 28, "1,200" -> 1200, "dozens" -> 12, "many dozens" -> 12, "several
    hundred" -> 100); None when it states none. ``large_scale``: the report speaks of a
    mass-casualty scale, so "several"/"many" are 10 (see ``large_scale_context``)."""
    lex = number_words()
    words = WORD_RE.findall(text.lower().replace(",", ""))
    values: list[int] = []
    i = 0
    while i < len(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if words[i] in lex["scaled"] and (following in lex["scales"] or following in lex["plural_scales"]):
            i += 1  # "several hundred", "many dozens": the scale word states the figure
            if following in lex["scales"]:
                values.append(lex["scales"][following])
                i += 1
            continue
        for size in range(min(lex["vague_max"], len(words) - i), 0, -1):
            key = tuple(words[i : i + size])
            if key in lex["vague"]:
                scaled = large_scale and size == 1 and key[0] in lex["scaled"]
                values.append(lex["scaled"][key[0]] if scaled else lex["vague"][key])
                i += size
                break
        else:
            value, i = _read_number(words, i, lex)
            if value is not None:
                values.append(value)
    return min(values) if values else None


def _read_number(words: list[str], i: int, lex: dict) -> tuple[int | None, int]:
    """One number starting at ``words[i]``: (value, next index), or (None, i + 1)."""
    word = words[i]
    if word[0].isdigit():
        value = float(word)
        i += 1
        while i < len(words) and words[i] in lex["scales"]:
            value *= lex["scales"][words[i]]
            i += 1
        return int(value), i
    scale_follows = i + 1 < len(words) and words[i + 1] in lex["scales"]
    if not (word in lex["units"] or (word in lex["articles"] and scale_follows)):
        return None, i + 1
    total, current = 0, 0
    while i < len(words):
        word = words[i]
        if word in lex["units"]:
            current += lex["units"][word]
        elif word in lex["articles"] and i + 1 < len(words) and words[i + 1] in lex["scales"]:
            current = max(current, 1)
        elif word in lex["scales"]:
            scale = lex["scales"][word]
            if scale >= 1000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
        elif word == "and" and i + 1 < len(words) and words[i + 1] in lex["units"] and (total or current >= 100):
            pass
        else:
            break
        i += 1
    return total + current, i
