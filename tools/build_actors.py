"""Build ``src/eventwire/coding/data/actors_petrarch.jsonl`` from the PETRARCH2/Phoenix dictionaries.

The PETRARCH2 event coder (openeventdata/petrarch2, MIT licence, Copyright (c) 2014 Open Event
Data) ships actor dictionaries in the TABARI format: one entry per line, words joined by ``_``,
synonyms on ``+`` lines, CAMEO codes in brackets (see ``/work/shared/data/actors/README.md``).
This script turns them into eventwire's actor lexicon, in ACLED's naming and inter codes:

- ``Phoenix.MilNonState.actors.txt``: non-state armed groups ("[YEMREB]") -> named actors,
  inter 2 (rebel groups), 3 when the name says militia, paramilitary or self-defence;
- ``Phoenix.International.actors.txt``: intergovernmental organisations of politics and
  security ("[IGOUNO]") -> named actors, inter 8 (external/other forces); banks, trade, aid
  and other sector bodies, NGOs and companies are left out (never armed actors);
- ``Phoenix.Countries.actors.txt``: a country's armed and police bodies ("[ISRMIL]", "[GBRCOP]")
  -> named state actors, inter 1, named "Military Forces of <Country>" / "Police Forces of
  <Country>"; its rebel groups ("[XXXREB]") -> inter 2. Officials and places are left out;
- ``Phoenix.agents.txt``: agent nouns ("SOLDIER [~MIL]", "GUNMAN [~UAF]") -> more phrases for
  eventwire's role lexicons (``actors_state.jsonl``, ``actors_generic.jsonl``), chosen by the
  noun's head word so that weapons, buildings and ranks stay out.

Names of people (group leaders listed as a group's synonyms, officials), dates ("17 November"),
single common English words, names qualified in brackets, acronyms of one letter, of a country
("CAR") or of two letters (but an IGO's: "UN"), and aliases two actors share are skipped.
Acronyms match case-sensitively; other aliases match only where the text capitalises them.
Aliases that the hand-curated lexicons already hold are not repeated: a PETRARCH group whose
primary name (or two of whose names) the curated ``actors_named.jsonl`` holds is written with
``same_as``, so that its other aliases name the curated actor.

Usage: ``python tools/build_actors.py [--source DIR] [--out FILE]`` (defaults below). Run it
again after changing it or the curated lexicons, and commit the output.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.geo.countries import country_by_iso3, lookup_country
from eventwire.nlp.actors import actor_country_name
from eventwire.nlp.data import CODING_DATA_DIR, read_jsonl
from eventwire.nlp.pipeline import load_spacy_model

SOURCE_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "actors" / "petrarch2"  # ../shared
OUT_PATH = CODING_DATA_DIR / "actors_petrarch.jsonl"
NOTICE_PATH = CODING_DATA_DIR / "NOTICE_petrarch2.txt"
SOURCE_COMMIT = "openeventdata/petrarch2@676801cd9cb2924bbbad09f86d15c9323e7097bf"
MILNONSTATE = "Phoenix.MilNonState.actors.txt"
INTERNATIONAL = "Phoenix.International.actors.txt"
COUNTRIES = "Phoenix.Countries.actors.txt"
AGENTS = "Phoenix.agents.txt"

MONTHS = frozenset("january february march april may june july august september october november december".split())
# words that make a name an organisation's, never a person's ("Abu Nidal Organization")
ORG_WORDS = frozenset("""
    army armies front brigade brigades movement group groups organization organisation party force forces
    faction cells cell nuclei nucleus commando commandos league union council commission committee mission
    nations agency fund bank court tribunal programme program alliance association secretariat office
    assembly community corps guard guards police militia militias battalion battalions regiment legion
    network resistance liberation revolutionary jihad mujahideen mujahidin brotherhood fighters squad
    squads federation coalition command service services rifles navy marines
    jaish jaysh jeish liwa kataib kata'ib katibat harakat harkat hizb hezb jamaat jamaah jamaa jabhat ansar
    lashkar tehrik tehreek saraya jund ahrar
