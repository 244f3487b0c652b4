"""Is a trigger a reported event, or background? Read from the trigger's clause.

A trigger is *background* (not coded) when its clause is negated ("no attack was
reported"), modal or future ("militants could attack", "talks will resume"), irrealis
("plans to attack", "if the army retakes"), the content of a demand ("demanded that the
army withdraw"), a duration ("after months of talks",
"years of fighting"), generic history ("having lately conquered many districts") or
unverified footage ("videos purported to show"). PLOVER 0.7b1 likewise keeps "future",
"hypothetical" and "negation" out of event data.
"""
from __future__ import annotations

from spacy.tokens import Token

from eventwire.coding.triggers import Trigger

VERB_POS = ("VERB", "AUX")
CLAUSE_CHAIN_DEPS = ("conj", "xcomp")
TIME_UNITS = {
    "day": (1, 1), "days": (1, 1), "week": (7, 2), "weeks": (7, 2), "month": (30, 3), "months": (30, 3),
    "year": (365, 3), "years": (365, 3),
}
# Auxiliaries that make a negated act a refusal ("will not", "won't", "cannot"); "does not" too.
REFUSAL_MODALS = frozenset({"will", "wo", "would", "shall", "can", "ca", "cannot"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# Heads of an infinitive that name an attempt at the act ("tried to hack", "an attempt to kill").
ATTEMPT_HEADS = frozenset({"try", "attempt"})
IRREALIS_NOUNS = frozenset({
    "threat", "fear", "risk", "plan", "possibility", "warning", "prospect", "danger", "call", "demand",
    "bid", "attempt", "plot", "ultimatum", "likelihood", "chance", "rumour", "rumor", "allegation",
})
# "days ago", "in recent months": a vague past, before the story's events (vague_past)
AGO_UNITS = frozenset({"days", "weeks", "months", "years", "decades"})
PERIOD_PREPS = frozenset({"in", "over", "during"})
RECENT_WORDS = frozenset({"recent", "past", "last"})
# Trigger classes of acts on property, whose participle describes what they left ("looted shops")
PROPERTY_CLASSES = frozenset({"loot"})


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds the token (the token itself for a verb)."""
    current = token
    while current.pos_ not in VERB_POS and current.head.i != current.i:
        current = current.head
    return current


def _has_negation(token: Token, rules: dict) -> bool:
    negations = rules["negation_words"]
    return any(child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") for child in token.children) or any(
        child.lower_ in negations and child.dep_ in ("neg", "det", "advmod", "preconj") for child in token.children
    )


def _has_modal(token: Token, rules: dict) -> bool:
    return any(child.dep_ in ("aux", "auxpass") and child.lemma_.lower() in rules["modal_lemmas"] for child in token.children)


def _is_infinitive(token: Token) -> bool:
    return any(child.dep_ == "aux" and child.tag_ == "TO" for child in token.children)


def _irrealis_mark(token: Token, rules: dict) -> bool:
    return any(child.dep_ == "mark" and child.lower_ in rules["irrealis_marks"] for child in token.children)


def _verb_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it inherits tense and modality from (conjuncts, xcomp heads)."""
    chain = [verb]
    current = verb
    while current.dep_ in CLAUSE_CHAIN_DEPS and current.head.i != current.i:
        current = current.head
        chain.append(current)
    return chain


def background_reason(trigger: Trigger, rules: dict, *, plover: bool = False) -> str | None:
    """Why the trigger is background, or None when it reports an event. ``plover``: read the
    clause as PLOVER codes a single sentence, where a running total ("have been demobilized since
    the accord", with PLOVER's 'historical' context) and an attempted act ("tried to hack into",
    "an attempt to assassinate") are events; ACLED event data leaves both out."""
    token = trigger.token
    if _has_negation(token, rules):
        return "negated"
    if token.pos_ not in VERB_POS:
        reason = _noun_background(token, rules)
        if reason:
            return reason
    verb = clause_verb(token)
    chain = _verb_chain(verb)
    for index, current in enumerate(chain):
        if _has_negation(current, rules):
            return "negated"
        if _has_modal(current, rules):
            return "modal or future"
        if _irrealis_mark(current, rules):
            return "conditional"
        if _is_infinitive(current) and current.head.lemma_.lower() not in rules["implicative_heads"]:
            if plover and current.head.lemma_.lower() in ATTEMPT_HEADS:
                continue  # "tried to hack into": PLOVER codes the act attempted
            return "irrealis infinitive"
        attempt = plover and current.lemma_.lower() in ATTEMPT_HEADS
        if index > 0 and current.lemma_.lower() in rules["irrealis_heads"] and chain[index - 1].dep_ == "xcomp" and not attempt:
            return "irrealis complement"
    if verb.pos_ in VERB_POS and verb.dep_ == "advcl" and _irrealis_mark(verb, rules):
        return "conditional"
    if verb.pos_ in VERB_POS and verb.dep_ in ("ccomp", "acl") and verb.head.lemma_.lower() in rules["directive_heads"]:
        return "content of a demand"  # "demanded that Hamas renounce", "its demand that Israel ease"
    if trigger.entry.is_verbal and verb.pos_ in VERB_POS and verb.dep_ == "relcl":
        return "description"  # "money that the government promised us": what the noun is, not a new act
    if token.dep_ == "amod" and token.tag_ == "VBN" and trigger.entry.cls in PROPERTY_CLASSES:
        # "looted shops", "the torched cars": the state an act left property in, a description
        # ("two detained suspects" still counts the people an arrest took)
        return "state"
    if _in_conflict_period(token, verb, rules):
        return "period of a conflict"  # "captured four towns during the war": its history, not a day's news
    if _is_allegation(token, rules):
        return "allegation"
    if _is_generic_history(verb, rules):
        return "generic history"
    if not plover and _is_aggregate(verb):
        return "aggregate since"
    if _is_habitual(token, verb, rules):
        return "habitual"
    if _is_unverified(verb, rules):
        return "unverified"
    if verb.lemma_.lower() in rules["irrealis_heads"] and token.i != verb.i and token.dep_ in ("dobj", "pobj", "nsubjpass"):
        return "irrealis head"
    return None


def _in_conflict_period(token: Token, verb: Token, rules: dict) -> bool:
    """Whether the act is placed in a whole war or conflict named as a period ("during the war",
    "throughout the insurgency", "in the civil war"): the definite noun names the conflict, not a
    day's fighting ("during fighting on Monday" is news)."""
    for head in {token, verb}:
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in ("during", "throughout", "in"):
                continue
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in rules["conflict_period_nouns"] and any(
                    grand.dep_ == "det" and grand.lower_ == "the" for grand in noun.children
                ):
                    return True
    return False


def _noun_background(token: Token, rules: dict) -> str | None:
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("of", "for", "against"):
        governor = head.head
        lemma = governor.lemma_.lower()
        if lemma in rules["duration_nouns"] or governor.ent_type_ == "DATE":
            return "duration"
        if lemma in IRREALIS_NOUNS:
            return "irrealis noun"
    if token.dep_ in ("pobj",) and head.lower_ in ("since", "until") and token.lemma_.lower() != "attack":
        return "time reference"
    return None


def _is_allegation(token: Token, rules: dict) -> bool:
    """"accused the rebels of shelling the city": the act is the content of an accusation."""
    current = token
    for _ in range(5):
        if current.dep_ in ("pcomp", "pobj") and current.head.lower_ in ("of", "for", "over"):
            governor = current.head.head
            if governor.lemma_.lower() in rules["allegation_heads"]:
                return True
            if governor.head.lemma_.lower() in rules["allegation_heads"] and governor.dep_ in ("dobj", "nsubjpass"):
                return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _is_generic_history(verb: Token, rules: dict) -> bool:
    """Perfect participles ("having conquered") and perfects with a quantified plural object."""
    auxes = [child for child in verb.children if child.dep_ == "aux"]
    if any(child.lower_ == "having" for child in auxes):
        return True
    if not any(child.lemma_ == "have" for child in auxes):
        return False
    for child in verb.children:
        if child.dep_ == "dobj" and child.tag_ in ("NNS", "NNPS"):
            quantifiers = {grand.lower_ for grand in child.children if grand.dep_ in ("amod", "det", "nummod", "quantmod")}
            if quantifiers & rules["history_quantifiers"]:
                return True
    return False


def _is_habitual(token: Token, verb: Token, rules: dict) -> bool:
    """"Militant groups mount attacks", "have been carrying out near-daily attacks": plural event
    nouns in the present tense or with a frequency word describe a pattern, not an event."""
    if token.pos_ in VERB_POS or token.tag_ not in ("NNS", "NNPS"):
        return False
    if any(child.lower_ in rules["frequency_words"] for child in token.children if child.dep_ in ("amod", "advmod", "compound")):
        return True
    return verb.i != token.i and verb.tag_ in ("VBZ", "VBP") and not any(child.dep_ == "aux" for child in verb.children)


def _is_aggregate(verb: Token) -> bool:
    """"More than 100 people have been killed since the war began": a running total, not an event."""
    perfect = any(child.dep_ == "aux" and child.lemma_ == "have" and child.lower_ != "having" for child in verb.children)
    if not perfect:
        return False
    return any(
        child.lower_ == "since"
        or (child.dep_ == "advcl" and any(grand.lower_ == "since" and grand.dep_ == "mark" for grand in child.children))
        for child in verb.children
    )


def _is_unverified(verb: Token, rules: dict) -> bool:
    return any(ancestor.lemma_.lower() in rules["unverified_cues"] for ancestor in [verb, *verb.ancestors])


def vague_past(token: Token) -> bool:
    """Whether the trigger's clause is dated "days ago", "weeks ago" (no number) or "in recent
    months": before the story's events, on a day the text does not give."""
    verb = clause_verb(token)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in PERIOD_PREPS:
            for period in child.children:
                if period.dep_ == "pobj" and period.lower_ in AGO_UNITS and any(
                    grand.lower_ in RECENT_WORDS for grand in period.children
                ):
                    return True
        if child.dep_ == "advmod" and child.lower_ == "ago":
            units = [grand for grand in child.children if grand.dep_ == "npadvmod"]
            if any(unit.lower_ in AGO_UNITS for unit in units) and not any(
                grand.dep_ in ("nummod", "det") for unit in units for grand in unit.children
            ):
                return True
    return False


DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})


