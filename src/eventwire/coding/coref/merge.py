"""One event per actor pair, place and day: merging the mentions of one article, and stable ids.

Two material mentions merge when they share the date (or one states no day of its own; see
``merge_events`` and ``docs/events.md``), their places are compatible (the same,
one contains the other, or two towns within ``NEAR_KM``: the most specific is kept), their
actors are compatible (equal, one side missing, or one side named two ways; in either order;
see ``_side_ok``) and their types may describe one event (violence with
violence, demonstrations with demonstrations and the arrests or looting during them). The
merged event keeps the higher-precedence type (``Taxonomy.stronger``): an air strike during a
ground battle is one Battles event, a peaceful protest that turns violent is a Riots event, an
abduction then killing is an Attack. Verbal (PLOVER-only) mentions merge by PLOVER category,
date and compatible place. Counts: ``eventwire.coding.conventions.counts.resolve_count`` over every
figure stated for the merged event; evidence: the union, in text order.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from eventwire.coding.conventions.counts import COUNT_FIELDS, CountClaim, resolve_count
from eventwire.coding.conventions.taxonomy import Taxonomy, load_taxonomy
from eventwire.geo.gazetteer import haversine_km
from eventwire.geo.names import normalize_name
from eventwire.types import Event, Evidence

LEVEL_RANK = {"place": 0, "admin1": 1, "country": 2}
ID_PREFIX = "ev"
REGION_PRECISION = 3
CIVILIANS = 7
ID_HEX_DIGITS = 12
# Two named places this close are one event's place told at two scales ("Baghdad" and its
# district "Sadr City"); ACLED codes a neighbourhood at its town when in doubt.
NEAR_KM = 10.0
# ACLED's name for unnamed armed groups, and the state forces named "<Role> Forces of <Country>"
# (ACLED codebook, 'Actor Names, Types, and Inter Codes').
UNIDENTIFIED_PREFIX = "Unidentified "  # "Unidentified Armed Group (Mali)", "Unidentified Communal Militia (Mali)"
STATE_FORCE_PREFIXES = ("Military Forces of ", "Police Forces of ")
NAMED_ARMED_INTERS = frozenset({2, 3, 4})  # rebel groups, political and identity militias
DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})
DEMONSTRATOR_INTERS = frozenset({5, 6})  # rioters, protesters
ARRESTS = "Arrests"
CROWD_PREFIXES = ("Protesters (", "Rioters (")
# Event types whose sub-types name the weapon of one act: two reports may name it two ways.
WEAPON_TYPES = frozenset({"Explosions/Remote violence"})


# -- places -----------------------------------------------------------------------------------
def place_level(event: Event) -> str:
    """"country", "admin1" or "place"; a town named like its region (Aleppo) is a place when
    its geo precision says so."""
    if event.location is None:
        return "country"
    region_precision = event.geo_precision in (None, REGION_PRECISION)
    if event.country and event.location.casefold() == event.country.casefold() and region_precision:
        return "country"
    if event.admin1 and event.location.casefold() == event.admin1.casefold() and region_precision:
        return "admin1"
    return "place"


def same_place(a: Event, b: Event) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return (a.location or "").casefold() == (b.location or "").casefold() and (a.iso3 or "") == (b.iso3 or "")


def contains(outer: Event, inner: Event) -> bool:
    """Whether outer's place contains inner's (country > admin1 > place), by the Event columns."""
    if outer.iso3 != inner.iso3 or outer.iso3 is None:
        return False
    level = place_level(outer)
    if level == "country":
        return True
    if level == "admin1":
        return place_level(inner) == "place" and (inner.admin1 or "").casefold() == (outer.admin1 or "").casefold()
    return False


def near(a: Event, b: Event) -> bool:
    """Two places, both below region level, within ``NEAR_KM`` of each other."""
    points = (a.latitude, a.longitude, b.latitude, b.longitude)
    if any(value is None for value in points) or "place" != place_level(a) or "place" != place_level(b):
        return False
    return haversine_km(*points) <= NEAR_KM


def places_compatible(a: Event, b: Event) -> bool:
    if a.location is None or b.location is None:
        return True
    return same_place(a, b) or contains(a, b) or contains(b, a) or near(a, b)


def named_region(outer: Event, inner: Event) -> bool:
    """A town named like the region of the other place ("the attack in Kandahar" after "in Spin
    Boldak district of Kandahar province"): the name may be the region's, which contains it."""
    if outer.iso3 is None or outer.iso3 != inner.iso3 or place_level(inner) != "place":
        return False
    return _named_like_region(outer) and normalize_name(outer.location or "") == normalize_name(inner.admin1 or "")


def _specificity(event: Event) -> tuple:
    return (event.location is None, LEVEL_RANK[place_level(event)], event.geo_precision or 9)


def _named_like_region(event: Event) -> bool:
    return bool(event.admin1) and normalize_name(event.location or "") == normalize_name(event.admin1)


def _where(members: list[Event]) -> Event:
    """The member whose place the merged event takes: the most specific; but a town named like
    its region ("Kandahar") may stand for the region, so a town of another name in that region
    and not near it ("Spin Boldak") is taken before it."""
    best = min(members, key=_specificity)
    if not _named_like_region(best):
        return best
    inside = [
        member for member in members
        if member.iso3 == best.iso3 and place_level(member) == "place" and not _named_like_region(member)
        and normalize_name(member.admin1 or "") == normalize_name(best.location or "") and not near(best, member)
    ]
    return min(inside, key=_specificity) if inside else best


# -- actors -----------------------------------------------------------------------------------
def is_unidentified(name: str | None) -> bool:
    """An ACLED name for a group the text does not name ("Unidentified Armed Group (Mali)",
    "Unidentified Communal Militia (Mali)")."""
    return bool(name) and name.startswith(UNIDENTIFIED_PREFIX)


def _state_country(name: str) -> str | None:
    """"Afghanistan" for "Police Forces of Afghanistan (2004-2021)"; None for other names."""
    for prefix in STATE_FORCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):].split(" (")[0]
    return None


