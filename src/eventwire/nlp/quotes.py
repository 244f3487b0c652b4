"""Direct quotes and who said them: ``doc._.ew_quotes`` (a list of ``eventwire.types.Quote``).

A quote is text between “curly” or "straight" double quotes, inside one paragraph (an
unclosed quote runs to the paragraph's end, the wire convention for quotes that go on in
the next paragraph). Its speaker comes from the reporting verb it hangs on ("said",
"asked", "warned", "according to", ... : ``data/quotes.json``), tried in this order:

1. a reporting verb that governs the quote in the parse (fewest hops first);
2. the nearest reporting verb in the quote's sentence;
3. for a quote that is a sentence of its own, the nearest reporting verb in its paragraph;
4. a quote that opens a paragraph with no verb of its own keeps the previous quote's speaker.

The verb's subject (or the object of "according to") gives the speaker: a PERSON entity,
the PERSON in apposition ("the governor, Amina Sow, said"), for "he"/"she" and "the
official" the last person who was a subject or a speaker (else the last one mentioned),
for "it" the last organisation, or else the subject's noun phrase ("a police spokesman").
A parse that lost the subject falls back on a PERSON right beside the verb. Person names
resolve to the fullest form the article uses ("Zarif" -> "Mohammad Javad Zarif").
Quotes shorter than ``min_quote_words`` words (scare quotes: the “failure”) are skipped,
and so are quotes whose speaker cannot be found.

Each quote also gets, where the text states them, the speaker's ``role`` and ``affiliation``
(from an appositive after the name, a title before it, or a noun-phrase speaker's own words,
kept from the first mention that states them: :func:`describe`), the outlet chain ``via``
("according to state media", "told the Associated Press": ``via_patterns``) and the span of
the mention naming the speaker (``speaker_start``/``speaker_end``, -1 for a pronoun or a
speaker carried over). ``eventwire_quotes_v2`` adds the indirect attributions and claims of
:mod:`eventwire.nlp.attributions`. See docs/quotes.md.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.attrs import HEAD, IDX, LEMMA, SENT_START
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from eventwire.nlp.extensions import doc_text
from eventwire.types import Quote

DATA_PATH = Path(__file__).parent / "data" / "quotes.json"
# Paragraphs end at blank lines; in a text without any, at every line break (one-line paragraphs).
BLANK_LINE_RE = re.compile(r"\n[ \t]*\n\s*")
LINE_BREAK_RE = re.compile(r"\n\s*")
STRAIGHT_MARK = '"'
CLOSING_MARKS = "”»"
QUOTE_MARK_RE = re.compile(r'[“”«»„"]')
WORD_RE = re.compile(r"\w+", re.UNICODE)
SPACES = str.maketrans("\n\t\r\xa0", "    ")
GENERIC_VIA_RE = re.compile(r"\b(?:to|with|the|by) (?:media|press)$")
PHRASE_STOPS = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "-", '"', "“", "”", "!", "?"})
TITLE_WINDOW = 8  # tokens read left of a name for its title ("Iran's Foreign Minister")
AFFILIATION_WORDS = 8  # at most: "the Interior Ministry of the Federal Republic of Somalia"
APPOSITIVE_WINDOW = 14  # tokens read right of a name for an appositive (", the governor of ...")
# Stripped from both ends of a quote's text: the quote excludes its own closing punctuation.
EDGE_PUNCTUATION = " \t\n,.;:!?…-–—'‘’"
SENTENCE_END = ".!?…"
SENTENCE_END_TOKENS = frozenset({".", "!", "?", "…"})
ADJACENT_WINDOW = 12  # tokens searched left of a subjectless reporting verb
POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")
NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
# A small model often tags unfamiliar personal names ORG: such an apposition still names a speaker.
NAME_LIKE_LABELS = frozenset({"", "PERSON", "ORG"})


@dataclass(frozen=True)
class QuoteLexicon:
    reporting_verbs: frozenset[str]
    pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    anaphoric_roles: frozenset[str]
    relative_pronouns: frozenset[str]
    speaker_titles: frozenset[str]
    subject_deps: frozenset[str]
    inherit_subject_deps: frozenset[str]
    min_quote_words: int
    role_heads: frozenset[str]
    role_words: frozenset[str]  # role heads, their modifiers ("foreign", "deputy") and titles
    honorifics: frozenset[str]
    affiliation_prepositions: frozenset[str]
    via_res: tuple[tuple[re.Pattern, re.Pattern], ...]  # (trigger on the lowercased sentence, pattern)
    indirect_verbs: frozenset[str]
    min_statement_words: int
    claim_prefilter: re.Pattern
    claim_verbs: frozenset[str]
    claim_notice_verbs: frozenset[str]
    perpetration_verbs: frozenset[str]
    claim_report_verbs: frozenset[str]
    negators: frozenset[str]
    collective_claimants: frozenset[str]
    speaker_nouns: frozenset[str]  # heads of noun phrases that can speak: "officials", "the ministry"


@functools.cache
def load_lexicon(path: str | Path = DATA_PATH) -> QuoteLexicon:
    """The quote lexicon, read once per process and path."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return QuoteLexicon(
        reporting_verbs=frozenset(data["reporting_verbs"]),
        pronouns=frozenset(data["male_pronouns"] + data["female_pronouns"]),
        neuter_pronouns=frozenset(data["neuter_pronouns"]),
        anaphoric_roles=frozenset(data["anaphoric_roles"]),
        relative_pronouns=frozenset(data["relative_pronouns"]),
        speaker_titles=frozenset(data["speaker_titles"]),
        subject_deps=frozenset(data["subject_deps"]),
        inherit_subject_deps=frozenset(data["inherit_subject_deps"]),
        min_quote_words=int(data["min_quote_words"]),
        role_heads=frozenset(data["role_heads"]),
        role_words=frozenset(data["role_heads"] + data["role_modifiers"] + data["speaker_titles"]),
        honorifics=frozenset(data["honorifics"]),
        affiliation_prepositions=frozenset(data["affiliation_prepositions"]),
        via_res=_via_patterns(data),
        indirect_verbs=frozenset(data["indirect_verbs"]),
        min_statement_words=int(data["min_statement_words"]),
        claim_prefilter=re.compile(data["claim_prefilter"], re.IGNORECASE),
        claim_verbs=frozenset(data["claim_verbs"]),
        claim_notice_verbs=frozenset(data["claim_notice_verbs"]),
        perpetration_verbs=frozenset(data["perpetration_verbs"]),
        claim_report_verbs=frozenset(data["claim_report_verbs"]),
        negators=frozenset(data["negators"]),
        collective_claimants=frozenset(data["collective_claimants"]),
        speaker_nouns=frozenset(data["speaker_nouns"] + data["role_heads"]),
    )


