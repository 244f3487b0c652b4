"""The trained snippet classifier types the events that ingest codes: one coder for ingest and eval.

The rule coder proposes each event from a trigger ("stormed", "shelled", "rolled into the village");
its sub-event type is the trigger's. The snippet classifier (``eventwire.coding.detect.classifier``:
trained by ``eventwire train``, scored by ``eventwire eval classify``) reads the same event's
sentences, with the rule coder's reading among its features, and decides:

- **type**: where it names another ACLED sub-event type with probability at least ``retype``
  (off by default, see ``TypeSettings``), ahead of the rule coder's own type by ``margin``, the
  event takes that type (its event type, disorder type and PLOVER category follow from the
  taxonomy). A PLOVER-only (verbal) event
  becomes an ACLED event only at ``verbal_retype``, and only as a move of territory or forces
  (``TERRITORIAL_SUB_TYPES``), which a verb of cooperation or withdrawal can tell
  ("troops entered the town after the enemy withdrew");
- **relevance**: where it reads the sentences as organised crime, a natural disaster or an
  accident (CASE's classes outside ACLED) with probability at least ``drop``, ahead of every
  ACLED type, the event is no event of political violence (ACLED codebook: crime, accidents
  and disasters are out of scope), and it is dropped; but not where a military force, an
  external force or a named armed group takes part, nor in an article the relevance gate reads
  as clear news of conflict (an army's seizure of drugs and arrest of suspects is an operation
  of the conflict).
- **target**: what stays a PLOVER-only (verbal) event after that must have a target actor
  (``conventions.verbal.has_target``): PLOVER events are one actor's act towards another.

Thresholds were chosen on the tuning halves of the dev files (docs/classify.md).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Doc, Span

from eventwire.coding.conventions.taxonomy import Taxonomy
from eventwire.coding.conventions.verbal import has_target
from eventwire.coding.coref.merge import NAMED_ARMED_INTERS, STATE_FORCE_PREFIXES, is_unidentified
from eventwire.coding.detect.classifier import SnippetClassifier
from eventwire.coding.detect.classify_features import doc_triggers, span_features
from eventwire.coding.detect.classify_labels import CASE_LABELS, label_code
from eventwire.types import Event

__all__ = ["TypeSettings", "retype_events"]

OUT_OF_SCOPE = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"})
# ACLED sub-event types a verbal event may become: moves of territory and forces, told with
# verbs of cooperation, agreement or withdrawal ("handed over the town", "set up a base");
# talks and deals stay verbal (an ACLED Agreement needs more than a meeting)
TERRITORIAL_SUB_TYPES = frozenset({
    "Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory",
    "Headquarters or base established",
})
EVIDENCE_ROLES = frozenset({"trigger", "casualties"})
MILITARY_PREFIX = STATE_FORCE_PREFIXES[0]  # ACLED's "Military Forces of <Country>"
EXTERNAL_INTER = 8  # ACLED inter code of external/other forces


@dataclass(frozen=True)
class TypeSettings:
    # Off by default: on the tuning halves no threshold from 0.3 to 0.6 changed a material
    # event's score, and the rule coder types matched events more accurately (dev sub-event type
    # 0.80-0.93) than the classifier types CASE snippets (0.69).
    retype: float | None = None
    margin: float = 0.2
    verbal_retype: float = 0.25
    drop: float = 0.4


def event_span(event: Event, doc: Doc) -> Span | None:
    """The sentences of an event's trigger and count evidence, as one span."""
    starts = [item.start for item in event.evidence if item.role in EVIDENCE_ROLES and item.start >= 0]
    ends = [item.end for item in event.evidence if item.role in EVIDENCE_ROLES and item.end > 0]
    if not starts:
        return None
    first = doc.char_span(min(starts), max(ends), alignment_mode="expand")
    if first is None:
        return None
    return doc[first[0].sent.start : first[-1].sent.end]


