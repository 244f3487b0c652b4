"""Who did what to whom: a trigger's arguments from the dependency parse.

``actor1`` comes from the subject (or the passive agent, "attacked by gunmen"; the
possessor or compound of a noun, "the Taliban attack"); ``actor2`` from the object, the
passive subject, or the object of on/against/with ("an attack on soldiers"). Symmetric
triggers split a coordinated subject ("The Taliban and Afghan government leaders met":
Taliban, Government of Afghanistan). Argument tokens are mapped to the doc's
``ActorMention`` records by character overlap.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.coding.coref.clauses import clause_verb
from eventwire.coding.triggers import Trigger
from eventwire.types import ActorMention

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
TARGET_PREPS = ("on", "against", "at", "upon", "targeting", "into")
NOUN_TARGET_PREPS = ("on", "against", "targeting", "upon", "at")
PARTNER_PREPS = ("with",)
PRUNED_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "punct", "mark", "xcomp"})
KEPT_PREPS = ("of", "from")
RELATIVE_TAGS = ("WDT", "WP")
# "blamed the killings on X": the parser may hang "on X" from the object; X did them, it is no target
BLAME_VERB, BLAME_PREP = "blame", "on"
NP_INTERNAL_DEPS = frozenset({"compound", "amod", "poss", "det", "appos", "nmod", "conj", "cc", "case", "nummod", "quantmod", "npadvmod"})


@dataclass
class Arguments:
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    actor1_token: Token | None = None
    target_token: Token | None = None  # the object/victim token, actor or not
    place_target: bool = False  # the object is a place name ("attacked Qala-e-Naw")
    extra: list[ActorMention] = field(default_factory=list)  # further participants (coordinated)


class ArgumentReader:
    """Reads arguments in one doc; built once per doc (indexes the actor mentions by token)."""

    def __init__(self, doc: Doc, actors: list[ActorMention], place_spans: list[tuple[int, int]], rules: dict) -> None:
        self.doc = doc
        self.rules = rules
        self.actor_at: dict[int, ActorMention] = {}
        for mention in sorted(actors, key=lambda item: (item.start, -(item.end - item.start))):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.actor_at.setdefault(token.i, mention)
        self.place_tokens: set[int] = set()
        for start, end in place_spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                self.place_tokens.update(token.i for token in span)

    # -- spans -------------------------------------------------------------------------
    def phrase_tokens(self, token: Token) -> list[Token]:
        """The noun phrase headed by the token, without clauses and most prepositions."""
        tokens = [token]
        stack = list(token.children)
        while stack:
            child = stack.pop()
            if child.dep_ in PRUNED_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ not in KEPT_PREPS:
                continue
            tokens.append(child)
            stack.extend(child.children)
        return sorted(tokens, key=lambda item: item.i)

    def actors_in(self, tokens: list[Token]) -> list[ActorMention]:
        found: list[ActorMention] = []
        for token in tokens:
            mention = self.actor_at.get(token.i)
            if mention is not None and all(mention is not seen for seen in found):
                found.append(mention)
        return found

    def best_actor(self, tokens: list[Token]) -> ActorMention | None:
        mentions = self.actors_in(tokens)
        organisations = [mention for mention in mentions if mention.kind != "person"]
        return (organisations or mentions or [None])[0]

    def is_place(self, token: Token) -> bool:
        """Whether the token heads a place name ("attacked Qala-e-Naw")."""
        phrase = self.phrase_tokens(token)
        return any(item.i in self.place_tokens for item in phrase) or token.ent_type_ in ("GPE", "LOC", "FAC")

    # -- attribution -----------------------------------------------------------------------
    def is_source(self, token: Token) -> bool:
        """True when the token names who reported the event ("according to X", "X said")."""
        current = token
        while current.dep_ in NP_INTERNAL_DEPS or (current.dep_ == "pobj" and current.head.lower_ in KEPT_PREPS):
            current = current.head if current.dep_ != "pobj" else current.head.head
            if current.head.i == current.i:
                break
        if current.dep_ == "pobj" and current.head.lower_ == "to" and current.head.head.lower_ == "according":
            return True
        return current.dep_ in ("nsubj", "nsubjpass") and current.head.lemma_.lower() in self.rules["reporting_verbs"]

    # -- subjects and objects ------------------------------------------------------------
    def subject(self, verb: Token) -> Token | None:
        current = verb
        for _ in range(6):
            for child in current.children:
                if child.dep_ in SUBJECT_DEPS:
                    if child.tag_ in RELATIVE_TAGS and current.dep_ == "relcl":
                        return current.head
                    return child
                if child.dep_ == "agent":
                    pobj = [grand for grand in child.children if grand.dep_ == "pobj"]
                    if pobj:
                        return pobj[0]
            if current.dep_ in ("conj", "xcomp", "advcl") and current.head.i != current.i:
                current = current.head
                continue
            if current.dep_ in ("acl", "relcl") and current.head.i != current.i:
                return current.head
            return None
        return None

    def target_actor(self, target: Token) -> ActorMention | None:
        """The actor a target phrase names, or holds ("positions held by the militants")."""
        actor = self.best_actor(self.phrase_tokens(target))
        if actor is not None:
            return actor
        for acl in (child for child in target.children if child.dep_ == "acl"):
            agent = self.agent(acl)
            if agent is not None:
                return self.best_actor(self.phrase_tokens(agent))
        return None

    def agent(self, token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                pobj = [grand for grand in child.children if grand.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
        return None

    def objects(self, token: Token, preps: tuple[str, ...]) -> list[Token]:
        found = [child for child in token.children if child.dep_ in OBJECT_DEPS]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found.extend(grand for grand in child.children if grand.dep_ == "pobj")
        return found

    def partners(self, token: Token) -> list[Token]:
        found = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in PARTNER_PREPS:
                found.extend(grand for grand in child.children if grand.dep_ == "pobj")
        return found

    def between(self, token: Token) -> list[ActorMention]:
        """The sides named by "between X and Y" on ``token``, or on the object of one of its
        prepositions, where the small parser often attaches it ("talks in months between
        the Taliban and the government")."""
        heads = [token] + [
            pobj for prep in token.children if prep.dep_ == "prep" for pobj in prep.children if pobj.dep_ == "pobj"
        ]
        for child in (child for head in heads for child in head.children):
            if child.dep_ == "prep" and child.lower_ == "between":
                tokens = []
                for pobj in (grand for grand in child.children if grand.dep_ == "pobj"):
                    tokens.extend(self.phrase_tokens(pobj))
                return self.actors_in(tokens)
        return []

    # -- the whole reading ------------------------------------------------------------------
    def read(self, trigger: Trigger) -> Arguments:
        token = trigger.token
        args = Arguments()
        if token.pos_ in ("VERB", "AUX"):
            self._read_verb(trigger, args)
        else:
            self._read_noun(trigger, args)
        if trigger.entry.symmetric:
            self._split_symmetric(trigger, args)
        if args.actor1 is not None and args.actor2 is not None and args.actor1.name == args.actor2.name:
            args.actor2 = None
        return args

    def _read_verb(self, trigger: Trigger, args: Arguments) -> None:
        token = trigger.token
        passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in token.children)
        subject = self.agent(token) if passive else self.subject(token)
        if subject is not None and subject.i not in trigger.span_indices:
            args.actor1_token = subject
            args.actor1 = self.best_actor(self.phrase_tokens(subject))
        for target in self.objects(token, TARGET_PREPS):
            if target.i in trigger.span_indices:
                continue
            args.target_token = args.target_token or target
            actor = self.target_actor(target)
            if actor is not None:
                args.actor2 = actor
                args.target_token = target
                break
        if args.target_token is not None and args.actor2 is None:
            args.place_target = self.is_place(args.target_token)
        self._partner(trigger, args)

    def _read_noun(self, trigger: Trigger, args: Arguments) -> None:
        token = trigger.token
        owners = [
            child for child in token.children
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i not in trigger.span_indices
        ]
        agent = self.agent(token)
        for acl in (child for child in token.children if child.dep_ == "acl"):
            agent = agent or self.agent(acl) or self._blamed_on(acl)
        for candidate in ([agent] if agent is not None else []) + owners:
            actor = self.best_actor(self.phrase_tokens(candidate))
            if actor is not None:
                args.actor1, args.actor1_token = actor, candidate
                break
        governor = clause_verb(token)
        light = governor.i != token.i and governor.lemma_.lower() in self.rules["light_verbs"] and token.dep_ in ("dobj", "pobj", "nsubjpass")
        if args.actor1 is None and light:
            passive = any(child.dep_ == "nsubjpass" for child in governor.children)
            subject = self.agent(governor) if passive else self.subject(governor)
            if subject is not None and subject.i != token.i:
                args.actor1_token = subject
                args.actor1 = self.best_actor(self.phrase_tokens(subject))
        targets = self.objects(token, NOUN_TARGET_PREPS)
        if light or (token.dep_ == "nsubj" and governor.lemma_.lower() in self.rules["impact_verbs"]):
            targets += [item for item in self.objects(governor, NOUN_TARGET_PREPS) if item.i != token.i]
        blamed = token.dep_ in ("dobj", "nsubjpass") and governor.lemma_.lower() == BLAME_VERB
        for target in targets:
            if target.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
                continue
            if blamed and target.head.lower_ == BLAME_PREP and target.head.head.i == token.i:
                continue
            args.target_token = args.target_token or target
            actor = self.target_actor(target)
            if actor is not None:
                args.actor2, args.target_token = actor, target
                break
        if args.target_token is not None and args.actor2 is None:
            args.place_target = self.is_place(args.target_token)
        self._partner(trigger, args)

    def _blamed_on(self, verb: Token) -> Token | None:
        if verb.lemma_.lower() not in self.rules["perpetrator_verbs"]:
            return None
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "to", "by"):
                pobj = [grand for grand in child.children if grand.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
        return None

    def _partner(self, trigger: Trigger, args: Arguments) -> None:
        between = self.between(trigger.token)
        if len(between) >= 2 and args.actor1 is None:
            args.actor1, args.actor2 = between[0], between[1]
            return
        if args.actor2 is None:
            for partner in self.partners(trigger.token):
                actor = self.best_actor(self.phrase_tokens(partner))
                if actor is not None:
                    args.actor2 = actor
                    return
        if args.actor2 is None and trigger.entry.is_verbal:
            for obj in self.objects(trigger.token, ()):
                inner = self.between(obj)
                if len(inner) >= 2:
                    args.actor1, args.actor2 = inner[0], inner[1]
                    return
                for partner in self.partners(obj):
                    actor = self.best_actor(self.phrase_tokens(partner))
                    if actor is not None and actor is not args.actor1:
                        args.actor2 = actor
                        return

    def _split_symmetric(self, trigger: Trigger, args: Arguments) -> None:
        if args.actor1_token is None or args.actor2 is not None:
            return
        participants = self.actors_in(self.phrase_tokens(args.actor1_token))
        organisations = [mention for mention in participants if mention.kind != "person"] or participants
        distinct = []
        for mention in organisations:
            if all(mention.name != seen.name for seen in distinct):
                distinct.append(mention)
        if len(distinct) >= 2:
            args.actor1, args.actor2 = distinct[0], distinct[1]
            args.extra = distinct[2:]

    # -- opposing side ------------------------------------------------------------------------
    def opposing_actor(self, trigger: Trigger, actor1: ActorMention | None) -> ActorMention | None:
        """An armed actor acting in the trigger's sentence against actor1 ("who added that
        Afghan military had managed to push the Taliban back"): a subject or object, not a source."""
        if actor1 is None:
            return None
        for token in trigger.sent:
            mention = self.actor_at.get(token.i)
            if mention is None or mention.name == actor1.name or mention.kind == "person":
                continue
            if mention.inter not in (1, 2, 3, 4, 8):
                continue
            head = token
            while head.dep_ in ("compound", "amod", "poss", "det") and head.head.i != head.i:
                head = head.head
            if head.dep_ not in ("nsubj", "nsubjpass", "dobj") or self.is_source(head):
                continue
            return mention
        return None
