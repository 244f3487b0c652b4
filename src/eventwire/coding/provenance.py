"""Provenance: the article span each stored field of a coded event was read from.

``trace_doc(doc)`` sets ``event.provenance`` (a list of ``FieldSource``) on every event of
``doc._.ew_events``; ``trace_fields(event, doc)`` returns the list for one event. Both read the
mentions the coder chose from (``ew_dates``, ``ew_places``, ``ew_actors``, ``ew_casualties``)
through one per-doc ``MentionIndex`` (mentions grouped by the value they state, each group
sorted by offset and searched with ``bisect``), built once per doc.

Rules, per field (the anchor is the trigger's span inside its "trigger" evidence sentence):

- ``event_type`` (and with it ``sub_event_type``, ``plover_category``): the trigger words.
- ``event_date``: a date mention of the event's date and time precision (else of its date at
  another precision): the one in the trigger's sentence, else the nearest before the trigger,
  else the nearest after it. None: -1/-1 with "publication date YYYY-MM-DD" when the date is the
  publication date, else -1/-1 with "derived date YYYY-MM-DD" ("a day after ...").
- ``location``: a place mention resolved to the event's geonameid, else to a place of its name
  (and country), else, for a region-level event, to a place of its region; the trigger's
  sentence first, else the nearest. Demonyms ("Kenyan") only when no place name matches.
- ``actor1`` / ``actor2``: an actor mention of that canonical name, the trigger's sentence
  first, else the nearest; none: the field is left out (an actor named by the coder's
  fallback, "Unidentified Armed Group (Mali)", has no span).
- ``fatalities`` / ``injured`` / ``arrested``: the casualty mentions of that kind (killed;
  injured; arrested and abducted) inside the event's evidence sentences whose count is the
  stored figure (the one nearest the trigger when several are); else the fewest whose counts
  add up to it, one source each; else every mention of that kind in the evidence.

A field with no value, or with no span found (besides the date's -1/-1), is left out. Sources
are ordered by field (``FIELDS``), then by start.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from operator import attrgetter

from spacy.tokens import Doc

from eventwire.coding.coref.merge import place_level
from eventwire.nlp.extensions import doc_list, doc_text
from eventwire.types import CasualtyMention, Event, FieldSource

__all__ = ["FIELDS", "MentionIndex", "index_doc", "nearest", "trace_doc", "trace_fields"]

FIELDS = ("event_type", "event_date", "location", "actor1", "actor2", "fatalities", "injured", "arrested")
COUNT_KINDS = {"killed": "fatalities", "injured": "injured", "arrested": "arrested", "abducted": "arrested"}
COUNT_FIELDS = ("fatalities", "injured", "arrested")
COUNT_ROLES = frozenset({"trigger", "casualties"})
# Most mentions whose subsets are tried as a sum (2^n subsets): counts of one event are few.
MAX_SUM_PARTS = 8
START = attrgetter("start")


@dataclass(frozen=True)
class _Group:
    """Mentions stating one value, in text order, with their start offsets for ``bisect``."""

    mentions: list
    starts: list[int]


def _group(groups: dict[Hashable, list]) -> dict[Hashable, _Group]:
    result = {}
    for value, items in groups.items():
        items.sort(key=START)
        result[value] = _Group(items, [mention.start for mention in items])
    return result


@dataclass(frozen=True)
class MentionIndex:
    """One doc's mentions, grouped by what they state (see ``index_doc``)."""

    text: str
    published: dt.date | None
    dates: dict  # (date, precision) -> _Group; ("any", date) -> _Group
    places: dict  # a key of _place_keys, or ("demonym", *key) -> _Group
    actors: dict  # canonical name -> _Group
    counts: dict  # Event field ("fatalities", ...) -> _Group


