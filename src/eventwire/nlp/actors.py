"""Actors in ACLED's naming: named groups, state forces, unnamed groups and people.

``ActorRecognizer`` matches the lexicons of ``eventwire.nlp.actor_lexicon``
(``eventwire/coding/data/actors_*.jsonl``; the entries derived from PETRARCH2 rank below
the curated ones):

- named groups by alias ("al-Shabab" -> "Al Shabaab"; acronyms such as "IS" match
  case-sensitively), with date rules ("Taliban" -> "Military Forces of Afghanistan (2021-)",
  inter 1, from 2021-08-15 on);
- state actors by role noun ("Afghan military" -> "Military Forces of Afghanistan",
  "Kenya's police" -> "Police Forces of Kenya", "the government" -> "Government of <focus>");
- unnamed groups by role noun ("gunmen" -> "Unidentified Armed Group (<Country>)").

The country of a role noun is the one an adjacent country name, demonym, possessive or
place names ("Afghan", "Kenya's", "Kabul police"), else the article's focus country: the
country most often resolved in ``doc._.ew_places``. PERSON entities become ``kind="person"``
mentions (inter 0) for quotes and claims.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from eventwire.errors import Errors, ModelError
from eventwire.geo.countries import country_by_iso2, lookup_country
from eventwire.nlp.actor_lexicon import Entry, capitalised, load_entries
from eventwire.nlp.data import DATA_DIR, read_json
from eventwire.nlp.extensions import doc_list
from eventwire.types import ActorMention, PlaceMention

__all__ = ["ActorRecognizer", "focus_country", "actor_country_name"]

COUNTRIES_PATH = DATA_DIR / "actor_countries.json"
# lower number wins when two matches of the same length cover the same tokens
PRIORITY = {"named": 0, "state": 1, "generic": 2}
# tokens skipped between a country word and its role noun: "the", possessive "'s"
SKIPPED_BEFORE = frozenset({"the", "'s", "’s", "'", "’"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
MAX_COUNTRY_TOKENS = 4
PERSON_LABEL = "PERSON"


@dataclass(frozen=True)
class _Match:
    start: int  # token indices, end exclusive
    end: int
    entry: Entry


@functools.lru_cache(maxsize=1)
def _country_table() -> dict:
    data = read_json(COUNTRIES_PATH)
    periods = {
        iso2: tuple((dt.date.fromisoformat(period["from"]), period["suffix"]) for period in items)
        for iso2, items in data["periods"].items()
    }
    return {"names": data["names"], "periods": periods}


def actor_country_name(iso2: str) -> str:
    """The country's name as ACLED writes it in actor names ("" when the code is unknown)."""
    table = _country_table()
    if iso2 in table["names"]:
        return table["names"][iso2]
    country = country_by_iso2(iso2) if iso2 else None
    return country.name if country else ""


def _survives(match: _Match, curated: list[_Match]) -> bool:
    """A derived match overlapping a curated one is kept only when it contains it: a longer,
    more specific name ("Egyptian Islamic Jihad" over a curated "Islamic Jihad"); on equal
    or partly shared words the curated reading wins."""
    return all(
        other.end <= match.start or other.start >= match.end
        or (match.start <= other.start and other.end <= match.end and match.end - match.start > other.end - other.start)
        for other in curated
    )


def focus_country(places: list[PlaceMention]) -> str:
    """ISO alpha-2 of the country resolved most often among ``places`` (demonyms count);
    the first seen wins a tie; "" when none is resolved."""
    counts = Counter(mention.place.country_iso2 for mention in places if mention.place and mention.place.country_iso2)
    return counts.most_common(1)[0][0] if counts else ""


