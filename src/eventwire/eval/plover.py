"""``eventwire eval plover``: the PLOVER category eventwire gives a sentence, against gold records.

Records (``../shared/data/README.md``, plover) hold one sentence, a date and a gold PLOVER
category, often under its PLOVER 0.5b1 name. Gold names are mapped to the current 16 categories
with ``coding/data/plover_0_5b1_mapping.json`` (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE ->
ACCUSE, FIGHT -> ASSAULT; CRIME, which has no current category, leaves the record out of the
scores and is counted in ``excluded``).

Each sentence goes through eventwire's whole pipeline, published on the record's ``date``, and
its events are coded with the ``sentence`` setting of ``eventwire.coding.code_doc`` (a verbal
event's actor may be any country, nationality, organisation or office named as its subject, where
the article setting asks for an actor the actor lexicon knows; events of the past are kept). Its
category is the PLOVER category of its *main* coded event (:func:`sentence_category`): of the
events with a PLOVER category, the one whose trigger word is closest to the root of the dependency
tree, the earlier one on a tie. A sentence in which eventwire codes no event gets no category
(``null`` in the predictions) and counts as wrong; ``coverage`` says how often that is not the
case. See ``docs/plover.md``.

Scores: ``event_accuracy`` (right / scored records), ``event_macro_f1`` (mean F1 over the
categories in the gold or the predictions of the scored records), ``coverage``, ``n`` (scored
records), ``excluded``, ``per_category`` F1 and support, and ``confusions`` (the most frequent
gold -> predicted pairs that differ, "none" for no prediction).
"""
from __future__ import annotations

import functools
import json
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, Token

from eventwire.coding import code_doc
from eventwire.coding.detect.model import load_sentence_model
from eventwire.coding.events import EventExtractor
from eventwire.engine.process import DEFAULT_PIPE_BATCH, make_docs
from eventwire.errors import Errors, EvalError, ModelError
from eventwire.eval.articles import load_jsonl, per_second, write_jsonl
from eventwire.eval.run_articles import gold_articles
from eventwire.eval.splits import select_split
from eventwire.nlp.pipeline import get_pipeline
from eventwire.types import Event

__all__ = ["MAPPING_PATH", "evaluate_plover", "load_version_mapping", "score_plover", "sentence_category"]

MAPPING_PATH = Path(__file__).parent.parent / "coding" / "data" / "plover_0_5b1_mapping.json"
TOP_CONFUSIONS = 10
NO_EVENT = "none"
CODING_SETTING = "sentence"  # how a missing prediction is shown in ``confusions``


@functools.lru_cache(maxsize=4)
def load_version_mapping(path: Path = MAPPING_PATH) -> dict[str, str | None]:
    """Older PLOVER name -> current category (None: no current category), read once."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(Errors.E250.format(path=path, reason="file not found"))
    return dict(json.loads(path.read_text(encoding="utf-8"))["mapping"])


def current_gold(record: dict, mapping: dict[str, str | None]) -> str | None:
    """The record's gold category under its current name; None when it has none (CRIME)."""
    gold = record.get("gold") or {}
    name = gold.get("event")
    if not name:
        raise EvalError(Errors.E441.format(id=record.get("id")))
    name = name.strip().upper()
    if name not in mapping:
        raise EvalError(Errors.E440.format(id=record.get("id"), name=name, path=MAPPING_PATH))
    return mapping[name]


# ---------------------------------------------------------------------------------------
# predicting
# ---------------------------------------------------------------------------------------