""".split())
# names with these words are political (or identity) militias, not rebels: ACLED inter 3
MILITIA_WORDS = frozenset(
    "militia militias paramilitary paramilitaries self-defense self-defence vigilante vigilantes".split()
)
# lower-case words of a title-cased name ("Army of the Guardians of the Islamic Republic")
SMALL_WORDS = frozenset("""
    of the and for in on at to a an by with de del la el los las du des le y e i fi wa wal bi li ul
    di da do dos das der den van von il no
""".split())
# the Arabic article as transliterated before a hyphen ("AL-QAEDA", "ASH-SHABAAB")
ARABIC_ARTICLES = frozenset("al el as ash ad an ar at az".split())
# words that open a person's name, not a group's: kunya and honorifics ("ABU_BASIR", "SHEIKH_...")
PERSON_OPENERS = frozenset("abu umm sheik sheikh shaykh sayyid sayyed seyyed mullah maulana emir".split())
# IGO sub-codes of a sector (banks, trade, health, refugees...): not external forces in ACLED's sense
IGO_SECTORS = frozenset("BUS DEV AGR ENV HLH EDU MED LAB REF KID HRI JUD LEG CHR MOS".split())
# CAMEO role codes (3 letters after the country code) of the actors kept, by ACLED inter
ARMED_ROLES = frozenset({"REB", "INS", "UAF", "RAD"})
STATE_TEMPLATES = {"MIL": "Military Forces of {country}", "COP": "Police Forces of {country}"}
NON_COUNTRY_PREFIXES = frozenset({"IGO", "NGO", "MNC", "IMG"})

# Agent nouns: the eventwire role a head word names, and the CAMEO agent codes it may carry.
# "REBEL_LEADER" (head "leader") and "ATTACK_HELICOPTER" (head "helicopter") name no group.
AGENT_ROLES = {
    "military": ({"MIL", "GOVMIL", "MILGOV"}, {
        "troop", "troops", "soldier", "soldiery", "force", "forces", "army", "military", "personnel", "patrol",
        "patrols", "unit", "units", "guard", "guards", "marines", "infantry", "paratroops", "commando",
        "garrison", "battalion", "regiment", "airman", "airmen", "serviceman", "servicemen", "reservist", "junta",
        "gendarmerie", "gendarmery", "gendermarie",
    }),
    "police": ({"COP", "MILCOP", "GOVCOP"}, {
        "police", "policeman", "policemen", "policewoman", "policewomen", "constable", "gendarme", "trooper",
        "lawman", "lawmen", "enforcement", "detective",
    }),
    "rebels": ({"REB", "REBMUS", "REBHIN", "REBCHR", "REBBUD"}, {
        "rebel", "insurgent", "guerrilla", "guerilla", "separatist", "insurrectionist",
    }),
    "armed_group": ({"UAF", "UAFMUS", "MUSUAF", "REB", "RAD", "UAFRAD"}, {
        "gunman", "gunmen", "militant", "assailant", "combatant", "terrorist", "jihadist", "jihadists",
        "mercenary", "marauder", "raider", "hitman", "hitmen", "triggerman", "band", "gang",
    }),
    "protesters": ({"OPP"}, {"protester", "demonstrator", "picketer"}),
    "rioters": ({"OPP", "REB", "CVL"}, {"rioter", "looter", "pillager", "plunderer", "rabble"}),
    # not "citizen": more often a nationality ("a French citizen") than a victim
    "civilians": ({"CVL"}, {
        "civilian", "villager", "resident", "passenger", "tourist", "noncombatant", "non-combatant",
        "townspeople", "townsperson", "shopkeeper", "hiker", "migrant", "sightseer", "traveler", "traveller",
        "backpacker", "onlooker", "mourner",
    }),
}
# nouns without a plural of their own ("police", "personnel") or already plural ("townspeople")
MASS_HEADS = frozenset("police personnel infantry soldiery enforcement military gendarmerie gendermarie rabble".split())
BRACKETS = re.compile(r"\[([^\]]*)\]")
PARENS = re.compile(r"\(([^)]*)\)")
# an Arabic family name from a place or tribe ("AL-BAGHDADI"): a person's, not a group's
NISBA = re.compile(r"a[ln]-[a-z']{3,}i")


@dataclass
class Block:
    """One dictionary entry: its names (the first is the primary one) and CAMEO codes."""
    names: list[str]
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date restriction or "")
    line: int = 0
    plural_given: bool = False  # an agent noun's plural in braces: "LAWMAN {LAWMEN}", "POLICE {}"


# -- reading the TABARI format ---------------------------------------------------------------
def read_blocks(path: Path) -> list[Block]:
    """The entries of a PETRARCH actor or agent dictionary, comments dropped."""
    blocks: list[Block] = []
    substitutions: dict[str, list[str]] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        text = raw.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        if text.startswith("!") and "=" in text:  # "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON"
            key, values = text.split("=", 1)
            substitutions[key.strip()] = [value.strip() for value in values.split(",") if value.strip()]
            continue
        codes = [_code(item) for item in BRACKETS.findall(text)]
        name = BRACKETS.sub(" ", text).strip()
        if text[0].isspace() and not name:  # "\t[AFGMIL]": the codes of the entry above
            if blocks:
                blocks[-1].codes.extend(codes)
            continue
        if name.startswith("+"):
            if blocks:
                blocks[-1].names.extend(part for part in name.split("+") if part.strip())
                blocks[-1].codes.extend(codes)
            continue
        parts = [part for part in name.split("+") if part.strip()]
        if parts:
            names = _expand(parts, substitutions)
            blocks.append(Block(names=names, codes=codes, line=number, plural_given="{" in name))
    return blocks


def _code(text: str) -> tuple[str, str]:
    code, _, restriction = text.strip().partition(" ")
    return code.strip(), restriction.strip()


def _expand(names: list[str], substitutions: dict[str, list[str]]) -> list[str]:
    """Agent names: "POLICE!PERSON!" -> POLICEMAN, POLICEMEN, ...; "LAWMAN {LAWMEN}" -> both."""
    out = []
    for name in names:
        braces = re.findall(r"\{([^}]*)\}", name)
        name = re.sub(r"\{[^}]*\}", "", name).strip()
        out.extend(braces_item.strip() for braces_item in braces if braces_item.strip())
        for key, values in substitutions.items():
            if key in name:
                out.extend(name.replace(key, value) for value in values)
                break
        else:
            out.append(name)
    return out


def words_of(name: str) -> list[str]:
    """ "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> ["ADEN", "ABYAN", "ISLAMIC", "ARMY", "(AAIA)"]."""
    return [word for word in re.split(r"[_\s]+", name.strip()) if word]


