"""Casualty counts: who was killed, injured, arrested or abducted, and how many.

``CasualtyExtractor`` finds trigger words (``data/casualties.json``) and follows the
dependency parse from the trigger to the phrase that states the count: the object of
"killed at least two people", the passive subject of "28 were wounded", the subject of
"seven people died", the complement of "the death toll rose to 45". Counts follow ACLED's
conventions (``data/numbers.json``): the lowest figure of a range, 0 for "no one was
killed", 12 for "dozens". A number only counts when the parse ties it to a trigger, so
"Five individuals in serious condition were transferred" is not a casualty.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.errors import Errors, ModelError
from eventwire.nlp.data import DATA_DIR, read_json
from eventwire.nlp.numbers import large_scale_context, number_words, parse_count
from eventwire.types import CasualtyMention

__all__ = ["CasualtyExtractor", "parse_count", "KINDS"]

CASUALTIES_PATH = DATA_DIR / "casualties.json"
KINDS = ("killed", "injured", "arrested", "abducted")
# dependency labels that stay inside a number phrase ("at least two", "between 28 and 30")
# how a count attaches to its noun: "two people", "several insurgents", "almost three dozen insurgents"
COUNT_MODIFIER_DEPS = frozenset({"nummod", "amod", "npadvmod", "quantmod", "compound"})
NUMBER_PHRASE_DEPS = frozenset({"quantmod", "advmod", "compound", "conj", "cc", "punct", "nummod", "det", "amod"})
OBJECT_DEPS = frozenset({"dobj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "NUM", "PRON"})
YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")
ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)")
ISO_DATE_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\b")
# a date the parser hangs on a count ("2022-04-14 Four soldiers") stays out of its phrase
DATE_LABELS = frozenset({"DATE", "TIME"})


@dataclass(frozen=True)
class _Count:
    value: int
    start: int  # token indices, end exclusive
    end: int


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = read_json(CASUALTIES_PATH)
    triggers: dict[tuple[str, str], list[str]] = {}
    for kind, entry in data["kinds"].items():
        if kind not in KINDS:
            raise ModelError(Errors.E210.format(path=CASUALTIES_PATH, reason=f"unknown kind {kind!r}"))
        for frame in ("verbs", "intransitive", "adjectives", "nouns", "toll"):
            for lemma in entry[frame]:
                triggers.setdefault((frame, lemma), []).append(kind)
    sets = {key: frozenset(data[key]) for key in (
        "zero_words", "zero_determiners", "singular_determiners", "singular_pronouns", "relative_pronouns",
        "copulas", "modal_words", "intent_verbs", "excluded_entity_labels", "year_words",
        "non_person_nouns", "person_nouns", "wounded_casualty_words", "definite_determiners", "toll_modifiers",
        "toll_prepositions", "companion_words", "suicide_words", "suicide_perpetrators",
    )}
    zero_nouns = {key: tuple(value) for key, value in data["zero_nouns"].items() if not key.startswith("_")}
    return {"triggers": triggers, "noun_rules": data["noun_rules"], "verb_rules": data["verb_rules"],
            "zero_nouns": zero_nouns, **sets}


class CasualtyExtractor:
    """Sets ``doc._.ew_casualties``: one :class:`CasualtyMention` per (kind, count phrase)."""

    def __init__(self, nlp: Language, name: str = "ew_casualties", *, count_suicide_perpetrators: bool = False) -> None:
        self.name = name
        # ACLED counts a suicide attacker among the dead; off by default because the project's
        # hand-made article gold counts the victims only (see docs/casualties.md)
        self.count_suicide_perpetrators = count_suicide_perpetrators
        self.lex: dict | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data_path: str | None = None) -> None:
        number_words()
        self.lex = _lexicon()

    def __call__(self, doc: Doc) -> Doc:
        if self.lex is None:
            raise ModelError(Errors.E212.format(name=self.name))
        doc._.ew_casualties = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[CasualtyMention]:
        found: list[tuple[Token, str, _Count]] = [
            (token, kind, count) for token in doc for kind, count in self._counts_for_trigger(token)
        ]
        # longest phrases first so that a phrase inside a longer one of the same kind is dropped
        found.sort(key=lambda item: (item[2].start - item[2].end, item[2].start))
        kept: list[tuple[Token, str, _Count]] = []
        for token, kind, count in found:
            if not any(kind == other_kind and other.start <= count.start and count.end <= other.end
                       for _, other_kind, other in kept):
                kept.append((token, kind, count))
        kept.sort(key=lambda item: (item[2].start, KINDS.index(item[1])))
        mentions: list[CasualtyMention] = []
        phrases: set[tuple[str, str]] = set()
        counts: set[tuple[str, int]] = set()
        for token, kind, count in kept:
            span = doc[count.start : count.end]
            phrase = (kind, " ".join(span.text.lower().split()))
            definite = span[0].lower_ in self.lex["definite_determiners"]
            if phrase in phrases or (definite and (kind, count.value) in counts):
                continue
            phrases.add(phrase)
            counts.add((kind, count.value))
            mentions.append(CasualtyMention(
                start=span.start_char, end=span.end_char, text=span.text, kind=kind, count=count.value,
                trigger_start=token.idx, sent_start=token.sent.start_char,
            ))
        return mentions

    # -- triggers and frames ------------------------------------------------------------
    def _counts_for_trigger(self, token: Token) -> list[tuple[str, _Count]]:
        lex = self.lex
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            frames = (
                ("verbs", self._verb_args), ("intransitive", self._subject_args), ("adjectives", self._adjective_args),
            )
        elif token.pos_ == "ADJ":
            frames = (("adjectives", self._adjective_args),)
        elif token.pos_ in ("NOUN", "PROPN"):
            if lemma in lex["zero_nouns"]:
                return self._zero_noun_counts(token, lemma)
            frames = (("nouns", None), ("toll", None))
        else:
            return []
        for frame, finder in frames:
            kinds = lex["triggers"].get((frame, lemma)) or lex["triggers"].get((frame, token.lower_))
            if not kinds:
                continue
            if frame == "nouns":
                return self._noun_counts(token, lemma, kinds)
            if frame == "toll":
                counts = self._toll_counts(token)
            else:
                if self._hypothetical(token):
                    return []
                counts = self._args_counts(token, finder(token, lemma), negated=self._negated(token))
                if self.count_suicide_perpetrators and frame == "verbs" and "killed" in kinds:
                    counts = self._with_suicide_perpetrators(token, counts)
            return [(kind, count) for kind in kinds for count in counts]
        return []

    def _with_suicide_perpetrators(self, verb: Token, counts: list[_Count]) -> list[_Count]:
        """ACLED counts the perpetrators of a suicide attack among its fatalities: "a suicide
        bomber killed five people" (or "... blew himself up, killing five") is 6. The count
        keeps the victims' phrase; only its value grows."""
        if not counts or any(count.value == 0 for count in counts):
            return counts
        holder = verb.head if verb.dep_ in ("advcl", "conj") and verb.head.pos_ in ("VERB", "AUX") else verb
        subjects = [child for child in holder.children if child.dep_ == "nsubj"]
        perpetrators = [
            subject for subject in subjects
            if subject.lemma_.lower() in self.lex["suicide_perpetrators"]
            and any(child.lower_ in self.lex["suicide_words"] for child in subject.children if child.i < subject.i)
        ]
        if not perpetrators:
            return counts
        own = self._arg_count(perpetrators[0])
        extra = own.value if own is not None else 1
        first = counts[0]
        return [_Count(first.value + extra, first.start, first.end), *counts[1:]]

    def _verb_args(self, verb: Token, lemma: str) -> list[Token]:
        rule = self.lex["verb_rules"].get(lemma, {})
        particle = rule.get("require_particle")
        if particle and not any(child.dep_ == "prt" and child.lower_ == particle for child in verb.children):
            return []
        args = [child for child in verb.children if child.dep_ in OBJECT_DEPS]
        if not args:
            args = [child for child in verb.children if child.dep_ in PASSIVE_SUBJECT_DEPS]
        if not args and verb.dep_ in ("acl", "amod") and verb.head.pos_ in NOMINAL_POS:
            args = [verb.head]
        if not args:
            # inverted passive: "Also killed in the raid were four gunmen" (the parser hangs the
            # subject on the auxiliary as its attribute)
            args = [grand for child in verb.children if child.dep_ == "auxpass" for grand in child.children if grand.dep_ == "attr"]
        if not args and (verb.tag_ == "VBN" or verb.dep_ == "conj"):
            args = [child for child in verb.children if child.dep_ == "nsubj"]
        if not args and verb.dep_ == "conj" and verb.tag_ == "VBN" and self._passive(verb):
            # "insurgents fired on the patrol and were killed": the subject of the first verb
            args = [child for child in verb.head.children if child.dep_ in SUBJECT_DEPS]
        args = self._resolve_relative(verb, args)
        if rule.get("person_object"):
            args = [arg for arg in args if self._is_person(arg)]
        return args

    def _subject_args(self, verb: Token, lemma: str) -> list[Token]:
        args = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
        return self._resolve_relative(verb, args)

    def _adjective_args(self, adj: Token, lemma: str) -> list[Token]:
        if adj.dep_ == "amod" and adj.head.pos_ in NOMINAL_POS:
            return [adj.head]
        if adj.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advcl", "conj") and adj.head.pos_ in ("VERB", "AUX"):
            head = adj.head
            args = [child for child in head.children if child.dep_ in OBJECT_DEPS]
            args = args or [child for child in head.children if child.dep_ in PASSIVE_SUBJECT_DEPS]
            if not args and head.lemma_ in self.lex["copulas"]:
                args = [child for child in head.children if child.dep_ == "nsubj"]
            return self._resolve_relative(head, args)
        if adj.dep_ == "ROOT":
            return [adj]
        return []

    def _resolve_relative(self, verb: Token, args: list[Token]) -> list[Token]:
        """'the people who were killed': the relative pronoun stands for the noun it follows."""
        relative = self.lex["relative_pronouns"]
        return [verb.head if arg.lower_ in relative and verb.dep_ == "relcl" else arg for arg in args]

    def _noun_counts(self, noun: Token, lemma: str, kinds: list[str]) -> list[tuple[str, _Count]]:
        lex = self.lex
        rule = lex["noun_rules"].get(lemma, {})
        governor = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
        if rule.get("require_governor") and governor.lemma_ not in rule["require_governor"]:
            return []
        if self._hypothetical(governor):
            return []
        count = self._own_count(noun)
        if count is None and rule.get("of_person"):
            count = self._of_person_count(noun)
        if count is None and not rule.get("count_only"):
            args: list[Token] = []
            if governor.lemma_ in rule.get("subject_of", ()):
                args = [child for child in governor.children if child.dep_ == "nsubj"]
            elif governor.lemma_ in rule.get("object_of", ()):
                args = [child for child in governor.children if child.dep_ in OBJECT_DEPS and child != noun]
                args = args or [child for child in governor.children if child.dep_ in PASSIVE_SUBJECT_DEPS]
                if not args and governor.dep_ in ("acl", "amod") and governor.head.pos_ in NOMINAL_POS:
                    args = [governor.head]  # "two men taken into custody"
            args = self._resolve_relative(governor, args)
            counts = self._args_counts(governor, args, negated=self._negated(governor))
            return [(kind, c) for kind in kinds for c in counts]
        return [(kind, count) for kind in kinds] if count is not None else []

    def _of_person_count(self, noun: Token) -> _Count | None:
        """'confirmed the death of the commander', 'the arrest of a suspect and his driver': the
        people the noun's 'of' complement names (only people: 'the capture of the town' is none)."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                people = [pobj for pobj in child.children if pobj.dep_ == "pobj" and self._is_person(pobj)]
                counts = self._args_counts(noun, people[:1], negated=False)
                if counts:
                    return counts[0]
        return None

    def _zero_noun_counts(self, noun: Token, lemma: str) -> list[tuple[str, _Count]]:
        """'no casualties', 'no reports of casualties': 0 for each kind the noun covers;
        'five wounded casualties': the injured count."""
        zero = self._zero_count(noun)
        if zero is None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            zero = self._zero_count(noun.head.head)
        if zero is not None:
            return [(kind, zero) for kind in self.lex["zero_nouns"][lemma]]
        if any(child.lower_ in self.lex["wounded_casualty_words"] for child in noun.children):
            count = self._own_count(noun)
            return [("injured", count)] if count is not None else []
        return []

    def _toll_counts(self, toll: Token) -> list[_Count]:
        """'the death toll rose to 45', 'stands at 45', 'is 45', 'a death toll of 45'."""
        lex = self.lex
        if not any(child.lemma_ in lex["toll_modifiers"] for child in toll.children):
            return []
        holders = [toll, toll.head] if toll.dep_ in SUBJECT_DEPS else [toll]
        candidates = [
            grand for holder in holders for child in holder.children
            if child.dep_ == "prep" and child.lower_ in lex["toll_prepositions"]
            for grand in child.children if grand.dep_ == "pobj"
        ]
        candidates += [child for child in toll.children if child.dep_ == "appos"]
        if toll.dep_ in SUBJECT_DEPS:
            candidates += [child for child in toll.head.children if child.dep_ in ("attr", "dobj")]
        counts = [self._own_count(token) for token in candidates if self._is_count_token(token)]
        return [count for count in counts if count is not None][:1]

    # -- counts ---------------------------------------------------------------------------
    def _args_counts(self, trigger: Token, args: list[Token], *, negated: bool) -> list[_Count]:
        counts = []
        for index, arg in enumerate(args):
            joined = [conj for conj in arg.conjuncts if conj.i > arg.i and self._joined_group(arg, conj, trigger)]
            group = [arg, *joined]
            if index == 0:
                group += self._companions(trigger)
            found = [count for count in map(self._arg_count, group) if count is not None]
            if not found:
                if negated:
                    counts.append(_Count(0, arg.left_edge.i, arg.i + 1))
                continue
            value = 0 if negated else sum(count.value for count in found)
            counts.append(_Count(value, min(c.start for c in found), max(c.end for c in found)))
        return counts

    def _joined_group(self, arg: Token, conj: Token, trigger: Token) -> bool:
        """Whether a conjunct of an argument shares the trigger: a noun ("three soldiers and two
        civilians") or a count ("a leader and several of his associates"), unless it has a
        predicate of its own ("two bombers killed in action and ten hostages freed": the
        participle stating the count stands between the two)."""
        if not (conj.pos_ in NOMINAL_POS or self._is_count_token(conj)):
            return False
        if trigger.head.i == arg.i and arg.i < trigger.i < conj.i:
            return False
        return not any(child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and child.i != trigger.i
                       for child in conj.children)

    def _companions(self, verb: Token) -> list[Token]:
        """Objects added with "along with" / "together with" / "as well as": "detained the
        leader along with three of his associates"."""
        companions = self.lex["companion_words"]
        found = []
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in companions:  # "along" -> "with" -> object
                found += [grand for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "with"
                          for grand in prep.children if grand.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ == "with" and child.i > 0 \
                    and child.nbor(-1).lower_ in companions:  # "together" "with" -> object
                found += [grand for grand in child.children if grand.dep_ == "pobj"]
        return found

    def _arg_count(self, arg: Token) -> _Count | None:
        lex = self.lex
        zero = self._zero_count(arg)
        if zero is not None:
            return zero
        count = self._own_count(arg)
        if count is not None:
            return count
        if arg.pos_ == "PRON":
            return _Count(1, arg.i, arg.i + 1) if arg.lower_ in lex["singular_pronouns"] else None
        if arg.tag_ in ("NN", "NNP") and arg.lemma_.lower() not in lex["non_person_nouns"]:
            determiners = [child for child in arg.children if child.dep_ in ("det", "poss")]
            singular = any(child.dep_ == "poss" or child.lower_ in lex["singular_determiners"] for child in determiners)
            if arg.ent_type_ == "PERSON" or singular:
                start = min([arg.i, *[child.i for child in determiners]])
                return _Count(1, start, arg.i + 1)
        for child in arg.children:
            # a count in apposition to a word that states none, as when a misparsed lead makes
            # "2031-04-02 Three guards, ... died" hang on the date: "Three guards"
            if child.dep_ == "appos" and any(grand.dep_ == "nummod" and self._is_count_token(grand) for grand in child.children):
                return self._own_count(child)
        return None

    def _zero_count(self, token: Token) -> _Count | None:
        lex = self.lex
        if token.lower_ in lex["zero_words"]:
            return _Count(0, token.i, token.i + 1)
        for child in token.children:
            if child.dep_ == "det" and child.lower_ in lex["zero_determiners"]:
                return _Count(0, min(child.i, token.i), token.i + 1)
        return None

    def _own_count(self, token: Token) -> _Count | None:
        """The count a noun phrase states itself: 'two', 'at least two people', 'dozens of
        protesters', 'several insurgents', 'no deaths'."""
        zero = self._zero_count(token)
        if zero is not None:
            return zero
        if self._is_count_token(token):
            return self._number_phrase(token, head=token)
        for child in token.children:
            if child.dep_ in COUNT_MODIFIER_DEPS and child.i < token.i and self._is_count_token(child):
                return self._number_phrase(child, head=token)
        for word in token.doc[token.left_edge.i : token.i]:
            # a count hung on a modifier: "almost three dozen suspected insurgents"
            if self._is_count_token(word) and self._modifies(word, token):
                return self._number_phrase(word, head=token)
        determiners = [child for child in token.children if child.dep_ == "det" and child.i == token.i - 1]
        if determiners and (determiners[0].lower_, token.lower_) in number_words()["vague"]:
            return self._number_phrase(token, head=token)
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (
                        self._is_count_token(pobj) or any(grand.dep_ == "nummod" for grand in pobj.children)
                    ):
                        return self._arg_count(pobj)
        return None

    def _modifies(self, word: Token, noun: Token) -> bool:
        """``word`` reaches ``noun`` through modifier links only (no preposition, no clause)."""
        while word.i != noun.i:
            if word.dep_ not in COUNT_MODIFIER_DEPS or word.head.i == word.i:
                return False
            word = word.head
        return True

    def _in_number_phrase(self, child: Token, number: Token) -> bool:
        """Whether ``child`` belongs to the number phrase of ``number`` ("at least", "and 30"),
        not to a noun joined to it or a date the parser hung on it."""
        if child.dep_ not in NUMBER_PHRASE_DEPS or (child.dep_ == "conj" and child.pos_ != "NUM"):
            return False
        if child.sent != number.sent or child.is_space:
            return False
        return child.ent_type_ not in DATE_LABELS or number.ent_type_ in DATE_LABELS

    def _number_phrase(self, number: Token, *, head: Token) -> _Count | None:
        tokens = [number]
        stack = [number]
        while stack:
            for child in stack.pop().children:
                if self._in_number_phrase(child, number):
                    tokens.append(child)
                    stack.append(child)
        start = min(token.i for token in tokens)
        end = max(token.i for token in tokens) + 1
        if start > 0 and number.doc[start - 1].lower_ in number_words()["articles"]:
            start -= 1  # "a few", "a dozen", "a couple of"
        value = parse_count(number.doc[start:end].text, large_scale=large_scale_context(number.sent.text))
        if value is None:
            return None
        if head.sent == number.sent and not any(token.is_space for token in number.doc[end : head.i]):
            end = max(end, head.i + 1)
        of_objects = [grand for child in number.children if child.dep_ == "prep" and child.lower_ == "of"
                      for grand in child.children if grand.dep_ == "pobj"]
        if of_objects:
            end = max(end, of_objects[0].i + 1)
        return _Count(value, start, end)

    def _is_count_token(self, token: Token) -> bool:
        lex = self.lex
        if token.ent_type_ in lex["excluded_entity_labels"]:
            return False
        if not (token.like_num or token.lower_ in number_words()["words"]) or ORDINAL_RE.fullmatch(token.lower_):
            return False  # "the 17th leader captured" is one leader, not 17
        if YEAR_RE.fullmatch(token.text) and token.ent_type_ == "DATE":
            return False
        if YEAR_RE.fullmatch(token.text) and ISO_DATE_RE.match(token.doc.text, token.idx):
            return False  # "2031-04-02 Two miners died": a date, not 2031 people
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if following is not None and following.lower_ in lex["year_words"]:
            return False
        return not (following is not None and following.text in ("-", "–") and token.i + 2 < len(token.doc)
                    and token.nbor(2).lower_ in lex["year_words"])

    def _is_person(self, token: Token) -> bool:
        lex = self.lex
        if token.ent_type_ == "PERSON" or token.lower_ in lex["singular_pronouns"]:
            return True
        if token.lemma_.lower() in lex["person_nouns"] or token.lower_ in lex["person_nouns"]:
            return True
        return any(
            grand.dep_ == "pobj" and self._is_person(grand)
            for child in token.children if child.dep_ == "prep" and child.lower_ == "of"
            for grand in child.children
        )

    def _passive(self, verb: Token) -> bool:
        return any(child.dep_ == "auxpass" for child in verb.children)

    def _negated(self, token: Token) -> bool:
        return any(child.dep_ == "neg" for child in token.children)

    def _hypothetical(self, token: Token) -> bool:
        lex = self.lex
        for child in token.children:
            if child.dep_ == "aux" and (child.lower_ in lex["modal_words"] or child.tag_ == "TO"):
                return True  # "will kill", "an operation to arrest": not (yet) a casualty
        return token.dep_ == "xcomp" and token.head.lemma_ in lex["intent_verbs"]
