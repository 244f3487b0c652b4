"""One event, many reports: the events coded from several articles that describe one happening
become one event listing every source and every evidence span.

Each article's coded event is a *report*. Two reports may be merged when (``compare``):

- they come from different articles (an article's own events were merged by the coder);
- same ACLED event type, or both verbal with the same PLOVER category; for explosions and
  violence against civilians the sub-event types agree too (a suicide bombing and a roadside
  bomb the same day are two events);
- their dates agree within their time precision (the coarser of the two: the same day, the
  same week, the same month); a day apart is tolerated for day-precise reports published on
  different days, which resolve "yesterday" against different days;
- their places agree: the same gazetteer entry, or within ``NEAR_KM``; at lower geo precision
  the same admin2 (precision 2) or the same admin1 (a town and its province: precision 3), or
  the same country when one names only the country;
- their actors do not contradict: when both name a specific actor, they share one (generic
  sides such as "Unidentified Armed Group" or "Civilians" fit any).

Merging is deterministic and independent of the order reports arrive in: candidate pairs are
tried best first (``score``, then ids), and two groups join only when every report of one is
compatible with every report of the other and no article would give two reports to one
event. A merged event takes (``merge_group``):

- type, date, place, actors: from the report that states each most precisely, ties broken by
  the number of independent stories stating it, then by the earliest report;
- counts (fatalities, injured, arrested): ACLED's rules: the most recent report's figure (a
  follow-up updates a toll), the lowest where reports of that day conflict; every disagreement
  is kept in ``conflicts``;
- sources: every article, earliest first; ``independent_sources``: the stories among them
  (copies of one wire story are one source, not independent confirmation); ``confidence``
  rises with them: ``1 - 0.5 ** independent_sources``;
- ``merge_reasons``: why each report joined, in words (``eventwire show`` prints them).

A copy of a story that the coder missed an event in (a caption cut, a parse that went wrong)
still reports it when it carries the sentence the event was coded from: ``align_copies``
finds that sentence in the story's other articles and adds them as sources.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from eventwire.types import Event, Evidence, FieldSource, Quote

__all__ = ["Report", "Comparison", "compare", "deduplicate", "deduplicate_groups", "align_copies", "merge_group", "quote_reports"]

NEAR_KM = 10.0  # two points this close are one place for an event (ACLED: a town and its outskirts)
ADMIN2_KM = 25.0  # precision-2 places ("near X") this close also agree
EARTH_RADIUS_KM = 6371.0088
PRECISION_DAYS = {1: 0, 2: 7, 3: 31}  # how far apart two dates of this ACLED time precision may lie
# Sub-event types that tell events apart: a suicide bombing and an air strike, or an abduction
# and a sexual assault, the same day in one town are two events. Elsewhere outlets disagree
# on the sub-type of one event (a protest "with intervention" or not) and the type suffices.
DISTINCT_SUBTYPE_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})
GENERIC_ACTOR_RE = re.compile(
    r"^(?:Unidentified Armed Group|Civilians|Rioters|Protesters|Police Forces|Military Forces|Government)\b"
)
COUNT_FIELDS = ("fatalities", "injured", "arrested")
PLACE_FIELDS = ("country", "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "geonameid")
ACTOR_FIELDS = ("actor1", "inter1", "actor2", "inter2", "civilian_targeting")
TYPE_FIELDS = ("event_type", "sub_event_type", "plover_category", "plover_mode", "disorder_type")
WORD_RE = re.compile(r"\w+", re.UNICODE)
COPY_OVERLAP = 0.8  # a sentence sharing this share of its words is the same sentence, copied
MIN_COPY_WORDS = 8


@dataclass(frozen=True)
class Report:
    """One article's coded event, with what deduplication needs to know about the article."""

    event: Event
    published: dt.date | None = None
    story_id: str = ""  # the article's story (eventwire.dedup.stories); "" = a story of its own

    @property
    def id(self) -> str:
        return self.event.event_id

    @property
    def article_id(self) -> str:
        return self.event.article_id

    @property
    def story(self) -> str:
        return self.story_id or self.event.article_id


