"""Casualty and arrest counts: which event a ``CasualtyMention`` belongs to, and the figure kept.

A count attaches to an event mention of its own sentence: the mention whose trigger states it
("the battle killed two", "killing four") or, failing that, the nearest trigger in the
sentence. A sentence with counts but no trigger refers back ("Five more people were later
found dead") and attaches to the nearest previous material event of its paragraph, else of
the sentence just before it.

When several figures are stated for one event, the largest is kept (a toll that rose) unless
they come from different sources (ACLED: conflicting reports -> the lowest figure). A zero
("no civilian casualties") never outweighs a positive figure: it speaks of another group.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from eventwire.coding.coref.context import DocContext, sentence_bounds
from eventwire.nlp.data import DATA_DIR, read_json
from eventwire.nlp.numbers import number_words, parse_count
from eventwire.types import CasualtyMention, DateMention, Event

DATES_PATH = DATA_DIR / "dates.json"
COUNT_FIELDS = ("fatalities", "injured", "arrested")

KIND_FIELDS = {"killed": "fatalities", "injured": "injured", "arrested": "arrested"}
ATTRIBUTION_DEPS = ("nsubj", "nsubjpass")
SIDE_SUMMED = frozenset({"fatalities"})  # the dead of both sides are the event's fatalities (ACLED)
# Kinds whose vague figures ("several victims") give way to a stated number. Not arrests: press
# releases give "detained a leader and several suspects" as a summary of their details.
VAGUE_YIELDS = frozenset({"fatalities"})


@dataclass(frozen=True)
class CountClaim:
    kind: str  # an Event field: "fatalities", "injured" or "arrested"
    count: int
    source: str  # who states it, lower case; "" when the report states it itself
    start: int  # the stating sentence (evidence bounds)
    end: int
    additional: bool = False  # "two more", "were also killed": adds to the figures before it
    side: str | None = None  # whose dead or captured: "state", "armed", "civilians", "crowd"; None unknown or mixed
    vague: bool = False  # "several victims", "dozens": a word for a figure, not a figure


@dataclass(frozen=True)
class Anchor:
    """What counts attach to: one event mention's trigger."""

    sent_index: int
    token: Token
    covered: frozenset  # token indices of the trigger and the kill verbs it absorbed
    material: bool
    cls: str


def attribution(sent: Span, reporting_verbs: frozenset) -> str:
    """Who a sentence cites: "according to X" or the subject of "said"/"told"."""
    for token in sent:
        if token.lower_ == "according":
            for to in (child for child in token.children if child.lower_ == "to"):
                pobjs = [child for child in to.children if child.dep_ == "pobj"]
                if pobjs:
                    return _phrase_key(pobjs[0])
        if token.dep_ in ATTRIBUTION_DEPS and token.head.lemma_.lower() in reporting_verbs and token.head.pos_ == "VERB":
            if token.head.dep_ in ("ROOT", "parataxis", "ccomp") and token.pos_ != "PRON":
                return _phrase_key(token)
    return ""


def _phrase_key(token: Token) -> str:
    words = [child for child in token.lefts if child.dep_ in ("compound", "amod")] + [token]
    return " ".join(word.lower_ for word in words)


def _pick_anchor(casualty: CasualtyMention, anchors: list[tuple[int, Anchor]], ctx: DocContext) -> int | None:
    doc = ctx.doc
    trigger_token = None
    if casualty.trigger_start >= 0:
        span = doc.char_span(casualty.trigger_start, casualty.trigger_start + 1, alignment_mode="expand")
        trigger_token = span[0] if span is not None else None
    if trigger_token is not None:
        for index, anchor in anchors:
            if trigger_token.i in anchor.covered:
                return index
    span = doc.char_span(casualty.start, casualty.end, alignment_mode="expand")
    position = span.root.i if span is not None else (trigger_token.i if trigger_token is not None else 0)
    wanted = [item for item in anchors if (item[1].cls == "arrest") == (casualty.kind == "arrested")] or anchors
    return min(wanted, key=lambda item: abs(item[1].token.i - position))[0]


