"""The CLI end to end on files the tests write: ingest, events, show, bad input, re-ingest."""
from __future__ import annotations

import gzip
import json
import os

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.export import ACLED_COLUMNS

pytestmark = pytest.mark.slow

GOOD_REPORT = """ date 2023-03-14 Gunmen attack army post near Kidal

Gunmen attacked an army post outside Kidal in northern Mali on Monday, killing three soldiers and wounding five others, the Malian army said.
"""
OTHER_REPORT = """ date 2023-05-02 Protesters march in Nairobi over fuel prices

Hundreds of protesters marched through Nairobi on Tuesday against a rise in fuel prices. Police fired tear gas to disperse the crowd.
"""


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "kidal.txt").write_text(GOOD_REPORT, encoding="utf-8")
    with gzip.open(folder / "sub" / "nairobi.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(OTHER_REPORT)
    return folder


def test_ingest_then_list_and_reingest_adds_nothing(runner, corpus, tmp_path):
    db = str(tmp_path / "ev.duckdb")
    first = runner.invoke(main, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    assert "read 2 articles (2 new" in first.output
    listed = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"])
    rows = [json.loads(line) for line in listed.output.splitlines() if line.strip()]
    assert rows, listed.output
    assert {"event_id", "injured", "plover_category", "plover_mode", "sources", "evidence"} <= set(rows[0])
    second = runner.invoke(main, ["ingest", str(corpus), "--db", db])
    assert second.exit_code == 0
    assert "0 new, 2 already stored" in second.output
    again = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"])
    assert again.output == listed.output


def test_events_csv_uses_acled_columns_and_filters(runner, corpus, tmp_path):
    db = str(tmp_path / "ev.duckdb")
    runner.invoke(main, ["ingest", str(corpus), "--db", db])
    out = runner.invoke(main, ["events", "--db", db, "--format", "csv"])
    assert out.exit_code == 0, out.output
    header = out.output.splitlines()[0].split(",")
    assert header == ACLED_COLUMNS
    kenya = runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--country", "Kenya"])
    countries = {json.loads(line)["country"] for line in kenya.output.splitlines() if line.strip()}
    assert countries == {"Kenya"}
    none = runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--since", "2030-01-01"])
    assert none.output.strip() == ""


def test_show_prints_evidence_and_source(runner, corpus, tmp_path):
    db = str(tmp_path / "ev.duckdb")
    runner.invoke(main, ["ingest", str(corpus), "--db", db])
    rows = runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--country", "Mali"]).output.splitlines()
    event = json.loads(rows[0])
    shown = runner.invoke(main, ["show", event["event_id"][:8], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "Gunmen attack army post near Kidal" in shown.output  # the source article's title
    assert ">>" in shown.output and "Kidal" in shown.output  # highlighted evidence sentence
    missing = runner.invoke(main, ["show", "nosuchevent", "--db", db])
    assert missing.exit_code != 0 and "no event" in missing.output


def test_bad_inputs_are_reported_one_line_each_and_good_files_kept(runner, corpus, tmp_path):
    bad = corpus / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\x00" * 50)
    (bad / "baddate.txt").write_text(" date 2023-13-45 Nonsense date\n\nBody text here.\n", encoding="utf-8")
    (bad / "latin1.txt").write_bytes(" date 2023-01-02 Caf\xe9 attack\n\nA report in Latin-1 \xe9.\n".encode("latin-1"))
    huge = bad / "huge.txt"
    with open(huge, "wb") as fh:  # a sparse 50 MB file: over the limit without writing 50 MB
        fh.truncate(50 * 1024 * 1024)
    truncated = gzip.compress(OTHER_REPORT.replace("Nairobi", "Mombasa").encode())
    (bad / "cut.txt.gz").write_bytes(truncated[: len(truncated) // 2])
    db = str(tmp_path / "ev.duckdb")
    result = runner.invoke(main, ["ingest", str(corpus), "--db", db, "--max-bytes", str(20 * 1024 * 1024)])
    assert result.exit_code == 1, result.output
    skipped = [line for line in result.output.splitlines() if line.strip().startswith("skipped ") and "/bad/" in line]
    names = sorted(os.path.basename(line.split(":")[0].split()[-1]) for line in skipped)
    # each problem file once in the summary (stderr lines are mixed into output by CliRunner too)
    assert set(names) == {"empty.txt", "binary.txt", "baddate.txt", "latin1.txt", "huge.txt", "cut.txt.gz"}
    assert "read 2 articles" in result.output
    assert "skipped 6 inputs" in result.output


def test_missing_db_option_uses_env(runner, corpus, tmp_path, monkeypatch):
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("EVENTWIRE_DB", str(db))
    result = runner.invoke(main, ["ingest", str(corpus / "kidal.txt")])
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_bad_date_option_is_a_clear_error(runner):
    result = runner.invoke(main, ["events", "--since", "yesterday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


# ---- user places: eventwire gazetteer add / clear ----------------------------------------
PLACES_CSV = """name,latitude,longitude,country_code,admin1,feature_code,alternatenames
Sarband Kolalan,35.05,63.4,AF,Badghis,PPL,Sarband-e Kolalan
Lower Mirak,35.1,200.0,AF,Badghis,PPL,
Tangi Pasab,34.9,63.7,AF,Badghis,PPL,
"""


@pytest.fixture()
def user_file(tmp_path, monkeypatch):
    """Where `gazetteer add` stores places in these tests (the gazetteer cache is not touched)."""
    path = tmp_path / "cache" / "user-gazetteer.jsonl"
    monkeypatch.setenv("EVENTWIRE_USER_GAZETTEER", str(path))
    return path


def test_gazetteer_add_reports_bad_rows_keeps_good_ones_and_clear_removes_them(runner, tmp_path, user_file):
    source = tmp_path / "places.csv"
    source.write_text(PLACES_CSV, encoding="utf-8")
    first = runner.invoke(main, ["gazetteer", "add", str(source)])
    assert first.exit_code == 0, first.output
    assert f"added 2 places to {user_file} (0 already there, 1 bad rows skipped)" in first.stdout
    assert f"E104: {source}:3: " in first.stderr and "longitude '200.0'" in first.stderr
    assert [json.loads(line)["name"] for line in user_file.read_text(encoding="utf-8").splitlines()] == [
        "Sarband Kolalan", "Tangi Pasab"
    ]
    again = runner.invoke(main, ["gazetteer", "add", str(source)])
    assert again.exit_code == 0, again.output  # every good row is already stored
    assert "added 0 places" in again.stdout and "(2 already there" in again.stdout
    assert len(user_file.read_text(encoding="utf-8").splitlines()) == 2
    cleared = runner.invoke(main, ["gazetteer", "clear"])
    assert cleared.exit_code == 0 and f"removed 2 user places ({user_file})" in cleared.stdout
    assert not user_file.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "E103"),
        ("places.txt", PLACES_CSV, "E105"),
        ("bad.csv", "name,latitude,longitude,country_code\nNowhere,95,10,AF\n", "has no usable row"),
    ],
)
def test_gazetteer_add_fails_clearly(runner, tmp_path, user_file, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_text(content, encoding="utf-8")
    result = runner.invoke(main, ["gazetteer", "add", str(source)])
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output and not user_file.exists()


COPY_OF_GOOD = GOOD_REPORT.replace("the Malian army said", "the Malian army said in a statement")
CLAIM_REPORT = """ date 2023-03-14 Group says it attacked army post near Kidal

Gunmen attacked an army post outside Kidal in northern Mali on Monday, killing three soldiers, the army said. An armed group claimed responsibility for the attack in a statement on Tuesday.
"""


def test_stories_quotes_and_show_of_a_merged_event(runner, corpus, tmp_path):
    (corpus / "kidal-copy.txt").write_text(COPY_OF_GOOD, encoding="utf-8")
    (corpus / "kidal-claim.txt").write_text(CLAIM_REPORT, encoding="utf-8")
    db = str(tmp_path / "ev.duckdb")
    ingested = runner.invoke(main, ["ingest", str(corpus), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    assert "merged with reports of the same event from other articles" in ingested.output
    stories = runner.invoke(main, ["stories", "--db", db])
    assert stories.exit_code == 0, stories.output
    assert "original" in stories.output and "copy" in stories.output and "1 stories of 2 or more" in stories.output
    rows = [json.loads(line) for line in runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--country", "Mali"]).output.splitlines()]
    assert len(rows) == 1 and len(rows[0]["sources"]) == 3  # one attack, three articles
    assert {item["field"] for item in rows[0]["provenance"]} >= {"event_type", "event_date", "location", "fatalities"}
    shown = runner.invoke(main, ["show", rows[0]["event_id"], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "merged because" in shown.output and shown.output.count("\nsource ") == 3
    claims = runner.invoke(main, ["quotes", "--kind", "claim", "--db", db])
    assert claims.exit_code == 0, claims.output
    assert "[claim]" in claims.output and rows[0]["event_id"] in claims.output
    about = runner.invoke(main, ["quotes", "--event", rows[0]["event_id"][:10], "--db", db])
    assert about.exit_code == 0 and "[claim]" in about.output
