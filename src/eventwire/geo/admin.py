"""Where the text itself says a place lies: districts, valleys and villages of named regions.

The resolver (``geo.resolver``) calls these rules; they read only the text and the mentions'
candidates, never a list of names:

- **a whole area name before an admin word** (:func:`whole_area`): "Tarnek wa Jaldak
  district", "Khas Konar district" name one area even when the gazetteer knows only their
  first word ("Tarnek", "Khas"); the whole name is then a name the gazetteer lacks, placed by
  the resolver's fallback (in its container, else in the region named nearest before it);
- **a region named as the container overrules a namesake** (:func:`demote_misplaced`): in
  "Khugyani district, Nangarhar province" or "Chak district, Wardak province" a candidate
  outside the named region is a namesake, and a name with no candidate inside it is one the
  gazetteer lacks; "X in Y province" is such a container too ("the Watapur Valley in Konar
  province");
- **a country named as the container overrules a namesake abroad** (:func:`demote_misplaced`):
  in "a landmine in X, central Mali" or "X, Mali" a candidate of another country is a
  namesake, and a name with no candidate in Mali is one the gazetteer lacks;
- **a small town abroad that nothing else supports is a namesake** (:func:`demote_misplaced`):
  in a story whose other names agree on one country (``fallback_share`` of the country votes,
  ``MIN_SUPPORTERS`` distinct names) a town of another country that no other name votes for,
  with fewer than ``min_population_alternate_single_word`` people, is a local name the gazetteer lacks
  ("Outpost Bixby" in a story about Kandahar is not Bixby, Oklahoma; a district of Kandahar
  is not a Polish town of the same name). The mention's candidate in the story's country wins when it has one;
- **the region named nearest before** (:func:`nearby_region`): an unknown district lies in the
  first-level region of the place the same paragraph names just before it ("In Kunduz last
  night, forces searched a compound in the Chahar Dara district": Kunduz), before the region
  the story names most often;
- **a dateline is no home town** (:func:`home_town`): a town only datelines name ("KABUL,
  Afghanistan (June 16)") that lies outside the region the story names does not take the
  story's unknown villages;
- **a region's other spelling before "province"** (:func:`named_as_region`): "Kunar province"
  is the region, even as a single word the tagger calls a person.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.symbols import ADP, ADV, AUX, CCONJ, DET, PRON, PROPN, SCONJ

from eventwire.geo.event_location import place_contains
from eventwire.geo.names import normalize_name
from eventwire.types import Place

if TYPE_CHECKING:  # the resolver imports this module
    from eventwire.geo.resolver import PlaceResolver, _Columns, _Mention

__all__ = ["named_as_region", "whole_area", "unknown_run", "demote_misplaced", "text_container", "nearby_region", "home_town"]

# "the Watapur Valley in Konar province": a place in a region named as a region
IN_REGION_GAP = re.compile(r"^[ \t]+in[ \t]+(?:the[ \t]+)?(?:(?:north|south|east|west)(?:ern|[a-z]*ern)?[ \t]+)?$", re.IGNORECASE)
PARAGRAPH_BREAK = re.compile(r"[\n\u2028\u2029]")
NEARBY_CHARS = 400  # how far back a paragraph's earlier place may be
MIN_SUPPORTERS = 3  # distinct names in the focus country before a town abroad counts as a namesake
POPULOUS = "min_population_alternate_single_word"
FUNCTION_POS = frozenset({ADP, ADV, AUX, CCONJ, DET, PRON, SCONJ})
HYPHENS = frozenset({"-", "'", "’"})


def whole_area(resolver: PlaceResolver, columns: _Columns, i: int, j: int, best_end: int | None) -> tuple[int, int] | None:
    """Char offsets of the area named by tokens ``i..j-1`` (an admin word is token ``j``) when
    it is longer than the gazetteer match ending at token ``best_end``: "Tarnek wa Jaldak
    district" when only "Tarnek" is known."""
    if best_end is None or best_end >= j - 1:
        return None
    return _area(resolver, columns, i, j, min_names=2)


def unknown_run(resolver: PlaceResolver, columns: _Columns, i: int) -> tuple[int, int, int] | None:
    """An area name that starts with a word no gazetteer name starts with, up to an admin
    word: "Tarnek wa Jaldak district", "Sabari district". Its char offsets and the index of
    the token after its last word."""
    words = columns.words
    connectors = resolver.rules["name_connectors"]
    names = 0
    j = i
    while j < len(words):
        lower = words[j].lower()
        if columns.capitalised[j] and columns.alpha[j]:
            names += 1
            if names > resolver.rules["max_name_words"]:
                return None
        elif j == i or lower not in connectors and lower not in HYPHENS:
            break
        j += 1
    area = _area(resolver, columns, i, j, min_names=1)
    return (*area, j) if area is not None else None


