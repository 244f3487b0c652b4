"""DocContext (``eventwire.coding.coref.context``): the datelines left out of event places, and the
region a sentence names bounding where its event happened. Hand-made places (see conftest)."""
from __future__ import annotations

import pytest

from eventwire.coding.coref.context import DocContext
from eventwire.types import Place

from .conftest import PLACES

# Approximate GeoNames records; "Wonake Pass" is deliberately resolved into the wrong province
# and "Koti" into the wrong country, as a gazetteer can.
AF_PLACES = {
    "KABUL": Place(1138958, "Kabul", "AF", "AFG", "Afghanistan", "Kabul", "", 34.528, 69.172, "PPLC"),
    "Afghanistan": Place(1149361, "Afghanistan", "AF", "AFG", "Afghanistan", "", "", 33.0, 66.0, "PCLI"),
    "Kandahar province": Place(1138335, "Kandahar", "AF", "AFG", "Afghanistan", "Kandahar", "", 31.0, 65.5, "ADM1"),
    "Kapisa province": Place(1138255, "Kapisa", "AF", "AFG", "Afghanistan", "Kapisa", "", 34.9, 69.7, "ADM1"),
    "Spin Boldak": Place(1127110, "Spin Boldak", "AF", "AFG", "Afghanistan", "Kandahar", "", 31.005, 66.4, "PPL"),
    "Wonake Pass": Place(None, "Wonake Pass", "AF", "AFG", "Afghanistan", "Kabul", "", 34.5, 69.2, "PASS"),
    "Koti": Place(None, "Koti", "IN", "IND", "India", "Kerala", "", 9.9, 76.3, "PPL"),
}


@pytest.fixture(autouse=True)
def afghan_places(monkeypatch):
    for key, place in AF_PLACES.items():
        monkeypatch.setitem(PLACES, key, place)


def trigger(doc, word):
    return next(token for token in doc if token.text == word)


@pytest.mark.parametrize(
    "text",
    [
        "For Immediate Release KABUL, Afghanistan (Jun. 12) A patrol killed two insurgents in Spin Boldak.",
        "KABUL, Afghanistan (AP) - A patrol killed two insurgents in Spin Boldak.",
    ],
)
def test_a_dateline_is_no_event_place_even_after_other_text_on_its_line(make_doc, text):
    doc = make_doc(text, places=["KABUL", "Afghanistan", "Spin Boldak"])
    assert [mention.text for mention in DocContext(doc).places] == ["Spin Boldak"]


def test_a_dateline_town_in_mixed_case_is_no_event_place(make_doc):
    text = "For Immediate Release Kabul, Afghanistan (Dec. 9) - A patrol killed two insurgents in Spin Boldak."
    doc = make_doc(text, places=["KABUL", "Afghanistan", "Spin Boldak"])
    assert "Kabul" not in [mention.text for mention in DocContext(doc).places]


def test_a_capitalised_city_in_running_text_is_kept(make_doc):
    doc = make_doc("Fighters from KABUL, the capital, attacked Spin Boldak.", places=["KABUL", "Spin Boldak"])
    assert [mention.text for mention in DocContext(doc).places] == ["KABUL", "Spin Boldak"]


@pytest.mark.parametrize(
    ("text", "places", "region", "name"),
    [
        # a place the gazetteer puts in another province, with a place of the named one beside it
        ("A patrol killed two insurgents near Wonake Pass in Spin Boldak district, Kandahar province, Saturday.",
         ["Wonake Pass", "Spin Boldak", "Kandahar province"], "Kandahar", "Spin Boldak"),
        # the text itself says which province holds the place
        ("A patrol killed two insurgents in Wonake Pass district, Kandahar province.",
         ["Wonake Pass", "Kandahar province"], "Kandahar", "Kandahar"),
        # ... also when the place mention holds only the first word of the name
        ("A patrol killed two insurgents in Koti-e Bala district, Kapisa province.",
         ["Koti", "Kapisa province"], "Kapisa", "Kapisa"),
        # a place resolved into another country
        ("A patrol killed two insurgents in the Koti village of Kapisa province.",
         ["Koti", "Kapisa province"], "Kapisa", "Kapisa"),
    ],
)
def test_a_named_region_bounds_the_event_place(make_doc, text, places, region, name):
    doc = make_doc(text, places=places)
    location, _ = DocContext(doc).place_for(trigger(doc, "killed"), "material")
    assert (location.admin1, location.name) == (region, name)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("A patrol killed two insurgents near Wonake Pass.", ["Wonake Pass"]),  # no region named
        # same country, no place of the named region to confirm it: the pick stands
        ("A patrol killed two insurgents near Wonake Pass after leaving for Kandahar province.",
         ["Wonake Pass", "Kandahar province"]),
    ],
)
def test_the_picked_place_stands_without_a_reason_to_doubt_it(make_doc, text, places):
    doc = make_doc(text, places=places)
    location, _ = DocContext(doc).place_for(trigger(doc, "killed"), "material")
    assert location.name == "Wonake Pass"


