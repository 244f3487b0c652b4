"""Casualty and arrest counts: which event a ``CasualtyMention`` belongs to, and the figure kept.

A count attaches to an event mention of its own sentence: the mention whose trigger states it
("the battle killed two", "killing four") or, failing that, the nearest trigger in the
sentence. A sentence with counts but no trigger refers back ("Five more people were later
found dead") and attaches to the nearest previous material event of its paragraph, else of
the sentence just before it.

When several figures are stated for one event, the largest is kept (a toll that rose) unless
they come from different sources (ACLED: conflicting reports -> the lowest figure).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.coding.context import DocContext, sentence_bounds
from eventwire.types import CasualtyMention

KIND_FIELDS = {"killed": "fatalities", "injured": "injured", "arrested": "arrested"}
ATTRIBUTION_DEPS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class CountClaim:
    kind: str  # an Event field: "fatalities", "injured" or "arrested"
    count: int
    source: str  # who states it, lower case; "" when the report states it itself
    start: int  # the stating sentence (evidence bounds)
    end: int


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
    casualties: list[CasualtyMention], anchors: list[Anchor], ctx: DocContext, reporting_verbs: frozenset
) -> dict[int, list[CountClaim]]:
    """Claims per anchor index."""
    claims: dict[int, list[CountClaim]] = {}
    by_sentence: dict[int, list[tuple[int, Anchor]]] = {}
    for index, anchor in enumerate(anchors):
        if anchor.material:
            by_sentence.setdefault(anchor.sent_index, []).append((index, anchor))
    grouped: dict[tuple[int, int, str], tuple[CasualtyMention, int]] = {}
    for casualty in casualties:
        if casualty.kind not in KIND_FIELDS:
            continue
        sent_index = ctx.index_at_char(casualty.sent_start if casualty.sent_start >= 0 else casualty.start)
        local = by_sentence.get(sent_index)
        if local:
            target = _pick_anchor(casualty, local, ctx)
        else:
            target = _refer_back(sent_index, by_sentence, ctx)
        if target is None:
            continue
        # figures stated by one verb for several groups add up ("killed 3 soldiers and 2 civilians")
        key = (target, casualty.trigger_start if casualty.trigger_start >= 0 else casualty.start, casualty.kind)
        if key in grouped:
            previous, total = grouped[key]
            grouped[key] = (previous, total + casualty.count)
        else:
            grouped[key] = (casualty, casualty.count)
    for (target, _, kind), (casualty, total) in grouped.items():
        sent = ctx.sents[ctx.index_at_char(casualty.sent_start if casualty.sent_start >= 0 else casualty.start)]
        start, end = sentence_bounds(sent)
        claim = CountClaim(KIND_FIELDS[kind], total, attribution(sent, reporting_verbs), start, end)
        claims.setdefault(target, []).append(claim)
    return claims


def _refer_back(sent_index: int, by_sentence: dict[int, list[tuple[int, Anchor]]], ctx: DocContext) -> int | None:
    paragraph = ctx.paragraph[sent_index]
    for earlier in range(sent_index - 1, -1, -1):
        if ctx.paragraph[earlier] != paragraph and earlier != sent_index - 1:
            break
        if earlier in by_sentence:
            return by_sentence[earlier][-1][0]
    return None


def resolve_count(claims: list[CountClaim], kind: str) -> int | None:
    """The figure kept for one kind: the largest, or the lowest when sources disagree."""
    values: dict[str, int] = {}
    for claim in claims:
        if claim.kind == kind:
            values[claim.source] = max(values.get(claim.source, claim.count), claim.count)
    if not values:
        return None
    if len(values) > 1 and len(set(values.values())) > 1:
        return min(values.values())
    return max(values.values())
