"""The trigger lexicon (``coding/data/triggers.jsonl``) and the matcher built from it.

A *trigger* is the word (or phrase) that names an event: "attacked", "air strike",
"blew himself up", "held talks". Each lexicon entry names a trigger ``class`` that
``eventwire.coding.conventions.rules`` turns into an ACLED sub-event type and/or a PLOVER category.
The matcher is built once per vocabulary; finding triggers is one ``Matcher`` call per doc.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from eventwire.errors import Errors, ModelError

DATA_DIR = Path(__file__).parent / "data"
TRIGGERS_PATH = DATA_DIR / "triggers.jsonl"
RULES_PATH = DATA_DIR / "rules.json"
TRIGGER_CLASSES = frozenset({
    "clash", "attack", "kill", "territory_take", "territory_retake", "air", "shelling", "suicide",
    "explosive", "grenade", "chemical", "abduct", "sexual", "protest", "riot", "loot", "mob",
    "intervention", "arrest", "disrupt", "base", "territory_move", "transfer", "verbal",
})
# POS a noun entry also accepts: the small model tags some plural nouns ("Airstrikes") PROPN.
NOUN_POS = ("NOUN", "PROPN")


@dataclass(frozen=True)
class TriggerEntry:
    id: str
    cls: str
    head: int = 0
    plover: str | None = None
    mode: str | None = None
    symmetric: bool = False
    lethal: bool = False
    instrument: str | None = None
    allow_modifier: bool = False
    requires_object: frozenset = frozenset()
    requires_subject: frozenset = frozenset()
    requires_prep: frozenset = frozenset()
    requires_head: frozenset = frozenset()
    excludes_object: frozenset = frozenset()
    excludes_next: frozenset = frozenset()

    @property
    def is_verbal(self) -> bool:
        return self.cls == "verbal"


@dataclass(frozen=True)
class Trigger:
    """One trigger found in a doc: the matched span, its head token and its entry."""

    span: Span
    token: Token
    entry: TriggerEntry

    @property
    def sent(self) -> Span:
        return self.token.sent

    @property
    def span_indices(self) -> range:
        return range(self.span.start, self.span.end)


@dataclass
class TriggerLexicon:
    entries: dict[str, TriggerEntry]
    patterns: dict[str, list[list[dict]]] = field(default_factory=dict)  # multi-token entries
    # single-token entries: lower-case word -> [(entry id, accepted coarse POS tags)]
    words: dict[str, list[tuple[str, frozenset]]] = field(default_factory=dict)

    def build_matcher(self, vocab: Vocab) -> TriggerMatcher:
        matcher = Matcher(vocab)
        for entry_id, patterns in self.patterns.items():
            matcher.add(entry_id, patterns)
        every = [pattern for patterns in self.patterns.values() for pattern in patterns]
        return TriggerMatcher(
            matcher, self.words, first_words=_first_words([pattern[0] for pattern in every]),
            needs=tuple(_required_words(pattern) for pattern in every),
        )


class TriggerMatcher:
    """Finds trigger matches: single words by a dict lookup on each token's lower-case form and
    lemma (one pass over the doc), multi-token patterns with spaCy's Matcher. A Matcher holding
    every single-word list as ``IN`` predicates costs more than the parser on long documents."""

    def __init__(
        self, matcher: Matcher, words: dict[str, list[tuple[str, frozenset]]],
        *, first_words: tuple[frozenset, frozenset] | None = None, needs: tuple[tuple[frozenset, ...], ...] = (),
    ) -> None:
        self.matcher = matcher
        self.words = words
        # (lower-case forms, lemmas) a multi-token pattern can start with; None: any token can
        self.first_words = first_words
        # per pattern, the word sets each of its required tokens must meet (lower-case or lemma)
        self.needs = needs

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(entry id, start, end) for every match, in no particular order."""
        strings = doc.vocab.strings
        forms = [(token.lower_, token.lemma_, token.pos_) for token in doc]  # one pass: Token objects are costly
        found = []
        words = self.words
        for index, (lower, lemma, pos) in enumerate(forms):
            folded = lemma.lower()
            candidates = words.get(lower, [])
            if folded != lower:
                candidates = candidates + words.get(folded, [])
            for entry_id, tags in candidates:
                if pos in tags:
                    found.append((entry_id, index, index + 1))
        if self.first_words is None:
            found.extend((strings[match_id], start, end) for match_id, start, end in self.matcher(doc))
            return found
        # the Matcher runs only on sentences where a pattern can start and finds every word it
        # needs: most sentences have none
        first_lowers, first_lemmas = self.first_words
        for sent in doc.sents:
            span = forms[sent.start:sent.end]
            if not any(lower in first_lowers or lemma in first_lemmas for lower, lemma, _ in span):
                continue
            present = {lower for lower, _, _ in span} | {lemma for _, lemma, _ in span}
            if any(all(not need.isdisjoint(present) for need in needs) for needs in self.needs):
                found.extend((strings[match_id], sent.start + start, sent.start + end) for match_id, start, end in self.matcher(sent))
        return found


