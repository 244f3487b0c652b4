"""Features of a news snippet for the snippet classifier (``eventwire.coding.detect.classifier``).

A processed doc (the eventwire pipeline: spaCy plus eventwire's components) becomes a set of
feature names, in four groups:

- ``w:`` and ``b:``: lower-case lemma unigrams and bigrams of the words (numbers as ``#``);
- ``ev:``: what eventwire's rule-based coder made of the doc (``doc._.ew_events``): ACLED
  sub-event and event type, PLOVER category, actor types of each coded event;
- ``tr:``: every trigger the coder's lexicon finds (entry id and trigger class), coded or not;
- ``act:`` / ``cas:``: actor types and kinds found (``doc._.ew_actors``), casualty counts;
- ``cue:``: eventwire's own per-class cue words (``data/classify_cues.json``).

``inputs_for(texts, features)`` gives what a model reading ``features`` needs: these feature
sets, the texts' sentence embeddings (``eventwire.coding.detect.embeddings``), or both.

The words let a trained model learn what the rules do not know; the rule features carry what
the coder knows to a model trained on few examples.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.coding.triggers import find_triggers
from eventwire.engine.process import make_docs
from eventwire.errors import Errors, ModelError
from eventwire.nlp.extensions import doc_list
from eventwire.types import Article

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
CUES_PATH = DATA_DIR / "classify_cues.json"
# Components the features do not read: quotes, and the typer, which reads these features (a
# snippet's features are the rule coder's reading, before the classifier types its events).
SKIP_PIPES = ("ew_quotes", "ew_type")
PIPE_BATCH = 32
NUMBER = "#"


@functools.lru_cache(maxsize=2)
def load_cues(path: Path = CUES_PATH) -> tuple[dict[str, frozenset], dict[str, tuple[str, ...]]]:
    """Single-word cues (word -> labels) and multi-word cues (" phrase " -> labels)."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(Errors.E250.format(path=path, reason="file not found"))
    cues = json.loads(path.read_text(encoding="utf-8"))["cues"]
    words: dict[str, set] = {}
    phrases: dict[str, set] = {}
    for label, items in cues.items():
        for item in items:
            item = item.lower().strip()
            target = phrases if " " in item else words
            key = f" {item} " if " " in item else item
            target.setdefault(key, set()).add(label)
    return (
        {word: frozenset(labels) for word, labels in words.items()},
        {phrase: tuple(sorted(labels)) for phrase, labels in phrases.items()},
    )


def _word(token) -> str | None:
    if token.is_punct or token.is_space:
        return None
    if token.like_num:
        return NUMBER
    return token.lemma_.lower() or token.lower_


def word_features(doc: Doc) -> set[str]:
    words = [word for word in (_word(token) for token in doc) if word]
    features = {f"w:{word}" for word in words}
    features.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    return features


def cue_features(doc: Doc) -> set[str]:
    words, phrases = load_cues()
    lemmas = [token.lemma_.lower() for token in doc if not token.is_space]
    lowers = [token.lower_ for token in doc if not token.is_space]
    features = set()
    for token_forms in (lemmas, lowers):
        for form in token_forms:
            features.update(f"cue:{label}" for label in words.get(form, ()))
        joined = " " + " ".join(token_forms) + " "
        for phrase, labels in phrases.items():
            if phrase in joined:
                features.update(f"cue:{label}" for label in labels)
    return features


def rule_features(doc: Doc, nlp: Language) -> set[str]:
    """What eventwire's own rule coder found in the doc: every coded event, those the
    relevance gate kept (``ew_events``) and those it dropped (``ew_gated``), in text order."""
    events = sorted(doc_list(doc, "ew_events") + doc_list(doc, "ew_gated"), key=_first_offset)
    return coder_features(doc[:], events, doc_triggers(doc, _extractor(nlp)))