def lowered_words(raw: str) -> set[str]:
    return {word.lower() for word in words_of(raw)}


def current_code(block: Block) -> str:
    """The block's code that holds today: one with no date limit, else one open to the present."""
    for code, restriction in block.codes:
        if code and not restriction and code != "---":
            return code
    for code, restriction in block.codes:
        if restriction.startswith(">"):
            return code
    return ""


def is_dated(block: Block) -> bool:
    return any(restriction for _, restriction in block.codes) or any(code.endswith("ELI") for code, _ in block.codes)


# -- deciding what a name is ------------------------------------------------------------------
class Words:
    """English words (WordNet's lemma index in the spaCy model) and first names (from the
    dictionaries' people), to tell common words and people from group names."""

    def __init__(self, given_names: set[str]) -> None:
        nlp = load_spacy_model()
        lemmatizer = nlp.get_pipe("lemmatizer")
        index = lemmatizer.lookups.get_table("lemma_index")
        self.english = set().union(*(set(words) for words in index.values()))
        self.given_names = given_names
        self.surnames: set[str] = set()

    def is_english(self, word: str) -> bool:
        word = word.lower()
        candidates = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word,
                      word[:-3] + "y" if word.endswith("ies") else word}
        return any(candidate in self.english for candidate in candidates)

    def is_person(self, words: list[str]) -> bool:
        """ "NASIR_AL-WUHAYSHI", "SHEIKH_HASSAN_X", "X" (a surname seen in a person's name)."""
        if any(word.lower() in ORG_WORDS for word in words):
            return False
        if len(words) == 1:
            return words[0].upper() in self.surnames or bool(NISBA.fullmatch(words[0].lower()))
        if words[0].lower() in PERSON_OPENERS or words[0].upper() in self.given_names:
            return True
        last = "-".join(word.lower() for word in words[-2:]) if words[-2].lower() in ("al", "an") else words[-1].lower()
        return len(words) <= 4 and bool(NISBA.fullmatch(last))

    def learn_surnames(self, blocks: list[Block]) -> None:
        """Last words of the people's names among ``blocks`` (for "NASRALLAH" alone)."""
        for block in blocks:
            for raw in block.names:
                words = words_of(raw)
                if len(words) >= 2 and (raw.endswith("__") or self.is_person(words)) and len(words[-1]) >= 4:
                    self.surnames.add(words[-1].upper())


