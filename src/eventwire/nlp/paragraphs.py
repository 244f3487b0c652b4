"""Line breaks and datelines are sentence boundaries.

News text arrives with headlines, datelines, captions and page furniture on lines of
their own ("Full Screen", "Photo: AFP file"), and with datelines in front of the lead
("KABUL, Afghanistan (AP) — The Taliban ..."). spaCy's parser would join them to the
next sentence, which mixes a caption into evidence and spoils the lead's parse (the
dateline becomes the subject). This component runs before the parser and marks the first
token after a line break, and after a dateline, as a sentence start; the parser keeps
preset boundaries and decides the rest.

:func:`paragraph_bounds` gives the paragraphs of a text (blank-line separated, else one per
line), the unit inside which quotes pair their marks and find their speakers.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.extensions import doc_text

# "KABUL, Afghanistan (AP) — ", "BAMAKO: ", "SANTIAGO, Chile – ", "KABUL, Afghanistan (Oct. 25,
# 2011) — ": an upper-case place, an optional ", Country" and "(Agency)" or "(date)", then a dash
# or colon (wire-service and press-release dateline style); after a "(date)" the dash may be
# missing ("KABUL, Afghanistan (Oct. 25, 2011) Troops killed ...").
DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’ -]{2,40}(?:,\s+[A-Z][\w.' -]{1,40})?"
    r"(?:(?:\s+\([\w .,]{1,30}\))?\s*(?:[—–]|--|-\s|:\s)|\s+\([A-Za-z .]*\d[\w .,]{0,28}\))\s*"
)


# Paragraphs end at blank lines; in a text without any, at every line break (one-line paragraphs).
BLANK_LINE_RE = re.compile(r"\n[ \t]*\n\s*")
LINE_BREAK_RE = re.compile(r"\n\s*")

# Unicode line and paragraph separators (U+2028, U+2029) break lines as "\n" does: some
# press-release feeds use them instead of newlines.
LINE_BREAKS = ("\n", "\u2028", "\u2029")


def _breaks_line(text: str) -> bool:
    return any(mark in text for mark in LINE_BREAKS)


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the paragraphs of ``text``."""
    separator = BLANK_LINE_RE if BLANK_LINE_RE.search(text) else LINE_BREAK_RE
    bounds, first = [], 0
    for gap in separator.finditer(text):
        bounds.append((first, gap.start()))
        first = gap.end()
    bounds.append((first, len(text)))
    return bounds


class ParagraphSentencizer:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data_path=None) -> None:
        """Nothing to load: the rules have no data."""

    def __call__(self, doc: Doc) -> Doc:
        line_starts = []
        after_break = True
        for token in doc:
            if token.is_space:
                after_break = after_break or _breaks_line(token.text)
                continue
            if after_break:
                line_starts.append(token)
                if token.i > 0:
                    token.is_sent_start = True
            after_break = _breaks_line(token.whitespace_)
        text = doc_text(doc)  # rebuilt on every access: read it once
        for token in line_starts:
            match = DATELINE_RE.match(text, token.idx)
            if match is None or _breaks_line(match.group()):
                continue
            after = doc.char_span(match.end(), match.end(), alignment_mode="expand")
            if after is not None and after.start < len(doc) and after.start > token.i:
                doc[after.start].is_sent_start = True
        return doc
