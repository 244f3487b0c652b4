"""Score coded articles against hand-annotated gold: the ``articles`` measuring contract.

Pure functions over plain dicts (no spaCy, no store), so any predictions file can be
rescored independently of the pipeline that wrote it.

Gold records follow the ``articles`` format of ``shared/data/README.md``::

    {"id", "published", "text", "story_id", "gold": {"events": [...], "quotes": [...]}}

Prediction records are the ``--predictions`` lines made by :func:`predictions_record`::

    {"id", "story_id", "events": [{"event_date", "event_type", "plover_category", ...}],
     "quotes": [{"speaker", "quote"}]}

Matching rules (one-to-one, greedy per article, best candidate pairs first):

- events: same ACLED event type, or same PLOVER category (prediction ``plover_category``,
  gold ``plover``); and the date within the gold time precision (1: same day, 2: within
  7 days, 3: same month); and the place within 25 km, or, when the gold event is
  region-level (no gold coordinates, or location == admin1; an ACLED ``geo_precision`` in the
  gold, when given, decides instead: 1-2 a town, 3 a region), the same admin1 in the same
  country (ISO3, when both give one; the same country name when the gold has no admin1).
  Gold events marked ``"optional": true`` or ``"borderline": true`` count neither as misses
  nor, when matched, as hits or false positives. A gold event's ``alt_event_type``,
  ``alt_sub_event_type`` and ``alt_event_date`` are codings the annotator also accepts: a
  prediction that gives one of them matches (and counts as the right sub-event type or date).
  ``date_unknown: true`` (the text never dates the event; the gold date is nominal) skips the
  date test; ``verbal: true`` marks a PLOVER-only event (no ACLED type), matched by category.
- ``events.fp_per_100_articles``: false events per 100 articles (the general-news measure).
- quotes: the speakers match (normalised; a last-name match counts) and the quote texts
  share at least half of the shorter one's tokens.
- stories: B-cubed precision/recall/F1 of the predicted ``story_id`` clustering against
  the gold ``story_id`` (an article without a story id is a cluster of its own).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from eventwire.errors import Errors, EvalError

__all__ = ["load_jsonl", "per_second", "predictions_record", "score_articles", "write_jsonl"]

MATCH_KM = 25.0
WEEK_DAYS = 7
QUOTE_OVERLAP = 0.5
EARTH_RADIUS_KM = 6371.0088
WORD_RE = re.compile(r"\w+", re.UNICODE)
# Honorifics and ranks dropped before comparing speaker names ("Dr. Amina Sow" ~ "Amina Sow").
SPEAKER_TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame gen general col colonel maj major capt captain lt "
    "sgt sheikh imam president minister governor senator mayor".split()
)


# ---------------------------------------------------------------------------------------
# reading and writing
# ---------------------------------------------------------------------------------------


def write_jsonl(path: str | Path, rows) -> None:
    """One JSON object per line (the ``--predictions`` files of every eval)."""
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def per_second(count: int, seconds: float) -> float | None:
    """``docs_per_s`` of an eval: ``count`` items in ``seconds``."""
    return round(count / seconds, 2) if seconds else None



def load_jsonl(path: str | Path) -> list[dict]:
    """The JSON objects of a JSONL file, one per non-blank line."""
    path = Path(path)
    if not path.is_file():
        raise EvalError(Errors.E401.format(path=path))
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise EvalError(Errors.E402.format(path=path, line=number, reason=err.msg)) from err
            if not isinstance(record, dict):
                raise EvalError(Errors.E403.format(path=path, line=number, kind=type(record).__name__))
            records.append(record)
    return records


def predictions_record(article_id: str, story_id: str | None, events: list[dict], quotes: list[dict]) -> dict:
    """One ``--predictions`` line for ``eval articles`` (JSON-ready: dates as ISO strings)."""
    return {
        "id": article_id,
        "story_id": story_id,
        "events": [{key: _jsonable(value) for key, value in event.items()} for event in events],
        "quotes": [{"speaker": quote.get("speaker") or "", "quote": quote.get("quote") or ""} for quote in quotes],
    }


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# ---------------------------------------------------------------------------------------
# scoring
# ---------------------------------------------------------------------------------------


def score_articles(gold_records: list[dict], predictions: list[dict]) -> dict:
    """The ``articles`` scores of ``predictions`` against ``gold_records`` (see module doc).

    Articles without a prediction line count as predicting nothing; prediction lines for
    ids absent from the gold are left out (and counted in ``unknown_predictions``).
    Precision/recall/F1 are 0.0 when undefined; ``matched.*`` is None with no matched pair.
    """
    gold_by_id = _by_id(gold_records, what="gold")
    predicted_by_id = _by_id(predictions, what="predictions")
    events = Counter()
    quotes = Counter()
    pairs: list[tuple[dict, dict]] = []
    for article_id, record in gold_by_id.items():
        gold = record.get("gold", record)
        predicted = predicted_by_id.get(article_id, {})
        tp, fp, fn, matched = _match_events(gold.get("events") or [], predicted.get("events") or [], article_id)
        events.update(tp=tp, fp=fp, fn=fn)
        pairs.extend(matched)
        tp, fp, fn = _match_quotes(gold.get("quotes") or [], predicted.get("quotes") or [])
        quotes.update(tp=tp, fp=fp, fn=fn)
    event_scores = _prf(events)
    event_scores["fp_per_100_articles"] = round(100 * events["fp"] / len(gold_by_id), 2) if gold_by_id else 0.0
    return {
        "n": len(gold_by_id),
        "events": event_scores,
        "matched": _matched_scores(pairs),
        "quotes": _prf(quotes),
        "stories": bcubed(
            {article_id: record.get("story_id") for article_id, record in gold_by_id.items()},
            {article_id: predicted_by_id.get(article_id, {}).get("story_id") for article_id in gold_by_id},
        ),
        "unknown_predictions": len(set(predicted_by_id) - set(gold_by_id)),
        "dedup": count_scores(list(gold_by_id.values()), [predicted_by_id.get(i, {}) for i in gold_by_id]),
    }


def count_scores(gold_records: list[dict], predictions: list[dict]) -> dict:
    """How many events the file holds once each is counted once, however many articles report it.

    Gold: the gold events of one ``story_id`` that match each other (the event matching rule,
    across articles) are one event; ``gold_events`` counts the required ones, and
    ``gold_events_with_borderline`` adds the borderline and optional ones (events a coder may
    or may not code). Predicted: the distinct ``event_id``s of the predictions (a merged event is
    listed under every article it came from; an event without an id counts once per listing).
    ``within_10pct``: the predicted count lies within 10% of the gold count (of the range the two
    gold counts span).
    """
    gold = gold_event_count(gold_records)
    gold_high = gold_event_count(gold_records, include_optional=True)
    seen: set[str] = set()
    predicted = 0
    for record in predictions:
        for event in record.get("events") or []:
            event_id = event.get("event_id")
            if event_id and event_id in seen:
                continue
            if event_id:
                seen.add(event_id)
            predicted += 1
    return {
        "gold_events": gold,
        "gold_events_with_borderline": gold_high,
        "predicted_events": predicted,
        "ratio": round(predicted / gold, 4) if gold else None,
        "within_10pct": bool(gold) and (1 - COUNT_TOLERANCE) * gold <= predicted <= (1 + COUNT_TOLERANCE) * gold_high,
    }


COUNT_TOLERANCE = 0.10


def gold_event_count(gold_records: list[dict], *, include_optional: bool = False) -> int:
    """Distinct required gold events (``include_optional``: and the optional and borderline
    ones): those of different articles of one story that match are one."""
    by_story: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for record in gold_records:
        story = record.get("story_id") or record.get("id")
        for event in (record.get("gold", record).get("events") or []):
            if include_optional or not _optional(event):
                by_story[story].append((record.get("id"), event))
    total = 0
    for events in by_story.values():
        parent = list(range(len(events)))

        def find(i: int) -> int:
            while parent[i] != i:
                i = parent[i]
            return i

        for i, (article_i, event_i) in enumerate(events):
            for j in range(i + 1, len(events)):
                article_j, event_j = events[j]
                if article_i == article_j or find(i) == find(j):
                    continue
                if _gold_events_match(event_i, event_j, article_i):
                    parent[find(j)] = find(i)
        total += len({find(i) for i in range(len(events))})
    return total


def _gold_events_match(first: dict, second: dict, article_id: str) -> bool:
    as_predicted = dict(second, plover_category=second.get("plover"))
    reverse = dict(first, plover_category=first.get("plover"))
    return _event_pair_rank(first, as_predicted, article_id) is not None or (
        _event_pair_rank(second, reverse, article_id) is not None
    )


def _optional(event: dict) -> bool:
    """Neither credited nor penalised: ``optional`` or ``borderline`` gold events."""
    return bool(event.get("optional") or event.get("borderline"))


def _by_id(records: list[dict], *, what: str) -> dict[str, dict]:
    by_id: dict[str, dict] = {}
    for index, record in enumerate(records):
        article_id = record.get("id")
        if article_id is None:
            raise EvalError(Errors.E404.format(what=what, index=index))
        if article_id in by_id:
            raise EvalError(Errors.E405.format(what=what, id=article_id))
        by_id[article_id] = record
    return by_id


def _prf(counts: Counter) -> dict:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


# ---- events -----------------------------------------------------------------------------


def _match_events(gold_events: list[dict], predicted_events: list[dict], article_id: str):
    """(tp, fp, fn, matched (gold, predicted) pairs of required gold events)."""
    candidates = []
    for g, gold in enumerate(gold_events):
        for p, predicted in enumerate(predicted_events):
            rank = _event_pair_rank(gold, predicted, article_id)
            if rank is not None:
                candidates.append((rank, g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matched = []
    for _, g, p in candidates:
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        if not _optional(gold_events[g]):
            matched.append((gold_events[g], predicted_events[p]))
    required = [g for g, gold in enumerate(gold_events) if not _optional(gold)]
    optional_matched = len(used_gold) - len(matched)
    tp = len(matched)
    fp = len(predicted_events) - tp - optional_matched
    fn = sum(1 for g in required if g not in used_gold)
    return tp, fp, fn, matched


def _event_pair_rank(gold: dict, predicted: dict, article_id: str) -> tuple | None:
    """A sort key for a matching (gold, predicted) pair, lower is better; None: no match."""
    same_type = _same_label(gold.get("event_type"), predicted.get("event_type")) or _same_label(
        gold.get("alt_event_type"), predicted.get("event_type")
    )
    same_plover = _same_label(gold.get("plover"), predicted.get("plover_category", predicted.get("plover")))
    if not (same_type or same_plover):
        return None
    days = _date_gap(gold, predicted, article_id)
    if days is None:
        return None
    km = _distance_km(gold, predicted)
    if not _same_place(gold, predicted, km):
        return None
    same_sub = _same_sub_event_type(gold, predicted)
    return (
        _optional(gold),  # required gold events take their predictions first
        not same_type,
        not same_sub,
        not same_plover,
        days,
        km if km is not None else MATCH_KM,
    )


def _same_label(gold: str | None, predicted: str | None) -> bool:
    return bool(gold) and bool(predicted) and gold.strip().casefold() == predicted.strip().casefold()


def _date_gap(gold: dict, predicted: dict, article_id: str) -> int | None:
    """Days between the dates when within the gold precision (0 when the gold has no date or
    says the text never dates the event); an accepted ``alt_event_date`` counts as the date."""
    gold_date = _parse_date(gold.get("event_date"), article_id)
    if gold_date is None or gold.get("date_unknown"):
        return 0
    predicted_date = _parse_date(predicted.get("event_date"), article_id)
    if predicted_date is None:
        return None
    alternative = _parse_date(gold.get("alt_event_date"), article_id)
    if alternative is not None and alternative == predicted_date:
        return 0
    days = abs((predicted_date - gold_date).days)
    precision = gold.get("time_precision") or 1
    if precision == 1:
        return days if days == 0 else None
    if precision == 2:
        return days if days <= WEEK_DAYS else None
    same_month = (predicted_date.year, predicted_date.month) == (gold_date.year, gold_date.month)
    return days if same_month else None


def _parse_date(value, article_id: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise EvalError(Errors.E406.format(id=article_id, value=value))
    return dt.date.fromisoformat(text)


def _distance_km(gold: dict, predicted: dict) -> float | None:
    points = (gold.get("latitude"), gold.get("longitude"), predicted.get("latitude"), predicted.get("longitude"))
    if any(value is None for value in points):
        return None
    return haversine_km(*(float(value) for value in points))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _is_region_level(gold: dict) -> bool:
    if gold.get("latitude") is None or gold.get("longitude") is None:
        return True
    if gold.get("geo_precision") in (1, 2):  # a town (or near one) that shares its region's name
        return False
    if gold.get("geo_precision") == 3:
        return True
    location = _fold(gold.get("location"))
    return bool(location) and location == _fold(gold.get("admin1"))


def _same_place(gold: dict, predicted: dict, km: float | None) -> bool:
    if km is not None and km <= MATCH_KM:
        return True
    if not _is_region_level(gold):
        return False
    gold_iso3, predicted_iso3 = _fold(gold.get("iso3")), _fold(predicted.get("iso3"))
    if gold_iso3 and predicted_iso3 and gold_iso3 != predicted_iso3:
        return False  # (country names are compared only for country-level gold: spellings vary)
    gold_country, predicted_country = _fold(gold.get("country")), _fold(predicted.get("country"))
    gold_admin1 = _fold(gold.get("admin1"))
    if gold_admin1:
        return gold_admin1 == _fold(predicted.get("admin1"))
    return bool(gold_country) and gold_country == predicted_country


def _fold(text: str | None) -> str:
    """Case- and diacritic-insensitive form of a name ("Ménaka" -> "menaka")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(WORD_RE.findall(stripped.casefold().replace("_", " ")))