def given_names(blocks_by_file: dict[str, list[Block]]) -> set[str]:
    """First words of the people's names in the dictionaries: KEDS militants ("ABU_SALEM__"),
    officials with dated roles ("HAMID_KARZAI_ [AFGGOV 011222-140929]"); four letters or more
    (particles such as AL, ABU, BIN never count), and never a word of a group's name."""
    first_words, group_words = set(), set()
    for file_name, blocks in blocks_by_file.items():
        if file_name == AGENTS:
            continue
        for block in blocks:
            person = block.names[0].endswith("__") or (file_name != MILNONSTATE and is_dated(block))
            words = words_of(block.names[0])
            if person and len(words) >= 2 and not any(word.lower() in ORG_WORDS for word in words):
                first_words.add(words[0])
            elif file_name == MILNONSTATE and not person:
                group_words.update(words)
    return {word for word in first_words - group_words if len(word) >= 4 and word.isalpha()}


def is_acronym(word: str) -> bool:
    """One word of short parts: "FARC", "AQAP", "FARC-EP", "IS-K", "U.N." (matched as written);
    not an Arabic name with its article ("AL-BADR")."""
    parts = [part for part in re.split(r"[-./]", word) if part]
    if not parts or " " in word or not any(c.isalpha() for c in word):
        return False
    if len(parts) > 1 and parts[0].lower() in ARABIC_ARTICLES:
        return False
    return all(len(part) <= 4 for part in parts)


def title_case(words: list[str], short_acronyms: frozenset[str] = frozenset()) -> str:
    """ "ARMY_OF_THE_PURE" -> "Army of the Pure"; acronyms stay in capitals ("PKK", "U.S.", and
    the two-letter ones in ``short_acronyms``: "UN")."""
    out = []
    for position, word in enumerate(words):
        lower = word.lower()
        if word[:1].isdigit():
            out.append(lower)  # "3RD" -> "3rd"
        elif 0 < position < len(words) - 1 and lower in SMALL_WORDS:
            out.append(lower)
        elif "." in word or word.upper() in short_acronyms:
            out.append(word.upper())
        elif len(word) > 2 and is_acronym(word) and not any(c in "aeiou" for c in lower.replace("-", "")):
            out.append(word.upper())  # "PKK", "DHKP/C": no vowel, an acronym
        else:
            out.append("/".join("-".join(_cap(part) for part in piece.split("-")) for piece in word.split("/")))
    return " ".join(out)


def _cap(part: str) -> str:
    lower = part.lower()
    if "'" in lower:  # "PEOPLE'S" -> "People's"
        head, _, tail = lower.partition("'")
        return head[:1].upper() + head[1:] + "'" + tail
    return lower[:1].upper() + lower[1:]


@dataclass
class Actor:
    name: str
    inter: int
    country: str
    cameo: str
    source: str
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    template: str = ""
    same_as: str = ""


