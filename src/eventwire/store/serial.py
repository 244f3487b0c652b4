"""Events to and from the JSON kept in ``reports.body``: every field of ``eventwire.types.Event``,
evidence and provenance included, so a stored report can be merged again as articles arrive."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

from eventwire.types import Event, Evidence, FieldSource

NESTED = {"evidence": Evidence, "provenance": FieldSource}
DATE_FIELDS = frozenset({"event_date"})
SKIPPED = frozenset({"created_at"})  # the store's own write time, not part of the report


def event_to_body(event: Event) -> str:
    """``event`` as one JSON object (dates as ISO strings)."""
    values = {}
    for item in dataclasses.fields(Event):
        if item.name in SKIPPED:
            continue
        value = getattr(event, item.name)
        if item.name in NESTED:
            value = [dataclasses.asdict(entry) for entry in value]
        elif isinstance(value, dt.date):
            value = value.isoformat()
        values[item.name] = value
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def event_from_body(body: str) -> Event:
    """The ``Event`` that ``event_to_body`` wrote (fields it lacks take their defaults)."""
    values = json.loads(body)
    known = {item.name for item in dataclasses.fields(Event)} - SKIPPED
    values = {name: value for name, value in values.items() if name in known}
    for name, kind in NESTED.items():
        values[name] = [kind(**entry) for entry in values.get(name) or []]
    for name in DATE_FIELDS:
        if values.get(name):
            values[name] = dt.date.fromisoformat(values[name])
    return Event(**values)
