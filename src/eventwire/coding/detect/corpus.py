"""Training material for the sentence models, and the balance check of eventwire's own corpus.

Two sources:

- **eventwire's own corpus** (``corpus/*.jsonl`` in the repository; format in
  ``corpus/SPEC.md``): sentences the project wrote, labelled ``event`` (an ACLED sub-event type
  and its PLOVER category), ``verbal`` (a PLOVER-only interaction), ``negative`` (ordinary news
  by genre) or ``background`` (conflict text that reports no new event).
- **public corpora** read at run time from ``../shared/data`` (never copied into the
  repository): ``train/wikievents.jsonl`` (event and no-event news sentences),
  ``train/un_quadclass.jsonl`` (its irrelevant sentences, as negatives), ``train/geneva.jsonl``
  (verbal PLOVER classes whose mapping is ``direct``) and ``plover/synthetic_train.jsonl``
  (the lead sentence of each story, with its PLOVER category).

``python -m eventwire.coding.detect.corpus corpus/ [--against ../shared/data] [--against evalsets]`` prints the
counts per class and exits 1 when a class is under its floor (80 sentences per ACLED sub-event
type, 60 per PLOVER category, 2,000 negatives), a sentence is repeated, or (with ``--against``)
a sentence shares a run of eight words with an evaluation text (``contaminated``): the corpus
is the project's own writing, and formula remembered from a gold text would measure memory.
"""
from __future__ import annotations

import json
import re
import sys
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from eventwire.coding.conventions.taxonomy import load_taxonomy
from eventwire.errors import Errors, InputError

__all__ = ["Sentence", "read_corpus", "shared_sentences", "balance", "KINDS"]

KINDS = ("event", "verbal", "negative", "background")
MIN_PER_SUB_EVENT = 80
MIN_PER_PLOVER = 60
MIN_NEGATIVES = 2000
# PLOVER categories of the synthetic stories that ACLED codes as events (the rest are verbal)
MATERIAL_PLOVER = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})
SHINGLE_WORDS = 8  # a shared run of this many words marks a sentence as copied from an eval text
# evaluation files (relative to ../shared/data) a corpus sentence must not share a run of words with
EVAL_GLOBS = ("articles/*.jsonl", "case2021/*.jsonl", "plover/dev.jsonl", "isaf/*.jsonl")
WORD_RE = re.compile(r"[a-z0-9]+")
UN_NEGATIVE_EVERY = 3  # one UN negative in three: the UN's procedural prose must not swamp news
GENEVA_GRADES = frozenset({"direct"})


@dataclass(frozen=True)
class Sentence:
    text: str
    relevance: str  # "event", "verbal" or "none"
    sub_event: str | None = None
    plover: str | None = None
    source: str = "eventwire"
    group: str = ""  # what k-fold keeps together (a file, a document)
    genre: str = ""  # the news genre of eventwire's own sentences ("crime", "accidents", ...)


def _relevance(kind: str) -> str:
    return {"event": "event", "verbal": "verbal"}.get(kind, "none")


