"""Where did the event happen? The place mention an event trigger is about, and its precision.

``pick_event_place(trigger, places)`` reads the dependency parse of the trigger's sentence:

- strong (3): a place governed by a locative preposition attached to the trigger ("erupted
  in X", "attack on X", "met across tables in X"), or the direct object of an attack-like
  trigger ("The Taliban attacked Qala-e-Naw");
- medium (2): a locative chain through nouns only ("erupted outside the headquarters in X",
  "fighting in Afghanistan's Badghis region");
- weak (1): elsewhere in the sentence, in a clause of its own; also any place that only
  serves as a reference point ("75 km southeast of Tikrit");
- skipped: places introduced by "from" (or "to", "with"...: ``blocking_preps``), places
  under a directional phrase ("transferred to a hospital in Herat": ``directional_preps``),
  demonyms, and places inside an organisation name ("Provincial Badghis Hospital").

The best score wins; among equals the most specific place (town > district > region >
country), then the nearest to the trigger. A more specific place inside the winner (the
town of the winning province) replaces it. ACLED geo precision: 1 for a town named as the
location, 2 for "near/outside" a town or a district, 3 for a region or a country.
"""
from __future__ import annotations

import math

from spacy.tokens import Span, Token

from eventwire.geo.rules import load_rules
from eventwire.types import Place, PlaceMention

__all__ = ["pick_event_place", "coordinated_places", "names_an_office", "place_contains", "distance_km"]

