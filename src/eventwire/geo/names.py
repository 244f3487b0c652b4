"""Place-name normalisation shared by the country table and the gazetteer index.

One key per spelling, so transliteration variants meet: ``"Qala-e-Naw"``, ``"Qala i Naw"``
and ``"Kala-i-Naw"`` become ``"qala naw"`` / ``"kala naw"`` (both spellings are GeoNames
alternate names of the same town).

Rules, in order:
1. Unicode NFKD, combining marks dropped (``"Téhéran"`` -> ``"teheran"``), a few Latin
   letters without a decomposition spelled out (``ø`` -> ``o``, ``ß`` -> ``ss``...);
2. lowercase;
3. apostrophes, backticks, ayn/hamza signs removed (``"Qal`eh"`` -> ``"qaleh"``);
4. hyphens and other punctuation become spaces, whitespace collapsed;
5. izafe particles dropped: a standalone ``e``/``i``/``ye`` between two words;
6. an abbreviated first word spelled out: ``"St. Louis"`` = ``"Saint Louis"``,
   ``"Mt. Pleasant"`` = ``"Mount Pleasant"``, ``"Ft. Worth"`` = ``"Fort Worth"``.

A leading Arabic or Romance article (``"al"``/``"el"``) is kept in the key; see
:func:`strip_article` for the article-less variant the gazetteer also indexes.
"""
from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["normalize_name", "strip_article", "is_latin", "strip_possessive", "ABBREVIATED_FIRST_WORDS"]

# Latin letters NFKD does not decompose into ASCII.
LATIN_EXTRA = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th",
        "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H", "ŧ": "t",
    }
)
# Marks that are part of a transliteration but not of the letters: removed outright.
APOSTROPHES = "'`´‘’ʻʼʽʿʾ′ˈˌ"
APOSTROPHE_TABLE = str.maketrans("", "", APOSTROPHES)
NON_ALNUM = re.compile(r"[^0-9a-z]+")
IZAFE = frozenset({"e", "i", "ye"})
ARTICLES = frozenset({"al", "el"})
# Arabic "al" assimilated to a following sun letter, as romanised in GeoNames.
SUN_ARTICLES = {"ad": "d", "adh": "dh", "an": "n", "ar": "r", "as": "s", "ash": "sh", "at": "t", "az": "z"}
POSSESSIVE = re.compile(r"['’]s?$")
# First words that place names abbreviate (ordinary English usage), with their full form.
ABBREVIATED_FIRST_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def _ascii_fold(text: str) -> str:
    if text.isascii():
        return text  # nothing to fold (the common case)
    decomposed = unicodedata.normalize("NFKD", text.translate(LATIN_EXTRA))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """The lookup key of a place name (see the module docstring for the rules); memoised:
    the same capitalised n-grams recur across a corpus."""
    folded = _ascii_fold(text).lower().translate(APOSTROPHE_TABLE)
    words = NON_ALNUM.sub(" ", folded).split()
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if w not in IZAFE] + [words[-1]]
    if len(words) > 1 and words[0] in ABBREVIATED_FIRST_WORDS:
        words[0] = ABBREVIATED_FIRST_WORDS[words[0]]
    return " ".join(words)


def strip_article(key: str) -> str:
    """``key`` without its leading article, else ``""``.

    ``"al mawsil"`` -> ``"mawsil"``, ``"el fasher"`` -> ``"fasher"``, and the assimilated
    Arabic forms when the next word starts with the same consonant: ``"an najaf"`` ->
    ``"najaf"``, ``"ar ramadi"`` -> ``"ramadi"`` (but ``"at home"`` stays as it is).
    """
    head, _, rest = key.partition(" ")
    if not rest:
        return ""
    if head in ARTICLES:
        return rest
    consonant = SUN_ARTICLES.get(head)
    return rest if consonant and rest.startswith(consonant) else ""


def strip_possessive(text: str) -> str:
    """``"Afghanistan's"`` -> ``"Afghanistan"``; other text unchanged."""
    return POSSESSIVE.sub("", text.strip())


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` folds to ASCII (Latin script, with accents)."""
    return _ascii_fold(text).isascii()


SKELETON_DROP = re.compile(r"[aeiouy\W_]+")


def consonant_skeleton(key: str) -> str:
    """A normalised name without vowels, spaces or punctuation, doubled letters single:
    transliterations of one name share it ("spin bolduk", "spin boldak" -> "spnbldk")."""
    bare = SKELETON_DROP.sub("", key)
    return "".join(char for i, char in enumerate(bare) if i == 0 or char != bare[i - 1])