def _matched_scores(pairs: list[tuple[dict, dict]]) -> dict:
    n = len(pairs)
    located = [(gold, predicted) for gold, predicted in pairs if not _is_region_level(gold)]
    return {
        "n": n,
        "sub_event_type_acc": _share(pairs, _same_sub_event_type),
        "fatalities_exact": _share(pairs, _same_fatalities),
        "date_exact": _share([pair for pair in pairs if not pair[0].get("date_unknown")], _same_date),
        "location_acc_25km": _share(located, _within_25km),
        "n_located": len(located),
    }


def _share(pairs: list[tuple[dict, dict]], test) -> float | None:
    if not pairs:
        return None
    return round(sum(1 for gold, predicted in pairs if test(gold, predicted)) / len(pairs), 4)


def _same_sub_event_type(gold: dict, predicted: dict) -> bool:
    predicted_sub = _fold(predicted.get("sub_event_type"))
    if predicted_sub == _fold(gold.get("sub_event_type")):
        return True
    return bool(predicted_sub) and predicted_sub == _fold(gold.get("alt_sub_event_type"))


def _same_fatalities(gold: dict, predicted: dict) -> bool:
    # ACLED reads an unknown toll as 0: null and 0 compare equal on either side
    return (gold.get("fatalities") or 0) == (predicted.get("fatalities") or 0)