def _side_ok(x: str | None, y: str | None, inter_x: int | None = None, inter_y: int | None = None) -> bool:
    """Whether two names may be one side of one event: equal or missing; an unidentified armed
    group and a named armed group ("gunmen" in one sentence, the Taliban in another); the
    military and the police of one country ("security forces" against "police"); or the
    protesters and the rioters of one country (a protest that turned violent)."""
    if x is None or y is None or x == y:
        return True
    if is_unidentified(x) != is_unidentified(y):
        other = inter_y if is_unidentified(x) else inter_x
        return other in NAMED_ARMED_INTERS
    country = _state_country(x)
    if country is not None:
        return country == _state_country(y)
    return _crowd_country(x) is not None and _crowd_country(x) == _crowd_country(y)


def _crowd_country(name: str) -> str | None:
    """"Kenya" for "Protesters (Kenya)" and "Rioters (Kenya)": one crowd, peaceful or not."""
    for prefix in CROWD_PREFIXES:
        if name.startswith(prefix) and name.endswith(")"):
            return name[len(prefix):-1]
    return None


def actor_alignment(a: Event, b: Event) -> str | None:
    """"direct" or "swapped" when b's actors fit a's (see ``_side_ok``), else None."""
    if _side_ok(a.actor1, b.actor1, a.inter1, b.inter1) and _side_ok(a.actor2, b.actor2, a.inter2, b.inter2):
        return "direct"
    if CIVILIANS in (a.inter2, b.inter2):
        return None  # civilians are always the second side
    if _side_ok(a.actor1, b.actor2, a.inter1, b.inter2) and _side_ok(a.actor2, b.actor1, a.inter2, b.inter1):
        return "swapped"
    return None


def _exact_matches(a: Event, b: Event) -> int:
    names_a = {a.actor1, a.actor2} - {None}
    names_b = {b.actor1, b.actor2} - {None}
    return len(names_a & names_b)