@dataclass(frozen=True)
class Comparison:
    compatible: bool
    score: int = 0  # how strongly they agree: orders the candidate pairs
    reasons: tuple[str, ...] = ()  # agreements (or the first disagreement when not compatible)


# ---- the pair test ------------------------------------------------------------------------------


def compare(a: Report, b: Report) -> Comparison:
    """May reports ``a`` and ``b`` describe one event? With the reasons, in words."""
    if a.article_id == b.article_id:
        return Comparison(False, reasons=("same article",))
    checks = (_same_kind, _same_time, _same_place, _same_actors)
    score, reasons = 0, []
    for check in checks:
        ok, points, reason = check(a, b)
        if not ok:
            return Comparison(False, reasons=(reason,))
        score += points
        if reason:
            reasons.append(reason)
    if a.story == b.story:
        score += 3
        reasons.append("copies of one story")
    return Comparison(True, score, tuple(reasons))


def _same_kind(a: Report, b: Report) -> tuple[bool, int, str]:
    x, y = a.event, b.event
    if x.event_type is not None or y.event_type is not None:
        if x.event_type != y.event_type:
            return False, 0, f"different event types ({x.event_type} / {y.event_type})"
        if x.sub_event_type == y.sub_event_type:
            return True, 2, f"same type ({x.event_type} / {x.sub_event_type})"
        if x.event_type in DISTINCT_SUBTYPE_TYPES:
            return False, 0, f"different sub-event types ({x.sub_event_type} / {y.sub_event_type})"
        return True, 0, f"same type ({x.event_type})"
    if x.plover_category != y.plover_category or x.plover_category is None:
        return False, 0, f"different PLOVER categories ({x.plover_category} / {y.plover_category})"
    return True, 2, f"same PLOVER category ({x.plover_category})"


def _same_time(a: Report, b: Report) -> tuple[bool, int, str]:
    x, y = a.event, b.event
    if x.event_date is None or y.event_date is None:
        if a.story == b.story:
            return True, 0, "a date unknown (copies of one story)"
        return False, 0, "a date unknown"
    gap = abs((x.event_date - y.event_date).days)
    precision = max(x.time_precision or 1, y.time_precision or 1)
    allowed = PRECISION_DAYS.get(precision, PRECISION_DAYS[3])
    if precision == 1 and a.published and b.published and a.published != b.published:
        allowed = 1  # "yesterday" in reports of two days
    if precision >= 3 and (x.event_date.year, x.event_date.month) != (y.event_date.year, y.event_date.month):
        return False, 0, f"different months ({x.event_date:%Y-%m} / {y.event_date:%Y-%m})"
    if gap > allowed:
        return False, 0, f"dates {gap} days apart ({x.event_date} / {y.event_date})"
    if gap == 0:
        return True, 2, f"same date ({x.event_date})"
    return True, 1, f"dates {gap} day(s) apart, within time precision {precision}"


def _same_place(a: Report, b: Report) -> tuple[bool, int, str]:
    x, y = a.event, b.event
    if not x.country or not y.country:
        if a.story == b.story:
            return True, 0, "a place unknown (copies of one story)"
        return False, 0, "a place unknown"
    if x.country != y.country:
        return False, 0, f"different countries ({x.country} / {y.country})"
    if x.geonameid is not None and x.geonameid == y.geonameid:
        return True, 3, f"same place ({x.location})"
    km = _distance_km(x, y)
    if km is not None and km <= NEAR_KM:
        return True, 2, f"{x.location} and {y.location} {km:.0f} km apart"
    coarse = max(_precision(x), _precision(y))
    if coarse >= 3:
        wide, narrow = (x, y) if _precision(x) >= _precision(y) else (y, x)
        if _is_country_level(wide):
            return True, 0, f"{narrow.location} lies in {wide.country}"
        if wide.admin1 and wide.admin1 == narrow.admin1:
            return True, 1, f"{narrow.location} lies in {wide.admin1}"
        return False, 0, f"different regions ({x.admin1 or x.location} / {y.admin1 or y.location})"
    if coarse == 2:
        if x.admin2 and x.admin2 == y.admin2:
            return True, 1, f"same admin2 ({x.admin2})"
        if km is not None and km <= ADMIN2_KM:
            return True, 1, f"{x.location} and {y.location} {km:.0f} km apart (geo precision 2)"
    where = f"{km:.0f} km apart" if km is not None else "different places"
    return False, 0, f"{x.location} and {y.location}: {where}"


