"""Detect event mentions in a processed doc and code them: ``code_doc(doc) -> list[Event]``.

Per doc: find triggers (one Matcher call), drop background ones (``clauses``), fold kill verbs
into the event noun they report on ("the battle killed two", "killed in an attack"), read the
arguments (``arguments``), code them (``rules``), date and place them (``context``), attach
counts (``counts``), merge mentions of the same event (``merge``), name the actors the text
leaves unnamed the ACLED way ("Unidentified Armed Group (Mali)", "Protesters (Kenya)") and
assign stable ids. Who may make a verbal (PLOVER-only) mention, and how a trigger in a clause
that states an intention is coded (AGREE, THREATEN, REQUEST), is ``verbal``'s. The ``sentence``
setting (for coding single sentences, as PLOVER records are; see ``SETTINGS``) accepts more
verbal actors and keeps events of the past, which PLOVER codes with its 'historical' context.
See ``docs/plover.md``.

Reads ``doc._.ew_places``, ``ew_dates``, ``ew_casualties``, ``ew_actors``, ``ew_published`` and
``ew_article_id``; each may be missing (an empty list), which only lowers what is coded.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from eventwire.coding.arguments import ArgumentReader, Arguments
from eventwire.coding.conventions.attribution import attribute_events
from eventwire.coding.coref.clauses import (
    ANAPHORIC_DETERMINERS, another_time, background_reason, circumstance_of, clause_verb, earlier_offset, is_approach, is_distinct,
    refers_to_told_event, vague_past, within_told_event,
)
from eventwire.coding.coref.context import DocContext, sentence_bounds
from eventwire.coding.coref.dating import claimed, dates_noun, dates_the_report, opens_period
from eventwire.coding.conventions.counts import Anchor, CountClaim, attach_counts, resolve_count, split_multi_day
from eventwire.coding.coref.merge import assign_event_ids, merge_events
from eventwire.coding.coref.refine import placed, refine_places
from eventwire.coding.conventions.rules import TARGET_SENSITIVE, UNIDENTIFIED_INTER, Coding, code_trigger, token_inter
from eventwire.coding.conventions.taxonomy import Taxonomy, load_taxonomy
from eventwire.coding.triggers import Trigger, TriggerEntry, TriggerLexicon, find_triggers, load_rules, load_trigger_lexicon
from eventwire.coding.conventions.verbal import intent_entries, stated_by, verbal_actor_ok
from eventwire.coding.detect.category import CategorySettings, act_set_aside, model_trigger
from eventwire.coding.detect.model import SentenceModel, load_sentence_model
from eventwire.nlp.extensions import doc_list
from eventwire.types import Event, Evidence

# Triggers a kill verb can report the toll of ("killed in an attack"). Not abductions or rapes:
# a killing after an abduction is an Attack of its own that the merge keeps (ACLED).
KILL_HOST_CLASSES = frozenset({
    "attack", "clash", "air", "shelling", "suicide", "explosive", "grenade", "chemical",
    "territory_take", "territory_retake", "mob",
})
# A death told as happening during a demonstration ("died during the march", "died at the
# rally") is the demonstration's toll (ACLED codes fatalities on the demonstration event), not
# an attack of its own.
DEMONSTRATION_CLASSES = frozenset({"protest"})
VICTIM_TAKING_CLASSES = frozenset({"attack", "air", "shelling", "suicide", "explosive", "grenade", "chemical", "abduct", "sexual", "mob"})
OPPOSING_CLASSES = frozenset({"attack", "clash"})
# Triggers whose coded type is a default guess ("the attack"); a specific mention's type wins.
GENERIC_CLASSES = frozenset({"attack"})
# ACLED codes one event per location; an event of these types told of several places at once
# ("protests in Brest, Vitebsk and Grodno") becomes one in each
PER_PLACE_TYPES = frozenset({"Protests", "Riots"})
FAMILY = {
    "air": "remote", "shelling": "remote", "suicide": "remote", "explosive": "remote", "grenade": "remote", "chemical": "remote",
    "protest": "demonstration", "riot": "demonstration", "loot": "demonstration",
}
# The sides whose dead are counted apart and added up (ACLED inter codes; see counts.resolve_count).
SIDES = {1: "state", 8: "state", 2: "armed", 3: "armed", 4: "armed", 5: "crowd", 6: "crowd", 7: "civilians"}
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
    undated: bool = False
    reported: bool = False  # its sentence's day is that of the statement reporting it
    dated_reference: bool = False  # a reference to an event told before that states its day ("the riot on Tuesday")
    also_at: list = field(default_factory=list)  # (location, precision) of places coordinated with its own


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
        sentence_model: SentenceModel | None = None,
        category: CategorySettings = CategorySettings(),
    ) -> None:
        if setting not in SETTINGS:
            raise ValueError(f"setting must be one of {SETTINGS}, not {setting!r}")
        self.setting = setting
        self.taxonomy = taxonomy or load_taxonomy()
        self.lexicon = lexicon or load_trigger_lexicon()
        self.rules = rules or load_rules()
        self.matcher = self.lexicon.build_matcher(vocab)
        # a sentence coded on its own whose act no trigger names gets the trained head's category
        self.model = (sentence_model or load_sentence_model()) if setting == "sentence" else None
        self.category = category

    def __call__(self, doc: Doc) -> list[Event]:
        ctx = DocContext(doc)
        mentions = self.mentions(doc, ctx=ctx)
        events = self._merged(mentions, doc, ctx)
        if self.model is not None and not any(event.plover_category for event in events):
            # the trained head reads the act no trigger named (not one the conventions set aside)
            if not act_set_aside(doc, self.matcher, self.lexicon, self.rules):
                extra = self._model_mentions(doc, ctx)
                events = self._merged(mentions + extra, doc, ctx) if extra else events
        return events

    def _merged(self, mentions: list[_Mention], doc: Doc, ctx: DocContext) -> list[Event]:
        """The merged, attributed, placed events of the mentions, with stable ids."""
        merged = merge_events(
            [mention.event for mention in mentions],
            claims=[mention.claims for mention in mentions],
            weak=[mention.weak for mention in mentions],
            generic=[_is_generic(mention) for mention in mentions],
            distinct=[mention.distinct for mention in mentions],
            undated=[mention.undated or mention.refers_back or mention.reported for mention in mentions],
            references=[mention.refers_back for mention in mentions],
            reported=[mention.reported and not (mention.undated or mention.refers_back) for mention in mentions],
            dated_references=[mention.dated_reference for mention in mentions],
            taxonomy=self.taxonomy,
        )
        # "the blast was blamed on X": the doer named outside the event's clause
        merged = attribute_events(merged, doc, matcher=self.matcher, lexicon=self.lexicon)
        merged = refine_places(merged, ctx, [mention.sent_index for mention in mentions], self.rules)
        merged = split_multi_day(merged, ctx)  # "between Monday and Wednesday": one event per day
        return assign_event_ids([self._name_unnamed(event) for event in merged])

    # -- mentions -----------------------------------------------------------------------------
    def mentions(self, doc: Doc, *, ctx: DocContext | None = None) -> list[_Mention]:
        """Every coded event mention, in text order, before merging."""
        ctx = ctx or DocContext(doc)
        links = ctx.link_paragraphs(self.rules["link_labels"])
        found = [
            trigger for trigger in find_triggers(doc, self.matcher, self.lexicon)
            if ctx.paragraph[ctx.index_of(trigger.token)] not in links
        ]
        plover = self.setting == "sentence"
        reasons = {trigger.token.i: background_reason(trigger, self.rules, plover=plover) for trigger in found}
        background = {index for index, reason in reasons.items() if reason is not None}
        # a kill is not folded into a host that is background while it is not: in "killed two
        # gunmen as they tried to plant a bomb" the bomb is an intent, the killing a fact
        folded = self._absorb(found)
        absorbed = {kill: host for kill, host in folded.items() if host not in background or kill in background}
        if len(absorbed) < len(folded):
            # such a kill may still report the toll of a live trigger ("police opened fire on
            # protesters trying to storm parliament, with five protesters killed")
            for kill, host in self._absorb([trigger for trigger in found if trigger.token.i not in background]).items():
                absorbed.setdefault(kill, host)
        intents = intent_entries(found, reasons, absorbed, taxonomy=self.taxonomy, rules=self.rules, family=FAMILY)
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
        # "fighters entered the village and killed twelve": entering was the approach of the act
        live = [trigger for trigger in live if not is_approach(trigger, live)]
        places = [(mention.start, mention.end) for mention in ctx.places if not mention.is_demonym]
        reader = ArgumentReader(doc, doc_list(doc, "ew_actors"), places, self.rules)
        protest_context = any(trigger.entry.cls in self.rules["protest_context_classes"] for trigger in live)
        instruments = self._instruments(live, absorbed)
        event_tokens = {trigger.token.i: trigger.entry.cls for trigger in found}
        mentions = []
        for trigger in live:
            if trigger.token.i in absorbed:
                continue
            kills = [kill for kill in live if absorbed.get(kill.token.i) == trigger.token.i]
            if trigger.token.i in instruments:
                trigger = replace(trigger, entry=instruments[trigger.token.i])
            mention = self._mention(trigger, kills, reader, ctx, protest_context, event_tokens)
            if mention is None:
                blocked.update(trigger.span_indices)
                blocked.update(index for kill in kills for index in kill.span_indices)
            else:
                mentions.append(mention)
        self._attach_counts(doc, ctx, mentions, blocked)
        mentions = [copy for mention in mentions for copy in _per_place(mention)]
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
        # "recent attacks blamed on the ADF": a pattern of events, not one of them, nor a part of one
        return [mention for mention in mentions if not _habitual(mention)]

    def _model_mentions(self, doc: Doc, ctx: DocContext) -> list[_Mention]:
        """The mention of the act the PLOVER head reads in a sentence no trigger coded
        (``detect.category``), with its actors, place and date read as for any trigger."""
        trigger = model_trigger(doc, self.model, self.category)
        if trigger is None:
            return []
        places = [(mention.start, mention.end) for mention in ctx.places if not mention.is_demonym]
        reader = ArgumentReader(doc, doc_list(doc, "ew_actors"), places, self.rules)
        mention = self._mention(trigger, [], reader, ctx, False)
        return [mention] if mention is not None else []

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
                and not another_time(host.token, kill.token)
            ] or [
                host for host in triggers
                if host.entry.cls in DEMONSTRATION_CLASSES and circumstance_of(host.token, kill.token)
            ]
            # "police opened fire ..., with five protesters killed": the shooting's toll
            related = related or [
                host for host in triggers
                if host.entry.cls == "kill" and host.sent == kill.sent and host.token.is_ancestor(kill.token)
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
        self, trigger: Trigger, kills: list[Trigger], reader: ArgumentReader, ctx: DocContext, protest_context: bool,
        event_tokens: dict | None = None,
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
        unqualified = coding.event_type is None and not verbal_actor_ok(args, trigger.token, reader, setting=self.setting, rules=self.rules)
        mention.weak = unqualified or ctx.is_headline(sent_index)
        # "were also wounded in the blast": the blast told before, not a further event
        mention.distinct = (
            is_distinct(trigger) and not mention.refers_back
            and not within_told_event(trigger, event_tokens or {}, self.rules["protest_context_classes"])
        )
        return mention

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
        date, time_precision, mention.undated = when
        family = "verbal" if coding.event_type is None else "material"
        mention.refers_back = _refers_back(trigger, ctx)
        mention.dated_reference = mention.refers_back and not mention.undated and dates_noun(trigger.token, ctx, mention.sent_index)
        if family == "material" and not (mention.undated or mention.refers_back):
            ctx.told_dates.append((date, time_precision))
        location, geo_precision = ctx.place_for(
            trigger.token, family, anchor=self._place_anchor(trigger), refers_back=mention.refers_back,
            coordinated=mention.also_at if coding.event_type in PER_PLACE_TYPES else None,
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
            evidence=[Evidence(article_id, start, end, ctx.text[start:end], "trigger")],
            sources=[article_id] if article_id else [],
        )
        if coding.event_type is not None and event.inter2 == 7:
            event.civilian_targeting = "Civilian targeting"
        return placed(event, location, geo_precision)

    def _when(self, mention: _Mention, ctx: DocContext) -> tuple | None:
        """(date, time precision, undated), or None for background history: an event "days after"
        which another came (no day to give it), or one dated to a month or vaguer well before
        publication. ``undated``: its own sentence states no day (it has the publication day or an
        earlier sentence's), or the day stated is that of a claim about it ("IS yesterday claimed
        the bombing")."""
        date, precision, source = ctx.date_for(mention.sent_index)
        offset = earlier_offset(mention.trigger.token, self.rules)
        if offset is not None:
            days, gap_precision = offset
            # the sentence's own date, unless that is the gap itself ("a day after" dates a report)
            own = source == mention.sent_index and not ctx.date_text(source).lower().endswith("after")
            if not own and ctx.told_dates and refers_to_told_event(mention.trigger.token):
                # "The latest incident came a day after ...": a day before the event told before
                date, precision = ctx.told_dates[-1]
            if days < 0 or date is None:
                return None
            earlier = date - dt.timedelta(days=days)
            if self._history(earlier, ctx):
                return None  # "two years after the city was retaken": the retaking is history
            return earlier, max(precision, gap_precision), False
        elif self.setting == "article" and vague_past(mention.trigger.token):
            return None  # "killed in an airstrike days ago": an earlier event, no day to give it
        elif source == mention.sent_index and self.setting == "article" and opens_period(ctx, source, self.rules):
            return None  # "100 people have died in attacks since 12 March": a running toll (PLOVER codes it)
        elif source is not None and precision == 3 and date is not None and ctx.published is not None:
            vague = set(ctx.date_text(source).lower().split()) & self.rules["vague_period_words"]
            historical = vague or (ctx.published - date).days > self.rules["historical_days"]
            if historical and self.setting == "article":
                return None  # "in recent years", "in 2019": history, not news
        elif date is not None and self._history(date, ctx):
            return None  # "on July 25, 1946": a day stated years back is history, whatever its precision
        borrowed = source != mention.sent_index  # the publication day, or another sentence's day
        mention.reported = not borrowed and dates_the_report(mention.trigger.token, ctx.sent_dates[source], ctx.doc, self.rules)
        return date, precision, borrowed or claimed(mention.trigger.token, self.rules)

    def _history(self, date: dt.date, ctx: DocContext) -> bool:
        """A day more than ``history_days`` before publication: history, in an article."""
        return self.setting == "article" and ctx.published is not None and (ctx.published - date).days > self.rules["history_days"]

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
            if not stated_by(doc, casualty.trigger_start, blocked)
        ]
        actors = doc_list(doc, "ew_actors")
        claims = attach_counts(casualties, anchors, ctx, self.rules["reporting_verbs"], side_of=lambda span: self._side(span, actors))
        for index, mention in enumerate(mentions):
            mention.claims = claims.get(index, [])
            event = mention.event
            for claim in mention.claims:
                if all((item.start, item.end) != (claim.start, claim.end) for item in event.evidence):
                    event.evidence.append(Evidence(event.article_id, claim.start, claim.end, ctx.text[claim.start:claim.end], "casualties"))
            event.fatalities = resolve_count(mention.claims, "fatalities")
            event.injured = resolve_count(mention.claims, "injured")
            event.arrested = resolve_count(mention.claims, "arrested")

    def _side(self, span: Span, actors: list) -> str | None:
        """Whose dead a count phrase names ("seven Taliban insurgents": armed; "five police":
        state), by a named actor inside it or its noun; None for a total ("eight people")."""
        if span.root.lemma_.lower() in self.rules["total_nouns"]:
            return None
        start, end = span.start_char, span.end_char
        named = [actor for actor in actors if start <= actor.start and actor.end <= end]
        inter = named[0].inter if named else token_inter(span.root, self.rules)
        return SIDES.get(inter)

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


