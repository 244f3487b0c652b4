"""Story clustering, first version: reworded copies of one report share one story id.

Two signals, both cheap: the overlap of word 4-shingles (copies and light rewrites) and
the overlap of the names and numbers a report states (rewordings keep them). Candidate
pairs come from an inverted index over those names, so it never compares all pairs of a
corpus. Clusters are connected components (union-find). Issue 5 deepens this (MinHash/LSH,
incremental index, cluster summaries).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable

from eventwire.types import Article

SHINGLE_SIZE = 4
SHINGLE_JACCARD = 0.10  # copies and rewrites of one story (set on the dev articles)
NAME_JACCARD = 0.22  # rewordings: same names and numbers (set on the dev articles)
MAX_DAYS_APART = 3
# A name shared by more than this many articles is too common to propose a pair.
MAX_POSTING = 200
WORD_RE = re.compile(r"\w+", re.UNICODE)
NAME_RE = re.compile(r"\b(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*|\d[\d,.]*)\b")
STOP_NAMES = frozenset(
    "The A An In On At He She It They We But And Of For As By After Before When This That "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday date".split()
)


def _features(article: Article) -> tuple[frozenset, frozenset]:
    words = [word.lower() for word in WORD_RE.findall(article.text)]
    shingles = frozenset(
        " ".join(words[i : i + SHINGLE_SIZE]) for i in range(max(len(words) - SHINGLE_SIZE + 1, 1))
    )
    names = frozenset(
        name.lower() for name in NAME_RE.findall(article.text) if name not in STOP_NAMES
    )
    return shingles, names


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _close_in_time(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= MAX_DAYS_APART


def cluster_stories(articles: Iterable[Article]) -> dict[str, str]:
    """Map each article id to a story id (the smallest article id of its cluster)."""
    articles = list(articles)
    features = [_features(article) for article in articles]
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    postings: dict[str, list[int]] = defaultdict(list)
    for index, (_, names) in enumerate(features):
        for name in names:
            postings[name].append(index)
    candidates: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > MAX_POSTING:
            continue
        for pos, i in enumerate(members):
            for j in members[pos + 1 :]:
                candidates.add((i, j))
    for i, j in sorted(candidates):
        if find(i) == find(j):
            continue
        if not _close_in_time(articles[i].published, articles[j].published):
            continue
        (shingles_i, names_i), (shingles_j, names_j) = features[i], features[j]
        if _jaccard(shingles_i, shingles_j) >= SHINGLE_JACCARD or _jaccard(names_i, names_j) >= NAME_JACCARD:
            parent[find(j)] = find(i)
    groups: dict[int, list[str]] = defaultdict(list)
    for index, article in enumerate(articles):
        groups[find(index)].append(article.id)
    story_of: dict[str, str] = {}
    for members in groups.values():
        story_id = "s" + min(members).lstrip("a")
        for member in members:
            story_of[member] = story_id
    return story_of
