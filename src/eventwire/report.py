"""Human-readable rendering of one event with its evidence (used by ``eventwire show``)."""
from __future__ import annotations

from eventwire.types import Article, Event

HIGHLIGHT_ON = "\x1b[1;33m"
TRIGGER_ON = "\x1b[1;4;31m"
RESET = "\x1b[0m"
# Plain-text markers when the output is not a terminal.
PLAIN_ON, PLAIN_OFF = ">>", "<<"
TRIGGER_PLAIN_ON, TRIGGER_PLAIN_OFF = "[", "]"


def _what(event: Event) -> str:
    parts = []
    if event.event_type:
        parts.append(f"{event.event_type} / {event.sub_event_type}")
    if event.plover_category:
        mode = f" ({event.plover_mode})" if event.plover_mode else ""
        parts.append(f"PLOVER {event.plover_category}{mode}")
    return "; ".join(parts) or "-"


def _mark_trigger(sentence: str, trigger: str, *, color: bool) -> str:
    if not trigger:
        return sentence
    index = sentence.find(trigger)
    if index < 0:
        return sentence
    on, off = (TRIGGER_ON, RESET + HIGHLIGHT_ON) if color else (TRIGGER_PLAIN_ON, TRIGGER_PLAIN_OFF)
    return sentence[:index] + on + trigger + off + sentence[index + len(trigger) :]


def format_event_detail(event: Event, articles: dict[str, Article], *, color: bool = False) -> str:
    """The event's fields, then per source article its evidence sentences, highlighted."""
    place = ", ".join(p for p in (event.location, event.admin1, event.country) if p) or "-"
    coords = (
        f" ({event.latitude:.4f}, {event.longitude:.4f})" if event.latitude is not None and event.longitude is not None else ""
    )
    actors = " vs ".join(a for a in (event.actor1, event.actor2) if a) or "-"
    lines = [
        f"event {event.event_id}",
        f"  what:        {_what(event)}",
        f"  when:        {event.event_date} (time precision {event.time_precision})",
        f"  where:       {place}{coords} (geo precision {event.geo_precision})",
        f"  who:         {actors}" + (f"  [interaction {event.interaction}]" if event.interaction else ""),
        f"  fatalities:  {event.fatalities if event.fatalities is not None else '-'}"
        f"   injured: {event.injured if event.injured is not None else '-'}",
    ]
    if event.notes:
        lines.append(f"  notes:       {event.notes}")
    on, off = (HIGHLIGHT_ON, RESET) if color else (PLAIN_ON, PLAIN_OFF)
    for article_id in event.sources or [event.article_id]:
        article = articles.get(article_id)
        lines.append("")
        if article is not None:
            lines.append(f"source {article.id}: {article.title or '(untitled)'}")
            lines.append(f"  published {article.published}  {article.url or article.origin}")
        else:
            lines.append(f"source {article_id}")
        for evidence in event.evidence:
            if evidence.article_id != article_id:
                continue
            sentence = _mark_trigger(evidence.text, event.trigger if evidence.role == "trigger" else "", color=color)
            lines.append(f"  [{evidence.role} {evidence.start}-{evidence.end}] {on}{sentence}{off}")
    return "\n".join(lines)
