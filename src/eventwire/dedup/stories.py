"""Story clustering: near-duplicate and reworded reports of one news article share a story.

Two signals (docs/stories.md says how the thresholds were set):

- **shingles**: a MinHash (datasketch, fixed seed) of the article's word 4-shingles. Copies,
  truncated copies and light edits share many shingles; candidates come from LSH buckets
  (``LSH_BANDS`` bands of ``LSH_ROWS`` hash values).
- **names**: the set of names, places and numbers the article states (capitalised words it
  never writes in lower case, digits and number words). Rewordings keep them even when they
  share few shingles; candidates come from an inverted index (name, publication day).

A pair of articles is linked when it is a candidate of either index and passes
:func:`linked`, a symmetric and deterministic test of the two fingerprints (dates at most
``MAX_DAYS_APART`` days apart, then enough shared shingles or enough shared names). Stories
are the connected components of those links, so a :class:`StoryIndex` fed in any order or
batching ends with the same stories, and the summary of each story (its original, and which
members are copies or rewrites) is a function of its member set only.

The index never compares all pairs and never re-reads a text: it works from
:class:`Fingerprint` records, which a store can save (``to_json``) and reload
(``Fingerprint.from_json``, ``StoryIndex.add_fingerprints``).
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import re
import sys
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from eventwire.types import Article

__all__ = ["Fingerprint", "StoryIndex", "StoryMember", "cluster_stories", "extract_names", "fingerprint", "linked"]

FINGERPRINT_VERSION = 2  # 2: shingles hashed with CRC-32 (1: datasketch's SHA-1)
SHINGLE_SIZE = 4
NUM_PERM = 128
MINHASH_SEED = 1
LSH_BANDS = 32
LSH_ROWS = 4  # LSH_BANDS * LSH_ROWS == NUM_PERM; a band pair is likely from Jaccard ~0.4 up
MAX_DAYS_APART = 3
# Link tests (set on the dev articles, see docs/stories.md)
MIN_SHINGLES = 10  # shorter texts link by their names only
SHINGLE_JACCARD = 0.30  # copies: estimated Jaccard of the shingle sets
SHINGLE_CONTAINMENT = 0.25  # shortened copies: share of the shorter text's shingles ...
MIN_SHARED_SHINGLES = 20  # ... and at least a passage this long in common ...
CONTAINMENT_MIN_NAMES = 2  # ... and a few names (shared boilerplate alone is not a story)
NAME_JACCARD = 0.20  # rewordings: Jaccard of the name sets ...
NAME_MIN_SHARED = 4  # ... and at least this many names in common
NAME_CANDIDATE_MIN = 2  # indexed names two articles must share to be compared through the name index
# (the fewest the name and shared-passage tests accept; pairs sharing fewer meet through LSH)
# Roles: a member is a "copy" of the story's original when it is near-verbatim
COPY_JACCARD = 0.5
COPY_CONTAINMENT = 0.8  # or the shorter of the two is (nearly) all inside the longer
HEADLINE_MIN_WORDS = 4  # a line of at least this many words ...
HEADLINE_SHARE = 0.6  # ... this share of them capitalised is a title-case headline
GROUP_AT = 8  # a posting list longer than this is kept grouped by story
WORD_RE = re.compile(r"\w+", re.UNICODE)
TOKEN_RE = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d", re.UNICODE)
POSSESSIVE_RE = re.compile(r"(?:['’]s|['’-])$")
POSSESSIVE_ENDS = frozenset("s'’-")  # the last characters POSSESSIVE_RE can strip (a cheap test first)
NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {word: str(10 * tens) for tens, word in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), start=3)} | {
    "hundred": "100"
}
# Capitalised words that are not names: sentence openers, titles and calendar words
STOP_NAMES = frozenset(
    """the a an in on at he she it they we i you his her its their our this that these those there here
    but and or of for as by to from with after before when while since if so then also however meanwhile
    earlier later still yet now today yesterday what who where why how all some many several most other
    mr mrs ms dr st said says according date photo read more
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december""".split()
)
_NO_DAY = -1  # posting key of an article without a publication date


# ---------------------------------------------------------------------------------------
# fingerprints
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What story clustering keeps of one article (its text is not needed again).

    ``minhash`` holds the ``NUM_PERM`` MinHash values of the word shingles as little-endian
    uint32 bytes (``hashvalues`` gives them as integers); ``names`` the names and numbers
    the article states (lower case, see :func:`extract_names`).
    """

    article_id: str
    published: dt.date | None
    n_words: int
    n_shingles: int
    minhash: bytes
    names: frozenset[str]

    @property
    def hashvalues(self) -> tuple[int, ...]:
        return tuple(np.frombuffer(self.minhash, dtype="<u4").tolist())

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": FINGERPRINT_VERSION,
                "article_id": self.article_id,
                "published": self.published.isoformat() if self.published else None,
                "n_words": self.n_words,
                "n_shingles": self.n_shingles,
                "num_perm": NUM_PERM,
                "seed": MINHASH_SEED,
                "minhash": base64.b64encode(self.minhash).decode("ascii"),
                "names": sorted(self.names),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Fingerprint:
        """Read what :meth:`to_json` wrote; a fingerprint of another version or MinHash setting
        raises ValueError (fingerprint the article again with :func:`fingerprint`)."""
        data = json.loads(text)
        setting = (data.get("version"), data.get("num_perm"), data.get("seed"))
        if setting != (FINGERPRINT_VERSION, NUM_PERM, MINHASH_SEED):
            raise ValueError(
                f"story fingerprint of {data.get('article_id')!r} was made with version/num_perm/seed {setting}, "
                f"this eventwire uses {(FINGERPRINT_VERSION, NUM_PERM, MINHASH_SEED)}; fingerprint the article again"
            )
        minhash = base64.b64decode(data["minhash"])
        if len(minhash) != 4 * NUM_PERM:
            raise ValueError(
                f"story fingerprint of {data['article_id']!r} has {len(minhash)} MinHash bytes, expected {4 * NUM_PERM}"
            )
        return cls(
            article_id=data["article_id"],
            published=dt.date.fromisoformat(data["published"]) if data["published"] else None,
            n_words=int(data["n_words"]),
            n_shingles=int(data["n_shingles"]),
            minhash=minhash,
            names=frozenset(sys.intern(name) for name in data["names"]),
        )


