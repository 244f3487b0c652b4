"""The CASE 2021 task 2 classes of the snippet classifier (re-exported by ``classifier``).

The 25 ACLED sub-event types plus ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO and
ATTRIB (``CASE_LABELS``: code -> name), and the look-ups from names to codes and event types.
"""
from __future__ import annotations

from eventwire.coding.conventions.taxonomy import load_taxonomy

# CASE 2021 task 2 label codes and names: 25 ACLED sub-event types, then 5 classes outside ACLED.
CASE_LABELS = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "CHEM_WEAP": "Chemical weapon",
    "SUIC_BOMB": "Suicide bomb",
    "AIR_STRIKE": "Air/drone strike",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "ATTACK": "Attack",
    "SEX_VIOL": "Sexual violence",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "ORG_CRIME": "Organized crime",
    "NATURAL_DISASTER": "Natural disaster",
    "MAN_MADE_DISASTER": "Man-made disaster",
    "DIPLO": "Diplomatic event",
    "ATTRIB": "Attribution of responsibility",
}
NON_ACLED_LABELS = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})
ACLED_LABELS = tuple(code for code in CASE_LABELS if code not in NON_ACLED_LABELS)
# name (lower case) or code -> code
_LABEL_LOOKUP = {code.lower(): code for code in CASE_LABELS} | {name.lower(): code for code, name in CASE_LABELS.items()}


def label_code(value: str) -> str | None:
    """The CASE code for a code or an ACLED sub-event type / CASE class name, else None."""
    return _LABEL_LOOKUP.get(str(value).strip().lower())


def event_type_of(code: str) -> str | None:
    """The ACLED event type of a CASE code (None for the 5 classes outside ACLED)."""
    if code in NON_ACLED_LABELS or code not in CASE_LABELS:
        return None
    return load_taxonomy().sub_to_type.get(CASE_LABELS[code])
