"""A synthetic news corpus with known stories, grown from a few real articles, to measure
story clustering at scale (``eventwire.eval.bench_stories``).

Every synthetic article is a variant of a *base* text and carries the story of that base:

- bases that are real articles keep their story (the record's ``story_id``; an
  :class:`~eventwire.types.Article` given without one is a story of its own);
- *spliced* bases are fresh, unrelated stories: sentences of several different source stories
  glued together, every capitalised word replaced by an invented name and every number by a
  random one (so they share neither names nor dates with the sources), on a random day of
  ``SPLICE_YEARS``. About half of them stay alone; the others get a few variants.

The variants are those a wire story goes through: exact copies, copies with a new id and
url, rewordings (synonyms from ``SYNONYMS``, sentences shuffled), sentences dropped,
truncations, and follow-ups with a changed number. Copies are published on the base's day
or up to ``MAX_LAG_DAYS`` later. The same inputs, ``n`` and ``seed`` give the same corpus.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.dedup.stories import STOP_NAMES
from eventwire.ingest import parse_published
from eventwire.types import Article

__all__ = ["SyntheticArticle", "synthetic_corpus"]

SOURCE_SHARE = 0.2  # share of the corpus that are variants of the real articles
SINGLETON_SHARE = 0.5  # share of spliced stories with one article
MAX_STORY_SIZE = 12  # the largest spliced story
SPLICE_SENTENCES = (4, 8)
SPLICE_MIN_STORIES = 3
SPLICE_NEW_WORDS = 0.3
SPLICE_YEARS = (2010, 2025)
MAX_LAG_DAYS = 2
MIN_SENTENCE_WORDS = 6
# variant kind -> weight
VARIANT_WEIGHTS = {"exact": 0.15, "copy": 0.15, "reworded": 0.25, "trimmed": 0.15, "truncated": 0.15, "followup": 0.15}
SYNONYMS = {
    "killed": "slain", "attack": "assault", "attacked": "assaulted", "said": "stated", "says": "states",
    "police": "officers", "people": "persons", "wounded": "injured", "injured": "hurt", "fighters": "militants",
    "soldiers": "troops", "government": "authorities", "officials": "authorities", "official": "spokesperson",
    "killing": "leaving dead", "protesters": "demonstrators", "city": "town", "capital": "seat of government",
    "bomb": "explosive", "explosion": "blast", "told": "informed", "near": "close to", "after": "following",
    "before": "prior to", "began": "started", "started": "began", "fired": "shot", "forces": "troops",
    "northern": "north", "southern": "south", "week": "seven days", "killed,": "slain,", "claimed": "asserted",
    "security": "safety", "area": "district", "building": "structure", "residents": "locals", "local": "regional",
    "reported": "stated", "according": "pursuant", "also": "additionally", "least": "minimum", "more": "over",
}
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")
LOWER_WORD_RE = re.compile(r"\b[a-z][a-z'’-]*\b")
CAPITALISED_RE = re.compile(r"\b[A-Z][\w'’-]*")
NUMBER_RE = re.compile(r"\b\d[\d,.]*\b")
WORD_RE = re.compile(r"\w+|\W+")
SYLLABLES = [c + v for c in "bdfghjklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


@dataclass(frozen=True)
class SyntheticArticle:
    article: Article
    story_id: str  # the ground-truth story
    kind: str  # "source", "exact", "copy", "reworded", "trimmed", "truncated", "followup" or "spliced"


@dataclass(frozen=True)
class _Base:
    text: str
    published: dt.date | None
    story_id: str


def synthetic_corpus(records_or_articles: Iterable[dict | Article], n: int, *, seed: int = 0) -> list[SyntheticArticle]:
    """``n`` synthetic articles grown from the given articles (records with id, text,
    published and story_id, or :class:`Article` objects), in a shuffled order, with ids
    ``syn0000001``... The real articles are used as they are (``kind`` "source") when
    ``n`` leaves room for them."""
    rng = random.Random(seed)
    sources = [_base(item) for item in records_or_articles]
    if not sources:
        raise ValueError("synthetic_corpus needs at least one article to grow a corpus from")
    sentences = _sentence_pool(sources)
    vocabulary = sorted({word for source in sources for word in LOWER_WORD_RE.findall(source.text)})
    drafts: list[tuple[str, dt.date | None, str, str]] = []  # text, published, story, kind
    for source in sources[: max(0, min(len(sources), n))]:
        drafts.append((source.text, source.published, source.story_id, "source"))
    n_from_sources = max(int(n * SOURCE_SHARE), len(drafts))
    while len(drafts) < n_from_sources:
        drafts.append(_variant(rng.choice(sources), rng))
    spliced = 0
    while len(drafts) < n:
        spliced += 1
        base = _splice(sentences, vocabulary, rng, f"syn-{spliced:06d}")
        drafts.append((base.text, base.published, base.story_id, "spliced"))
        size = 1 if rng.random() < SINGLETON_SHARE else rng.randint(2, MAX_STORY_SIZE)
        for _ in range(min(size - 1, n - len(drafts))):
            drafts.append(_variant(base, rng))
    rng.shuffle(drafts)
    corpus = []
    for number, (text, published, story_id, kind) in enumerate(drafts, start=1):
        ident = f"syn{number:07d}"
        article = Article(id=ident, text=text, published=published, url=f"https://example.org/{ident}", origin=kind)
        corpus.append(SyntheticArticle(article, story_id, kind))
    return corpus


def _base(item: dict | Article) -> _Base:
    if isinstance(item, Article):
        return _Base(item.text, item.published, item.id)
    published = parse_published(item["published"]) if item.get("published") else None
    return _Base(item["text"], published, item.get("story_id") or item["id"])


def _sentence_pool(sources: list[_Base]) -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {}
    for source in sources:
        for sentence in SENTENCE_RE.split(source.text):
            if len(sentence.split()) >= MIN_SENTENCE_WORDS:
                pool.setdefault(source.story_id, []).append(sentence.strip())
    return pool


def _variant(base: _Base, rng: random.Random) -> tuple[str, dt.date | None, str, str]:
    kind = rng.choices(list(VARIANT_WEIGHTS), weights=list(VARIANT_WEIGHTS.values()))[0]
    text = base.text
    if kind != "exact":
        sentences = [sentence for sentence in SENTENCE_RE.split(text) if sentence.strip()]
        if kind == "reworded":
            sentences = [_reword(sentence, rng) for sentence in sentences]
            if rng.random() < 0.5:
                rng.shuffle(sentences)
        elif kind == "trimmed" and len(sentences) > 2:
            for _ in range(rng.randint(1, min(3, len(sentences) - 2))):
                sentences.pop(rng.randrange(len(sentences)))
        elif kind == "truncated" and len(sentences) > 2:
            sentences = sentences[: max(2, round(len(sentences) * rng.uniform(0.4, 0.8)))]
        elif kind == "followup":
            sentences = _change_a_number(sentences, rng)
        text = "\n".join(sentences)
    lag = 0 if kind == "exact" or base.published is None else rng.randint(0, MAX_LAG_DAYS)
    published = base.published + dt.timedelta(days=lag) if base.published else None
    return text, published, base.story_id, kind


def _reword(sentence: str, rng: random.Random) -> str:
    out = []
    for token in WORD_RE.findall(sentence):
        synonym = SYNONYMS.get(token.lower())
        if synonym is not None and rng.random() < 0.7:
            token = synonym.capitalize() if token[0].isupper() else synonym
        out.append(token)
    return "".join(out)


def _change_a_number(sentences: list[str], rng: random.Random) -> list[str]:
    """A follow-up: one number in the text goes up (a higher toll), or one is added."""
    places = [(i, match) for i, sentence in enumerate(sentences) for match in NUMBER_RE.finditer(sentence)]
    if not places:
        return [*sentences, f"The toll later rose to {rng.randint(2, 60)}, officials said."]
    i, match = rng.choice(places)
    digits = match.group().replace(",", "").split(".")[0]
    higher = str(int(digits) + rng.randint(1, 20)) if digits.isdigit() else str(rng.randint(2, 60))
    sentence = sentences[i]
    return [*sentences[:i], sentence[: match.start()] + higher + sentence[match.end() :], *sentences[i + 1 :]]


def _splice(pool: dict[str, list[str]], vocabulary: list[str], rng: random.Random, story_id: str) -> _Base:
    """A fresh story: sentences of several source stories, names and numbers replaced, and a
    share ``SPLICE_NEW_WORDS`` of the other words swapped for random words of the sources (so
    two splices of one sentence are no closer than two reports of one kind of event)."""
    stories = sorted(pool)
    size = rng.randint(SPLICE_MIN_STORIES, max(SPLICE_MIN_STORIES, len(stories)))
    picked = rng.sample(stories, k=min(len(stories), size))
    count = rng.randint(*SPLICE_SENTENCES)
    sentences = [rng.choice(pool[picked[i % len(picked)]]) for i in range(count)]
    names: dict[str, str] = {}

    def invent(match: re.Match) -> str:
        word = match.group()
        if word.lower() in STOP_NAMES:
            return word
        if word not in names:
            names[word] = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        return names[word]

    def swap(match: re.Match) -> str:
        return rng.choice(vocabulary) if rng.random() < SPLICE_NEW_WORDS else match.group()

    text = "\n".join(
        NUMBER_RE.sub(lambda _: str(rng.randint(2, 999)), LOWER_WORD_RE.sub(swap, CAPITALISED_RE.sub(invent, sentence)))
        for sentence in sentences
    )
    start = dt.date(SPLICE_YEARS[0], 1, 1).toordinal()
    published = dt.date.fromordinal(rng.randint(start, dt.date(SPLICE_YEARS[1], 12, 31).toordinal()))
    return _Base(text, published, story_id)
