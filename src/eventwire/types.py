"""Plain records shared by every stage of the pipeline.

Everything here is a dataclass of plain values so that it pickles (Dask workers,
``DocBin`` user data) and serialises to JSON with :func:`dataclasses.asdict`.

Offsets (``start``/``end``) are always Python ``str`` indices into ``Article.text``
(which is also ``doc.text``: the pipeline never rewrites the text it is given).
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Place",
    "PlaceMention",
    "DateMention",
    "CasualtyMention",
    "ActorMention",
    "Evidence",
    "FieldSource",
    "VerificationCue",
    "Event",
    "Quote",
]


@dataclass(frozen=True)
class Article:
    """One dated news report, as read by ``eventwire.ingest``."""

    id: str  # stable content id (see eventwire.ingest.content_id)
    text: str  # the text every offset indexes
    published: dt.date | None
    title: str = ""
    url: str = ""
    origin: str = ""  # where it was read from: "path", "path:line", "<stdin>"
    external_id: str = ""  # the id the source gave it, if any


@dataclass(frozen=True)
class Place:
    """A resolved gazetteer entry (GeoNames based)."""

    geonameid: int | None
    name: str
    country_iso2: str
    country_iso3: str
    country: str  # country name, e.g. "Afghanistan"
    admin1: str  # first-level region name, "" when unknown
    admin2: str  # second-level region name, "" when unknown
    latitude: float
    longitude: float
    feature_code: str  # GeoNames feature code: PPL, PPLC, PPLA, ADM1, PCLI, ...
    population: int = 0

    @functools.cached_property  # frozen: cached_property writes the instance __dict__ directly
    def level(self) -> str:
        """"country", "admin1" or "place"."""
        if self.feature_code.startswith("PCL"):
            return "country"
        if self.feature_code in ("ADM1", "RGN"):
            return "admin1"
        return "place"


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place | None  # None: recognised but not resolved
    score: float = 0.0
    source: str = ""  # "ner", "gazetteer", "ner+gazetteer", "demonym"
    is_demonym: bool = False  # "Afghan", "Kenyan": an adjective, not a place name


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date  # resolved calendar date (first day of the span for week/month)
    precision: int  # ACLED time precision: 1 day, 2 week/few days, 3 month or vaguer
    relative: bool = True  # resolved against the publication date


@dataclass
class CasualtyMention:
    start: int
    end: int
    text: str
    kind: str  # "killed" | "injured" | "arrested" | "abducted"
    count: int  # ACLED convention: lowest figure of a range, 0 for "no one was killed"
    trigger_start: int = -1  # char offset of the verb/noun that states the count
    sent_start: int = -1  # char offset of the sentence holding it


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    name: str  # canonical, ACLED-like: "Taliban", "Military Forces of Afghanistan"
    inter: int  # ACLED actor type code: 1 state, 2 rebel, 3 political militia,
    #             4 identity militia, 5 rioters, 6 protesters, 7 civilians, 8 external/other
    country_iso2: str = ""  # the country the actor belongs to, when known
    kind: str = ""  # "named", "generic", "government", "person"


@dataclass
class Evidence:
    article_id: str
    start: int  # sentence span in the article text
    end: int
    text: str
    role: str = "trigger"  # "trigger", "casualties", "date", "place", "actor"


@dataclass
class FieldSource:
    """Where one field of an event was read: the article and the character span that states it."""

    field: str  # "event_type", "event_date", "location", "actor1", "actor2", "fatalities", "injured", "arrested"
    article_id: str
    start: int  # str offsets into the article text; -1/-1 when not read from the text
    end: int  # (the publication date standing in for an unstated day, say)
    text: str
    unverified: bool = False  # a verification cue covers the span ("could not be independently verified")


@dataclass
class VerificationCue:
    """A phrase that says what the text reports is unverified, and the span it covers."""

    start: int  # the cue itself: "could not be independently verified", "purported to show"
    end: int
    text: str
    kind: str  # "unverified", "unconfirmed", "purported", "disputed"
    covers_start: int  # the text whose statements it marks unverified (its sentence, or the one before)
    covers_end: int


@dataclass
class Quote:
    """Who said what: a direct quote, an indirect attribution or a claim of responsibility."""

    article_id: str
    speaker: str
    quote: str  # the words quoted; for indirect ones and claims, the attributed statement
    start: int  # span of ``quote`` in the article text
    end: int
    verb: str = ""  # the reporting verb ("said", "according to", "claimed")
    kind: str = "direct"  # "direct", "indirect" (according to X, X said that ...) or "claim" (of responsibility)
    role: str = ""  # the speaker's stated role: "governor", "foreign minister"; "" when none
    affiliation: str = ""  # whom the speaker speaks for: "Badghis province", "Iran", "the Taliban"
    via: str = ""  # the outlet chain it reached the article through: "Iran's state-run media"
    unverified: bool = False  # a verification cue covers it
    speaker_start: int = -1  # span of the speaker's mention (-1 when resolved from an earlier one)
    speaker_end: int = -1
    event_ids: list[str] = field(default_factory=list)  # the stored events it is about (set by the store)


@dataclass
class Event:
    """One coded event, with the ACLED column names where ACLED has one."""

    article_id: str
    event_date: dt.date | None
    time_precision: int
    event_type: str | None  # one of the 6 ACLED types, None for purely verbal events
    sub_event_type: str | None
    plover_category: str | None = None
    plover_mode: str | None = None
    disorder_type: str | None = None
    actor1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    inter2: int | None = None
    civilian_targeting: str | None = None  # "Civilian targeting" or None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    trigger: str = ""
    notes: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # article ids
    provenance: list[FieldSource] = field(default_factory=list)  # the span each field was read from
    # Set when reports of several articles are merged into one event (eventwire.dedup.events):
    confidence: float | None = None  # 0-1, rises with independent sources (copies of one story count once)
    independent_sources: int | None = None  # stories among the sources
    conflicts: list[str] = field(default_factory=list)  # "fatalities: 28 (a1...) vs 30 (a2...); kept 30, most recent"
    merge_reasons: list[str] = field(default_factory=list)  # why its reports were merged
    event_id: str = ""  # filled by eventwire.coding.assign_event_ids
    created_at: dt.datetime | None = None  # UTC time the store first wrote it (eventwire.store)

    @property
    def interaction(self) -> int | None:
        """ACLED interaction code: the two inter codes, lower first (10 x a + b)."""
        codes = sorted(code for code in (self.inter1, self.inter2) if code)
        if not codes:  # no actor with an ACLED type (none, or only named persons: inter 0)
            return None
        return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)
