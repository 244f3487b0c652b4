"""read_articles over files, directories, .gz and standard input; bad inputs."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import time

import pytest

from eventwire.ingest import DEFAULT_MAX_BYTES, Columns, Problem, read_articles
from eventwire.ingest import files as files_module
from eventwire.types import Article

SEED = " date 2023-03-14 Gunmen attack army post\n\nGunmen attacked an army post on Monday, killing three soldiers.\n"
PLAIN = "Dozens of students marched to the ministry on Tuesday to demand lower fees.\n"
BODY = "Soldiers and rebels exchanged fire near the river crossing, residents said."


def jsonl_line(**fields):
    return json.dumps(fields) + "\n"


def split(items):
    articles = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(articles) + len(problems) == len(items)
    return articles, problems


@pytest.fixture()
def tree(tmp_path):
    """A small corpus: nested folders, every format, a hidden file."""
    root = tmp_path / "corpus"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / "a_seed.txt").write_text(SEED, encoding="utf-8")
    (root / "b_sub" / "feed.jsonl").write_text(
        jsonl_line(id="j1", published="2022-01-01", text=BODY)
        + jsonl_line(id="j2", published="2022-01-02", text=PLAIN),
        encoding="utf-8")
    (root / "b_sub" / "deeper" / "z.csv").write_text(f'id,published,text\nc1,2022-02-02,"{BODY} Again."\n',
                                                     encoding="utf-8")
    with gzip.open(root / "c_packed.txt.gz", "wt", encoding="utf-8") as file:
        file.write(SEED.replace("three", "four"))
    with gzip.open(root / "d_feed.jsonl.gz", "wt", encoding="utf-8") as file:
        file.write(jsonl_line(id="g1", published="2022-03-03", text=BODY + " Packed."))
    (root / ".hidden.txt").write_text(SEED + "hidden", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text(SEED + "in .git", encoding="utf-8")
    return root


def test_directory_recursion_is_sorted_and_skips_hidden(tree):
    articles, problems = split(list(read_articles([str(tree)])))
    assert problems == []
    origins = [os.path.relpath(article.origin, tree) for article in articles]
    assert origins == [
        "a_seed.txt",
        "b_sub/deeper/z.csv:2",
        "b_sub/feed.jsonl:1",
        "b_sub/feed.jsonl:2",
        "c_packed.txt.gz",
        "d_feed.jsonl.gz:1",
    ]
    assert articles[4].text == SEED.replace("three", "four")
    assert articles[4].published == dt.date(2023, 3, 14)
    assert [article.external_id for article in articles] == ["", "c1", "j1", "j2", "", "g1"]


def test_same_order_twice_and_paths_in_given_order(tree):
    first = list(read_articles([str(tree / "c_packed.txt.gz"), str(tree / "a_seed.txt")]))
    second = list(read_articles([str(tree / "c_packed.txt.gz"), str(tree / "a_seed.txt")]))
    assert first == second
    assert [os.path.basename(article.origin) for article in first] == ["c_packed.txt.gz", "a_seed.txt"]


def test_same_article_from_txt_and_jsonl_has_the_same_id(tmp_path):
    (tmp_path / "one.txt").write_text(PLAIN.replace(" ", "  "), encoding="utf-8")
    (tmp_path / "two.jsonl").write_text(jsonl_line(id="x", published="2022-05-05", text=PLAIN.strip()),
                                        encoding="utf-8")
    paths = [str(tmp_path / "one.txt"), str(tmp_path / "two.jsonl")]
    from_txt, from_jsonl = read_articles(paths, default_date=dt.date(2022, 5, 5))
    assert from_txt.text != from_jsonl.text
    assert from_txt.id == from_jsonl.id
    reread = list(read_articles(paths, default_date=dt.date(2022, 5, 5)))
    assert [article.id for article in reread] == [from_txt.id, from_jsonl.id]


def test_bad_files_give_one_problem_each_and_good_files_are_kept(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(SEED, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blank.txt").write_text("  \n\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "baddate.txt").write_text(" date 2023-02-30 No such day\n\nBody.\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes(" date 2023-01-02 Caf\xe9\n\nCaf\xe9 bombed.\n".encode("latin-1"))
    (folder / "undated.txt").write_text(PLAIN, encoding="utf-8")
    (folder / "big.txt").write_text(SEED + "x" * 500, encoding="utf-8")
    packed = gzip.compress(SEED.encode() * 20)
    (folder / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    (folder / "notgzip.txt.gz").write_bytes(SEED.encode())
    (folder / "image.png").write_bytes(b"\x89PNG")
    (folder / "good2.jsonl").write_text(jsonl_line(published="2021-01-01", text=BODY), encoding="utf-8")
    items = list(read_articles([str(folder)], max_bytes=400))
    articles, problems = split(items)
    assert sorted(os.path.basename(article.origin) for article in articles) == ["good.txt", "good2.jsonl:1"]
    codes = {os.path.basename(problem.path): problem.reason[:4] for problem in problems}
    assert len(codes) == len(problems)  # exactly one problem per bad file
    assert codes == {
        "empty.txt": "E002", "blank.txt": "E002", "binary.txt": "E003", "baddate.txt": "E006",
        "latin1.txt": "E004", "undated.txt": "E007", "big.txt": "E005", "cut.txt.gz": "E008",
        "notgzip.txt.gz": "E008", "image.png": "E014",
    }
    for problem in problems:
        assert problem.path in problem.reason


def test_missing_path_is_a_problem(tmp_path):
    missing = str(tmp_path / "nope.txt")
    (problem,) = read_articles([missing])
    assert problem.path == missing and problem.reason.startswith(f"E001: cannot read {missing}")


def test_gz_stops_decompressing_past_the_limit(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress((SEED + "z" * 100_000).encode()))  # small on disk, big inside
    assert path.stat().st_size < 1000
    (problem,) = read_articles([str(path)], max_bytes=1000)
    assert problem.reason.startswith(f"E015: {path}")


def test_truncated_jsonl_gz_keeps_the_records_before_the_cut(tmp_path):
    lines = "".join(jsonl_line(published="2022-01-01", text=f"{BODY} Number {number}.") for number in range(400))
    packed = gzip.compress(lines.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: int(len(packed) * 0.8)])
    articles, problems = split(list(read_articles([str(path)])))
    assert 0 < len(articles) < 400
    assert [problem.reason[:4] for problem in problems] == ["E008"]


def test_oversize_record_in_jsonl_is_skipped_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        jsonl_line(published="2022-01-01", text=BODY)
        + jsonl_line(published="2022-01-01", text="y" * 5000)
        + jsonl_line(published="2022-01-02", text=PLAIN),
        encoding="utf-8")
    articles, problems = split(list(read_articles([str(path)], max_bytes=1000)))
    assert [article.origin for article in articles] == [f"{path}:1", f"{path}:3"]
    assert [problem.reason[:4] for problem in problems] == ["E016"] and f"{path}:2" in problems[0].reason


def test_invalid_utf8_line_in_jsonl(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl_line(published="2022-01-01", text=BODY).encode()
                     + b'{"published": "2022-01-01", "text": "caf\xe9"}\n'
                     + jsonl_line(published="2022-01-02", text=PLAIN).encode())
    articles, problems = split(list(read_articles([str(path)])))
    assert len(articles) == 2
    assert problems[0].reason.startswith(f"E004: {path}:2")


def test_custom_columns_through_read_articles(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(f'key,date,body\nk1,2021-09-09,"{BODY}"\n', encoding="utf-8")
    (article,) = read_articles([str(path)], columns=Columns(id="key", published="date", text="body"))
    assert (article.external_id, article.published, article.text) == ("k1", dt.date(2021, 9, 9), BODY)


def test_html_file(tmp_path):
    path = tmp_path / "page.htm"
    paragraph = "Residents said the militia burned several houses in the village before withdrawing at dawn."
    path.write_text(f"<html><head><meta name='date' content='2020-10-10'></head><body><article>"
                    f"<p>{paragraph}</p><p>{paragraph}</p><p>{paragraph}</p></article></body></html>",
                    encoding="utf-8")
    (article,) = read_articles([str(path)])
    assert article.published == dt.date(2020, 10, 10) and paragraph in article.text


@pytest.mark.parametrize(
    "data,kind",
    [
        (SEED.encode(), "seed"),
        (("\n  " + jsonl_line(published="2022-01-01", text=BODY)
          + jsonl_line(published="2022-01-02", text=PLAIN)).encode(), "jsonl"),
        (b"<html><head><meta name='date' content='2020-10-10'></head><body><article><p>" + BODY.encode() * 3
         + b"</p></article></body></html>", "html"),
    ],
)
@pytest.mark.parametrize("text_mode", [False, True])
def test_stdin_is_sniffed(data, kind, text_mode):
    stream = io.StringIO(data.decode()) if text_mode else io.BytesIO(data)
    articles, problems = split(list(read_articles(["-"], stdin=stream)))
    assert problems == []
    if kind == "seed":
        assert [(a.text, a.published, a.origin) for a in articles] == [(SEED, dt.date(2023, 3, 14), "<stdin>")]
    elif kind == "jsonl":
        assert [a.origin for a in articles] == ["<stdin>:2", "<stdin>:3"]
    else:
        assert BODY in articles[0].text and articles[0].published == dt.date(2020, 10, 10)


def test_stdin_wrapper_with_buffer_and_plain_text_with_date():
    stream = io.TextIOWrapper(io.BytesIO(PLAIN.encode()), encoding="utf-8")
    (article,) = read_articles(["-"], stdin=stream, default_date=dt.date(2024, 5, 21))
    assert article.text == PLAIN and article.published == dt.date(2024, 5, 21)


@pytest.mark.parametrize("data,code", [(b"", "E002"), (b"  \n\n", "E002"), (b"\x00\x01 binary", "E003")])
def test_bad_stdin(data, code):
    (problem,) = read_articles(["-"], stdin=io.BytesIO(data), default_date=dt.date(2024, 5, 21))
    assert problem.path == "<stdin>" and problem.reason.startswith(f"{code}: <stdin>")


def test_large_file_is_rejected_by_size_without_being_read(tmp_path, monkeypatch):
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    path = tmp_path / "huge.txt"
    chunk = (SEED * 1000).encode()
    with open(path, "wb") as file:  # 50 MB of real bytes
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            file.write(chunk)
    assert path.stat().st_size > 50 * 1024 * 1024

    def never_open(opened):
        raise AssertionError(f"{opened} was opened")

    monkeypatch.setattr(files_module, "_open_binary", never_open)
    started = time.perf_counter()
    (problem,) = read_articles([str(path)])
    assert time.perf_counter() - started < 1.0
    assert problem.reason.startswith(f"E005: {path}: {path.stat().st_size} bytes")