def extract_names(text: str) -> frozenset[str]:
    """Names, places and numbers a text states, lower-cased: capitalised words the text never
    writes in lower case (so "Police" at a sentence start is dropped when "police" occurs too),
    minus ``STOP_NAMES``; digits (commas dropped) and number words as digits ("five" -> "5").
    Capitalised words of a title-case line (a headline) count only if the text also
    capitalises them elsewhere."""
    names: set[str] = set()
    capitalised: set[str] = set()
    headline: set[str] = set()
    lower: set[str] = set()
    for line in text.splitlines():
        tokens = TOKEN_RE.findall(line)
        words = [token for token in tokens if not token[0].isdigit()]
        capitals = sum(word[0].isupper() for word in words)
        title_case = len(words) >= HEADLINE_MIN_WORDS and capitals >= HEADLINE_SHARE * len(words)
        for token in tokens:
            if token[0].isdigit():
                names.add(token.replace(",", "").lstrip("0") or "0")
                continue
            word = (POSSESSIVE_RE.sub("", token) if token[-1] in POSSESSIVE_ENDS else token).lower()
            if word in NUMBER_WORDS:
                names.add(NUMBER_WORDS[word])
            elif token[0].isupper():
                (headline if title_case else capitalised).add(word)
            else:
                lower.add(word)
    names.update(word for word in capitalised - lower if word and word not in STOP_NAMES)
    return frozenset(sys.intern(name) for name in names)


@functools.cache  # built once (its permutations are drawn from the seed), copied per article
def _empty_minhash() -> MinHash:
    # CRC-32 of each shingle (zlib, C, stable across processes) instead of datasketch's default
    # SHA-1: the same 32-bit input to the permutations, at a fifth of the cost per article
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=zlib.crc32)