# -- merging ----------------------------------------------------------------------------------
@dataclass
class _Item:
    event: Event
    claims: list[CountClaim]
    weak: bool = False  # joins an event, never makes one alone
    generic: bool = False  # its type is a default guess: a specific member's type wins
    distinct: bool = False  # "also", "another": never joins an earlier event
    undated: bool = False  # no date is stated for it: it joins a compatible event of any day
    reference: bool = False  # "the blast": names an event told before, of whatever sub-type
    reported: bool = False  # its only day is that of a statement about it ("said on Friday that ...")
    dated_reference: bool = False  # a reference that states the day of the event it names ("the riot on Tuesday")


@dataclass
class _Cluster:
    items: list[_Item] = field(default_factory=list)
    event: Event | None = None

    @property
    def specific(self) -> bool:
        return any(not item.generic for item in self.items)

    @property
    def undated(self) -> bool:
        return all(item.undated for item in self.items)

    @property
    def stated_day(self) -> bool:
        """Some sentence states a day for it, if only the day of a statement about it."""
        return any(not item.undated or item.reported or item.dated_reference for item in self.items)

    @property
    def own_day(self) -> bool:
        """A sentence states the day of the event itself: a mention or a reference to it."""
        return any(not item.undated or item.dated_reference for item in self.items)


def _compatible(cluster: _Cluster, item: _Item, taxonomy: Taxonomy) -> bool:
    a, b = cluster.event, item.event
    # a vague "the attack in Kandahar" may name the region of the event's town by its name
    loose = (item.generic or item.reference) and (named_region(a, b) or named_region(b, a))
    if item.distinct or not (places_compatible(a, b) or loose):
        return False
    if a.event_date != b.event_date:
        # an undated mention joins an event of another day only as a reference to it: a vague
        # noun ("the attack") or the same sub-event type
        if not (item.undated or cluster.undated):
            return False
        if _by_report(item) or (cluster.undated and any(_by_report(member) for member in cluster.items)):
            # a day stated for a statement is still a day: only the same kind of event is the same event
            if not (_same_kind(a, b) or (_demonstration(a) and _demonstration(b))):
                return False
        if not (item.generic or item.reference or _same_kind(a, b) or (_demonstration(a) and _demonstration(b))):
            return False
    if a.event_type is None or b.event_type is None:
        return a.event_type is None and b.event_type is None and a.plover_category == b.plover_category
    if cluster.specific and not item.generic and not taxonomy.mergeable_types(a.sub_event_type, b.sub_event_type):
        return False
    return actor_alignment(a, b) is not None


def _same_kind(a: Event, b: Event) -> bool:
    """The same sub-event type, or two weapons named for one explosion ("an IED" for the suicide
    bombing told before)."""
    return a.sub_event_type == b.sub_event_type or a.event_type == b.event_type in WEAPON_TYPES


def _by_report(item: _Item) -> bool:
    return item.undated and item.reported


def _demonstration(event: Event) -> bool:
    """A protest or riot, or an arrest of protesters, rioters or people it does not name: one
    day of unrest told in several sentences, of which an undated one ("riot police detain a
    demonstrator", "made dozens of arrests") is part."""
    if event.event_type in DEMONSTRATION_TYPES:
        return True
    if event.sub_event_type != ARRESTS:
        return False
    return event.actor2 is None or event.inter2 in DEMONSTRATOR_INTERS


def _replaceable(current: str | None, offered: str | None) -> bool:
    """A missing side takes any name; an unidentified group takes a named one."""
    if offered is None:
        return False
    return current is None or (is_unidentified(current) and not is_unidentified(offered))


def _first_start(event: Event) -> int:
    return min((evidence.start for evidence in event.evidence), default=0)


