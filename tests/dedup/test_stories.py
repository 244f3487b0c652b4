import datetime as dt

import pytest

from eventwire.dedup.stories import cluster_stories
from eventwire.types import Article

BASE = (
    "Gunmen attacked a police station in Maiduguri on Tuesday, killing four officers, the Borno state "
    "police spokesman Abdul Danjuma said. Residents said the attackers arrived on motorcycles shortly "
    "after dusk and fired at the building for nearly an hour before fleeing toward Konduga."
)
REWORDED = (
    "Four police officers were killed on Tuesday when gunmen on motorcycles stormed a police station in "
    "Maiduguri, said Abdul Danjuma, spokesman for the Borno state police. The attackers fled toward Konduga "
    "after an hour-long assault, residents said."
)
OTHER = (
    "Thousands of teachers marched through Lagos on Tuesday to demand unpaid salaries, blocking traffic "
    "on the Third Mainland Bridge for several hours, union leader Grace Okafor said."
)


def article(ident: str, text: str, day: int = 5) -> Article:
    return Article(id=ident, text=text, published=dt.date(2024, 3, day))


@pytest.mark.parametrize(
    "texts,expected_groups",
    [
        ([BASE, BASE], 1),  # exact copy
        ([BASE, REWORDED], 1),  # reworded copy: same names and numbers
        ([BASE, OTHER], 2),  # a different story on the same day
        ([BASE, REWORDED, OTHER], 2),
    ],
)
def test_cluster_counts(texts, expected_groups):
    articles = [article(f"a{i}", text) for i, text in enumerate(texts)]
    assert len(set(cluster_stories(articles).values())) == expected_groups


def test_same_text_far_apart_in_time_is_not_one_story():
    stories = cluster_stories([article("a1", BASE, 1), article("a2", BASE, 28)])
    assert stories["a1"] != stories["a2"]


def test_story_id_is_order_independent():
    articles = [article("a1", BASE), article("a2", OTHER), article("a3", REWORDED)]
    assert cluster_stories(articles) == cluster_stories(list(reversed(articles)))
