"""Verbal (PLOVER-only) mentions: who may make one, and how a stated intention is coded.

Verbal mentions are kept only when their first actor is a named organisation, a government or a
state actor (``qualified``). The ``sentence`` setting also keeps them when the first actor is a
country, nationality, organisation or office holder named as such ("Portugal", "Bosnian Serbs",
"Russian President Boris Yeltsin"; ``qualified_verbal``). A trigger in a clause that states an
intention (kept out of the event data as future or hypothetical) is coded the PLOVER way, as the
single category of the statement (``intent_entries``): a cooperative act promised or offered is
AGREE ("Norway will send aid"), a conflictual one THREATEN ("may suspend aid", "plans to impose a
curfew"), one that must happen REQUEST ("Iran must release the prisoners"). A cooperative act
refused in a future or present clause is REJECT ("will not accept refugees"), and an order to
coerce or sanction is coded as the act ordered ("ordered the paper to suspend publication" is
COERCE). See ``docs/plover.md``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from spacy.tokens import Doc

from eventwire.coding.arguments import ArgumentReader, Arguments
from eventwire.coding.coref.clauses import INTENT_REASONS, stated_intent, stated_refusal
from eventwire.coding.conventions.taxonomy import Taxonomy
from eventwire.coding.triggers import Trigger, TriggerEntry
from eventwire.types import ActorMention

QUALIFIED_KINDS = frozenset({"named", "government"})
# Trigger entries that promise what their complement names ("promised to attack" is a threat);
# "agreed to impose sanctions" stays an agreement.
PROMISE_ENTRIES = frozenset({"promise"})
# Trigger entries that order what their complement names; an order to coerce or sanction is coded as
# the act ordered ("ordered the newspaper to suspend publication" is COERCE), any other as REQUEST.
ORDER_ENTRIES = frozenset({"order_to"})
ORDERED_CATEGORIES = frozenset({"COERCE", "SANCTION"})
COOPERATIVE_QUADS = frozenset({"verbal cooperation", "material cooperation"})
# THREATEN mode of a threatened act (PLOVER 0.8, THREATEN modes), by trigger class or category.
THREAT_MODES = {"arrest": "arrest", "SANCTION": "relations", "COERCE": "restrict", "MOBILIZE": "violence"}
PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
ACTOR_ENTITY_TYPES = frozenset({"GPE", "NORP", "ORG"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
COMPLEMENT_DEPS = frozenset({"xcomp", "acomp", "dobj", "pobj", "prep", "conj"})
MAX_CLIMB = 4
ACTOR_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "conj", "appos"})
# Subject pronouns that can stand for a state or group named in an earlier sentence.
GROUP_PRONOUNS = frozenset({"it", "they", "we"})
# Nouns whose "of" phrase names the actor ("members of the ruling party", "supporters of the president").
GROUP_OF_NOUNS = frozenset({"members", "supporters", "followers", "loyalists", "representatives", "delegates"})


def verbal_actor_ok(args: Arguments, token, reader: ArgumentReader, *, setting: str, rules: dict) -> bool:
    """Whether a verbal mention's first actor may make an event in a setting (see the module doc)."""
    if setting == "sentence":
        return qualified_verbal(args, token, rules, is_place=reader.is_place)
    return qualified(args.actor1)


def intent_entries(
    triggers: list[Trigger],
    reasons: dict[int, str | None],
    absorbed: dict[int, int],
    *,
    taxonomy: Taxonomy,
    rules: dict,
    family: Mapping[str, str],
) -> dict[int, TriggerEntry]:
    """Trigger token index -> the verbal entry it is coded with when its clause states an
    intention or a refusal, or when it orders coercion (see the module doc); triggers folded into
    another are left alone. ``family``:
    trigger class -> its family of events ("protest" -> "demonstration")."""
    entries = {}
    for trigger in triggers:
        index = trigger.token.i
        if reasons.get(index) == "negated" and index not in absorbed:
            # "will not accept refugees", "cannot meet": a cooperative act refused is REJECT
            category = taxonomy.current_plover(trigger.entry.plover) if trigger.entry.is_verbal else None
            if taxonomy.plover_quads.get(category) in COOPERATIVE_QUADS and stated_refusal(trigger, rules):
                entries[index] = replace(trigger.entry, cls="verbal", plover="REJECT", mode=None, lethal=False)
            continue
        if reasons.get(index) not in INTENT_REASONS or index in absorbed:
            continue
        coded = intent_category(trigger.entry, stated_intent(trigger, rules), taxonomy=taxonomy, family=family)
        if coded is not None:
            entries[index] = replace(trigger.entry, cls="verbal", plover=coded[0], mode=coded[1], lethal=False)
    # a promise of violence is a threat: "promised to crush the rebels"
    by_token = {trigger.token.i: trigger for trigger in triggers}
    for index, entry in list(entries.items()):
        token = by_token[index].token
        promise = by_token.get(token.head.i)
        if entry.plover != "THREATEN" or token.dep_ != "xcomp" or promise is None:
            continue
        if promise.entry.id in PROMISE_ENTRIES:
            entries[token.head.i] = replace(promise.entry, plover="THREATEN", mode=entry.mode)
    # an order to coerce is coercion: "ordered the newspaper to suspend publication"
    for trigger in triggers:
        order = by_token.get(trigger.token.head.i)
        if trigger.token.dep_ != "xcomp" or order is None or order.entry.id not in ORDER_ENTRIES:
            continue
        category = taxonomy.current_plover(trigger.entry.plover) if trigger.entry.plover else None
        if category in ORDERED_CATEGORIES:
            entries[order.token.i] = replace(order.entry, plover=category, mode=trigger.entry.mode)
    return entries


