"""Story clustering: which reports are copies or rewrites of one story (eventwire.dedup.stories)."""
import pytest

from eventwire.dedup.stories import cluster_stories, extract_names, fingerprint, linked

from .story_texts import BASE, OTHER, REWORDED, SAME_CITY, article


@pytest.mark.parametrize(
    "texts,expected_groups",
    [
        ([BASE, BASE], 1),  # exact copy
        ([BASE, REWORDED], 1),  # reworded copy: same names and numbers
        ([BASE, OTHER], 2),  # a different story on the same day
        ([BASE, SAME_CITY], 2),  # a different story on the same day in the same city
        ([BASE, REWORDED, OTHER, SAME_CITY], 3),
    ],
)
def test_cluster_counts(texts, expected_groups):
    articles = [article(f"a{i}", text) for i, text in enumerate(texts)]
    assert len(set(cluster_stories(articles).values())) == expected_groups


def test_same_text_far_apart_in_time_is_not_one_story():
    stories = cluster_stories([article("a1", BASE, 1), article("a2", BASE, 28)])
    assert stories["a1"] != stories["a2"]


@pytest.mark.parametrize("days,joined", [((5, 8), True), ((5, 9), False), ((5, None), True)])
def test_max_days_apart(days, joined):
    stories = cluster_stories([article("a1", BASE, days[0]), article("a2", REWORDED, days[1])])
    assert (stories["a1"] == stories["a2"]) is joined


def test_story_id_is_the_smallest_member_id_without_its_a():
    stories = cluster_stories([article("a9", BASE), article("a3", REWORDED), article("a5", OTHER)])
    assert stories == {"a9": "s3", "a3": "s3", "a5": "s5"}


def test_story_id_is_order_independent():
    articles = [article("a1", BASE), article("a2", OTHER), article("a3", REWORDED)]
    assert cluster_stories(articles) == cluster_stories(list(reversed(articles)))


def test_names_are_names_places_and_numbers():
    names = extract_names(BASE)
    assert {"maiduguri", "borno", "abdul", "danjuma", "konduga", "4"} <= names
    # weekdays, and words the text also writes in lower case, are not names
    assert "tuesday" not in names and "police" not in names
    assert {"2000", "ahmed", "satomi"} <= extract_names(SAME_CITY)


def test_the_link_test_is_symmetric():
    fingerprints = [fingerprint(article(f"a{i}", text)) for i, text in enumerate([BASE, REWORDED, OTHER, SAME_CITY])]
    for a in fingerprints:
        for b in fingerprints:
            assert linked(a, b) == linked(b, a)


def test_a_text_without_words_is_a_story_of_its_own():
    stories = cluster_stories([article("a1", ""), article("a2", ""), article("a3", "...")])
    assert len(set(stories.values())) == 3