def _via_patterns(data: dict) -> tuple[tuple[re.Pattern, re.Pattern], ...]:
    """The outlet-chain patterns, ``{outlet}`` expanded (names case-sensitive, common nouns not)."""

    def either(words: list[str]) -> str:
        return "|".join(re.escape(word).replace(r"\ ", " ") for word in sorted(words, key=len, reverse=True))

    described = (
        r"(?:(?:the|a|an) )?(?:[\w.-]+(?:'s|’s) )?(?:[A-Z][\w.-]* ){0,3}?"
        rf"(?i:(?:(?:{either(data['outlet_modifiers'])}) )?(?:{either(data['outlet_nouns'])}))\b"
        r"(?: [A-Z][\w-]*){0,2}"
    )
    outlet = rf"(?:(?:the )?(?:{either(data['outlets'])})\b|{described})"
    return tuple(
        (re.compile(via["trigger"]), re.compile(via["pattern"].replace("{outlet}", outlet)))
        for via in data["via_patterns"]
    )


@dataclass(frozen=True)
class QuoteSpan:
    """Where a quote is: its text (``start:end``) and its marks (``outer_start:outer_end``)."""

    start: int  # the quote's text, without marks and edge punctuation
    end: int
    outer_start: int  # the marks included
    outer_end: int
    paragraph: int


