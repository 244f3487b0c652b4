"""Detect event mentions in a processed doc and code them: ``code_doc(doc) -> list[Event]``.

Per doc: find triggers (one Matcher call), drop background ones (``clauses``), fold kill verbs
into the event noun they report on ("the battle killed two", "killed in an attack"), read the
arguments (``arguments``), code them (``rules``), date and place them (``context``), attach
counts (``counts``), merge mentions of the same event (``merge``), name the actors the text
leaves unnamed the ACLED way ("Unidentified Armed Group (Mali)", "Protesters (Kenya)") and
assign stable ids. Verbal (PLOVER-only) mentions are kept only when their first actor is a
named organisation, a government or a state actor. The ``sentence`` setting (for coding single
sentences, as PLOVER records are; see ``SETTINGS``) also keeps them when the first actor is a
country, nationality, organisation or office holder named as such ("Portugal", "Bosnian Serbs",
"Russian President Boris Yeltsin"; ``_qualified_verbal``), and keeps events of the past, which
PLOVER codes with its 'historical' context. A trigger in a clause that states an intention (kept
out of the event data as future or hypothetical) is coded the PLOVER way, as the single category
of the statement (``_intents``): a cooperative act promised or offered is AGREE ("Norway will
send aid"), a conflictual one THREATEN ("may suspend aid", "plans to impose a curfew"), one that
must happen REQUEST ("Iran must release the prisoners"). See ``docs/plover.md``.

Reads ``doc._.ew_places``, ``ew_dates``, ``ew_casualties``, ``ew_actors``, ``ew_published`` and
``ew_article_id``; each may be missing (an empty list), which only lowers what is coded.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.coding.arguments import ArgumentReader, Arguments
from eventwire.coding.clauses import INTENT_REASONS, background_reason, clause_verb, earlier_offset, stated_intent
from eventwire.coding.context import DocContext, Location, sentence_bounds
from eventwire.coding.counts import Anchor, CountClaim, attach_counts, resolve_count
from eventwire.coding.merge import assign_event_ids, merge_events
from eventwire.coding.rules import TARGET_SENSITIVE, UNIDENTIFIED_INTER, Coding, code_trigger, token_inter
from eventwire.coding.taxonomy import Taxonomy, load_taxonomy
from eventwire.coding.triggers import Trigger, TriggerEntry, TriggerLexicon, find_triggers, load_rules, load_trigger_lexicon
from eventwire.nlp.extensions import doc_list
from eventwire.types import ActorMention, Event, Evidence

# Triggers a kill verb can report the toll of ("killed in an attack"). Not abductions or rapes:
# a killing after an abduction is an Attack of its own that the merge keeps (ACLED).
KILL_HOST_CLASSES = frozenset({
    "attack", "clash", "air", "shelling", "suicide", "explosive", "grenade", "chemical",
    "territory_take", "territory_retake", "mob",
})
VICTIM_TAKING_CLASSES = frozenset({"attack", "air", "shelling", "suicide", "explosive", "grenade", "chemical", "abduct", "sexual", "mob"})
OPPOSING_CLASSES = frozenset({"attack", "clash"})
# Triggers whose coded type is a default guess ("the attack"); a specific mention's type wins.
GENERIC_CLASSES = frozenset({"attack"})
FAMILY = {
    "air": "remote", "shelling": "remote", "suicide": "remote", "explosive": "remote", "grenade": "remote", "chemical": "remote",
    "protest": "demonstration", "riot": "demonstration", "loot": "demonstration",
}
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
DISTINCT_WORDS = frozenset({"also", "another", "separate", "separately", "second"})
QUALIFIED_KINDS = frozenset({"named", "government"})
GENERIC_ACTORS = {
    "Battles": ("Unidentified Armed Group ({country})", UNIDENTIFIED_INTER),
    "Explosions/Remote violence": ("Unidentified Armed Group ({country})", UNIDENTIFIED_INTER),
    "Violence against civilians": ("Unidentified Armed Group ({country})", UNIDENTIFIED_INTER),
    "Protests": ("Protesters ({country})", 6),
    "Riots": ("Rioters ({country})", 5),
}
GENERIC_TARGETS = {
    "Violence against civilians": ("Civilians ({country})", 7),
    "Battles": ("Unidentified Armed Group ({country})", UNIDENTIFIED_INTER),
}
# Trigger entries that promise what their complement names ("promised to attack" is a threat);
# "agreed to impose sanctions" stays an agreement.
PROMISE_ENTRIES = frozenset({"promise"})
COOPERATIVE_QUADS = frozenset({"verbal cooperation", "material cooperation"})
# THREATEN mode of a threatened act (PLOVER 0.8, THREATEN modes), by trigger class or category.
THREAT_MODES = {"arrest": "arrest", "SANCTION": "relations", "COERCE": "restrict", "MOBILIZE": "violence"}
PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
ACTOR_ENTITY_TYPES = frozenset({"GPE", "NORP", "ORG"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
COMPLEMENT_DEPS = frozenset({"xcomp", "acomp", "dobj", "pobj", "prep", "conj"})
MAX_CLIMB = 4
ACTOR_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "conj", "appos"})
# "article" (the default): verbal events need an actor the actor lexicon knows as a named
# organisation, government or state actor, and events well before publication are history, not
# news. "sentence" (one sentence coded on its own, as in PLOVER gold records): a country,
# nationality, organisation or office named as the subject will do (the actor lexicon knows few
# of them), and past events are kept (PLOVER 0.8 codes them with the 'historical' context).
SETTINGS = ("article", "sentence")
NON_VIOLENT_CAUSES = frozenset({
    "crash", "accident", "flood", "floods", "fire", "collapse", "stampede", "storm", "landslide", "earthquake",
    "lightning", "disease", "outbreak", "heatwave", "avalanche", "cyclone", "hurricane", "mudslide", "blaze",
})


@dataclass
class _Mention:
    trigger: Trigger
    args: Arguments
    coding: Coding
    sent_index: int
    covered: frozenset
    event: Event | None = None
    claims: list[CountClaim] = field(default_factory=list)
    weak: bool = False
    distinct: bool = False
    refers_back: bool = False


class EventExtractor:
    """Codes events in docs of one vocabulary; the matcher and data are built once."""

    def __init__(
        self,
        vocab: Vocab,
        *,
        taxonomy: Taxonomy | None = None,
        lexicon: TriggerLexicon | None = None,
        rules: dict | None = None,
        setting: str = "article",
    ) -> None:
        if setting not in SETTINGS:
            raise ValueError(f"setting must be one of {SETTINGS}, not {setting!r}")
        self.setting = setting
        self.taxonomy = taxonomy or load_taxonomy()
        self.lexicon = lexicon or load_trigger_lexicon()
        self.rules = rules or load_rules()
        self.matcher = self.lexicon.build_matcher(vocab)

    def __call__(self, doc: Doc) -> list[Event]:
        mentions = self.mentions(doc)
        events = [mention.event for mention in mentions]
        merged = merge_events(
            events,
            claims=[mention.claims for mention in mentions],
            weak=[mention.weak for mention in mentions],
            generic=[_is_generic(mention) for mention in mentions],
            distinct=[mention.distinct for mention in mentions],
            taxonomy=self.taxonomy,
        )
        return assign_event_ids([self._name_unnamed(event) for event in merged])

    # -- mentions -----------------------------------------------------------------------------
    def mentions(self, doc: Doc) -> list[_Mention]:
        """Every coded event mention, in text order, before merging."""
        ctx = DocContext(doc)
        found = find_triggers(doc, self.matcher, self.lexicon)
        reasons = {trigger.token.i: background_reason(trigger, self.rules) for trigger in found}
        background = {index for index, reason in reasons.items() if reason is not None}
        absorbed = self._absorb(found)
        intents = self._intents(found, reasons, absorbed)
        # counts stated by a trigger that is not coded (background, historical) belong to no event
        blocked: set[int] = set()
        live = []
        for trigger in found:
            # an absorbed verb shares its host's fate ("no one was killed in the attack" keeps its 0)
            decider = absorbed.get(trigger.token.i, trigger.token.i)
            if trigger.token.i in intents:
                blocked.update(trigger.span_indices)  # a promise or threat states no toll
                live.append(replace(trigger, entry=intents[trigger.token.i]))
            elif decider in background:
                blocked.update(trigger.span_indices)
            else:
                live.append(trigger)
        places = [(mention.start, mention.end) for mention in ctx.places if not mention.is_demonym]
        reader = ArgumentReader(doc, doc_list(doc, "ew_actors"), places, self.rules)
        protest_context = any(trigger.entry.cls in self.rules["protest_context_classes"] for trigger in live)
        instruments = self._instruments(live, absorbed)
        mentions = []
        for trigger in live:
            if trigger.token.i in absorbed:
                continue
            kills = [kill for kill in live if absorbed.get(kill.token.i) == trigger.token.i]
            if trigger.token.i in instruments:
                trigger = replace(trigger, entry=instruments[trigger.token.i])
            mention = self._mention(trigger, kills, reader, ctx, protest_context)
            if mention is None:
                blocked.update(trigger.span_indices)
                blocked.update(index for kill in kills for index in kill.span_indices)
            else:
                mentions.append(mention)
        self._attach_counts(doc, ctx, mentions, blocked)
        for mention in mentions:
            # "the attack", "the blast", "attacks": a reference to an event told elsewhere, unless
            # it brings its own actors or toll; a verbal noun done by its verb is an act of its own
            # ("reiterated its demand", "completed its investigation")
            bare = mention.args.actor1 is None and mention.args.actor2 is None and not mention.claims
            governed = mention.trigger.entry.is_verbal and bool(mention.trigger.entry.requires_head)
            if bare and not governed and mention.trigger.token.pos_ not in ("VERB", "AUX") and (
                mention.refers_back
                or (mention.trigger.token.tag_ in ("NNS", "NNPS") and mention.trigger.entry.cls in GENERIC_CLASSES)
            ):
                mention.weak = True
        return mentions

    def _intents(
        self, triggers: list[Trigger], reasons: dict[int, str | None], absorbed: dict[int, int]
    ) -> dict[int, TriggerEntry]:
        """Trigger token index -> the verbal entry it is coded with when its clause states an
        intention (see the module doc); triggers folded into another are left alone."""
        entries = {}
        for trigger in triggers:
            index = trigger.token.i
            if reasons.get(index) not in INTENT_REASONS or index in absorbed:
                continue
            coded = self._intent_category(trigger.entry, stated_intent(trigger, self.rules))
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
        return entries

    def _intent_category(self, entry: TriggerEntry, kind: str | None) -> tuple[str, str | None] | None:
        """(PLOVER category, mode) of a stated intention to do what ``entry`` names, or None."""
        if kind is None:
            return None
        if kind == "obligation":
            return "REQUEST", None
        category = self.taxonomy.current_plover(entry.plover) if entry.is_verbal else None
        quad = self.taxonomy.plover_quads.get(category) if category else "material conflict"
        if quad in COOPERATIVE_QUADS:
            # a meeting to come stays a meeting with PLOVER's 'future' context ("the G-7 will meet");
            # an offer to meet is an agreement ("is ready to host talks")
            if kind == "offer" or (kind == "future" and category != "CONSULT"):
                return "AGREE", None
            return None
        if quad == "material conflict":
            violent = not entry.is_verbal and FAMILY.get(entry.cls) != "demonstration"
            return "THREATEN", THREAT_MODES.get(category or entry.cls, "violence" if violent else None)
        return None  # "will demand", "may reject": a verbal conflict announced is not yet one

    def _instruments(self, triggers: list[Trigger], absorbed: dict[int, int]) -> dict[int, TriggerEntry]:
        """"barrel bomb attacks", "mortar attack": an attack noun whose modifier names the weapon
        is coded as that weapon's event; the modifier is folded into it (updates ``absorbed``)."""
        by_token = {trigger.token.i: trigger for trigger in triggers}
        entries = {}
        for trigger in triggers:
            if trigger.entry.cls != "attack" or trigger.token.pos_ in ("VERB", "AUX"):
                continue
            for child in trigger.token.children:
                weapon = by_token.get(child.i)
                if weapon is not None and child.dep_ in ("compound", "amod", "nmod") and FAMILY.get(weapon.entry.cls) == "remote":
                    entries[trigger.token.i] = weapon.entry
                    absorbed[child.i] = trigger.token.i
        return entries

    def _absorb(self, triggers: list[Trigger]) -> dict[int, int]:
        """Absorbed trigger token index -> the token index of the trigger it reports on: kill
        verbs ("killed in an attack") and verbs whose subject or object is an event noun of the
        same kind ("a car bomb detonated", "a suicide bomber blew himself up")."""
        hosts = [trigger for trigger in triggers if trigger.entry.cls in KILL_HOST_CLASSES]
        by_token = {trigger.token.i: trigger for trigger in triggers}
        result = {}
        for trigger in triggers:
            if trigger.token.pos_ not in ("VERB", "AUX") or trigger.entry.cls in ("kill", "verbal"):
                continue
            for child in trigger.token.children:
                host = by_token.get(child.i)
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and host is not None and _same_family(host, trigger):
                    result[trigger.token.i] = child.i
                    break
        for kill in (trigger for trigger in triggers if trigger.entry.cls == "kill"):
            related = [
                host for host in hosts
                if host.sent == kill.sent and (host.token.is_ancestor(kill.token) or kill.token.is_ancestor(host.token))
            ]
            if related:
                nearest = min(related, key=lambda host: abs(host.token.i - kill.token.i))
                result[kill.token.i] = nearest.token.i
        for index in list(result):  # a kill reported by an absorbed verb belongs to that verb's host
            seen = {index}
            while result[index] in result and result[index] not in seen:
                seen.add(result[index])
                result[index] = result[result[index]]
        return result

    def _mention(
        self, trigger: Trigger, kills: list[Trigger], reader: ArgumentReader, ctx: DocContext, protest_context: bool
    ) -> _Mention | None:
        """One coded mention (kill verbs it reports folded in), or None when it makes no event."""
        args = reader.read(trigger)
        lethal = trigger.entry.lethal
        covered = set(trigger.span_indices)
        for kill in kills:
            lethal = True
            covered.update(kill.span_indices)
            kill_args = reader.read(kill)
            if args.actor1 is None and kill_args.actor1 is not None and kill_args.actor1_token.i not in trigger.span_indices:
                args.actor1, args.actor1_token = kill_args.actor1, kill_args.actor1_token
            if trigger.entry.cls in VICTIM_TAKING_CLASSES and args.actor2 is None:
                if kill_args.actor2 is not None or trigger.entry.cls in TARGET_SENSITIVE:
                    args.actor2, args.target_token = kill_args.actor2, kill_args.target_token or args.target_token
        if trigger.entry.cls == "kill" and not self._violent_kill(trigger, args):
            return None
        if trigger.entry.cls in OPPOSING_CLASSES and args.actor2 is None and (args.target_token is None or args.place_target):
            args.actor2 = reader.opposing_actor(trigger, args.actor1)
        coding = code_trigger(
            trigger.entry, trigger.token, args, lethal=lethal, protest_context=protest_context,
            taxonomy=self.taxonomy, rules=self.rules,
        )
        if coding is None:
            return None
        sent_index = ctx.index_of(trigger.token)
        mention = _Mention(trigger, args, coding, sent_index, frozenset(covered))
        mention.event = self._event(mention, ctx)
        if mention.event is None:
            return None
        unqualified = coding.event_type is None and not self._verbal_actor_ok(args, trigger.token, reader)
        mention.weak = unqualified or ctx.is_headline(sent_index)
        mention.distinct = _is_distinct(trigger)
        return mention

    def _verbal_actor_ok(self, args: Arguments, token, reader: ArgumentReader) -> bool:
        if self.setting == "sentence":
            return _qualified_verbal(args, token, self.rules, is_place=reader.is_place)
        return _qualified(args.actor1)

    def _violent_kill(self, trigger: Trigger, args: Arguments) -> bool:
        """A killing with a human perpetrator, or a passive one with no other stated cause."""
        token = trigger.token
        if args.actor1 is not None:
            return True
        subject = args.actor1_token
        if subject is not None:
            return (
                token_inter(subject, self.rules) is not None
                or subject.ent_type_ in ("PERSON", "NORP", "ORG")
                or subject.lemma_.lower() in self.rules["perpetrator_group_nouns"]
            )
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("in", "by", "after"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() in NON_VIOLENT_CAUSES:
                        return False
        return True

    def _event(self, mention: _Mention, ctx: DocContext) -> Event | None:
        """The event of one mention; None for a historical one (see ``_when``)."""
        doc = ctx.doc
        coding, args, trigger = mention.coding, mention.args, mention.trigger
        when = self._when(mention, ctx)
        if when is None:
            return None
        date, time_precision = when
        family = "verbal" if coding.event_type is None else "material"
        mention.refers_back = _refers_back(trigger, ctx)
        location, geo_precision = ctx.place_for(
            trigger.token, family, anchor=self._place_anchor(trigger), refers_back=mention.refers_back
        )
        first, second = (args.actor2, args.actor1) if coding.swap else (args.actor1, args.actor2)
        article_id = doc._.ew_article_id
        start, end = sentence_bounds(trigger.sent)
        event = Event(
            article_id=article_id,
            event_date=date,
            time_precision=time_precision,
            event_type=coding.event_type,
            sub_event_type=coding.sub_event_type,
            plover_category=coding.plover,
            plover_mode=coding.mode,
            disorder_type=self.taxonomy.disorder_type(coding.event_type, coding.sub_event_type),
            actor1=first.name if first else None,
            inter1=first.inter if first else None,
            actor2=second.name if second else None,
            inter2=second.inter if second else None,
            trigger=trigger.span.text,
            evidence=[Evidence(article_id, start, end, doc.text[start:end], "trigger")],
            sources=[article_id] if article_id else [],
        )
        if coding.event_type is not None and event.inter2 == 7:
            event.civilian_targeting = "Civilian targeting"
        return _placed(event, location, geo_precision)

    def _when(self, mention: _Mention, ctx: DocContext) -> tuple | None:
        """(date, time precision), or None for background history: an event "days after" which
        another came (no day to give it), or one dated to a month or vaguer well before publication."""
        date, precision, source = ctx.date_for(mention.sent_index)
        offset = earlier_offset(mention.trigger.token, self.rules)
        if offset is not None:
            days, gap_precision = offset
            if days < 0 or date is None:
                return None
            date, precision = date - dt.timedelta(days=days), max(precision, gap_precision)
        elif source is not None and precision == 3 and date is not None and ctx.published is not None:
            vague = set(ctx.date_text(source).lower().split()) & self.rules["vague_period_words"]
            historical = vague or (ctx.published - date).days > self.rules["historical_days"]
            if historical and self.setting == "article":
                return None  # "in recent years", "in 2019": history, not news
        return date, precision

    def _place_anchor(self, trigger: Trigger):
        """The verb a noun trigger happens through ("Fighting erupted in X": erupted), else None."""
        token = trigger.token
        if token.pos_ in ("VERB", "AUX") or token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = token.head
        return verb if verb.lemma_.lower() in self.rules["occurrence_verbs"] else None

    def _attach_counts(self, doc: Doc, ctx: DocContext, mentions: list[_Mention], blocked: set[int]) -> None:
        anchors = [
            Anchor(mention.sent_index, mention.trigger.token, mention.covered, mention.coding.event_type is not None, mention.trigger.entry.cls)
            for mention in mentions
        ]
        casualties = [
            casualty for casualty in doc_list(doc, "ew_casualties")
            if not _stated_by(doc, casualty.trigger_start, blocked)
        ]
        claims = attach_counts(casualties, anchors, ctx, self.rules["reporting_verbs"])
        for index, mention in enumerate(mentions):
            mention.claims = claims.get(index, [])
            event = mention.event
            for claim in mention.claims:
                if all((item.start, item.end) != (claim.start, claim.end) for item in event.evidence):
                    event.evidence.append(Evidence(event.article_id, claim.start, claim.end, doc.text[claim.start:claim.end], "casualties"))
            event.fatalities = resolve_count(mention.claims, "fatalities")
            event.injured = resolve_count(mention.claims, "injured")
            event.arrested = resolve_count(mention.claims, "arrested")

    # -- unnamed actors --------------------------------------------------------------------------
    def _name_unnamed(self, event: Event) -> Event:
        """ACLED names for sides the text leaves unnamed or names loosely (see GENERIC_ACTORS)."""
        if event.event_type is None or not event.country:
            return event
        if event.event_type == "Riots" and event.inter2 in (5, 6) and event.inter1 not in (5, 6):
            event = replace(event, actor1=event.actor2, inter1=event.inter2, actor2=event.actor1, inter2=event.inter1)
        if event.event_type == "Riots" and event.inter1 in (6, 7):
            event = replace(event, actor1=None, inter1=None)  # demonstrators who riot are "Rioters"
        if event.event_type == "Protests" and event.inter1 == 7:
            event = replace(event, actor1=None, inter1=None)  # "residents took to the streets": "Protesters"
        if event.actor1 is None and event.event_type in GENERIC_ACTORS:
            name, inter = GENERIC_ACTORS[event.event_type]
            event = replace(event, actor1=name.format(country=event.country), inter1=inter)
        if event.actor2 is None and event.event_type in GENERIC_TARGETS:
            name, inter = GENERIC_TARGETS[event.event_type]
            actor2 = name.format(country=event.country)
            if actor2 != event.actor1:
                event = replace(event, actor2=actor2, inter2=inter)
        if event.inter2 == 7:
            event = replace(event, civilian_targeting="Civilian targeting")
        return event


def _refers_back(trigger: Trigger, ctx: DocContext) -> bool:
    """"The attack", "Sunday's blast": a definite event noun with no place of its own names an
    event reported before."""
    token = trigger.token
    if token.pos_ in ("VERB", "AUX"):
        return False
    definite = any(
        (child.dep_ == "det" and child.lower_ in ANAPHORIC_DETERMINERS) or child.dep_ == "poss" for child in token.children
    )
    if not definite:
        return False
    place_starts = {mention.start for mention in ctx.places}
    own = [grand for child in token.children if child.dep_ == "prep" for grand in child.subtree]
    return not any(item.idx in place_starts for item in own)


def _stated_by(doc: Doc, char: int, tokens: set[int]) -> bool:
    """Whether the word at a character offset is one of the given tokens."""
    if char < 0 or not tokens:
        return False
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span is not None and span[0].i in tokens


def _same_family(host: Trigger, other: Trigger) -> bool:
    """Two triggers of one kind of event (both explosions, both demonstrations, ...)."""
    return FAMILY.get(host.entry.cls, host.entry.cls) == FAMILY.get(other.entry.cls, other.entry.cls)


def _is_generic(mention: _Mention) -> bool:
    """The coded type is a default: "the attack", or a killing with no actor named."""
    cls = mention.trigger.entry.cls
    if cls in GENERIC_CLASSES:
        return True
    return cls == "kill" and mention.args.actor1 is None and mention.args.actor2 is None


def _is_distinct(trigger: Trigger) -> bool:
    """"A car bomb also exploded", "another attack": the text says this is a further event."""
    token = trigger.token
    verb = clause_verb(token)
    words = [child.lower_ for child in token.children] + [child.lower_ for child in verb.children if child.dep_ == "advmod"]
    return bool(DISTINCT_WORDS & set(words))


def _qualified(actor: ActorMention | None) -> bool:
    """Named organisations, governments and state actors; never a lone person."""
    if actor is None or actor.kind == "person":
        return False
    if actor.kind in QUALIFIED_KINDS:
        return True
    return actor.inter == 1 or (actor.kind == "" and actor.inter in (2, 3, 4, 8))


def _qualified_verbal(args: Arguments, trigger_token, rules: dict, *, is_place=None) -> bool:
    """Whether the first actor of a verbal mention may make an event: a qualified actor
    (``_qualified``), or a subject phrase that names a country, nationality or organisation
    ("The United States and Jordan", "Bosnian Serbs") or an office ("Russian President Boris
    Yeltsin", "Iranian authorities"). With no subject of its own, the trigger's is the subject of
    the clause it completes ("is willing to withdraw", "launched an investigation"); a pronoun
    subject stands for the subject of the reporting clause it is the complement of ("Syria says
    it is willing ..."). ``is_place(token)``, when given, says whether a token names a place: a
    country or town as the subject is its government ("Sri Lanka has established ties")."""
    if _qualified(args.actor1):
        return True
    token = args.actor1_token
    if token is None or token.tag_ in PRONOUN_TAGS:
        token = _clause_subject(trigger_token) or token
    if token is not None and token.tag_ in PRONOUN_TAGS:
        token = _reporting_subject(token)
    if token is None or token.tag_ in PRONOUN_TAGS:
        return False
    if token.tag_ == "NNPS" or (is_place is not None and token.pos_ == "PROPN" and is_place(token)):
        return True  # "Serbs", "Palestinians": a people named as the actor; "Sri Lanka": its government
    words = [token] + [
        item for child in token.children if child.dep_ in ACTOR_MODIFIER_DEPS for item in child.subtree
    ]
    if token.lemma_.lower() in rules["verbal_actor_nouns"] or token.lower_ == "members":
        words += [item for child in token.children if child.dep_ == "prep" and child.lower_ == "of" for item in child.subtree]
    return any(word.ent_type_ in ACTOR_ENTITY_TYPES or word.lemma_.lower() in rules["verbal_actor_nouns"] for word in words)


def _subject_of(token):
    return next((child for child in token.children if child.dep_ in SUBJECT_DEPS), None)


def _clause_subject(token):
    """The subject of the nearest clause up from the token through complements ("is willing to
    withdraw": is's subject) and light verbs ("launched an investigation": launched's)."""
    current = token
    for _ in range(MAX_CLIMB):
        subject = _subject_of(current)
        if subject is not None:
            return subject
        if current.dep_ not in COMPLEMENT_DEPS or current.head.i == current.i:
            return None
        current = current.head
    return None


def _reporting_subject(pronoun):
    """The subject of the clause that reports the pronoun's clause ("Syria says it ...", "was
    quoted as saying he would ..."), or None."""
    verb = pronoun.head
    while verb.dep_ in ("xcomp", "conj", "acomp") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp":
        return None
    current = verb.head
    for _ in range(MAX_CLIMB):
        subject = _subject_of(current)
        if subject is not None:
            return subject
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _placed(event: Event, location: Location | None, precision: int | None) -> Event:
    if location is None:
        return event
    event.country = location.country
    event.iso3 = location.iso3
    event.admin1 = location.admin1 or None
    event.admin2 = location.admin2 or None
    event.location = location.name
    event.latitude = location.latitude
    event.longitude = location.longitude
    event.geonameid = location.geonameid
    event.geo_precision = precision
    return event


@functools.lru_cache(maxsize=8)
def _extractor_for(vocab: Vocab, setting: str = "article") -> EventExtractor:
    return EventExtractor(vocab, setting=setting)


def code_doc(doc: Doc, *, setting: str = "article") -> list[Event]:
    """The coded, merged events of one processed doc, with stable ids. ``setting``: "article"
    (the default) or "sentence" for a sentence coded on its own (see ``SETTINGS``)."""
    return _extractor_for(doc.vocab, setting)(doc)