def retype_events(
    events: list[Event], doc: Doc, classifier: SnippetClassifier, extractor, taxonomy: Taxonomy,
    settings: TypeSettings = TypeSettings(), *, conflict_news: bool = False,
) -> tuple[list[Event], list[Event]]:
    """(kept events, possibly retyped; dropped events) for one article (see the module doc).
    ``conflict_news``: the relevance gate reads the article as clear news of conflict; then no
    event is dropped as crime, accident or disaster (arrests in a report of counter-insurgency
    operations are the conflict's)."""
    spans = [event_span(event, doc) for event in events]
    scored = [index for index, span in enumerate(spans) if span is not None]
    triggers = doc_triggers(doc, extractor) if scored else []  # the lexicon runs once per article
    rows = [span_features(spans[index], [events[index]], triggers) for index in scored]
    decided = dict(zip(scored, classifier.scores(rows))) if rows else {}
    kept, dropped = [], []
    for index, event in enumerate(events):
        row = decided.get(index)
        if row is None:
            (kept if has_target(event) else dropped).append(event)
            continue
        verdict = decide(event, row, classifier.labels, taxonomy, settings, may_drop=not conflict_news)
        if verdict is None or not has_target(verdict):
            dropped.append(event)
        elif event.event_type is None and verdict.event_type is not None and _told_change(verdict, events):
            dropped.append(event)
        else:
            kept.append(verdict)
    return kept, dropped


def _told_change(verdict: Event, events: list[Event]) -> bool:
    """A verbal event read as a move of territory ("the enemy withdrew") where the rule coder
    already coded a change of control of the same place on the same day ("troops entered the
    town after the enemy withdrew"): one change of control is one event (ACLED codes one event
    per place and day)."""
    return any(
        other.sub_event_type in TERRITORIAL_SUB_TYPES
        and other.event_date == verdict.event_date
        and other.location is not None
        and other.location == verdict.location
        for other in events
    )


def _armed_party(event: Event) -> bool:
    """A military force, an external force or a named armed group takes part: its operations are
    ACLED events even where the words read as crime ("troops seized heroin and detained three
    men"); police arrests and unidentified gunmen are left to the classifier."""
    for name, inter in ((event.actor1, event.inter1), (event.actor2, event.inter2)):
        if name is None:
            continue
        if name.startswith(MILITARY_PREFIX) or inter == EXTERNAL_INTER:
            return True
        if inter in NAMED_ARMED_INTERS and not is_unidentified(name):
            return True
    return False


def decide(
    event: Event, row: np.ndarray, labels: tuple[str, ...], taxonomy: Taxonomy, settings: TypeSettings,
    *, may_drop: bool = True,
) -> Event | None:
    """The event as the classifier types it, or None when it reads the event as out of scope."""
    order = np.argsort(-row)
    best = labels[order[0]]
    p_best = float(row[order[0]])
    if best in OUT_OF_SCOPE and p_best >= settings.drop and may_drop and not _armed_party(event):
        return None
    sub = CASE_LABELS.get(best)
    if best in OUT_OF_SCOPE or best not in CASE_LABELS or sub not in taxonomy.sub_to_type:
        return event
    if sub == event.sub_event_type:
        return event
    own = label_code(event.sub_event_type) if event.sub_event_type else None
    p_own = float(row[labels.index(own)]) if own in labels else 0.0
    if event.event_type is None:
        if sub not in TERRITORIAL_SUB_TYPES or p_best < settings.verbal_retype:
            return event
    elif settings.retype is None or p_best < settings.retype or p_best - p_own < settings.margin:
        return event
    event_type = taxonomy.sub_to_type[sub]
    plover, mode = taxonomy.plover_for(sub)
    return replace(
        event, event_type=event_type, sub_event_type=sub, disorder_type=taxonomy.disorder_type(event_type, sub),
        plover_category=plover, plover_mode=mode,
        civilian_targeting="Civilian targeting" if event.inter2 == 7 else None,
    )