class ActorRecognizer:
    """Sets ``doc._.ew_actors`` (list[ActorMention], in text order)."""

    def __init__(self, nlp: Language, name: str = "ew_actors") -> None:
        self.name = name
        self.nlp = nlp
        self.entries: tuple[Entry, ...] = ()
        self.lower_matcher: PhraseMatcher | None = None
        self.exact_matcher: PhraseMatcher | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data_path: str | None = None) -> None:
        nlp = nlp or self.nlp
        self.entries = load_entries()
        _country_table()
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for index, entry in enumerate(self.entries):
            key = str(index)
            self.lower_matcher.add(key, [nlp.make_doc(phrase) for phrase in entry.phrases])
            if entry.acronyms:
                self.exact_matcher.add(key, [nlp.make_doc(acronym) for acronym in entry.acronyms])

    def __call__(self, doc: Doc) -> Doc:
        if self.lower_matcher is None:
            raise ModelError(Errors.E212.format(name=self.name))
        doc._.ew_actors = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[ActorMention]:
        places = doc_list(doc, "ew_places")
        focus = focus_country(places)
        # (start, end) of every resolved place -> its country: "Kabul police", "Afghan military"
        place_countries = {(m.start, m.end): m.place.country_iso2 for m in places if m.place and m.place.country_iso2}
        published = doc._.ew_published
        matches = self._matches(doc)
        named_tokens = {i for match in matches if match.entry.group == "named" for i in range(match.start, match.end)}
        mentions = []
        for match in matches:
            mention = self._mention(doc, match, place_countries=place_countries, focus=focus, published=published,
                                    named_tokens=named_tokens)
            if mention is not None:
                mentions.append(mention)
        taken = {i for match in matches for i in range(match.start, match.end)}
        for ent in doc.ents:
            if ent.label_ == PERSON_LABEL and not any(i in taken for i in range(ent.start, ent.end)):
                mentions.append(ActorMention(start=ent.start_char, end=ent.end_char, text=ent.text, name=ent.text,
                                             inter=0, kind="person"))
        return sorted(mentions, key=lambda mention: (mention.start, mention.end))

    def _matches(self, doc: Doc) -> list[_Match]:
        found = [
            _Match(start, end, self.entries[int(self.nlp.vocab.strings[key])])
            for matcher in (self.lower_matcher, self.exact_matcher)
            for key, start, end in matcher(doc)
        ]
        # a derived name ("Red Brigades") must be capitalised; its acronyms match as written
        found = [match for match in found if not (match.entry.derived and match.entry.group == "named")
                 or capitalised(doc[match.start : match.end])]
        curated = [match for match in found if not match.entry.derived]
        found = [match for match in found if not match.entry.derived or _survives(match, curated)]
        found.sort(key=lambda m: (m.start - m.end, m.entry.derived, PRIORITY[m.entry.group], m.start))
        kept: list[_Match] = []
        for match in found:
            if all(match.end <= other.start or match.start >= other.end for other in kept):
                kept.append(match)
        return sorted(kept, key=lambda match: match.start)

    def _mention(self, doc: Doc, match: _Match, *, place_countries: dict[tuple[int, int], str], focus: str,
                 published: dt.date | None, named_tokens: set[int]) -> ActorMention | None:
        entry = match.entry
        span = doc[match.start : match.end]
        if entry.group == "named":
            return self._named_mention(span, entry, focus=focus, published=published)
        last = span[-1]
        if last.dep_ == "compound" and last.head.i >= span.end:
            return None  # "police headquarters", "army camp": the noun modifies another one
        if self._next_to_named(span, named_tokens):
            return None  # "Taliban fighters", "fighters of the Taliban": the named actor stands for them
        start, iso2 = self._explicit_country(span, place_countries)
        if not iso2:
            if entry.explicit_country:
                return None
            start, iso2 = span.start, focus
        text_span = doc[start : span.end]
        country_name = actor_country_name(iso2)
        if country_name:
            name = entry.template.format(country=country_name) + self._period_suffix(iso2, published, entry)
        else:
            name = entry.bare or entry.template.replace(" of {country}", "").replace(" ({country})", "")
        return ActorMention(start=text_span.start_char, end=text_span.end_char, text=text_span.text, name=name,
                            inter=entry.inter, country_iso2=iso2, kind=entry.kind)

    def _named_mention(self, span: Span, entry: Entry, *, focus: str, published: dt.date | None) -> ActorMention:
        name, inter, iso2 = entry.name, entry.inter, entry.country
        if entry.name_by_country.get(focus):
            name, iso2 = entry.name_by_country[focus], focus
        elif entry.template:
            name = entry.template.format(country=actor_country_name(iso2)) + self._period_suffix(iso2, published, entry)
        if published is not None:
            for start, period_name, period_inter in entry.periods:
                if published >= start:
                    name, inter = period_name, period_inter
        return ActorMention(start=span.start_char, end=span.end_char, text=span.text, name=name, inter=inter,
                            country_iso2=iso2, kind=entry.kind)

    def _period_suffix(self, iso2: str, published: dt.date | None, entry: Entry) -> str:
        if published is None or entry.kind not in ("state", "government", "named"):
            return ""
        suffix = ""
        for start, text in _country_table()["periods"].get(iso2, ()):
            if published >= start:
                suffix = text
        return suffix

    def _next_to_named(self, span: Span, named_tokens: set[int]) -> bool:
        doc = span.doc
        before = span.start - 1
        while before >= 0 and doc[before].lower_ in SKIPPED_BEFORE:
            before -= 1
        if before in named_tokens and before >= span.start - 2:
            return True
        after = span.end + 1  # "fighters of (the) <named>"
        if span.end < len(doc) and doc[span.end].lower_ == "of":
            after += after < len(doc) and doc[after].lower_ == "the"
            return after in named_tokens
        return False

    # -- the country of a role noun -------------------------------------------------------
    def _explicit_country(self, span: Span, place_countries: dict[tuple[int, int], str]) -> tuple[int, str]:
        """(first token of the actor's text, ISO alpha-2) from the words next to ``span``:
        "Afghan military", "Kenya's police", "the army of Mali", "Kabul police"; (start, "")
        when none names a country."""
        doc = span.doc
        end = span.start
        while end > 0 and doc[end - 1].lower_ in SKIPPED_BEFORE and doc[end - 1].lower_ != "the":
            end -= 1
        for size in range(min(MAX_COUNTRY_TOKENS, end), 0, -1):
            if doc[end - size].lower_ == "the":
                continue  # "the Afghan military": the text starts at the country word
            iso2 = self._country_of(doc[end - size : end], place_countries)
            if iso2:
                return end - size, iso2
        for token in span:
            for child in token.children:
                if child.dep_ in MODIFIER_DEPS and child.i < span.start:
                    iso2 = self._country_of(doc[child.left_edge.i : child.i + 1], place_countries)
                    if iso2:
                        return span.start, iso2
        for child in span[-1].children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    words = doc[pobj.left_edge.i : pobj.i + 1]
                    if pobj.dep_ == "pobj" and self._country_of(words, place_countries):
                        return span.start, self._country_of(words, place_countries)
        return span.start, ""

    def _country_of(self, words: Span, place_countries: dict[tuple[int, int], str]) -> str:
        """The country ``words`` name: a resolved place there, else a country name or demonym."""
        iso2 = place_countries.get((words.start_char, words.end_char))
        if iso2:
            return iso2
        if not words.text[:1].isupper():
            return ""
        country = lookup_country(words.text)
        return country.iso2 if country else ""

