"""Verification cues: ``doc._.ew_cues`` (a list of ``eventwire.types.VerificationCue``).

A cue is a phrase saying that what the text reports is not checked: "could not be
independently verified", "could not immediately be confirmed", "unconfirmed reports",
"purported to show", "reportedly", "disputed" (lexicon: ``data/verification.json``).
Its kind is one of ``KINDS``:

- ``unverified``: the reporter could not check it ("could not be independently verified");
- ``unconfirmed``: nobody has confirmed it, it is only reported ("unconfirmed", "reportedly");
- ``purported``: it is claimed or said to be so ("purportedly showing", "allegedly");
- ``disputed``: another party contests it ("disputed", "denied the claims").

A cue covers its own sentence. A cue sentence that refers back ("The claim could not be
independently verified.", "It could not be confirmed.", "... could not verify the figures")
covers the sentence before it as well. Every quote of ``doc._.ew_quotes`` that lies inside a
covered span gets ``unverified=True``, so this component runs after ``ew_quotes``.

One regex search over the text skips docs without any cue; sentences are read only for docs
that have one.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.extensions import doc_list, doc_text
from eventwire.types import VerificationCue

DATA_PATH = Path(__file__).parent / "data" / "verification.json"
KINDS = ("unverified", "unconfirmed", "purported", "disputed")
TRAILING_SPACE = " \t\n\r"
CUE_REACH = 60  # chars around a prefilter hit searched for a whole cue ("could not ... be independently ...")


@dataclass(frozen=True)
class CueLexicon:
    prefilter: re.Pattern  # lowercase stems, searched in the lowercased text: where a cue may be
    pattern: re.Pattern  # every cue, one named group per lexicon entry: ``c<n>``
    kinds: tuple[str, ...]  # kind of cue n
    refers_back: tuple[bool, ...]  # whether cue n may cover the sentence before
    back_subject: re.Pattern  # the words before the cue name what was said before: "The claim ", "It "
    back_object: re.Pattern  # the words after the cue do: "(could not verify) the figures."


@functools.cache
def load_lexicon(path: str | Path = DATA_PATH) -> CueLexicon:
    """The cue lexicon, read once per process and path."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    kinds, refers_back, groups = [], [], []
    for n, cue in enumerate(data["cues"]):
        if cue["kind"] not in KINDS:
            raise ValueError(f"{path}: cue {n} has kind {cue['kind']!r}, not one of {', '.join(KINDS)}")
        kinds.append(cue["kind"])
        refers_back.append(bool(cue["refers_back"]))
        groups.append(f"(?P<c{n}>{_loose(cue['pattern'])})")
    nouns = "|".join(_loose(re.escape(noun)) for noun in sorted(data["back_reference_nouns"], key=len, reverse=True))
    openers = "|".join(_loose(re.escape(word)) for word in data["back_reference_openers"])
    pronouns = "|".join(re.escape(word) for word in data["back_reference_pronouns"])
    pronouns = rf"(?:{pronouns})\b"
    return CueLexicon(
        prefilter=re.compile(data["prefilter"]),
        pattern=re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE),
        kinds=tuple(kinds),
        refers_back=tuple(refers_back),
        back_subject=re.compile(
            rf"^\W*(?:(?:{openers})\s+(?:[\w'’-]+\s+){{0,2}}?(?:{nouns})|{pronouns})(?:\s+[\w'’-]+){{0,2}}\s*$",
            re.IGNORECASE,
        ),
        back_object=re.compile(
            rf"^\s+(?:{openers})\s+(?:[\w'’-]+\s+){{0,2}}?(?:{nouns})(?:\s+[\w'’-]+)?\W*$", re.IGNORECASE
        ),
    )


def _loose(pattern: str) -> str:
    """Any run of whitespace for a space, a curly apostrophe for a straight one."""
    return pattern.replace(" ", r"\s+").replace("'", "['’]")


class VerificationCueFinder:
    """spaCy component ``eventwire_verification_v1``: writes ``doc._.ew_cues`` and marks quotes."""

    def __init__(self, nlp: Language, name: str, *, data_path: str | Path | None = None) -> None:
        self.name = name
        self.lexicon = load_lexicon(data_path or DATA_PATH)

    def initialize(
        self, get_examples=None, *, nlp: Language | None = None, data_path: str | Path | None = None
    ) -> None:
        self.lexicon = load_lexicon(data_path or DATA_PATH)

    def __call__(self, doc: Doc) -> Doc:
        cues = find_cues(doc, lexicon=self.lexicon)
        doc._.ew_cues = cues
        if cues:
            mark_unverified(doc_list(doc, "ew_quotes"), cues)
        return doc


def find_cues(doc: Doc, *, lexicon: CueLexicon | None = None) -> list[VerificationCue]:
    """The verification cues of a parsed doc, in text order."""
    lexicon = lexicon or load_lexicon()
    text = doc_text(doc)
    matches, searched_to = [], 0
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): offsets would shift
        lowered = "".join(char.lower()[0] for char in text)
    for hint in lexicon.prefilter.finditer(lowered):
        if hint.end() <= searched_to:
            continue
        first = max(hint.start() - CUE_REACH, searched_to)
        searched_to = min(hint.end() + CUE_REACH, len(text))
        matches += lexicon.pattern.finditer(text, first, searched_to)
    if not matches:
        return []
    matches = [match for n, match in enumerate(matches) if n == 0 or match.start() >= matches[n - 1].end()]
    sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
    starts = [first for first, _ in sentences]
    cues = []
    for match in matches:
        n = int(match.lastgroup[1:])
        at = max(bisect.bisect_right(starts, match.start()) - 1, 0)
        first, last = sentences[at]
        last = first + len(text[first:last].rstrip(TRAILING_SPACE))
        covers_start = first
        before, after = text[first : match.start()], text[match.end() : last]
        if lexicon.refers_back[n] and at > 0 and _refers_back(before, after, lexicon):
            covers_start = sentences[at - 1][0]
        cues.append(
            VerificationCue(match.start(), match.end(), match.group(), lexicon.kinds[n], covers_start, last)
        )
    return cues


def _refers_back(before: str, after: str, lexicon: CueLexicon) -> bool:
    """Whether the cue's subject or object is what was said before: "The claim | could not be verified",
    "It | could not be confirmed", "Reuters could not verify | the figures." (``before``/``after``: the
    words of the cue's sentence before and after it)."""
    return bool(lexicon.back_subject.match(before) or lexicon.back_object.match(after))


def mark_unverified(quotes: list, cues: list[VerificationCue]) -> None:
    """Set ``unverified`` on every quote that lies inside a span a cue covers."""
    for quote in quotes:
        if any(cue.covers_start <= quote.start and quote.end <= cue.covers_end for cue in cues):
            quote.unverified = True