@dataclass(frozen=True)
class Speaker:
    """Who a reporting verb's subject is: the name and, where the text states them, role and affiliation."""

    name: str
    start: int = -1  # char span of the mention naming the speaker; -1 when resolved from an earlier one
    end: int = -1
    role: str = ""
    affiliation: str = ""


class QuoteExtractor:
    """spaCy components ``eventwire_quotes_v1`` (direct quotes) and ``eventwire_quotes_v2`` (direct
    quotes, indirect attributions and claims of responsibility): write ``doc._.ew_quotes``."""

    def __init__(
        self, nlp: Language, name: str, *, data_path: str | Path | None = None, attributions: bool = False
    ) -> None:
        self.name = name
        self.attributions = attributions
        self.lexicon = load_lexicon(data_path or DATA_PATH)

    def initialize(
        self, get_examples=None, *, nlp: Language | None = None, data_path: str | Path | None = None
    ) -> None:
        self.lexicon = load_lexicon(data_path or DATA_PATH)

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_quotes = extract_quotes(doc, lexicon=self.lexicon, attributions=self.attributions)
        return doc


def extract_quotes(doc: Doc, *, lexicon: QuoteLexicon | None = None, attributions: bool = False) -> list[Quote]:
    """The attributed direct quotes of a parsed doc (and, with ``attributions``, its indirect
    attributions and claims of responsibility: :mod:`eventwire.nlp.attributions`), in text order."""
    lexicon = lexicon or load_lexicon()
    text = doc_text(doc)  # rebuilt on every access: read it once
    spans = find_quote_spans(text, min_words=lexicon.min_quote_words)
    if not spans and not attributions:
        return []
    finder = SpeakerFinder(doc, text, spans, lexicon)
    quotes = direct_quotes(finder, spans)
    if attributions:
        from eventwire.nlp.attributions import find_attributions  # imports this module

        quotes = sorted(quotes + find_attributions(finder, quotes), key=lambda quote: (quote.start, quote.end))
    return quotes


def direct_quotes(finder: SpeakerFinder, spans: list[QuoteSpan]) -> list[Quote]:
    """The quotes of ``spans`` whose speaker ``finder`` can name, with role, affiliation and outlet."""
    article_id, text = finder.doc._.ew_article_id, finder.text
    quotes: list[Quote] = []
    previous: tuple[QuoteSpan, Quote] | None = None
    for span in spans:
        found = finder.attribute(span)
        quote_text = text[span.start : span.end]
        if found is not None:
            speaker, verb = found
            via = finder.via(verb, speaker)
            profile = finder.profile(speaker)
            quote = Quote(
                article_id, speaker.name, quote_text, span.start, span.end, finder.verb_text(verb),
                role=profile.role, affiliation=profile.affiliation, via=via,
                speaker_start=speaker.start, speaker_end=speaker.end,
            )  # fmt: skip
        elif previous is not None and finder.opens_paragraph(span) and span.paragraph - previous[0].paragraph <= 1:
            carried = previous[1]  # a quote that goes on in the next paragraph: same speaker, no mention
            quote = Quote(
                article_id, carried.speaker, quote_text, span.start, span.end, carried.verb,
                role=carried.role, affiliation=carried.affiliation, via=carried.via,
            )  # fmt: skip
        else:
            continue
        quotes.append(quote)
        previous = (span, quote)
    return quotes