def _required_words(pattern: list[dict]) -> tuple[frozenset, ...]:
    """The word sets (LOWER or LEMMA values) of a pattern's tokens that must be present."""
    needs = []
    for token in pattern:
        if token.get("OP") in ("?", "*", "!"):
            continue
        for key in ("LOWER", "LEMMA"):
            value = token.get(key)
            if isinstance(value, str):
                needs.append(frozenset({value}))
            elif isinstance(value, dict) and set(value) == {"IN"}:
                needs.append(frozenset(value["IN"]))
    return tuple(needs)


def _first_words(firsts: list[dict]) -> tuple[frozenset, frozenset] | None:
    """(LOWER values, LEMMA values) the patterns' first tokens require; None when a first
    token is constrained otherwise (then every sentence has to be matched)."""
    lowers: set[str] = set()
    lemmas: set[str] = set()
    for token in firsts:
        keys = set(token) - {"POS", "TAG"}
        if len(keys) != 1 or not keys <= {"LOWER", "LEMMA"}:
            return None
        (key,) = keys
        value = token[key]
        if isinstance(value, dict):
            if set(value) != {"IN"}:
                return None
            values = value["IN"]
        else:
            values = [value]
        (lowers if key == "LOWER" else lemmas).update(values)
    return frozenset(lowers), frozenset(lemmas)


def _single_token_tags(pos: list[str]) -> frozenset:
    return frozenset(pos) | (frozenset(NOUN_POS) if "NOUN" in pos else frozenset())


def _lemma_variants(pattern: list[dict]) -> list[list[dict]]:
    """The pattern, plus variants matching each LEMMA token by its lower-case form instead
    (the small model lemmatizes capitalised headline words as proper nouns: "Attack")."""
    variants = [[]]
    for token in pattern:
        if "LEMMA" not in token:
            variants = [variant + [token] for variant in variants]
            continue
        value = token["LEMMA"]
        lowered = {"IN": [item.lower() for item in value["IN"]]} if isinstance(value, dict) else value.lower()
        by_lower = {key: item for key, item in token.items() if key != "LEMMA"} | {"LOWER": lowered}
        variants = [variant + [choice] for variant in variants for choice in (token, by_lower)]
    return variants


def _entry_from_record(record: dict, path: Path, line: int) -> tuple[TriggerEntry, list[list[dict]] | frozenset]:
    """The entry, and its Matcher patterns (multi-token entries) or its POS tags (single words)."""
    for key in ("id", "class"):
        if key not in record:
            raise ModelError(Errors.E252.format(path=path, line=line, reason=f"no {key!r}"))
    if record["class"] not in TRIGGER_CLASSES:
        raise ModelError(Errors.E252.format(path=path, line=line, reason=f"unknown class {record['class']!r}"))
    if "pattern" in record:
        patterns = _lemma_variants(record["pattern"])
    elif "words" in record:
        patterns = _single_token_tags(record.get("pos", ["VERB", "NOUN"]))
    else:
        raise ModelError(Errors.E252.format(path=path, line=line, reason="neither 'words' nor 'pattern'"))
    entry = TriggerEntry(
        id=record["id"],
        cls=record["class"],
        head=int(record.get("head", 0)),
        plover=record.get("plover"),
        mode=record.get("mode"),
        symmetric=bool(record.get("symmetric", False)),
        lethal=bool(record.get("lethal", False)),
        instrument=record.get("instrument"),
        allow_modifier=bool(record.get("allow_modifier", False)),
        requires_object=frozenset(record.get("requires_object", ())),
        requires_subject=frozenset(record.get("requires_subject", ())),
        requires_prep=frozenset(record.get("requires_prep", ())),
        requires_head=frozenset(record.get("requires_head", ())),
        excludes_object=frozenset(record.get("excludes_object", ())),
        excludes_next=frozenset(record.get("excludes_next", ())),
    )
    return entry, patterns


