"""Which day a sentence's date gives an event mention (for ``coding.events``): a date said of the
event noun itself ("the riot on Tuesday"), a date that opens a period ("since 12 March"), the
day of the statement that reports the event ("police said on Friday that ..."), and the day of a
claim of responsibility ("IS yesterday claimed the bombing"), which is not the event's."""
from __future__ import annotations

from spacy.tokens import Doc

from eventwire.coding.coref.context import DocContext

__all__ = ["claimed", "dates_noun", "dates_the_report", "opens_period"]

PERIOD_WORD_WINDOW = 12  # characters before a date searched for "since"


def dates_noun(token, ctx: DocContext, sent_index: int) -> bool:
    """Whether the date of the sentence is said of the event noun itself: inside its phrase ("the
    riot on Tuesday", "Sunday's blast"), not in a clause about it ("the attack, police said on
    Friday")."""
    mention = ctx.sent_dates[sent_index]
    if mention is None:
        return False
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    return start <= mention.start < end


def opens_period(ctx: DocContext, index: int, rules: dict) -> bool:
    """Whether the date of sentence ``index`` opens a period ("since 12 March")."""
    mention = ctx.sent_dates[index]
    before = ctx.text[max(0, mention.start - PERIOD_WORD_WINDOW):mention.start].split()
    return bool(before) and before[-1].lower() in rules["period_start_words"]


def dates_the_report(token, mention, doc: Doc, rules: dict) -> bool:
    """Whether a sentence's date belongs to the verb of saying that reports the trigger, not to
    the trigger ("the police said on Friday that an officer was wounded": Friday is when they
    said it; the wounding may be the riot of the night before)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention is not None else None
    if span is None:
        return False
    verb = next((ancestor for ancestor in span.root.ancestors if ancestor.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.lemma_.lower() not in rules["reporting_verbs"] or verb.i == token.i:
        return False
    reported = next((ancestor for ancestor in token.ancestors if ancestor.head.i == verb.i), None)
    return reported is not None and reported.dep_ in ("ccomp", "xcomp", "parataxis") and not span.root.is_ancestor(token)


def claimed(token, rules: dict) -> bool:
    """Whether a trigger is what a claim of responsibility is for ("claimed responsibility for
    the bombing", "claimed the raid"): the claim's day is not the event's."""
    verbs = rules["claim_verbs"]
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.lemma_.lower() in verbs
    return False