EARTH_RADIUS_KM = 6371.0088
SPECIFICITY = {"place": 3, "admin2": 2, "admin1": 1, "country": 0}
STRONG, MEDIUM, WEAK = 3, 2, 1
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OFFICE_MODIFIER_DEPS = frozenset({"compound", "amod", "poss"})


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in km."""
    phi1, phi2 = math.radians(a.latitude), math.radians(b.latitude)
    dphi, dlmb = phi2 - phi1, math.radians(b.longitude - a.longitude)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def place_contains(outer: Place, inner: Place) -> bool:
    """Whether ``inner`` lies in ``outer``: same country, and same admin1 (admin2) when
    ``outer`` is a region (a second-level area). A town contains nothing."""
    if not outer.country_iso2 or outer.country_iso2 != inner.country_iso2:
        return False
    if outer.level == "country":
        return True
    if outer.feature_code == "ADM1":
        return bool(outer.admin1) and outer.admin1 == inner.admin1
    if outer.feature_code == "ADM2":
        return bool(outer.admin2) and outer.admin1 == inner.admin1 and outer.admin2 == inner.admin2
    return False


def _specificity(place: Place) -> int:
    if place.feature_code == "ADM2":
        return SPECIFICITY["admin2"]
    return SPECIFICITY[place.level]


def _inside_org(doc, mention: PlaceMention) -> bool:
    """The mention is part of a longer ORG name ("the Provincial Badghis Hospital")."""
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.start_char <= mention.start and mention.end <= ent.end_char:
            if (ent.start_char, ent.end_char) != (mention.start, mention.end):
                return True
    return False


def _relation(trigger: Token, span: Span, rules: dict) -> tuple[int, Token | None]:
    """(score, the preposition governing the place directly) of a place span for ``trigger``.

    Score 0 means the place must not be used for this trigger.
    """
    heads = [t for t in span if t.head == t or not (span.start <= t.head.i < span.end)]
    root = min(heads, key=lambda t: len(list(t.ancestors))) if heads else span.root
    if _qualifies_office(root, trigger, rules):
        return 0, None  # "alongside the provincial chief minister": whose office, not where
    trigger_ancestors = {t.i for t in trigger.ancestors}
    token = root
    first_prep: Token | None = None
    chain_ok = True  # only locative/neutral preps so far
    verbs_crossed = 0
    path_dep = root.dep_
    while token.i != trigger.i:
        head = token.head
        if head.i == token.i:  # reached the sentence root without meeting the trigger
            break
        if token.dep_ == "prep" or (token.pos_ == "ADP" and token.dep_ in ("prep", "agent")):
            word = token.lower_
            if first_prep is None:
                first_prep = token
                if word in rules["blocking_preps"]:
                    return 0, first_prep
            # Higher up, only a direction breaks the chain ("transferred to a hospital in
            # Herat"); participants do not ("clashed with protesters in Kabul").
            if word in rules["directional_preps"] and token.head.pos_ in ("VERB", "AUX"):
                chain_ok = False
        if head.i != trigger.i and head.pos_ in ("VERB", "AUX") and head.i not in trigger_ancestors:
            verbs_crossed += 1
        if head.i in trigger_ancestors and head.i != trigger.i:
            # The place hangs off a clause above the trigger: same sentence only.
            return (WEAK if chain_ok else 0), first_prep
        token = head
        path_dep = token.dep_ if token.i != trigger.i else path_dep
    if token.i != trigger.i:
        return (WEAK if chain_ok else 0), first_prep
    if not chain_ok:
        return 0, first_prep
    if verbs_crossed:
        return WEAK, first_prep
    if first_prep is not None:
        if first_prep.lower_ in rules["locative_preps"] and first_prep.head.i == trigger.i:
            return STRONG, first_prep
        if first_prep.lower_ in rules["locative_preps"] or first_prep.lower_ in rules["neutral_preps"]:
            return MEDIUM, first_prep
        return WEAK, first_prep
    if root.head.i == trigger.i and root.dep_ in ("dobj", "obj", "pobj") and trigger.lemma_.lower() in rules["attack_verbs"]:
        return STRONG, None
    if root.head.i == trigger.i and root.dep_ in ("compound", "nmod", "amod", "poss"):
        return MEDIUM, None  # "the Kabul attack"
    if root.dep_ in MODIFIER_DEPS and root.head.dep_ in SUBJECT_DEPS:
        return 0, None  # "A US soldier was killed": who, not where
    return WEAK, None


def _qualifies_office(root: Token, trigger: Token, rules: dict) -> bool:
    """The place modifies a noun phrase that names a person by office or name ("the Punjab
    chief minister", "Sindh police chief Ali Khan", "the Bavarian premier"), or forces or a
    government ("Kyiv's forces", "the Tripoli government"): it says whose they are. The phrase's
    head is the last noun of the compound chain above the place."""
    if root.dep_ not in OFFICE_MODIFIER_DEPS:
        return False  # ("nmod" is left out: the parser gives it to a place coordinated with one)
    head = root.head
    while head.dep_ in ("compound", "flat") and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    if head.i == trigger.i or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.ent_type_ == "PERSON":
        return True
    word = head.lower_.rstrip(".")
    return word in rules["office_heads"] or word in rules["person_titles"] or word in rules["owner_heads"]


def _precision(place: Place, mention: PlaceMention, prep: Token | None, span: Span, rules: dict) -> int:
    if place.level in ("country", "admin1"):
        return 3
    if mention.source.endswith("+near"):
        return 2  # a village the gazetteer lacks, placed at the story's town (ACLED: nearest town)
    if place.feature_code == "ADM2" or "district" in mention.text.lower():
        return 2
    if prep is not None and prep.lower_ in rules["near_preps"] and span.root.head == prep:
        return 2
    before = span.doc[max(span.start - 4, span.sent.start) : span.start]
    if any(t.lower_ in rules["near_words"] for t in before):
        return 2
    return 1


def _reference_point(span: Span, rules: dict) -> bool:
    """The place only locates another: "(40 km) northeast of Rutshuru", "south of Kabul"."""
    start = span.start
    if start < 2 or span.doc[start - 1].lower_ != "of":
        return False
    return span.doc[start - 2].lower_.replace("-", "") in rules["reference_directions"]


def pick_event_place(trigger: Token, places: list[PlaceMention]) -> tuple[PlaceMention | None, int | None]:
    """The place where ``trigger``'s event happened and its ACLED geo precision (1-3).

    Only places in the trigger's sentence are considered; ``(None, None)`` when none fits (the
    coding stage then looks at the neighbouring sentences).
    """
    rules = load_rules()
    doc = trigger.doc
    sent = trigger.sent
    scored: list[tuple[int, int, int, PlaceMention, int, bool]] = []
    for mention in places:
        if mention.place is None or mention.is_demonym or not mention.place.country_iso2:
            continue  # unresolved, an adjective, or no country (a continent)
        if mention.start < sent.start_char or mention.end > sent.end_char:
            continue
        if _inside_org(doc, mention):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.start <= trigger.i < span.end:
            continue
        score, prep = _relation(trigger, span, rules)
        if score <= 0:
            continue
        if mention.place.level == "country" and span.root.head.i == trigger.i and span.root.dep_ in MODIFIER_DEPS:
            continue  # "a US drone strike", "a Kenya air raid": whose strike, not where
        reference = _reference_point(span, rules)
        if reference:
            score = min(score, WEAK)  # "75 km southeast of Tikrit": where it is measured from
        precision = _precision(mention.place, mention, prep, span, rules)
        scored.append((score, _specificity(mention.place), -abs(span.start - trigger.i), mention, precision, reference))
    if not scored:
        return None, None
    scored.sort(key=lambda item: item[:3], reverse=True)
    best = scored[0]
    for other in scored[1:]:
        if other[1] > best[1] and not other[5] and place_contains(best[3].place, other[3].place):
            best = other
    return best[3], best[4]


def names_an_office(doc, mention: PlaceMention) -> bool:
    """The place only qualifies an office or its holder ("the Sindh chief minister"): see
    ``_qualifies_office``."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and _qualifies_office(span.root, span.root, load_rules())


def coordinated_places(picked: PlaceMention, places: list[PlaceMention], doc) -> list[PlaceMention]:
    """Places coordinated with the picked one in its sentence ("rallies in Brest, Vitebsk and
    Grodno"), at the same level (towns with towns, regions with regions), each a distinct place.

    ACLED codes one event per location: an event told of several places at once is one event
    in each. Countries are left out: "protests in France and Belgium" names where a movement
    is, not one event's place."""
    if picked.place is None or picked.place.level == "country":
        return []
    span = doc.char_span(picked.start, picked.end, alignment_mode="expand")
    if span is None:
        return []
    conjuncts = {token.i for token in span.root.conjuncts}
    if not conjuncts:
        return []
    seen = {(picked.place.name, picked.place.country_iso2)}
    found = []
    for mention in places:
        place = mention.place
        if place is None or mention.is_demonym or place.level != picked.place.level:
            continue
        other = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if other is None or other.root.i not in conjuncts or (place.name, place.country_iso2) in seen:
            continue
        seen.add((place.name, place.country_iso2))
        found.append(mention)
    return found