def _combine(members: list[Event], claims: list[CountClaim]) -> Event:
    """One event from compatible mentions; the first lends type, trigger and actors first."""
    base = members[0]
    actor1, inter1, actor2, inter2 = base.actor1, base.inter1, base.actor2, base.inter2
    for other in members[1:]:
        other_sides = [(other.actor1, other.inter1), (other.actor2, other.inter2)]
        probe = replace(base, actor1=actor1, actor2=actor2)
        if actor_alignment(probe, other) == "swapped":
            other_sides.reverse()
        if _replaceable(actor1, other_sides[0][0]) and other_sides[0][0] != actor2:
            actor1, inter1 = other_sides[0]
        if _replaceable(actor2, other_sides[1][0]) and other_sides[1][0] != actor1:
            actor2, inter2 = other_sides[1]
    where = _where(members)
    evidence: dict[tuple[int, int], Evidence] = {}
    for member in sorted(members, key=_first_start):
        for item in member.evidence:
            evidence.setdefault((item.start, item.end), item)
    counts = {name: resolve_count(claims, name) for name in COUNT_FIELDS}
    merged = replace(
        base,
        time_precision=min(member.time_precision for member in members),
        actor1=actor1, inter1=inter1, actor2=actor2, inter2=inter2,
        country=where.country, iso3=where.iso3, admin1=where.admin1, admin2=where.admin2,
        location=where.location, latitude=where.latitude, longitude=where.longitude,
        geo_precision=where.geo_precision, geonameid=where.geonameid,
        evidence=sorted(evidence.values(), key=lambda item: (item.start, item.role != "trigger")),
        sources=sorted({source for member in members for source in member.sources}),
        **counts,
    )
    if merged.event_type is None and merged.plover_mode is None:
        merged = replace(merged, plover_mode=next((m.plover_mode for m in members if m.plover_mode), None))
    if merged.event_type is not None:
        merged = replace(merged, civilian_targeting="Civilian targeting" if merged.inter2 == 7 else None)
    return merged


def _strength_key(event: Event, taxonomy: Taxonomy) -> tuple:
    if event.sub_event_type is None:
        return (len(taxonomy.event_types), 0)
    return (taxonomy.type_rank(event.event_type), taxonomy.sub_rank(event.sub_event_type))


def _cluster_event(cluster: _Cluster, taxonomy: Taxonomy) -> Event:
    """The merged event of a cluster: the strongest type among its specific members (all
    members when none is specific); a non-weak member with the most actors leads."""
    deciding = [item for item in cluster.items if not item.generic] or cluster.items
    strongest = deciding[0].event.sub_event_type
    for item in deciding[1:]:
        if strongest is not None and item.event.sub_event_type is not None:
            strongest = taxonomy.stronger(strongest, item.event.sub_event_type)
    ranked = sorted(
        cluster.items,
        key=lambda item: (
            item.event.sub_event_type != strongest,
            item.weak,
            -sum(actor is not None for actor in (item.event.actor1, item.event.actor2)),
            item.generic,
            _strength_key(item.event, taxonomy),
            _first_start(item.event),
        ),
    )
    merged = _combine([item.event for item in ranked], [claim for item in cluster.items for claim in item.claims])
    # the day comes from a member whose own text states it, the first in the text; else from a
    # reference that dates the event it names ("four were hurt ... The riot on Tuesday began ...")
    dated = [item.event for item in cluster.items if not item.undated] or [
        item.event for item in cluster.items if item.dated_reference
    ]
    if dated:
        first = min(dated, key=_first_start)
        merged = replace(merged, event_date=first.event_date, time_precision=first.time_precision)
    if strongest is not None and merged.sub_event_type != strongest:
        plover, mode = taxonomy.plover_for(strongest)
        event_type = taxonomy.sub_to_type[strongest]
        merged = replace(
            merged, event_type=event_type, sub_event_type=strongest, plover_category=plover, plover_mode=mode,
            disorder_type=taxonomy.disorder_type(event_type, strongest),
        )
    return merged


