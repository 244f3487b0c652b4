"""Story-grouped tuning / validation halves of a dev file."""
from __future__ import annotations

import pytest

from eventwire.eval.splits import select_split, split_of, story_folds


def records(n_stories: int, per_story: int = 3) -> list[dict]:
    return [{"id": f"s{s}-a{a}", "story_id": f"story-{s}"} for s in range(n_stories) for a in range(per_story)]


def test_the_reports_of_one_story_fall_in_one_half():
    rows = records(40)
    tune, validation = select_split(rows, "tune"), select_split(rows, "validation")
    assert len(tune) + len(validation) == len(rows)
    assert {row["story_id"] for row in tune}.isdisjoint({row["story_id"] for row in validation})
    assert tune and validation


def test_the_half_depends_on_the_story_alone():
    assert split_of("story-7") == split_of("story-7")
    alone = {"id": "lonely-article"}
    assert select_split([alone], split_of("lonely-article")) == [alone]  # no story id: the article is its own story


def test_all_keeps_every_record_and_a_bad_split_is_refused():
    rows = records(3)
    assert select_split(rows, "all") == rows
    with pytest.raises(ValueError):
        select_split(rows, "holdout")


def test_story_folds_keep_stories_together():
    rows = records(30)
    folds = story_folds(rows, 5)
    by_story: dict[str, set[int]] = {}
    for row, fold in zip(rows, folds):
        by_story.setdefault(row["story_id"], set()).add(fold)
    assert all(len(found) == 1 for found in by_story.values())
    assert set(folds) <= set(range(5)) and len(set(folds)) > 1