class Builder:
    """Reads the dictionaries in ``source`` and the curated lexicons; ``actors()`` and
    ``role_records()`` give what to write, ``skipped`` counts what was left out and why."""

    def __init__(self, source: Path) -> None:
        self.blocks = {name: read_blocks(source / name) for name in (MILNONSTATE, INTERNATIONAL, COUNTRIES, AGENTS)}
        self.short_acronyms = frozenset(  # two-letter names of IGOs ("UN", "EU") and countries ("US")
            words[0] for block in self.blocks[INTERNATIONAL] + self.blocks[COUNTRIES] for raw in block.names
            for words in [words_of(raw)] if len(words) == 1 and len(words[0]) == 2 and words[0].isalpha()
        )
        self.words = Words(given_names(self.blocks))
        self.words.learn_surnames(self.blocks[MILNONSTATE])
        self.curated_aliases: dict[str, str] = {}
        self.curated_acronyms: dict[str, str] = {}
        self.curated_records: dict[str, dict] = {}
        for record in read_jsonl(CODING_DATA_DIR / "actors_named.jsonl"):
            self.curated_records[record["name"]] = record
            for alias in record["aliases"]:
                self.curated_aliases[alias.lower()] = record["name"]
            for acronym in record.get("acronyms", ()):
                self.curated_acronyms[acronym] = record["name"]
        self.role_phrases: dict[str, str] = {}  # curated phrase -> its role
        self.roles: dict[str, dict] = {}
        for file_name in ("actors_state.jsonl", "actors_generic.jsonl"):
            for record in read_jsonl(CODING_DATA_DIR / file_name):
                self.roles[record["role"]] = record
                for phrase in record["phrases"]:
                    self.role_phrases[phrase.lower()] = record["role"]
        self.skipped: Counter = Counter()

    # -- named actors -----------------------------------------------------------------------
    def actors(self) -> list[Actor]:
        found: list[Actor] = []
        for file_name in (MILNONSTATE, INTERNATIONAL, COUNTRIES):
            for block in self.blocks[file_name]:
                actor = self._actor(block, file_name)
                if actor is not None:
                    found.append(actor)
        return self._resolve(found)

    def _actor(self, block: Block, file_name: str) -> Actor | None:
        code = current_code(block)
        if not code or code.startswith("~"):
            self.skipped["no current code"] += 1
            return None
        primary = words_of(block.names[0])
        if block.names[0].endswith("__") or self.words.is_person(primary):
            self.skipped["person"] += 1
            return None
        prefix, roles = code[:3], [code[i : i + 3] for i in range(3, len(code), 3)]
        country = ""
        if prefix not in NON_COUNTRY_PREFIXES:
            found = country_by_iso3(prefix)
            country = found.iso2 if found else ""
        lowered = {word.lower() for name in block.names for word in words_of(name)}
        militia = bool(lowered & MILITIA_WORDS)
        template = ""
        if file_name == INTERNATIONAL:
            organisation = any(len(words_of(raw)) == 1 or lowered_words(raw) & ORG_WORDS for raw in block.names)
            if prefix != "IGO" or is_dated(block) or set(roles) & IGO_SECTORS or not organisation:
                self.skipped["international: not an IGO of politics or security, or a person"] += 1
                return None
            inter = 8
        elif prefix == "IMG" or set(roles) & ARMED_ROLES or (file_name == MILNONSTATE and prefix != "IGO"):
            inter = 3 if militia else 2  # every MilNonState entry is a non-state armed group
        elif file_name == COUNTRIES and roles in (["MIL"], ["COP"]) and country and not is_dated(block):
            inter, template = 1, STATE_TEMPLATES[roles[0]]
        else:
            self.skipped["role not an armed actor"] += 1
            return None
        names, acronyms = self._names(block)
        aliases = []
        for words in names:
            reason = self._alias_problem(words, igo=file_name == INTERNATIONAL)
            if reason == "acronym":
                acronyms.append(words[0].upper())
            elif reason:
                self.skipped[f"alias: {reason}"] += 1
            else:
                aliases.append(title_case(words, self.short_acronyms))
        aliases, acronyms = _unique(aliases), _unique(acronyms)
        if not aliases and not acronyms:
            self.skipped["no usable alias"] += 1
            return None
        name = template.format(country=actor_country_name(country)) if template else acled_name(aliases, acronyms)
        actor = Actor(name=name, inter=inter, country=country, cameo=code, source=file_name, aliases=aliases,
                      acronyms=acronyms, template=template)
        self._tie_to_curated(actor, [" ".join(words).lower() for words in names])
        return actor

    def _names(self, block: Block) -> tuple[list[list[str]], list[str]]:
        """The block's names as word lists (people's "__" entries, qualified names such as
        "NATIONAL_FRONT_(GREECE)_" and a leading "THE" dropped) and the acronyms its names
        give in brackets ("ISLAMIC_ARMY_OF_ADEN_(IAA)_")."""
        names, acronyms = [], []
        for raw in block.names:
            if raw.endswith("__"):
                continue
            inner = PARENS.findall(raw)
            acronyms.extend(item.upper() for item in inner
                            if is_acronym(item) and len(item) >= 2 and lookup_country(item) is None)
            words = words_of(PARENS.sub(" ", raw))
            unbalanced = raw.count("(") != len(inner) or raw.count(")") != len(inner)
            if any(not is_acronym(item) for item in inner) or not words or unbalanced:
                continue  # a qualifier the text will not carry, or a bracket left open
            if len(words) > 1 and words[0].lower() == "the":
                words = words[1:]
            if len(words) > 1 and words[-1].lower() == "the" and words[-2].endswith(","):
                words = words[:-2] + [words[-2].rstrip(",")]  # "ANARCHISTS,_THE"
            names.append(words)
        return names, acronyms

    def _alias_problem(self, words: list[str], *, igo: bool = False) -> str:
        """Why an alias cannot name the actor ("" when it can; "acronym" when it is one)."""
        lowered = [word.lower() for word in words]
        text = " ".join(lowered)
        if len(words) == 1 and (is_acronym(words[0]) or (igo and words[0].isalpha() and len(words[0]) <= 8)):
            letters = sum(c.isalpha() for c in words[0])
            if letters < 2 or lookup_country(words[0]) is not None:
                return "too short or a country code"
            return "acronym"
        if any(word in MONTHS for word in lowered) or (len(words) <= 3 and any(word.isdigit() for word in lowered)):
            return "a date or a number"
        if len(words) == 1 and self.words.is_english(words[0]):
            return "a common English word"
        if text in self.role_phrases or lookup_country(title_case(words)) is not None:
            return "a role noun or a country"
        if self.words.is_person(words):
            return "a person"
        return ""

    def _tie_to_curated(self, actor: Actor, names: list[str]) -> None:
        """The curated actor this entry is: the one its primary name names, else the one two
        of its names name (one shared alias is not enough: PETRARCH files "Islamic Jihad"
        under Hezbollah). Aliases and acronyms the curated lexicon holds are dropped."""
        owners = Counter(self.curated_aliases[name] for name in names if name in self.curated_aliases)
        curated = ""
        if names and names[0] in self.curated_aliases:
            curated = self.curated_aliases[names[0]]
        elif owners and owners.most_common(1)[0][1] >= 2:
            curated = owners.most_common(1)[0][0]
        if curated:
            record = self.curated_records[curated]
            actor.same_as = actor.name = record["name"]
            actor.inter, actor.country = record["inter"], record["country"]
        actor.aliases = [a for a in actor.aliases if a.lower() not in self.curated_aliases]
        actor.acronyms = [a for a in actor.acronyms if a not in self.curated_acronyms]

    def _resolve(self, found: list[Actor]) -> list[Actor]:
        """Merge PETRARCH's duplicate entries (and an IGO's bodies under the name its acronym
        spells: "UN: United Nations"), then drop aliases that two different actors claim."""
        found = _merge_igo_bodies(found)
        merged: dict[str, Actor] = {}
        for actor in found:
            if actor.name in merged:
                kept = merged[actor.name]
                kept.aliases = _unique(kept.aliases + actor.aliases)
                kept.acronyms = _unique(kept.acronyms + actor.acronyms)
            else:
                merged[actor.name] = actor
        owners: dict[str, set[str]] = defaultdict(set)
        for actor in merged.values():
            for alias in actor.aliases:
                owners[alias.lower()].add(actor.name)
            for acronym in actor.acronyms:
                owners[acronym].add(actor.name)
        shared = {alias for alias, names in owners.items() if len(names) > 1}
        self.skipped["alias: shared by two actors"] += len(shared)
        out = []
        for actor in merged.values():
            actor.aliases = [a for a in actor.aliases if a.lower() not in shared]
            actor.acronyms = [a for a in actor.acronyms if a not in shared and _acronym_fits(a, actor)]
            if actor.aliases or actor.acronyms:
                out.append(actor)
        return sorted(out, key=lambda actor: (actor.inter, actor.name))

    # -- role nouns ---------------------------------------------------------------------------
    def role_records(self) -> list[dict]:
        phrases: dict[str, set[str]] = defaultdict(set)
        for block in self.blocks[AGENTS]:
            code = current_code(block).strip("~")
            for raw in block.names:
                words = [word.lower() for word in words_of(raw)]
                if not words or not all(re.fullmatch(r"[a-z'-]+", word) for word in words) or "of" in words:
                    continue  # "CHIEF_OF_THE_ARMY": the head noun comes before "of"
                role = next((role for role, (codes, heads) in AGENT_ROLES.items()
                             if code in codes and words[-1] in heads), "")
                if not role:
                    continue
                forms = {" ".join(words)}
                plural = not words[-1].endswith(("s", "men", "people")) and words[-1] not in MASS_HEADS
                if plural and not block.plural_given:
                    forms.add(" ".join(words[:-1] + [_plural(words[-1])]))
                for form in forms:
                    variants = (form, form + "s", form.removesuffix("s"))
                    known = {self.role_phrases.get(item) for item in variants} - {None}
                    if not known:
                        phrases[role].add(form)
                    elif known != {role}:
                        self.skipped["agent: a curated phrase of another role"] += 1
        records = []
        for role, items in sorted(phrases.items()):
            curated = self.roles[role]
            record = {key: curated[key] for key in ("role", "template", "inter", "kind") if key in curated}
            if "bare" in curated:
                record["bare"] = curated["bare"]
            record["phrases"] = sorted(items)
            records.append(record)
        return records