def doc_triggers(doc: Doc, extractor) -> list:
    """Every trigger the ``ew_events`` component's lexicon finds in the doc, found once per doc
    (``extractor`` None: none)."""
    return [] if extractor is None else find_triggers(doc, extractor.matcher, extractor.lexicon)


def coder_features(span: Span, events: list, triggers: list) -> set[str]:
    """The rule coder's reading of ``span`` (a snippet's whole doc, or the sentences of one
    event in an article): the ``events`` coded there, in text order, and the triggers (of
    ``doc_triggers``), actors and casualty counts inside the span."""
    features = set()
    for index, event in enumerate(events):
        for prefix in ("ev", "ev0") if index == 0 else ("ev",):
            features.add(f"{prefix}:sub={event.sub_event_type}")
            features.add(f"{prefix}:type={event.event_type}")
            features.add(f"{prefix}:plover={event.plover_category}")
        features.add(f"ev:inter={event.inter1}-{event.inter2}")
        if event.fatalities:
            features.add("ev:fatal")
        if event.civilian_targeting:
            features.add("ev:civilian")
    if not events:
        features.add("ev:none")
    doc = span.doc
    for trigger in triggers:
        if not span.start <= trigger.token.i < span.end:
            continue
        features.add(f"tr:cls={trigger.entry.cls}")
        features.add(f"tr:id={trigger.entry.id}")
        if trigger.entry.plover:
            features.add(f"tr:plover={trigger.entry.plover}")
    inside = _char_filter(span)
    for actor in doc_list(doc, "ew_actors"):
        if inside(actor.start):
            features.add(f"act:inter={actor.inter}")
            features.add(f"act:kind={actor.kind}")
    if any(inside(claim.start) for claim in doc_list(doc, "ew_casualties")):
        features.add("cas:any")
    return features


def span_features(span: Span, events: list, triggers: list) -> set[str]:
    """The classifier's features of one event's sentences in an article (``coder_features``
    with the event alone as the coder's reading; ``triggers``: ``doc_triggers`` of its doc)."""
    return word_features(span) | cue_features(span) | coder_features(span, events, triggers)


def _extractor(nlp: Language):
    if "ew_events" not in nlp.pipe_names:
        return None
    return nlp.get_pipe("ew_events").extractor


def _char_filter(span: Span):
    start, end = span.start_char, span.end_char
    return lambda offset: start <= offset < end


def _first_offset(event) -> int:
    return min((item.start for item in event.evidence), default=0)


def doc_features(doc: Doc, nlp: Language) -> set[str]:
    return word_features(doc) | cue_features(doc) | rule_features(doc, nlp)


def featurize(texts: list[str], nlp: Language, *, batch_size: int = PIPE_BATCH) -> list[set[str]]:
    """Feature sets of ``texts``, processed in batches through ``nlp.pipe``."""
    articles = [Article(id=f"snippet-{index}", text=text, published=None) for index, text in enumerate(texts)]
    disabled = [name for name in SKIP_PIPES if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        docs = nlp.pipe(make_docs(articles, nlp), batch_size=batch_size)
        return [doc_features(doc, nlp) for doc in docs]


def inputs_for(texts: list[str], features: str, *, nlp=None, embedder_name: str | None = None):
    """What a model reading ``features`` needs of ``texts``: feature sets (None for "embed")
    and embeddings (None for "rules"). A missing extra fails (E279) before the pipeline runs."""
    feature_sets = vectors = None
    if "embed" in features:
        from eventwire.coding.detect.embeddings import get_embedder

        embedder = get_embedder()
        if embedder_name is not None and embedder.name != embedder_name:
            reason = f"it was trained on {embedder_name!r} embeddings, the embedder in use is {embedder.name!r}"
            raise ModelError(Errors.E271.format(path="<model>", reason=reason))
    if "rules" in features:
        from eventwire.nlp.pipeline import get_pipeline

        feature_sets = featurize(texts, nlp or get_pipeline())
    if "embed" in features:
        vectors = embedder.embed(list(texts))
    return feature_sets, vectors
