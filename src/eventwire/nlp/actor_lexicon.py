"""The actor lexicons ``ActorRecognizer`` matches, read once per process.

Four files in ``eventwire/coding/data``:

- ``actors_named.jsonl``: hand-curated named groups, missions and state bodies;
- ``actors_state.jsonl``: state actors by role noun ("army", "police", "the government");
- ``actors_generic.jsonl``: unnamed groups and people by role noun ("gunmen", "protesters");
- ``actors_petrarch.jsonl``: derived by ``tools/build_actors.py`` from the PETRARCH2/Phoenix
  dictionaries (MIT licence, see ``NOTICE_petrarch2.txt``): about 900 named armed groups,
  IGOs and state bodies, and more role nouns. Its entries rank below every curated one: a
  curated match wins wherever the two overlap, unless the derived one contains it (a longer,
  more specific name: "Egyptian Islamic Jihad" over "Islamic Jihad"); and a derived name
  matches only where the text capitalises it ("Red Brigades", never "red brigades").
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field

from spacy.tokens import Span

from eventwire.errors import Errors, ModelError
from eventwire.nlp.data import CODING_DATA_DIR, read_jsonl

__all__ = ["Entry", "load_entries", "capitalised"]

NAMED_PATH = CODING_DATA_DIR / "actors_named.jsonl"
STATE_PATH = CODING_DATA_DIR / "actors_state.jsonl"
GENERIC_PATH = CODING_DATA_DIR / "actors_generic.jsonl"
PETRARCH_PATH = CODING_DATA_DIR / "actors_petrarch.jsonl"
NAMED_KEYS = ("name", "inter", "country", "aliases")
ROLE_KEYS = ("role", "template", "inter", "kind", "phrases")
# words a capitalised name may write in lower case ("Army of the Pure", "Ansar al-Islam")
NAME_PARTICLES = frozenset("of the and for in on at to a an by de del la el al an ash wa wal fi bin ibn e i ul".split())


@dataclass(frozen=True)
class Entry:
    group: str  # "named", "state", "generic"
    name: str
    inter: int
    kind: str
    country: str = ""  # ISO alpha-2 of a named actor
    template: str = ""  # "Military Forces of {country}"
    bare: str = ""  # the name without a country ("Unidentified Armed Group")
    explicit_country: bool = False
    name_by_country: dict = field(default_factory=dict)
    periods: tuple = ()  # ((from_date, name, inter), ...)
    phrases: tuple = ()  # matched case-insensitively
    acronyms: tuple = ()  # matched case-sensitively
    derived: bool = False  # from actors_petrarch.jsonl: ranks below the curated entries


@functools.lru_cache(maxsize=1)
def load_entries() -> tuple[Entry, ...]:
    """Every entry of the four lexicons: curated named, state and generic ones first."""
    named = [_named_entry(record) for record in read_jsonl(NAMED_PATH, required=NAMED_KEYS)]
    roles = {}
    for group, path in (("state", STATE_PATH), ("generic", GENERIC_PATH)):
        for record in read_jsonl(path, required=ROLE_KEYS):
            roles[record["role"]] = _role_entry(group, record)
    entries = [*named, *roles.values()]
    by_name = {entry.name: entry for entry in named}
    for number, record in enumerate(read_jsonl(PETRARCH_PATH), start=1):
        if "role" in record:
            _require(record, ROLE_KEYS, number)
            curated = roles.get(record["role"])
            group = curated.group if curated else "generic"
            entries.append(dataclasses.replace(_role_entry(group, record), derived=True))
            continue
        _require(record, NAMED_KEYS, number)
        same = by_name.get(record.get("same_as", ""))
        entry = same or _named_entry(record)
        entries.append(dataclasses.replace(entry, phrases=tuple(record["aliases"]),
                                           acronyms=tuple(record.get("acronyms", ())), derived=True))
    return tuple(entries)


def capitalised(span: Span) -> bool:
    """Whether the text writes ``span`` as a name: each word capitalised but for particles
    ("Army of the Pure"); "red brigades" or "popular resistance" are common words."""
    return all(token.text[:1].isupper() or token.lower_ in NAME_PARTICLES for token in span if token.is_alpha)


def _named_entry(record: dict) -> Entry:
    periods = tuple(
        (dt.date.fromisoformat(item["from"]), item.get("name", record["name"]), item.get("inter", record["inter"]))
        for item in record.get("periods", ())
    )
    return Entry(
        group="named", name=record["name"], inter=record["inter"], kind="named", country=record["country"],
        template=record.get("template", ""), name_by_country=record.get("name_by_country", {}), periods=periods,
        phrases=tuple(record["aliases"]), acronyms=tuple(record.get("acronyms", ())),
    )


def _role_entry(group: str, record: dict) -> Entry:
    return Entry(
        group=group, name=record["template"], inter=record["inter"], kind=record["kind"],
        template=record["template"], bare=record.get("bare", ""),
        explicit_country=record.get("explicit_country", False), phrases=tuple(record["phrases"]),
    )


def _require(record: dict, keys: tuple[str, ...], number: int) -> None:
    missing = [key for key in keys if key not in record]
    if missing:
        reason = f"missing {', '.join(missing)}"
        raise ModelError(Errors.E211.format(path=PETRARCH_PATH, line=f"record {number}", reason=reason, keys=keys))
