"""When and where: the date and the place of an event mention, with the article-level fallbacks.

Date, in order: the date of the trigger's sentence (``eventwire.nlp.dates.date_for_sentence``);
else the date of the nearest previous dated sentence in the same paragraph; else the
publication date. A publication-date fallback has time precision 1 when the article is a
*same-day report* (it dates something to the publication day or the day before, at day
precision: "on Wednesday", "yesterday"), and precision 2 otherwise (ACLED: "within a week").

Place, in order: ``eventwire.geo.event_location.pick_event_place`` for the trigger; else the
nearest previous event place in the article, same paragraph first (material and verbal events
keep separate trails: a meeting's city does not place a battle); else the article's focus
country (the country most resolved place mentions belong to) at geo precision 3.

The nlp and geo functions are looked up once per process; until they exist, a simple
sentence-level fallback of the same contract is used.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib
import importlib.util
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.nlp.extensions import doc_list
from eventwire.types import DateMention, Place, PlaceMention

SAME_DAY_WINDOW = dt.timedelta(days=1)
# A dateline: "NAIROBI, Kenya (AP) —", "KABUL:", "TEHRAN –", "Nairobi, June 25 (Reuters) -"
DATELINE_AFTER_RE = re.compile(
    r"(?:,\s*[A-Z][\w .'-]{1,30})?\s*(?:\([A-Z][\w .]{1,20}\)\s*)?(?:[:—–]|-\s|\(\w+\))"
    r"|,\s*[A-Z][a-z]{2,8}\.? \d{1,2}\s*\n"
)
SENTENCE_ENDS = (".", "!", "?", "\"", "”", "’", "'")
DATELINE_PREFIX_RE = re.compile(r"\s*(?:date \d{4}-\d{2}-\d{2}\s*)?")
PLACE_PREPS = ("in", "at", "near", "outside", "inside", "around", "on", "into", "across", "from")
LEVEL_RANK = {"place": 0, "admin1": 1, "country": 2}
COUNTRY_PRECISION = 3
ADMIN1_PRECISION = 3
PLACE_PRECISION = 1


@dataclass(frozen=True)
class Location:
    """Where an event happened, as the Event columns need it."""

    name: str
    country: str
    iso3: str
    iso2: str
    admin1: str = ""
    admin2: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    level: str = "place"  # "place", "admin1" or "country"

    @classmethod
    def from_place(cls, place: Place) -> "Location":
        return cls(
            name=place.name,
            country=place.country,
            iso3=place.country_iso3,
            iso2=place.country_iso2,
            admin1=(place.admin1 or (place.name if place.level == "admin1" else "")) if place.level != "country" else "",
            admin2=place.admin2 if place.level == "place" else "",
            latitude=place.latitude,
            longitude=place.longitude,
            geonameid=place.geonameid,
            level=place.level,
        )


# -- the other engineers' functions, looked up once ---------------------------------------
def _optional(module_name: str, attribute: str):
    if importlib.util.find_spec(module_name) is None:
        return None
    return getattr(importlib.import_module(module_name), attribute, None)


@functools.lru_cache(maxsize=1)
def _date_for_sentence():
    return _optional("eventwire.nlp.dates", "date_for_sentence") or fallback_date_for_sentence


@functools.lru_cache(maxsize=1)
def _pick_event_place():
    return _optional("eventwire.geo.event_location", "pick_event_place") or fallback_pick_event_place


def fallback_date_for_sentence(doc: Doc, sent: Span) -> DateMention | None:
    """The most precise date mention inside the sentence (first on ties)."""
    inside = [mention for mention in doc_list(doc, "ew_dates") if sent.start_char <= mention.start < sent.end_char]
    return min(inside, key=lambda mention: (mention.precision, mention.start)) if inside else None


def fallback_pick_event_place(trigger: Token, places: list[PlaceMention]) -> tuple[PlaceMention | None, int | None]:
    """A resolved place of the trigger's sentence: the object of a locative preposition nearest
    the trigger in the tree, else the most specific one."""
    sent = trigger.sent
    candidates = [
        mention for mention in places
        if mention.place is not None and not mention.is_demonym and sent.start_char <= mention.start < sent.end_char
    ]
    if not candidates:
        return None, None
    doc = trigger.doc

    def rank(mention: PlaceMention) -> tuple:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        root = span.root if span is not None else trigger
        while root.dep_ in ("compound", "poss", "amod", "nmod", "case") and root.head.i != root.i:
            root = root.head
        locative = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS
        return (not locative, _tree_distance(root, trigger), LEVEL_RANK[mention.place.level])

    best = min(candidates, key=rank)
    return best, place_precision(best.place)


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    path_a = [a, *a.ancestors]
    depth = {token.i: index for index, token in enumerate(path_a)}
    for steps, token in enumerate([b, *b.ancestors]):
        if token.i in depth:
            return steps + depth[token.i]
    return len(path_a) + 99


def place_precision(place: Place) -> int:
    if place.level == "country":
        return COUNTRY_PRECISION
    if place.level == "admin1":
        return ADMIN1_PRECISION
    return PLACE_PRECISION


# -- per-doc context ------------------------------------------------------------------------
class DocContext:
    """Sentences, paragraphs, dates and places of one doc, computed once per doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt on every access: read it once
        self.sents = list(doc.sents)
        self.sent_index = {sent.start: index for index, sent in enumerate(self.sents)}
        self.paragraph = self._paragraphs()
        self.published: dt.date | None = doc._.ew_published
        self.places = [mention for mention in doc_list(doc, "ew_places") if not self._is_dateline(mention)]
        date_for_sentence = _date_for_sentence()
        self.sent_dates = [date_for_sentence(doc, sent) for sent in self.sents]
        self.same_day_report = self._same_day_report()
        self.focus = self._focus_country()
        self.headline = self._has_headline()
        self._trail: dict[str, list[tuple[int, Location, int]]] = {"material": [], "verbal": []}

    def index_of(self, token: Token) -> int:
        return self.sent_index[token.sent.start]

    def index_at_char(self, char: int) -> int:
        for index, sent in enumerate(self.sents):
            if sent.start_char <= char < sent.end_char:
                return index
        return len(self.sents) - 1

    def _paragraphs(self) -> list[int]:
        """Paragraph number of each sentence: a line break between two sentences starts one."""
        text = self.text
        paragraph, result, previous_end = 0, [], None
        for sent in self.sents:
            if previous_end is not None and "\n" in text[previous_end:sent.start_char]:
                paragraph += 1
            result.append(paragraph)
            words = [token for token in sent if not token.is_space]
            previous_end = words[-1].idx + len(words[-1].text) if words else sent.start_char
        return result

    def _is_dateline(self, mention: PlaceMention) -> bool:
        """"NAIROBI, Kenya (AP) —", "BAMAKO:": where the report was filed, not an event place."""
        text = self.text
        line_start = text.rfind("\n", 0, mention.start) + 1
        before = text[line_start:mention.start]
        if before.strip(" \t\"'“‘(") and not DATELINE_PREFIX_RE.fullmatch(before):
            return False
        after = text[mention.end:mention.end + 40]
        return bool(DATELINE_AFTER_RE.match(after)) or (mention.text.isupper() and len(mention.text) > 2)

    def _is_attribute(self, mention: PlaceMention, trigger: Token) -> bool:
        """A country name modifying another noun ("a U.S. airstrike", "Kenya parliament"):
        an attribute, not where the trigger's event happened."""
        if mention.place is None or mention.place.level != "country":
            return False
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not (trigger.sent.start <= span.start < trigger.sent.end):
            return False
        root = span.root
        return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.i != trigger.i

    def is_headline(self, index: int) -> bool:
        """The first paragraph, when it is a headline (no closing full stop) followed by the
        story it repeats."""
        return self.paragraph[index] == 0 and self.headline

    def _has_headline(self) -> bool:
        if not self.sents or self.paragraph[-1] == 0:
            return False
        first = [sent for sent, paragraph in zip(self.sents, self.paragraph) if paragraph == 0]
        start, end = sentence_bounds(first[0])[0], sentence_bounds(first[-1])[1]
        text = self.text[start:end]
        return not text.rstrip().endswith(SENTENCE_ENDS)

    def _same_day_report(self) -> bool:
        if self.published is None:
            return False
        return any(
            mention.precision == 1 and dt.timedelta(0) <= self.published - mention.date <= SAME_DAY_WINDOW
            for mention in doc_list(self.doc, "ew_dates")
        )

    def _focus_country(self) -> Location | None:
        resolved = [mention.place for mention in self.places if mention.place is not None]
        if not resolved:
            return None
        iso2, _ = Counter(place.country_iso2 for place in resolved).most_common(1)[0]
        of_country = [place for place in resolved if place.country_iso2 == iso2]
        country_level = [place for place in of_country if place.level == "country"]
        if country_level:
            return Location.from_place(country_level[0])
        first = of_country[0]
        return Location(name=first.country, country=first.country, iso3=first.country_iso3, iso2=iso2, level="country")

    # -- dates ----------------------------------------------------------------------------------
    def date_text(self, index: int) -> str:
        """The text of the date mention that dates sentence ``index`` ("" when none)."""
        mention = self.sent_dates[index]
        return mention.text if mention is not None else ""

    def date_for(self, index: int) -> tuple[dt.date | None, int, int | None]:
        """(date, time precision, index of the sentence that supplied it or None)."""
        mention = self.sent_dates[index]
        if mention is not None:
            return mention.date, mention.precision, index
        for earlier in range(index - 1, -1, -1):
            if self.paragraph[earlier] != self.paragraph[index]:
                break
            if self.sent_dates[earlier] is not None:
                return self.sent_dates[earlier].date, self.sent_dates[earlier].precision, earlier
        return self.published, (1 if self.same_day_report else 2), None

    # -- places ----------------------------------------------------------------------------------
    def place_for(
        self, token: Token, family: str, *, anchor: Token | None = None, refers_back: bool = False
    ) -> tuple[Location | None, int | None]:
        """(location, geo precision) for a trigger; records it on the family's trail.

        ``anchor`` is the token places are looked up for when it is not the trigger itself
        (the verb of "Fighting erupted in X"); ``refers_back`` marks a trigger that names an
        event already reported ("The attack came two days after ..."): it takes the previous
        event's place before any place of its sentence.
        """
        index = self.index_of(token)
        if refers_back:
            previous = self._previous(index, family)
            if previous is not None:
                return previous
        places = [mention for mention in self.places if not self._is_attribute(mention, token)]
        mention, precision = _pick_event_place()(anchor if anchor is not None else token, places)
        if mention is not None and mention.place is not None:
            location = Location.from_place(mention.place)
            precision = precision or place_precision(mention.place)
            self._trail[family].append((index, location, precision))
            return location, precision
        previous = self._previous(index, family)
        if previous is not None:
            return previous
        if self.focus is not None:
            return self.focus, COUNTRY_PRECISION
        return None, None

    def _previous(self, index: int, family: str) -> tuple[Location, int] | None:
        trail = [item for item in self._trail[family] if item[0] <= index]
        same_paragraph = [item for item in trail if self.paragraph[item[0]] == self.paragraph[index]]
        for items in (same_paragraph, trail):
            if items:
                _, location, precision = items[-1]
                return location, precision
        return None


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character bounds of a sentence without its surrounding whitespace."""
    words = [token for token in sent if not token.is_space]
    if not words:
        return sent.start_char, sent.start_char
    start = words[0].idx
    end = words[-1].idx + len(words[-1].text)
    return start, end
