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
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
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
    )


@dataclass(frozen=True)
class QuoteSpan:
    """Where a quote is: its text (``start:end``) and its marks (``outer_start:outer_end``)."""

    start: int  # the quote's text, without marks and edge punctuation
    end: int
    outer_start: int  # the marks included
    outer_end: int
    paragraph: int


class QuoteExtractor:
    """spaCy component ``eventwire_quotes_v1``: writes ``doc._.ew_quotes``."""

    def __init__(self, nlp: Language, name: str, *, data_path: str | Path | None = None) -> None:
        self.name = name
        self.lexicon = load_lexicon(data_path or DATA_PATH)

    def initialize(
        self, get_examples=None, *, nlp: Language | None = None, data_path: str | Path | None = None
    ) -> None:
        self.lexicon = load_lexicon(data_path or DATA_PATH)

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_quotes = extract_quotes(doc, lexicon=self.lexicon)
        return doc


def extract_quotes(doc: Doc, *, lexicon: QuoteLexicon | None = None) -> list[Quote]:
    """The attributed direct quotes of a parsed doc, in text order."""
    lexicon = lexicon or load_lexicon()
    text = doc_text(doc)  # rebuilt on every access: read it once
    spans = find_quote_spans(text, min_words=lexicon.min_quote_words)
    if not spans:
        return []
    finder = _SpeakerFinder(doc, text, spans, lexicon)
    quotes: list[Quote] = []
    previous: tuple[QuoteSpan, str, str] | None = None
    for span in spans:
        found = finder.attribute(span)
        if found is None and previous is not None and finder.opens_paragraph(span):
            if span.paragraph - previous[0].paragraph <= 1:
                found = (previous[1], previous[2])
        if found is None:
            continue
        speaker, verb = found
        quotes.append(Quote(doc._.ew_article_id, speaker, text[span.start : span.end], span.start, span.end, verb))
        previous = (span, speaker, verb)
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