def initials(name: str) -> str:
    """ "North Atlantic Treaty Organization" -> "NATO" (small words skipped)."""
    return "".join(word[0] for word in name.split() if word.lower() not in SMALL_WORDS).upper()


def acled_name(aliases: list[str], acronyms: list[str]) -> str:
    """ACLED's style: "ACRONYM: Full Name" when the group has an acronym, the acronym its
    name spells first ("AAIA: Aden Abyan Islamic Army")."""
    if not aliases:
        return acronyms[0]
    full = aliases[0]
    if not acronyms:
        return full
    spelled = [acronym for acronym in acronyms if acronym.replace(".", "") == initials(full)]
    return f"{(spelled or acronyms)[0]}: {full}"


def _acronym_fits(acronym: str, actor: Actor) -> bool:
    """Two-letter acronyms only for an IGO whose name they spell ("UN": "United Nations"); a
    group's ("AN", "HM") is too often a word or an abbreviation in capitals."""
    if sum(c.isalpha() for c in acronym) > 2:
        return True
    if actor.inter != 8:
        return False
    full = actor.name.partition(": ")[2] or actor.name
    return any(acronym.replace(".", "") == initials(name) for name in [full, *actor.aliases])


def _merge_igo_bodies(found: list[Actor]) -> list[Actor]:
    by_code: dict[str, list[Actor]] = defaultdict(list)
    for actor in found:
        if actor.source == INTERNATIONAL and not actor.same_as:
            by_code[actor.cameo].append(actor)
    for actors in by_code.values():
        aliases = _unique([alias for actor in actors for alias in actor.aliases])
        acronyms = _unique([acronym for actor in actors for acronym in actor.acronyms])
        pair = next(((acronym, alias) for alias in aliases for acronym in acronyms
                     if acronym.replace(".", "") == initials(alias)), None)
        if pair is None or len(actors) < 2:
            continue
        name = f"{pair[0]}: {pair[1]}"
        for actor in actors:
            actor.name = name
    return found