def sentence_category(doc: Doc, events: list[Event]) -> str | None:
    """The PLOVER category of the doc's main event: of the events with a category, the one
    whose trigger is closest to the root of its sentence's parse (the earlier on a tie)."""
    ranked = []
    for event in events:
        if not event.plover_category:
            continue
        token = _trigger_token(doc, event)
        depth = _depth(token) if token is not None else len(doc)
        ranked.append((depth, token.i if token is not None else len(doc), event.plover_category))
    return min(ranked)[2] if ranked else None


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    """The head token of the event's trigger, looked up inside its evidence sentence."""
    for evidence in event.evidence:
        if evidence.role != "trigger" or not event.trigger:
            continue
        offset = doc.text.find(event.trigger, evidence.start, evidence.end)
        if offset < 0:
            continue
        span = doc.char_span(offset, offset + len(event.trigger), alignment_mode="expand")
        if span is not None:
            return span.root
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def predict_categories(records: list[dict], *, model_path: str | Path | None = None) -> list[str | None]:
    """The category eventwire gives each record's sentence (None: no event coded).
    ``model_path``: a sentence model from ``eventwire train-detector`` instead of the packaged one
    (its PLOVER head codes the sentences no trigger codes, ``coding.detect.category``)."""
    nlp = get_pipeline()
    articles = gold_articles(records, date_key="date")
    if model_path is None:
        code = functools.partial(code_doc, setting=CODING_SETTING)
    else:
        code = EventExtractor(nlp.vocab, setting=CODING_SETTING, sentence_model=load_sentence_model(model_path))
    return [
        sentence_category(doc, code(doc))
        for doc in nlp.pipe(make_docs(articles, nlp), batch_size=DEFAULT_PIPE_BATCH)
    ]


# ---------------------------------------------------------------------------------------
# scoring
# ---------------------------------------------------------------------------------------


def score_plover(records: list[dict], predictions: list[str | None], *, mapping: dict[str, str | None] | None = None) -> dict:
    """Scores of ``predictions`` (current categories, one per record, None for none) against the
    records' gold categories after the 0.5b1 -> current mapping (see module doc)."""
    mapping = mapping if mapping is not None else load_version_mapping()
    pairs = []
    excluded = 0
    for record, predicted in zip(records, predictions):
        gold = current_gold(record, mapping)
        if gold is None:
            excluded += 1
            continue
        pairs.append((gold, predicted))
    right = sum(gold == predicted for gold, predicted in pairs)
    labels = sorted({gold for gold, _ in pairs} | {predicted for _, predicted in pairs if predicted})
    per_category = {label: _category_scores(pairs, label) for label in labels}
    confusions = Counter((gold, predicted or NO_EVENT) for gold, predicted in pairs if gold != predicted)
    n = len(pairs)
    return {
        "event_accuracy": round(right / n, 4) if n else 0.0,
        "event_macro_f1": round(sum(item["f1"] for item in per_category.values()) / len(labels), 4) if labels else 0.0,
        "coverage": round(sum(predicted is not None for _, predicted in pairs) / n, 4) if n else 0.0,
        "n": n,
        "excluded": excluded,
        "per_category": per_category,
        "confusions": [
            {"gold": gold, "predicted": predicted, "count": count}
            for (gold, predicted), count in confusions.most_common(TOP_CONFUSIONS)
        ],
    }


def _category_scores(pairs: list[tuple[str, str | None]], label: str) -> dict:
    tp = sum(gold == label and predicted == label for gold, predicted in pairs)
    fp = sum(gold != label and predicted == label for gold, predicted in pairs)
    fn = sum(gold == label and predicted != label for gold, predicted in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "support": tp + fn}


def evaluate_plover(
    path: str | Path, *, predictions_path: str | Path | None = None, split: str = "all", model_path: str | Path | None = None,
) -> dict:
    """Code every record's sentence with eventwire and score the categories (see module doc).
    ``split``: one half of the records (``eval.splits``; a record is its own story)."""
    records = select_split(load_jsonl(path), split)
    mapping = load_version_mapping()
    for record in records:
        current_gold(record, mapping)  # a bad gold line fails before the slow part
    started = time.perf_counter()
    predictions = predict_categories(records, model_path=model_path)
    seconds = time.perf_counter() - started
    if predictions_path is not None:
        write_jsonl(predictions_path, ({"id": record["id"], "event": predicted} for record, predicted in zip(records, predictions)))
    scores = score_plover(records, predictions, mapping=mapping)
    scores["docs_per_s"] = per_second(len(records), seconds)
    return scores