def attach_counts(
    casualties: list[CasualtyMention], anchors: list[Anchor], ctx: DocContext, reporting_verbs: frozenset,
    *, side_of: Callable[[Span], str | None] | None = None,
) -> dict[int, list[CountClaim]]:
    """Claims per anchor index. ``side_of``: whose dead a count phrase names (see
    ``CountClaim.side``); figures stated by one verb for two sides have none."""
    claims: dict[int, list[CountClaim]] = {}
    by_sentence: dict[int, list[tuple[int, Anchor]]] = {}
    for index, anchor in enumerate(anchors):
        if anchor.material:
            by_sentence.setdefault(anchor.sent_index, []).append((index, anchor))
    grouped: dict[tuple[int, int, str], tuple[CasualtyMention, int]] = {}
    introduced: list[tuple[str, frozenset, int, int]] = []  # (kind, noun lemmas, sentence, target)
    seen: list[tuple[str, int, frozenset, int]] = []  # (kind, trigger offset, noun lemmas, count) of earlier counts
    added: set[tuple[int, int, str]] = set()  # grouping keys of additional figures
    sides: dict[tuple[int, int, str], set] = {}  # grouping key -> the sides its phrases name
    for casualty in casualties:
        if casualty.kind not in KIND_FIELDS or _aggregate(casualty, casualties, ctx):
            continue
        sent_index = ctx.index_at_char(casualty.sent_start if casualty.sent_start >= 0 else casualty.start)
        local = by_sentence.get(sent_index)
        if local:
            target = _pick_anchor(casualty, local, ctx)
        else:
            target = _refer_back(sent_index, by_sentence, ctx)
        span = ctx.doc.char_span(casualty.start, casualty.end, alignment_mode="expand")
        earlier = _definite_referent(span, casualty.kind, sent_index, introduced)
        if earlier is not None:
            target = earlier  # "the facilitator, detained with two associates": the one captured before
        if target is None:
            continue
        nouns = frozenset(token.lemma_.lower() for token in span if token.pos_ in ("NOUN", "PROPN")) if span is not None else frozenset()
        if span is not None:
            introduced.append((casualty.kind, nouns, sent_index, target))
        # figures stated by one verb for several groups add up ("killed 3 soldiers and 2 civilians")
        key = (target, casualty.trigger_start if casualty.trigger_start >= 0 else casualty.start, casualty.kind)
        if _additional(casualty, span, seen, ctx):
            added.add(key)
        seen.append((casualty.kind, casualty.trigger_start, nouns, casualty.count))
        sides.setdefault(key, set()).add(side_of(span) if side_of is not None and span is not None else None)
        if key in grouped:
            previous, total = grouped[key]
            grouped[key] = (previous, total + casualty.count)
        else:
            grouped[key] = (casualty, casualty.count)
    for key, (casualty, total) in grouped.items():
        target, _, kind = key
        sent = ctx.sents[ctx.index_at_char(casualty.sent_start if casualty.sent_start >= 0 else casualty.start)]
        start, end = sentence_bounds(sent)
        side = next(iter(sides[key])) if len(sides[key]) == 1 else None
        claim = CountClaim(
            KIND_FIELDS[kind], total, attribution(sent, reporting_verbs), start, end, key in added, side, _vague(casualty.text)
        )
        claims.setdefault(target, []).append(claim)
    return claims


def _vague(text: str) -> bool:
    """Whether a count phrase gives its figure by a vague word ("several victims", "dozens")."""
    words = text.lower().split()
    return any(tuple(words[i:i + len(key)]) == key for key in number_words()["vague"] for i in range(len(words)))


def _aggregate(casualty: CasualtyMention, casualties: list[CasualtyMention], ctx: DocContext) -> bool:
    """A figure stated for several operations at once ("killed during separate operations over
    the past 24 hours") when a later sentence states a figure of the same kind: the detail is
    kept, the sum left out (``_aggregate`` in casualties.json)."""
    sent = ctx.sents[ctx.index_at_char(casualty.sent_start if casualty.sent_start >= 0 else casualty.start)]
    if not any(pattern.search(sent.text) for pattern in _count_words()["aggregate"]):
        return False
    return any(other.kind == casualty.kind and other.start >= sent.end_char for other in casualties)