def earlier_offset(token: Token, rules: dict) -> tuple[int, int] | None:
    """For a trigger inside "(comes) two days after <event>": (days before the main clause's
    date, time precision). (-1, 3) when the gap is vague ("days after"); None when the trigger
    is not in such a clause."""
    current = token
    for _ in range(12):
        if current.pos_ in VERB_POS:
            marks = [child for child in current.children if child.dep_ in ("mark", "prep") and child.lower_ == "after"]
            # the parser hangs "a day" on the clause, on "after" or on the verb the clause modifies
            holders = [current, *marks] + ([current.head] if marks and current.dep_ == "advcl" else [])
            units = [
                child for holder in holders for child in holder.children
                if child.dep_ == "npadvmod" and child.lower_ in TIME_UNITS
            ]
            if marks and units:
                return _gap(units[0], rules)
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def refers_to_told_event(token: Token) -> bool:
    """Whether the clause that "(came) a day after <trigger's event>" hangs on is about an event
    told before: its subject is definite ("the latest incident", "the attack") or "it"."""
    current = token
    for _ in range(12):
        if current.pos_ in VERB_POS and any(child.dep_ == "mark" and child.lower_ == "after" for child in current.children):
            main = current.head
            subjects = [child for child in main.children if child.dep_ in ("nsubj", "nsubjpass")]
            return any(
                subject.lower_ in ("it", "this") or any(det.dep_ == "det" and det.lower_ in DEFINITE_DETERMINERS for det in subject.children)
                for subject in subjects
            )
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _gap(unit: Token, rules: dict) -> tuple[int, int]:
    days, precision = TIME_UNITS[unit.lower_]
    numbers = rules["number_words"]
    for child in unit.children:
        if child.dep_ in ("nummod", "det") and (child.lower_ in numbers or child.like_num):
            count = numbers.get(child.lower_) or (int(child.text) if child.text.isdigit() else None)
            if count is not None:
                return count * days, precision
    return -1, 3