def _area(resolver: PlaceResolver, columns: _Columns, i: int, j: int, *, min_names: int) -> tuple[int, int] | None:
    """Tokens ``i..j-1`` as one area name followed by an admin word (token ``j``): capitalised
    words, joined by connectors ("wa", "-e"), at least one a proper noun. None when a word
    says it is something else ("the Cherry Creek School district": an institution word)."""
    words = columns.words
    if j >= len(words) or j <= i or words[j].lower() not in resolver.admin_words:
        return None
    if words[j].lower().endswith("s") and words[j].lower()[:-1] in resolver.admin_words:
        return None  # "in Kunar and Logar provinces": two areas, not one
    connectors = resolver.rules["name_connectors"]
    structure = resolver.rules["institution_words"] | resolver.feature_words
    names = proper = 0
    for k in range(i, j):
        lower = words[k].lower()
        if lower in structure:
            return None
        if columns.capitalised[k] and columns.alpha[k]:
            names += 1
            proper += columns.pos[k] == PROPN
        elif lower not in connectors and lower not in HYPHENS:
            return None
    if columns.pos[i] in FUNCTION_POS:
        return None  # "In Zhari district": the sentence's first word is no part of the name
    if names < min_names or not proper or not columns.capitalised[j - 1]:
        return None
    return columns.starts[i], columns.starts[j - 1] + len(words[j - 1])


def text_container(mention: _Mention, mentions: list[_Mention], text: str) -> _Mention | None:
    """The next mention when the text puts ``mention`` in it as a region: "the Watapur Valley
    in Konar province" (a name with a first-level admin word after "in")."""
    index = mentions.index(mention)
    after = mentions[index + 1] if index + 1 < len(mentions) else None
    if after is None or not after.candidates or after.hint != "ADM1":
        return None
    if not IN_REGION_GAP.match(text[mention.end : after.start]):
        return None
    place = after.candidates[after.best()].place
    return after if place.level == "admin1" else None


def demote_misplaced(resolver: PlaceResolver, mentions: list[_Mention], text: str) -> None:
    """Turn namesakes into names the gazetteer lacks (see the module docstring): a place the
    text puts in a region it does not lie in, and a small town abroad that no other name of a
    one-country story supports. A mention with a candidate in the right region or country
    takes it instead."""
    for mention in mentions:
        if not mention.candidates or mention.is_demonym or mention.country is not None or mention.dateline:
            continue
        iso2 = _named_country(mention, mentions, text)
        if iso2 is not None and mention.candidates[mention.best()].place.country_iso2 != iso2:
            # "a landmine in X, central Mali": a namesake abroad, or a place the gazetteer lacks
            _keep_only(mention, lambda candidate: candidate.country_iso2 == iso2)
            continue
        container = _named_region(mention, mentions, text)
        if container is None:
            continue
        region = container.candidates[container.best()].place
        place = mention.candidates[mention.best()].place
        if place_contains(region, place) or place == region:
            continue
        _keep_only(mention, lambda candidate: place_contains(region, candidate) and candidate != region)
    context = resolver._context(mentions)
    total = sum(context.total.values())
    if total <= 0:
        return
    focus, votes = context.total.most_common(1)[0]
    if not focus or votes / total < resolver.rules["fallback_share"]:
        return
    supporters = {key for key, country_votes in context.countries.items() if country_votes.get(focus, 0.0) > 0}
    if len(supporters) < MIN_SUPPORTERS:
        return  # "Fighters from Pakistan attacked a base in Khost": too few names to call a story one-country
    for mention in mentions:
        if not mention.candidates or mention.is_demonym or mention.country is not None or mention.dateline:
            continue
        place = mention.candidates[mention.best()].place
        if place.country_iso2 == focus or place.level != "place" or place.population >= resolver.rules[POPULOUS]:
            continue
        own = context.countries.get(mention.key) or {}
        if context.total[place.country_iso2] - own.get(place.country_iso2, 0.0) > 0:
            continue  # another name of the story is in that country
        _keep_only(mention, lambda candidate: candidate.country_iso2 == focus)


