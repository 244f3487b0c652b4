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

A headline (the first paragraph, without a closing full stop) tells the lead's story: with no
date of its own it takes the date of the lead, the first dated sentence after it, rather than
the publication date.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.geo.event_location import coordinated_places, names_an_office, pick_event_place
from eventwire.nlp.dates import date_for_sentence, names_another_event
from eventwire.nlp.extensions import doc_list, doc_text
from eventwire.types import Place, PlaceMention

SAME_DAY_WINDOW = dt.timedelta(days=1)
# A dateline: "NAIROBI, Kenya (AP) —", "KABUL:", "TEHRAN –", "Nairobi, June 25 (Reuters) -"
DATELINE_AFTER_RE = re.compile(
    r"(?:,\s*[A-Z][\w .'-]{1,30})?\s*(?:\([A-Z][\w .]{1,20}\)\s*)?(?:[:—–]|-\s|\(\w+\))"
    r"|,\s*[A-Z][a-z]{2,8}\.? \d{1,2}\s*\n"
)
# A dateline can follow other text on its line (a press release's "For Immediate Release
# KABUL, Afghanistan (Jan. 15)", or "Kabul, Afghanistan (Dec. 9) -"): the country and the
# parenthesis after the town tell it.
DATELINE_TAIL_AFTER_RE = re.compile(r",\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)*\s*\((?:[A-Z][\w.]*\.?\s*\d|[A-Z]{2,})")
# the country of such a dateline: "KABUL, Afghanistan (Jan. 15)"
DATELINE_CITY_BEFORE_RE = re.compile(r"\b[A-Z]{3,}[A-Z .'-]*,\s*$")
DATELINE_DATE_AFTER_RE = re.compile(r"\s*\((?:[A-Z][\w.]*\.?\s*\d|[A-Z]{2,})")
SENTENCE_ENDS = (".", "!", "?", "\"", "”", "’", "'")
LINK_LABEL_CHARS = 40  # a link label ("You may also like:") is read from a paragraph's first characters
DATELINE_PREFIX_RE = re.compile(r"\s*(?:date \d{4}-\d{2}-\d{2}\s*)?")
# words that name a place as a first-level region: "Kandahar province", "the province of Idlib"
REGION_WORD_RE = re.compile(r"\b(?:province|provinces|governorate|region|state|oblast|wilayat)\b", re.IGNORECASE)
REGION_WORD_WINDOW = 16
# what joins a place to the region said to hold it: "X district, Y province", "X of Y province"
# (the rest of a name the place mention may have missed, "Pul" + "-e Alam district", first)
IN_REGION_RE = re.compile(
    r"(?:(?:-[\w‘’']+|\s+[A-Z‘’'][\w‘’'-]*){0,3}\s+(?:district|village|city|town|area|valley))?"
    r"\s*(?:,|\s+(?:of|in))\s*(?:the\s+)?"
)
COUNTRY_PRECISION = 3
# Nouns a capital's possessive stands for its government with ("Beijing's liaison office",
# "Moscow's envoy"): that place is who acts, not where the event is.
INSTITUTION_NOUNS = frozenset({
    "office", "embassy", "consulate", "government", "ministry", "envoy", "ambassador", "mission",
    "representative", "leadership", "regime", "administration", "delegation", "spokesman", "spokeswoman",
})
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
        self.text = doc_text(doc)  # Doc.text is rebuilt on every access: read it once
        self.sents = list(doc.sents)
        self.sent_index = {sent.start: index for index, sent in enumerate(self.sents)}
        self.paragraph = self._paragraphs()
        self.published: dt.date | None = doc._.ew_published
        found = doc_list(doc, "ew_places")
        on_dateline = [self._is_dateline(mention) for mention in found]
        self.places = [mention for mention, dateline in zip(found, on_dateline) if not dateline]
        self.datelines = [mention for mention, dateline in zip(found, on_dateline) if dateline]  # where filed
        self.sent_dates = [date_for_sentence(doc, sent) for sent in self.sents]
        self.same_day_report = self._same_day_report()
        self.focus = self._focus_country()
        self.headline = self._has_headline()
        self._trail: dict[str, list[tuple[int, Location, int]]] = {"material": [], "verbal": []}
        self.told_dates: list[tuple[dt.date, int]] = []  # (date, precision) of events their own sentence dates, in text order

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
        after = text[mention.end:mention.end + 40]
        if len(mention.text) > 2 and DATELINE_TAIL_AFTER_RE.match(after):  # "Kabul, Afghanistan (Dec. 9) -"
            return True
        if DATELINE_CITY_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start) and \
                DATELINE_DATE_AFTER_RE.match(after):
            return True
        line_start = text.rfind("\n", 0, mention.start) + 1
        before = text[line_start:mention.start]
        if before.strip(" \t\"'“‘(") and not DATELINE_PREFIX_RE.fullmatch(before):
            return False
        return bool(DATELINE_AFTER_RE.match(after)) or (mention.text.isupper() and len(mention.text) > 2)

    def _is_attribute(self, mention: PlaceMention, trigger: Token) -> bool:
        """A country name modifying another noun ("a U.S. airstrike", "Kenya parliament"):
        an attribute, not where the trigger's event happened."""
        if mention.place is None:
            return False
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not (trigger.sent.start <= span.start < trigger.sent.end):
            return False
        root = span.root
        if root.dep_ == "poss" and root.head.lemma_.lower() in INSTITUTION_NOUNS:
            return True  # "near Beijing's liaison office": the capital stands for its government
        if mention.place.level != "country":
            return False
        return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.i != trigger.i

    def is_headline(self, index: int) -> bool:
        """The first paragraph, when it is a headline (no closing full stop) followed by the
        story it repeats."""
        return self.paragraph[index] == 0 and self.headline

    def link_paragraphs(self, labels: frozenset) -> set[int]:
        """The paragraphs that open with a link label and a colon ("Related: ...", ``labels``):
        a web page's pointers to other stories, not sentences of this one."""
        found = set()
        for index, paragraph in enumerate(self.paragraph):
            if index and self.paragraph[index - 1] == paragraph:
                continue  # read each paragraph from its first sentence
            start = sentence_bounds(self.sents[index])[0]
            head, colon, _ = self.text[start:start + LINK_LABEL_CHARS].partition(":")
            if colon and " ".join(head.lower().split()) in labels:
                found.add(paragraph)
        return found

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
        if self.is_headline(index):
            for later in range(index + 1, len(self.sents)):
                if self.sent_dates[later] is not None and not self.is_headline(later):
                    return self.sent_dates[later].date, self.sent_dates[later].precision, later
        for earlier in range(index - 1, -1, -1):
            if self.paragraph[earlier] != self.paragraph[index]:
                break
            # "... responsible for Wednesday's bombing. Two suspects were detained.": that date
            # names the bombing, not what the next sentence tells
            if self.sent_dates[earlier] is not None and not names_another_event(self.doc, self.sent_dates[earlier]):
                return self.sent_dates[earlier].date, self.sent_dates[earlier].precision, earlier
        return self.published, (1 if self.same_day_report else 2), None

    # -- places ----------------------------------------------------------------------------------
    def place_for(
        self, token: Token, family: str, *, anchor: Token | None = None, refers_back: bool = False,
        coordinated: list | None = None,
    ) -> tuple[Location | None, int | None]:
        """(location, geo precision) for a trigger; records it on the family's trail.

        ``anchor`` is the token places are looked up for when it is not the trigger itself
        (the verb of "Fighting erupted in X"); ``refers_back`` marks a trigger that names an
        event already reported ("The attack came two days after ..."): it takes the previous
        event's place before any place of its sentence, unless that place is a town inside the
        previous event's region ("Saturday's attack took place in the Spin Boldak district"
        after "in Kandahar province"), which says more precisely where it was. When a list is
        given as ``coordinated``, the places coordinated with the picked one ("in Brest, Vitebsk
        and Grodno") are appended to it as (location, precision).
        """
        index = self.index_of(token)
        places = [mention for mention in self.places if not self._is_attribute(mention, token)]
        mention, precision = pick_event_place(anchor if anchor is not None else token, places)
        if refers_back:
            previous = self._previous(index, family)
            if previous is not None and not _narrows(mention, previous[0]):
                return previous
        inside = self._inside_named_region(token, mention, places)
        if inside is not None:
            mention, precision = inside, None
        elif mention is not None and coordinated is not None:
            for other in coordinated_places(mention, places, self.doc):
                coordinated.append((Location.from_place(other.place), precision or place_precision(other.place)))
        if mention is not None and mention.place is not None:
            location = Location.from_place(mention.place)
            precision = precision or place_precision(mention.place)
            self._trail[family].append((index, location, precision))
            return location, precision
        own = self._sentence_place(token, places)
        if own is not None:
            # "In another report from the western Herat province, gunmen attacked a police
            # station": a town or region of the trigger's own sentence, though not tied to it,
            # before the place of an event told earlier
            location = Location.from_place(own.place)
            self._trail[family].append((index, location, place_precision(own.place)))
            return location, place_precision(own.place)
        previous = self._previous(index, family)
        if previous is not None:
            return previous
        if self.focus is not None:
            return self.focus, COUNTRY_PRECISION
        return None, None

    def _sentence_place(self, token: Token, places: list[PlaceMention]) -> PlaceMention | None:
        """The first town or region of the trigger's sentence in the story's country."""
        if self.focus is None:
            return None
        sent = token.sent
        for mention in places:
            if sent.start_char <= mention.start < sent.end_char and not mention.is_demonym:
                if names_an_office(self.doc, mention):
                    continue
                place = mention.place
                if place is not None and place.level != "country" and place.country_iso2 == self.focus.iso2:
                    return mention
        return None

    def _inside_named_region(
        self, token: Token, mention: PlaceMention | None, places: list[PlaceMention]
    ) -> PlaceMention | None:
        """A place of the trigger's sentence to take instead of ``mention``, or None to keep it.

        A sentence that names a region as one ("in Spin Boldak district, Kandahar province")
        bounds where its event happened, in three cases only:

        - the text puts the picked place in the region ("Kajaki district, Helmand province",
          "the Koti village of Kapisa province") but the gazetteer resolved it elsewhere, in
          the country or abroad: the region is taken;
        - the picked place is the region's country itself: the region is more precise;
        - the picked place lies in another region of the same country and the sentence names
          a place inside the named region ("near Wonake Pass in Spin Boldak district, Kandahar
          province"), which confirms the region: that place is taken.

        A place in another country without such a link (a meeting in Tehran while fighting
        erupted in Badghis region) stands: a sentence can tell two events in two places.
        """
        if mention is None or mention.place is None:
            return None
        sent = token.sent
        in_sent = [m for m in places if m.place is not None and not m.is_demonym
                   and sent.start_char <= m.start and m.end <= sent.end_char]
        regions = [m for m in in_sent if self._named_as_region(m) and _region_name(m.place)
                   and (m.place.level == "admin1" or REGION_WORD_RE.search(m.text))]
        if not regions:
            return None
        picked = mention.place
        names = {(m.place.country_iso2, _region_name(m.place)) for m in regions}
        if (picked.country_iso2, _region_name(picked)) in names:
            return None
        stated = [m for m in regions
                  if m.start >= mention.end and IN_REGION_RE.fullmatch(self.text, mention.end, m.start)]
        if stated:
            return stated[0]
        same_country = [m for m in regions if m.place.country_iso2 == picked.country_iso2]
        if not same_country:
            return None
        if picked.level == "country":
            return same_country[0]
        within = [m for m in in_sent if m.place.level == "place"
                  and (m.place.country_iso2, m.place.admin1) in names and m is not mention]
        return within[0] if within else None

    def _named_as_region(self, mention: PlaceMention) -> bool:
        window = self.text[max(0, mention.start - REGION_WORD_WINDOW):mention.end + REGION_WORD_WINDOW]
        return bool(REGION_WORD_RE.search(window)) or bool(REGION_WORD_RE.search(mention.text))

    def _previous(self, index: int, family: str) -> tuple[Location, int] | None:
        trail = [item for item in self._trail[family] if item[0] <= index]
        same_paragraph = [item for item in trail if self.paragraph[item[0]] == self.paragraph[index]]
        for items in (same_paragraph, trail):
            if items:
                _, location, precision = items[-1]
                return location, precision
        return None


def _narrows(mention: PlaceMention | None, location: Location) -> bool:
    """A town inside a region- or country-level ``location``."""
    place = mention.place if mention is not None else None
    if place is None or place.level != "place" or location.level == "place" or place.country_iso3 != location.iso3:
        return False
    return location.level == "country" or (place.admin1 or "").casefold() == location.admin1.casefold()


def _region_name(place: Place) -> str:
    return place.admin1 or (place.name if place.level == "admin1" else "")


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character bounds of a sentence without its surrounding whitespace."""
    words = [token for token in sent if not token.is_space]
    if not words:
        return sent.start_char, sent.start_char
    start = words[0].idx
    end = words[-1].idx + len(words[-1].text)
    return start, end