def _per_place(mention: _Mention) -> list[_Mention]:
    """The mention, then one copy for each place coordinated with its own ("rallies took place
    in Brest, Vitebsk and Grodno"): ACLED codes one event per location. A copy carries no
    counts: a toll stated for several places is not each place's toll."""
    copies = [mention]
    for location, precision in mention.also_at:
        event = replace(mention.event, evidence=list(mention.event.evidence), sources=list(mention.event.sources),
                        fatalities=None, injured=None, arrested=None)
        copies.append(replace(mention, event=placed(event, location, precision), claims=[], also_at=[]))
    return copies


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


def _habitual(mention: _Mention) -> bool:
    """A bare plural of a vague event noun with no toll and no article ("recent attacks blamed
    on the group", "attacks on farmers have grown"): a pattern of events, not one of them."""
    token = mention.trigger.token
    if token.tag_ not in ("NNS", "NNPS") or mention.trigger.entry.cls not in GENERIC_CLASSES or mention.claims:
        return False
    return not any(child.dep_ in ("det", "poss", "nummod") for child in token.children)


def _same_family(host: Trigger, other: Trigger) -> bool:
    """Two triggers of one kind of event (both explosions, both demonstrations, ...)."""
    return FAMILY.get(host.entry.cls, host.entry.cls) == FAMILY.get(other.entry.cls, other.entry.cls)


def _is_generic(mention: _Mention) -> bool:
    """The coded type is a default: "the attack", or a killing with no actor named. An attack
    whose both sides are named is coded by who fought whom (an ambush of soldiers by rebels is a
    battle, whatever weapon a later sentence names), so it is not a default."""
    cls = mention.trigger.entry.cls
    if cls in GENERIC_CLASSES:
        return mention.args.actor1 is None or mention.args.actor2 is None
    return cls == "kill" and mention.args.actor1 is None and mention.args.actor2 is None


@functools.lru_cache(maxsize=8)
def _extractor_for(vocab: Vocab, setting: str = "article") -> EventExtractor:
    return EventExtractor(vocab, setting=setting)


def code_doc(doc: Doc, *, setting: str = "article") -> list[Event]:
    """The coded, merged events of one processed doc, with stable ids. ``setting``: "article"
    (the default) or "sentence" for a sentence coded on its own (see ``SETTINGS``)."""
    return _extractor_for(doc.vocab, setting)(doc)