def test_a_place_abroad_stands_beside_a_region_named_for_another_event(make_doc):
    doc = make_doc("Officials met in Koti as fighting went on in Kapisa province.", places=["Koti", "Kapisa province"])
    location, _ = DocContext(doc).place_for(trigger(doc, "met"), "verbal")
    assert (location.country, location.name) == ("India", "Koti")


# -- counts.resolve_count -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # "killed two gunmen ... Officials said no civilians were harmed": the zero is another group
        ([("", 2), ("officials", 0)], 2),
        ([("officials", 0), ("", 2)], 2),
        ([("", 0)], 0),  # "no one was killed"
        ([("police", 5), ("a medic", 9), ("the army", 0)], 5),  # real conflicts keep the lowest
    ],
)
def test_a_zero_does_not_outweigh_a_stated_figure(claims, expected):
    from eventwire.coding.conventions.counts import CountClaim, resolve_count

    found = [CountClaim("fatalities", count, source, 0, 10) for source, count in claims]
    assert resolve_count(found, "fatalities") == expected


# -- multi-day activity: one event per day (counts.day_span, counts.split_multi_day) -------------
WED = __import__("datetime").date(2024, 3, 6)  # the conftest's publication day, a Wednesday


def _dated(text):
    from eventwire.nlp.dates import resolve_dates

    return list(resolve_dates(text, WED))


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Clashes between Monday and Wednesday killed seven fighters in Dorvan.", [4, 5, 6]),
        ("Rebels shelled Dorvan from Monday to Tuesday.", [4, 5]),
        ("Fighting over the past three days killed 12 people in Dorvan.", [4, 5, 6]),
        ("Four days of fighting left ten soldiers dead.", [3, 4, 5, 6]),
        ("Rebels attacked Dorvan on Monday and Wednesday.", None),  # two days named, no range
        ("Rebels attacked Dorvan on Monday.", None),
        ("The siege over 40 days starved the town.", None),  # longer than max_split_days
    ],
)
def test_day_span(text, days):
    from eventwire.coding.conventions.counts import day_span

    found = day_span(text, _dated(text), last=WED)
    assert (None if found is None else [day.day for day in found]) == days


def test_a_total_over_several_days_is_split_per_day(make_doc):
    from eventwire.coding.events import EventExtractor

    text = "Militants attacked soldiers in Gao between Monday and Wednesday, killing seven soldiers."
    doc = make_doc(text, actors=["militants", "soldiers"], places=["Mali", "Gao"],
                   casualties=[("seven soldiers", "killed", 7, "killing")])
    doc._.ew_dates = _dated(text)
    events = EventExtractor(doc.vocab)(doc)
    assert [(event.event_date.day, event.time_precision, event.fatalities) for event in events] == [
        (4, 1, 3), (5, 1, 2), (6, 1, 2),  # 7 over three days: the remainder to the earliest day
    ]
    assert len({event.event_id for event in events}) == 3


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Militants attacked soldiers in Gao on Monday.", 1),
        ("Militants attacked soldiers in Gao last week.", 2),
        ("Militants attacked soldiers in Gao earlier this week.", 2),
        ("Militants attacked soldiers in Gao earlier this month.", 3),
    ],
)
def test_events_carry_the_acled_time_precision_of_their_date(make_doc, text, precision):
    from eventwire.coding.events import EventExtractor

    doc = make_doc(text, actors=["militants", "soldiers"], places=["Mali", "Gao"])
    doc._.ew_dates = _dated(text)
    (event,) = EventExtractor(doc.vocab)(doc)
    assert event.time_precision == precision


# -- figures that add up, figures that restate (counts.attach_counts, counts.resolve_count) -----
MONDAY = __import__("datetime").date(2024, 3, 4)


def _claims(make_doc, text, casualties):
    """(trigger offset, count, additional) of every claim, in mention order."""
    from eventwire.coding.events import EventExtractor

    doc = make_doc(text, actors=["police", "Police"], places=["Kenya", "Mombasa"], casualties=casualties,
                   dates={"on Monday": MONDAY})
    mentions = EventExtractor(doc.vocab).mentions(doc)
    return [(mention.trigger.token.idx, claim.count, claim.additional) for mention in mentions for claim in mention.claims]