def merge_events(
    events: list[Event],
    *,
    claims: list[list[CountClaim]] | None = None,
    weak: list[bool] | None = None,
    generic: list[bool] | None = None,
    distinct: list[bool] | None = None,
    undated: list[bool] | None = None,
    references: list[bool] | None = None,
    reported: list[bool] | None = None,
    dated_references: list[bool] | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[Event]:
    """Merge the event mentions of one article (see the module docstring).

    Optional per-event lists: ``claims[i]``, the count claims of ``events[i]`` (default: its own
    counts, unattributed); ``weak[i]``, it joins an event but is dropped when alone (a headline,
    a meeting whose only named side is a person); ``generic[i]``, its type is the default of a
    vague trigger ("the attack") and gives way to a specific member's type, even across type
    groups; ``distinct[i]``, it never joins an earlier event ("a car bomb also exploded");
    ``undated[i]``, the text states no day for it (its date is the publication day, or the day
    of a claim about it), so it joins a compatible event of another day and takes that day,
    when it is vague (``generic``), of the same sub-event type, or ``references[i]``: a
    definite reference to an event told before ("were also wounded in the blast"), which is
    undated too. ``reported[i]``: its only stated day is the day of a statement about it ("the
    police said on Friday that an officer was wounded"); it is undated, but joins an event of
    another day only of its own sub-event type (or both demonstrations). ``dated_references[i]``:
    a reference (``references[i]``) whose own phrase states a day ("the riot on Tuesday"); it
    joins like any reference, and gives the event it names that day when no member states one
    of its own.
    """
    taxonomy = taxonomy or load_taxonomy()
    count = len(events)
    items = [
        _Item(
            event,
            claims[index] if claims is not None else _own_claims(event),
            weak[index] if weak is not None else False,
            generic[index] if generic is not None else False,
            distinct[index] if distinct is not None else False,
            undated[index] if undated is not None else False,
            references[index] if references is not None else False,
            reported[index] if reported is not None else False,
            dated_references[index] if dated_references is not None else False,
        )
        for index, event in enumerate(events)
    ]
    order = sorted(range(count), key=lambda index: (_first_start(events[index]), index))
    clusters: list[_Cluster] = []
    for index in order:
        item = items[index]
        best, best_score = None, None
        for cluster in clusters:
            if not _compatible(cluster, item, taxonomy):
                continue
            score = (
                # an undated mention's date is a stand-in: it looks for an event a text dates
                cluster.stated_day if item.undated else cluster.event.event_date == item.event.event_date,
                _exact_matches(cluster.event, item.event),
                same_place(cluster.event, item.event),
            )
            if best_score is None or score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = _Cluster()
            clusters.append(best)
        best.items.append(item)
        best.event = _cluster_event(best, taxonomy)
    _date_undated(clusters)
    kept = [cluster.event for cluster in clusters if not all(item.weak for item in cluster.items)]
    return sorted(kept, key=_first_start)


def _date_undated(clusters: list[_Cluster]) -> None:
    """An event no sentence dates ("Ten civilians were killed in air strikes on Atareb", a
    paragraph after "on Monday") happened on the day of the event told before it, not on the
    publication day: a news story reports one day's events unless it says otherwise."""
    last = None
    for cluster in sorted(clusters, key=lambda cluster: _first_start(cluster.event)):
        if cluster.own_day:
            last = cluster.event
        elif any(_by_report(item) for item in cluster.items):
            continue  # the day of a statement about it is the best day the text gives
        elif last is not None and last.event_date is not None:
            cluster.event = replace(cluster.event, event_date=last.event_date, time_precision=last.time_precision)


def _own_claims(event: Event) -> list[CountClaim]:
    return [
        CountClaim(name, getattr(event, name), "", 0, 0)
        for name in COUNT_FIELDS
        if getattr(event, name) is not None
    ]


# -- ids --------------------------------------------------------------------------------------
def event_key(event: Event) -> str:
    kind = event.event_type or event.plover_category or ""
    date = event.event_date.isoformat() if event.event_date else ""
    return "|".join([event.article_id, date, kind, event.location or "", event.actor1 or "", event.actor2 or ""])


def assign_event_ids(events: list[Event]) -> list[Event]:
    """Set ``event_id`` to "ev" + 12 hex digits of sha256(article|date|type|location|actor1|actor2|ordinal).

    The ordinal counts earlier events with the same key, so ids are stable across reprocessing.
    Events are updated in place and returned.
    """
    seen: dict[str, int] = {}
    for event in events:
        key = event_key(event)
        ordinal = seen.get(key, 0)
        seen[key] = ordinal + 1
        digest = hashlib.sha256(f"{key}|{ordinal}".encode("utf-8")).hexdigest()
        event.event_id = ID_PREFIX + digest[:ID_HEX_DIGITS]
    return events
