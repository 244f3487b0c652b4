"""Who said it: from a quote to its reporting verb, from the verb to its subject, from the
subject to a speaker (:class:`SpeakerFinder`, used by :mod:`eventwire.nlp.quotes` and
:mod:`eventwire.nlp.attributions`).

The reporting verb: the one that governs the quote in the parse (fewest hops first), else the
nearest in its sentence, else (a quote that is a sentence of its own) the nearest in its
paragraph. A participle that modifies a noun ("with no injuries reported") reports nothing, and
a subjectless reporting verb the parser joined to the reported words ("said, “...,” and
confirmed") shares the subject of the verb that reports them. When the verb that governs the
quote has a subject that is nobody (an event, a place, a thing, a document nobody issued: "the
report said"), the quote has no speaker.

The verb's subject (or the object of "according to") gives the speaker:

- a PERSON entity, the PERSON in apposition ("the governor, Amina Sow, said"; "Amina Sow,
  another witness says"), or the PERSON that ends a title ("Director of Public Works Amina Sow");
  person names resolve to the fullest form the article uses ("Zarif" -> "Mohammad Javad Zarif");
- "he"/"she", "it", a role noun ("the governor said", "a spokesman for the army said") and a
  document ("a statement from the police said"): whom they stand for,
  :mod:`eventwire.nlp.referents`;
- or else the subject's noun phrase ("a police spokesman", "a relative of the victim").

A parse that lost the subject falls back on a PERSON right beside the verb.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import HEAD, IDX, LEMMA, SENT_START
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from eventwire.nlp import referents
from eventwire.nlp.paragraphs import paragraph_bounds
from eventwire.nlp.roles import PHRASE_STOPS, POSSESSIVE_RE, SENTENCE_END_TOKENS, describe

if TYPE_CHECKING:
    from eventwire.nlp.quotes import QuoteLexicon, QuoteSpan

SPACES = str.maketrans("\n\t\r\xa0", "    ")
GENERIC_VIA_RE = re.compile(r"\b(?:to|with|the|by) (?:media|press)$")
SENTENCE_END = ".!?…"
QUOTE_MARKS = "“”«»„\""
ADJACENT_WINDOW = 12  # tokens searched left of a subjectless reporting verb
NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
# A small model often tags unfamiliar personal names ORG: such an apposition still names a speaker.
NAME_LIKE_LABELS = frozenset({"", "PERSON", "ORG"})
COMPLEMENT_WORDS = 5  # at most, in an "of" phrase kept in a noun-phrase speaker ("of the victims")


@dataclass(frozen=True)
class Speaker:
    """Who a reporting verb's subject is: the name and, where the text states them, role and affiliation."""

    name: str
    start: int = -1  # char span of the mention naming the speaker; -1 when resolved from an earlier one
    end: int = -1
    role: str = ""
    affiliation: str = ""