def _named_country(mention: _Mention, mentions: list[_Mention], text: str) -> str | None:
    """The country the text names as ``mention``'s container ("X, Mali", "X, central Mali",
    "X, in Mali"), when ``mention`` is not itself a country or a region, and the two are not
    items of a list ("the Zaire, Bundibugyo, Ivory Coast and Sudan strains")."""
    if not mention.candidates or mention.candidates[mention.best()].place.level in ("country", "admin1"):
        return None
    index = mentions.index(mention)
    before = mentions[index - 1] if index > 0 else None
    if before is not None and LIST_GAP.match(text[before.end : mention.start]):
        return None
    for container in mention.containers:
        at = mentions.index(container)
        after = mentions[at + 1] if at + 1 < len(mentions) else None
        if after is not None and LIST_GAP.match(text[container.end : after.start]):
            return None
        if text[container.end : container.end + 2] in ("'s", "’s"):
            return None  # "near X, in Congo's North Kivu province": the region is the container
        if container.country is not None:
            return container.country.iso2
        if container.candidates:
            place = container.candidates[container.best()].place
            if place.level == "country":
                return place.country_iso2
    return None


# between two items of a list of places: ", ", " and ", ", or "
LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")


def _named_region(mention: _Mention, mentions: list[_Mention], text: str) -> _Mention | None:
    """The container the text names for ``mention`` when it is named as a first-level region
    ("Nangarhar province") and ``mention`` as a town or district ("Khugyani district"); not
    in a list of regions ("Arkansas, Colorado, Delaware")."""
    if mention.candidates[mention.best()].place.level != "place" and mention.hint not in ("ADM2", "PPL"):
        return None
    for container in mention.containers:
        if container.hint == "ADM1" and container.candidates and container.candidates[container.best()].place.level == "admin1":
            return container
    return text_container(mention, mentions, text)


def _keep_only(mention: _Mention, accept) -> None:
    """Keep the candidates ``accept`` takes (the best of them wins); none: the name is one the
    gazetteer lacks (``PlaceResolver._fallback`` places it)."""
    kept = [index for index, candidate in enumerate(mention.candidates) if accept(candidate.place)]
    scores = mention.scores or mention.base
    mention.candidates = [mention.candidates[index] for index in kept]
    mention.base = [mention.base[index] for index in kept] if mention.base else []
    mention.scores = [scores[index] for index in kept] if mention.scores else []


def nearby_region(resolver: PlaceResolver, mention: _Mention, mentions: list[_Mention], text: str, iso2: str) -> Place | None:
    """The first-level region of ``iso2`` that holds the place named nearest before
    ``mention`` in its paragraph (within ``NEARBY_CHARS``); None when there is none."""
    index = mentions.index(mention)
    for other in reversed(mentions[:index]):
        if mention.start - other.end > NEARBY_CHARS or PARAGRAPH_BREAK.search(text, other.end, mention.start):
            return None
        if not other.candidates or other.is_demonym or other.country is not None or _dateline(other, text):
            continue
        place = other.candidates[other.best()].place
        if place.country_iso2 != iso2 or place.level == "country" or not place.admin1:
            continue
        if place.level == "admin1":
            return place
        return _region_place(resolver, place)
    return None


def _region_place(resolver: PlaceResolver, place: Place) -> Place | None:
    for candidate in resolver.gazetteer.candidates_for_key(normalize_name(place.admin1)):
        region = candidate.place
        if region.level == "admin1" and region.country_iso2 == place.country_iso2 and region.admin1 == place.admin1:
            return region
    return None


def home_town(home: Place | None, region: Place | None, mentions: list[_Mention], text: str) -> Place | None:
    """``home`` (the story's most named town) unless only datelines name it (marked, or
    written in capitals: "KABUL, Afghanistan (June 16)") and it lies outside the region the
    story names: such a release was filed in Kabul, and a village the gazetteer lacks is in
    the named province, not near Kabul."""
    if home is None or region is None or place_contains(region, home):
        return home
    for mention in mentions:
        if _dateline(mention, text):
            continue
        if mention.candidates and not mention.is_demonym and mention.country is None:
            if mention.candidates[mention.best()].place == home:
                return home
    return None


def named_as_region(resolver: PlaceResolver, words: list[str], j: int, candidates: list) -> bool:
    """Whether the name ending at token ``j`` is followed by a first-level admin word and is
    some first-level region's name or alias ("Kunar province", "Paktya province")."""
    if j + 1 >= len(words) or words[j + 1].lower() not in resolver.rules["admin1_words"]:
        return False
    return any(candidate.place.level == "admin1" for candidate in candidates)


def _dateline(mention: _Mention, text: str) -> bool:
    """A dateline's place: marked by the resolver, or a name written in capitals ("KABUL,
    Afghanistan (June 16)", a form the dateline pattern without a dash does not mark)."""
    return mention.dateline or text[mention.start : mention.end].isupper()