# Background reasons a stated intention can have ("will give", "is willing to withdraw").
INTENT_REASONS = frozenset({"modal or future", "irrealis infinitive", "irrealis complement"})


def stated_intent(trigger: Trigger, rules: dict) -> str | None:
    """For a background trigger in a modal or infinitive clause, the kind of statement it makes:
    "future" ("Finland will give"), "offer" ("is willing to withdraw", "promised to release"),
    "hypothetical" ("may halt", "could attack") or "obligation" ("Iraq must cooperate"); None
    when the clause is negated, conditional, or its infinitive hangs on a verb that is not a
    statement of intent ("refused to meet", "tried to hack"). PLOVER 0.8 ('Special contexts'):
    AGREE is SUPPORT + future and THREATEN is ASSAULT + hypothetical, coded as the single
    category."""
    token = trigger.token
    if _has_negation(token, rules):
        return None
    chain = _verb_chain(clause_verb(token))
    kind = None
    for index, current in enumerate(chain):
        if _has_negation(current, rules) or _irrealis_mark(current, rules):
            return None
        for child in current.children:
            if child.dep_ in ("aux", "auxpass") and child.lemma_.lower() in rules["modal_lemmas"]:
                kind = kind or _modal_kind(child.lower_, child.lemma_.lower(), rules)
        head = current.head
        if _is_infinitive(current) or (index > 0 and chain[index - 1].dep_ == "xcomp"):
            lemma = (head if _is_infinitive(current) else current).lemma_.lower()
            if lemma in rules["intent_heads"]:
                kind = kind or "offer"
            elif lemma not in rules["implicative_heads"] and lemma not in rules["modal_lemmas"]:
                return None
    return kind


