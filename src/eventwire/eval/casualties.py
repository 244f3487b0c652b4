"""``eventwire eval casualties``: killed, captured, date and province of a press release.

The gold (``casualties`` format in ``../shared/data/README.md``, ISAF press releases) gives one
answer per release: ``min_killed`` and ``min_captured`` over everything the release reports,
the ``start_date`` of the reported operation and the ``province`` it took place in. eventwire's
real pipeline (``get_pipeline()``, batched through ``nlp.pipe``, the record's ``date`` as the
publication date) codes events; a release's single answer is read off them:

- killed: the sum of ``fatalities`` over the release's coded events (after the pipeline's own
  merging of repeated mentions); 0 when no event states a count (ACLED: no mention -> 0).
- captured: the sum of ``arrested`` (detained, arrested, captured, apprehended) over the events.
- date: the ``event_date`` of the *main* event: the one with the largest killed + captured count,
  the first such event in the text on a tie; with no counted event, the first material event
  (one with an ACLED event type), else the first event, else the publication date.
- province: the first-level region (``admin1``) of the main event when it has one; else the
  region most events are placed in; else the region of the place named last before the main
  event's sentence in its paragraph; else the region the text names most often, else the one
  most of its resolved place mentions fall in (datelines left out). Names are compared after
  normalisation (:func:`normalise_region`): lower case, "province" dropped, and gazetteer
  spellings and their aliases (``geo/data/region_aliases.tsv``: "Vardak" ~ "Wardak",
  "Paktia" ~ "Paktya") brought to one key.

Scores: ``killed_exact``, ``captured_exact``, ``date_exact`` and ``province_acc`` are the shares of
records whose answer equals the gold exactly (a record whose gold province is empty is left out
of ``province_acc``); ``date_within_1d`` is the share whose date is at most one day off the gold
(the gold is one annotator's and is itself a day off the text in about a tenth of releases).
Dates are scored only on releases with a dated line: a record's ``date_from`` says where its
publication date came from (``dateline``, ``header``, ``release_code``), and a record whose
``date_from`` is ``gold_start_date`` has no dated line of its own (its ``date`` is a copy of the
gold), so it is left out of both date scores (``n_dated`` counts the rest). ``n`` is the number
of records, ``docs_per_s`` the pipeline's speed.
``--predictions`` writes ``{"id","killed","captured","date","province"}`` per record, so every
number can be recomputed from that file with :func:`score_casualties`.

Diagnostic (not the measure): ``mentions.killed_exact`` / ``mentions.captured_exact`` score the
sums of every killed / arrested count the casualty extractor finds in the text
(``mentions_killed`` / ``mentions_captured`` in the predictions), whether or not event coding
made an event to carry them: the gap to the headline numbers is what event coding loses.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import time
from collections import Counter
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from eventwire.coding.coref.context import DocContext
from eventwire.engine.process import make_docs
from eventwire.eval.articles import load_jsonl, per_second, write_jsonl
from eventwire.eval.run_articles import gold_articles
from eventwire.geo.names import normalize_name
from eventwire.nlp.extensions import doc_list
from eventwire.nlp.pipeline import get_pipeline
from eventwire.types import CasualtyMention, Event

__all__ = ["evaluate_casualties", "release_answer", "score_casualties", "normalise_region"]

BATCH = 32
REGION_ALIASES = "region_aliases.tsv"
REGION_WORDS = ("province", "provinces", "wilayat", "velayat")
UNDATED_SOURCE = "gold_start_date"  # ``date_from`` of a release with no dated line (README)


@functools.lru_cache(maxsize=1)
def _region_keys() -> dict[str, str]:
    """Normalised alias or region name -> normalised gazetteer region name (every country)."""
    text = (resources.files("eventwire.geo") / "data" / REGION_ALIASES).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    keys: dict[str, str] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        region = _plain_key(row["region"])
        keys.setdefault(_plain_key(row["alias"]), region)
        keys.setdefault(region, region)
    return keys


def _plain_key(name: str) -> str:
    words = [word for word in normalize_name(name).replace("-", " ").split() if word not in REGION_WORDS]
    return " ".join(words)


def normalise_region(name: str | None) -> str:
    """One comparison key per region however it is spelled: "Helmand Province", "helmand" and
    "Hilmand" -> "helmand"; "Wardak" -> "vardak"; "" for no name."""
    if not name:
        return ""
    key = _plain_key(name)
    return _region_keys().get(key, key)


def _gold_province(record: dict) -> str:
    provinces = [name for name in record["gold"].get("province") or [] if name]
    return provinces[0] if provinces else ""


def _main_event(events: list[Event]) -> Event | None:
    counted = [event for event in events if (event.fatalities or 0) + (event.arrested or 0) > 0]
    if counted:
        return max(counted, key=lambda event: (event.fatalities or 0) + (event.arrested or 0))
    material = [event for event in events if event.event_type is not None]
    return (material or events or [None])[0]


def release_answer(events: list[Event], doc: Doc | None = None, *, published: dt.date | None = None) -> dict:
    """The one (killed, captured, date, province) answer of a release, from its coded events
    (see the module docstring); ``doc`` supplies the fallback province from its place mentions."""
    main = _main_event(events)
    killed = sum(event.fatalities or 0 for event in events)
    captured = sum(event.arrested or 0 for event in events)
    date = main.event_date if main is not None and main.event_date is not None else published
    province = main.admin1 if main is not None and main.admin1 else ""
    if not province:
        regions = Counter(event.admin1 for event in events if event.admin1)
        province = regions.most_common(1)[0][0] if regions else ""
    ctx = DocContext(doc) if doc is not None and not province else None
    if ctx is not None and main is not None:
        province = _region_before(main, ctx)
    if not province and ctx is not None:
        places = [mention.place for mention in ctx.places if mention.place is not None]
        named = Counter(place.name for place in places if place.level == "admin1")
        regions = named or Counter(place.admin1 for place in places if place.admin1)
        province = regions.most_common(1)[0][0] if regions else ""
    return {"killed": killed, "captured": captured, "date": date.isoformat() if date else None, "province": province}


def _region_before(event: Event, ctx: DocContext) -> str:
    """The region of the place named last before ``event``'s sentence in its paragraph
    ("In Kunduz last night, forces searched a compound in the Chahar Dara district. During
    the search they detained several insurgents": Kunduz), in the event's country; "" when
    there is none."""
    trigger = next((item for item in event.evidence if item.role == "trigger"), None)
    if trigger is None or not ctx.sents:
        return ""
    index = ctx.index_at_char(trigger.start)
    for mention in reversed(ctx.places):
        if mention.start >= trigger.start or mention.place is None:
            continue
        if ctx.paragraph[ctx.index_at_char(mention.start)] != ctx.paragraph[index]:
            return ""
        place = mention.place
        if place.admin1 and place.level != "country" and (not event.country or place.country == event.country):
            return place.admin1
    return ""


def predict_releases(records: list[dict]) -> list[dict]:
    """One prediction line per record: the pipeline's answer for that release."""
    nlp = get_pipeline()
    articles = gold_articles(records, date_key="date")
    lines = []
    for article, doc in zip(articles, nlp.pipe(make_docs(articles, nlp), batch_size=BATCH)):
        answer = release_answer(doc_list(doc, "ew_events"), doc, published=article.published)
        lines.append({"id": article.id, **answer, **mention_totals(doc_list(doc, "ew_casualties"))})
    return lines


def mention_totals(casualties: list[CasualtyMention]) -> dict:
    """Diagnostic: the killed and arrested counts the casualty extractor states over the whole
    text (summed), whether or not event coding attached them to an event."""
    return {
        "mentions_killed": sum(mention.count for mention in casualties if mention.kind == "killed"),
        "mentions_captured": sum(mention.count for mention in casualties if mention.kind == "arrested"),
    }


def score_casualties(records: list[dict], predictions: list[dict]) -> dict:
    """Exact-match shares of killed, captured, date and province; predictions by record id."""
    by_id = {line["id"]: line for line in predictions}
    killed = captured = date = near_date = n_dated = province = n_province = 0
    mentions_killed = mentions_captured = 0
    for record in records:
        gold = record["gold"]
        line = by_id.get(record["id"], {})
        killed += line.get("killed") == gold.get("min_killed")
        captured += line.get("captured") == gold.get("min_captured")
        mentions_killed += line.get("mentions_killed") == gold.get("min_killed")
        mentions_captured += line.get("mentions_captured") == gold.get("min_captured")
        if record.get("date_from") != UNDATED_SOURCE:
            n_dated += 1
            off = _days_apart(line.get("date"), gold.get("start_date"))
            date += off == 0
            near_date += off is not None and off <= 1
        gold_province = _gold_province(record)
        if gold_province:
            n_province += 1
            province += normalise_region(line.get("province")) == normalise_region(gold_province)
    n = len(records)
    return {
        "killed_exact": round(killed / n, 4) if n else None,
        "captured_exact": round(captured / n, 4) if n else None,
        "date_exact": round(date / n_dated, 4) if n_dated else None,
        "date_within_1d": round(near_date / n_dated, 4) if n_dated else None,
        "n_dated": n_dated,
        "province_acc": round(province / n_province, 4) if n_province else None,
        "n": n,
        "n_province": n_province,
        "mentions": {
            "killed_exact": round(mentions_killed / n, 4) if n else None,
            "captured_exact": round(mentions_captured / n, 4) if n else None,
        },
    }


def _days_apart(predicted: str | None, gold: str | None) -> int | None:
    """Whole days between two ISO dates; None when either is missing or malformed."""
    try:
        return abs((dt.date.fromisoformat(predicted) - dt.date.fromisoformat(gold)).days)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def evaluate_casualties(path: str | Path, *, predictions_path: str | Path | None = None) -> dict:
    records = load_jsonl(path)
    started = time.perf_counter()
    predictions = predict_releases(records)
    seconds = time.perf_counter() - started
    if predictions_path is not None:
        write_jsonl(predictions_path, predictions)
    scores = score_casualties(records, predictions)
    scores["docs_per_s"] = per_second(len(records), seconds)
    return scores