def find_quote_spans(text: str, *, min_words: int = 2) -> list[QuoteSpan]:
    """Quoted stretches of ``text`` with at least ``min_words`` words, in text order.

    Marks pair up inside a paragraph whatever their style (“mixed" typography is common in
    scraped copy); a quote left open at the end of a paragraph runs to its end.
    """
    spans: list[QuoteSpan] = []
    for number, (first, last) in enumerate(paragraph_bounds(text)):
        opened = None
        for mark in QUOTE_MARK_RE.finditer(text, first, last):
            char, at = mark.group(), mark.start()
            if opened is None:
                if char not in CLOSING_MARKS:
                    opened = at
            elif char in CLOSING_MARKS or char == STRAIGHT_MARK:
                _add_span(spans, text, opened, at, at + 1, number, min_words)
                opened = None
            else:  # a new opening mark: the previous quote was never closed
                _add_span(spans, text, opened, at, at, number, min_words)
                opened = at
        if opened is not None:
            _add_span(spans, text, opened, last, last, number, min_words)
    return spans


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the paragraphs of ``text``."""
    separator = BLANK_LINE_RE if BLANK_LINE_RE.search(text) else LINE_BREAK_RE
    bounds, first = [], 0
    for gap in separator.finditer(text):
        bounds.append((first, gap.start()))
        first = gap.end()
    bounds.append((first, len(text)))
    return bounds


def _add_span(
    spans: list[QuoteSpan], text: str, opened: int, closed: int, outer_end: int, paragraph: int, min_words: int
) -> None:
    inner = text[opened + 1 : closed]
    stripped = inner.strip(EDGE_PUNCTUATION)
    if len(WORD_RE.findall(stripped)) < min_words:
        return
    start = opened + 1 + len(inner) - len(inner.lstrip(EDGE_PUNCTUATION))
    spans.append(QuoteSpan(start, start + len(stripped), opened, outer_end, paragraph))


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
        self.named_speakers: list[tuple[int, str]] = []  # (char offset, name) of speakers found by name
        self.profiles: dict[str, Speaker] = {}  # name -> the role/affiliation stated at its first mention
        self.name_words: dict[str, list[str]] = {}  # mention text -> its name words (titles dropped)

    def _is_reporting(self, token: Token) -> bool:
        if token.lemma_.lower() == "accord":
            return token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to"
        return token.pos_ in ("VERB", "AUX")

    def opens_paragraph(self, span: QuoteSpan) -> bool:
        return span.outer_start == self.paragraphs[span.paragraph][0]

    # ---- choosing the reporting verb -------------------------------------------------

    def attribute(self, span: QuoteSpan) -> tuple[Speaker, Token] | None:
        for verb in self._candidate_verbs(span):
            speaker = self.speaker_of_verb(verb)
            if speaker:
                return speaker, verb
        return None

    @staticmethod
    def verb_text(verb: Token) -> str:
        return "according to" if verb.lemma_.lower() == "accord" else verb.lower_

    def _candidate_verbs(self, span: QuoteSpan) -> list[Token]:
        quote = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if quote is None or not len(quote):
            return []
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
        return unique

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
        if verb.dep_ in self.lexicon.inherit_subject_deps and verb.head is not verb and depth < 3:
            return self._subject(verb.head, depth=depth + 1)
        return self._adjacent_person(verb)

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

    def _speaker_of_token(self, token: Token) -> tuple[str | None, tuple[int, int] | None] | None:
        person = self._person_at(token)
        if person is not None:
            return self._remember(token, self.full_name(person)), (person.start, person.end)
        if token.lower_ in self.lexicon.pronouns:
            return self.last_person_before(token.idx), None
        if token.lower_ in self.lexicon.neuter_pronouns:
            return self.last_organisation_before(token.idx), None
        if token.pos_ == "PRON":
            return None
        # "the governor, Amina Sow, said"; "a spokesman for the CMA, Hamada Ag Elmehdi, said"
        for other in self._appositions(token) if token.pos_ in ("NOUN", "PROPN") else ():
            person = self._person_at(other)
            if person is not None:
                return self._remember(token, self.full_name(person)), (person.start, person.end)
            if token.pos_ == "NOUN" and other.pos_ == "PROPN" and other.ent_type_ in NAME_LIKE_LABELS:
                phrase = self._noun_phrase_bounds(other)
                return self._remember(token, self.full_name(self._noun_phrase(other))), phrase
        if token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.text.islower():  # "the minister": PROPN
            if self._is_anaphoric_role(token):  # "the official said": the official named before
                name = self.last_person_before(token.idx)
                if name:
                    if self.profile(Speaker(name)).role == "":  # no role stated before: the anaphor's own
                        self.profiles[name] = Speaker(name, role=self._noun_phrase(token).lower())
                    return self._remember(token, name), None
            return self._noun_phrase(token), self._noun_phrase_bounds(token)
        if token.ent_type_ in NAMED_LABELS:
            entity = next(ent for ent in self.ents if ent.start <= token.i < ent.end)
            name = self.full_name(entity.text)
            if len(name.split()) > len(self._name_words(entity.text)):
                return self._remember(token, name), (entity.start, entity.end)  # a surname tagged ORG: "Lukusa said"
            return _strip_article(entity.text), (entity.start, entity.end)
        if token.pos_ == "PROPN":
            return self._remember(token, self.full_name(self._noun_phrase(token))), self._noun_phrase_bounds(token)
        return None

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
        found += [
            word
            for word in token.subtree
            if word.dep_ == "appos" and word not in found and not self.inside[word.i] and word.i > token.i
        ]
        return found

    def _person_at(self, token: Token) -> Span | None:
        if token.ent_type_ != "PERSON":
            return None
        return next((ent for ent in self.persons if ent.start <= token.i < ent.end), None)

    def _noun_phrase(self, token: Token) -> str:
        start, end = self._noun_phrase_bounds(token)
        words = [word for word in self.doc[start:end] if word.pos_ not in ("DET", "PUNCT", "PART")]
        return POSSESSIVE_RE.sub("", " ".join(word.text for word in words))

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

    def _is_anaphoric_role(self, token: Token) -> bool:
        if token.lemma_.lower() not in self.lexicon.anaphoric_roles:
            return False
        return any(child.dep_ == "det" and child.lower_ == "the" for child in token.children)

    def last_person_before(self, offset: int) -> str | None:
        """The last person before ``offset`` who was a subject or a speaker, else the last one mentioned."""
        salient = [(ent.start_char, ent) for ent in self.persons if ent.start_char < offset and self._is_salient(ent)]
        named = [(at, name) for at, name in self.named_speakers if at < offset]
        if salient or named:
            at_ent = max(salient, key=lambda item: item[0]) if salient else (-1, None)
            at_name = max(named) if named else (-1, "")
            return self.full_name(at_ent[1]) if at_ent[0] > at_name[0] else at_name[1]
        mentions = [ent for ent in self.persons if ent.start_char < offset]
        return self.full_name(mentions[-1]) if mentions else None

    def _is_salient(self, ent: Span) -> bool:
        root = ent.root
        if root.dep_ == "appos":
            root = root.head
        if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
            return True
        return root.dep_ in self.lexicon.subject_deps

    def last_organisation_before(self, offset: int) -> str | None:
        """The last organisation mentioned before ``offset`` (for "it said")."""
        organisations = [
            ent
            for ent in self.ents
            if ent.label_ == "ORG" and ent.start_char < offset and not self.inside[ent.start]
        ]
        return _strip_article(organisations[-1].text) if organisations else None


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", POSSESSIVE_RE.sub("", text.strip()), flags=re.IGNORECASE)


@functools.cache
def _lemma_hashes(lemmas: frozenset[str]) -> numpy.ndarray:
    """The sorted string-store hashes of ``lemmas`` (and their capitalised forms, as a lemma may be)."""
    strings = StringStore()
    hashes = {strings[form] for lemma in lemmas for form in (lemma, lemma.capitalize())}
    return numpy.array(sorted(hashes), dtype=numpy.uint64)


# ---- role and affiliation ------------------------------------------------------------------


def describe(finder: SpeakerFinder, first: int, last: int) -> tuple[str, str]:
    """(role, affiliation) stated around the mention ``doc[first:last]``, ("", "") when none.

    Read from an appositive after it (", the governor of Badghis province,"), else from a
    title before it ("Iran's Foreign Minister", "the governor of the province, ..."), else,
    for a noun-phrase speaker, from the phrase itself ("a spokesman for the ministry").
    """
    doc, lexicon = finder.doc, finder.lexicon
    sent_start, sent_end = doc[first].sent.start, doc[last - 1].sent.end
    if sent_start == first > 0 and doc[first - 1].text not in SENTENCE_END_TOKENS and not doc[first - 1].is_space:
        sent_start = doc[first - 1].sent.start  # a parse that broke the sentence before the name
    # appositive: ", the governor of Badghis province,"
    if last < sent_end and doc[last].text == ",":
        words = []
        for i in range(last + 1, min(last + 1 + APPOSITIVE_WINDOW, sent_end)):
            token = doc[i]
            if token.text in PHRASE_STOPS or finder.inside[i] or token.pos_ in ("VERB", "AUX", "PRON"):
                break
            words.append(token)
        found = _role_phrase(words, lexicon)
        if found[0]:
            return found
    # title: "Iran's Foreign Minister Mohammad Javad Zarif", "the governor, Amina Sow"
    if doc[last - 1].ent_type_ != "PERSON" and doc[last - 1].lemma_.lower() not in lexicon.role_heads:
        return _own_role(finder, first, last)
    inner = first
    while (
        doc[last - 1].ent_type_ == "PERSON"
        and inner < last - 1
        and doc[inner].lower_.rstrip(".") in lexicon.role_words | lexicon.honorifics
    ):
        inner += 1  # a title the NER put inside the name
    words = list(doc[first:inner])
    i = first - 1
    if i > sent_start and doc[i].text == ",":
        i -= 1
    while i >= sent_start and first - i <= TITLE_WINDOW:
        token = doc[i]
        if token.text == ")" and i - 4 > sent_start and "(" in [word.text for word in doc[i - 4 : i]]:
            while doc[i].text != "(":  # an acronym in brackets: "Inspector General (IG) Amina Sow"
                i -= 1
            i -= 1
            continue
        if finder.inside[i] or not (
            token.pos_ in ("PROPN", "NOUN", "ADJ") or token.tag_ == "POS" or token.lower_ == "of"
        ):
            break
        words.insert(0, token)
        i -= 1
    found = _role_phrase(words, lexicon)
    if found[0]:
        return found
    return _own_role(finder, first, last)


def _own_role(finder: SpeakerFinder, first: int, last: int) -> tuple[str, str]:
    """A noun-phrase speaker's own role: "a police spokesman", "a spokesman for the Interior Ministry"."""
    doc, lexicon = finder.doc, finder.lexicon
    head = doc[last - 1]
    if head.lemma_.lower() in lexicon.role_heads:
        words = list(doc[first:last])
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in lexicon.affiliation_prepositions:
                words += list(doc[child.i : child.right_edge.i + 1])
                break
        return _role_phrase(words, lexicon)
    return "", ""


