"""The incremental story index: roles, order independence, fingerprints, the synthetic corpus."""
import random

import pytest

from eventwire.dedup.stories import Fingerprint, StoryIndex, fingerprint
from eventwire.dedup.synthetic import synthetic_corpus
from eventwire.eval.articles import bcubed
from eventwire.types import Article

from .story_texts import BASE, FOLLOW_UP, HARBOUR, OTHER, REWORDED, SAME_CITY, article


def story_articles() -> list[Article]:
    return [
        article("a2", BASE),
        article("a3", REWORDED),
        article("a4", BASE, 6),  # an exact copy, a day later
        article("a5", FOLLOW_UP, 6),  # a follow-up with a higher toll
        article("a6", OTHER),
        article("a7", SAME_CITY),
        article("a8", REWORDED, 20),  # same words, two weeks later: another story
        article("a9", HARBOUR, 6),
        article("b1", BASE, None),  # no date: fits any
    ]


def test_roles_and_new_facts():
    index = StoryIndex()
    index.add(story_articles()[:4])
    members = {member.article_id: member for member in index.members("s2")}
    assert [member.article_id for member in index.members("s2")][0] == "a2"
    assert members["a2"].role == "original" and members["a2"].similarity == 1.0 and not members["a2"].adds_new
    assert members["a4"].role == "copy" and members["a4"].similarity == 1.0 and members["a4"].new_facts == ()
    assert members["a3"].role == "rewrite" and members["a3"].similarity < 0.5
    follow_up = members["a5"]
    assert follow_up.role == "copy" and follow_up.adds_new and "6" in follow_up.new_facts
    assert "4" not in follow_up.new_facts


def test_original_is_earliest_then_most_complete_then_smallest_id():
    index = StoryIndex()
    index.add([article("a2", BASE, 6), article("a3", REWORDED, 6)])
    assert index.member("a2").role == "original"  # same day: the longer report
    index.add([article("a9", REWORDED, 5)])  # an earlier report takes over
    assert index.member("a9").role == "original" and index.member("a2").role == "rewrite"
    index.add([article("a8", REWORDED, 5)])  # same day, same length: the smaller id
    assert index.member("a8").role == "original" and index.member("a9").role == "copy"


def test_on_one_day_the_text_several_outlets_ran_is_the_original_not_a_longer_rewrite():
    index = StoryIndex()
    longer_rewrite = REWORDED + " Police said a search for the attackers had begun in nearby villages."
    index.add([article("a2", longer_rewrite), article("a3", BASE), article("a4", BASE)])
    assert index.member("a3").role == "original" and index.member("a4").role == "copy"
    assert index.member("a2").role == "rewrite"  # the longest, but the lone reworded version


def test_a_story_of_one_is_its_original():
    index = StoryIndex()
    index.add([article("a6", OTHER)])
    assert index.member("a6") == index.members("s6")[0]
    assert index.member("a6").role == "original" and index.member("a6").story_id == "s6"


def test_add_returns_the_articles_whose_assignment_changed():
    index = StoryIndex()
    assert index.add([article("a2", BASE)]) == {"a2"}
    assert index.add([article("a3", REWORDED)]) == {"a3"}
    assert index.add([article("a6", OTHER)]) == {"a6"}
    # an earlier copy with a smaller id: a new story id and a new original for the whole story
    assert index.add([article("a1", BASE, 4)]) == {"a1", "a2", "a3"}
    assert index.member("a3").story_id == "s1" and index.member("a1").role == "original"
    assert index.add([article("a2", BASE)]) == set()  # already there: nothing changes


def test_an_article_id_with_another_text_is_refused():
    index = StoryIndex()
    index.add([article("a2", BASE)])
    with pytest.raises(ValueError, match="a2"):
        index.add([article("a2", OTHER)])


@pytest.mark.parametrize("seed", range(6))
def test_order_and_batching_do_not_matter(seed):
    articles = story_articles()
    expected = StoryIndex()
    expected.add(articles)
    rng = random.Random(seed)
    shuffled = articles[:]
    rng.shuffle(shuffled)
    index = StoryIndex()
    start = 0
    while start < len(shuffled):
        size = rng.randint(1, 4)
        index.add(shuffled[start : start + size])
        start += size
    assert index.assignments() == expected.assignments()


def records() -> list[dict]:
    texts = [("S1", BASE), ("S1", REWORDED), ("S2", OTHER), ("S3", SAME_CITY), ("S4", HARBOUR)]
    return [
        {"id": f"r{i}", "text": text, "published": "2024-03-05", "story_id": story}
        for i, (story, text) in enumerate(texts)
    ]


def test_order_and_batching_do_not_matter_on_a_synthetic_corpus():
    corpus = [item.article for item in synthetic_corpus(records(), 400, seed=1)]
    forward = StoryIndex()
    for start in range(0, len(corpus), 50):
        forward.add(corpus[start : start + 50])
    backward = StoryIndex()
    reversed_corpus = corpus[::-1]
    for start in range(0, len(corpus), 7):
        backward.add(reversed_corpus[start : start + 7])
    assert forward.assignments() == backward.assignments()


def test_fingerprints_round_trip_through_json_and_rebuild_the_same_stories():
    articles = story_articles()
    fingerprints = [fingerprint(article) for article in articles]
    restored = [Fingerprint.from_json(fp.to_json()) for fp in fingerprints]
    assert restored == fingerprints
    from_texts = StoryIndex()
    from_texts.add(articles)
    rebuilt = StoryIndex()
    rebuilt.add_fingerprints(restored[:5])
    rebuilt.add(articles[5:])  # fingerprints of the stored articles, then new ones
    assert rebuilt.assignments() == from_texts.assignments()
    assert rebuilt.fingerprint_of("a3") == fingerprints[1]


def test_a_fingerprint_of_another_minhash_setting_is_refused():
    text = fingerprint(article("a2", BASE)).to_json().replace('"num_perm": 128', '"num_perm": 64')
    with pytest.raises(ValueError, match="fingerprint the article again"):
        Fingerprint.from_json(text)


def test_unknown_ids_raise_key_error():
    index = StoryIndex()
    index.add([article("a2", BASE)])
    assert index.knows("a2") and "a2" in index and not index.knows("a3") and len(index) == 1
    with pytest.raises(KeyError):
        index.member("a3")
    with pytest.raises(KeyError):
        index.members("s3")


def test_synthetic_corpus_is_deterministic_for_a_seed():
    first = synthetic_corpus(records(), 300, seed=4)
    assert first == synthetic_corpus(records(), 300, seed=4)
    assert first != synthetic_corpus(records(), 300, seed=5)
    assert len(first) == 300 and len({item.article.id for item in first}) == 300
    kinds = {item.kind for item in first}
    assert {"source", "exact", "reworded", "truncated", "followup", "spliced"} <= kinds
    assert {item.story_id for item in first if item.kind == "source"} == {"S1", "S2", "S3", "S4"}


def test_accuracy_floor_on_a_synthetic_corpus():
    corpus = synthetic_corpus(records(), 600, seed=0)
    index = StoryIndex()
    for start in range(0, len(corpus), 100):
        index.add(item.article for item in corpus[start : start + 100])
    predicted = {article_id: member.story_id for article_id, member in index.assignments().items()}
    truth = {item.article.id: item.story_id for item in corpus}
    assert bcubed(truth, predicted)["bcubed_f1"] >= 0.95
