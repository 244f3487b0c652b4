"""``eventwire eval toponyms``: place recognition and resolution against gold toponyms.

Scoring (keys from ``../shared/data/README.md``):

- recognition: a predicted mention is right when it overlaps a gold span; a gold span is found
  when a prediction overlaps it (precision, recall, F1 over mentions). Demonyms ("Afghan") are
  predictions too: they are country mentions.
- resolution, end to end: every gold toponym with coordinates is scored by the distance from
  the gold point to the point of the overlapping prediction (the longest one). A gold toponym
  that is missed, or whose prediction has no coordinates, gets the largest error on Earth
  (``MAX_ERROR_KM``, half the circumference), so it counts against acc@161km, the mean, the
  median and the AUC alike. ``auc`` is the area under the curve of sorted scaled log errors,
  ln(1 + km) / ln(MAX_ERROR_KM) (Gritta et al. 2018): 0 is perfect, 1 is all wrong; lower is
  better. ``country_acc`` is over gold toponyms that carry a country code.
- ``--gold-spans``: the same resolution measures with the gold spans given to the resolver
  (``PlaceResolver.resolve_spans``), like-for-like with geoparsers that report on gold spans.
  It also reports ``ceiling``: the share of gold toponyms with coordinates for which *some*
  candidate of the span lies within 161 km (``acc_161km``) or in the gold country
  (``country_acc``): what a perfect choice among the gazetteer's candidates would score.
  ``no_candidate`` counts spans with none. A corpus whose gold points come from another
  source than GeoNames shows it here.
"""
from __future__ import annotations

import math
import statistics
import time
from pathlib import Path

from eventwire.engine.process import make_docs
from eventwire.eval.articles import haversine_km, load_jsonl, per_second, write_jsonl
from eventwire.eval.run_articles import gold_articles
from eventwire.nlp.extensions import doc_list
from eventwire.nlp.pipeline import get_pipeline
from eventwire.types import PlaceMention

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
PLACE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "ew_paragraphs", "ew_places")
BATCH = 32


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def predict_places(records: list[dict], *, gold_spans: bool = False) -> list[list[PlaceMention]]:
    """Place mentions per record: recognised and resolved, or resolved on the gold spans."""
    nlp = get_pipeline()
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in PLACE_PIPES]):
        docs = list(nlp.pipe(make_docs(gold_articles(records), nlp), batch_size=BATCH))
    if not gold_spans:
        return [doc_list(doc, "ew_places") for doc in docs]
    resolver = nlp.get_pipe("ew_places").resolver
    return [
        resolver.resolve_spans(doc, [(toponym["start"], toponym["end"]) for toponym in record["toponyms"]])
        for record, doc in zip(records, docs)
    ]


def gazetteer_ceiling(records: list[dict]) -> dict:
    """The best any choice among the gazetteer's candidates could score on the gold spans."""
    nlp = get_pipeline()
    resolver = nlp.get_pipe("ew_places").resolver
    n = within = no_candidate = n_country = right_country = 0
    for record in records:
        for toponym in record["toponyms"]:
            places = resolver.candidate_places(record["text"], toponym["start"], toponym["end"])
            if toponym.get("country_code"):
                n_country += 1
                right_country += any(place.country_iso2 == toponym["country_code"] for place in places)
            if toponym.get("lat") is None or toponym.get("lon") is None:
                continue
            n += 1
            no_candidate += not places
            within += any(
                haversine_km(toponym["lat"], toponym["lon"], place.latitude, place.longitude) <= ACC_KM
                for place in places
            )
    return {
        "acc_161km": round(within / n, 4) if n else None,
        "country_acc": round(right_country / n_country, 4) if n_country else None,
        "no_candidate": no_candidate,
        "n": n,
    }


def _resolution(errors: list[float], countries: list[bool]) -> dict:
    if not errors:
        return {"acc_161km": None, "median_km": None, "mean_km": None, "auc": None, "country_acc": None, "n": 0}
    scaled = sorted(math.log1p(error) / math.log(MAX_ERROR_KM) for error in errors)
    if len(scaled) > 1:
        step = 1 / (len(scaled) - 1)
        auc = sum((a + b) / 2 * step for a, b in zip(scaled, scaled[1:]))
    else:
        auc = scaled[0]
    return {
        "acc_161km": round(sum(error <= ACC_KM for error in errors) / len(errors), 4),
        "median_km": round(statistics.median(errors), 1),
        "mean_km": round(statistics.fmean(errors), 1),
        "auc": round(auc, 4),
        "country_acc": round(sum(countries) / len(countries), 4) if countries else None,
        "n": len(errors),
    }


def score_toponyms(records: list[dict], predictions: list[list[PlaceMention]], *, gold_spans: bool = False) -> dict:
    tp_pred = n_pred = tp_gold = n_gold = 0
    errors: list[float] = []
    countries: list[bool] = []
    for record, predicted in zip(records, predictions):
        gold = record["toponyms"]
        n_gold += len(gold)
        n_pred += len(predicted)
        tp_pred += sum(any(_overlaps(p.start, p.end, g["start"], g["end"]) for g in gold) for p in predicted)
        for index, toponym in enumerate(gold):
            if gold_spans:
                match = predicted[index]
            else:
                overlapping = [p for p in predicted if _overlaps(p.start, p.end, toponym["start"], toponym["end"])]
                match = max(overlapping, key=lambda p: p.end - p.start) if overlapping else None
            tp_gold += match is not None
            place = match.place if match is not None else None
            if toponym.get("lat") is not None and toponym.get("lon") is not None:
                errors.append(
                    min(haversine_km(toponym["lat"], toponym["lon"], place.latitude, place.longitude), MAX_ERROR_KM)
                    if place is not None
                    else MAX_ERROR_KM
                )
            if toponym.get("country_code"):
                countries.append(place is not None and place.country_iso2 == toponym["country_code"])
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {"resolution": _resolution(errors, countries), "n_docs": len(records), "n_toponyms": n_gold}
    if not gold_spans:
        result["recognition"] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    return result


def prediction_line(record: dict, predicted: list[PlaceMention]) -> dict:
    return {
        "id": record["id"],
        "toponyms": [
            {
                "start": mention.start,
                "end": mention.end,
                "name": mention.text,
                "lat": mention.place.latitude if mention.place else None,
                "lon": mention.place.longitude if mention.place else None,
                "country_code": mention.place.country_iso2 if mention.place else None,
                "geonameid": mention.place.geonameid if mention.place else None,
            }
            for mention in predicted
        ],
    }


def evaluate_toponyms(
    path: str | Path, *, gold_spans: bool = False, predictions_path: str | Path | None = None
) -> dict:
    records = load_jsonl(path)
    started = time.perf_counter()
    predictions = predict_places(records, gold_spans=gold_spans)
    seconds = time.perf_counter() - started
    if predictions_path is not None:
        write_jsonl(predictions_path, (prediction_line(record, predicted) for record, predicted in zip(records, predictions)))
    scores = score_toponyms(records, predictions, gold_spans=gold_spans)
    scores["docs_per_s"] = per_second(len(records), seconds)
    if gold_spans:
        scores["ceiling"] = gazetteer_ceiling(records)
    scores["gold_spans"] = gold_spans
    return scores