def _same_date(gold: dict, predicted: dict) -> bool:
    predicted_date = str(_jsonable(predicted.get("event_date")) or "")[:10]
    accepted = {str(gold.get(key) or "")[:10] for key in ("event_date", "alt_event_date") if gold.get(key)}
    return predicted_date in accepted or (not accepted and not predicted_date)


def _within_25km(gold: dict, predicted: dict) -> bool:
    km = _distance_km(gold, predicted)
    return km is not None and km <= MATCH_KM


# ---- quotes -----------------------------------------------------------------------------


def _match_quotes(gold_quotes: list[dict], predicted_quotes: list[dict]) -> tuple[int, int, int]:
    candidates = []
    for g, gold in enumerate(gold_quotes):
        for p, predicted in enumerate(predicted_quotes):
            if not speakers_match(gold.get("speaker"), predicted.get("speaker")):
                continue
            overlap = quote_overlap(gold.get("quote"), predicted.get("quote"))
            if overlap >= QUOTE_OVERLAP:
                candidates.append((-overlap, g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
    tp = len(used_gold)
    return tp, len(predicted_quotes) - tp, len(gold_quotes) - tp


def _name_tokens(name: str | None) -> list[str]:
    tokens = _fold(name).split()
    while tokens and tokens[0] in SPEAKER_TITLES:
        tokens = tokens[1:]
    return tokens


def speakers_match(gold: str | None, predicted: str | None) -> bool:
    """Same speaker after normalisation; equal last names, or one name inside the other, count."""
    gold_tokens, predicted_tokens = _name_tokens(gold), _name_tokens(predicted)
    if not gold_tokens or not predicted_tokens:
        return False
    if gold_tokens[-1] == predicted_tokens[-1]:
        return True
    shorter, longer = sorted((gold_tokens, predicted_tokens), key=len)
    return set(shorter) <= set(longer)


def quote_overlap(gold: str | None, predicted: str | None) -> float:
    """Shared tokens as a share of the shorter quote's tokens (0.0 when either is empty)."""
    gold_tokens, predicted_tokens = Counter(_fold(gold).split()), Counter(_fold(predicted).split())
    shorter = min(sum(gold_tokens.values()), sum(predicted_tokens.values()))
    if not shorter:
        return 0.0
    return sum((gold_tokens & predicted_tokens).values()) / shorter


# ---- stories ----------------------------------------------------------------------------


def bcubed(gold_clusters: dict[str, str | None], predicted_clusters: dict[str, str | None]) -> dict:
    """B-cubed precision, recall and F1 of one clustering of items against another.

    Both map item -> cluster id over the same items; None puts an item in a cluster of its own.
    """
    items = list(gold_clusters)
    if not items:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0}
    gold_of = _cluster_keys(gold_clusters)
    predicted_of = _cluster_keys({item: predicted_clusters.get(item) for item in items})
    gold_members = _members(gold_of)
    predicted_members = _members(predicted_of)
    precision = recall = 0.0
    for item in items:
        same_gold = gold_members[gold_of[item]]
        same_predicted = predicted_members[predicted_of[item]]
        shared = len(same_gold & same_predicted)
        precision += shared / len(same_predicted)
        recall += shared / len(same_gold)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_precision": round(precision, 4), "bcubed_recall": round(recall, 4), "bcubed_f1": round(f1, 4)}


def _cluster_keys(clusters: dict[str, str | None]) -> dict[str, tuple]:
    return {item: ("story", cluster) if cluster is not None else ("alone", item) for item, cluster in clusters.items()}


def _members(cluster_of: dict[str, tuple]) -> dict[tuple, set[str]]:
    members: dict[tuple, set[str]] = defaultdict(set)
    for item, cluster in cluster_of.items():
        members[cluster].add(item)
    return members