@functools.lru_cache(maxsize=4)
def load_trigger_lexicon(path: Path = TRIGGERS_PATH) -> TriggerLexicon:
    """The trigger lexicon, read once per process."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(Errors.E250.format(path=path, reason="file not found"))
    lexicon = TriggerLexicon(entries={})
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        record = json.loads(line)
        entry, patterns = _entry_from_record(record, path, number)
        if entry.id in lexicon.entries:
            raise ModelError(Errors.E252.format(path=path, line=number, reason=f"duplicate id {entry.id!r}"))
        lexicon.entries[entry.id] = entry
        if isinstance(patterns, frozenset):
            for word in {word.lower() for word in record["words"]}:
                lexicon.words.setdefault(word, []).append((entry.id, patterns))
        else:
            lexicon.patterns[entry.id] = patterns
    return lexicon


@functools.lru_cache(maxsize=4)
def load_rules(path: Path = RULES_PATH) -> dict:
    """The word lists of ``rules.json`` as frozensets (dicts stay dicts), read once per process."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(Errors.E250.format(path=path, reason="file not found"))
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        key: (frozenset(value) if isinstance(value, list) else value)
        for key, value in data.items()
        if not key.startswith("_")
    }


def _children_lemmas(token: Token, deps: tuple[str, ...]) -> set[str]:
    return {child.lemma_.lower() for child in token.children if child.dep_ in deps} | {
        child.lower_ for child in token.children if child.dep_ in deps
    }


def _objects(token: Token) -> set[str]:
    """Lemmas of the token's objects, looking through conjuncts and "of" ("dozens of arrests")."""
    found = set()
    for child in token.children:
        if child.dep_ in ("dobj", "attr", "oprd", "nsubjpass") or (child.dep_ == "prep" and token.pos_ == "VERB"):
            heads = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
            for head in heads:
                for word in [head, *head.conjuncts]:
                    found.update((word.lemma_.lower(), word.lower_))
                    found.update(c.lemma_.lower() for c in word.children if c.dep_ == "compound")
                    for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"):
                        found.update(p.lemma_.lower() for p in prep.children if p.dep_ == "pobj")
    return found


def _accepts(entry: TriggerEntry, token: Token, span: Span) -> bool:
    if entry.requires_object and not (_objects(token) & entry.requires_object):
        return False
    if entry.excludes_object and (_objects(token) & entry.excludes_object):
        return False
    if entry.excludes_object and token.dep_ in ("acl", "relcl") and token.head.lemma_.lower() in entry.excludes_object:
        return False  # "Tear gas, rubber bullets fired at protesters"
    if entry.excludes_next and span.end < len(span.doc) and span.doc[span.end].lower_ in entry.excludes_next:
        return False  # "riot police"
    if entry.requires_subject and not (_children_lemmas(token, ("nsubj", "nsubjpass")) & entry.requires_subject):
        return False
    if entry.requires_prep and not ({c.lower_ for c in token.children if c.dep_ in ("prep", "agent")} & entry.requires_prep):
        return False
    if entry.requires_head and token.head.lemma_.lower() not in entry.requires_head:
        return False
    if token.ent_type_ in ("DATE", "TIME", "PERSON") and entry.cls in ("protest",):
        return False  # "March" the month, "Rally" a name
    if entry.is_verbal and token.dep_ == "acl" and token.tag_ == "VBG":
        return False  # "protesters opposing the bill", "crowds demanding reforms": who they are, not an act
    is_single = len(span) == 1
    if is_single and token.pos_ in NOUN_POS and token.dep_ in ("compound", "amod") and not entry.allow_modifier:
        return False  # "army camp", "attack helicopter": a modifier, not an event
    return True


def find_triggers(doc: Doc, matcher: TriggerMatcher, lexicon: TriggerLexicon) -> list[Trigger]:
    """Every accepted trigger, one per head token (the longest match wins), in text order."""
    best: dict[int, tuple[int, Trigger]] = {}
    for entry_id, start, end in sorted(matcher(doc), key=lambda match: (match[1], match[2], match[0])):
        entry = lexicon.entries[entry_id]
        span = doc[start:end]
        token = span[entry.head] if -len(span) <= entry.head < len(span) else span.root
        if not _accepts(entry, token, span):
            continue
        length = end - start
        if token.i in best and best[token.i][0] >= length:
            continue
        best[token.i] = (length, Trigger(span=span, token=token, entry=entry))
    triggers = sorted((item[1] for item in best.values()), key=lambda trigger: trigger.token.i)
    return _drop_covered(triggers)


def _drop_covered(triggers: list[Trigger]) -> list[Trigger]:
    """Drop a trigger whose head lies inside a longer trigger ("roadside bomb" keeps one)."""
    kept = []
    for trigger in triggers:
        covered = any(
            other is not trigger
            and len(other.span) > 1
            and other.span.start <= trigger.token.i < other.span.end
            for other in triggers
        )
        if not covered:
            kept.append(trigger)
    return kept