def index_doc(doc: Doc, *, events: Iterable[Event] | None = None) -> MentionIndex:
    """The lookups of one doc, built in one pass over each mention list; with ``events``, only
    for the values those events hold (all that ``trace_fields`` asks of it for them)."""
    wanted_dates = wanted_places = wanted_actors = wanted_counts = None
    if events is not None:
        events = list(events)
        wanted_dates = {event.event_date for event in events}
        wanted_places = {key for event in events if event.location is not None for key in _place_keys(event)}
        wanted_actors = {name for event in events for name in (event.actor1, event.actor2)}
        wanted_counts = {name for event in events for name in COUNT_FIELDS if getattr(event, name) is not None}
    dates: dict = {}
    for mention in doc_list(doc, "ew_dates"):
        if wanted_dates is None or mention.date in wanted_dates:
            dates.setdefault((mention.date, mention.precision), []).append(mention)
            dates.setdefault(("any", mention.date), []).append(mention)
    places: dict = {}
    for mention in doc_list(doc, "ew_places"):
        place = mention.place
        if place is None:
            continue
        iso3 = place.country_iso3
        keys = [("name", iso3, place.name.casefold())]
        if place.geonameid is not None:
            keys.append(("id", place.geonameid))
        if place.admin1:
            keys.append(("admin1", iso3, place.admin1.casefold()))
        for key in keys:
            if wanted_places is None or key in wanted_places:
                places.setdefault(("demonym", *key) if mention.is_demonym else key, []).append(mention)
    actors: dict = {}
    for mention in doc_list(doc, "ew_actors"):
        if wanted_actors is None or mention.name in wanted_actors:
            actors.setdefault(mention.name, []).append(mention)
    counts: dict = {}
    for mention in doc_list(doc, "ew_casualties"):
        name = COUNT_KINDS.get(mention.kind)
        if name is not None and (wanted_counts is None or name in wanted_counts):
            counts.setdefault(name, []).append(mention)
    return MentionIndex(
        text=doc_text(doc), published=doc._.ew_published,
        dates=_group(dates), places=_group(places), actors=_group(actors), counts=_group(counts),
    )


def _place_keys(event: Event) -> list[tuple]:
    """The place lookups for ``event``'s location, most specific first (see the module doc)."""
    iso3 = event.iso3 or ""
    keys: list[tuple] = [("id", event.geonameid)] if event.geonameid is not None else []
    keys.append(("name", iso3, event.location.casefold()))
    if event.admin1 and place_level(event) == "admin1":
        keys.append(("admin1", iso3, event.admin1.casefold()))
    return keys


def nearest(starts: Sequence[int], anchor: int, bounds: tuple[int, int], *, prefer_before: bool = False) -> int | None:
    """Index into the sorted ``starts`` of the mention to take for a trigger at ``anchor`` whose
    sentence spans ``bounds``: the closest inside the sentence; else the closest in the text
    (``prefer_before``: the closest before it, and one after only when none is). A tie goes to
    the earlier mention. None when ``starts`` is empty."""
    after = bisect_left(starts, anchor)
    before = after - 1
    has_before, has_after = before >= 0, after < len(starts)
    inside = [index for index, ok in (
        (before, has_before and starts[before] >= bounds[0]), (after, has_after and starts[after] < bounds[1])
    ) if ok]
    if inside:
        candidates = inside
    elif prefer_before and has_before:
        candidates = [before]
    else:
        candidates = [index for index, ok in ((before, has_before), (after, has_after)) if ok]
    if not candidates:
        return None
    return min(candidates, key=lambda index: abs(starts[index] - anchor))  # min keeps the first of a tie


def _pick(group: _Group | None, anchor: int, bounds: tuple[int, int], *, prefer_before: bool = False):
    if group is None:
        return None
    index = nearest(group.starts, anchor, bounds, prefer_before=prefer_before)
    return group.mentions[index]


def _anchor(event: Event, text: str) -> tuple[int, int, tuple[int, int]]:
    """(start, end, sentence bounds) of the trigger words; (-1, -1, bounds) when the trigger is
    not found in a trigger sentence (the anchor is then that sentence's start)."""
    sentences = [item for item in event.evidence if item.role == "trigger"] or event.evidence
    words = event.trigger
    for item in sentences:
        found = _find_word(text, words, item.start, item.end) if words else -1
        if found >= 0:
            return found, found + len(words), (item.start, item.end)
    if sentences:
        return -1, -1, (sentences[0].start, sentences[0].end)
    return -1, -1, (0, 0)


