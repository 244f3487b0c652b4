"""Who the article says did an event its own sentence leaves unnamed: claims and attributions.

``attribute_events(events, doc, matcher=..., lexicon=...)`` reads the English constructions that
name a perpetrator outside the event's clause and gives the named actor (its canonical name and
inter code, as ``doc._.ew_actors`` has it) to the event as actor1, when that event is a battle,
an explosion or violence against civilians whose actor1 is missing or unidentified
("Unidentified Armed Group (Mali)"). An actor1 the text names is never replaced. Constructions
(X: a named group or state force; E: an event word):

- claims: "X claimed (took, accepted) responsibility (credit) for E", "X claimed E", "E was
  claimed by X", "responsibility for E was claimed by X", "an attack claimed by X";
- blame: "E was blamed on X", "Y blamed E on X", "Y blamed X (for E)", "X was blamed for E",
  "an attack blamed on X"; the same with "attributed ... to X";
- suspicion: "Y suspect X (of E)", "X is suspected (of E)";
- perpetration: "E was carried out (perpetrated, staged, ...) by X", "X carried out E",
  "X was behind E", "X was responsible for E"; raised ("E is believed to have been carried out
  by X", "X is thought to be behind E") and reported ("police said X was behind E");
- the doer named by reference: "the group" (the last named armed group before it), "it" in
  "X said it carried out E".

Nothing is read from a clause that is negated ("did not claim", "no group has claimed"), modal
("may have been carried out by"), denied ("denied carrying out") or open ("whether X was
behind"). The event: one coded in the construction's sentence (for a bare indefinite noun, "an
attack claimed by X", only one whose trigger is that noun), else, for a definite noun ("the
blast", "Sunday's attack"), a pronoun or no event word at all ("X claimed responsibility",
"authorities suspect X"), the nearest coded event told before, of a type the word can name
("the bombing": an explosion; "the attack": any of the three).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from eventwire.coding.coref.context import sentence_bounds
from eventwire.coding.coref.merge import is_unidentified
from eventwire.coding.triggers import TriggerLexicon, TriggerMatcher, find_triggers
from eventwire.nlp.extensions import doc_list
from eventwire.types import ActorMention, Event, Evidence

__all__ = ["Attribution", "find_attributions", "attribute_events"]

ATTRIBUTED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
REMOTE_TYPES = frozenset({"Explosions/Remote violence"})
# Trigger classes (coding/data/triggers.jsonl) an event word may have: remote ones name explosions only.
REMOTE_CLASSES = frozenset({"air", "shelling", "suicide", "explosive", "grenade", "chemical"})
VIOLENT_CLASSES = REMOTE_CLASSES | {"attack", "clash", "kill", "territory_take", "territory_retake", "abduct", "sexual", "mob"}
# Words that name an event without being a trigger of their own ("the incident", "claimed it").
REFERENCE_WORDS = frozenset({"incident", "violence", "operation", "act", "atrocity", "crime", "it", "this", "that"})
PRONOUNS = frozenset({"it", "this", "that"})
RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit"})
RESPONSIBILITY_VERBS = frozenset({"claim", "take", "accept", "assume", "admit"})
CLAIM_VERBS = frozenset({"claim"})
BLAME_VERBS = {"blame": "on", "attribute": "to"}  # the preposition that names the doer
SUSPECT_VERBS = frozenset({"suspect"})
PERPETRATION_VERBS = frozenset({
    "carry", "perpetrate", "commit", "stage", "conduct", "launch", "mount", "orchestrate", "mastermind", "execute",
})
PARTICLE_VERBS = {"carry": "out"}  # "carried out", never "carried" alone
ANCHOR_LEMMAS = RESPONSIBILITY_VERBS | CLAIM_VERBS | set(BLAME_VERBS) | SUSPECT_VERBS | PERPETRATION_VERBS | {"be"}
# A clause governed by one of these, or negated, modal or open, asserts nothing.
DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "doubt", "question", "disclaim", "disown"})
NEGATORS = frozenset({"not", "n't", "never", "no", "nobody", "none", "neither", "nor"})
MODALS = frozenset({"may", "might", "could", "can", "ca", "would", "should", "must", "will", "wo", "shall"})
OPEN_MARKS = frozenset({"whether", "if"})
RAISING_DEPS = ("xcomp", "ccomp", "pcomp")  # a clause whose assertion is its governor's
RELATIVE_WORDS = frozenset({"which", "that", "who"})
DEFINITE_WORDS = frozenset({"the", "this", "that", "these", "those"})
# "the group claimed ...": the last named armed group told before
COLLECTIVE_NOUNS = frozenset({"group", "organisation", "organization", "movement", "outfit", "faction", "network"})
DOER_KINDS = frozenset({"named", "state"})
ARMED_INTERS = frozenset({2, 3, 4})
PHRASE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "punct"})  # not part of the doer's name
# "an ISIS-inspired group": a name followed by one of these names another group
AFFILIATION_WORDS = frozenset({"linked", "inspired", "affiliated", "allied", "backed", "aligned", "loyal", "sponsored"})
AFFILIATION_WINDOW = 16  # characters read after a name


@dataclass(frozen=True)
class Attribution:
    """One construction naming the doer of an event."""

    actor: ActorMention
    sent_start: int  # the construction's sentence (bounds as the events' evidence has them)
    sent_end: int
    event_word: str  # the event word's text; "" when the construction names none
    types: frozenset  # the event types the word can name
    anaphoric: bool  # may name an event told before its sentence


def attribute_events(events: list[Event], doc: Doc, *, matcher: TriggerMatcher, lexicon: TriggerLexicon) -> list[Event]:
    """``events`` (merged, in order) with the attributed actor as actor1 where the text leaves it open."""
    attributions = find_attributions(doc, matcher=matcher, lexicon=lexicon)
    events = list(events)
    for attribution in attributions:
        index = _linked(events, attribution)
        if index is None:
            continue
        event = events[index]
        open_side = event.actor1 is None or is_unidentified(event.actor1)
        if event.event_type in ATTRIBUTED_TYPES and open_side and event.actor2 != attribution.actor.name:
            events[index] = _with_actor(event, attribution, doc.text)
    return events


def find_attributions(doc: Doc, *, matcher: TriggerMatcher, lexicon: TriggerLexicon) -> list[Attribution]:
    """Every attribution of ``doc``, in text order."""
    found = [
        (token, doer, event)
        for token in doc if token.lemma_.lower() in ANCHOR_LEMMAS and not _blocked(token)
        for doer, event in [_construction(token)] if doer is not None
    ]
    if not found:
        return []
    actors = _ActorIndex(doc)
    classes = {index: trigger.entry.cls for trigger in find_triggers(doc, matcher, lexicon) for index in trigger.span_indices}
    attributions = []
    for token, doer, event in found:
        actor = actors.doer(doer)
        read = _event_reading(event, classes)
        if actor is None or read is None:
            continue
        start, end = sentence_bounds(token.sent)
        attributions.append(Attribution(actor, start, end, event.text if event is not None else "", *read))
    return attributions


# ---- constructions ---------------------------------------------------------------------------


def _construction(token: Token) -> tuple[Token | None, Token | None]:
    """(doer, event word) of the construction ``token`` anchors; (None, None) when none."""
    lemma = token.lemma_.lower()
    if lemma == "be":
        return _behind(token)
    if token.pos_ not in ("VERB", "AUX"):
        return None, None
    objects = _children(token, "dobj")
    passive = _children(token, "nsubjpass")
    if lemma in RESPONSIBILITY_VERBS:
        taken = [child for child in objects + passive if child.lemma_.lower() in RESPONSIBILITY_NOUNS]
        if taken:  # "X claimed responsibility for E", "responsibility for E was claimed by X"
            event = _prep_object(taken[0], "for") or _prep_object(token, "for")
            return (_agent(token) if passive else _subject(token)), event
    if lemma in CLAIM_VERBS:
        return _done(token, objects, passive)
    if lemma in BLAME_VERBS:
        return _blame(token, BLAME_VERBS[lemma], objects, passive)
    if lemma in SUSPECT_VERBS:
        suspects = objects or passive  # "police suspect X (of E)", "X is suspected (of E)"
        return (suspects[0], _prep_object(suspects[0], "of") or _prep_object(token, "of")) if suspects else (None, None)
    if lemma in PERPETRATION_VERBS:
        particle = PARTICLE_VERBS.get(lemma)
        if particle and not any(child.dep_ == "prt" and child.lower_ == particle for child in token.children):
            return None, None
        return _done(token, objects, passive)
    return None, None


def _done(verb: Token, objects: list[Token], passive: list[Token]) -> tuple[Token | None, Token | None]:
    """"X claimed E", "E was carried out by X", "an attack claimed by X"."""
    agent = _agent(verb)
    if agent is not None:
        return agent, (passive[0] if passive else _raised(verb, "nsubjpass") or _modified(verb))
    return (_subject(verb), objects[0]) if objects else (None, None)


def _blame(verb: Token, prep: str, objects: list[Token], passive: list[Token]) -> tuple[Token | None, Token | None]:
    """"Y blamed E on X", "E was blamed on X", "Y blamed X (for E)", "X was blamed for E"."""
    first = (objects or passive or [None])[0]
    named = _prep_object(verb, prep) or (_prep_object(first, prep) if first is not None else None)
    if named is not None:  # the parser may hang "on X" from E
        return named, first if first is not None else _modified(verb)
    if first is not None and verb.lemma_.lower() == "blame":
        return first, _prep_object(verb, "for") or _prep_object(first, "for")
    return None, None


def _behind(be: Token) -> tuple[Token | None, Token | None]:
    """"X was behind E", "X was responsible for E", "X is believed to be behind E"."""
    for child in be.children:
        if child.dep_ == "prep" and child.lower_ == "behind":
            return _subject(be), _prep_object(be, "behind")
        if child.dep_ == "acomp" and child.lower_ == "responsible":
            return _subject(be), _prep_object(child, "for")
    return None, None


def _blocked(token: Token) -> bool:
    """Whether the clause of ``token`` (or a clause governing it) is negated, modal, denied or open."""
    current = token
    for _ in range(4):
        if current.lemma_.lower() in DENIAL_VERBS:
            return True
        for child in current.children:
            if child.dep_ == "neg" or (child.dep_ in ("aux", "advmod") and child.lower_ in NEGATORS):
                return True
            if child.dep_ == "aux" and child.lower_ in MODALS:
                return True
            if child.dep_ in ("mark", "advmod") and child.lower_ in OPEN_MARKS:
                return True
        if current.dep_ not in RAISING_DEPS:
            return False
        current = current.head.head if current.dep_ == "pcomp" else current.head
    return False


# ---- tokens ----------------------------------------------------------------------------------


def _children(token: Token, dep: str) -> list[Token]:
    return [child for child in token.children if child.dep_ == dep]


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a raised or shared one ("X is believed to be behind", "X attacked ...
    and claimed"); the noun a relative clause is about ("X, which claimed the attack")."""
    subjects = _children(verb, "nsubj") + _children(verb, "nsubjpass")
    if subjects:
        if subjects[0].lower_ in RELATIVE_WORDS and verb.dep_ == "relcl":
            return verb.head
        return subjects[0]
    return _subject(verb.head) if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i else None


