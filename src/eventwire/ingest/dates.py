"""Publication dates: parse a date field, or find a dated phrase near the top of a text."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
import re
from pathlib import Path

__all__ = ["find_date", "parse_published", "try_parse_published"]

MONTHS_PATH = Path(__file__).parent / "data" / "months.json"
# How far into a plain text a publication date is looked for.
DATE_SEARCH_CHARS = 500
MIN_YEAR = 1900
MAX_YEAR = 2100
# "2021-07-07", "2021-07-07T10:15", "2021-07-07 10:15:30.5+02:00", "2021-07-07T10:15:30Z"
ISO_PUBLISHED = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
ISO_IN_TEXT = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
ORDINAL = r"(?:st|nd|rd|th)?"


@functools.cache
def _month_numbers() -> dict[str, int]:
    with MONTHS_PATH.open(encoding="utf-8") as file:
        return json.load(file)["months"]


@functools.cache
def _text_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(month-first, day-first) patterns over the month names of the data file."""
    names = "|".join(sorted(_month_numbers(), key=len, reverse=True))
    month_first = re.compile(
        rf"\b({names})\.?\s+(\d{{1,2}}){ORDINAL},?\s+(\d{{4}})\b", re.IGNORECASE
    )
    day_first = re.compile(
        rf"\b(\d{{1,2}}){ORDINAL}\s+(?:of\s+)?({names})\.?,?\s+(\d{{4}})\b", re.IGNORECASE
    )
    return month_first, day_first


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def try_parse_published(value: str) -> dt.date | None:
    """The date of ``YYYY-MM-DD`` or an ISO 8601 timestamp (its local date), else None."""
    match = ISO_PUBLISHED.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day = (int(group) for group in match.groups())
    return _valid_date(year, month, day)


def parse_published(value: str) -> dt.date:
    """The date of ``YYYY-MM-DD`` or an ISO 8601 timestamp; ``ValueError`` if it is neither."""
    published = try_parse_published(value)
    if published is None:
        raise ValueError(f"not a YYYY-MM-DD date or ISO timestamp: {value!r}")
    return published


def find_date(text: str, *, limit: int = DATE_SEARCH_CHARS) -> dt.date | None:
    """The first full date (with a year) in the first ``limit`` characters of ``text``.

    Finds "July 7, 2021", "Jul. 7 2021", "7 July 2021", "7th of July, 2021" and
    "2021-07-07". A dateline without a year ("KABUL, July 7 (Reuters) -") is not a date.
    """
    head = text[:limit]
    month_first, day_first = _text_patterns()
    months = _month_numbers()
    found: list[tuple[int, dt.date]] = []
    for match in ISO_IN_TEXT.finditer(head):
        year, month, day = (int(group) for group in match.groups())
        found.append((match.start(), _valid_date(year, month, day)))
    for match in month_first.finditer(head):
        month_name, day, year = match.groups()
        found.append((match.start(), _valid_date(int(year), months[month_name.lower()], int(day))))
    for match in day_first.finditer(head):
        day, month_name, year = match.groups()
        found.append((match.start(), _valid_date(int(year), months[month_name.lower()], int(day))))
    dates = sorted((start, date) for start, date in found if date is not None)
    return dates[0][1] if dates else None
