"""Places for events the text locates only at country or region level.

A reporter often names the country in the sentence that tells the event and the town in the
next one ("A suicide bomber killed four people near a convoy on Sunday. The bomber drove into
soldiers on the airport road in the capital, Mogadishu."), or only in the dateline ("NAIROBI,
June 25 -- Police opened fire on protesters trying to storm the parliament"). ACLED codes the
most specific place the report gives for the event, so an event placed at a country (or a
first-level region, or nowhere) takes:

1. the first town inside its area named in the ``FOLLOW_SENTENCES`` sentences after its own,
   in the same paragraph, up to a sentence that tells another event; else
2. the dateline's town, when it lies inside the event's country, named in the event's own
   sentence ("Iran on Wednesday hosted talks", "protesters stormed Kenya's parliament"; never
   for an event placed nowhere or only in the story's country), and the event is a statement
   or meeting (PLOVER-only), or a material event when the story names no
   other town or region of that country and the event's sentence points nowhere else (no
   direction word such as "in the restive north", no region or district word): a report
   filed from Nairobi about a protest at "Kenya's parliament" is about Nairobi; one filed from
   Bamako about "an attack in the north" is not, nor is a military press release filed from
   Kabul about an operation in Laghman province. The dateline's town is an inference, so its
   geo precision is 2.
"""
from __future__ import annotations

from eventwire.coding.coref.context import DocContext, Location, place_precision
from eventwire.coding.coref.merge import place_level
from eventwire.types import Event, PlaceMention

FOLLOW_SENTENCES = 2
DATELINE_PRECISION = 2


def placed(event: Event, location: Location | None, precision: int | None) -> Event:
    """``event`` with its place columns set from ``location`` (unchanged when None)."""
    if location is None:
        return event
    event.country = location.country
    event.iso3 = location.iso3
    event.admin1 = location.admin1 or None
    event.admin2 = location.admin2 or None
    event.location = location.name
    event.latitude = location.latitude
    event.longitude = location.longitude
    event.geonameid = location.geonameid
    event.geo_precision = precision
    return event


def refine_places(events: list[Event], ctx: DocContext, mention_sents: list[int], rules: dict) -> list[Event]:
    """Events placed at a country or region get a town inside it (see the module doc), in place.

    ``mention_sents`` are the sentence indices of every event mention of the doc."""
    elsewhere = rules["elsewhere_words"]  # load_rules gives frozensets
    speech = rules["reporting_verbs"] | rules["speaker_place_verbs"]
    sents = set(mention_sents)
    for event in events:
        level = place_level(event)  # "country" also when the event has no place at all
        if level == "place":
            continue
        own = _trigger_sentences(event, ctx)
        if not own:
            continue
        mention = next(
            (found for first in sorted(own) if (found := _following_place(event, level, ctx, first, own, sents, speech))), None
        )
        if mention is not None:
            placed(event, Location.from_place(mention.place), place_precision(mention.place))
            continue
        if event.location is None:
            continue  # an event placed nowhere, under a dateline: too far a guess
        mention = _dateline_place(event, level, ctx, min(own), elsewhere)
        if mention is not None:
            placed(event, Location.from_place(mention.place), DATELINE_PRECISION)
    return events


def _trigger_sentences(event: Event, ctx: DocContext) -> set[int]:
    return {ctx.index_at_char(item.start) for item in event.evidence if item.role == "trigger"}


def _inside(mention: PlaceMention, event: Event, level: str) -> bool:
    place = mention.place
    if mention.is_demonym or place is None or place.level != "place":
        return False
    if event.iso3 is None:
        return True  # an event the text places nowhere
    if place.country_iso3 != event.iso3:
        return False
    return level == "country" or (place.admin1 or "").casefold() == (event.admin1 or "").casefold()


def _following_place(
    event: Event, level: str, ctx: DocContext, first: int, own: set[int], mention_sents: set[int], speech: frozenset
) -> PlaceMention | None:
    for later in range(first + 1, min(first + 1 + FOLLOW_SENTENCES, len(ctx.sents))):
        if ctx.paragraph[later] != ctx.paragraph[first] or (later in mention_sents and later not in own):
            return None  # a new paragraph, or a sentence that tells another event
        sent = ctx.sents[later]
        for mention in ctx.places:
            if sent.start_char <= mention.start < sent.end_char and _inside(mention, event, level):
                if not _speakers_place(mention, ctx, speech):
                    return mention
    return None


def _speakers_place(mention: PlaceMention, ctx: DocContext, speech: frozenset) -> bool:
    """Where a source spoke, not where the event was: "a military source reached in Bamako
    told AFP", "the ministry said in Kabul"."""
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    verb_seen = False
    for ancestor in span.root.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and not verb_seen:
            verb_seen = True
            if ancestor.lemma_.lower() in speech:
                return True
        if ancestor.dep_ in ("nsubj", "nsubjpass") and ancestor.head.lemma_.lower() in speech:
            return True
    return False


def _dateline_place(event: Event, level: str, ctx: DocContext, first: int, elsewhere: frozenset) -> PlaceMention | None:
    dateline = next((mention for mention in ctx.datelines if mention.place is not None), None)
    if dateline is None or not _inside(dateline, event, level):
        return None
    sent = ctx.sents[first]
    if not any(
        sent.start_char <= mention.start < sent.end_char and not mention.is_demonym
        and mention.place is not None and mention.place.level == "country" and mention.place.country_iso3 == event.iso3
        for mention in ctx.places
    ):
        return None  # the event's own sentence does not name its country: it is only the story's
    if event.event_type is None:
        return dateline
    if any(
        mention.place is not None and not mention.is_demonym and mention.place.level != "country"
        and mention.place.country_iso3 == dateline.place.country_iso3
        for mention in ctx.places
    ):
        return None  # the story names other places of the country: the event may be at any
    if any(token.lower_ in elsewhere for token in sent):
        return None
    named = [
        mention for mention in ctx.places
        if sent.start_char <= mention.start < sent.end_char and not mention.is_demonym
        and mention.place is not None and mention.place.level != "country"
    ]
    return None if named else dateline