def _plural(word: str) -> str:
    if word.endswith(("man",)):
        return word[:-3] + "men"
    if word.endswith(("s", "x", "ch", "sh")):
        return word if word.endswith("s") else word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


# -- writing ----------------------------------------------------------------------------------
META = (
    "Derived from the PETRARCH2/Phoenix actor dictionaries ({commit}, data/dictionaries/: "
    "Phoenix.MilNonState.actors.txt, Phoenix.International.actors.txt, Phoenix.Countries.actors.txt, "
    "Phoenix.agents.txt; MIT licence, Copyright (c) 2014 Open Event Data, see NOTICE_petrarch2.txt) by "
    "tools/build_actors.py: do not edit by hand. CAMEO codes mapped to ACLED inter codes (ACLED codebook, "
    "'Actor Names, Types, and Inter Codes'): REB/INS/UAF/IMG -> 2 (3 when the name says militia), IGO -> 8, "
    "a country's MIL/COP bodies -> 1. Named records: name (ACLED style), inter, country (ISO alpha-2 or \"\"), "
    "aliases (case-insensitive, matched only when capitalised in the text), acronyms (case-sensitive), cameo "
    "(the source code), template (state bodies), same_as (the curated actor in actors_named.jsonl this entry "
    "adds aliases to). Role records (key 'role'): more phrases for the role of that name in "
    "actors_state.jsonl / actors_generic.jsonl. Both rank below the curated lexicons."
)