@pytest.mark.parametrize(
    ("text", "casualties", "additional"),
    [
        # a further group: "additional", "also", a second verb joined to the first
        ("Police detained a gang leader in Mombasa on Monday. Police detained two additional suspects during the raid.",
         [("a gang leader", "arrested", 1, "detained"), ("two additional suspects", "arrested", 2, "detained")], [False, True]),
        ("Police detained a gang leader in Mombasa on Monday. Police also detained two suspects during the raid.",
         [("a gang leader", "arrested", 1, "detained"), ("two suspects", "arrested", 2, "detained")], [False, True]),
        ("Police arrested a gang leader and detained two suspects in Mombasa on Monday.",
         [("a gang leader", "arrested", 1, "arrested"), ("two suspects", "arrested", 2, "detained")], [False, True]),
        # nothing of the kind before: "additional" to what the sentence told of another kind
        ("Police shot dead a gunman and detained two additional suspects in Mombasa on Monday.",
         [("two additional suspects", "arrested", 2, "detained")], [False]),
        # a summary and its detail: the people were named before
        ("Police detained a gang leader and two suspects in Mombasa on Monday. Two additional suspects were detained in the raid.",
         [("a gang leader and two suspects", "arrested", 3, "detained"), ("Two additional suspects", "arrested", 2, "detained")],
         [False, False]),
        ("Police detained a driver in Mombasa on Monday. Police detained a gang leader and more than 30 suspects in the raid.",
         [("a driver", "arrested", 1, "detained"), ("a gang leader and more than 30 suspects", "arrested", 31, "detained")],
         [False, False]),
    ],
)
def test_figures_add_up_only_for_further_people(make_doc, text, casualties, additional):
    assert [flag for _, _, flag in _claims(make_doc, text, casualties)] == additional


def test_a_definite_phrase_restates_the_capture_it_names(make_doc):
    text = ("Police captured a gang leader in Mombasa on Monday. Officers stormed the house in Mombasa. "
            "The leader was detained along with two of his guards.")
    casualties = [("a gang leader", "arrested", 1, "captured"),
                  ("The leader was detained along with two of his guards", "arrested", 3, "detained")]
    captured = text.index("captured")
    assert _claims(make_doc, text, casualties) == [(captured, 1, False), (captured, 3, False)]


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([(4, False), (2, True)], 6),  # "killed four ... two more people died later"
        ([(4, False), (6, False)], 6),  # the toll rose
        ([(2, True)], 2),
    ],
)
def test_additional_figures_are_summed(claims, expected):
    from eventwire.coding.conventions.counts import CountClaim, resolve_count

    found = [CountClaim("arrested", count, "", 0, 10, additional) for count, additional in claims]
    assert resolve_count(found, "arrested") == expected


def test_a_killing_keeps_its_count_when_the_act_it_stopped_was_only_intended(make_doc):
    from eventwire.coding.events import EventExtractor

    text = "Soldiers killed two militants in Gao as they tried to attack the base."
    doc = make_doc(text, actors=["soldiers", "militants"], places=["Mali", "Gao"],
                   casualties=[("two militants", "killed", 2, "killed")])
    events = EventExtractor(doc.vocab)(doc)
    assert sum(event.fatalities or 0 for event in events) == 2


def test_a_later_sentence_does_not_inherit_a_date_that_names_another_event(make_doc):
    """"... the man behind Monday's bombing. Two suspects were detained." : the detentions are
    dated by the sentence before the one naming the bombing (here today's raid), not Monday."""
    import datetime as dt

    text = ("Police raided a house in Mombasa today. The target was behind Monday's bombing. "
            "Two suspects were detained in the raid.")
    doc = make_doc(text, places=["Kenya", "Mombasa"])
    from eventwire.nlp.dates import resolve_dates

    doc._.ew_dates = list(resolve_dates(text, WED))
    ctx = DocContext(doc)
    assert ctx.date_for(2)[0] == WED
    assert ctx.date_for(1)[0] == dt.date(2024, 3, 4)  # its own date still dates its own sentence


@pytest.mark.parametrize(
    ("text", "casualties", "total"),
    [
        # a sum over several operations, then the operations one by one: the detail is kept
        ("Police detained numerous suspects during separate raids in Kenya over the past 24 hours. "
         "In Mombasa, police detained two suspects on Monday.",
         [("numerous suspects", "arrested", 3, "detained"), ("two suspects", "arrested", 2, "detained")], 2),
        # no detail follows: the sum is all the report states
        ("Police detained numerous suspects during separate raids in Mombasa over the past 24 hours.",
         [("numerous suspects", "arrested", 3, "detained")], 3),
    ],
)
def test_a_sum_over_several_operations_gives_way_to_their_detail(make_doc, text, casualties, total):
    from eventwire.coding.events import EventExtractor

    doc = make_doc(text, actors=["police"], places=["Kenya", "Mombasa"], casualties=casualties,
                   dates={"on Monday": MONDAY})
    assert sum(event.arrested or 0 for event in EventExtractor(doc.vocab)(doc)) == total
