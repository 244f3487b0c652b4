"""Human-readable rendering of one event with its evidence (used by ``eventwire show``)."""
from __future__ import annotations

from eventwire.types import Article, Event, Quote

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


def format_event_detail(
    event: Event,
    articles: dict[str, Article],
    *,
    color: bool = False,
    stories: dict[str, dict] | None = None,
    quotes: list[Quote] | None = None,
) -> str:
    """The event's fields, then per source article its evidence sentences, highlighted; for an
    event merged from several reports, why they were merged and where they disagree; the span
    each field was read from; the quotes and claims about it.

    ``stories``: article id -> its story row (``Store.stories_of``), to say which source is a
    copy or a rewrite of which; ``quotes``: those linked to the event (``Store.list_quotes``).
    """
    stories = stories or {}
    place = ", ".join(p for p in (event.location, event.admin1, event.country) if p) or "-"
    coords = (
        f" ({event.latitude:.4f}, {event.longitude:.4f})" if event.latitude is not None and event.longitude is not None else ""
    )
    actors = " vs ".join(a for a in (event.actor1, event.actor2) if a) or "-"
    sources = event.sources or [event.article_id]
    lines = [
        f"event {event.event_id}",
        f"  what:        {_what(event)}",
        f"  when:        {event.event_date} (time precision {event.time_precision})",
        f"  where:       {place}{coords} (geo precision {event.geo_precision})",
        f"  who:         {actors}" + (f"  [interaction {event.interaction}]" if event.interaction else ""),
        f"  fatalities:  {event.fatalities if event.fatalities is not None else '-'}"
        f"   injured: {event.injured if event.injured is not None else '-'}"
        f"   arrested: {event.arrested if event.arrested is not None else '-'}",
        f"  sources:     {len(sources)} article(s), {event.independent_sources or 1} independent"
        + (f" (confidence {event.confidence:.2f})" if event.confidence is not None else ""),
    ]
    if event.notes:
        lines.append(f"  notes:       {event.notes}")
    if event.merge_reasons:
        lines.append("")
        lines.append("merged because")
        lines += [f"  - {reason}" for reason in event.merge_reasons]
    if event.conflicts:
        lines.append("")
        lines.append("reports disagree")
        lines += [f"  - {conflict}" for conflict in event.conflicts]
    on, off = (HIGHLIGHT_ON, RESET) if color else (PLAIN_ON, PLAIN_OFF)
    for article_id in sources:
        article = articles.get(article_id)
        lines.append("")
        story = stories.get(article_id)
        role = f"  [{story['role']} in story {story['story_id']}]" if story else ""
        if article is not None:
            lines.append(f"source {article.id}: {article.title or '(untitled)'}{role}")
            lines.append(f"  published {article.published}  {article.url or article.origin}")
        else:
            lines.append(f"source {article_id}{role}")
        for evidence in event.evidence:
            if evidence.article_id != article_id:
                continue
            sentence = _mark_trigger(evidence.text, event.trigger if evidence.role == "trigger" else "", color=color)
            lines.append(f"  [{evidence.role} {evidence.start}-{evidence.end}] {on}{sentence}{off}")
    if event.provenance:
        lines.append("")
        lines.append("fields read from")
        for item in event.provenance:
            where = f"{item.article_id} {item.start}-{item.end}" if item.start >= 0 else item.article_id
            flag = "  [unverified]" if item.unverified else ""
            lines.append(f"  {item.field:<12} {where}: {item.text!r}{flag}")
    if quotes:
        lines.append("")
        lines.append("who said what")
        for quote in quotes:
            lines.append("  " + format_quote(quote))
    return "\n".join(lines)


def format_quote(quote: Quote) -> str:
    """One line: speaker (role, affiliation), the words, how they reached the article, where."""
    about = ", ".join(part for part in (quote.role, quote.affiliation) if part)
    speaker = f"{quote.speaker} ({about})" if about else quote.speaker
    words = f"“{quote.quote}”" if quote.kind == "direct" else quote.quote
    kind = "" if quote.kind == "direct" else f"[{quote.kind}] "
    via = f" via {quote.via}" if quote.via else ""
    flag = " [unverified]" if quote.unverified else ""
    return f"{kind}{speaker} {quote.verb or 'said'}{via}: {words}{flag}  [{quote.article_id} {quote.start}-{quote.end}]"