def _additional(casualty: CasualtyMention, span: Span | None, seen: list[tuple[str, int, frozenset, int]], ctx: DocContext) -> bool:
    """Whether a figure adds to those of its kind stated before it (``seen``: kind, trigger
    offset and noun lemmas of each earlier count; see ``_additive`` in casualties.json): "two
    additional insurgents" after "detained a leader", "were also killed", "arrested a leader and
    detained three". Not when nothing of its kind came before ("killed a commander and one other
    insurgent": the phrase is one total) or when an earlier figure already named its people ("detained a leader and several insurgents ... Several
    additional insurgents were detained": the detail of the summary)."""
    earlier = [item for item in seen if item[0] == casualty.kind]
    if not earlier:
        return False
    words = _count_words()
    trigger = None
    if casualty.trigger_start >= 0:
        found = ctx.doc.char_span(casualty.trigger_start, casualty.trigger_start + 1, alignment_mode="expand")
        trigger = found[0] if found is not None else None
    if trigger is not None:
        # "were later found dead": the adverb modifies the verb the state word completes
        verbs = [trigger, trigger.head] if trigger.dep_ in ("acomp", "oprd") else [trigger]
        if any(child.dep_ == "advmod" and child.lower_ in words["additive_adverbs"] for verb in verbs for child in verb.children):
            return True
        if trigger.dep_ == "conj" and any(item[1] == trigger.head.idx for item in earlier):
            return True
    if span is None:
        return False
    for token in span:
        if token.lower_ in words["additive_words"] and token.i != span.root.i and not (
            token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "than"  # "more than 30"
        ):
            return span.root.lemma_.lower() not in frozenset().union(*(item[2] for item in earlier))
    return _beside_leaders(span, earlier, words)


def _beside_leaders(span: Span, earlier: list[tuple[str, int, frozenset, int]], words: dict) -> bool:
    """"captured a Taliban leader ... During the operation, forces detained four suspected
    insurgents": when every earlier figure of the kind is one leader (``leader_nouns``), a
    figure of other people, not named definitely, is further people (5), not the leader's
    restatement ("the leader and two associates" is a restatement: ``_definite_referent``)."""
    leaders = words["leader_nouns"]
    if not all(item[3] == 1 and item[2] & leaders for item in earlier):
        return False
    if span[0].lower_ in words["definite"] or span.root.pos_ == "PRON":
        return False
    nouns = {token.lemma_.lower() for token in span if token.pos_ in ("NOUN", "PROPN")}
    return bool(nouns) and not nouns & leaders and span.root.lemma_.lower() not in frozenset().union(*(item[2] for item in earlier))


