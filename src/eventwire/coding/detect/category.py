"""The trained PLOVER head codes a sentence whose act the trigger lexicon does not know.

A sentence coded on its own (the ``sentence`` setting: a PLOVER record, a snippet) names one
political act. The rule coder finds it when a trigger of its lexicon fires; a verb or phrase the
lexicon lacks ("flew to Ankara for discussions", "impounded the cargo of") leaves the sentence with
no category. Then the sentence model (``model.SentenceModel``) reads it: where its ``relevance``
head gives at least ``relevance`` to an event or a political interaction, the ``plover`` head's
best category (read from the words and the parsed predicate, ``features.predicate_features``)
is coded at the sentence's main verb (the root of its parse, ``model_trigger``), and the rule
coder reads its actors, place and date as for any trigger.

Only for single sentences: in an article a sentence with no trigger is mostly background, and
the article setting keeps its events to what the lexicon and the conventions code (the relevance
gate then reads them). Nor where the conventions set aside an act the lexicon found
(``act_set_aside``). Thresholds were chosen on the tuning half of the project's written PLOVER
check set (``evalsets/plover_written.jsonl``; docs/plover.md).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventwire.coding.coref.clauses import background_reason
from eventwire.coding.detect.features import predicate_features, reported_clauses, sentence_features, token_words
from eventwire.coding.detect.model import SentenceModel
from eventwire.coding.triggers import Trigger, TriggerEntry, TriggerLexicon, find_triggers

__all__ = ["CategorySettings", "model_trigger", "act_set_aside", "MODEL_ENTRY_PREFIX"]

MODEL_ENTRY_PREFIX = "model:"  # trigger entry ids of model-coded acts ("model:CONSULT")
PREDICATE_POS = frozenset({"VERB", "AUX", "NOUN"})
# background reasons of an infinitive that completes another verb ("to call for", "to resettle")
INFINITIVE_REASONS = ("irrealis infinitive", "irrealis complement")


@dataclass(frozen=True)
class CategorySettings:
    # Chosen on the tuning half of evalsets/plover_written.jsonl with 300 sentences of ordinary
    # news (general_dev tuning half) beside it: 0.5 (the relevance head reads the sentence as
    # more likely news of an act than not) kept most of the gain (0.581 -> 0.812 on the written
    # half) while coding 6 more of the 300 ordinary sentences (29 -> 35; 0.0 coded 172). A
    # floor on the category's own probability only lost accuracy, so there is none.
    relevance: float = 0.5


def model_trigger(doc: Doc, model: SentenceModel, settings: CategorySettings = CategorySettings()) -> Trigger | None:
    """A trigger at the main verb of the doc's most relevant sentence, with the category the
    PLOVER head reads there; None when no sentence reaches the threshold (see module doc)."""
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    sents = [sent for sent in sents if any(not token.is_punct and not token.is_space for token in sent)]
    if not sents:
        return None
    features = [sentence_features(token_words(sent)) for sent in sents]
    relevance = model.relevance(features)
    best = int(relevance.argmax())
    if relevance[best] < settings.relevance:
        return None
    head = model.heads["plover"]
    plover_features = features[best] | predicate_features(sents[best]) if model.reads_predicate else features[best]
    top = int(model.predict("plover", [plover_features])[0].argmax())
    token = _predicate(sents[best])
    if token is None:
        return None
    category = head.labels[top]
    entry = TriggerEntry(id=f"{MODEL_ENTRY_PREFIX}{category}", cls="verbal", plover=category)
    return Trigger(doc[token.i : token.i + 1], token, entry)


def act_set_aside(doc: Doc, matcher, lexicon: TriggerLexicon, rules: dict) -> bool:
    """Whether a clause convention set aside an act the lexicon found in the doc (negated, modal
    or future, conditional, a relative clause describing a noun, background): that reading
    stands, and the head codes nothing. An infinitive of purpose or complement ("rallied to call
    for", "undertook to resettle") does not count: the verb it completes still tells an act."""
    return any(
        background_reason(trigger, rules, plover=True) not in (None, *INFINITIVE_REASONS)
        for trigger in find_triggers(doc, matcher, lexicon)
    )


def _predicate(sent: Span):
    """The sentence's main predicate: its root, the clause a reporting root reports ("X cut
    exports to Y, the paper reported": cut), or (a headline with a nominal root) its first verb."""
    root = sent.root
    root = next((clause for clause in reported_clauses(root) if clause.pos_ in ("VERB", "AUX")), root)
    if root.pos_ in ("VERB", "AUX"):
        return root
    verb = next((token for token in sent if token.pos_ == "VERB"), None)
    if verb is not None:
        return verb
    return root if root.pos_ in PREDICATE_POS else None