def intent_category(
    entry: TriggerEntry, kind: str | None, *, taxonomy: Taxonomy, family: Mapping[str, str]
) -> tuple[str, str | None] | None:
    """(PLOVER category, mode) of a stated intention to do what ``entry`` names, or None."""
    if kind is None:
        return None
    if kind == "obligation":
        return "REQUEST", None
    category = taxonomy.current_plover(entry.plover) if entry.is_verbal else None
    quad = taxonomy.plover_quads.get(category) if category else "material conflict"
    if quad in COOPERATIVE_QUADS:
        # a meeting to come stays a meeting with PLOVER's 'future' context ("the G-7 will meet");
        # an offer to meet is an agreement ("is ready to host talks")
        if kind == "offer" or (kind == "future" and category != "CONSULT"):
            return "AGREE", None
        return None
    if quad == "material conflict":
        violent = not entry.is_verbal and family.get(entry.cls) != "demonstration"
        return "THREATEN", THREAT_MODES.get(category or entry.cls, "violence" if violent else None)
    return None  # "will demand", "may reject": a verbal conflict announced is not yet one


def stated_by(doc: Doc, char: int, tokens: set[int]) -> bool:
    """Whether the word at a character offset is one of the given tokens."""
    if char < 0 or not tokens:
        return False
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span is not None and span[0].i in tokens


def qualified(actor: ActorMention | None) -> bool:
    """Named organisations, governments and state actors; never a lone person."""
    if actor is None or actor.kind == "person":
        return False
    if actor.kind in QUALIFIED_KINDS:
        return True
    return actor.inter == 1 or (actor.kind == "" and actor.inter in (2, 3, 4, 8))


def qualified_verbal(args: Arguments, trigger_token, rules: dict, *, is_place=None) -> bool:
    """Whether the first actor of a verbal mention may make an event: a qualified actor
    (``qualified``), or a subject phrase that names a country, nationality or organisation
    ("The United States and Jordan", "Bosnian Serbs"), an office ("Russian President Boris
    Yeltsin", "Iranian authorities") or anyone by name ("Sheikh Hamad", a country the NER
    misses). With no subject of its own, the trigger's is the subject of the clause it completes
    ("is willing to withdraw", "launched an investigation"); a pronoun subject stands for the
    subject of the reporting clause it is the complement of ("Syria says it is willing ..."), and
    an "it" or "they" with none for a state or group told before. No subject in the parse, or a
    passive one (who the act was done to), leaves the actor unstated, which a sentence coded on its
    own allows; "He urged ..." and "Residents condemned ..." make no event. ``is_place(token)``,
    when given, says whether a token names a place: a country or town as the subject is its
    government ("Sri Lanka has established ties")."""
    if qualified(args.actor1):
        return True
    token = args.actor1_token
    if token is None or token.tag_ in PRONOUN_TAGS:
        token = clause_subject(trigger_token) or token
    if token is not None and token.tag_ in PRONOUN_TAGS:
        token = reporting_subject(token) or token
    if token is None or token.dep_ == "nsubjpass":
        # no subject in the parse (the record names its actor where the parser lost it), or a
        # passive one, which names who the act was done to ("have been demobilized")
        return True
    if token.tag_ in PRONOUN_TAGS:
        return token.lower_ in GROUP_PRONOUNS  # "it", "they": a state or group told before; not "he"
    if token.pos_ == "PROPN" or token.tag_ == "NNPS":
        return True  # a name ("Sheikh Hamad", a country the NER misses); "Serbs": a people
    if is_place is not None and is_place(token):
        return True  # "Sri Lanka": its government
    words = [token] + [
        item for child in token.children if child.dep_ in ACTOR_MODIFIER_DEPS for item in child.subtree
    ]
    if token.lemma_.lower() in rules["verbal_actor_nouns"] or token.lower_ in GROUP_OF_NOUNS:
        words += [item for child in token.children if child.dep_ == "prep" and child.lower_ == "of" for item in child.subtree]
    return any(word.ent_type_ in ACTOR_ENTITY_TYPES or word.lemma_.lower() in rules["verbal_actor_nouns"] for word in words)


def subject_of(token):
    return next((child for child in token.children if child.dep_ in SUBJECT_DEPS), None)


def clause_subject(token):
    """The subject of the nearest clause up from the token through complements ("is willing to
    withdraw": is's subject) and light verbs ("launched an investigation": launched's)."""
    current = token
    for _ in range(MAX_CLIMB):
        subject = subject_of(current)
        if subject is not None:
            return subject
        if current.dep_ not in COMPLEMENT_DEPS or current.head.i == current.i:
            return None
        current = current.head
    return None


def reporting_subject(pronoun):
    """The subject of the clause that reports the pronoun's clause ("Syria says it ...", "was
    quoted as saying he would ..."), or None."""
    verb = pronoun.head
    while verb.dep_ in ("xcomp", "conj", "acomp") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp":
        return None
    current = verb.head
    for _ in range(MAX_CLIMB):
        subject = subject_of(current)
        if subject is not None:
            return subject
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def has_target(event) -> bool:
    """Whether a coded event may stand as a PLOVER-only event of an article: a PLOVER event is
    one actor's act towards another, so a verbal act with no target ("the government condemned
    the violence") is a statement, not an event. ACLED events need no target."""
    return event.event_type is not None or event.actor2 is not None

