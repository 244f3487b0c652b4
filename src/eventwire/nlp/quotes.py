"""Direct quotes and who said them: ``doc._.ew_quotes`` (a list of ``eventwire.types.Quote``).

A quote is text between “curly” or "straight" double quotes, inside one paragraph (an
unclosed quote runs to the paragraph's end, the wire convention for quotes that go on in
the next paragraph). Its speaker comes from the reporting verb it hangs on ("said",
"asked", "warned", "according to", ... : ``data/quotes.json``), tried in this order:

1. a reporting verb that governs the quote in the parse (fewest hops first);
2. the nearest reporting verb in the quote's sentence;
3. for a quote that is a sentence of its own, the nearest reporting verb in its paragraph;
4. a quote that opens a paragraph with no verb of its own keeps the previous quote's speaker
   (the previous quote is in the paragraph before, or was left open with one paragraph
   between that neither quotes nor reports: a "Read also" link dropped into the copy).

Who said it is the work of :mod:`eventwire.nlp.speakers` (verb -> subject -> speaker),
:mod:`eventwire.nlp.referents` (pronouns, role nouns and documents -> whom they stand for) and
:mod:`eventwire.nlp.roles` (role and affiliation). Quotes shorter than ``min_quote_words``
words (scare quotes: the “failure”) are skipped unless a verb of naming makes them its
subject's words ("called the charge “baseless”": :func:`named_words`), and so are quotes
whose speaker cannot be found.

Each quote also gets, where the text states them, the speaker's ``role`` and ``affiliation``
(from an appositive after the name, a title before it, a predicate, or a noun-phrase speaker's
own words, kept from the first mention that states them: :func:`eventwire.nlp.roles.describe`),
the outlet chain ``via`` ("according to state media", "told the Associated Press":
``via_patterns``) and the span of the mention naming the speaker (``speaker_start``/
``speaker_end``, -1 for a pronoun, a role noun or a document resolved to an earlier mention, or
a speaker carried over). ``eventwire_quotes_v2`` adds the indirect attributions and claims of
:mod:`eventwire.nlp.attributions`. See docs/quotes.md.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.extensions import doc_text
from eventwire.nlp.paragraphs import paragraph_bounds
from eventwire.nlp.speakers import Speaker, SpeakerFinder
from eventwire.types import Quote

__all__ = [
    "QuoteExtractor", "QuoteLexicon", "QuoteSpan", "Speaker", "SpeakerFinder", "direct_quotes",
    "extract_quotes", "find_quote_spans", "load_lexicon", "paragraph_bounds",
]  # fmt: skip

DATA_PATH = Path(__file__).parent / "data" / "quotes.json"
STRAIGHT_MARK = '"'
CLOSING_MARKS = "”»"
QUOTE_MARK_RE = re.compile(r'[“”«»„"]')
WORD_RE = re.compile(r"\w+", re.UNICODE)
NAMING_HOPS = 3  # "called [the charge] [a] “baseless” [accusation]": the word's head, its head, the verb
# Stripped from both ends of a quote's text: the quote excludes its own closing punctuation.
EDGE_PUNCTUATION = " \t\n,.;:!?…-–—'‘’"


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
    ranks: frozenset[str]  # "colonel": after a role noun, a form of address ("army spokesman Colonel ...")
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
    generic_roles: frozenset[str]  # "the official": any office-holder named before
    anaphoric_bodies: frozenset[str]  # "the group said": the last organisation named before
    body_nouns: frozenset[str]  # "the ministry", "the police": bodies, the antecedents of "it"
    document_nouns: frozenset[str]  # "the statement": speaks for whoever issued it
    issuing_verbs: frozenset[str]  # "the police issued a statement": the police issued it
    naming_verbs: frozenset[str]  # "called it “baseless”": a short quote is the subject's word
    non_speaker_nouns: frozenset[str]  # "the attack", "the town": never a speaker


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
        ranks=frozenset(data["ranks"]),
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
        generic_roles=frozenset(data["generic_roles"]),
        anaphoric_bodies=frozenset(data["anaphoric_bodies"]),
        body_nouns=frozenset(data["body_nouns"]),
        document_nouns=frozenset(data["document_nouns"]),
        issuing_verbs=frozenset(data["issuing_verbs"]),
        naming_verbs=frozenset(data["naming_verbs"]),
        non_speaker_nouns=frozenset(data["non_speaker_nouns"]),
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
    runs_on: bool = False  # left open at the end of its paragraph: it goes on in a later one


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
    every = find_quote_spans(text, min_words=1)
    spans = [span for span in every if len(WORD_RE.findall(text[span.start : span.end])) >= lexicon.min_quote_words]
    if not every and not attributions:
        return []
    finder = SpeakerFinder(doc, text, spans, lexicon)
    quotes = direct_quotes(finder, spans)
    if len(spans) < len(every):
        shorter = [span for span in every if span not in spans]
        quotes = sorted(quotes + named_words(finder, shorter), key=lambda quote: (quote.start, quote.end))
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
        elif previous is not None and finder.opens_paragraph(span) and _goes_on(finder, previous[0], span):
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


def named_words(finder: SpeakerFinder, spans: list[QuoteSpan]) -> list[Quote]:
    """Quotes too short to stand alone that a verb of naming makes its subject's words: "X called
    the charge “baseless”", "X described the attack as “complex”" (``naming_verbs``; the verb
    governs the quoted word within ``NAMING_HOPS`` hops). A short quote anywhere else is a scare
    quote or a title (the “failure”, the “Hallelujah” chorus)."""
    article_id, quotes = finder.doc._.ew_article_id, []
    for span in spans:
        words = finder.doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None or not len(words):
            continue
        ancestors = list(words.root.ancestors)[:NAMING_HOPS]
        verb = next((word for word in ancestors if word.lemma_.lower() in finder.lexicon.naming_verbs), None)
        if verb is None or finder.inside[verb.i] or verb.pos_ not in ("VERB", "AUX"):
            continue
        speaker = finder.speaker_of_verb(verb)
        if speaker is None:
            continue
        profile = finder.profile(speaker)
        quotes.append(
            Quote(
                article_id, speaker.name, finder.text[span.start : span.end], span.start, span.end, verb.lower_,
                role=profile.role, affiliation=profile.affiliation, via=finder.via(verb, speaker),
                speaker_start=speaker.start, speaker_end=speaker.end,
            )  # fmt: skip
        )
    return quotes


def _goes_on(finder: SpeakerFinder, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """Whether a quote opening a paragraph with no reporting verb goes on from ``previous``: it
    is in the next paragraph, or, ``previous`` left open (the wire convention for a quote that
    goes on), two paragraphs on with one between that neither quotes nor reports (a "Read also"
    link or a photo caption dropped into the copy)."""
    gap = span.paragraph - previous.paragraph
    if gap <= 1:
        return True
    between = previous.paragraph + 1
    return gap == 2 and previous.runs_on and not finder.reports_in(between)


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
            _add_span(spans, text, opened, last, last, number, min_words, runs_on=True)
    return spans


def _add_span(
    spans: list[QuoteSpan], text: str, opened: int, closed: int, outer_end: int, paragraph: int, min_words: int,
    *, runs_on: bool = False,
) -> None:
    inner = text[opened + 1 : closed]
    stripped = inner.strip(EDGE_PUNCTUATION)
    if len(WORD_RE.findall(stripped)) < min_words:
        return
    start = opened + 1 + len(inner) - len(inner.lstrip(EDGE_PUNCTUATION))
    spans.append(QuoteSpan(start, start + len(stripped), opened, outer_end, paragraph, runs_on))
