"""ACLED type/sub-type and PLOVER category/mode of one trigger, from its class, actors and target.

Rules (ACLED Codebook 2023; PLOVER draft 0.7b1):

- attack/kill on civilians (actor type 7) -> Violence against civilians / Attack; by rioters
  or protesters -> Riots / Mob violence;
- attack/kill on state forces, rebels or militias, or between two armed actors, or on a named
  town -> Battles / Armed clash; clashes and fighting -> Battles / Armed clash;
- shooting or killing protesters -> Protests / Excessive force against protesters; dispersing
  them (tear gas, water cannon, unlethal force) -> Protests / Protest with intervention;
- violence by demonstrators (clashes with police, storming, stone throwing, looting and arson
  during protests), deaths told as happening during a demonstration with no one named as the
  killer, and, in a story of protests, civilians killed with no one named as the killer or
  clashes of unnamed people with the police -> Riots / Violent demonstration; looting by armed actors -> Strategic
  developments / Looting/property destruction;
- seizing/capturing a place: state forces -> Government regains territory, others ->
  Non-state actor overtakes territory; seizing weapons -> Disrupted weapons use;
- instruments fix the Explosions/Remote violence sub-type (air strike, shelling, suicide bomb,
  IED, grenade, chemical weapon); abduction and rape fix the VAC sub-type;
- forces moving into a settlement or named place ("troops entered the town"): by state forces ->
  Government regains territory, by a named armed group -> Non-state actor overtakes territory,
  and, in either case, when the sentence tells of an agreement or handover -> Non-violent
  transfer of territory; handing territory over -> Non-violent transfer of territory; setting up
  a base -> Headquarters or base established, only by an armed actor or for a military base;
- arrests -> Strategic developments / Arrests; verbal triggers -> PLOVER only (event type None).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.coding.arguments import Arguments
from eventwire.coding.conventions.taxonomy import Taxonomy
from eventwire.coding.coref.merge import STATE_FORCE_PREFIXES, is_unidentified
from eventwire.coding.triggers import TriggerEntry

ARMED = frozenset({1, 2, 3, 4, 8})
STATE = 1
RIOTERS = 5
PROTESTERS = 6
CIVILIANS = 7
UNIDENTIFIED_INTER = 3
POLICE_PREFIX = STATE_FORCE_PREFIXES[1]  # ACLED's "Police Forces of <Country>"
ERV_SUB_TYPES = {
    "air": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "suicide": "Suicide bomb",
    "explosive": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
    "chemical": "Chemical weapon",
}
FIXED_SUB_TYPES = {
    "abduct": "Abduction/forced disappearance",
    "sexual": "Sexual violence",
    "riot": "Violent demonstration",
    "intervention": "Protest with intervention",
    "arrest": "Arrests",
    "disrupt": "Disrupted weapons use",
}
TRANSFER = "Non-violent transfer of territory"
TARGET_SENSITIVE = frozenset({"attack", "kill", "mob"})


@dataclass(frozen=True)
class Coding:
    event_type: str | None
    sub_event_type: str | None
    plover: str | None
    mode: str | None
    swap: bool = False  # actor2 is the ACLED actor1 (the protesters of a dispersed protest)


def token_inter(token: Token | None, rules: dict) -> int | None:
    """The actor type a plain noun implies ("villagers" 7, "soldiers" 1), else None."""
    if token is None:
        return None
    lemma = token.lemma_.lower()
    victim_nouns = rules["victim_nouns"]
    if lemma in victim_nouns:
        return victim_nouns[lemma]
    if token.lower_ in victim_nouns:
        return victim_nouns[token.lower_]
    for child in token.children:
        if child.dep_ == "compound" and child.lemma_.lower() in victim_nouns:
            return victim_nouns[child.lemma_.lower()]
    if lemma in rules["armed_target_nouns"]:
        return STATE
    if lemma in rules["civilian_target_nouns"]:
        return CIVILIANS
    return None


def actor_types(args: Arguments, rules: dict) -> tuple[int | None, int | None]:
    inter1 = args.actor1.inter if args.actor1 is not None else token_inter(args.actor1_token, rules)
    inter2 = args.actor2.inter if args.actor2 is not None else token_inter(args.target_token, rules)
    return inter1, inter2


def _instrument_mode(token: Token, entry: TriggerEntry, rules: dict) -> str | None:
    if entry.instrument:
        return entry.instrument
    modes = rules["instrument_modes"]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "using"):
            for pobj in (grand for grand in child.children if grand.dep_ == "pobj"):
                if pobj.lemma_.lower() in modes:
                    return modes[pobj.lemma_.lower()]
    return None


def _coding(sub: str, taxonomy: Taxonomy, *, mode: str | None = None, swap: bool = False) -> Coding:
    plover, default_mode = taxonomy.plover_for(sub)
    return Coding(taxonomy.sub_to_type[sub], sub, plover, mode or default_mode, swap)


def code_trigger(
    entry: TriggerEntry,
    token: Token,
    args: Arguments,
    *,
    lethal: bool,
    protest_context: bool,
    taxonomy: Taxonomy,
    rules: dict,
) -> Coding | None:
    """The coding of one trigger, or None when the trigger does not make an event."""
    cls = entry.cls
    if cls == "verbal":
        return Coding(None, None, taxonomy.current_plover(entry.plover), entry.mode)
    inter1, inter2 = actor_types(args, rules)
    if cls in ERV_SUB_TYPES:
        sub = ERV_SUB_TYPES[cls]
        if entry.id == "bomb_by_air" and inter1 in (2, 3, 4):
            sub = ERV_SUB_TYPES["explosive"]
        return _coding(sub, taxonomy)
    if cls == "protest":
        if inter1 == RIOTERS or lethal:
            # a demonstration with a toll ("died during the march") was not peaceful
            return _coding("Violent demonstration", taxonomy)
        return _coding("Peaceful protest", taxonomy, mode=entry.mode)
    if cls == "base":
        return _base(args, inter1, taxonomy, rules)
    if cls == "territory_move":
        return _move_in(token, args, inter1, taxonomy, rules)
    if cls == "transfer":
        return _coding(TRANSFER, taxonomy) if _settlement_target(args, rules) else None
    if cls in FIXED_SUB_TYPES:
        swap = cls == "intervention" and inter1 == STATE
        return _coding(FIXED_SUB_TYPES[cls], taxonomy, swap=swap)
    if cls == "loot":
        if inter1 in ARMED or (inter1 is None and not protest_context):
            return _coding("Looting/property destruction", taxonomy)
        return _coding("Violent demonstration", taxonomy)
    if cls in ("territory_take", "territory_retake"):
        return _territory(cls, args, inter1, taxonomy, rules)
    if cls == "clash":
        if protest_context and inter1 is None and (inter2 is None or _police(args.actor2, args.target_token, rules)):
            # "clashes", "clashes with police" in a story of protests: the demonstrators'
            return _coding("Violent demonstration", taxonomy)
        if inter1 in (RIOTERS, PROTESTERS):
            return _coding("Violent demonstration", taxonomy)
        if inter2 in (RIOTERS, PROTESTERS):
            return _coding("Violent demonstration", taxonomy, swap=True)
        return _coding("Armed clash", taxonomy, mode=entry.instrument)
    if cls == "kill" and protest_context and inter1 is None and inter2 == CIVILIANS:
        # "three students were killed in X" in a story of protests, with nobody named as the
        # killer: the demonstrations' toll (ACLED codes it on the demonstration event)
        return _coding("Violent demonstration", taxonomy)
    return _target_sensitive(entry, token, args, inter1, inter2, lethal=lethal, taxonomy=taxonomy, rules=rules)


def _police(actor, token: Token | None, rules: dict) -> bool:
    """The side is the police: its actor ("the Police Forces of X") or its noun ("police")."""
    if actor is not None and actor.name.startswith(POLICE_PREFIX):
        return True
    return token is not None and token.lemma_.lower() in rules["police_nouns"]


def _territory(cls: str, args: Arguments, inter1: int | None, taxonomy: Taxonomy, rules: dict) -> Coding | None:
    target = args.target_token
    if target is None:
        return None
    lemma = target.lemma_.lower()
    if lemma in rules["weapon_nouns"]:
        return _coding("Disrupted weapons use", taxonomy)
    if not (args.place_target or lemma in rules["territory_nouns"]):
        return None
    if inter1 == STATE or (inter1 is None and cls == "territory_retake"):
        return _coding("Government regains territory", taxonomy)
    return _coding("Non-state actor overtakes territory", taxonomy)


def _settlement_target(args: Arguments, rules: dict) -> bool:
    """The object is a named place or a settlement or administrative unit ("the town")."""
    target = args.target_token
    return target is not None and (args.place_target or target.lemma_.lower() in rules["settlement_nouns"])


def _base(args: Arguments, inter1: int | None, taxonomy: Taxonomy, rules: dict) -> Coding | None:
    """ACLED: an armed actor establishes a base or headquarters. A camp or office set up by
    anyone else (a relief camp, a campaign headquarters) is no event, unless the object itself
    is named as military ("a military base")."""
    target = args.target_token
    military = target is not None and any(
        child.dep_ in ("amod", "compound") and child.lemma_.lower() in rules["military_modifiers"] for child in target.children
    )
    if inter1 in ARMED or military:
        return _coding("Headquarters or base established", taxonomy)
    return None


def _move_in(token: Token, args: Arguments, inter1: int | None, taxonomy: Taxonomy, rules: dict) -> Coding | None:
    """Forces entering a place take (or take back) control of it (ACLED territorial sub-types).
    Only armed forces: police entering a building, or unnamed gunmen entering a village before
    an attack, change no control of territory (the attack is the event)."""
    if not _settlement_target(args, rules):
        return None
    if inter1 not in ARMED or _police(args.actor1, args.actor1_token, rules):
        return None
    if _under_agreement(token, rules):
        # ACLED: territory acquired without fighting, as part of a negotiated agreement
        return _coding(TRANSFER, taxonomy)
    if inter1 == STATE:
        return _coding("Government regains territory", taxonomy)
    if args.actor1 is not None and not is_unidentified(args.actor1.name):  # a named rebel group, militia or foreign force
        return _coding("Non-state actor overtakes territory", taxonomy)
    return None


def _under_agreement(token: Token, rules: dict) -> bool:
    """The move is told with an agreement ("under the ceasefire deal"), or the article tells of
    territory that changes hands under one ("the district was handed back under the peace
    accord", "troops entered the district as part of the agreement")."""
    agreements = rules["agreement_nouns"]
    if any(word.lemma_.lower() in agreements for word in token.sent):
        return True
    handovers = rules["handover_verbs"]
    return any(
        any(word.lemma_.lower() in agreements for word in sent) and any(word.lemma_.lower() in handovers for word in sent)
        for sent in token.doc.sents
    )


def _target_sensitive(
    entry: TriggerEntry,
    token: Token,
    args: Arguments,
    inter1: int | None,
    inter2: int | None,
    *,
    lethal: bool,
    taxonomy: Taxonomy,
    rules: dict,
) -> Coding | None:
    mode = _instrument_mode(token, entry, rules)
    if entry.cls == "kill" and args.target_token is None and args.actor2 is None:
        return None  # "kill" needs a victim
    if entry.cls == "mob" or inter1 in (RIOTERS, PROTESTERS):
        if inter2 == CIVILIANS or entry.cls == "mob":
            return _coding("Mob violence", taxonomy)
        return _coding("Violent demonstration", taxonomy)
    if inter2 == PROTESTERS:
        if lethal or entry.lethal:
            return _coding("Excessive force against protesters", taxonomy)
        return _coding("Protest with intervention", taxonomy, swap=True)
    if inter2 == RIOTERS:
        return _coding("Violent demonstration", taxonomy, swap=True)
    if inter2 == CIVILIANS:
        return _coding("Attack", taxonomy, mode=mode)
    if inter2 in ARMED:
        return _coding("Armed clash", taxonomy, mode=mode)
    if entry.cls == "kill":
        return _coding("Attack", taxonomy, mode=mode)
    return _coding("Armed clash", taxonomy, mode=mode)
