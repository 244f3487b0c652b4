"""JSON lines and CSV records."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from eventwire.ingest import Columns, Problem, content_id
from eventwire.ingest.tabular import read_csv, read_jsonl
from eventwire.types import Article

TEXT_A = "Farmers blocked a highway near the border on Friday."
TEXT_B = "A court jailed two activists for a week."


def numbered(*lines):
    return [(number, line) for number, line in enumerate(lines, start=1)]


def jsonl(lines, **options):
    options.setdefault("columns", Columns())
    return list(read_jsonl(numbered(*lines), path="f.jsonl", max_bytes=options.pop("max_bytes", 10_000), **options))


def record(**fields):
    return json.dumps(fields) + "\n"


def test_jsonl_records_become_articles():
    items = jsonl([
        record(id="r1", url=" https://example.org/1 ", published="2021-07-07", title=" Road blocked ", text=TEXT_A),
        "\n",
        record(id=42, published="2021-07-08T09:30:00Z", text=TEXT_B),
    ])
    assert items == [
        Article(id=content_id(TEXT_A), text=TEXT_A, published=dt.date(2021, 7, 7), title="Road blocked",
                url="https://example.org/1", origin="f.jsonl:1", external_id="r1"),
        Article(id=content_id(TEXT_B), text=TEXT_B, published=dt.date(2021, 7, 8), origin="f.jsonl:3",
                external_id="42"),
    ]


@pytest.mark.parametrize(
    "bad_line,code",
    [
        ('{"text": "unterminated\n', "E009: f.jsonl:2"),
        ("[1, 2]\n", "E018: f.jsonl:2"),
        (record(published="2021-07-07"), "E010: f.jsonl:2"),
        (record(published="2021-07-07", text="   "), "E010: f.jsonl:2"),
        (record(published="2021-07-07", text=["a list"]), "E010: f.jsonl:2"),
        (record(published="07/07/2021", text=TEXT_B), "E011: f.jsonl:2"),
        (record(published=20210707, text=TEXT_B), "E011: f.jsonl:2"),
        (record(text=TEXT_B), "E007: f.jsonl:2"),
        (record(published="", text=TEXT_B), "E007: f.jsonl:2"),
    ],
)
def test_bad_jsonl_line_is_reported_and_the_rest_kept(bad_line, code):
    items = jsonl([record(published="2021-07-07", text=TEXT_A), bad_line, record(published="2021-07-09", text=TEXT_B)])
    assert [type(item) for item in items] == [Article, Problem, Article]
    assert items[1].path == "f.jsonl"
    assert items[1].reason.startswith(code)
    assert [items[0].origin, items[2].origin] == ["f.jsonl:1", "f.jsonl:3"]


def test_default_date_fills_missing_dates_only():
    items = jsonl([record(text=TEXT_A), record(published="2021-07-09", text=TEXT_B)],
                  default_date=dt.date(2020, 1, 1))
    assert [item.published for item in items] == [dt.date(2020, 1, 1), dt.date(2021, 7, 9)]


def test_custom_columns():
    columns = Columns(id="key", url="link", published="date", title="headline", text="body")
    items = jsonl([record(key="k", link="u", date="2019-04-05", headline="h", body=TEXT_A, text="ignored")],
                  columns=columns)
    assert (items[0].external_id, items[0].url, items[0].published, items[0].title, items[0].text) == (
        "k", "u", dt.date(2019, 4, 5), "h", TEXT_A)


def test_pretty_printed_object_and_array():
    pretty = json.dumps({"published": "2021-07-07", "text": TEXT_A}, indent=2)
    items = jsonl(pretty.splitlines(keepends=True))
    assert [item.text for item in items] == [TEXT_A]
    array = json.dumps([{"published": "2021-07-07", "text": TEXT_A}, {"text": TEXT_B}], indent=1)
    items = jsonl(array.splitlines(keepends=True))
    assert isinstance(items[0], Article) and items[0].origin == "f.jsonl[0]"
    assert isinstance(items[1], Problem) and items[1].reason.startswith("E007: f.jsonl[1]")


def test_json_document_over_the_limit_is_one_problem():
    array = json.dumps([{"published": "2021-07-07", "text": TEXT_A}] * 50, indent=1)
    items = jsonl(array.splitlines(keepends=True), max_bytes=500)
    assert len(items) == 1 and items[0].reason.startswith("E015: f.jsonl")


def test_jsonl_streams_one_record_at_a_time():
    consumed = []

    def lines():
        for number in range(1, 1_000_000):
            consumed.append(number)
            yield number, record(published="2021-07-07", text=f"Report number {number}.")

    items = read_jsonl(lines(), path="big.jsonl", columns=Columns(), max_bytes=1000)
    first = next(items)
    assert first.text == "Report number 1."
    assert len(consumed) <= 2


def csv_items(text, **options):
    options.setdefault("columns", Columns())
    lines = numbered(*text.splitlines(keepends=True))
    return list(read_csv(lines, path="f.csv", **options))


def test_csv_records_with_quoted_multiline_text():
    text = (
        "id,url,published,title,text\n"
        f"c1,https://example.org/c1,2021-07-07,Road blocked,\"{TEXT_A}\nSecond line, with a comma.\"\n"
        f"c2,,2021-07-08T10:00:00,,{TEXT_B}\n"
    )
    items = csv_items(text)
    assert [(item.external_id, item.origin, item.published) for item in items] == [
        ("c1", "f.csv:2", dt.date(2021, 7, 7)),
        ("c2", "f.csv:4", dt.date(2021, 7, 8)),
    ]
    assert items[0].text == TEXT_A + "\nSecond line, with a comma."
    assert items[0].title == "Road blocked"


def test_csv_bad_rows_are_reported():
    text = (
        "published,text\n"
        f"2021-07-07,{TEXT_A}\n"
        "not a date,Some text.\n"
        "2021-07-08,\n"
        "2021-07-09\n"
        "2021-07-09,Rebels, it was said, attacked.\n"
        f"2021-07-10,{TEXT_B}\n"
    )
    items = csv_items(text)
    assert [type(item).__name__ for item in items] == ["Article", "Problem", "Problem", "Problem", "Problem", "Article"]
    assert [item.reason[:11] for item in items[1:5]] == ["E011: f.csv", "E010: f.csv", "E010: f.csv", "E017: f.csv"]
    assert "f.csv:3" in items[1].reason and "f.csv:6" in items[4].reason


@pytest.mark.parametrize(
    "header,default_date,missing",
    [("published,body\n", None, "text"), ("title,text\n", None, "published")],
)
def test_csv_missing_column_is_one_problem(header, default_date, missing):
    items = csv_items(header + "2021-07-07,Some text.\n", default_date=default_date)
    assert len(items) == 1
    assert items[0].reason.startswith("E012: f.csv") and repr(missing) in items[0].reason


def test_csv_without_date_column_uses_default_date():
    items = csv_items("title,text\nA title,Some text here.\n", default_date=dt.date(2020, 2, 2))
    assert items[0].published == dt.date(2020, 2, 2) and items[0].title == "A title"


def test_tsv_delimiter():
    items = csv_items(f"published\ttext\n2021-07-07\t{TEXT_A}\n", delimiter="\t")
    assert items[0].text == TEXT_A