def _definite_referent(span: Span | None, kind: str, sent_index: int, introduced: list) -> int | None:
    """The anchor of an earlier sentence's count that a definite phrase names again: in "forces
    captured a weapons facilitator. ... The facilitator was detained along with two of his
    associates" the second figure (3) restates the first capture, not a further one, so it
    joins the first capture's event (the largest figure of one source is kept)."""
    if span is None or len(span) < 2 or span[0].lower_ not in _count_words()["definite"]:
        return None
    head = next((token for token in span[1:] if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod")), None)
    if head is None:
        return None
    for other_kind, nouns, other_sent, target in reversed(introduced):
        if other_kind == kind and other_sent < sent_index and head.lemma_.lower() in nouns:
            return target
    return None


@functools.lru_cache(maxsize=1)
def _count_words() -> dict:
    data = read_json(DATA_DIR / "casualties.json")
    return {
        "definite": frozenset(data["definite_determiners"]),
        "additive_words": frozenset(data["additive_words"]),
        "additive_adverbs": frozenset(data["additive_adverbs"]),
        "leader_nouns": frozenset(data["leader_nouns"]),
        "aggregate": tuple(re.compile(pattern, re.IGNORECASE) for pattern in data["aggregate_patterns"]),
    }


def _refer_back(sent_index: int, by_sentence: dict[int, list[tuple[int, Anchor]]], ctx: DocContext) -> int | None:
    paragraph = ctx.paragraph[sent_index]
    for earlier in range(sent_index - 1, -1, -1):
        if ctx.paragraph[earlier] != paragraph and earlier != sent_index - 1:
            break
        if earlier in by_sentence:
            return by_sentence[earlier][-1][0]
    return None


def resolve_count(claims: list[CountClaim], kind: str) -> int | None:
    """The figure kept for one kind: the largest, or the lowest when sources disagree; the
    figures of different sides (``CountClaim.side``) are added up.

    A zero beside a positive figure is no conflicting report: "no civilians were harmed" or
    "no civilian casualties were reported" after "killed two insurgents" speaks of another
    group, so zeros count only when no claim states a positive figure (ACLED: no mention of
    deaths, or "no one was killed", is 0)."""
    wanted = [claim for claim in claims if claim.kind == kind]
    if any(claim.count > 0 for claim in wanted):
        wanted = [claim for claim in wanted if claim.count > 0]
    if kind in VAGUE_YIELDS and any(not claim.vague for claim in wanted):
        # "left several victims" beside "killed at least 30": no conflicting report of the toll
        wanted = [claim for claim in wanted if not claim.vague]
    sides = {claim.side for claim in wanted}
    if kind in SIDE_SUMMED and len(sides) > 1 and None not in sides:
        # "five police killed" and "seven Taliban insurgents were killed": the dead of each side
        # add up (ACLED counts all deaths of the event); reports of one side may conflict
        return sum(_resolve([claim for claim in wanted if claim.side == side]) or 0 for side in sides)
    return _resolve(wanted)


def _resolve(wanted: list[CountClaim]) -> int | None:
    values: dict[str, int] = {}
    for claim in wanted:
        if not claim.additional:
            values[claim.source] = max(values.get(claim.source, claim.count), claim.count)
    last_source = None
    for claim in sorted(wanted, key=lambda claim: claim.start):
        # "five more people were found dead": added to the figure of the same source, or, when
        # that source states none, to the figure told just before it ("three died in fires")
        if not claim.additional:
            last_source = claim.source
            continue
        source = claim.source if claim.source in values or last_source is None else last_source
        values[source] = values.get(source, 0) + claim.count
    if not values:
        return None
    if len(values) > 1 and len(set(values.values())) > 1:
        largest = max(values.values())
        if len(values) > 2 and sum(values.values()) == 2 * largest:
            return largest  # "eight killed": "three died in fires", "five were found dead": its parts
        return min(values.values())
    return max(values.values())


# -- multi-day activity -------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _span_rules() -> dict:
    data = read_json(DATES_PATH)
    links = "|".join(re.escape(word) for word in data["day_span_links"])
    openers = "|".join(re.escape(word) for word in data["day_span_openers"])
    return {
        "opener": re.compile(r"\b(?:" + openers + r")\s+(?:the\s+)?$", re.IGNORECASE),
        "link": re.compile(r"^\s*(?:" + links + r")\s*(?:the\s+)?$", re.IGNORECASE),
        "counts": tuple(re.compile(pattern, re.IGNORECASE) for pattern in data["day_count_patterns"]),
        "max_days": data["max_split_days"],
    }


def day_span(text: str, dates: list[DateMention], *, offset: int = 0, last: dt.date | None = None) -> list[dt.date] | None:
    """The days a sentence says its activity covered, earliest first; None for a single day.

    ``text`` is the sentence, ``offset`` its start in the doc, ``dates`` the doc's date mentions
    and ``last`` the event's own date (the last day of "over three days"). "between Monday and
    Wednesday" -> Monday, Tuesday, Wednesday; "over the past three days" -> the three days up to
    ``last``. Spans of more than ``max_split_days`` days are None (see ``dates.json``)."""
    rules = _span_rules()
    inside = sorted((mention for mention in dates if offset <= mention.start and mention.end <= offset + len(text)
                     and mention.precision == 1), key=lambda mention: mention.start)
    days: list[dt.date] | None = None
    for first, second in zip(inside, inside[1:]):
        before = text[: first.start - offset]
        between = text[first.end - offset : second.start - offset]
        if rules["opener"].search(before) and rules["link"].match(between) and first.date < second.date:
            days = [first.date + dt.timedelta(days=n) for n in range((second.date - first.date).days + 1)]
            break
    if days is None and last is not None:
        for pattern in rules["counts"]:
            match = pattern.search(text)
            count = parse_count(match.group("n")) if match else None
            if count is not None and count > 1:
                days = [last - dt.timedelta(days=n) for n in range(count - 1, -1, -1)]
                break
    if days is None or not 1 < len(days) <= rules["max_days"]:
        return None
    return days


def split_multi_day(events: list[Event], ctx: DocContext) -> list[Event]:
    """ACLED: activity reported over several days is one event per day, the stated totals
    divided across the days (the remainder one each to the earliest days, so the sum is the
    reported figure). An event's span is read from the sentence of its trigger (``day_span``)."""
    dates = list(ctx.doc._.ew_dates or [])
    result: list[Event] = []
    for event in events:
        trigger = next((item for item in event.evidence if item.role == "trigger"), None)
        days = None
        if trigger is not None and event.event_date is not None:
            days = day_span(trigger.text, dates, offset=trigger.start, last=event.event_date)
        if not days:
            result.append(event)
            continue
        shares = {name: _shares(getattr(event, name), len(days)) for name in COUNT_FIELDS}
        for index, day in enumerate(days):
            counts = {name: values[index] if values else None for name, values in shares.items()}
            result.append(replace(
                event, event_date=day, time_precision=1, evidence=list(event.evidence), sources=list(event.sources), **counts
            ))
    return result


def _shares(total: int | None, parts: int) -> list[int] | None:
    if total is None:
        return None
    base, rest = divmod(total, parts)
    return [base + (1 if index < rest else 0) for index in range(parts)]