def write(actors: list[Actor], roles: list[dict], out: Path) -> None:
    lines = [json.dumps({"_meta": META.format(commit=SOURCE_COMMIT)}, ensure_ascii=False)]
    for actor in actors:
        record = {"name": actor.name, "inter": actor.inter, "country": actor.country, "aliases": actor.aliases}
        if actor.acronyms:
            record["acronyms"] = actor.acronyms
        if actor.template:
            record["template"] = actor.template
        if actor.same_as:
            record["same_as"] = actor.same_as
        record["cameo"] = actor.cameo
        lines.append(json.dumps(record, ensure_ascii=False))
    lines.extend(json.dumps(record, ensure_ascii=False) for record in roles)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_notice(source: Path, path: Path) -> None:
    licence = (source / "LICENSE").read_text(encoding="utf-8").strip()
    path.write_text(
        "actors_petrarch.jsonl is derived from the actor and agent dictionaries of PETRARCH2\n"
        f"({SOURCE_COMMIT}, data/dictionaries/), distributed under this licence:\n\n"
        f"{licence}\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="folder of the PETRARCH2 dictionaries")
    parser.add_argument("--out", type=Path, default=OUT_PATH, help="the JSONL file to write")
    args = parser.parse_args(argv)
    builder = Builder(args.source)
    actors = builder.actors()
    roles = builder.role_records()
    write(actors, roles, args.out)
    write_notice(args.source, args.out.parent / NOTICE_PATH.name)
    by_inter = Counter(actor.inter for actor in actors)
    sys.stdout.write(f"{args.out}: {len(actors)} actors, by inter {dict(sorted(by_inter.items()))}; "
                     f"{sum(len(r['phrases']) for r in roles)} role phrases\n")
    for reason, count in sorted(builder.skipped.items()):
        sys.stdout.write(f"  skipped {count:5d}  {reason}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