def _same_actors(a: Report, b: Report) -> tuple[bool, int, str]:
    first, second = _named_actors(a.event), _named_actors(b.event)
    if not first or not second:
        return True, 0, ""
    shared = first & second
    if not shared:
        return False, 0, f"different actors ({', '.join(sorted(first))} / {', '.join(sorted(second))})"
    return True, 2, f"shared actor {sorted(shared)[0]}"


def _named_actors(event: Event) -> frozenset[str]:
    return frozenset(
        name for name in (event.actor1, event.actor2) if name and not GENERIC_ACTOR_RE.match(name)
    )


def _precision(event: Event) -> int:
    """ACLED geo precision (1 town, 2 near a town, 3 region), 4 for a country-wide place."""
    if _is_country_level(event):
        return 4
    if event.geo_precision:
        return event.geo_precision
    return 3 if event.geonameid is None or event.location in (event.admin1, event.country) else 1


def _is_country_level(event: Event) -> bool:
    return bool(event.country) and not event.admin1 and (
        event.location in (None, "", event.country) or event.geonameid is None
    )


def _distance_km(x: Event, y: Event) -> float | None:
    if None in (x.latitude, x.longitude, y.latitude, y.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (x.latitude, x.longitude, y.latitude, y.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def event_kind(event: Event) -> str:
    """What reports must share to be compared: the ACLED type, or "PLOVER " + the category."""
    return event.event_type or f"PLOVER {event.plover_category}"


# ---- grouping -----------------------------------------------------------------------------------


DAY_WINDOW = 1  # the widest gap two day-precise reports may have (see _same_time)


def _blocked_pairs(reports: list[Report], members: list[int]):
    """The pairs ``(i, j)``, ``i < j``, of one bucket whose dates may agree, so a large corpus
    is not compared all against all: a day-precise report meets the day-precise ones at most a
    day away (bisect on sorted days); a coarser report meets every report within a month.
    Undated reports meet every report of the bucket (only copies of their own story pass)."""
    widest = max(PRECISION_DAYS.values())

    def day(i: int) -> int:
        return reports[i].event.event_date.toordinal()

    dated = [i for i in members if reports[i].event.event_date]
    precise = sorted((i for i in dated if (reports[i].event.time_precision or 1) == 1), key=day)
    coarse = sorted((i for i in dated if (reports[i].event.time_precision or 1) > 1), key=day)
    precise_days = [day(i) for i in precise]
    coarse_days = [day(i) for i in coarse]
    for pos, i in enumerate(precise):
        for j in precise[pos + 1 : bisect.bisect_right(precise_days, precise_days[pos] + DAY_WINDOW)]:
            yield min(i, j), max(i, j)
    for pos, i in enumerate(coarse):
        lo = bisect.bisect_left(precise_days, coarse_days[pos] - widest)
        hi = bisect.bisect_right(precise_days, coarse_days[pos] + widest)
        for j in precise[lo:hi]:
            yield min(i, j), max(i, j)
        for j in coarse[pos + 1 : bisect.bisect_right(coarse_days, coarse_days[pos] + widest)]:
            yield min(i, j), max(i, j)
    undated = [i for i in members if not reports[i].event.event_date]
    for pos, i in enumerate(undated):
        for j in undated[pos + 1 :] + dated:
            yield min(i, j), max(i, j)


@dataclass
class _Group:
    members: list[int]
    articles: set[str] = field(default_factory=set)


def deduplicate(
    reports: Iterable[Report], *, texts: Mapping[str, str] | None = None, stories: Mapping[str, str] | None = None
) -> list[Event]:
    """Merge ``reports`` into events: one per group of reports of one happening.

    The result depends only on the set of reports (not their order): see the module doc.
    ``texts`` (article id -> text) lets copies of a story that carry an event's sentence be
    added as its sources (``align_copies``). Events come in order of their ids.
    """
    return [event for event, _ in deduplicate_groups(reports, texts=texts, stories=stories)]


def deduplicate_groups(
    reports: Iterable[Report], *, texts: Mapping[str, str] | None = None, stories: Mapping[str, str] | None = None
) -> list[tuple[Event, list[str]]]:
    """``deduplicate``, with the ids of the reports merged into each event. A merged event takes
    the id of its first report (the earliest published, then the smallest id). ``stories``
    (article id -> story id) names the stories of articles in ``texts`` that have no report."""
    reports = sorted(reports, key=lambda report: report.id)
    groups = _group(reports)
    merged = [
        (merge_group([reports[i] for i in members], reasons), [reports[i].id for i in members])
        for members, reasons in groups
    ]
    if texts:
        story_of = {article_id: story or article_id for article_id, story in (stories or {}).items()}
        story_of.update({report.article_id: report.story for report in reports})
        published = {report.article_id: report.published for report in reports}
        align_copies([event for event, _ in merged], texts, story_of, published)
    return sorted(merged, key=lambda pair: pair[0].event_id)


def _group(reports: list[Report]) -> list[tuple[list[int], list[str]]]:
    """Groups of report indices, with the reasons each join was made.

    Reports identical in everything the pair test reads (a wire story's copies, coded alike)
    are first gathered into units, at most one report per article each, so that a story run by
    hundreds of outlets costs one comparison, not hundreds squared.
    """
    units = _units(reports)
    first = [unit[0] for unit in units]
    pairs: list[tuple[int, str, str, int, int, Comparison]] = []
    by_kind: dict[tuple, list[int]] = defaultdict(list)
    for u, index in enumerate(first):
        by_kind[(event_kind(reports[index].event), reports[index].event.country)].append(u)
    compatible: dict[tuple[int, int], Comparison] = {}
    for members in by_kind.values():
        for u, v in _blocked_pairs([reports[index] for index in first], members):
            result = compare(reports[first[u]], reports[first[v]])
            if result.compatible:
                compatible[(u, v)] = result
                pairs.append((-result.score, reports[first[u]].id, reports[first[v]].id, u, v, result))
    pairs.sort(key=lambda pair: pair[:3])
    group_of = {u: _Group([u], {reports[i].article_id for i in unit}) for u, unit in enumerate(units)}
    reasons: dict[int, list[str]] = defaultdict(list)
    for u, unit in enumerate(units):
        if len(unit) > 1:
            reasons[id(group_of[u])].append(_identical(reports, unit))
    for _, _, _, u, v, result in pairs:
        gu, gv = group_of[u], group_of[v]
        if gu is gv or gu.articles & gv.articles:
            continue
        if not all((min(p, q), max(p, q)) in compatible for p in gu.members for q in gv.members):
            continue
        gu.members += gv.members
        gu.articles |= gv.articles
        for member in gv.members:
            group_of[member] = gu
        reasons[id(gu)] += reasons.pop(id(gv), [])
        reasons[id(gu)].append(
            f"{reports[first[v]].article_id} with {reports[first[u]].article_id}: " + "; ".join(result.reasons)
        )
    seen: set[int] = set()
    groups = []
    for u in range(len(units)):
        group = group_of[u]
        if id(group) in seen:
            continue
        seen.add(id(group))
        groups.append((sorted(i for member in group.members for i in units[member]), reasons.get(id(group), [])))
    return groups


IDENTICAL_NAMED = 5  # articles named in the reason for a unit of identical reports


def _units(reports: list[Report]) -> list[list[int]]:
    """Report indices gathered by everything the pair test reads; the k-th report of an article
    with a given signature goes to the k-th unit of it, so no unit holds two of one article."""
    by_signature: dict[tuple, list[list[int]]] = {}
    seen: dict[tuple, int] = defaultdict(int)
    for index, report in enumerate(reports):
        signature = _signature(report)
        layer = seen[(signature, report.article_id)]
        seen[(signature, report.article_id)] += 1
        layers = by_signature.setdefault(signature, [])
        if layer == len(layers):
            layers.append([])
        layers[layer].append(index)
    return sorted((unit for layers in by_signature.values() for unit in layers), key=lambda unit: unit[0])


def _signature(report: Report) -> tuple:
    event = report.event
    return (
        event_kind(event), event.sub_event_type, event.event_date, event.time_precision, event.country, event.admin1,
        event.admin2, event.location, event.geonameid, event.geo_precision, event.latitude, event.longitude,
        event.actor1, event.actor2, report.published,
    )


def _identical(reports: list[Report], unit: list[int]) -> str:
    articles = [reports[i].article_id for i in unit]
    named = ", ".join(articles[1 : IDENTICAL_NAMED + 1]) + (", ..." if len(articles) > IDENTICAL_NAMED + 1 else "")
    stories = {reports[i].story for i in unit}
    copies = "; copies of one story" if len(stories) == 1 else f"; {len(stories)} stories"
    return f"{named} with {articles[0]}: the same type, date, place and actors ({len(articles)} reports{copies})"


# ---- merging ------------------------------------------------------------------------------------


def _order(report: Report) -> tuple:
    return (report.published or dt.date.max, report.id)


def merge_group(reports: list[Report], reasons: list[str] | None = None) -> Event:
    """One event from the reports of one happening (a single report comes back as it is, with
    its source and confidence filled in)."""
    reports = sorted(reports, key=_order)
    primary = reports[0]
    independent = len({report.story for report in reports})
    if len(reports) == 1:
        event = replace(
            primary.event,
            sources=list(dict.fromkeys(primary.event.sources or [primary.article_id])),
            evidence=list(primary.event.evidence),
            provenance=list(primary.event.provenance),
        )
        event.independent_sources, event.confidence = 1, _confidence(1)
        return event
    kind = _pick(reports, key=lambda e: (e.event_type, e.sub_event_type, e.plover_category), precise=lambda e: 0)
    when = _pick(reports, key=lambda e: (e.event_date, e.time_precision), precise=lambda e: e.time_precision or 9,
                 present=lambda e: e.event_date is not None)
    where = _pick(reports, key=lambda e: e.geonameid or e.location, precise=_precision, present=lambda e: bool(e.country))
    who = _pick(reports, key=lambda e: (e.actor1, e.actor2), precise=lambda e: -len(_named_actors(e)) * 2 - bool(e.actor1) - bool(e.actor2))
    values: dict[str, object] = {}
    from_report: dict[str, Report] = {}
    for fields, chosen, provenance_fields in (
        (TYPE_FIELDS, kind, ("event_type",)),
        (("event_date", "time_precision"), when, ("event_date",)),
        (PLACE_FIELDS, where, ("location",)),
        (ACTOR_FIELDS, who, ("actor1", "actor2")),
    ):
        for name in fields:
            values[name] = getattr(chosen.event, name)
        for name in provenance_fields:
            from_report[name] = chosen
    conflicts: list[str] = []
    for name in COUNT_FIELDS:
        value, source, conflict = _count(reports, name)
        values[name] = value
        if source is not None:
            from_report[name] = source
        if conflict:
            conflicts.append(conflict)
    conflicts += _disagreements(reports, "sub_event_type", kind.event.sub_event_type)
    conflicts += _disagreements(reports, "event_date", when.event.event_date)
    sources = list(dict.fromkeys(source for report in reports for source in (report.event.sources or [report.article_id])))
    evidence: dict[tuple, Evidence] = {}
    for report in reports:
        for item in report.event.evidence:
            evidence.setdefault((item.article_id, item.start, item.end), item)
    order = {article: index for index, article in enumerate(sources)}
    provenance = [
        item
        for name, report in from_report.items()
        for item in report.event.provenance
        if _provenance_field(item) == name
    ]
    event = replace(
        primary.event,
        **values,
        sources=sources,
        evidence=sorted(evidence.values(), key=lambda item: (order.get(item.article_id, len(order)), item.start, item.role != "trigger")),
        provenance=sorted(provenance, key=lambda item: (FIELD_ORDER.get(_provenance_field(item), 99), item.start)),
        conflicts=conflicts,
        merge_reasons=list(reasons or []),
    )
    event.independent_sources, event.confidence = independent, _confidence(independent)
    return event


FIELD_ORDER = {name: index for index, name in enumerate(
    ("event_type", "event_date", "location", "actor1", "actor2", "fatalities", "injured", "arrested")
)}


def _provenance_field(item: FieldSource) -> str:
    return "event_type" if item.field in ("sub_event_type", "plover_category") else item.field


def _confidence(independent: int) -> float:
    return round(1 - 0.5 ** max(independent, 1), 3)


def _pick(reports: list[Report], *, key, precise, present=lambda e: True) -> Report:
    """The report that states a field best: most precise, then the value most stories state,
    then the earliest report."""
    candidates = [report for report in reports if present(report.event)] or reports
    votes: dict[object, set[str]] = defaultdict(set)
    for report in candidates:
        votes[key(report.event)].add(report.story)
    return min(candidates, key=lambda r: (precise(r.event), -len(votes[key(r.event)]), _order(r)))


def _count(reports: list[Report], name: str) -> tuple[int | None, Report | None, str]:
    """ACLED: the most recent report's figure, the lowest of that day's where they conflict."""
    stated = [(report, getattr(report.event, name)) for report in reports if getattr(report.event, name)]
    if not stated:
        zeros = [report for report in reports if getattr(report.event, name) == 0]
        return (0, zeros[0], "") if zeros else (None, None, "")
    latest = max((report.published or dt.date.min) for report, _ in stated)
    newest = [(report, value) for report, value in stated if (report.published or dt.date.min) == latest]
    source, value = min(newest, key=lambda pair: (pair[1], _order(pair[0])))
    figures = sorted({value for _, value in stated})
    if len(figures) == 1:
        return value, source, ""
    told = ", ".join(f"{v} ({r.article_id}, {r.published or 'undated'})" for r, v in sorted(stated, key=lambda p: _order(p[0])))
    why = "the most recent report" if len(newest) < len(stated) else "the lowest figure"
    return value, source, f"{name}: {told}; kept {value}, {why}"


def _disagreements(reports: list[Report], name: str, kept) -> list[str]:
    told = {getattr(report.event, name) for report in reports} - {None}
    if len(told) <= 1:
        return []
    listed = ", ".join(
        f"{getattr(r.event, name)} ({r.article_id})" for r in reports if getattr(r.event, name) is not None
    )
    return [f"{name}: {listed}; kept {kept}"]


# ---- copies that carry an event's sentence ---------------------------------------------------------


def align_copies(
    events: list[Event],
    texts: Mapping[str, str],
    story_of: Mapping[str, str],
    published: Mapping[str, dt.date | None] | None = None,
) -> list[Event]:
    """Add, as sources of each event, the articles of its stories that carry the sentence it was
    coded from (a copy whose own coding missed it). Articles already a source of an event of the
    same kind are left alone (they told it their own way), and so are copies whose own events
    were coded from that very sentence (their coder read it as another event)."""
    members: dict[str, list[str]] = defaultdict(list)
    for article_id, story in sorted(story_of.items()):
        members[story].append(article_id)
    kinds: dict[str, set[tuple]] = defaultdict(set)
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)  # sentences an article's own events came from
    for event in events:
        for source in event.sources:
            kinds[source].add(_kind(event))
        for item in event.evidence:
            covered[item.article_id].append((item.start, item.end))
    published = published or {}
    for event in events:
        triggers = [
            item for item in event.evidence
            if item.role == "trigger" and len(WORD_RE.findall(item.text)) >= MIN_COPY_WORDS
        ]
        stories_told = {story_of.get(item.article_id) for item in triggers} - {None}
        for other in sorted({member for story in stories_told for member in members.get(story, [])}):
            if other in event.sources or other not in texts or _kind(event) in kinds[other]:
                continue
            for trigger in triggers:
                if story_of.get(trigger.article_id) != story_of.get(other):
                    continue
                span = find_copied_sentence(texts[other], trigger.text)
                if span is None:
                    continue
                start, end = span
                if any(lo < end and start < hi for lo, hi in covered[other]):
                    break  # its own coding read that sentence as another event
                event.sources.append(other)
                event.evidence.append(Evidence(other, start, end, texts[other][start:end], "trigger"))
                event.merge_reasons.append(f"{other} carries the sentence it was coded from in {trigger.article_id} (a copy)")
                kinds[other].add(_kind(event))
                break
        if len(event.sources) > 1:
            stories = {story_of.get(source, source) for source in event.sources}
            event.independent_sources, event.confidence = len(stories), _confidence(len(stories))
            event.sources.sort(key=lambda source: (published.get(source) or dt.date.max, source))
    return events


def _kind(event: Event) -> tuple:
    return (event.event_type, event.plover_category if event.event_type is None else None)


ANCHOR_WORDS = 4  # a copied sentence is found by runs of this many of its words
SPAN_SLACK = 1.3  # a copy may be this much longer than the sentence (a dateline, an inserted clause)


def find_copied_sentence(text: str, sentence: str) -> tuple[int, int] | None:
    """The span of ``text`` that copies ``sentence``: it opens with a run of the sentence's
    first words (or of the words after a dateline), ends with a run of its last words, and holds
    at least ``COPY_OVERLAP`` of its words. None when ``text`` has no such span."""
    words = WORD_RE.findall(sentence)
    if len(words) < MIN_COPY_WORDS:
        return None
    wanted = Counter(word.lower() for word in words)
    tail = _phrase(words[-ANCHOR_WORDS:])
    reach = int(len(sentence) * SPAN_SLACK)
    for head in (_phrase(words[:ANCHOR_WORDS]), _phrase(words[ANCHOR_WORDS : 2 * ANCHOR_WORDS])):
        for opening in head.finditer(text):
            closing = tail.search(text, opening.start(), opening.start() + reach)
            if closing is None:
                continue
            start, end = opening.start(), closing.end()
            if head.pattern != _phrase(words[:ANCHOR_WORDS]).pattern:  # opened after a dateline: back to its start
                start = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
                start += len(text[start:end]) - len(text[start:end].lstrip())
            have = Counter(word.lower() for word in WORD_RE.findall(text[start:end]))
            if sum((wanted & have).values()) / sum(wanted.values()) >= COPY_OVERLAP:
                if text[end : end + 1] in (".", "!", "?"):
                    end += 1
                return start, end
    return None


def _phrase(words: list[str]) -> re.Pattern:
    return re.compile(r"\W+".join(re.escape(word) for word in words), re.IGNORECASE)


# ---- quotes about events -------------------------------------------------------------------------

MATERIAL_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def quote_reports(quote: Quote, events: Iterable[Event]) -> list[str]:
    """The ids of the article's events a quote is about: those whose evidence sentences hold
    it; a claim of responsibility with none there is about the article's violent events."""
    events = list(events)
    linked = [
        event.event_id
        for event in events
        if any(item.start < quote.end and quote.start < item.end for item in event.evidence)
    ]
    if not linked and quote.kind == "claim":
        linked = [event.event_id for event in events if event.event_type in MATERIAL_TYPES]
    return list(dict.fromkeys(linked))