def stated_refusal(trigger: Trigger, rules: dict) -> bool:
    """Whether a negated trigger states a refusal: its clause is future, a "cannot" or a present
    ("will not accept refugees", "cannot allow", "does not recognise"). A past one ("did not send
    aid") only says that nothing happened; a conditional one is no statement."""
    token = trigger.token
    verb = clause_verb(token)
    if verb.dep_ == "relcl":
        return False  # "an island which does not allow ceremonies": what the noun is, not a new act
    chain = _verb_chain(verb)
    if not (_has_negation(token, rules) or any(_has_negation(current, rules) for current in chain)):
        return False
    refusing = False
    for current in chain:
        if _irrealis_mark(current, rules):
            return False
        for child in current.children:
            if child.dep_ not in ("aux", "auxpass"):
                continue
            if child.lower_ in REFUSAL_MODALS or (child.lemma_ == "do" and child.tag_ in PRESENT_TAGS):
                refusing = True
    return refusing


def _modal_kind(word: str, lemma: str, rules: dict) -> str | None:
    for kind in ("future", "hypothetical", "obligation"):
        if word in rules[f"{kind}_modals"] or lemma in rules[f"{kind}_modals"]:
            return kind
    return None


# ---- acts told together ------------------------------------------------------------------

TIME_MARKS = frozenset({"after", "before", "since", "until"})  # open a clause of another time
MOVE_CLASS = "territory_move"  # forces moving into a place ("troops entered the town")


def another_time(first: Token, second: Token) -> bool:
    """One of two tokens, one above the other, sits in a clause of another time ("killed four
    militants on Tuesday, two days after rebels attacked a convoy"): their acts are two."""
    lower, upper = (first, second) if second.is_ancestor(first) else (second, first)
    current = lower
    while current.i != upper.i and current.head.i != current.i:
        if any(child.dep_ in ("mark", "prep") and child.lower_ in TIME_MARKS for child in current.children):
            return True
        current = current.head
    return False


def is_approach(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """A move into a place told in one sentence with another act ("entered the village and
    killed twelve", "stormed in and looted shops"): the move brings the doers to that act and
    changes no control of territory; the act is the event."""
    return trigger.entry.cls == MOVE_CLASS and any(
        other is not trigger and other.sent == trigger.sent and not other.entry.is_verbal and other.entry.cls != MOVE_CLASS
        for other in triggers
    )


# prepositions that place an act inside another event ("died during the march", "amid the riot")
CIRCUMSTANCE_PREPOSITIONS = frozenset({"during", "in", "at", "amid", "amidst"})
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
DISTINCT_WORDS = frozenset({"also", "another", "separate", "separately", "second"})
CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def circumstance_of(noun, verb) -> bool:
    """Whether ``noun`` is the object of a preposition of circumstance on ``verb`` ("died during
    the march", "died at the rally", "were shot amid demonstrations")."""
    preposition = noun.head
    return (
        noun.dep_ == "pobj" and preposition.dep_ == "prep" and preposition.head.i == verb.i
        and preposition.lower_ in CIRCUMSTANCE_PREPOSITIONS
    )


def is_distinct(trigger: Trigger) -> bool:
    """"A car bomb also exploded", "another attack": the text says this is a further event."""
    token = trigger.token
    verb = clause_verb(token)
    words = [child.lower_ for child in token.children]
    # the clause's "also" is about its verb and the verb's subject or object, not about an
    # adjunct: in "amid the looting, residents also took to the streets" the looting is not new
    if token == verb or (token.head == verb and token.dep_ in CORE_DEPS):
        words += [child.lower_ for child in verb.children if child.dep_ == "advmod"]
    return bool(DISTINCT_WORDS & set(words))


def within_told_event(trigger: Trigger, event_tokens: dict, unrest_classes: frozenset) -> bool:
    """"Three cars were also burned during the riot": the clause places the act inside an event
    told before (a preposition of circumstance governing a definite event noun of the same class,
    or of a demonstration, ``unrest_classes``, within which damage and clashes happen), so its
    "also" adds to that event; it is no further event. "Amid the looting, teachers also marched"
    tells a new one."""
    verb = clause_verb(trigger.token)
    for head in {trigger.token, verb}:
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in CIRCUMSTANCE_PREPOSITIONS:
                continue
            for noun in child.children:
                definite = any(
                    (grand.dep_ == "det" and grand.lower_ in ANAPHORIC_DETERMINERS) or grand.dep_ == "poss"
                    for grand in noun.children
                )
                host = event_tokens.get(noun.i)
                if noun.dep_ == "pobj" and definite and (host == trigger.entry.cls or host in unrest_classes):
                    return True
    return False
