import datetime as dt

import pytest

from eventwire.types import Event


@pytest.mark.parametrize(
    "inter1,inter2,expected",
    [(2, 1, 12), (1, 2, 12), (7, None, 70), (1, 7, 17), (None, None, None), (0, None, None), (0, 3, 30)],
)
def test_interaction_code(inter1, inter2, expected):
    event = Event(article_id="a", event_date=dt.date(2024, 1, 1), time_precision=1, event_type="Battles",
                  sub_event_type="Armed clash", inter1=inter1, inter2=inter2)
    assert event.interaction == expected