def _role_phrase(words: list[Token], lexicon: QuoteLexicon) -> tuple[str, str]:
    """Split a title phrase into (role, affiliation): "Iran's foreign minister" -> ("foreign minister", "Iran")."""
    while words and (words[0].pos_ == "DET" or words[0].lower_.rstrip(".") in lexicon.honorifics):
        words = words[1:]
    preposition = next(
        (n for n, word in enumerate(words) if word.lower_ in lexicon.affiliation_prepositions), len(words)
    )
    head = preposition - 1  # the role noun ends the title: "foreign minister", "the governor of ..."
    if head < 0 or words[head].lemma_.lower() not in lexicon.role_heads:
        return "", ""
    before, after = words[:head], words[preposition + 1 :]
    affiliation = ""
    possessive = [n for n, word in enumerate(before) if word.tag_ == "POS"]
    if possessive:
        owner = before[: possessive[-1]]
        affiliation = _words_text(owner)
        before = before[possessive[-1] + 1 :]
    else:
        named = 0
        while named < len(before) and before[named].ent_type_ in ("GPE", "NORP", "ORG", "LOC"):
            named += 1
        if named and not all(word.lower_ in lexicon.role_words for word in before[:named]):
            affiliation = _words_text(before[:named])
            before = before[named:]
    if after:
        affiliation = _words_text(after)
    role_words = [word for word in before + [words[head]] if word.tag_ != "POS"]
    return " ".join(word.lower_ for word in role_words), affiliation


def _words_text(words: list[Token]) -> str:
    """The text of consecutive tokens as written (spacing kept), possessive dropped."""
    cut = next((n for n, word in enumerate(words) if word.text in PHRASE_STOPS or word.pos_ in ("VERB", "PRON")), None)
    words = words[:cut][:AFFILIATION_WORDS]
    if not words:
        return ""
    doc = words[0].doc
    return POSSESSIVE_RE.sub("", doc[words[0].i : words[-1].i + 1].text)