def read_corpus(folder: str | Path) -> list[Sentence]:
    """Every sentence of ``folder/*.jsonl`` (eventwire's own corpus), checked against the taxonomy."""
    folder = Path(folder)
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise InputError(Errors.E255.format(path=folder, reason="no .jsonl file"))
    taxonomy = load_taxonomy()
    sentences = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                kind = record["kind"]
                sub = record.get("acled_sub_event_type")
                plover = record.get("plover")
                if kind not in KINDS:
                    raise ValueError(f"kind {kind!r}")
                if sub is not None and sub not in taxonomy.sub_to_type:
                    raise ValueError(f"unknown ACLED sub-event type {sub!r}")
                if plover is not None and plover not in taxonomy.plover_categories:
                    raise ValueError(f"unknown PLOVER category {plover!r}")
                if kind == "event" and sub is None:
                    raise ValueError("an event sentence needs its ACLED sub-event type")
                sentences.append(
                    Sentence(record["text"], _relevance(kind), sub, plover, "eventwire", path.stem, record.get("genre", ""))
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
                raise InputError(Errors.E255.format(path=f"{path}:{number}", reason=str(err))) from err
    return sentences


# The CASE 2021 classes outside ACLED that a genre of ordinary news belongs to (CASE task 2's
# label definitions); other genres (sport, business, culture...) have no CASE class.
GENRE_CASE_LABELS = {
    "crime": "ORG_CRIME", "accidents": "MAN_MADE_DISASTER", "disasters": "NATURAL_DISASTER",
    "weather": "NATURAL_DISASTER", "local_politics": "DIPLO", "politics": "DIPLO",
}
CASE_PER_LABEL = 120  # at most this many sentences of one class outside ACLED (each ACLED type has 90-190)


def case_examples(sentences: list[Sentence], *, per_label: int = CASE_PER_LABEL) -> list[tuple[str, str]]:
    """(text, CASE label) training pairs for the snippet classifier from eventwire's corpus: an
    event sentence is its ACLED sub-event type; a verbal or ordinary-news sentence is the CASE
    class of its genre (``GENRE_CASE_LABELS``), at most ``per_label`` of each, chosen by a hash of
    the text so the choice does not depend on file order; background sentences are left out."""
    pairs: list[tuple[str, str]] = []
    others: dict[str, list[str]] = {}
    for sentence in sentences:
        if sentence.relevance == "event" and sentence.sub_event:
            pairs.append((sentence.text, sentence.sub_event))
        elif sentence.genre in GENRE_CASE_LABELS and sentence.relevance in ("verbal", "none"):
            others.setdefault(GENRE_CASE_LABELS[sentence.genre], []).append(sentence.text)
    for label, texts in sorted(others.items()):
        chosen = sorted(texts, key=lambda text: zlib.crc32(text.encode("utf-8")))[:per_label]
        pairs.extend((text, label) for text in chosen)
    return pairs


def _jsonl(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def shared_sentences(shared: str | Path) -> list[Sentence]:
    """Training sentences from the public corpora under ``shared`` (``../shared/data``); an
    absent file is skipped."""
    shared = Path(shared)
    out: list[Sentence] = []
    path = shared / "train" / "wikievents.jsonl"
    if path.is_file():
        for record in _jsonl(path):
            labels = record["labels"]
            doc = record.get("doc_id", record["id"])
            if record.get("negative"):
                out.append(Sentence(record["text"], "none", source="wikievents", group=doc))
            elif labels.get("acled_sub_event_type"):
                out.append(Sentence(record["text"], "event", labels["acled_sub_event_type"], labels.get("plover"), "wikievents", doc))
    path = shared / "train" / "un_quadclass.jsonl"
    if path.is_file():
        negatives = [record for record in _jsonl(path) if record.get("negative")]
        out.extend(Sentence(record["text"], "none", source="un_quadclass", group=record["id"]) for record in negatives[::UN_NEGATIVE_EVERY])
    path = shared / "train" / "geneva.jsonl"
    if path.is_file():
        for record in _jsonl(path):
            plover = record["labels"].get("plover")
            grades = {trigger.get("mapping") for trigger in record.get("triggers") or [] if trigger.get("plover") == plover}
            if plover and plover not in MATERIAL_PLOVER and grades & GENEVA_GRADES:
                out.append(Sentence(record["text"], "verbal", None, plover, "geneva", record["id"]))
    path = shared / "plover" / "synthetic_train.jsonl"
    if path.is_file():
        for record in _jsonl(path):
            plover = record["gold"].get("event")
            lead = _lead_sentence(record["text"])
            if plover and lead:
                relevance = "event" if plover in MATERIAL_PLOVER else "verbal"
                out.append(Sentence(lead, relevance, None, plover, "plover_synthetic", record["id"]))
    return out


def _lead_sentence(text: str) -> str:
    """The first sentence of a story (to the first full stop followed by a space)."""
    end = text.find(". ")
    return (text if end < 0 else text[: end + 1]).strip()


def balance(sentences: list[Sentence]) -> tuple[dict, list[str]]:
    """Counts per class of eventwire's own corpus, and what falls short of the floors."""
    taxonomy = load_taxonomy()
    own = [sentence for sentence in sentences if sentence.source == "eventwire"]
    subs = Counter(sentence.sub_event for sentence in own if sentence.sub_event)
    plover = Counter(sentence.plover for sentence in own if sentence.plover)
    negatives = sum(1 for sentence in own if sentence.relevance == "none")
    repeated = [text for text, count in Counter(sentence.text.strip().casefold() for sentence in own).items() if count > 1]
    problems = [f"{sub}: {subs[sub]} sentences (< {MIN_PER_SUB_EVENT})" for sub in taxonomy.sub_to_type if subs[sub] < MIN_PER_SUB_EVENT]
    problems += [f"{cat}: {plover[cat]} sentences (< {MIN_PER_PLOVER})" for cat in taxonomy.plover_categories if plover[cat] < MIN_PER_PLOVER]
    if negatives < MIN_NEGATIVES:
        problems.append(f"negatives: {negatives} (< {MIN_NEGATIVES})")
    problems += [f"repeated sentence: {text[:60]!r}" for text in repeated[:20]]
    counts = {"sentences": len(own), "negatives": negatives, "sub_event": dict(sorted(subs.items())), "plover": dict(sorted(plover.items()))}
    return counts, problems


def _shingles(text: str) -> set[str]:
    words = WORD_RE.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def contaminated(sentences: list[Sentence], *folders: str | Path) -> list[Sentence]:
    """The sentences that share a run of ``SHINGLE_WORDS`` words with an evaluation text under
    any of ``folders``: ``../shared/data`` (``EVAL_GLOBS``) or a folder of gold files such as the
    repository's ``evalsets/`` (its ``*.jsonl``); none for an absent folder."""
    seen: set[str] = set()
    for folder in folders:
        for pattern in (*EVAL_GLOBS, "*.jsonl"):
            for path in sorted(Path(folder).glob(pattern)):
                for record in _jsonl(path):
                    seen |= _shingles(record.get("text", ""))
    return [sentence for sentence in sentences if _shingles(sentence.text) & seen]


def main(argv: list[str] | None = None) -> int:
    args = list(argv if argv is not None else sys.argv[1:])
    against = []
    while "--against" in args:
        at = args.index("--against")
        against.append(args[at + 1])
        del args[at : at + 2]
    folder = (args or ["corpus"])[0]
    sentences = read_corpus(folder)
    counts, problems = balance(sentences)
    if against:
        problems += [f"shares {SHINGLE_WORDS} words with an eval text: {s.text[:60]!r}" for s in contaminated(sentences, *against)]
    print(json.dumps(counts, indent=2))
    for problem in problems:
        print(f"short: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
