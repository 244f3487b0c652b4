"""Date expressions resolved against the publication date, with ACLED time precision.

``DateResolver`` reads the whole text with regular expressions built once from
``data/dates.json`` (weekdays, months, "yesterday", "last week", "two days ago", ISO and
written dates) and takes spaCy's DATE entities as further candidates (a bare month name).
Each mention gets a calendar date (the first day of its span) and a precision: 1 the day,
2 a week or a few days, 3 the month or vaguer. Durations ("for months", "seven weeks of
protest") and ages are not dates and are skipped. ``date_for_sentence`` picks the mention
that governs a sentence, for event coding.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.errors import Errors, ModelError
from eventwire.nlp.casualties import parse_count
from eventwire.nlp.data import DATA_DIR, read_json
from eventwire.nlp.extensions import doc_text
from eventwire.types import DateMention

__all__ = ["DateResolver", "date_for_sentence", "resolve_dates", "report_date"]

DATES_PATH = DATA_DIR / "dates.json"
NUMBERS_PATH = DATA_DIR / "numbers.json"
ENTITY_LABELS = frozenset({"DATE", "TIME"})
MAX_TREE_DEPTH = 64
# a date hung on a noun ("the July 2 attack", "Wednesday's bombing") dates that noun's event
NOUN_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
# periods that read as durations after "for": "for the last week"
DURATION_RULES = frozenset({"week_word", "month_word", "year_word", "day_word"})
# words kept in a month/year mention's text ("early July"); other prepositions ("in July") are not
SPAN_PREFIXES = frozenset({"early", "late", "mid", "last", "this", "end of", "the end of", "beginning of",
                           "the beginning of", "start of", "the start of"})
# a dateline is looked for near the top of the text only
DATELINE_WINDOW = 1000
# a dateline without a year takes the year that puts it nearest the publication date
DATELINE_YEAR_SHIFTS = (-1, 0, 1)
DAY_RANGE = r"(?:\s*(?:-|–|to|and)\s*(?P<day2>\d{1,2})" + ORDINAL_SUFFIX + r")?"


def _alternation(words) -> str:
    """A regex alternation, longest first so "last night" wins over "last"."""
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))


def _capitalised(words) -> str:
    return _alternation(word[0].upper() + word[1:] for word in words)


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    needs_published: bool = True


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[dict, tuple[_Rule, ...]]:
    data = read_json(DATES_PATH)
    numbers = read_json(NUMBERS_PATH)
    months = data["months"]
    full_months = [name for name, number in months.items() if len(name) > 4 or name in ("may", "june", "july")]
    abbreviations = [name for name in months if name not in full_months]
    month = "|".join(sorted([_capitalised(full_months), *(_capitalised([name]) + r"\.?" for name in abbreviations)],
                            key=len, reverse=True))
    month_full = _capitalised(full_months)
    weekday = _capitalised(data["weekdays"])
    relative_words = {key: value for key, value in data["week_words"].items() if not key.startswith("_")}
    number_words = [*numbers["units"], *numbers["tens"], "a", "an", "a few", "several"]
    ago_units = {key: value for key, value in data["ago_units"].items() if not key.startswith("_")}
    preps = [prep for prep in data["month_prepositions"] if not prep.endswith("-")]
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    patterns = (
        ("iso", r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d-])", False),
        ("month_day", r"\b(?P<month>" + month + r")\s+(?P<day>\d{1,2})" + ORDINAL_SUFFIX + r"(?!\d)" + DAY_RANGE
         + r"(?:,?\s+" + year + r"(?!\d))?", False),
        ("day_month", r"(?<![\d.,])(?P<day>\d{1,2})" + ORDINAL_SUFFIX + DAY_RANGE + r"\s+(?:of\s+)?(?P<month>" + month
         + r")(?![A-Za-z])(?:,?\s+" + year + r"(?!\d))?", False),
        ("month_year", r"\b(?P<month>" + month + r"),?\s+" + year + r"\b", False),
        ("month_only", r"(?:\b(?P<prep>(?i:" + _alternation(preps) + r"))\s+|\b(?i:mid)-)(?P<month>" + month_full
         + r")\b(?!\s*\d)", True),
        ("year_only", r"\b(?P<prep>(?i:" + _alternation(data["year_prepositions"]) + r"))\s+" + year
         + r"\b(?![-/]\d)", False),
        ("weekday", r"\b(?:(?P<mod>(?i:early|late|last|next|this))\s+)?(?P<weekday>" + weekday + r")"
         r"(?:\s+(?P<part>(?i:" + _alternation(data["day_parts"]) + r")))?\b", True),
        ("ago", r"\b(?P<n>\d+|(?i:" + _alternation(number_words) + r"))\s+(?P<unit>(?i:" + _alternation(ago_units)
         + r"))\s+(?i:ago)\b", True),
        ("holiday", r"\b(?P<word>(?i:" + _alternation(data["holidays"]).replace("'", "['’]") + r"))\b", True),
        ("day_word", r"\b(?P<word>(?i:" + _alternation(data["day_words"]) + r"))\b", True),
        ("week_word", r"\b(?P<word>(?i:" + _alternation(relative_words) + r"))\b", True),
        ("month_word", r"\b(?P<word>(?i:" + _alternation(data["month_words"]) + r"))\b", True),
        ("year_word", r"\b(?P<word>(?i:" + _alternation(data["year_words"]) + r"))\b", True),
    )
    rules = tuple(_Rule(name, re.compile(pattern), needs) for name, pattern, needs in patterns)
    tables = {
        "months": months,
        "weekdays": data["weekdays"],
        "day_words": {_squash(key): value for key, value in data["day_words"].items()},
        "holidays": {_squash(key): value for key, value in data["holidays"].items()},
        "week_words": {_squash(key): value for key, value in relative_words.items()},
        "month_words": {_squash(key): value for key, value in data["month_words"].items()},
        "year_words": {_squash(key): value for key, value in data["year_words"].items()},
        "ago_units": ago_units,
        "duration_re": re.compile(r"\b(?:" + _alternation(data["duration_prefixes"]) + r")\s+$", re.IGNORECASE),
        "age_re": re.compile(_alternation(data["duration_entity_words"]), re.IGNORECASE),
        "reporting_verbs": frozenset(data["reporting_verbs"]),
        "full_month_re": re.compile(r"(?:the\s+)?(?P<month>" + month_full + r")(?:['’]s)?"),
        "datelines": _dateline_patterns(month, data["dateline_agencies"]),
    }
    return tables, rules


def _dateline_patterns(month: str, agencies: list[str]) -> tuple[re.Pattern, ...]:
    """'KABUL, Afghanistan (Jan. 15)', 'Nairobi, June 25 (Reuters) -', and a first line 'May 11: ...'."""
    day = r"(?P<month>" + month + r")\s*(?P<day>\d{1,2})" + ORDINAL_SUFFIX + r"(?:[.,]\s*(?P<year>(?:19|20)\d\d))?"
    return (
        re.compile(r"\b[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*,\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)*\s*\(\s*" + day
                   + r"\s*\)"),
        re.compile(r"\b[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)*,\s+" + day + r"\s+\((?:" + _alternation(agencies)
                   + r")\)"),
        re.compile(r"\A\s*" + day + r"\s*:\s"),
    )


def report_date(text: str, published: dt.date | None) -> DateMention | None:
    """The date a dateline near the top of ``text`` gives the report, or None.

    Without a year it takes the year that puts it nearest ``published`` (None without one).
    """
    tables, _ = _rules()
    head = text[:DATELINE_WINDOW]
    matches = [match for pattern in tables["datelines"] if (match := pattern.search(head))]
    if not matches:
        return None
    match = min(matches, key=lambda m: m.start())
    month = tables["months"][match["month"].lower().rstrip(".")]
    day_number = int(match["day"])
    if match["year"]:
        day = _safe_date(int(match["year"]), month, day_number)
    elif published is not None:
        days = [_safe_date(published.year + shift, month, day_number) for shift in DATELINE_YEAR_SHIFTS]
        day = min((d for d in days if d is not None), key=lambda d: abs((d - published).days), default=None)
    else:
        day = None
    if day is None:
        return None
    start, end = match.start("month"), match.end("year") if match["year"] else match.end("day")
    return DateMention(start=start, end=end, text=text[start:end], date=day, precision=1, relative=False)


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _first_of_month(year: int, month: int, shift: int = 0) -> dt.date:
    index = year * 12 + (month - 1) + shift
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_year(month: int, published: dt.date, *, strictly_before: bool = False) -> int:
    """The year that puts ``month`` on or before the publication month (strictly before)."""
    if month < published.month or (month == published.month and not strictly_before):
        return published.year
    return published.year - 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if day > (_first_of_month(year, month, 1) - dt.timedelta(days=1)).day:
        return None
    return dt.date(year, month, day)


# -- resolvers: (match, tables, published) -> (date, precision, relative) | None -----------
Resolved = tuple[dt.date, int, bool]


def _resolve_iso(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    day = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return (day, 1, False) if day else None


def _resolve_written(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    month = tables["months"][match["month"].lower().rstrip(".")]
    precision = 2 if match["day2"] else 1
    if match["year"]:
        day = _safe_date(int(match["year"]), month, int(match["day"]))
        return (day, precision, False) if day else None
    if published is None:
        return None
    day = _safe_date(published.year, month, int(match["day"]))
    if day is not None and day > published:
        day = _safe_date(published.year - 1, month, int(match["day"]))
    return (day, precision, True) if day else None


def _resolve_month_year(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    return dt.date(int(match["year"]), tables["months"][match["month"].lower().rstrip(".")], 1), 3, False


def _resolve_month_only(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    month = tables["months"][match["month"].lower()]
    strictly_before = (match["prep"] or "").lower() == "last"
    return dt.date(_month_year(month, published, strictly_before=strictly_before), month, 1), 3, True


def _resolve_year_only(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    return dt.date(int(match["year"]), 1, 1), 3, False


def _resolve_weekday(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    weekday = tables["weekdays"][match["weekday"].lower()]
    modifier = (match["mod"] or "").lower()
    if modifier == "next":
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7), 1, True
    back = (published.weekday() - weekday) % 7
    if modifier == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back), 1, True


def _resolve_ago(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    amount = match["n"].lower()
    count = 1 if amount in ("a", "an") else parse_count(amount)
    if count is None:
        return None
    days, precision = tables["ago_units"][match["unit"].lower()]
    day = published - dt.timedelta(days=count * days)
    if precision == 3:
        day = dt.date(day.year, 1, 1) if days >= 365 else dt.date(day.year, day.month, 1)
    return day, precision, True


def _resolve_day_word(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    return published + dt.timedelta(days=tables["day_words"][_squash(match["word"])]), 1, True


def _resolve_holiday(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    month, day = tables["holidays"][_squash(match["word"]).replace("’", "'")]
    year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
    return dt.date(year, month, day), 1, True


def _resolve_week_word(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    value = tables["week_words"][_squash(match["word"])]
    if value == "weekend":
        return published - dt.timedelta(days=(published.weekday() - 5) % 7), 2, True
    if value == "past":
        return published - dt.timedelta(days=7), 2, True
    monday = published - dt.timedelta(days=published.weekday())
    return monday + dt.timedelta(weeks=value), 2, True


def _resolve_month_word(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    shift = tables["month_words"][_squash(match["word"])]
    return _first_of_month(published.year, published.month, shift), 3, True


def _resolve_year_word(match: re.Match, tables: dict, published: dt.date | None) -> Resolved | None:
    return dt.date(published.year + tables["year_words"][_squash(match["word"])], 1, 1), 3, True


RESOLVERS: dict[str, Callable[[re.Match, dict, dt.date | None], Resolved | None]] = {
    "iso": _resolve_iso,
    "month_day": _resolve_written,
    "day_month": _resolve_written,
    "month_year": _resolve_month_year,
    "month_only": _resolve_month_only,
    "year_only": _resolve_year_only,
    "weekday": _resolve_weekday,
    "ago": _resolve_ago,
    "holiday": _resolve_holiday,
    "day_word": _resolve_day_word,
    "week_word": _resolve_week_word,
    "month_word": _resolve_month_word,
    "year_word": _resolve_year_word,
}


def resolve_dates(
    text: str, published: dt.date | None, *, entities: tuple[tuple[int, int], ...] = ()
) -> list[DateMention]:
    """Every date expression in ``text`` resolved against ``published``, in text order.

    ``entities`` are (start, end) offsets of DATE/TIME entities: those that are a bare
    month name become month mentions, and those that read as ages stop a match inside them.
    Relative expressions need ``published``; without it only dated ones resolve.
    """
    tables, rules = _rules()
    ages = [(start, end) for start, end in entities if tables["age_re"].search(text[start:end])]
    found: list[DateMention] = []
    for rule in rules:
        if rule.needs_published and published is None:
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            prep = match.groupdict().get("prep")
            if prep and _squash(prep) not in SPAN_PREFIXES:
                start = match.start("month" if rule.name == "month_only" else "year")  # "in July" -> "July"
            if rule.name in DURATION_RULES and tables["duration_re"].search(text, max(0, start - 24), start):
                continue
            if any(a_start <= start and end <= a_end for a_start, a_end in ages):
                continue
            resolved = RESOLVERS[rule.name](match, tables, published)
            if resolved is None:
                continue
            day, precision, relative = resolved
            found.append(DateMention(start=start, end=end, text=text[start:end], date=day, precision=precision,
                                     relative=relative))
    if published is not None:
        for start, end in entities:
            month = tables["full_month_re"].fullmatch(text, start, end)
            if month:
                number = tables["months"][month["month"].lower()]
                found.append(DateMention(start=start, end=end, text=text[start:end],
                                         date=dt.date(_month_year(number, published), number, 1), precision=3))
    return _without_overlaps(found)


def _without_overlaps(mentions: list[DateMention]) -> list[DateMention]:
    """Longest first, then leftmost: a mention inside a longer one is dropped."""
    kept: list[DateMention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


# The seed format's first line (" date 2021-07-07 <headline>") states the publication date:
# metadata, not a date the story gives to anything that happened.
DATE_HEADER_RE = re.compile(r"\s*date \d{4}-\d{2}-\d{2}\b")


class DateResolver:
    """Sets ``doc._.ew_dates`` from the text and ``doc._.ew_published``.

    A dateline (:func:`report_date`) says when the report was filed: relative expressions
    count from it, and its own date is left out (it dates the report, not an event).
    """

    def __init__(self, nlp: Language, name: str = "ew_dates") -> None:
        self.name = name
        self.ready = False

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data_path: str | None = None) -> None:
        _rules()
        self.ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self.ready:
            raise ModelError(Errors.E212.format(name=self.name))
        text = doc_text(doc)
        entities = tuple((ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ENTITY_LABELS)
        header = DATE_HEADER_RE.match(text)
        header_end = header.end() if header else 0
        published = doc._.ew_published
        dateline = report_date(text, published)
        reference = dateline.date if dateline is not None else published
        doc._.ew_dates = [
            mention
            for mention in resolve_dates(text, reference, entities=entities)
            if mention.start >= header_end
            and (dateline is None or mention.end <= dateline.start or mention.start >= dateline.end)
        ]
        return doc


def _dates_a_report(span: Span, reporting: frozenset) -> bool:
    """Whether the date ``span`` hangs on a reporting verb (directly or through "on")."""
    head = span.root.head
    if head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    return head.pos_ == "VERB" and head.lemma_.lower() in reporting


def names_another_event(doc: Doc, mention: DateMention) -> bool:
    """Whether a date modifies a noun, naming the event it dates ("the July 2 attack",
    "Wednesday's bombing") rather than the clause: it dates that noun's event, not the sentence's."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in NOUN_MODIFIER_DEPS and root.head.pos_ == "NOUN" and root.head.i not in range(span.start, span.end)


def date_for_sentence(doc: Doc, sent: Span) -> DateMention | None:
    """The date mention of ``sent`` closest to its root in the parse (then in the text);
    None when the sentence has none. Callers fall back to neighbouring sentences, then to
    the publication date.

    A date that modifies a reporting verb ("officials today confirmed the death of X in an
    operation Monday", "police said on Tuesday") dates the report, and one that modifies a noun
    ("the July 2 attack") dates that noun's event: another date of the sentence is preferred.
    """
    dates = doc._.ew_dates or []
    reporting = _rules()[0]["reporting_verbs"]
    best: tuple[tuple[bool, bool, int, int], DateMention] | None = None
    for mention in dates:
        if mention.start < sent.start_char or mention.end > sent.end_char:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        token, depth = span.root, 0
        while token.i != sent.root.i and token.head.i != token.i and depth < MAX_TREE_DEPTH:
            token, depth = token.head, depth + 1
        key = (_dates_a_report(span, reporting), names_another_event(doc, mention), depth, abs(span.root.i - sent.root.i))
        if best is None or key < best[0]:
            best = (key, mention)
    return best[1] if best else None