def _raised(verb: Token, dep: str) -> Token | None:
    """A raised argument: "the attack" in "the attack is believed to have been carried out by X"."""
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
        found = _children(verb, dep) or _children(verb, "nsubj")
        if found:
            return found[0]
    return None


def _modified(verb: Token) -> Token | None:
    """The noun a participle modifies: "an attack blamed on X"."""
    return verb.head if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON") else None


def _agent(verb: Token) -> Token | None:
    for child in _children(verb, "agent"):
        objects = _children(child, "pobj")
        if objects:
            return objects[0]
    return None


def _prep_object(token: Token, word: str) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == word:
            objects = [grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")]
            if objects:
                return _act_object(objects[0])
    return None


def _act_object(token: Token) -> Token:
    """"of carrying out the attack": the attack; other words are themselves."""
    if token.pos_ == "VERB" and token.lemma_.lower() in PERPETRATION_VERBS:
        objects = _children(token, "dobj")
        return objects[0] if objects else token
    return token


def _event_reading(event: Token | None, classes: dict[int, str]) -> tuple[frozenset, bool] | None:
    """(event types the word can name, whether it may refer back); None when it names no violence."""
    if event is None:
        return ATTRIBUTED_TYPES, True
    cls = classes.get(event.i)
    if cls is not None and cls not in VIOLENT_CLASSES:
        return None  # "claimed the protest", "blamed the arrests on ...": not violence
    if cls is None and event.lemma_.lower() not in REFERENCE_WORDS:
        return None  # "claimed victory", "blamed the shortage on X"
    types = REMOTE_TYPES if cls in REMOTE_CLASSES else ATTRIBUTED_TYPES
    definite = any(
        (child.dep_ == "det" and child.lower_ in DEFINITE_WORDS) or child.dep_ == "poss" for child in event.children
    )
    return types, definite or event.lower_ in PRONOUNS


class _ActorIndex:
    """The doc's actor mentions by token, and the doer a token names."""

    def __init__(self, doc: Doc) -> None:
        self.mentions = doc_list(doc, "ew_actors")
        self.at: dict[int, ActorMention] = {}
        for mention in self.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span if span is not None else ():
                self.at.setdefault(token.i, mention)

    def doer(self, token: Token | None) -> ActorMention | None:
        """The one named group or state force ``token``'s phrase names ("militant group X": X);
        "the group" (the last named armed group before it); "it" in "X said it carried out E" (X)."""
        if token is None or _negated(token):
            return None
        if token.lower_ in ("it", "they", "we") and token.head.dep_ == "ccomp":
            speaker = _subject(token.head.head)  # an armed group claiming for itself, not police telling of "it"
            group = self.doer(speaker) if speaker is not None and speaker.i != token.i else None
            return group if group is not None and group.kind == "named" and group.inter in ARMED_INTERS else None
        phrase = _phrase(token)
        named: dict[str, ActorMention] = {}
        for item in phrase:
            mention = self.at.get(item.i)
            if mention is not None and mention.kind != "person" and not _affiliated(token.doc, mention):
                named.setdefault(mention.name, mention)
        doers = [mention for mention in named.values() if mention.kind in DOER_KINDS and not is_unidentified(mention.name)]
        if len(doers) == 1:
            return doers[0]
        bare = all(item.i == token.i or (item.dep_ in ("det", "amod") and item.pos_ != "PROPN") for item in phrase)
        return self._collective(token) if bare and not named else None  # "X or Y": no one doer

    def _collective(self, token: Token) -> ActorMention | None:
        """"the group": the last named armed group told before it."""
        definite = any(child.dep_ == "det" and child.lower_ in DEFINITE_WORDS for child in token.children)
        if token.lemma_.lower() not in COLLECTIVE_NOUNS or not definite:
            return None
        before = [
            mention for mention in self.mentions
            if mention.end <= token.idx and mention.kind == "named" and mention.inter in ARMED_INTERS
        ]
        return before[-1] if before else None


def _affiliated(doc: Doc, mention: ActorMention) -> bool:
    """"ISIS-inspired group", "Qaeda-linked militants": the name is of another group."""
    after = doc.text[mention.end : mention.end + AFFILIATION_WINDOW].lstrip(" -").split(maxsplit=1)
    return bool(after) and after[0].lower().strip(",.") in AFFILIATION_WORDS


def _phrase(token: Token) -> list[Token]:
    tokens, stack = [], [token]
    while stack:
        item = stack.pop()
        tokens.append(item)
        stack.extend(child for child in item.children if child.dep_ not in PHRASE_DEPS)
    return tokens


def _negated(token: Token) -> bool:
    return token.lower_ in NEGATORS or any(child.dep_ in ("det", "neg") and child.lower_ in NEGATORS for child in token.children)


# ---- linking ---------------------------------------------------------------------------------


def _linked(events: list[Event], attribution: Attribution) -> int | None:
    """The index of the event an attribution is about: one coded in its sentence (the one whose
    trigger is the event word first), else the nearest told before; None when there is none."""
    starts = [
        [item.start for item in event.evidence if item.role == "trigger"] if event.event_type in attribution.types else []
        for event in events
    ]
    word = attribution.event_word.lower()
    here = [index for index, found in enumerate(starts) if attribution.sent_start in found]
    named = [index for index in here if word and word in events[index].trigger.lower()]
    if word and not attribution.anaphoric:  # "an attack claimed by X": that attack, nothing else
        return named[0] if named else None
    if here:
        return (named or here)[0]
    if not attribution.anaphoric:
        return None
    before = [
        (max(start for start in found if start < attribution.sent_start), index)
        for index, found in enumerate(starts) if any(start < attribution.sent_start for start in found)
    ]
    return max(before)[1] if before else None


def _with_actor(event: Event, attribution: Attribution, text: str) -> Event:
    """``event`` with the attributed actor as actor1 and the attribution's sentence as evidence."""
    actor = attribution.actor
    evidence = list(event.evidence)
    if all((item.start, item.end) != (attribution.sent_start, attribution.sent_end) for item in evidence):
        span = text[attribution.sent_start : attribution.sent_end]
        evidence.append(Evidence(event.article_id, attribution.sent_start, attribution.sent_end, span, "actor"))
        evidence.sort(key=lambda item: (item.start, item.role != "trigger"))
    return replace(event, actor1=actor.name, inter1=actor.inter, evidence=evidence)