def _find_word(text: str, words: str, start: int, end: int) -> int:
    """The first occurrence of ``words`` in ``text[start:end]`` not inside a longer word; -1."""
    found = text.find(words, start, end)
    while found >= 0:
        before = text[found - 1] if found > 0 else " "
        after = text[found + len(words)] if found + len(words) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return found
        found = text.find(words, found + 1, end)
    return -1


def trace_fields(event: Event, doc: Doc, *, index: MentionIndex | None = None) -> list[FieldSource]:
    """The span each stored field of ``event`` was read from (see the module doc). ``index``:
    the doc's ``index_doc``, to share across the events of one doc (built for all its mentions,
    or with ``events`` that include ``event``)."""
    if index is None:
        index = index_doc(doc, events=[event])
    text = index.text
    trigger_start, trigger_end, bounds = _anchor(event, text)
    anchor = trigger_start if trigger_start >= 0 else bounds[0]

    def source(name: str, start: int, end: int, stated: str | None = None) -> FieldSource:
        return FieldSource(name, event.article_id, start, end, text[start:end] if stated is None else stated)

    result = []
    has_type = any(value is not None for value in (event.event_type, event.sub_event_type, event.plover_category))
    if has_type and trigger_start >= 0:
        result.append(source("event_type", trigger_start, trigger_end))
    if event.event_date is not None:
        date = event.event_date
        group = index.dates.get((date, event.time_precision)) or index.dates.get(("any", date))
        mention = _pick(group, anchor, bounds, prefer_before=True)
        if mention is not None:
            result.append(source("event_date", mention.start, mention.end))
        elif date == index.published:
            result.append(source("event_date", -1, -1, f"publication date {date.isoformat()}"))
        else:
            result.append(source("event_date", -1, -1, f"derived date {date.isoformat()}"))
    if event.location is not None:
        mention = _pick(_place_group(event, index), anchor, bounds)
        if mention is not None:
            result.append(source("location", mention.start, mention.end))
    for name in ("actor1", "actor2"):
        value = getattr(event, name)
        mention = _pick(index.actors.get(value), anchor, bounds) if value is not None else None
        if mention is not None:
            result.append(source(name, mention.start, mention.end))
    for name in COUNT_FIELDS:
        value = getattr(event, name)
        if value is not None:
            for mention in _count_mentions(event, index.counts.get(name), value, anchor, bounds):
                result.append(source(name, mention.start, mention.end))
    return result


def _place_group(event: Event, index: MentionIndex) -> _Group | None:
    keys = _place_keys(event)
    for prefix in ((), ("demonym",)):
        for key in keys:
            group = index.places.get((*prefix, *key))
            if group is not None:
                return group
    return None


def _count_mentions(
    event: Event, group: _Group | None, value: int, anchor: int, bounds: tuple[int, int]
) -> list[CasualtyMention]:
    """The casualty mentions of one kind, in the event's evidence sentences, that state ``value``."""
    if group is None:
        return []
    stated: list[CasualtyMention] = []
    seen: set[int] = set()
    for item in sorted(event.evidence, key=START):
        if item.role not in COUNT_ROLES:
            continue
        for position in range(bisect_left(group.starts, item.start), bisect_left(group.starts, item.end)):
            if position not in seen:
                seen.add(position)
                stated.append(group.mentions[position])
    exact = [mention for mention in stated if mention.count == value]
    if exact:
        chosen = nearest([mention.start for mention in exact], anchor, bounds)
        return [exact[chosen]]
    parts = [mention for mention in stated if mention.count > 0]
    if value > 0 and len(parts) <= MAX_SUM_PARTS:
        for size in range(2, len(parts) + 1):
            for subset in combinations(parts, size):
                if sum(mention.count for mention in subset) == value:
                    return list(subset)
    return stated


def trace_doc(doc: Doc) -> None:
    """Set ``event.provenance`` on every event of ``doc._.ew_events`` (one index for the doc)."""
    events = doc_list(doc, "ew_events")
    if not events:
        return
    index = index_doc(doc, events=events)
    for event in events:
        event.provenance = trace_fields(event, doc, index=index)