class _SpeakerFinder:
    """Per-doc lookups for attributing quotes (built once per doc)."""

    def __init__(self, doc: Doc, text: str, spans: list[QuoteSpan], lexicon: QuoteLexicon) -> None:
        self.doc = doc
        self.text = text
        self.lexicon = lexicon
        self.inside = [False] * len(doc)
        for span in spans:
            for token in doc.char_span(span.outer_start, span.outer_end, alignment_mode="expand") or ():
                self.inside[token.i] = True
        self.paragraphs = paragraph_bounds(text)
        self.paragraph_of = self._paragraph_of_tokens()
        self.persons = [ent for ent in doc.ents if ent.label_ == "PERSON" and not self.inside[ent.start]]
        self.verbs = [
            token
            for token in doc
            if not self.inside[token.i]
            and token.lemma_.lower() in lexicon.reporting_verbs
            and self._is_reporting(token)
        ]
        self.named_speakers: list[tuple[int, str]] = []  # (char offset, name) of speakers found by name

    def _paragraph_of_tokens(self) -> list[int]:
        starts = [first for first, _ in self.paragraphs]
        return [bisect.bisect_right(starts, token.idx) - 1 for token in self.doc]

    def _is_reporting(self, token: Token) -> bool:
        if token.lemma_.lower() == "accord":
            return token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to"
        return token.pos_ in ("VERB", "AUX")

    def opens_paragraph(self, span: QuoteSpan) -> bool:
        return span.outer_start == self.paragraphs[span.paragraph][0]

    # ---- choosing the reporting verb -------------------------------------------------

    def attribute(self, span: QuoteSpan) -> tuple[str, str] | None:
        for verb in self._candidate_verbs(span):
            speaker = self._speaker_of_verb(verb)
            if speaker:
                return speaker, "according to" if verb.lemma_.lower() == "accord" else verb.lower_
        return None

    def _candidate_verbs(self, span: QuoteSpan) -> list[Token]:
        quote = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if quote is None or not len(quote):
            return []
        in_paragraph = [verb for verb in self.verbs if self.paragraph_of[verb.i] == span.paragraph]
        verb_ids = {verb.i for verb in in_paragraph}
        hops: dict[int, int] = {}
        for token in quote:
            for distance, ancestor in enumerate(token.ancestors, start=1):
                if ancestor.i in verb_ids:
                    hops[ancestor.i] = min(distance, hops.get(ancestor.i, distance))
        ranked = sorted((distance, verb_i) for verb_i, distance in hops.items())
        candidates = [self.doc[verb_i] for _, verb_i in ranked]
        sentences = {token.sent.start for token in quote}
        in_sentence = [verb for verb in in_paragraph if verb.sent.start in sentences]
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

    def _speaker_of_verb(self, verb: Token) -> str | None:
        subject = self._subject(verb, depth=0)
        if subject is None:
            return None
        return self._speaker_of_token(subject)

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

    def _speaker_of_token(self, token: Token) -> str | None:
        person = self._person_at(token)
        if person is not None:
            return self._remember(token, self.full_name(person))
        if token.lower_ in self.lexicon.pronouns:
            return self.last_person_before(token.idx)
        if token.lower_ in self.lexicon.neuter_pronouns:
            return self.last_organisation_before(token.idx)
        if token.pos_ == "PRON":
            return None
        # "the governor, Amina Sow, said"; "a spokesman for the CMA, Hamada Ag Elmehdi, said"
        for other in self._appositions(token) if token.pos_ in ("NOUN", "PROPN") else ():
            person = self._person_at(other)
            if person is not None:
                return self._remember(token, self.full_name(person))
            if token.pos_ == "NOUN" and other.pos_ == "PROPN" and other.ent_type_ in NAME_LIKE_LABELS:
                return self._remember(token, self.full_name(self._noun_phrase(other)))
        if token.pos_ == "NOUN":
            if self._is_anaphoric_role(token):  # "the official said": the official named before
                name = self.last_person_before(token.idx)
                return self._remember(token, name) if name else self._noun_phrase(token)
            return self._noun_phrase(token)
        if token.ent_type_ in NAMED_LABELS:
            entity = next(ent.text for ent in self.doc.ents if ent.start <= token.i < ent.end)
            name = self.full_name(entity)
            if len(name.split()) > len(self._name_words(entity)):
                return self._remember(token, name)  # a surname tagged ORG/GPE: "Lukusa said"
            return _strip_article(entity)
        if token.pos_ == "PROPN":
            return self._remember(token, self.full_name(self._noun_phrase(token)))
        return None

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
        left = [child for child in token.lefts if child.dep_ in NOUN_PHRASE_DEPS and child.pos_ != "DET"]
        start = min([token.i] + [child.left_edge.i for child in left])
        words = [word for word in self.doc[start : token.i + 1] if word.pos_ not in ("DET", "PUNCT", "PART")]
        return POSSESSIVE_RE.sub("", " ".join(word.text for word in words))

    def _remember(self, token: Token, name: str) -> str:
        self.named_speakers.append((token.idx, name))
        return name

    # ---- names -----------------------------------------------------------------------

    def _name_words(self, text: str) -> list[str]:
        words = POSSESSIVE_RE.sub("", text.strip()).split()
        while len(words) > 1 and words[0].lower().rstrip(".") in self.lexicon.speaker_titles:
            words = words[1:]
        return words

    def full_name(self, mention: Span | str) -> str:
        """The fullest PERSON name in the doc ending with (or containing) this mention's name."""
        words = self._name_words(mention if isinstance(mention, str) else mention.text)
        if not words:
            return mention if isinstance(mention, str) else mention.text
        best = words
        known = [person.text for person in self.persons] + [name for _, name in self.named_speakers]
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
            for ent in self.doc.ents
            if ent.label_ == "ORG" and ent.start_char < offset and not self.inside[ent.start]
        ]
        return _strip_article(organisations[-1].text) if organisations else None


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", POSSESSIVE_RE.sub("", text.strip()), flags=re.IGNORECASE)