class SpeakerFinder:
    """Per-doc lookups for attributing quotes and statements (built once per doc).

    Token-level tables are numpy arrays filled from ``Doc.to_array``: no Python loop over
    every token of the doc.
    """

    def __init__(self, doc: Doc, text: str, spans: list[QuoteSpan], lexicon: QuoteLexicon) -> None:
        self.doc = doc
        self.text = text
        self.lexicon = lexicon
        self.spans = spans
        self.inside = numpy.zeros(len(doc), dtype=bool)
        for span in spans:
            quoted = doc.char_span(span.outer_start, span.outer_end, alignment_mode="expand")
            if quoted is not None:
                self.inside[quoted.start : quoted.end] = True
        self.paragraphs = paragraph_bounds(text)
        table = doc.to_array([IDX, LEMMA, SENT_START, HEAD])  # uint64: LEMMA holds string hashes
        self.head_of = numpy.arange(len(doc)) + table[:, 3].astype(numpy.int64)  # HEAD is relative
        starts = numpy.array([first for first, _ in self.paragraphs])
        self.paragraph_of = numpy.searchsorted(starts, table[:, 0], side="right") - 1
        opens = table[:, 2] == 1
        opens[:1] = True
        self.sent_of = numpy.cumsum(opens) - 1  # sentence number of each token
        self.sent_first = numpy.flatnonzero(opens)  # first token of each sentence
        self.vias: dict[int, list[tuple[int, int, str]]] = {}  # sentence -> outlet chains found in it
        self.ents = doc.ents  # built anew on every access: read once
        self.persons = [ent for ent in self.ents if ent.label_ == "PERSON" and not self.inside[ent.start]]
        self.person_texts = [text[ent.start_char : ent.end_char] for ent in self.persons]
        lemmas = _lemma_hashes(lexicon.reporting_verbs)  # sorted
        at = numpy.minimum(numpy.searchsorted(lemmas, table[:, 1]), len(lemmas) - 1)
        candidates = numpy.flatnonzero((lemmas[at] == table[:, 1]) & ~self.inside)
        self.verbs = [doc[int(i)] for i in candidates if self._is_reporting(doc[int(i)])]
        self.verb_ids = {verb.i for verb in self.verbs}
        self.named_speakers: list[tuple[int, str]] = []  # (char offset, name) of speakers found by name
        self.profiles: dict[str, Speaker] = {}  # name -> the role/affiliation stated at its first mention
        self.name_words: dict[str, list[str]] = {}  # mention text -> its name words (titles dropped)
        self.described: dict[int, tuple[str, str]] = {}  # person mention start -> (role, affiliation) stated there
        self.resolving: set[int] = set()  # unnamed subjects being resolved as a pronoun's antecedent
        self.noun_subjects: list[Token] | None = None  # common-noun subjects of reporting verbs (built on demand)

    def _is_reporting(self, token: Token) -> bool:
        if token.lemma_.lower() == "accord":
            return token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to"
        if token.dep_ == "acl" and token.tag_ == "VBN":  # "with no injuries reported": nobody reports
            return False
        return token.pos_ in ("VERB", "AUX")

    def opens_paragraph(self, span: QuoteSpan) -> bool:
        return span.outer_start == self.paragraphs[span.paragraph][0]

    def reports_in(self, paragraph: int) -> bool:
        """Whether paragraph number ``paragraph`` has a quote mark or a reporting verb."""
        first, last = self.paragraphs[paragraph]
        return any(mark in self.text[first:last] for mark in QUOTE_MARKS) or any(
            self.paragraph_of[verb.i] == paragraph for verb in self.verbs
        )

    # ---- choosing the reporting verb -------------------------------------------------

    def attribute(self, span: QuoteSpan) -> tuple[Speaker, Token] | None:
        """The speaker and reporting verb of a quote; None when none is found, or when the verb
        that governs the quote has a subject that is nobody ("... ,” the report said")."""
        candidates, governing = self._candidate_verbs(span)
        for verb in candidates:
            speaker = self.speaker_of_verb(verb)
            if speaker:
                return speaker, verb
            if verb.i in governing:
                subject = self.subject(verb)
                if subject is not None and referents.names_nobody(self, subject):
                    return None
        return None

    @staticmethod
    def verb_text(verb: Token) -> str:
        return "according to" if verb.lemma_.lower() == "accord" else verb.lower_

    def _candidate_verbs(self, span: QuoteSpan) -> tuple[list[Token], set[int]]:
        """The reporting verbs a quote may hang on, best first, and those of them that govern it."""
        quote = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if quote is None or not len(quote):
            return [], set()
        in_paragraph = [verb for verb in self.verbs if self.paragraph_of[verb.i] == span.paragraph]
        verb_ids = {verb.i for verb in in_paragraph}
        hops: dict[int, int] = {}
        # the nearest verb above any quote token is nearest above a token whose head is outside
        heads = self.head_of[quote.start : quote.end]
        exits = numpy.flatnonzero((heads < quote.start) | (heads >= quote.end)) + quote.start
        for token in (self.doc[int(i)] for i in exits):
            for distance, ancestor in enumerate(token.ancestors, start=1):
                if ancestor.i in verb_ids:
                    hops[ancestor.i] = min(distance, hops.get(ancestor.i, distance))
        ranked = sorted((distance, verb_i) for verb_i, distance in hops.items())
        candidates = [self.doc[verb_i] for _, verb_i in ranked]
        sentences = set(self.sent_of[quote.start : quote.end].tolist())
        in_sentence = [verb for verb in in_paragraph if self.sent_of[verb.i] in sentences]
        candidates += sorted(in_sentence, key=lambda verb: self._distance(verb, span))
        if self._stands_alone(span):
            candidates += sorted(in_paragraph, key=lambda verb: self._distance(verb, span))
        unique = []
        for verb in candidates:
            if verb not in unique:
                unique.append(verb)
        return unique, set(hops)

    @staticmethod
    def _distance(token: Token, span: QuoteSpan) -> int:
        if token.idx >= span.outer_end:
            return token.idx - span.outer_end
        return max(span.outer_start - token.idx - len(token), 0)

    def _stands_alone(self, span: QuoteSpan) -> bool:
        before = self.text[: span.outer_start].rstrip(" \t")
        return not before or before[-1] in SENTENCE_END + "\n:”\""

    # ---- from verb to speaker ----------------------------------------------------------

    def speaker_of_verb(self, verb: Token) -> Speaker | None:
        subject = self.subject(verb)
        if subject is None:
            return None
        return self.speaker_of_token(subject)

    def subject(self, verb: Token) -> Token | None:
        """The token naming who speaks through ``verb`` (its subject, the object of "according to")."""
        return self._subject(verb, depth=0)

    def _subject(self, verb: Token, *, depth: int) -> Token | None:
        if verb.lemma_.lower() == "accord":
            to = self.doc[verb.i + 1]
            objects = [child for child in to.children if child.dep_ == "pobj"]
            return objects[0] if objects else None
        if verb.lemma_.lower() == "quote":  # "the statement quoted the leader as saying ..."
            objects = [child for child in verb.children if child.dep_ == "dobj"]
            if objects:
                return objects[0]
        subjects = [child for child in verb.children if child.dep_ in self.lexicon.subject_deps]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in self.lexicon.relative_pronouns and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "conj" and depth < 3 and self._coordinated_with_report(verb):
            reporter = next((word for word in verb.head.ancestors if word.i in self.verb_ids), None)
            if reporter is not None:
                return self._subject(reporter, depth=depth + 1)
        if verb.dep_ in self.lexicon.inherit_subject_deps and verb.head is not verb and depth < 3:
            return self._subject(verb.head, depth=depth + 1)
        return self._adjacent_person(verb)

    def _coordinated_with_report(self, verb: Token) -> bool:
        """A subjectless reporting verb the parser joined to the reported words rather than to the
        verb that reports them: "X said, “the troops opened fire,” and confirmed ..." (its head is
        quoted), "X added that the teams had left and warned: “...”" (its head is the reported
        clause and it introduces a quote of its own). English coordinates it with the reporting verb."""
        head = verb.head
        if self.inside[head.i]:
            return True
        return head.dep_ == "ccomp" and head.head.i in self.verb_ids and any(self.inside[child.i] for child in verb.children)

    def _adjacent_person(self, verb: Token) -> Token | None:
        """A PERSON just before the verb in its clause, or just after it ("said Amina Sow").

        The fallback for parses that lose the subject (a sentence run across paragraphs).
        """
        paragraph = self.paragraph_of[verb.i]
        for i in range(verb.i - 1, max(verb.i - ADJACENT_WINDOW, -1), -1):
            token = self.doc[i]
            if self.inside[i] or self.paragraph_of[i] != paragraph or token.text in SENTENCE_END_TOKENS:
                break
            if token.ent_type_ == "PERSON":
                return token
        for i in range(verb.i + 1, min(verb.i + 3, len(self.doc))):
            token = self.doc[i]
            if self.inside[i] or self.paragraph_of[i] != paragraph:
                break
            if token.ent_type_ == "PERSON":
                return token
        return None

    def speaker_of_token(self, token: Token) -> Speaker | None:
        """The speaker a subject token names, with the span of the naming mention (if any)."""
        found = self._speaker_of_token(token)
        if found is None or not found[0]:
            return None
        name, mention = found
        if mention is None:
            return Speaker(name)
        first, last = mention
        speaker = Speaker(name, self.doc[first].idx, self.doc[last - 1].idx + len(self.doc[last - 1]))
        if name not in self.profiles:
            role, affiliation = describe(self, first, last)
            if role or affiliation:
                self.profiles[name] = Speaker(name, role=role, affiliation=affiliation)
        return speaker

    def speaker_of_subject(self, token: Token, *, depth: int = 0) -> referents.Found | None:
        """(name, token span of the naming mention or None) of the speaker ``token`` names."""
        return self._speaker_of_token(token, depth=depth)

    def _speaker_of_token(self, token: Token, *, depth: int = 0) -> referents.Found | None:
        person = self._person_at(token)
        if person is not None:
            return self._remember(token, self.full_name(person)), (person.start, person.end)
        if token.lower_ in self.lexicon.pronouns:
            return referents.last_person_before(self, token.idx), None
        if token.lower_ in self.lexicon.neuter_pronouns:
            return referents.last_body_before(self, token.idx), None
        if token.pos_ == "PRON" or token.ent_type_ in referents.SILENT_LABELS:
            return None
        named = self._name_ending(token) if token.pos_ in ("NOUN", "PROPN") else None
        if named is not None:  # "Director of Public Works Amina Sow said": the title's holder
            return self._remember(token, self.full_name(named)), (named.start, named.end)
        # "the governor, Amina Sow, said"; "a spokesman for the CMA, Hamada Ag Elmehdi, said"
        for other in self._appositions(token) if token.pos_ in ("NOUN", "PROPN") else ():
            person = self._person_at(other)
            if person is not None:
                return self._remember(token, self.full_name(person)), (person.start, person.end)
            if token.pos_ == "NOUN" and other.pos_ == "PROPN" and other.ent_type_ in NAME_LIKE_LABELS:
                phrase = self._noun_phrase_bounds(other)
                return self._remember(token, self.full_name(self.noun_phrase(other))), phrase
        if referents.is_common_noun(token):
            lemma = token.lemma_.lower()
            if lemma in self.lexicon.non_speaker_nouns:  # "the attack", "the town"
                return None
            if lemma in self.lexicon.document_nouns:  # "a statement from the police said": the police
                return referents.issuer(self, token, depth=depth)
            holder = referents.role_holder(self, token)  # "the governor said": the governor named before
            if holder:
                return self._remember(token, holder), None
            body = referents.body_referent(self, token)  # "the group said": the group named before
            if body:
                return body, None
            return self.noun_phrase(token, complement=True), self._noun_phrase_bounds(token)
        if token.ent_type_ in NAMED_LABELS:
            entity = next(ent for ent in self.ents if ent.start <= token.i < ent.end)
            name = self.full_name(entity.text)
            if len(name.split()) > len(self._name_words(entity.text)):
                return self._remember(token, name), (entity.start, entity.end)  # a surname tagged ORG: "Lukusa said"
            return referents.strip_article(entity.text), (entity.start, entity.end)
        if token.pos_ == "PROPN":
            start, end = self._noun_phrase_bounds(token)
            if not any(word.pos_ == "ADP" for word in self.doc[start : token.i]):
                return self._remember(token, self.full_name(self.noun_phrase(token))), (start, end)
            while start < token.i and not self._names_with(self.doc[start : token.i], token):
                start += 1  # "Minister of Water Resources Amina Sow": the name starts after the title
            return self._remember(token, self.full_name(self.doc[start:end].text)), (start, end)
        return None

    @staticmethod
    def _names_with(words: Span, token: Token) -> bool:
        """Whether ``words`` are the given names before ``token``: proper-noun compounds of it."""
        return all(word.pos_ == "PROPN" and word.dep_ == "compound" and word.head.i == token.i for word in words)

    def profile(self, speaker: Speaker) -> Speaker:
        """The role and affiliation stated for ``speaker``: at this mention, else at its first mention."""
        known = self.profiles.get(speaker.name)
        if known is None:
            known = Speaker(speaker.name)
            words = set(speaker.name.split())
            for person, person_text in zip(self.persons, self.person_texts):  # introduced before: "... by Amina Sow"
                if set(self._name_words(person_text)) <= words and self.full_name(person_text) == speaker.name:
                    role, affiliation = describe(self, person.start, person.end)
                    if role or affiliation:
                        known = Speaker(speaker.name, role=role, affiliation=affiliation)
                        break
            self.profiles[speaker.name] = known
        return known

    def sentence_chars(self, token_i: int) -> tuple[int, int]:
        """(start, end) char offsets of the sentence of token ``token_i`` (end: the next one's start)."""
        number = int(self.sent_of[token_i])
        first = self.doc[int(self.sent_first[number])].idx
        if number + 1 < len(self.sent_first):
            return first, self.doc[int(self.sent_first[number + 1])].idx
        return first, len(self.text)

    def via(self, verb: Token, speaker: Speaker) -> str:
        """The outlet chain stated in the verb's sentence ("according to state media"), outside quotes
        and the speaker's own mention ("Reuters reported" names no outlet for Reuters)."""
        number = int(self.sent_of[verb.i])
        if number not in self.vias:
            self.vias[number] = self._sentence_vias(verb.i)
        for start, end, via in self.vias[number]:
            if not (speaker.start < end and start < speaker.end):
                return via
        return ""

    def _sentence_vias(self, token_i: int) -> list[tuple[int, int, str]]:
        first, last = self.sentence_chars(token_i)
        sentence = self.text[first:last]
        lowered = sentence.lower()
        triggered = [pattern for trigger, pattern in self.lexicon.via_res if trigger.search(lowered)]
        if not triggered:
            return []
        for span in self.spans:  # blank out quoted words
            if span.outer_end > first and span.outer_start < last:
                a, b = max(span.outer_start, first) - first, min(span.outer_end, last) - first
                sentence = sentence[:a] + "|" * (b - a) + sentence[b:]
        sentence = sentence.translate(SPACES)  # offsets kept: a line break reads as a space
        found = []
        for pattern in triggered:
            for match in pattern.finditer(sentence):
                if not GENERIC_VIA_RE.search(match.group()):  # "told the media": no outlet named
                    found.append((first + match.start(), first + match.end(), match.group()))
        return found

    def _appositions(self, token: Token) -> list[Token]:
        found = [child for child in token.children if child.dep_ == "appos"]
        if token.dep_ == "appos":
            found.append(token.head)
        if token.dep_ in self.lexicon.subject_deps:  # "Amina Sow, another witness says": two subjects, one person
            found += [
                other
                for other in token.head.children
                if other.dep_ in self.lexicon.subject_deps and other.i < token.i and self.doc[other.i + 1].text == ","
            ]
        found += [
            word
            for word in token.subtree
            if word.dep_ == "appos" and word not in found and not self.inside[word.i] and word.i > token.i
        ]
        return found

    def _name_ending(self, token: Token) -> Span | None:
        """The PERSON that ends the phrase of a title: "Director of Public Works (Amina Sow)"."""
        last, phrase = token.right_edge, self.doc[token.i : token.right_edge.i]
        if last.i <= token.i or self.inside[last.i] or any(w.text in PHRASE_STOPS or w.dep_ in ("cc", "conj") for w in phrase):
            return None  # not "Crawford and Amina Sow said"
        person = self._person_at(last)
        return person if person is not None and person.start > token.i and person.end == last.i + 1 else None

    def _person_at(self, token: Token) -> Span | None:
        if token.ent_type_ != "PERSON":
            return None
        return next((ent for ent in self.persons if ent.start <= token.i < ent.end), None)

    def noun_phrase(self, token: Token, *, complement: bool = False) -> str:
        """The words naming ``token``'s noun phrase: "police spokesman"; with ``complement``, also
        its short "of" phrase, without which a relational noun names nobody ("a relative of the
        victim", "the head of the agency")."""
        start, end = self._noun_phrase_bounds(token)
        words = [word for word in self.doc[start:end] if word.pos_ not in ("DET", "PUNCT", "PART")]
        name = POSSESSIVE_RE.sub("", " ".join(word.text for word in words))
        of = next((child for child in token.rights if child.dep_ == "prep" and child.lower_ == "of"), None)
        if complement and of is not None and of.right_edge.i - of.i <= COMPLEMENT_WORDS:
            phrase = self.doc[of.i : of.right_edge.i + 1]
            if not any(self.inside[word.i] or word.text in PHRASE_STOPS for word in phrase):
                name += " " + phrase.text
        return name

    def _noun_phrase_bounds(self, token: Token) -> tuple[int, int]:
        left = [child for child in token.lefts if child.dep_ in NOUN_PHRASE_DEPS and child.pos_ != "DET"]
        start = min([token.i] + [child.left_edge.i for child in left])
        while start < token.i and self.doc[start].pos_ in ("DET", "PUNCT"):
            start += 1
        return start, token.i + 1

    def _remember(self, token: Token, name: str) -> str:
        self.named_speakers.append((token.idx, name))
        return name

    # ---- names -----------------------------------------------------------------------

    def _name_words(self, text: str) -> list[str]:
        words = self.name_words.get(text)
        if words is None:
            words = POSSESSIVE_RE.sub("", text.strip()).split()
            while len(words) > 1 and words[0].lower().rstrip(".") in self.lexicon.speaker_titles:
                words = words[1:]
            self.name_words[text] = words
        return words

    def full_name(self, mention: Span | str) -> str:
        """The fullest PERSON name in the doc ending with (or containing) this mention's name."""
        words = self._name_words(mention if isinstance(mention, str) else mention.text)
        if not words:
            return mention if isinstance(mention, str) else mention.text
        best = words
        known = self.person_texts + [name for _, name in self.named_speakers]
        for text in known:
            candidate = self._name_words(text)
            if len(candidate) <= len(best):
                continue
            if candidate[-len(words) :] == words or set(words) <= set(candidate):
                best = candidate
        return " ".join(best)

    # ---- who an anaphor stands for: eventwire.nlp.referents ----------------------------------

    def last_person_before(self, offset: int) -> str | None:
        """The last person before ``offset`` who was a subject or a speaker (named or not)."""
        return referents.last_person_before(self, offset)

    def last_organisation_before(self, offset: int) -> str | None:
        """The last organisation named before ``offset``."""
        return referents.last_organisation_before(self, offset)

    def names_nobody(self, token: Token) -> bool:
        """An event, a place, a thing or a document nobody is named as issuing: never a speaker."""
        return referents.names_nobody(self, token)

    def stated_role(self, name: str) -> str:
        return self.profile(Speaker(name)).role

    def assume_role(self, name: str, role: str) -> None:
        """Give ``name``, whose role the text never stated, the role an anaphor used for it."""
        self.profiles[name] = Speaker(name, role=role)


@functools.cache
def _lemma_hashes(lemmas: frozenset[str]) -> numpy.ndarray:
    """The sorted string-store hashes of ``lemmas`` (and their capitalised forms, as a lemma may be)."""
    strings = StringStore()
    hashes = {strings[form] for lemma in lemmas for form in (lemma, lemma.capitalize())}
    return numpy.array(sorted(hashes), dtype=numpy.uint64)