def fingerprint(article: Article) -> Fingerprint:
    """The :class:`Fingerprint` of one article (MinHash of its word 4-shingles, its names)."""
    words = [word.lower() for word in WORD_RE.findall(article.text)]
    shingles = {" ".join(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1)}
    if not shingles and words:
        shingles = {" ".join(words)}
    minhash = _empty_minhash().copy()
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return Fingerprint(
        article_id=article.id,
        published=article.published,
        n_words=len(words),
        n_shingles=len(shingles),
        minhash=minhash.hashvalues.astype("<u4").tobytes(),
        names=extract_names(article.text),
    )


# ---------------------------------------------------------------------------------------
# the link test
# ---------------------------------------------------------------------------------------


def _close_in_time(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= MAX_DAYS_APART


def linked(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether two articles report one story (symmetric): published at most ``MAX_DAYS_APART``
    days apart (an unknown date fits any), and either near-copies (shingle Jaccard, or a long
    shared passage and a few names for a shortened copy) or rewordings (most of their names in
    common)."""
    if not _close_in_time(a.published, b.published):
        return False
    sig_a, sig_b = np.frombuffer(a.minhash, dtype="<u4"), np.frombuffer(b.minhash, dtype="<u4")
    return _passes(a.n_shingles, b.n_shingles, sig_a, sig_b, len(a.names & b.names), len(a.names), len(b.names))


def _passes(shingles_a: int, shingles_b: int, sig_a, sig_b, common: int, names_a: int, names_b: int) -> bool:
    """The link test of two articles published close enough in time (see :func:`linked`)."""
    if min(shingles_a, shingles_b) >= MIN_SHINGLES:
        jaccard = int(np.count_nonzero(sig_a == sig_b)) / NUM_PERM
        if jaccard >= SHINGLE_JACCARD:
            return True
        shared = jaccard / (1 + jaccard) * (shingles_a + shingles_b)
        if (
            common >= CONTAINMENT_MIN_NAMES
            and shared >= MIN_SHARED_SHINGLES
            and shared / min(shingles_a, shingles_b) >= SHINGLE_CONTAINMENT
        ):
            return True
    return common >= NAME_MIN_SHARED and common / (names_a + names_b - common) >= NAME_JACCARD


def _band_keys(minhashes: list[bytes]) -> list[list[int]]:
    """LSH bucket keys of each MinHash: one 64-bit hash per band of ``LSH_ROWS`` values."""
    if not minhashes:
        return []
    sigs = np.frombuffer(b"".join(minhashes), dtype="<u4").astype(np.uint64)
    sigs = sigs.reshape(len(minhashes), LSH_BANDS, LSH_ROWS)
    rng = np.random.RandomState(MINHASH_SEED)
    mix = rng.randint(1, 2**62, size=LSH_ROWS, dtype=np.uint64) | np.uint64(1)
    band_salt = rng.randint(1, 2**62, size=LSH_BANDS, dtype=np.uint64)
    with np.errstate(over="ignore"):
        keys = (sigs * mix).sum(axis=2, dtype=np.uint64) + band_salt
    return keys.tolist()


# ---------------------------------------------------------------------------------------
# the incremental index
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryMember:
    """One article's place in its story. ``similarity``: estimated shingle Jaccard to the
    story's original (1.0 for the original); ``new_facts``: names and numbers it states that
    the original does not (``adds_new`` when there are any)."""

    article_id: str
    story_id: str
    role: str  # "original", "copy" (near-verbatim) or "rewrite" (reworded)
    similarity: float
    adds_new: bool
    new_facts: tuple[str, ...]


class StoryIndex:
    """Stories of articles added over time; the result never depends on the order or the
    batching of the ``add`` calls. Each ``add`` returns the ids of the articles whose
    :class:`StoryMember` (story id, role, similarity or new facts) is new or changed.

    Fingerprints are kept as columns (about 1 KB an article), not as objects."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._days: list[int] = []  # date ordinal, or _NO_DAY
        self._words: list[int] = []
        self._shingles: list[int] = []
        self._sigs: list[np.ndarray] = []  # read-only views of the MinHash bytes
        self._names: list[tuple[str, ...]] = []
        self._index_of: dict[str, int] = {}
        self._comp: list[int] = []  # story label of each article (the label of a member)
        self._members: dict[int, list[int]] = {}
        self._band_postings: dict[int, object] = {}  # LSH key -> posting
        self._name_postings: dict[str, dict[int, object]] = {}  # name -> day -> posting
        self._assigned: list[StoryMember | None] = []
        self._original_of: list[int] = []  # the original each assignment was made against
        self._story_label: dict[str, int] = {}

    # -- public API -----------------------------------------------------------------------

    def add(self, articles: Iterable[Article]) -> set[str]:
        """Fingerprint ``articles`` and add them (see :meth:`add_fingerprints`)."""
        return self.add_fingerprints(fingerprint(article) for article in articles)

    def add_fingerprints(self, fingerprints: Iterable[Fingerprint]) -> set[str]:
        """Add articles by their fingerprints; returns the ids whose assignment changed (every
        new article among them). An id already in the index with the same fingerprint is
        skipped; with a different one it raises ValueError."""
        fresh: dict[str, Fingerprint] = {}
        for fp in fingerprints:
            known = fresh.get(fp.article_id)
            if known is None and fp.article_id in self._index_of:
                known = self.fingerprint_of(fp.article_id)
            if known is not None:
                if known != fp:
                    raise ValueError(
                        f"article {fp.article_id!r} is already in the story index with another fingerprint"
                    )
                continue
            fresh[fp.article_id] = fp
        for fp, keys in zip(fresh.values(), _band_keys([fp.minhash for fp in fresh.values()])):
            idx = len(self._ids)
            self._ids.append(fp.article_id)
            self._days.append(fp.published.toordinal() if fp.published else _NO_DAY)
            self._words.append(fp.n_words)
            self._shingles.append(fp.n_shingles)
            self._sigs.append(np.frombuffer(fp.minhash, dtype="<u4"))
            self._names.append(tuple(sorted(fp.names)))
            self._index_of[fp.article_id] = idx
            self._comp.append(idx)
            self._members[idx] = [idx]
            self._assigned.append(None)
            self._original_of.append(-1)
            self._link(idx, keys, fp.names)
            self._insert(idx, keys)
        return self._summarise({self._comp[self._index_of[article_id]] for article_id in fresh})

    def knows(self, article_id: str) -> bool:
        return article_id in self._index_of

    __contains__ = knows

    def __len__(self) -> int:
        return len(self._ids)

    def fingerprint_of(self, article_id: str) -> Fingerprint:
        """The fingerprint an article was added with (KeyError if it was never added)."""
        idx = self._index_of[article_id]
        day = self._days[idx]
        return Fingerprint(
            article_id=article_id,
            published=dt.date.fromordinal(day) if day != _NO_DAY else None,
            n_words=self._words[idx],
            n_shingles=self._shingles[idx],
            minhash=self._sigs[idx].tobytes(),
            names=frozenset(self._names[idx]),
        )

    def member(self, article_id: str) -> StoryMember:
        """The story membership of an article (KeyError if it was never added)."""
        return self._assigned[self._index_of[article_id]]

    def members(self, story_id: str) -> list[StoryMember]:
        """The members of a story, its original first, then by article id (KeyError if unknown)."""
        members = [self._assigned[idx] for idx in self._members[self._story_label[story_id]]]
        return sorted(members, key=lambda member: (member.role != "original", member.article_id))

    def assignments(self) -> dict[str, StoryMember]:
        """Every article id -> its :class:`StoryMember`."""
        return {member.article_id: member for member in self._assigned}

    # -- linking --------------------------------------------------------------------------

    def _linked(self, i: int, names_i: frozenset[str], j: int) -> bool:
        day_i, day_j = self._days[i], self._days[j]
        if day_i != _NO_DAY and day_j != _NO_DAY and abs(day_i - day_j) > MAX_DAYS_APART:
            return False
        names_j = self._names[j]
        return _passes(
            self._shingles[i], self._shingles[j], self._sigs[i], self._sigs[j],
            len(names_i.intersection(names_j)), len(names_i), len(names_j),
        )

    def _union(self, i: int, j: int) -> None:
        keep, gone = self._comp[i], self._comp[j]
        if len(self._members[keep]) < len(self._members[gone]):
            keep, gone = gone, keep
        moved = self._members.pop(gone)
        for idx in moved:
            self._comp[idx] = keep
        self._members[keep].extend(moved)

    def _link(self, idx: int, keys: list[int], names: frozenset[str]) -> None:
        """Union ``idx`` with every story it has a link into (exact: a story is skipped only
        once ``idx`` belongs to it, so the components do not depend on the arrival order)."""
        comp = self._comp
        for key in keys:  # LSH buckets: test every member of another story
            posting = self._band_postings.get(key)
            if posting is None:
                continue
            if type(posting) is int:
                if comp[posting] != comp[idx] and self._linked(idx, names, posting):
                    self._union(idx, posting)
            elif type(posting) is list:
                for other in posting:
                    if comp[other] != comp[idx] and self._linked(idx, names, other):
                        self._union(idx, other)
            else:
                for group in _groups(posting, comp):
                    if comp[group[0]] != comp[idx]:
                        for other in group:
                            if self._linked(idx, names, other):
                                self._union(idx, other)
                                break
        day = self._days[idx]
        window = None if day == _NO_DAY else (_NO_DAY, *range(day - MAX_DAYS_APART, day + MAX_DAYS_APART + 1))
        counts: dict[int, int] = {}  # name index: how many names each other article shares
        mine = comp[idx]
        for name in names:
            by_day = self._name_postings.get(name)
            if by_day is None:
                continue
            postings = list(by_day.values()) if window is None else [by_day[d] for d in window if d in by_day]
            for posting in postings:
                if type(posting) is int:
                    if comp[posting] != mine:
                        counts[posting] = counts.get(posting, 0) + 1
                elif type(posting) is list:
                    for other in posting:
                        if comp[other] != mine:
                            counts[other] = counts.get(other, 0) + 1
                else:
                    for group in _groups(posting, comp):
                        if comp[group[0]] != mine:
                            for other in group:
                                counts[other] = counts.get(other, 0) + 1
        candidates = [other for other, count in counts.items() if count >= NAME_CANDIDATE_MIN]
        if candidates:
            passed = self._passes_many(idx, candidates, [counts[other] for other in candidates])
            for other, ok in zip(candidates, passed):
                if ok and comp[other] != comp[idx]:
                    self._union(idx, other)

    def _passes_many(self, idx: int, others: list[int], common: list[int]) -> list[bool]:
        """``_linked(idx, names, other)`` for many candidates at once (``common``: the names each
        shares with ``idx``, counted by the name index), one numpy pass instead of one per pair."""
        days = np.array([self._days[other] for other in others])
        day = self._days[idx]
        in_time = (days == _NO_DAY) | (day == _NO_DAY) | (np.abs(days - day) <= MAX_DAYS_APART)
        sigs = np.stack([self._sigs[other] for other in others])
        jaccard = np.count_nonzero(sigs == self._sigs[idx], axis=1) / NUM_PERM
        shingles = np.array([self._shingles[other] for other in others], dtype=float)
        fewer = np.minimum(shingles, self._shingles[idx])
        shared = jaccard / (1 + jaccard) * (shingles + self._shingles[idx])
        common = np.array(common, dtype=float)
        names = np.array([len(self._names[other]) for other in others], dtype=float)
        long_enough = fewer >= MIN_SHINGLES
        copies = long_enough & (jaccard >= SHINGLE_JACCARD)
        with np.errstate(divide="ignore", invalid="ignore"):
            passages = (
                long_enough & (common >= CONTAINMENT_MIN_NAMES) & (shared >= MIN_SHARED_SHINGLES)
                & (shared / np.maximum(fewer, 1) >= SHINGLE_CONTAINMENT)
            )
            rewordings = (common >= NAME_MIN_SHARED) & (
                common / (len(self._names[idx]) + names - common) >= NAME_JACCARD
            )
        return (in_time & (copies | passages | rewordings)).tolist()

    def _insert(self, idx: int, keys: list[int]) -> None:
        comp = self._comp
        for key in keys:
            _posting_add(self._band_postings, key, idx, comp)
        day = self._days[idx]
        for name in self._names[idx]:
            by_day = self._name_postings.get(name)
            if by_day is None:
                by_day = self._name_postings[name] = {}
            _posting_add(by_day, day, idx, comp)

    # -- summaries ------------------------------------------------------------------------

    def _summarise(self, labels: set[int]) -> set[str]:
        changed: set[str] = set()
        ids, days, words = self._ids, self._days, self._words
        for label in labels:
            members = self._members[label]
            first_day = min(days[i] for i in members)
            copies = self._copies([i for i in members if days[i] == first_day])
            original = min(members, key=lambda i: (days[i] == _NO_DAY, days[i], -copies[i], -words[i], ids[i]))
            story_id = "s" + min(ids[i] for i in members).lstrip("a")
            self._story_label[story_id] = label
            for idx in members:
                before = self._assigned[idx]
                if before is not None and self._original_of[idx] == original and before.story_id == story_id:
                    continue
                member = self._describe(idx, original, story_id)
                if member != before:
                    changed.add(ids[idx])
                if before is not None and before.story_id != story_id:
                    self._story_label.pop(before.story_id, None)
                self._assigned[idx] = member
                self._original_of[idx] = original
        return changed

    def _copies(self, members) -> dict[int, int]:
        """member -> how many other members (of those given: the story's earliest day) are
        near-verbatim copies of it. Among reports of one day, the text several outlets ran (the
        wire version) is the original, not a lone rewrite of it, however complete."""
        members = list(members)
        if len(members) < 3:
            return defaultdict(int)
        sigs = np.stack([self._sigs[i] for i in members])
        counts = defaultdict(int)
        for pos, idx in enumerate(members):
            shared = np.count_nonzero(sigs == sigs[pos], axis=1) / NUM_PERM
            counts[idx] = int(np.count_nonzero(shared >= COPY_JACCARD)) - 1
        return counts

    def _describe(self, idx: int, original: int, story_id: str) -> StoryMember:
        if idx == original:
            return StoryMember(self._ids[idx], story_id, "original", 1.0, False, ())
        jaccard = containment = 0.0
        shingles, source_shingles = self._shingles[idx], self._shingles[original]
        if shingles and source_shingles:
            jaccard = int(np.count_nonzero(self._sigs[idx] == self._sigs[original])) / NUM_PERM
            shared = jaccard / (1 + jaccard) * (shingles + source_shingles)
            containment = min(shared / min(shingles, source_shingles), 1.0)
        near_copy = jaccard >= COPY_JACCARD or (containment >= COPY_CONTAINMENT and jaccard >= SHINGLE_JACCARD)
        new_facts = tuple(sorted(set(self._names[idx]).difference(self._names[original])))
        role = "copy" if near_copy else "rewrite"
        return StoryMember(self._ids[idx], story_id, role, round(jaccard, 3), bool(new_facts), new_facts)


def _groups(posting: dict[int, list[int]], comp: list[int]):
    """The member lists of a grouped posting, each under its current story label (groups whose
    stories were merged since are merged here)."""
    stale = [label for label, group in posting.items() if comp[group[0]] != label]
    for label in stale:
        group = posting.pop(label)
        posting.setdefault(comp[group[0]], []).extend(group)
    return posting.values()


def _posting_add(table: dict, key, idx: int, comp: list[int]) -> None:
    """Add ``idx`` to ``table[key]``: an int (one member), a list, or, past ``GROUP_AT``
    members, a dict story label -> members, so a big story is skipped in one step."""
    posting = table.get(key)
    if posting is None:
        table[key] = idx
    elif type(posting) is int:
        table[key] = [posting, idx]
    elif type(posting) is list:
        posting.append(idx)
        if len(posting) > GROUP_AT:
            grouped: dict[int, list[int]] = {}
            for other in posting:
                grouped.setdefault(comp[other], []).append(other)
            table[key] = grouped
    else:
        posting.setdefault(comp[idx], []).append(idx)


def cluster_stories(articles: Iterable[Article]) -> dict[str, str]:
    """Map each article id to its story id ("s" + the smallest article id of its story, a
    leading "a" stripped)."""
    index = StoryIndex()
    index.add(articles)
    return {article_id: member.story_id for article_id, member in index.assignments().items()}
